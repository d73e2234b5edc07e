"""A differential conformance suite: checks any autograd engine against the installed torch.autograd."""

__version__ = "0.1.0"
