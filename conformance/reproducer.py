"""Reproducers: a standalone script, torch API only, that shows a failing example's difference.

``python repro.py`` runs it on torch; ``python repro.py minigrad`` runs the same code with the named
backend (a module, or an adapter registered for ``conformance run --backend``) as ``torch``. The
script holds the check body's own source, a small observer that prints every label and what it saw
(the same ``record``/``raises``/``warns`` interface as ``conformance.observe.Observer``), and a
call with the drawn arguments written as literals. Run both ways, the printed lines differ where
the backend differs from torch.

A check may carry its own ``script(kwargs) -> str`` (random programs are their own reproducers).
"""

from __future__ import annotations

import pprint
import textwrap

ENGINE_IMPORT = """\
import importlib
import importlib.metadata
import os
import sys


def load_engine(name):
    \"\"\"The engine to run as torch, named as for `conformance run --backend`: a registered
    adapter's name (it wins, as there) or a module path.\"\"\"
    for entry_point in importlib.metadata.entry_points(group="conformance.backends"):
        if entry_point.name == name:
            return entry_point.load()
    return importlib.import_module(name)


sys.path.insert(0, os.getcwd())  # a backend in the current directory can be named too
torch = load_engine(sys.argv[1] if len(sys.argv) > 1 else "torch")
"""

HEADER = '''\
"""Reproducer for {check_id}: {title}

    python {filename}            runs it on torch
    python {filename} BACKEND    runs it on BACKEND as torch: a module (minigrad) or a name
                                 registered for `conformance run --backend` (mygrad)

The printed lines differ between torch and the backend that failed this check.
"""

import builtins
import contextlib
import re
import warnings

{engine_import}
nan, inf = float("nan"), float("inf")  # drawn floats print as these names


def field(read):
    """A tensor property; 'n/a' where the engine has no such concept (an adapter says so), and
    the exception where reading it raises (torch's grad_fn of a view invalidated in place does)."""
    try:
        return read()
    except BaseException as e:
        if type(e).__name__ == "NotApplicable":
            return "n/a"
        if not isinstance(e, Exception):
            raise
        return f"<raised {{explain(e)}}>"


def show(value):
    """What a user can see of a value, as plain data; floats to 6 significant digits."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return float(f"{{value:.6g}}")
    if hasattr(value, "shape") and hasattr(value, "tolist"):
        return {{
            "shape": tuple(int(s) for s in value.shape),
            "dtype": field(lambda: str(value.dtype)),
            "requires_grad": field(lambda: value.requires_grad),
            "is_leaf": field(lambda: value.is_leaf),
            "grad_fn": field(lambda: show(value.grad_fn)),
            "values": show(value.tolist()),
        }}
    if hasattr(value, "next_functions"):
        return (value.name(), [None if f is None else f.name() for f, _ in value.next_functions])
    if type(value).__name__ == "Size":
        return tuple(int(s) for s in value)
    if type(value).__name__ == "dtype":
        return str(value)
    if isinstance(value, dict):
        return {{str(k): show(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return [show(v) for v in value]
    return f"<{{type(value).__name__}}>"


def explain(error):
    """The nearest builtin exception class (what a user catches) and the message."""
    kind = next(k.__name__ for k in type(error).__mro__ if getattr(builtins, k.__name__, None) is k)
    message = re.sub(r"\\s*\\(Triggered internally at .*?\\)\\s*$", "", str(error), flags=re.S)
    return f"{{kind}}: {{' '.join(message.split())}}"


class PrintingObserver:
    def record(self, label, value):
        print(f"{{label}}: {{show(value)!r}}")
        return value

    @contextlib.contextmanager
    def raises(self, label):
        try:
            yield
        except Exception as e:
            print(f"{{label}}: raised {{explain(e)}}")
        else:
            print(f"{{label}}: no exception")

    @contextlib.contextmanager
    def warns(self, label):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        print(f"{{label}}: warnings {{[explain(w.message) for w in caught]}}")


'''

CALL = """

try:
    {name}(
        torch,
        PrintingObserver(),
{arguments}
    )
except Exception as e:
    print(f"<body raised>: {{explain(e)}}")
"""


def repro_path(check_id: str) -> str:
    """Where a report keeps the reproducer of ``check_id``: ``repro/RULE-ID__check.py``."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in check_id.replace("::", "__"))
    return f"repro/{safe}.py"


def literal(value) -> str:
    """``value`` as Python source; nan/inf print as names the script defines."""
    return pprint.pformat(value, width=90, compact=True, sort_dicts=False)


def kwargs_text(kwargs: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in kwargs.items())


def make_reproducer(check, kwargs: dict, filename: str = "repro.py") -> str:
    """The reproducer script of ``check`` for the drawn ``kwargs`` (raises OSError without source)."""
    if check.script is not None:
        return check.script(kwargs)
    title = " ".join(check.rule.title.split())
    header = HEADER.format(check_id=check.id, title=title, filename=filename, engine_import=ENGINE_IMPORT)
    arguments = "\n".join(textwrap.indent(f"{k}={literal(v)},", " " * 8) for k, v in kwargs.items())
    return header + check.source() + CALL.format(name=check.body.__name__, arguments=arguments)
