"""Elementwise functions: sin cos tanh sigmoid relu, sign/sgn and rounding (floor ceil round trunc), clamp
(scalar or tensor bounds), clamp_min/max, where.

Forwards only: each op's autograd story is its row in derivatives/unary.py. The gradients of tanh, sigmoid and
relu are ops with rows of their own (tanh_backward...), as in torch.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import NOT_GIVEN, given_kwargs, invalid_arguments, is_number, type_error
from .._core.dtypes import SCALAR_TYPE_NAME, can_cast, result_type
from .._core.fp import silent
from .._core.layout import in_torch_layout
from .._core.warn_once import warn_once
from ..derivatives import at
from ..derivatives import unary as rows
from . import (
    Tensor,
    broadcast_shapes,
    checked_scalar,
    float_input,
    inplace,
    make_output,
    register_methods,
    scalar_as,
    tensor_arg,
)


def _constant(array):
    return make_output(np.asarray(array), None)


def _zero_like(grad):
    return _constant(np.zeros((), grad._data.dtype))


def where_mask(mask, grad):
    """grad where mask holds, 0 elsewhere (torch uses where, not a multiply, so inf/nan grads become 0)."""
    return where(mask, grad, _zero_like(grad))


def zero_scalar(grad):
    """A 0-d zero of grad's dtype (what torch's formulas write as `0` in where(cond, grad, 0))."""
    return _zero_like(grad)


# ---- sin / cos -----------------------------------------------------------------------------------
def _saving_input(name, row, ufunc):
    def op(input):
        tensor_arg(input, name)
        with silent():  # sin(inf) is nan silently, as in torch (numpy warns)
            return row.record(ufunc(float_input(input)), input)

    op.__name__ = name
    return op


sin = _saving_input("sin", rows.SIN, np.sin)
cos = _saving_input("cos", rows.COS, np.cos)


# ---- tanh / sigmoid / relu: save their result ----------------------------------------------------
def tanh_backward(grad_output, output):
    """grad_output * (1 - output**2)."""
    y = output._data
    return rows.TANH_BACKWARD.record(grad_output._data * (1 - y * y), grad_output, output)


def sigmoid_backward(grad_output, output):
    """grad_output * (1 - output) * output."""
    y = output._data
    return rows.SIGMOID_BACKWARD.record(grad_output._data * ((1 - y) * y), grad_output, output)


def threshold_backward(grad, self, threshold):
    """grad where self > threshold, else 0."""
    # torch: self <= threshold ? 0 : grad, so a NaN input passes its gradient through
    return rows.THRESHOLD_BACKWARD.record(
        _zero_where(self._data <= threshold, grad._data), grad, self, threshold
    )


_UINT_OF = {np.dtype(np.float32): np.uint32, np.dtype(np.float64): np.uint64}


def _zero_where(drop, data):
    """np.where(drop, 0, data), bit for bit (+0.0 where dropped). On large arrays it ANDs the floats' bits
    with an all-zeros/all-ones mask: np.where branches per element and takes ~9x as long on a random
    mask (relu's backward in an MLP step)."""
    uint = _UINT_OF.get(data.dtype)
    if uint is None or data.size < 4096 or drop.shape != data.shape:
        return np.where(drop, data.dtype.type(0), data)
    mask = drop.view(np.uint8).astype(uint)
    mask -= 1  # dropped 1 -> 0, kept 0 -> all ones
    np.bitwise_and(data.view(uint), mask, out=mask)
    return mask.view(data.dtype)


def _sigmoid(x):
    with silent():
        return 1 / (1 + np.exp(-x))


def _relu(x):
    if x.dtype == np.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    return np.maximum(x, x.dtype.type(0))


def _saving_result(name, row, compute, float_only=True):
    def op(input):
        tensor_arg(input, name)
        return row.record(compute(float_input(input) if float_only else input._data), input)

    op.__name__ = name
    return op


tanh = _saving_result("tanh", rows.TANH, np.tanh)
sigmoid = _saving_result("sigmoid", rows.SIGMOID, _sigmoid)
relu = _saving_result("relu", rows.RELU, _relu, float_only=False)


def sign_array(data):
    """torch's sign: (0 < x) - (x < 0), so NaN and -0.0 give +0 (numpy's sign keeps NaN); bools stay bools."""
    if data.dtype == np.bool_:
        return data.copy()
    with silent():
        return (data > 0).astype(data.dtype) - (data < 0).astype(data.dtype)


# ---- sign / sgn / floor / ceil / round / trunc: piecewise constant, zero gradient ---------------------
def _rounding(name, row, ufunc):
    def op(input):
        tensor_arg(input, name)
        data = input._data
        if data.dtype == np.bool_:
            raise NotImplementedError(f"\"{name}_vml_cpu\" not implemented for 'Bool'")
        if data.dtype.kind != "f":
            return make_output(data.copy(), None)  # integers are already whole
        return row.record(ufunc(data), input)

    op.__name__ = name
    return op


floor = _rounding("floor", rows.FLOOR, np.floor)
ceil = _rounding("ceil", rows.CEIL, np.ceil)
trunc = _rounding("trunc", rows.TRUNC, np.trunc)
_round_half_even = _rounding("round", rows.ROUND, np.rint)


def frac(input):
    """x - trunc(x), with trunc's sign (frac(-1.5) is -0.5); integer inputs have no frac kernel in torch."""
    tensor_arg(input, "frac")
    data = input._data
    if data.dtype.kind != "f":
        raise NotImplementedError(f"\"frac_cpu\" not implemented for '{SCALAR_TYPE_NAME[data.dtype]}'")
    with silent():  # inf - inf: nan, as torch
        return rows.FRAC.record(data - np.trunc(data), input)


def round(input, *, decimals=None):
    """Half to even like torch; decimals= (even 0) is the other overload: x * 10**d rounded, divided back."""
    if decimals is None:
        return _round_half_even(input)
    tensor_arg(input, "round")
    data = input._data
    if data.dtype.kind != "f":
        type_name = _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(data.dtype)]
        raise NotImplementedError(f"\"round_cpu\" not implemented for '{type_name}'")
    scale = data.dtype.type(10.0 ** abs(decimals))
    value = np.rint(data * scale) / scale if decimals >= 0 else np.rint(data / scale) * scale
    return rows.ROUND_DECIMALS.record(value, input, decimals)


