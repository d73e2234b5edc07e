"""Finding the engine under test from the name given on the command line.

A backend is any torch-like module: a dotted module path (``minigrad``, ``torch``,
``tests.broken_backends.x``, a user's package), or the name of an adapter registered under the
entry-point group ``conformance.backends`` (it loads to a module-like object). A registered name
wins over a module of the same name: registering it is the more explicit act.

``MODULE@PYTHON`` names a module as imported by another interpreter, in its own environment
(``torch@/opt/jtorch/bin/python``): see ``conformance.backends.elsewhere``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
from dataclasses import dataclass

from conformance.backends.elsewhere import Elsewhere

ENTRY_POINT_GROUP = "conformance.backends"


class BackendError(Exception):
    """The backend cannot be loaded; the message is one line saying why and what to do."""


@dataclass
class Backend:
    name: str  # as given by the user
    engine: object  # the module-like object bodies receive as ``torch``
    version: str | None
    origin: str  # "entry point <value>" or "module <file>"


def _entry_point(name: str):
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            return ep
    return None


def _version(engine, name: str) -> str | None:
    version = getattr(engine, "__version__", None)
    if version is not None:
        return str(version)
    try:
        return importlib.metadata.version(name.split(".")[0])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None


def _elsewhere(name: str) -> Backend:
    module, _, python = name.partition("@")
    if not module or not all(part.isidentifier() for part in module.split(".")):
        raise BackendError(f"backend {name!r}: write MODULE@PYTHON, e.g. torch@/opt/jtorch/bin/python")
    if not os.access(python, os.X_OK):
        raise BackendError(f"backend {name!r}: {python} is not an executable Python interpreter")
    engine = Elsewhere(module, python)
    return Backend(name, engine, _version_of(engine, name), f"module {module} in {python}")


def _version_of(engine, name: str) -> str | None:
    if isinstance(engine, Elsewhere):
        try:
            return engine.__version__
        except RuntimeError as e:
            raise BackendError(f"backend {name!r} failed to import: {e}") from None
    return _version(engine, name)


def load_backend(name: str) -> Backend:
    """Import the backend named ``name``; raise BackendError with a one-line explanation."""
    if "@" in name:
        return _elsewhere(name)
    ep = _entry_point(name)
    if ep is not None:
        try:
            engine = ep.load()
        except Exception as e:
            raise BackendError(
                f"backend {name!r} (entry point {ep.value}) failed to load: {type(e).__name__}: {e}"
            ) from None
        return Backend(name, engine, _version_of(engine, ep.value.split(":")[0]), f"entry point {ep.value}")
    if not name or not all(part.isidentifier() for part in name.split(".")):
        raise BackendError(
            f"backend {name!r} is not a module path or a registered name; pass e.g. --backend minigrad"
        )
    try:
        engine = importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name is not None and (name == e.name or name.startswith(e.name + ".")):
            raise BackendError(
                f"backend {name!r} not found: no module of that name and no entry point in group "
                f"{ENTRY_POINT_GROUP!r}; install it or check the spelling (e.g. --backend minigrad)"
            ) from None
        raise BackendError(f"backend {name!r} failed to import: {type(e).__name__}: {e}") from None
    except Exception as e:
        first_line = str(e).splitlines()[0] if str(e) else ""
        raise BackendError(f"backend {name!r} failed to import: {type(e).__name__}: {first_line}") from None
    return Backend(name, engine, _version(engine, name), f"module {getattr(engine, '__file__', name)}")
