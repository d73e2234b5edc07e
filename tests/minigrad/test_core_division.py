"""Rounding division and modulo: // (floor_divide), div(rounding_mode=), %, remainder, fmod.
Values, dtypes, grad_fn nodes and errors, differential against torch."""

import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st

INT_VALUES = [7, -7, 5, 0, -3]
FLOAT_VALUES = [1.5, -2.5, 7.0, -0.0, float("inf")]

OPS = {
    "floordiv": lambda a, b: a // b,
    "rfloordiv": lambda a, b: 7 // a if b is None else b // a,
    "floor_mode": lambda a, b: a.div(b, rounding_mode="floor"),
    "trunc_mode": lambda a, b: a.div(b, rounding_mode="trunc"),
    "mod": lambda a, b: a % b,
    "rmod": lambda a, b: 5 % a if b is None else b % a,
    "fmod": lambda a, b: a.fmod(b),
}


def _divisor(t, kind, values):
    if kind == "int":
        return 2
    if kind == "negative_float":
        return -1.5
    return t.tensor([v if v else 3 for v in values[::-1]])


@settings(max_examples=40, deadline=None)
@given(
    op=st.sampled_from(sorted(OPS)),
    dtype=st.sampled_from(["int32", "int64", "float32", "float64"]),
    divisor=st.sampled_from(["int", "negative_float", "tensor"]),
    requires_grad=st.booleans(),
)
def test_values_dtypes_and_nodes(op, dtype, divisor, requires_grad):
    def body(t):
        values = INT_VALUES if dtype.startswith("int") else FLOAT_VALUES
        a = t.tensor(values, dtype=getattr(t, dtype))
        if requires_grad and a.is_floating_point():
            a.requires_grad_()
        return OPS[op](a, _divisor(t, divisor, [abs(v) for v in INT_VALUES]))

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.tensor([1, 2]) // 0,
        lambda t: t.tensor([1, 2]) % t.tensor([1, 0]),
        lambda t: t.tensor([True]) // t.tensor([True]),
        lambda t: t.tensor([1.0]).div(2, rounding_mode="round"),
        lambda t: (t.tensor([1.5], requires_grad=True) // 2).sum().backward(),
        lambda t: (5 % t.tensor([1.5], requires_grad=True)).sum().backward(),
        lambda t: t.tensor([4, 5]).__ifloordiv__(1.5),
    ],
)
def test_errors(body):
    same_error(body)


@pytest.mark.parametrize(
    "expr",
    [
        "T.tensor([], dtype=T.int64) // 0",
        "T.tensor([], dtype=T.int64) % 0",
        "T.fmod(T.tensor([], dtype=T.int32), 0)",
        "T.zeros(2, 0, dtype=T.int64) // T.zeros(2, 1, dtype=T.int64)",
        "T.div(T.tensor([], dtype=T.int64), 0, rounding_mode='trunc')",
        "T.tensor([1]) // T.tensor([0])",
    ],
)
def test_integer_division_by_zero_raises_only_when_an_element_is_divided(expr):
    same(lambda T: eval(expr, {"T": T}))


def test_gradients_and_in_place_forms():
    def body(t):
        x = t.tensor([1.5, -2.5, 7.0], requires_grad=True)
        y = t.tensor([2.0, 2.0, -2.0], requires_grad=True)
        (x % y + x.fmod(y) + x.div(y, rounding_mode="trunc")).sum().backward()
        z = x.clone()
        z //= 2
        w = x.clone()
        w %= 2
        return x.grad, y.grad, z, w

    same(body)
