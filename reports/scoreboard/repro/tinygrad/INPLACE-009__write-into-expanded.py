"""Reproducer for INPLACE-009::write-into-expanded: In-place arithmetic refuses an expanded tensor, such as the gradient sum() hands back

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


def write_into_expanded(torch, obs, source, op, dtype, rows, cols):
    dt = getattr(torch, dtype)

    def write(t):
        if op == "add_":
            return t.add_(1)
        if op == "mul_":
            return t.mul_(2)
        if op == "copy_":
            return t.copy_(torch.ones(t.shape, dtype=dt))
        if op == "setitem":
            t[0] = 5.0
            return t
        if op == "fill_":
            return t.fill_(3)
        if op == "zero_":
            return t.zero_()
        return t.clone().add_(1)

    if source == "expand":
        base = torch.ones(rows, 1, dtype=dt)
        with obs.raises(f"{op} on base.expand(rows, cols)"):
            obs.record("result", write(base.expand(rows, cols)))
        obs.record("base afterwards", base)
    elif source == "grad-of-sum":
        x = torch.ones(rows, cols, dtype=dt, requires_grad=True)
        (g,) = torch.autograd.grad(x.sum(), x)
        with obs.raises(f"{op} on the gradient of sum()"):
            obs.record("result", write(g))
        obs.record("gradient afterwards", g)
    else:
        x = torch.ones(rows, cols, dtype=dt, requires_grad=True)
        x.register_hook(lambda g: write(g) * 1)
        with obs.raises(f"{op} inside a hook on the gradient of sum()"):
            x.sum().backward()
        obs.record("x.grad", x.grad)


try:
    write_into_expanded(
        torch,
        PrintingObserver(),
        source='expand',
        op='add_',
        dtype='float32',
        rows=1,
        cols=2,
    )
except Exception as e:
    print(f"<body raised>: {explain(e)}")