def sign(input):
    tensor_arg(input, "sign")
    return rows.SIGN.record(sign_array(input._data), input)


def clamp_backward(grad, self, min, max):
    """The gradient passes where min <= self <= max (bounds: Numbers, or Tensors, or None)."""
    keep = _within(self._data, min, max)
    return where_mask(_constant(keep), grad)


def _bound_data(bound):
    return bound._data if isinstance(bound, Tensor) else bound


def _within(x, min, max):
    low, high = _bound_data(min), _bound_data(max)
    keep = np.ones(x.shape, dtype=bool)
    if low is not None:
        keep = keep & (x >= low)
    if high is not None:
        keep = keep & (x <= high)
    return keep


def clamp_bound_backward(grad, self, min, max, which):
    """clamp with Tensor bounds: a bound gets the gradient where it wins (min where self < min and min < max;
    max where self > max, or wherever max < min)."""
    x, low, high = self._data, _bound_data(min), _bound_data(max)
    if which == "min":
        wins = x < low if high is None else (x < low) & (low < high)
    else:
        wins = x > high if low is None else (x > high) | (high < low)
    return where_mask(_constant(wins), grad)


def clamp_forward_tangent(self_t, min_t, max_t, self_p, min_p, max_p):
    """The tangent of clamp with Tensor bounds: the winner's tangent, elementwise."""
    result = where_mask(_constant(_within(self_p._data, min_p, max_p)), self_t)
    for bound_t, which, bound in ((min_t, "min", min_p), (max_t, "max", max_p)):
        if bound is not None and bound_t is not None:
            result = result + clamp_bound_backward(bound_t, self_p, min_p, max_p, which)
    return result


