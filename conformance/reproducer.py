"""Reproducers: a standalone script, torch API only, that shows a failing example's difference.

``python repro.py`` runs it on torch; ``python repro.py minigrad`` runs the same code with the named
backend (a module, or an adapter registered for ``conformance run --backend``) as ``torch``. The
script holds the check body's own source, the suite's own observer (``conformance.observe``'s
observation part, inline, so the script needs nothing but the engine) printing each observation as
it is made, and a call with the drawn arguments written as literals. Run both ways, the printed lines
differ where the backend differs from torch. Reports write one per failure (``repro/<CHECK>.py``), and
``conformance repro CHECK_ID --backend NAME`` makes one on demand.

A check may carry its own ``script(kwargs) -> str`` (random programs are their own reproducers).
"""

from __future__ import annotations

import inspect
import os
import pprint
import textwrap

ENGINE_IMPORT = """\
import importlib
import importlib.metadata
import os
import sys


def load_engine(name):
    \"\"\"The engine to run as torch, found as `conformance run --backend` finds it: a registered
    adapter's name (it wins, as there) or a module path, from the current directory or, failing that,
    the directory the failing run was made from.\"\"\"
    for entry_point in importlib.metadata.entry_points(group="conformance.backends"):
        if entry_point.name == name:
            return entry_point.load()
    for directory in (os.getcwd(), RUN_DIRECTORY):
        if directory not in sys.path and os.path.isdir(directory):
            sys.path.insert(0, directory)
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name is None or not (name == e.name or name.startswith(e.name + ".")):
                raise  # the backend exists, but something it imports does not
    sys.exit(
        f"error: no backend {name!r}: no module of that name (from {os.getcwd()} or {RUN_DIRECTORY}) and "
        "no adapter registered under 'conformance.backends'; name it as for `conformance run --backend`"
    )


torch = load_engine(sys.argv[1] if len(sys.argv) > 1 else "torch")
"""

HEADER = '''\
"""Reproducer for {check_id}: {title}

    python {filename}            runs it on torch
    python {filename} BACKEND    runs it on BACKEND as torch: a module (minigrad) or a name
                                 registered for `conformance run --backend` (mygrad)

Each line is one observation, as the suite compared it; the lines differ between torch and the
backend that failed this check (numbers are shown to 6 significant digits).
"""

import builtins
import contextlib
import re
import warnings

{engine_import}
nan, inf = float("nan"), float("inf")  # drawn floats print as these names

'''

PRINTING = '''

def shown(observation):
    """An observation as a line: exceptions and warnings as sentences, floats to 6 significant
    digits (so float noise within torch's tolerances does not show)."""
    if isinstance(observation, dict) and set(observation) <= {"raised", "message"}:
        if observation["raised"] is None:
            return "no exception"
        return f"raised {observation['raised']}: {observation['message']}"
    if isinstance(observation, tuple) and all(isinstance(w, dict) and "warning" in w for w in observation):
        return "warnings " + repr([f"{w['warning']}: {w['message']}" for w in observation])
    return repr(rounded(observation))


def rounded(observation):
    if isinstance(observation, float):
        return float(f"{observation:.6g}")
    if isinstance(observation, dict):
        return {key: rounded(value) for key, value in observation.items()}
    if isinstance(observation, (list, tuple)):
        return type(observation)(rounded(value) for value in observation)
    return observation


class PrintingObserver(Observer):
    """The suite's observer, printing each observation as it is made."""

    def add(self, label, observation):
        super().add(label, observation)
        print(f"{label}: {shown(observation)}")

'''

CALL = """

run_body(
    {name},
    torch,
    dict(
{arguments}
    ),
    PrintingObserver(),
)
"""


def observer_source() -> str:
    """The observation part of ``conformance.observe``: what every reproducer embeds."""
    from conformance import observe

    source = inspect.getsource(observe)
    begin = source.index("# -- OBSERVATION begins")
    end = source.index("# -- OBSERVATION ends")
    return source[source.index("\n", begin) + 1 : end].strip() + "\n"


def repro_path(check_id: str) -> str:
    """Where a report keeps the reproducer of ``check_id``: ``repro/RULE-ID__check.py``."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in check_id.replace("::", "__"))
    return f"repro/{safe}.py"


def literal(value) -> str:
    """``value`` as Python source; nan/inf print as names the script defines."""
    return pprint.pformat(value, width=90, compact=True, sort_dicts=False)


def kwargs_text(kwargs: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in kwargs.items())


def engine_import() -> str:
    """The lines that make ``torch`` the engine named on the command line (programs' scripts use it)."""
    return f"RUN_DIRECTORY = {os.getcwd()!r}\n" + ENGINE_IMPORT


def make_reproducer(check, kwargs: dict, filename: str = "repro.py") -> str:
    """The reproducer script of ``check`` for the drawn ``kwargs`` (raises OSError without source)."""
    if check.script is not None:
        return check.script(kwargs)
    title = " ".join(check.rule.title.split())
    header = HEADER.format(
        check_id=check.id,
        title=title,
        filename=filename,
        engine_import=engine_import(),
    )
    arguments = "\n".join(textwrap.indent(f"{k}={literal(v)},", " " * 8) for k, v in kwargs.items())
    return (
        header
        + observer_source()
        + PRINTING
        + "\n"
        + check.source()
        + CALL.format(name=check.body.__name__, arguments=arguments)
    )
