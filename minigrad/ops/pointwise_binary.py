"""Pointwise binary and ternary ops beyond arithmetic: atan2 hypot lerp addcmul addcdiv xlogy copysign fmax
fmin, with their method and in-place forms. Forwards only (their autograd stories are rows in
derivatives/pointwise_binary.py), and the helpers of torch's formulas (FunctionsManual's atan2_backward,
copysign_tensor_self_backward; C++'s `Scalar / Tensor`, `Scalar - Tensor`), registered in `at`.

Types follow torch's TensorIterator: the operands promote together (a Python scalar or 0-d tensor does not
lift a dimensioned tensor's category), ops that compute in floating point (atan2, xlogy, copysign) promote
integers to the default dtype, and the others refuse them with torch's "not implemented for" error.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import invalid_arguments, is_number, tensor_arg, type_name
from .._core.broadcast import broadcast_shapes
from .._core.dtypes import result_type
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import pointwise_binary as rows
from . import Tensor, binary_operands, checked_scalar, float_operands, inplace, make_output, register_methods


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


# ---- atan2 / hypot
def atan2(input, other):
    tensor_arg(input, "atan2")
    _tensor_other("atan2", other)
    _, _, a, b = float_operands(input, other, "atan2")
    with silent():
        return rows.ATAN2.record(np.arctan2(a, b), input, other)


def atan2_backward(grad, self, other, output_mask):
    """torch's: 1 / (self² + other²), 0 where that is infinite (both zero), times other and -self."""
    recip = (self * self + other * other).reciprocal()
    recip = recip.masked_fill(recip.isinf(), 0)
    return (
        grad * other * recip if output_mask[0] else None,
        grad * -self * recip if output_mask[1] else None,
    )


def atan2_(self, other):
    return inplace(self, atan2, other)


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


# ---- addcmul / addcdiv
def _ternary_operands(name, input, tensor1, tensor2):
    tensor_arg(input, name)
    _tensor_other(name, tensor1, 2, "tensor1")
    _tensor_other(name, tensor2, 3, "tensor2")
    shape = broadcast_shapes(input._data.shape, tensor1._data.shape)
    broadcast_shapes(shape, tensor2._data.shape)
    dtype = result_type(input, tensor1, tensor2)
    return [t._data.astype(dtype, copy=False) for t in (input, tensor1, tensor2)], dtype


def addcmul(input, tensor1, tensor2, *, value=1):
    (a, b, c), dtype = _ternary_operands("addcmul", input, tensor1, tensor2)
    if dtype.kind == "b":
        raise _not_implemented("addcmul_cpu_out", dtype)
    v = checked_scalar(value, dtype)
    with silent():
        return rows.ADDCMUL.record((a + v * b * c).astype(dtype), input, tensor1, tensor2, value=value)


_ADDCDIV_INTEGER = (
    "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a "
    "true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + "
    "value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * "
    "tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: "
    "(input + value * tensor1 / tensor2), for all dtypes."
)


def addcdiv(input, tensor1, tensor2, *, value=1):
    tensor_arg(input, "addcdiv")
    for t, position, name in ((tensor1, 2, "tensor1"), (tensor2, 3, "tensor2")):
        _tensor_other("addcdiv", t, position, name)
    if tensor1._data.dtype.kind in "biu" and tensor2._data.dtype.kind in "biu":
        raise RuntimeError(_ADDCDIV_INTEGER)
    (a, b, c), dtype = _ternary_operands("addcdiv", input, tensor1, tensor2)
    v = checked_scalar(value, dtype)
    with silent():
        return rows.ADDCDIV.record((a + v * (b / c)).astype(dtype), input, tensor1, tensor2, value=value)


def addcmul_(self, tensor1, tensor2, *, value=1):
    return inplace(self, addcmul, tensor1, tensor2, value=value)


def addcdiv_(self, tensor1, tensor2, *, value=1):
    return inplace(self, addcdiv, tensor1, tensor2, value=value)


# ---- xlogy
def _xlogy_values(x, y):
    with silent():
        return np.where((x == 0) & ~np.isnan(y), 0, x * np.log(y)).astype(np.result_type(x, y))


_XLOGY_OVERLOADS = (
    " * (Tensor input, Tensor other, *, Tensor out = None)\n"
    " * (Number self, Tensor other, *, Tensor out = None)\n"
    " * (Tensor input, Number other, *, Tensor out = None)\n"
)


def xlogy(input, other):
    if not isinstance(input, Tensor) and not isinstance(other, Tensor):
        raise TypeError(
            f"xlogy() received an invalid combination of arguments - got ({type_name(input)}, "
            f"{type_name(other)}), but expected one of:\n"
            " * (Tensor input, Tensor other, *, Tensor out = None)\n"
            " * (Number self, Tensor other, *, Tensor out = None)\n"
            " * (Tensor input, Number other, *, Tensor out = None)\n"
        )
    _, _, a, b = float_operands(input, other, "xlogy")
    result = _xlogy_values(a, b)
    if not isinstance(input, Tensor):
        return rows.XLOGY_SCALAR_SELF.record(result, input, other)
    if not isinstance(other, Tensor):
        return rows.XLOGY_SCALAR_OTHER.record(result, input, other)
    return rows.XLOGY.record(result, input, other)


def xlogy_(self, other):
    return inplace(self, xlogy, other)


# ---- copysign
def copysign(input, other):
    tensor_arg(input, "copysign")
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


def scalar_div(scalar, t):
    return _filled_like(t, scalar) / t


def _method(fn, name, *tensor_arguments):
    """fn as a Tensor method: torch counts the positions of a method's arguments after self."""

    def method(self, *args, **kwargs):
        for position, (argument, value) in enumerate(zip(tensor_arguments, args), 1):
            _tensor_other(name, value, position, argument)
        return fn(self, *args, **kwargs)

    method.__name__ = name
    return method


register_methods(
    atan2=_method(atan2, "atan2", "other"),
    arctan2=_method(atan2, "arctan2", "other"),
    atan2_=_method(atan2_, "atan2_", "other"),
    arctan2_=_method(atan2_, "arctan2_", "other"),
    hypot=_method(hypot, "hypot", "other"),
    hypot_=_method(hypot_, "hypot_", "other"),
    lerp=_lerp_method,
    lerp_=lerp_,
    addcmul=_method(addcmul, "addcmul", "tensor1", "tensor2"),
    addcmul_=_method(addcmul_, "addcmul_", "tensor1", "tensor2"),
    addcdiv=_method(addcdiv, "addcdiv", "tensor1", "tensor2"),
    addcdiv_=_method(addcdiv_, "addcdiv_", "tensor1", "tensor2"),
    xlogy=xlogy,
    xlogy_=xlogy_,
    copysign=copysign,
    copysign_=copysign_,
    fmax=_method(fmax, "fmax", "other"),
    fmin=_method(fmin, "fmin", "other"),
)
at.register(
    atan2_backward=atan2_backward,
    lerp=lerp,
    xlogy=xlogy,
    copysign_tensor_self_backward=copysign_tensor_self_backward,
    scalar_sub=scalar_sub,
    scalar_div=scalar_div,
)

arctan2 = atan2
