"""Comparisons eq ne lt le gt ge: bool results that never require grad."""

from __future__ import annotations

from conformance.ops import forms as K
from conformance.ops import inputs as I
from conformance.ops.opinfo import OpInfo
from conformance.ops.table_math import AB

# name, method, operator, and the operator a scalar on the left turns into (2 < a is a > 2)
COMPARISONS = (
    ("EQ", "eq", "==", "=="),
    ("NE", "ne", "!=", "!="),
    ("LT", "lt", "<", ">"),
    ("LE", "le", "<=", ">="),
    ("GT", "gt", ">", "<"),
    ("GE", "ge", ">=", "<="),
)


def _comparison(name, method, op, reflected):
    return OpInfo(
        name=name,
        title=f"{method}: torch.{method}, Tensor.{method}, {op} with a tensor or a scalar on either side",
        explanation=f"""Compares elementwise after broadcasting and returns a bool tensor with no grad_fn and
        requires_grad=False, even when an input requires grad. A scalar on the left uses the reflected
        operator ({reflected}). Values come from a small grid so ties happen.""",
        doc=f"torch.{method}",
        forms=(f"torch.{method}(a, b)", f"a.{method}(b)", f"a {op} b", f"a {op} {{s}}", f"{{s}} {op} a"),
        inputs=K.binary(I.SMALL_GRID, I.SMALL_GRID, scalars=(-1, 0, 0.5, 2.0)),
        dtypes=I.FLOATS_AND_INT,
        differentiable=False,
        errors=((f"torch.{method}(a, b)", K.mismatched), (f"a {op} b", K.mismatched)),
        example=f"a {op} b",
        example_inputs=AB,
    )


OPS = [_comparison(*row) for row in COMPARISONS]
