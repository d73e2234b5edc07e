"""all/any, isin, the logical and bitwise ops and their operators against torch: values, dtypes, errors."""

import pytest
from _compare import same
from hypothesis import given, settings
from hypothesis import strategies as st

EXPRESSIONS = [
    "a.all()",
    "a.any()",
    "a.all(1)",
    "a.any(dim=0, keepdim=True)",
    "a.all(dim=(0, 1))",
    "u.all()",
    "u.any(0)",
    "T.all(a)",
    "T.any(a, 1)",
    "T.all(T.tensor([]))",
    "b & True",
    "b | b",
    "b ^ T.tensor([True, True])",
    "~b",
    "~i",
    "~a",
    "i & 6",
    "6 & i",
    "i | 1.5",
    "a & b",
    "b & 1",
    "1 | b",
    "i << 1",
    "i >> 1",
    "(a > 0) & (a < 3)",
    "T.bitwise_and(i, 3)",
    "T.bitwise_xor(i, u)",
    "i.bitwise_not()",
    "T.isin(i, T.tensor([5]))",
    "T.isin(i, 5)",
    "T.isin(3, i)",
    "T.isin(i, T.tensor([5, 3]), invert=True)",
    "T.logical_and(a, b)",
    "T.logical_not(i)",
    "T.logical_or(a, 0)",
    "T.logical_xor(b, b)",
    "a.logical_or(b)",
]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_expressions(expression):
    def body(T):
        a = T.tensor([[1.0, 0.0], [2.0, 3.0]])
        b = T.tensor([True, False])
        i = T.tensor([3, 5])
        u = T.tensor([1, 0], dtype=T.uint8)
        return eval(expression, {"T": T, "a": a, "b": b, "i": i, "u": u})

    same(body)


def test_in_place_operators():
    def body(T):
        mask = T.tensor([True, False, True])
        mask &= T.tensor([True, True, False])
        bits = T.tensor([1, 2, 3])
        bits |= 4
        bits ^= T.tensor([1, 1, 1])
        return [mask, bits, bits._version]

    same(body)


@settings(max_examples=20, deadline=None)
@given(
    values=st.lists(st.integers(-3, 3), min_size=1, max_size=8),
    dtype=st.sampled_from(["bool", "uint8", "int32", "int64", "float32"]),
    dim=st.sampled_from([None, 0, -1]),
)
def test_all_any_over_dtypes(values, dtype, dim):
    def body(T):
        x = T.tensor(values).to(getattr(T, dtype))
        return [x.all() if dim is None else x.all(dim), x.any() if dim is None else x.any(dim, keepdim=True)]

    same(body)
