"""Observing an engine and comparing two observations: the one definition of what a user can see.

A check body records what a user could see through ``obs``. Every value is turned into a plain,
engine-independent *observation* at the moment it is recorded (so later in-place changes do not
rewrite history):

- tensors: shape, dtype, requires_grad, is_leaf, grad_fn (name and next_functions), values
- grad_fn nodes: ``name()`` and the names in ``next_functions``
- exceptions: the builtin exception class and the message
- warnings: category and message
- everything else: Python scalars, strings, None, tuples/lists/dicts of those

The observation part (between the ``OBSERVATION`` markers) uses the standard library only, and every
reproducer script carries its source inline: a reproducer prints exactly what the suite compared.

``compare(reference, candidate)`` returns a list of readable differences (empty when they match).
Values are compared with ``torch.testing.assert_close`` defaults for the reference dtype, with
NaN equal to NaN (both engines producing NaN is the same behaviour).
"""

from __future__ import annotations

import builtins
import contextlib
import math
import re
import warnings

# -- OBSERVATION begins: stdlib only (builtins, contextlib, re, warnings); reproducers embed it ------------


def _is_tensor(x) -> bool:
    t = type(x)
    return any(k.__name__ in ("Tensor", "Parameter") for k in t.__mro__) and hasattr(x, "shape")


def _is_node(x) -> bool:
    return hasattr(x, "next_functions") and callable(getattr(x, "name", None))


def _node_name(node) -> str:
    try:
        return str(node.name())
    except Exception as e:  # a backend whose node has no name() still gets observed
        return f"<{type(node).__name__}: name() raised {type(e).__name__}>"


def _next_names(node):
    out = []
    for entry in getattr(node, "next_functions", ()) or ():
        fn, idx = entry
        out.append((None if fn is None else _node_name(fn), int(idx)))
    return tuple(out)


def observe_node(node):
    if node is None:
        return None
    return {"node": _node_name(node), "next": _next_names(node)}


def _dtype_name(dtype) -> str:
    """Which dtype, by name: torch's prints as ``torch.float32``, Paddle's torch mode's as
    ``paddle.float32`` and JTorch's as ``float32``; all three are the same dtype to a program, so the
    observation is the name under torch's prefix (how a dtype prints is not what this compares)."""
    return "torch." + str(dtype).rpartition(".")[2]


def _values(t):
    """The tensor's values as nested Python lists, read without going through autograd. A ZeroTensor
    (torch's memoryless zeros, which forward AD leaves in gradients) refuses tolist(): its values are read
    from a copy."""
    try:
        if getattr(t, "_is_zerotensor", lambda: False)():
            return t.detach().clone().tolist()
        return t.detach().tolist()
    except Exception:
        return t.tolist()


# A tensor property the engine has no concept of (an adapter raised NotApplicable while the observer
# read it in passing). The field is left out of the comparison; a body that reads the property
# itself still makes its whole check not applicable.
NOT_APPLICABLE = "n/a"


def _field(read):
    """A tensor property; reading it may raise (torch's grad_fn does for a view made invalid by an
    in-place op), and then the exception is what a user sees, so it is the observation."""
    try:
        return read()
    except BaseException as e:  # NotApplicable is a BaseException, so that bodies cannot catch it
        if type(e).__name__ == "NotApplicable":
            return NOT_APPLICABLE
        if not isinstance(e, Exception):
            raise
        return observe_exception(e)


def observe_tensor(t):
    return {
        "tensor": True,
        "shape": tuple(int(s) for s in t.shape),
        "dtype": _field(lambda: _dtype_name(t.dtype)),
        "requires_grad": _field(lambda: bool(t.requires_grad)),
        "is_leaf": _field(lambda: bool(t.is_leaf)),
        "grad_fn": _field(lambda: observe_node(t.grad_fn)),
        "values": _values(t),
    }


def observe(value):
    """Turn anything a check records into a plain observation."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if _is_tensor(value):
        return observe_tensor(value)
    if _is_node(value):
        return observe_node(value)
    if type(value).__name__ == "Size":  # torch.Size: compare as a tuple of ints
        return ("Size", tuple(int(s) for s in value))
    if type(value).__name__ == "dtype":
        return ("dtype", _dtype_name(value))
    if isinstance(value, BaseException):
        return observe_exception(value)
    if isinstance(value, dict):
        return {str(k): observe(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return tuple(observe(v) for v in value)
    return ("object", type(value).__name__, repr(value))


def _builtin_base(exc_type) -> str:
    """The nearest builtin exception class: torch's own subclasses compare by what users catch."""
    for k in exc_type.__mro__:
        if getattr(builtins, k.__name__, None) is k:
            return k.__name__
    return "Exception"


_TRIGGERED = re.compile(r"\s*\(Triggered internally at .*?\)\s*$", re.S)


def _clean_message(msg: str) -> str:
    return " ".join(_TRIGGERED.sub("", str(msg)).split())


def _message(e: BaseException) -> str:
    """The exception's message; what a user sees even when its class's ``__str__`` is broken."""
    try:
        return e.args[0] if len(e.args) == 1 and isinstance(e.args[0], str) else str(e)
    except Exception as inner:
        return f"<str() of the exception raised {type(inner).__name__}>"


def observe_exception(e: BaseException):
    return {"raised": _builtin_base(type(e)), "message": _clean_message(_message(e))}