_CLAMP_OVERLOADS = {  # copied from torch's messages, as data
    "function": (
        "(Tensor input, Tensor min = None, Tensor max = None, *, Tensor out = None)",
        "(Tensor input, Number min = None, Number max = None, *, Tensor out = None)",
    ),
    "method": ("(Tensor min = None, Tensor max = None)", "(Number min = None, Number max = None)"),
}


def _clamp_bounds(name, form, input, min, max):
    """(min, max) both Numbers or both Tensors (None for a missing one), or torch's TypeError. Like torch's
    argument parser, a 0-d tensor that does not require grad passes as a Number next to a Number."""
    min, max = _number(min), _number(max)
    bounds = [v for v in (min, max) if v is not None]
    if any(isinstance(v, Tensor) for v in bounds) and not all(isinstance(v, Tensor) for v in bounds):
        min, max = (_as_number(v) for v in (min, max))
        bounds = [v for v in (min, max) if v is not None]
    kinds = {"tensor" if isinstance(v, Tensor) else "number" if is_number(v) else "bad" for v in bounds}
    if not isinstance(input, Tensor) or "bad" in kinds or len(kinds) > 1:
        if form == "function":
            args, kwargs = (input,), given_kwargs(min=_given(min), max=_given(max))
        else:
            args, kwargs = (min,) if max is None else (min, max), {}
        raise invalid_arguments(name, args, kwargs, _CLAMP_OVERLOADS[form])
    return min, max


def _given(value):
    return NOT_GIVEN if value is None else value


def _as_number(value):
    if isinstance(value, Tensor) and not value._data.ndim and not value._requires_grad:
        return value._data.item()
    return value


def _number(value):
    return value.item() if isinstance(value, np.generic) else value


def _clamp_result(x, low, high):
    """numpy clamp in the promoted dtype: max(min(...)) order so that min > max gives max, like torch."""
    dtype = result_type(*(v for v in (x, low, high) if v is not None))
    if dtype == np.bool_ and not isinstance(low, Tensor) and not isinstance(high, Tensor):
        kernel = "clamp_max" if low is None else "clamp_min" if high is None else "clamp"
        raise NotImplementedError(f"\"{kernel}_scalar_cpu\" not implemented for 'Bool'")

    def operand(v):
        return v._data.astype(dtype, copy=False) if isinstance(v, Tensor) else checked_scalar(v, dtype)

    out = operand(x)
    if low is not None:
        out = np.maximum(out, operand(low))
    if high is not None:
        out = np.minimum(out, operand(high))
    return out


def clamp(input, min=None, max=None):
    min, max = _clamp_bounds("clamp", "function", input, min, max)
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    tensors = [isinstance(v, Tensor) for v in (min, max) if v is not None]
    if any(tensors):
        shape = input._data.shape
        for bound in (min, max):
            if bound is not None:
                shape = broadcast_shapes(shape, bound._data.shape)
        operands = [t._data for t in (input, min, max) if t is not None]
        value = in_torch_layout(np.broadcast_to(_clamp_result(input, min, max), shape), operands)
        return rows.CLAMP_TENSOR.record(value, input, min, max)
    return rows.CLAMP.record(_clamp_result(input, min, max), input, min, max)


def _bound_arg(name, form, input, bound):
    """The min/max of clamp_min/clamp_max: a Tensor or a Number (either overload), else torch's TypeError."""
    if not isinstance(input, Tensor) or not (isinstance(bound, Tensor) or is_number(bound)):
        args = (bound,) if form == "method" else (input, bound)
        arg = name.split("_")[1]
        overloads = (
            (f"(Tensor {arg})", f"(Number {arg})")
            if form == "method"
            else tuple(f"(Tensor input, {kind} {arg}, *, Tensor out = None)" for kind in ("Tensor", "Number"))
        )
        raise invalid_arguments(name, args, {}, overloads)
    return _number(bound)


