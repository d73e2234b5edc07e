"""Backends that live in another Python environment: torch observed here, the engine over there.

Some engines cannot share a process, or even an environment, with the oracle: JTorch (Jittor's torch
layer) installs a top-level ``torch`` package of its own. For those the suite keeps everything it
does in its worker (hypothesis draws the examples, runs each body on torch, compares, shrinks,
writes the reproducer) and runs only the backend's half of each example in a child process started
with the engine's interpreter, where ``import torch`` is the engine. The child receives the check
body's source and the drawn arguments, runs the body with the suite's own observer
(``conformance/observe.py``, loaded from its file) and sends the observations back; they are compared
with torch's exactly as an in-process backend's are. So the examples, messages and reproducers are
the same as for any backend, and a reproducer runs on the engine with that environment's Python.

Names: ``MODULE@PYTHON`` (``--backend torch@/opt/jtorch/bin/python``) for any module importable by
that interpreter, or a registered environment (``--backend jtorch``, see
``conformance.backends.environments``).

What can run elsewhere: a body that is self-contained (its parameters and builtins only, as the
catalog asks of bodies so that reproducers work) with arguments that are plain data. A check whose
body uses names of its own module (the random-program check runs the suite's program interpreter)
cannot be sent; it is skipped and the message says why.
"""

from __future__ import annotations

import builtins
import dis
import inspect
import json
import os
import pickle
import struct
import subprocess

from conformance.backends._proxy import NotApplicable
from conformance.pool import describe_exit

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_elsewhere_server.py")
OBSERVER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "observe.py")
HEADER = struct.Struct(">I")
PLAIN = (type(None), bool, int, float, complex, str, bytes)


class Unjudged(BaseException):  # noqa: N818 (the check could not be judged; the name says so)
    """The check cannot be judged elsewhere: ``outcome`` is "skip" (it cannot be sent) or "error"
    (the engine's process died). A BaseException so that hypothesis stops at once, not shrinks."""

    def __init__(self, outcome: str, message: str):
        super().__init__(message)
        self.outcome, self.message = outcome, message


def _global_names(code) -> set[str]:
    names = set()
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
            names.add(instruction.argval)
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            names |= _global_names(const)
    return names


def _plain(value) -> bool:
    if isinstance(value, PLAIN):
        return True
    if isinstance(value, (tuple, list, set, frozenset)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(k) and _plain(v) for k, v in value.items())
    return False


def portable(check, kwargs: dict) -> tuple[str, str]:
    """The body's source and name, to run in another process; Unjudged("skip") when it cannot be."""
    body = check.body
    # A body whose source is its whole module (stdlib only) brings the names it uses along.
    known = set(vars(inspect.getmodule(body))) if check.module_source else set()
    foreign = sorted(n for n in _global_names(body.__code__) if not hasattr(builtins, n) and n not in known)
    if foreign or body.__code__.co_freevars:
        names = ", ".join(foreign + list(body.__code__.co_freevars))
        raise Unjudged(
            "skip",
            f"cannot run in another Python environment: the body uses names of its module ({names})",
        )
    if not _plain(kwargs):
        raise Unjudged(
            "skip", "cannot run in another Python environment: the drawn arguments are not plain data"
        )
    return check.source(), body.__name__


class Elsewhere:
    """The backend ``module`` as imported by the interpreter ``python`` (in its own environment).

    ``env``: variables the engine needs (JTorch: ``nvcc_path=""``, ``use_mkl=0``); ``packages``:
    distributions whose versions name the engine. The child is started on first use and kept for
    the next checks; one that died is started again for the next example.
    """

    def __init__(
        self, module: str, python: str, env: dict | None = None, packages=(), label: str | None = None
    ):
        self.module, self.python = module, python
        self.env = dict(env or {})
        self.packages = tuple(packages)
        self.label = label or f"{module}@{python}"
        self._process: subprocess.Popen | None = None

    def __repr__(self):
        return f"<{self.label}: module {self.module!r} in {self.python}>"

    def _environ(self) -> dict:
        return {**os.environ, **self.env}

    def describe(self) -> dict:
        """Versions and where the module comes from, asked of a short-lived process."""
        done = subprocess.run(
            [self.python, "-I", SERVER, "--hello", self.module, ",".join(self.packages)],
            capture_output=True,
            env=self._environ(),
            text=True,
        )
        lines = done.stdout.strip().splitlines()
        if not lines:
            tail = " ".join(done.stderr.strip().splitlines()[-3:])
            raise RuntimeError(f"{self.python} could not import {self.module}: {tail}")
        return json.loads(lines[-1])

    @property
    def __version__(self) -> str:
        info = self.describe()
        named = [f"{name} {version}" for name, version in info["packages"].items() if version]
        return ", ".join(named) or info["version"]

    # -- the running child
    def _start(self):
        self._process = subprocess.Popen(
            [self.python, "-I", SERVER, OBSERVER, self.module],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=self._environ(),
        )

    def close(self):
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait()
            self._process = None

    def _call(self, request):
        if self._process is None or self._process.poll() is not None:
            self._start()
        process = self._process
        data = pickle.dumps(request, protocol=4)
        try:
            process.stdin.write(HEADER.pack(len(data)) + data)
            process.stdin.flush()
            header = process.stdout.read(HEADER.size)
            reply = pickle.loads(process.stdout.read(HEADER.unpack(header)[0])) if len(header) == 4 else None
        except (BrokenPipeError, OSError):
            reply = None
        if reply is None:
            code = process.wait()
            self._process = None
            raise Unjudged(
                "error", f"the engine's process ({self.label}) died running the check: {describe_exit(code)}"
            )
        return reply

    def run_body(self, check, kwargs: dict) -> list:
        """The backend's observations of ``check``'s body for ``kwargs`` (as ``observe.run_body``)."""
        source, name = portable(check, kwargs)
        reply = self._call(("run", source, name, kwargs))
        if "not_applicable" in reply:
            raise NotApplicable(reply["not_applicable"])
        return reply["records"]
