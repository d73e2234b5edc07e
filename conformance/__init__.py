"""A differential conformance suite: checks any autograd engine against the installed torch.autograd."""

import importlib.metadata

try:  # one version source (minigrad.__version__, via the distribution's metadata: see pyproject.toml)
    __version__ = importlib.metadata.version("minigrad-conformance")
except importlib.metadata.PackageNotFoundError:  # a checkout used without being installed
    __version__ = "0+unknown"