def _clamp_min(form, input, min):
    min = _bound_arg("clamp_min", form, input, min)
    if isinstance(min, Tensor):
        broadcast_shapes(input._data.shape, min._data.shape)  # torch's message for shapes that do not fit
        return rows.CLAMP_MIN_TENSOR.record(_clamp_result(input, min, None), input, min)
    return rows.CLAMP_MIN.record(_clamp_result(input, min, None), input, min)


def _clamp_max(form, input, max):
    max = _bound_arg("clamp_max", form, input, max)
    if isinstance(max, Tensor):
        broadcast_shapes(input._data.shape, max._data.shape)  # torch's message for shapes that do not fit
        return rows.CLAMP_MAX_TENSOR.record(_clamp_result(input, None, max), input, max)
    return rows.CLAMP_MAX.record(_clamp_result(input, None, max), input, max)


def clamp_min(input, min):
    return _clamp_min("function", input, min)


def clamp_max(input, max):
    return _clamp_max("function", input, max)


def _clamp_min_method(self, min):
    return _clamp_min("method", self, min)


def _clamp_max_method(self, max):
    return _clamp_max("method", self, max)


# ---- where ---------------------------------------------------------------------------------------
WHERE_UINT8 = (
    "where received a uint8 condition tensor. This behavior is deprecated and will be removed in a future "
    "version of PyTorch. Use a boolean condition instead. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/TensorCompare.cpp:621.)"
)


def where(condition, input=None, other=None):
    """where(condition, input, other) elementwise; where(condition) is condition.nonzero(as_tuple=True)."""
    tensor_arg(condition, "where", "condition")
    if input is None and other is None:
        found = np.nonzero(np.atleast_1d(condition._data))
        return tuple(make_output(i.astype(np.int64), None) for i in found)
    cond = condition._data
    if cond.dtype == np.uint8:
        warn_once(WHERE_UINT8)  # torch's TORCH_WARN_ONCE
        cond = cond.astype(bool)
    elif cond.dtype != np.bool_:
        raise RuntimeError(
            "where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{condition.dtype._legacy[: -len('Tensor')]}"
        )
    ta = input if isinstance(input, Tensor) else None
    tb = other if isinstance(other, Tensor) else None
    shape = cond.shape
    for t in (ta, tb):
        if t is not None:
            shape = broadcast_shapes(shape, t._data.shape)
    dtype = result_type(_number(input), _number(other))
    with silent():
        a = ta._data.astype(dtype, copy=False) if ta is not None else scalar_as(dtype, _number(input))
        b = tb._data.astype(dtype, copy=False) if tb is not None else scalar_as(dtype, _number(other))
    return rows.WHERE.record(np.where(cond, a, b), condition, input, other)


def _where_method(self, condition, other):
    return where(condition, self, other)


# ---- in-place forms ------------------------------------------------------------------------------
def _inplace_form(op):
    def op_(self, *args, **kwargs):
        return inplace(self, op, *args, **kwargs)

    op_.__name__ = op.__name__ + "_"
    return op_


sin_ = _inplace_form(sin)
cos_ = _inplace_form(cos)
tanh_ = _inplace_form(tanh)
sigmoid_ = _inplace_form(sigmoid)
relu_ = _inplace_form(relu)
sign_ = _inplace_form(sign)
floor_ = _inplace_form(floor)
frac_ = _inplace_form(frac)
ceil_ = _inplace_form(ceil)
trunc_ = _inplace_form(trunc)
round_ = _inplace_form(round)


def _clamp_method(self, min=None, max=None):
    _clamp_bounds("clamp", "method", self, min, max)
    return clamp(self, min, max)


