"""Comparisons and `in` differentially against torch, with every kind of number torch may be handed: Python
and numpy numbers, ints beyond int64 (uint64) and beyond 64 bits, complex numbers, and the numbers.Number
types torch does not take (Fraction, Decimal)."""

import decimal
import fractions

import numpy as np
import pytest
from _compare import same
from hypothesis import given
from hypothesis import strategies as st

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


# ---- isclose, allclose, the aliases, and the methods' errors -----------------------------------------------
NAN, INF = float("nan"), float("inf")


def _t(T, *values, dtype=None):
    return T.tensor(list(values), dtype=getattr(T, dtype) if dtype else None)


CLOSE = {
    "ints atol": lambda T: T.isclose(_t(T, 1), _t(T, 2), atol=1),
    "ints rtol": lambda T: T.isclose(_t(T, 1, 3), _t(T, 2, 2), atol=0, rtol=0.5),
    "dtypes": lambda T: T.isclose(_t(T, 1.0), _t(T, 2.0, dtype="float64")),
    "number other": lambda T: T.isclose(_t(T, 1.0), 1.0),
    "neg rtol": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), rtol=-1),
    "neg atol float": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), atol=-1.5),
    "nan rtol": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), rtol=NAN),
    "nans": lambda T: T.isclose(_t(T, NAN, INF, -INF, INF), _t(T, NAN, INF, INF, 1e30)),
    "nans equal_nan": lambda T: T.isclose(
        _t(T, NAN, INF, -INF, NAN), _t(T, NAN, INF, INF, 1.0), equal_nan=True
    ),
    "allclose broadcast": lambda T: T.allclose(_t(T, 1.0), _t(T, 1.0, 1.0)),
    "allclose bad shapes": lambda T: T.allclose(T.ones(2), T.ones(3)),
    "bools": lambda T: T.isclose(_t(T, True), _t(T, False), atol=2),
    "method": lambda T: _t(T, 1.0).isclose(_t(T, 1.00001)),
    "method positional": lambda T: _t(T, 1.0, 2.0).isclose(_t(T, 1.1, 2.0), 0.2, 0.0, True),
    "allclose positional": lambda T: T.allclose(_t(T, 1.0), _t(T, 1.0), 1e-5, 1e-8, True),
    "rtol True": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.5), rtol=True),
    "atol None": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), atol=None),
    "requires grad": lambda T: T.allclose(T.tensor(1.0, requires_grad=True), T.tensor(1.0)),
    "uint8": lambda T: (
        T.isclose(_t(T, 1, dtype="uint8"), _t(T, 3, dtype="uint8"), atol=1, rtol=0),
        T.isclose(_t(T, 3, dtype="uint8"), _t(T, 1, dtype="uint8"), atol=1, rtol=0),
    ),
    "int8 wrap": lambda T: T.isclose(_t(T, 100, dtype="int8"), _t(T, -100, dtype="int8"), atol=1, rtol=0),
    "big ints": lambda T: T.isclose(_t(T, 2**60), _t(T, 2**60 + 1), rtol=0, atol=0.5),
    "zero tol": lambda T: T.isclose(_t(T, INF, 1.0, NAN), _t(T, INF, 1.0000001, NAN), atol=0, rtol=0),
    "half": lambda T: T.isclose(
        T.tensor([1.0, 1000.0, 0.001, 65504.0]).half(),
        T.tensor([1.001, 1000.5, 0.00101, 65000.0]).half(),
        rtol=1e-3,
        atol=1e-5,
    ),
    "half defaults": lambda T: T.isclose(
        T.tensor([1.0, 1.0009765625]).half(), T.tensor([1.0009765625, 1.0]).half()
    ),
    "float32 boundary": lambda T: T.isclose(T.tensor([1.0, 100.0]), T.tensor([1.00001, 100.001])),
    "rtol np": lambda T: T.isclose(_t(T, 1.0, 2.0), _t(T, 1.1, 2.0), rtol=np.float32(0.2)),
    "rtol 0-d tensor": lambda T: T.isclose(_t(T, 1.0, 2.0), _t(T, 1.1, 2.0), rtol=T.tensor(0.2)),
    "rtol 1-d tensor": lambda T: T.isclose(_t(T, 1.0, 2.0), _t(T, 1.1, 2.0), rtol=T.tensor([0.2])),
    "rtol complex": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), rtol=1j),
    "rtol str pos": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), "x"),
    "atol str pos": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), 0.1, "x"),
    "equal_nan int": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), 0.1, 0.1, 1),
    "equal_nan kw int": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), equal_nan=1),
    "method other str": lambda T: _t(T, 1.0).isclose("x"),
    "method rtol str": lambda T: _t(T, 1.0).isclose(_t(T, 1.0), "x"),
    "other kw str": lambda T: T.isclose(_t(T, 1.0), other="x"),
    "unexpected kw": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), foo=1),
    "missing other": lambda T: T.isclose(_t(T, 1.0)),
    "too many": lambda T: T.isclose(_t(T, 1.0), _t(T, 1.0), 0.1, 0.1, False, 1),
    "method too many": lambda T: _t(T, 1.0).isclose(_t(T, 1.0), 0.1, 0.1, False, 1),
    "allclose str": lambda T: T.allclose(_t(T, 1.0), "x"),
    "input str": lambda T: T.isclose("x", _t(T, 1.0)),
    "keywords": lambda T: (
        T.isclose(input=_t(T, 1.0), other=_t(T, 1.1), rtol=0.2),
        _t(T, 1.0).allclose(_t(T, 1.1), atol=0.2),
    ),
    "empty": lambda T: (T.isclose(T.ones(0), T.ones(0)), T.allclose(T.ones(0), T.ones(0))),
    "0-d": lambda T: T.isclose(T.tensor(1.0), T.tensor(1.0)),
    "aliases": lambda T: (
        T.greater(_t(T, 1.0, 2.0), 1.5),
        T.greater_equal(_t(T, 1.0, 2.0), 2),
        T.less(_t(T, 1.0), _t(T, 2.0)),
        T.less_equal(_t(T, 1.0), 1),
        T.not_equal(_t(T, 1.0), 1),
        _t(T, 1.0).greater(0),
        _t(T, 1.0).not_equal(_t(T, 1.0)),
    ),
    "alias error": lambda T: T.greater(T.ones(1), "a"),
    "alias method error": lambda T: T.ones(1).less_equal("a"),
    "equal": lambda T: (
        T.equal(_t(T, 1), _t(T, 1.0)),
        T.equal(_t(T, 1.0), _t(T, 1.0, 1.0)),
        T.equal(_t(T, NAN), _t(T, NAN)),
    ),
    "method errors": lambda T: T.ones(1).le("a"),
    "method without other": lambda T: T.ones(1).eq(),
    "method with two": lambda T: T.ones(1).gt(1, 2),
    "method keyword": lambda T: T.ones(1).eq(other=T.ones(1)),
    "method bad keyword": lambda T: T.ones(1).gt(foo=1),
}


