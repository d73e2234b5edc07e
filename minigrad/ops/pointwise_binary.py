"""Pointwise binary ops beyond arithmetic and transcendental: hypot lerp copysign fmax fmin, with their method
and in-place forms. Forwards only (their autograd stories are rows in derivatives/pointwise_binary.py), and
the helpers of torch's formulas (FunctionsManual's copysign_tensor_self_backward; C++'s `Scalar - Tensor`),
registered in `at`.

Types follow torch's TensorIterator: the operands promote together (a Python scalar or 0-d tensor does not
lift a dimensioned tensor's category), copysign promotes integers to the default dtype, and hypot and lerp
refuse them with torch's "not implemented for" error.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core import grad_mode
from .._core.arguments import invalid_arguments, is_number, tensor_arg, type_name
from .._core.broadcast import broadcast_shapes
from .._core.fp import silent
from .._core.graph import not_implemented_node
from ..derivatives import at
from ..derivatives import pointwise_binary as rows
from . import Tensor, binary_operands, float_operands, inplace, make_output, register_methods


def _type_name(data):
    return _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(data.dtype)]


def _not_implemented(kernel, dtype):
    return NotImplementedError(
        f"\"{kernel}\" not implemented for '{_dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(dtype)]}'"
    )


def _tensor_other(name, other, position=2, argument="other"):
    if not isinstance(other, Tensor):
        raise TypeError(
            f"{name}(): argument '{argument}' (position {position}) must be Tensor, not {type_name(other)}"
        )


def _constant(array):
    return make_output(array, None)


# ---- hypot
def hypot(input, other):
    tensor_arg(input, "hypot")
    _tensor_other("hypot", other)
    _, _, a, b = binary_operands(input, other, "hypot")
    if np.result_type(a, b).kind != "f":
        raise _not_implemented("hypot_cpu", np.result_type(a, b))
    with silent():
        return rows.HYPOT.record(np.hypot(a, b), input, other)


def hypot_(self, other):
    return inplace(self, hypot, other)


# ---- lerp
def _lerp_values(a, b, w):
    """torch's lerp kernel: a + w (b - a) for |w| < 0.5, b - (b - a)(1 - w) beyond (exact at both ends)."""
    with silent():
        diff = b - a
        return np.where(np.abs(w) < 0.5, a + w * diff, b - diff * (1 - w)).astype(np.result_type(a, b))


_LERP_FUNCTION = (
    "(Tensor input, Tensor end, Tensor weight, *, Tensor out = None)",
    "(Tensor input, Tensor end, Number weight, *, Tensor out = None)",
)
_LERP_METHOD = ("(Tensor end, Tensor weight)", "(Tensor end, Number weight)")


def _check_lerp_arguments(name, args, signatures):
    *_, end, weight = args
    if not isinstance(end, Tensor) or not (isinstance(weight, Tensor) or is_number(weight)):
        raise invalid_arguments(name, args, {}, signatures)


def lerp(input, end, weight):
    tensor_arg(input, "lerp")
    _check_lerp_arguments("lerp", (input, end, weight), _LERP_FUNCTION)
    a, b = input._data, end._data
    if a.dtype != b.dtype:
        raise RuntimeError(
            f"expected dtype {_dtype.from_numpy(a.dtype)._cpp} for `end` but got dtype "
            f"{_dtype.from_numpy(b.dtype)._cpp}"
        )
    shape = broadcast_shapes(a.shape, b.shape)
    if isinstance(weight, Tensor):
        w = weight._data
        if w.dtype != a.dtype:
            raise RuntimeError(
                f"expected dtype {_dtype.from_numpy(a.dtype)._cpp} for `weight` but got dtype "
                f"{_dtype.from_numpy(w.dtype)._cpp}"
            )
        broadcast_shapes(shape, w.shape)
        if a.dtype.kind != "f":
            raise _not_implemented("lerp_kernel_tensor", a.dtype)
        return rows.LERP_TENSOR.record(_lerp_values(a, b, w), input, end, weight)
    if isinstance(weight, np.generic):
        weight = weight.item()
    if a.dtype.kind != "f":
        raise _not_implemented("lerp_kernel_scalar", a.dtype)
    return rows.LERP_SCALAR.record(_lerp_values(a, b, a.dtype.type(weight)), input, end, weight)