def _check_number_bounds_cast(self, *bounds):
    """In place with Number bounds torch checks the result type up front, naming the output's C++ type."""
    numbers = [b for b in bounds if b is not None and not isinstance(b, Tensor)]
    if numbers:
        result = result_type(self, *numbers)
        if not can_cast(result, self._data.dtype):
            raise RuntimeError(
                f"result type {SCALAR_TYPE_NAME[result]} can't be cast to the desired output type "
                f"{self.dtype._cpp}"
            )


def clamp_(self, min=None, max=None):
    _check_number_bounds_cast(self, *_clamp_bounds("clamp_", "method", self, min, max))
    return inplace(self, clamp, min, max)


def clamp_min_(self, min):
    _check_number_bounds_cast(self, _bound_arg("clamp_min_", "method", self, min))
    return inplace(self, clamp_min, min)


def clamp_max_(self, max):
    _check_number_bounds_cast(self, _bound_arg("clamp_max_", "method", self, max))
    return inplace(self, clamp_max, max)


# ---- nan_to_num --------------------------------------------------------------------------------------------
def _replacement(value, fn, name):
    if value is not None and not isinstance(value, int | float | np.integer | np.floating):
        raise type_error(fn, name, None, "float", value)
    return value


def nan_to_num(input, nan=0.0, posinf=None, neginf=None):
    """NaN to `nan`, +-inf to `posinf`/`neginf` (by default the dtype's largest and lowest finite values);
    integer and bool tensors are copied unchanged."""
    tensor_arg(input, "nan_to_num")
    nan = _replacement(nan, "nan_to_num", "nan")
    posinf = _replacement(posinf, "nan_to_num", "posinf")
    neginf = _replacement(neginf, "nan_to_num", "neginf")
    x = input._data
    if x.dtype.kind != "f":
        data = x.copy()
    else:
        info = np.finfo(x.dtype)
        t = x.dtype.type
        with silent():  # replacements beyond the dtype's range become inf, as torch's casts do
            data = np.where(np.isnan(x), t(0.0 if nan is None else nan), x)
            data = np.where(data == np.inf, info.max if posinf is None else t(posinf), data)
            data = np.where(data == -np.inf, info.min if neginf is None else t(neginf), data).astype(x.dtype)
    return rows.NAN_TO_NUM.record(data, input, nan, posinf, neginf)


def nan_to_num_(self, nan=0.0, posinf=None, neginf=None):
    tensor_arg(self, "nan_to_num_")
    return inplace(self, nan_to_num, nan, posinf, neginf)


at.register(
    tanh_backward=tanh_backward,
    sigmoid_backward=sigmoid_backward,
    threshold_backward=threshold_backward,
    clamp_backward=clamp_backward,
    clamp_bound_backward=clamp_bound_backward,
    clamp_forward_tangent=clamp_forward_tangent,
    where=where,
    where_mask=where_mask,
    zero_scalar=zero_scalar,
)

# torch's aliases
clip = clamp
clip_ = clamp_

register_methods(
    nan_to_num=nan_to_num,
    nan_to_num_=nan_to_num_,
    sin=sin,
    cos=cos,
    tanh=tanh,
    sigmoid=sigmoid,
    relu=relu,
    sign=sign,
    floor=floor,
    frac=frac,
    frac_=frac_,
    ceil=ceil,
    trunc=trunc,
    round=round,
    clamp=_clamp_method,
    clip=_clamp_method,
    clamp_min=_clamp_min_method,
    clamp_max=_clamp_max_method,
    where=_where_method,
    sin_=sin_,
    cos_=cos_,
    tanh_=tanh_,
    sigmoid_=sigmoid_,
    relu_=relu_,
    sign_=sign_,
    floor_=floor_,
    ceil_=ceil_,
    trunc_=trunc_,
    round_=round_,
    clamp_=clamp_,
    clip_=clip_,
    clamp_min_=clamp_min_,
    clamp_max_=clamp_max_,
)
