"""Comparisons and `in` differentially against torch, with every kind of number torch may be handed: Python
and numpy numbers, ints beyond int64 (uint64) and beyond 64 bits, complex numbers, and the numbers.Number
types torch does not take (Fraction, Decimal)."""

import decimal
import fractions

import numpy as np
import pytest
from _compare import same

OPERANDS = {
    "int": 2,
    "float": 2.5,
    "bool": True,
    "nan": float("nan"),
    "inf": float("inf"),
    "int64 max": 2**63 - 1,
    "uint64": 2**63,
    "uint64 max": 2**64 - 1,
    "beyond 64 bits": 2**64,
    "int64 min": -(2**63),
    "below int64": -(2**63) - 1,
    "complex": 2 + 0j,
    "imaginary": 1j,
    "numpy int": np.int64(2),
    "numpy float": np.float32(2.5),
    "numpy bool": np.bool_(True),
    "numpy complex": np.complex64(2 + 1j),
    "Fraction": fractions.Fraction(1, 2),
    "Decimal": decimal.Decimal(1),
    "None": None,
    "str": "a",
    "list": [2],
    "0-d tensor": "tensor(2)",
    "tensor": "tensor([1, 2])",
    "tensor of another shape": "tensor([1, 2, 3])",
}
TENSORS = {
    "int64": ([[1, 2], [3, 2]], "int64"),
    "float32": ([0.5, 2.5], "float32"),
    "float64": ([0.5, 2.0], "float64"),
    "float16": ([0.5, 2.0], "float16"),
    "bool": ([True, False], "bool"),
    "uint8": ([200, 44], "uint8"),
    "int8": ([1, 2], "int8"),
    "0-d": (2, "int64"),
    "empty": ([], "float32"),
}
CALLS = {
    "==": lambda T, t, v: t == v,
    "!=": lambda T, t, v: t != v,
    "<": lambda T, t, v: t < v,
    ">=": lambda T, t, v: t >= v,
    "reflected <": lambda T, t, v: v < t,
    "eq": lambda T, t, v: T.eq(t, v),
    "lt": lambda T, t, v: T.lt(t, v),
    "in": lambda T, t, v: v in t,
}


def _operand(T, value):
    if isinstance(value, str) and value.startswith("tensor"):
        return eval("T." + value)  # noqa: S307 (a literal of this file)
    return value


@pytest.mark.parametrize("operand", sorted(OPERANDS))
def test_comparison(operand):
    """Every comparison of every kind of tensor with the operand."""
    for tensor, (data, dtype) in TENSORS.items():
        for call, compare in CALLS.items():

            def fn(T, data=data, dtype=dtype, compare=compare):
                t = T.tensor(data, dtype=getattr(T, dtype))
                return compare(T, t, _operand(T, OPERANDS[operand]))

            # numpy's ComplexWarning is attributed to another frame than torch's: the outcome only there
            try:
                same(fn, check_warnings=operand != "numpy complex")
            except AssertionError as error:
                raise AssertionError(f"{tensor} tensor {call} {operand}: {error}") from None


def test_contains_a_tensor_with_requires_grad():
    def fn(T):
        x = T.tensor([1.0, 2.0], requires_grad=True)
        return 2.0 in x, 3 in x, T.tensor(1.0) in x * 2

    same(fn)
