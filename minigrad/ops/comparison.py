"""Comparisons: elementwise, bool results, never part of the graph (nor given a tangent), and `in`."""

import numbers
import warnings

import numpy as np
from numpy.exceptions import ComplexWarning

from .._core.arguments import invalid_arguments, is_number
from .._core.dtypes import float64, get_default_dtype
from .._core.warn_once import warn_once
from . import Tensor, binary_operands, make_output, python_operator, register_methods

COMPLEX_TO_REAL = "Casting complex values to real discards the imaginary part"
COMPLEX_HALF = (
    "ComplexHalf support is experimental and many operators don't support it yet. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/EmptyTensor.cpp:54.)"
)
OVERLOADS = (
    "(Tensor input, Tensor other, *, Tensor out = None)",
    "(Tensor input, Number other, *, Tensor out = None)",
)


def _comparison(ufunc, name):
    def compare(input, other):
        if not isinstance(input, Tensor) or not (isinstance(other, Tensor) or is_number(other)):
            raise invalid_arguments(name, (input, other), {}, OVERLOADS)
        if isinstance(other, complex | np.complexfloating):
            other = _complex_operand(other)
            if isinstance(other, complex):
                return make_output(_compare_complex(ufunc, name, input._data, other), None)
        _, _, a, b = binary_operands(input, other, name)
        return make_output(ufunc(a, b), None)

    compare.__name__ = name
    return compare


def _complex_operand(value):
    """A complex number as torch takes it: a Python complex as is; a numpy one as its real part, with
    numpy's warning (torch reads numpy scalars as doubles)."""
    if isinstance(value, complex):
        return value
    warnings.warn(COMPLEX_TO_REAL, ComplexWarning, stacklevel=4)
    return float(value.real)


def _compare_complex(ufunc, name, data, value):
    """A tensor against a Python complex: computed in the complex dtype torch promotes to (complex128 for
    a float64 tensor, else the default dtype's); only == and != exist for complex numbers."""
    double = data.dtype == np.float64 or get_default_dtype() is float64
    if ufunc is not np.equal and ufunc is not np.not_equal:
        kind = "ComplexDouble" if double else "ComplexHalf" if data.dtype == np.float16 else "ComplexFloat"
        raise NotImplementedError(f"\"{name}_cpu\" not implemented for '{kind}'")
    if data.dtype == np.float16:  # torch computes in ComplexHalf (numpy has none: complex64 holds its values)
        warn_once(COMPLEX_HALF, stacklevel=4)
    dtype = np.complex128 if double else np.complex64
    return ufunc(data.astype(dtype), dtype(value))


eq = _comparison(np.equal, "eq")
ne = _comparison(np.not_equal, "ne")
lt = _comparison(np.less, "lt")
le = _comparison(np.less_equal, "le")
gt = _comparison(np.greater, "gt")
ge = _comparison(np.greater_equal, "ge")


def equal(input, other):
    """True if same shape and elements (a Python bool)."""
    return input._data.shape == other._data.shape and bool(np.array_equal(input._data, other._data))


def contains(self, element):
    """`element in t`: torch's Tensor.__contains__, `(element == t).any()` for a Tensor or a number."""
    if isinstance(element, Tensor | numbers.Number):
        found = element == self
        if not isinstance(found, Tensor):  # `==` gave up (a Fraction): torch then calls .any() on a bool
            raise AttributeError(f"'{type(found).__name__}' object has no attribute 'any'")
        return bool(found._data.any())
    raise RuntimeError(
        f"Tensor.__contains__ only supports Tensor or scalar, but you passed in a {type(element)}."
    )


register_methods(
    __contains__=contains,
    eq=eq,
    ne=ne,
    lt=lt,
    le=le,
    gt=gt,
    ge=ge,
    equal=equal,
    __eq__=python_operator(eq, takes_ndarray=True),
    __ne__=python_operator(ne),
    __lt__=python_operator(lt),
    __le__=python_operator(le),
    __gt__=python_operator(gt),
    __ge__=python_operator(ge),
)