def _lerp_method(self, end, weight):
    _check_lerp_arguments("lerp", (end, weight), _LERP_METHOD)
    return lerp(self, end, weight)


def lerp_(self, end, weight):
    _check_lerp_arguments("lerp_", (end, weight), _LERP_METHOD)
    return inplace(self, lerp, end, weight)


# ---- copysign
COPYSIGN_OVERLOADS = (
    "(Tensor input, Tensor other, *, Tensor out = None)",
    "(Tensor input, Number other, *, Tensor out = None)",
)


def copysign(input, other):
    if not isinstance(input, Tensor) or not (isinstance(other, Tensor) or is_number(other)):
        raise invalid_arguments("copysign", (input, other), {}, COPYSIGN_OVERLOADS)
    _, _, a, b = float_operands(input, other, "copysign")
    result = np.copysign(a, b)
    if not isinstance(other, Tensor):
        return rows.COPYSIGN_SCALAR.record(result, input, other)
    return rows.COPYSIGN.record(result, input, other)


def copysign_(self, other):
    return inplace(self, copysign, other)


def copysign_tensor_self_backward(grad, self, result):
    """torch's: grad * result / self, 0 where self is 0."""
    ratio = result / self
    ratio = ratio.masked_fill(self == 0, 0)
    return grad * ratio


# ---- fmax / fmin
def _nan_ignoring(name, ufunc, row, input, other):
    tensor_arg(input, name)
    _tensor_other(name, other)
    _, _, a, b = binary_operands(input, other, name)
    if a.dtype.kind == "b":
        result = ufunc(a, b)
    else:
        with silent():
            result = ufunc(a, b)
    return row.record(result, input, other)


def fmax(input, other):
    return _nan_ignoring("fmax", np.fmax, rows.FMAX, input, other)


def fmin(input, other):
    return _nan_ignoring("fmin", np.fmin, rows.FMIN, input, other)


# ---- C++ Scalar-op-Tensor in formulas: torch fills a tensor like t with the number and runs the op in place
def _filled_like(t, scalar):
    return _constant(np.full(t._data.shape, scalar, t._data.dtype))


def scalar_sub(scalar, t):
    return _filled_like(t, scalar) - t


def _method(fn, name, *tensor_arguments):
    """fn as a Tensor method: torch counts the positions of a method's arguments after self."""

    def method(self, *args, **kwargs):
        for position, (argument, value) in enumerate(zip(tensor_arguments, args), 1):
            _tensor_other(name, value, position, argument)
        return fn(self, *args, **kwargs)

    method.__name__ = name
    return method


# ---- heaviside ---------------------------------------------------------------------------------------------
def heaviside(input, values):
    """0 where input < 0, values where input == 0, 1 where input > 0 (and 0 for NaN); no derivative (a
    NotImplemented node, as torch's)."""
    tensor_arg(input, "heaviside")
    tensor_arg(values, "heaviside", "values", 2)
    x, v = input._data, values._data
    if x.dtype != v.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
    shape = broadcast_shapes(x.shape, v.shape)
    data = np.broadcast_to(np.where(x == 0, v, (x > 0).astype(x.dtype)), shape).astype(x.dtype)
    node = not_implemented_node("aten::heaviside", input, values) if grad_mode.state.grad_enabled else None
    return make_output(np.array(data, order="C"), node)


def heaviside_(self, values):
    tensor_arg(values, "heaviside_", "values", 1)
    return inplace(self, heaviside, values)


register_methods(
    heaviside=heaviside,
    heaviside_=heaviside_,
    hypot=_method(hypot, "hypot", "other"),
    hypot_=_method(hypot_, "hypot_", "other"),
    lerp=_lerp_method,
    lerp_=lerp_,
    copysign=copysign,
    copysign_=copysign_,
    fmax=_method(fmax, "fmax", "other"),
    fmin=_method(fmin, "fmin", "other"),
)
at.register(
    lerp=lerp,
    copysign_tensor_self_backward=copysign_tensor_self_backward,
    scalar_sub=scalar_sub,
)
