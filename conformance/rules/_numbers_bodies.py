"""Check bodies of the numbers area (``conformance.rules.numbers``), with the helpers they share.

This module is a reproducer's source (a failing check's script is this file plus a call), so it uses
the standard library, numpy and the engine it is given as ``torch``, nothing else. Drawn values are
plain data: a tensor is ``(dtype, shape, flat values)`` and a Python number is a tagged pair such as
``("int", 300)``, ``("fraction", (1, 3))``, ``("numpy", ("uint8", 200))`` or ``("tensor", ("bool", True))``.
"""

import decimal
import fractions


def tensor(torch, spec):
    dtype, shape, flat = spec
    return torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)


def number(torch, spec):
    """The operand a drawn number stands for: a Python number, a numpy scalar or a 0-d tensor."""
    kind, value = spec
    if kind == "complex":
        return complex(*value)
    if kind == "fraction":
        return fractions.Fraction(*value)
    if kind == "decimal":
        return decimal.Decimal(value)
    if kind == "numpy":
        import numpy

        dtype, v = value
        return getattr(numpy, dtype)(v)
    if kind == "tensor":
        dtype, v = value
        return torch.tensor(v, dtype=getattr(torch, dtype))
    return value  # int, float, bool


def evaluate(torch, obs, label, expr, names):
    """Record what ``expr`` gives (value, dtype, shape) or the exception it raises."""
    with obs.raises(label):
        obs.record(label, eval(expr, {"torch": torch, **names}))


def with_numbers(torch, obs, exprs, data, operands):
    """An integer or bool tensor ``t`` with each number ``s`` of ``operands``, in every expression."""
    for operand in operands:
        for expr in exprs:
            t, s = tensor(torch, data), number(torch, operand)
            label = f"{expr} with s = {operand}"
            evaluate(torch, obs, label, expr, {"t": t, "s": s})
            # in-place forms change t, or must leave it as it was when they raise
            obs.record(f"t afterwards: {label}", t)


def two_tensors(torch, obs, expr, a, b):
    """Two tensors of any dtypes: promotion, wrapping and the operators' errors."""
    evaluate(torch, obs, expr, expr, {"a": tensor(torch, a), "b": tensor(torch, b)})


def contains(torch, obs, data, needle, conversion):
    """``needle in t``, and one conversion of a tensor to a Python number."""
    t = tensor(torch, data)
    evaluate(torch, obs, "needle in t", "needle in t", {"needle": number(torch, needle), "t": t})
    evaluate(torch, obs, conversion, conversion, {"t": t, "operator": __import__("operator")})


def construct(torch, obs, expr, dtype, value):
    """Making an integer or bool tensor from a Python number, in and out of the dtype's range."""
    names = {"dt": getattr(torch, dtype), "v": number(torch, value)}
    with obs.raises(expr):
        if expr.startswith("t["):  # an assignment: build t, then store v into it
            t = torch.zeros(2, dtype=names["dt"])
            exec(expr, {"torch": torch, "t": t, **names})
            obs.record("t", t)
        else:
            obs.record(expr, eval(expr, {"torch": torch, **names}))


def out_argument(torch, obs, expr, a, b, out, requires_grad):
    """An op writing into ``out=o``: what it returns, what o holds afterwards, and what it warned."""
    names = {"a": tensor(torch, a), "b": tensor(torch, b), "o": tensor(torch, out)}
    if requires_grad and a[0].startswith("float"):
        names["a"].requires_grad_()
    o = names["o"]
    with obs.warns(f"{expr} warnings"):
        with obs.raises(expr):
            result = eval(expr, {"torch": torch, **names})
            obs.record("returned o itself", result is o)
    obs.record("o afterwards", o)
