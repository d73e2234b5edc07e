"""Comparisons: elementwise, bool results, never part of the graph (nor given a tangent), and `in`."""

import numbers
import warnings

import numpy as np
from numpy.exceptions import ComplexWarning

from .._core.arguments import bool_arg, invalid_arguments, is_number, tensor_arg, type_error
from .._core.dtypes import SCALAR_TYPE_NAME, float64, get_default_dtype
from .._core.fp import silent
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
METHOD_OVERLOADS = ("(Tensor other)", "(Number other)")


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


def _method(compare):
    """Tensor.<comparison>(other), refusing a bad `other` with the method's overloads as torch does."""

    def method(self, *args, **kwargs):
        given = args + tuple(kwargs.values())
        if len(given) == 1 and (not kwargs or "other" in kwargs):
            other = given[0]
            if isinstance(other, Tensor) or is_number(other):
                return compare(self, other)
        raise invalid_arguments(compare.__name__, args, kwargs, METHOD_OVERLOADS)

    method.__name__ = compare.__name__
    return method


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


# torch's aliases
greater, greater_equal = _comparison(np.greater, "greater"), _comparison(np.greater_equal, "greater_equal")
less, less_equal = _comparison(np.less, "less"), _comparison(np.less_equal, "less_equal")
not_equal = _comparison(np.not_equal, "not_equal")


# ---- isclose / allclose ------------------------------------------------------------------------------------
CLOSE_PARAMETERS = ("input", "other", "rtol", "atol", "equal_nan")
CLOSE_DEFAULTS = {"rtol": 1e-05, "atol": 1e-08, "equal_nan": False}


def _close_arguments(fn, args, kwargs, method):
    """isclose/allclose's arguments as torch's parser reads them: {name: value}, or its TypeError (a
    positional argument is named with its position, counted without self for the method)."""
    names = CLOSE_PARAMETERS[1:] if method else CLOSE_PARAMETERS
    if len(args) > len(names):
        raise TypeError(
            f"{fn}() takes from {len(names) - 3} to {len(names)} positional arguments but {len(args)} were "
            "given"
        )
    for name in kwargs:
        if name not in names:
            raise TypeError(f"{fn}() got an unexpected keyword argument '{name}'")
    values = dict(CLOSE_DEFAULTS)
    positions = {}
    for i, (name, value) in enumerate(zip(names, args)):
        values[name], positions[name] = value, i + 1
    values.update(kwargs)
    for name in names[: len(names) - 3]:
        if name not in values:
            raise TypeError(f'{fn}() missing 1 required positional arguments: "{name}"')
    for name in names[: len(names) - 3]:
        tensor_arg(values[name], fn, name, positions.get(name))
    for name in ("rtol", "atol"):
        value = values[name]
        if isinstance(value, complex | np.complexfloating) or not is_number(value):
            raise type_error(fn, name, positions.get(name), "float", value)
        values[name] = float(value)
    bool_arg(values["equal_nan"], fn, "equal_nan", positions.get("equal_nan"))
    return values


def _isclose(input, other, rtol, atol, equal_nan):
    """torch's isclose: equal, or both NaN with equal_nan, or a finite |input - other| within
    atol + |rtol * other|, computed in the floating dtype (integers and bools in the default one), a half
    one op by op in float as torch's CPU kernels do."""
    a, b = input._data, other._data
    if a.dtype != b.dtype:
        raise RuntimeError(f"{SCALAR_TYPE_NAME[a.dtype]} did not match {SCALAR_TYPE_NAME[b.dtype]}")
    for name, value in (("rtol", rtol), ("atol", atol)):
        if not value >= 0:
            raise RuntimeError(f"{name} must be greater than or equal to zero, but got {value:g}")
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        binary_operands(input, other, "isclose")  # torch's message for shapes that do not broadcast
        raise
    close = np.equal(a, b)
    if equal_nan and a.dtype.kind == "f":
        close |= np.isnan(a) & np.isnan(b)
    if rtol or atol:
        dtype = a.dtype if a.dtype.kind == "f" else np.dtype(get_default_dtype().numpy)
        compute = np.float32 if dtype == np.float16 else dtype.type
        a, b = a.astype(compute), b.astype(compute)
        with silent():  # inf - inf and overflows, silently as torch
            allowed = compute(atol) + np.abs((compute(rtol) * b).astype(dtype)).astype(compute)
            actual = np.abs((a - b).astype(dtype))
            close |= np.isfinite(actual) & (actual <= allowed.astype(dtype))
    return np.broadcast_to(close, shape)


def isclose(*args, **kwargs):
    """torch.isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False): a bool tensor."""
    values = _close_arguments("isclose", args, kwargs, method=False)
    return make_output(np.array(_isclose(**values)), None)


def allclose(*args, **kwargs):
    """torch.allclose: whether isclose holds everywhere (a Python bool)."""
    values = _close_arguments("allclose", args, kwargs, method=False)
    return bool(_isclose(**values).all())


def _isclose_method(self, *args, **kwargs):
    values = _close_arguments("isclose", args, kwargs, method=True)
    return make_output(np.array(_isclose(self, **values)), None)


def _allclose_method(self, *args, **kwargs):
    values = _close_arguments("allclose", args, kwargs, method=True)
    return bool(_isclose(self, **values).all())


def equal(input, other):
    """True if same shape and elements (a Python bool)."""
    tensor_arg(input, "equal", "input", 1)
    tensor_arg(other, "equal", "other", 2)
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
    **{
        f.__name__: _method(f)
        for f in (eq, ne, lt, le, gt, ge, greater, greater_equal, less, less_equal, not_equal)
    },
    equal=equal,
    isclose=_isclose_method,
    allclose=_allclose_method,
    __eq__=python_operator(eq, takes_ndarray=True),
    __ne__=python_operator(ne),
    __lt__=python_operator(lt),
    __le__=python_operator(le),
    __gt__=python_operator(gt),
    __ge__=python_operator(ge),
)
