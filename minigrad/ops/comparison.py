"""Comparisons: elementwise, bool results, never part of the graph."""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import invalid_arguments, is_number, tensor_arg
from .._core.broadcast import broadcast_shapes
from . import Tensor, binary_operands, make_output, python_operator, register_methods

OVERLOADS = (
    "(Tensor input, Tensor other, *, Tensor out = None)",
    "(Tensor input, Number other, *, Tensor out = None)",
)


def _comparison(ufunc, name):
    def compare(input, other):
        if not isinstance(input, Tensor) or not (isinstance(other, Tensor) or is_number(other)):
            raise invalid_arguments(name, (input, other), {}, OVERLOADS)
        _, _, a, b = binary_operands(input, other, name)
        return make_output(ufunc(a, b), None)

    compare.__name__ = name
    return compare


eq = _comparison(np.equal, "eq")
ne = _comparison(np.not_equal, "ne")
lt = _comparison(np.less, "lt")
le = _comparison(np.less_equal, "le")
gt = _comparison(np.greater, "gt")
ge = _comparison(np.greater_equal, "ge")


def equal(input, other):
    """True if same shape and elements (a Python bool)."""
    tensor_arg(input, "equal", "input", 1)
    tensor_arg(other, "equal", "other", 2)
    return input._data.shape == other._data.shape and bool(np.array_equal(input._data, other._data))


def _close(name, input, other, rtol, atol, equal_nan):
    """isclose's test, on numpy arrays, as torch computes it: equal, or (with equal_nan) both nan, or a
    finite |input - other| <= atol + |rtol * other| in the tensors' own dtype."""
    tensor_arg(input, name, "input", 1)
    tensor_arg(other, name, "other", 2)
    a, b = input._data, other._data
    if a.dtype != b.dtype:
        names = _dtype.SCALAR_TYPE_NAMES
        raise RuntimeError(f"{names[input.dtype]} did not match {names[other.dtype]}")
    if rtol < 0:
        raise RuntimeError(f"rtol must be greater than or equal to zero, but got {rtol:g}")
    if atol < 0:
        raise RuntimeError(f"atol must be greater than or equal to zero, but got {atol:g}")
    if a.shape != b.shape:
        broadcast_shapes(a.shape, b.shape)
    close = np.equal(a, b)
    kind = a.dtype.kind
    if equal_nan and kind == "f":
        close |= np.isnan(a) & np.isnan(b)
    if rtol == 0 and atol == 0:
        return close
    if kind == "b":
        a = a.astype(_dtype.get_default_dtype().numpy)
        b = b.astype(a.dtype)
    scale = a.dtype if kind in "fb" else _dtype.get_default_dtype().numpy  # rtol * an integer tensor: float
    with np.errstate(all="ignore"):
        allowed = scale.type(atol) + np.abs(scale.type(rtol) * b.astype(scale, copy=False))
        actual = np.abs(a - b)
        close |= np.isfinite(actual) & (actual.astype(scale, copy=False) <= allowed)
    return close


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return make_output(_close("isclose", input, other, rtol, atol, equal_nan), None)


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Whether every element is close (a Python bool)."""
    return bool(np.all(_close("allclose", input, other, rtol, atol, equal_nan)))


register_methods(
    eq=eq,
    ne=ne,
    lt=lt,
    le=le,
    gt=gt,
    ge=ge,
    equal=equal,
    isclose=isclose,
    allclose=allclose,
    __eq__=python_operator(eq, takes_ndarray=True),
    __ne__=python_operator(ne),
    __lt__=python_operator(lt),
    __le__=python_operator(le),
    __gt__=python_operator(gt),
    __ge__=python_operator(ge),
)
