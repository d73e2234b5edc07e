"""Engines judged in an environment of their own (see ``conformance.backends.elsewhere``).

JTorch (https://github.com/JittorMatrix/jtorch) is Jittor's torch layer: it installs a top-level
``torch`` package, so it cannot be installed beside the torch the suite uses as its oracle. It lives
in a virtual environment of its own (by default ``~/.cache/conformance/envs/jtorch``; the variable
``CONFORMANCE_ENVS`` moves the root) and is reached as ``--backend jtorch``. Make the environment with
``conformance scoreboard --setup --engines jtorch`` (or ``python -m conformance.backends.environments
jtorch``): a venv, ``pip install jittor jtorch``, then one import that compiles Jittor's C++ core
(about two minutes). Jittor is told there is no CUDA and no MKL to fetch (``nvcc_path=""``,
``use_mkl=0``): this machine reaches no download site but the package registries.

What JTorch is, as a backend: its own ``torch`` module, unchanged; nothing is mapped or refused. Its
tensors are jittor ``Var`` objects (``isinstance(x, torch.Tensor)`` holds), which the observer in
the engine's process counts as tensors.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field

from conformance.backends.elsewhere import Elsewhere


def envs_root() -> str:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.environ.get("CONFORMANCE_ENVS") or os.path.join(cache, "conformance", "envs")


@dataclass(frozen=True)
class Environment:
    name: str  # the backend's name: --backend NAME
    module: str  # the module the engine's programs import
    requirements: tuple[str, ...]  # what pip installs into the environment
    versions_of: tuple[str, ...]  # distributions whose versions name the engine
    why: str  # why it needs an environment of its own
    env: dict = field(default_factory=dict)  # variables the engine needs, in every process it runs in

    def directory(self) -> str:
        return os.path.join(envs_root(), self.name)

    def python(self) -> str:
        return os.path.join(self.directory(), "bin", "python")

    def exists(self) -> bool:
        return os.access(self.python(), os.X_OK)

    def setup_command(self) -> str:
        return f"conformance scoreboard --setup --engines {self.name}"

    def backend(self) -> Elsewhere:
        if not self.exists():
            raise ModuleNotFoundError(
                f"{self.name} lives in an environment of its own and {self.directory()} has none yet: "
                f"run `{self.setup_command()}`",
                name=self.module,
            )
        return Elsewhere(self.module, self.python(), self.env, self.versions_of, label=self.name)

    def setup(self, run=subprocess.run) -> None:
        """Create the environment, install the engine, and import it once (Jittor compiles then)."""
        if not self.exists():
            run([sys.executable, "-m", "venv", self.directory()], check=True)
        run([self.python(), "-m", "pip", "install", *self.requirements], check=True)
        run([self.python(), "-c", f"import {self.module}"], check=True, env={**os.environ, **self.env})


ENVIRONMENTS = {
    "jtorch": Environment(
        name="jtorch",
        module="torch",
        requirements=("jittor==1.3.11.0", "jtorch==0.1.7"),
        versions_of=("jtorch", "jittor"),
        why="JTorch installs a top-level torch package of its own",
        env={"nvcc_path": "", "use_mkl": "0", "log_silent": "1"},
    ),
}


def __getattr__(name: str):
    """``conformance.backends.environments:jtorch`` (the entry point) is the backend in its env."""
    if name in ENVIRONMENTS:
        return ENVIRONMENTS[name].backend()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    for wanted in sys.argv[1:] or list(ENVIRONMENTS):
        ENVIRONMENTS[wanted].setup()