class Observer:
    """Collects ``(label, observation)`` pairs in order.

    ``record(label, value)``       the value as a user sees it now
    ``with raises(label):``        the exception raised in the block (or that none was), then go on
    ``with warns(label):``         the warnings issued in the block
    """

    def __init__(self):
        self.records: list[tuple[str, object]] = []

    def add(self, label: str, observation):
        """Every observation goes through here (a reproducer's observer also prints it)."""
        self.records.append((label, observation))

    def record(self, label: str, value):
        self.add(label, observe(value))
        return value

    @contextlib.contextmanager
    def raises(self, label: str):
        try:
            yield
        except Exception as e:  # the point: any exception is an observation
            self.add(label, observe_exception(e))
        else:
            self.add(label, {"raised": None})

    @contextlib.contextmanager
    def warns(self, label: str):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        seen = tuple(
            {"warning": _builtin_base(w.category), "message": _clean_message(_message(w.message))}
            for w in caught
        )
        self.add(label, seen)


def run_body(body, engine, kwargs, obs=None) -> list:
    """Run a check body on one engine; an exception escaping the body is the last observation."""
    obs = Observer() if obs is None else obs
    try:
        body(engine, obs, **kwargs)
    except Exception as e:
        obs.add("<body raised>", observe_exception(e))
    return obs.records


# -- OBSERVATION ends ----------------------------------------------------------------------------------


# -- comparison ---------------------------------------------------------------------------------


def _close(ref, cand, dtype: str):
    """assert_close with the reference dtype's default tolerances; returns a message or None."""
    import torch

    try:
        r = torch.tensor(ref, dtype=getattr(torch, dtype.replace("torch.", "")))
        c = torch.tensor(cand, dtype=r.dtype)
        torch.testing.assert_close(c, r, equal_nan=True)
    except (AssertionError, ValueError, TypeError, RuntimeError) as e:
        return " ".join(str(e).split())[:400]
    return None


def _diff(path: str, ref, cand, out: list):
    if isinstance(ref, dict) and ref.get("tensor") and isinstance(cand, dict) and cand.get("tensor"):
        for key in ("shape", "dtype", "requires_grad", "is_leaf", "grad_fn"):
            if cand[key] != NOT_APPLICABLE:
                _diff(f"{path}.{key}", ref[key], cand[key], out)
        if ref["shape"] == cand["shape"] and cand["dtype"] in (ref["dtype"], NOT_APPLICABLE):
            problem = _close(ref["values"], cand["values"], ref["dtype"])
            if problem:
                out.append(f"{path}.values: torch {ref['values']!r}, backend {cand['values']!r} ({problem})")
        return
    if isinstance(ref, dict) and "raised" in ref and isinstance(cand, dict) and "raised" in cand:
        if ref["raised"] != cand["raised"]:
            what = lambda o: "no exception" if o["raised"] is None else f"{o['raised']}: {o['message']}"  # noqa: E731
            out.append(f"{path}: torch raised {what(ref)!r}, backend {what(cand)!r}")
        elif ref["raised"] is not None and ref["message"] not in cand["message"]:
            out.append(
                f"{path}: message should contain torch's {ref['message']!r}, backend said {cand['message']!r}"
            )
        return
    if isinstance(ref, dict) and "warning" in ref and isinstance(cand, dict) and "warning" in cand:
        if ref["warning"] != cand["warning"] or ref["message"] not in cand["message"]:
            out.append(f"{path}: torch warned {ref!r}, backend {cand!r}")
        return
    if isinstance(ref, dict) and isinstance(cand, dict) and ref.keys() == cand.keys():
        for k in ref:
            _diff(f"{path}.{k}", ref[k], cand[k], out)
        return
    if isinstance(ref, tuple) and isinstance(cand, tuple) and len(ref) == len(cand):
        for i, (r, c) in enumerate(zip(ref, cand)):
            _diff(f"{path}[{i}]", r, c, out)
        return
    if isinstance(ref, float) and isinstance(cand, float) and type(ref) is type(cand):
        if not (ref == cand or (math.isnan(ref) and math.isnan(cand))):
            # A bare float usually came out of float32 arithmetic (``.item()``): use float32 tolerances.
            problem = _close(ref, cand, "float32")
            if problem:
                out.append(f"{path}: torch {ref!r}, backend {cand!r}")
        return
    if type(ref) is not type(cand) or ref != cand:
        out.append(f"{path}: torch {_short(ref)}, backend {_short(cand)}")


def _short(o) -> str:
    s = repr(o)
    return s if len(s) < 300 else s[:300] + "..."


def compare(reference: list, candidate: list) -> list[str]:
    """Differences between two observation lists, as readable lines (empty: they match)."""
    out: list[str] = []
    for i, ((rl, rv), (cl, cv)) in enumerate(zip(reference, candidate)):
        if rl != cl:
            out.append(
                f"step {i}: torch recorded {rl!r} ({_short(rv)}), backend recorded {cl!r} ({_short(cv)})"
            )
            return out
        _diff(rl, rv, cv, out)
    if len(reference) != len(candidate):
        longer, who = (reference, "torch") if len(reference) > len(candidate) else (candidate, "backend")
        extra = longer[min(len(reference), len(candidate))]
        out.append(f"only {who} recorded {extra[0]!r}: {_short(extra[1])}")
    return out