@pytest.mark.parametrize("name", sorted(CLOSE))
def test_close_and_aliases(name):
    """isclose/allclose as torch computes them (integers and bools in the default dtype, half op by op in
    float, NaN and inf), their argument parsing and errors; greater, less... as their comparisons."""
    same(CLOSE[name])


@given(
    dtype=st.sampled_from(["float16", "float32", "float64", "int64", "uint8", "bool"]),
    values=st.lists(
        st.tuples(
            st.sampled_from(
                [0.0, 1.0, -1.0, 1e-3, 100.0, 65504.0, float("nan"), float("inf"), -float("inf")]
            ),
            st.sampled_from([0.0, 1e-8, 1e-5, 1e-3, 0.5, 1.0, 3.0]),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
    rtol=st.sampled_from([0.0, 1e-5, 1e-3, 0.1, 1.0]),
    atol=st.sampled_from([0.0, 1e-8, 1e-3, 1.0]),
    equal_nan=st.booleans(),
)
def test_random_isclose(dtype, values, rtol, atol, equal_nan):
    """isclose of values near each other's tolerance, cast to every kind of dtype, against torch."""
    first = [v for v, _, _ in values]
    second = [v + (d if up else -d) for v, d, up in values]
    if dtype in ("int64", "uint8", "bool"):  # values the integer dtype holds (casts of others are undefined)
        first, second = ([int(v) % 4 if np.isfinite(v) else 3 for v in vs] for vs in (first, second))

    def fn(T):
        a, b = (T.tensor(vs, dtype=T.float64).to(getattr(T, dtype)) for vs in (first, second))
        return T.isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan), T.allclose(a, b, rtol, atol)

    same(fn)
