"""Reproducer for OP-ADD-INPLACE::errors: add_: in-place addition (tensor or scalar, alpha)

    python repro.py            runs it on torch
    python repro.py BACKEND    runs it on BACKEND as torch: a module (minigrad) or a name
                                 registered for `conformance run --backend` (mygrad)

The printed lines differ between torch and the backend that failed this check.
"""

import builtins
import contextlib
import re
import warnings

import importlib
import importlib.metadata
import os
import sys


def load_engine(name):
    """The engine to run as torch, named as for `conformance run --backend`: a registered
    adapter's name (it wins, as there) or a module path."""
    for entry_point in importlib.metadata.entry_points(group="conformance.backends"):
        if entry_point.name == name:
            return entry_point.load()
    return importlib.import_module(name)


sys.path.insert(0, os.getcwd())  # a backend in the current directory can be named too
torch = load_engine(sys.argv[1] if len(sys.argv) > 1 else "torch")

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
        return f"<raised {explain(e)}>"


def show(value):
    """What a user can see of a value, as plain data; floats to 6 significant digits."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if hasattr(value, "shape") and hasattr(value, "tolist"):
        return {
            "shape": tuple(int(s) for s in value.shape),
            "dtype": field(lambda: str(value.dtype)),
            "requires_grad": field(lambda: value.requires_grad),
            "is_leaf": field(lambda: value.is_leaf),
            "grad_fn": field(lambda: show(value.grad_fn)),
            "values": show(value.tolist()),
        }
    if hasattr(value, "next_functions"):
        return (value.name(), [None if f is None else f.name() for f, _ in value.next_functions])
    if type(value).__name__ == "Size":
        return tuple(int(s) for s in value)
    if type(value).__name__ == "dtype":
        return str(value)
    if isinstance(value, dict):
        return {str(k): show(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [show(v) for v in value]
    return f"<{type(value).__name__}>"


def explain(error):
    """The nearest builtin exception class (what a user catches) and the message."""
    kind = next(k.__name__ for k in type(error).__mro__ if getattr(builtins, k.__name__, None) is k)
    message = re.sub(r"\s*\(Triggered internally at .*?\)\s*$", "", str(error), flags=re.S)
    return f"{kind}: {' '.join(message.split())}"


class PrintingObserver:
    def record(self, label, value):
        print(f"{label}: {show(value)!r}")
        return value

    @contextlib.contextmanager
    def raises(self, label):
        try:
            yield
        except Exception as e:
            print(f"{label}: raised {explain(e)}")
        else:
            print(f"{label}: no exception")

    @contextlib.contextmanager
    def warns(self, label):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        print(f"{label}: warnings {[explain(w.message) for w in caught]}")


def errors(torch, obs, expr, inputs):
    env = {"torch": torch}
    if "F." in expr:
        env["F"] = torch.nn.functional
    for name, (dtype, shape, flat) in inputs.items():
        env[name] = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
        if dtype.startswith("float"):
            env[name].requires_grad_()
    with obs.raises(expr):
        obs.record("unexpected result", eval(expr, env))


try:
    errors(
        torch,
        PrintingObserver(),
        expr='a.add_(b)',
        inputs={'a': ('float32', (), [0.0]), 'b': ('float32', (), [0.0])},
    )
except Exception as e:
    print(f"<body raised>: {explain(e)}")
