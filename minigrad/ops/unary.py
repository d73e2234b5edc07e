"""Elementwise functions: sin cos tanh sigmoid relu, sign/sgn and rounding (floor ceil round trunc), clamp
(scalar or tensor bounds), clamp_min/max, where.

What each backward saves follows derivatives.yaml: sin/cos save their input, tanh/sigmoid/relu their result.
That choice decides which later in-place writes make backward fail, so it is part of the behaviour. The
gradients of tanh, sigmoid and relu are ops with their own nodes (TanhBackwardBackward0...), as in torch.
"""

import numpy as np

from .. import _dtype
from .._args import NOT_GIVEN, given_kwargs, invalid_arguments, is_number
from .._promotion import SCALAR_TYPE_NAME, can_cast, result_type
from . import (
    Node,
    SavedTensor,
    Tensor,
    broadcast_shapes,
    checked_scalar,
    float_input,
    inplace,
    make_node,
    make_output,
    register_methods,
    tensor_arg,
)
from .arithmetic import _sgn, mul_scalar, sign_array
from .layout import in_torch_layout


def _constant(array):
    return make_output(np.asarray(array), None)


def _mask(array):
    return _constant(np.asarray(array, dtype=bool))


def _zero_like(grad):
    return _constant(np.zeros((), grad._data.dtype))


def _keep_where(mask, grad):
    """grad where mask holds, 0 elsewhere (torch uses where, not a multiply, so inf/nan grads become 0)."""
    return where(_mask(mask), grad, _zero_like(grad))


# ---- sin / cos -----------------------------------------------------------------------------------
class SinBackward0(Node):
    __slots__ = ("saved_self",)

    def backward(self, grad):
        return (grad * cos(self.unpack(self.saved_self)),)


class CosBackward0(Node):
    __slots__ = ("saved_self",)

    def backward(self, grad):
        return (grad * -sin(self.unpack(self.saved_self)),)


def _saving_input(name, cls, ufunc):
    def op(input):
        tensor_arg(input, name)
        node = make_node(cls, input)
        if node is not None:
            node.saved_self = SavedTensor(input)
        with np.errstate(invalid="ignore"):  # sin(inf) is nan silently, as in torch (numpy warns)
            return make_output(ufunc(float_input(input)), node)

    op.__name__ = name
    return op


sin = _saving_input("sin", SinBackward0, np.sin)
cos = _saving_input("cos", CosBackward0, np.cos)


# ---- tanh / sigmoid / relu: save their result ----------------------------------------------------
class TanhBackward0(Node):
    __slots__ = ("saved_result",)

    def backward(self, grad):
        return (tanh_backward(grad, self.unpack(self.saved_result)),)


class SigmoidBackward0(Node):
    __slots__ = ("saved_result",)

    def backward(self, grad):
        return (sigmoid_backward(grad, self.unpack(self.saved_result)),)


# The first-order gradients of tanh and sigmoid are ATen ops of their own (tanh_backward, sigmoid_backward),
# so under create_graph=True their nodes (TanhBackwardBackward0...) are what a gradient's grad_fn shows.
class TanhBackwardBackward0(Node):
    __slots__ = ("saved_grad_output", "saved_output")

    def backward(self, grad):
        output = self.unpack(self.saved_output)
        grad_output = self.unpack(self.saved_grad_output) if self.needs_input_grad(1) else None
        return (
            tanh_backward(grad, output) if self.needs_input_grad(0) else None,
            grad * (mul_scalar(output, -2) * grad_output) if self.needs_input_grad(1) else None,
        )


class SigmoidBackwardBackward0(Node):
    __slots__ = ("saved_grad_output", "saved_output")

    def backward(self, grad):
        output = self.unpack(self.saved_output)
        grad_output = self.unpack(self.saved_grad_output) if self.needs_input_grad(1) else None
        return (
            sigmoid_backward(grad, output) if self.needs_input_grad(0) else None,
            grad * grad_output * add_scalar(mul_scalar(output, -2), 1) if self.needs_input_grad(1) else None,
        )


def _activation_backward(cls, grad_output, output, value):
    node = make_node(cls, grad_output, output)
    if node is not None:
        node.saved_output = SavedTensor(output)  # both formulas use it
        if node.needs_input_grad(1):
            node.saved_grad_output = SavedTensor(grad_output)
    return make_output(value, node)


def tanh_backward(grad_output, output):
    """grad_output * (1 - output**2)."""
    y = output._data
    return _activation_backward(TanhBackwardBackward0, grad_output, output, grad_output._data * (1 - y * y))


def sigmoid_backward(grad_output, output):
    """grad_output * (1 - output) * output."""
    y = output._data
    value = grad_output._data * ((1 - y) * y)
    return _activation_backward(SigmoidBackwardBackward0, grad_output, output, value)


class AddBackward1(Node):
    """aten::add.Scalar, what C++ formulas record for `tensor + 1`."""

    __slots__ = ()

    def backward(self, grad):
        return (grad,)


def add_scalar(t, scalar):
    data = t._data
    return make_output(data + data.dtype.type(scalar), make_node(AddBackward1, t))


class ReluBackward0(Node):
    __slots__ = ("saved_result",)

    def backward(self, grad):
        return (threshold_backward(grad, self.unpack(self.saved_result), 0),)


class ThresholdBackwardBackward0(Node):
    """Node of relu's gradient: linear in grad, and (with zero derivative) a function of relu's result, so
    a gradient of a gradient through relu exists and is zero, as in torch."""

    __slots__ = ("saved_self", "saved_threshold")

    def backward(self, grad):
        x = self.unpack(self.saved_self)
        return (
            threshold_backward(grad, x, self.saved_threshold) if self.needs_input_grad(0) else None,
            _constant(np.zeros(x._data.shape, grad._data.dtype)) if self.needs_input_grad(1) else None,
        )


def threshold_backward(grad, self, threshold):
    """grad where self > threshold, else 0."""
    node = make_node(ThresholdBackwardBackward0, grad, self)
    if node is not None:
        node.saved_self = SavedTensor(self)
        node.saved_threshold = threshold
    # torch: self <= threshold ? 0 : grad, so a NaN input passes its gradient through
    return make_output(_zero_where(self._data <= threshold, grad._data), node)


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
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def _relu(x):
    if x.dtype == np.bool_:
        raise RuntimeError("Boolean inputs not supported for relu")
    return np.maximum(x, x.dtype.type(0))


def _saving_result(name, cls, compute, float_only=True):
    def op(input):
        tensor_arg(input, name)
        node = make_node(cls, input)
        out = make_output(compute(float_input(input) if float_only else input._data), node)
        if out._grad_fn is not None:
            node.saved_result = SavedTensor(out, is_output=True)
        return out

    op.__name__ = name
    return op


tanh = _saving_result("tanh", TanhBackward0, np.tanh)
sigmoid = _saving_result("sigmoid", SigmoidBackward0, _sigmoid)
relu = _saving_result("relu", ReluBackward0, _relu, float_only=False)


# ---- sign / sgn / floor / ceil / round / trunc: piecewise constant, zero gradient ---------------------
class _ZeroGradient(Node):
    __slots__ = ()

    def backward(self, grad):
        return (_constant(np.zeros(grad._data.shape, grad._data.dtype)),)


class SignBackward0(_ZeroGradient):
    __slots__ = ()


class FloorBackward0(_ZeroGradient):
    __slots__ = ()


class CeilBackward0(_ZeroGradient):
    __slots__ = ()


class RoundBackward0(_ZeroGradient):
    __slots__ = ()


class RoundBackward1(_ZeroGradient):
    __slots__ = ()


class TruncBackward0(_ZeroGradient):
    __slots__ = ()


def _rounding(name, cls, ufunc):
    def op(input):
        tensor_arg(input, name)
        data = input._data
        if data.dtype == np.bool_:
            raise NotImplementedError(f"\"{name}_vml_cpu\" not implemented for 'Bool'")
        if data.dtype.kind != "f":
            return make_output(data.copy(), None)  # integers are already whole
        return make_output(ufunc(data), make_node(cls, input))

    op.__name__ = name
    return op


floor = _rounding("floor", FloorBackward0, np.floor)
ceil = _rounding("ceil", CeilBackward0, np.ceil)
trunc = _rounding("trunc", TruncBackward0, np.trunc)
_round_half_even = _rounding("round", RoundBackward0, np.rint)


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
    return make_output(value, make_node(RoundBackward1, input))


def sign(input):
    tensor_arg(input, "sign")
    return make_output(sign_array(input._data), make_node(SignBackward0, input))


def sgn(input):
    """For real tensors torch's sgn is sign with its own node (SgnBackward0, saving self and result)."""
    tensor_arg(input, "sgn")
    if input._data.dtype == np.bool_:
        return make_output(input._data.copy(), None)
    return _sgn(input)


# ---- clamp ---------------------------------------------------------------------------------------
class ClampBackward1(Node):
    """clamp with Number bounds (either may be None)."""

    __slots__ = ("saved_self", "saved_min", "saved_max")

    def backward(self, grad):
        x = self.unpack(self.saved_self)._data
        low, high = self.saved_min, self.saved_max
        keep = np.ones(x.shape, dtype=bool)
        if low is not None:
            keep &= x >= low
        if high is not None:
            keep &= x <= high
        return (_keep_where(keep, grad),)


class ClampBackward0(Node):
    """clamp with Tensor bounds: inputs (self, min, max); the winner of each element gets the gradient."""

    __slots__ = ("saved_self", "saved_min", "saved_max")

    def backward(self, grad):
        x = self.unpack(self.saved_self)._data
        low = self.unpack(self.saved_min)
        high = self.unpack(self.saved_max)
        low = None if low is None else low._data
        high = None if high is None else high._data
        keep = np.ones(x.shape, dtype=bool)
        if low is not None:
            keep = keep & (x >= low)
        if high is not None:
            keep = keep & (x <= high)
        grads = [_keep_where(keep, grad) if self.needs_input_grad(0) else None, None, None]
        if low is not None and self.needs_input_grad(1):
            below = x < low if high is None else (x < low) & (low < high)
            grads[1] = _keep_where(below, grad)
        if high is not None and self.needs_input_grad(2):
            above = x > high if low is None else (x > high) | (high < low)
            grads[2] = _keep_where(above, grad)
        return tuple(grads)


class ClampMinBackward0(Node):
    __slots__ = ("saved_self", "saved_min")

    def backward(self, grad):
        return (_keep_where(self.unpack(self.saved_self)._data >= self.saved_min, grad),)


class ClampMaxBackward0(Node):
    __slots__ = ("saved_self", "saved_max")

    def backward(self, grad):
        return (_keep_where(self.unpack(self.saved_self)._data <= self.saved_max, grad),)


class ClampMinBackward1(Node):
    __slots__ = ("saved_self", "saved_min")

    def backward(self, grad):
        x = self.unpack(self.saved_self)._data
        low = self.unpack(self.saved_min)._data
        return (
            _keep_where(x >= low, grad) if self.needs_input_grad(0) else None,
            _keep_where(x < low, grad) if self.needs_input_grad(1) else None,
        )


class ClampMaxBackward1(Node):
    __slots__ = ("saved_self", "saved_max")

    def backward(self, grad):
        x = self.unpack(self.saved_self)._data
        high = self.unpack(self.saved_max)._data
        return (
            _keep_where(x <= high, grad) if self.needs_input_grad(0) else None,
            _keep_where(x > high, grad) if self.needs_input_grad(1) else None,
        )


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
        node = make_node(ClampBackward0, input, min, max)
        if node is not None:
            node.saved_self = SavedTensor(input)
            node.saved_min = SavedTensor(min) if min is not None else None
            node.saved_max = SavedTensor(max) if max is not None else None
        operands = [t._data for t in (input, min, max) if t is not None]
        return make_output(
            in_torch_layout(np.broadcast_to(_clamp_result(input, min, max), shape), operands), node
        )
    node = make_node(ClampBackward1, input)
    if node is not None:
        node.saved_self = SavedTensor(input)
        node.saved_min = min
        node.saved_max = max
    return make_output(_clamp_result(input, min, max), node)


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
        node = make_node(ClampMinBackward1, input, min)
        if node is not None:
            node.saved_self = SavedTensor(input)
            node.saved_min = SavedTensor(min)
    else:
        node = make_node(ClampMinBackward0, input)
        if node is not None:
            node.saved_self = SavedTensor(input)
            node.saved_min = min
    return make_output(_clamp_result(input, min, None), node)


def _clamp_max(form, input, max):
    max = _bound_arg("clamp_max", form, input, max)
    if isinstance(max, Tensor):
        broadcast_shapes(input._data.shape, max._data.shape)  # torch's message for shapes that do not fit
        node = make_node(ClampMaxBackward1, input, max)
        if node is not None:
            node.saved_self = SavedTensor(input)
            node.saved_max = SavedTensor(max)
    else:
        node = make_node(ClampMaxBackward0, input)
        if node is not None:
            node.saved_self = SavedTensor(input)
            node.saved_max = max
    return make_output(_clamp_result(input, None, max), node)


def clamp_min(input, min):
    return _clamp_min("function", input, min)


def clamp_max(input, max):
    return _clamp_max("function", input, max)


def _clamp_min_method(self, min):
    return _clamp_min("method", self, min)


def _clamp_max_method(self, max):
    return _clamp_max("method", self, max)


# ---- where ---------------------------------------------------------------------------------------
class WhereBackward0(Node):
    __slots__ = ("saved_condition",)

    def backward(self, grad):
        condition = self.unpack(self.saved_condition)
        zero = _zero_like(grad)
        return (
            where(condition, grad, zero) if self.needs_input_grad(0) else None,
            where(condition, zero, grad) if self.needs_input_grad(1) else None,
        )


def where(condition, input=None, other=None):
    """where(condition, input, other) elementwise; where(condition) is condition.nonzero(as_tuple=True)."""
    tensor_arg(condition, "where", "condition")
    if input is None and other is None:
        found = np.nonzero(np.atleast_1d(condition._data))
        return tuple(make_output(i.astype(np.int64), None) for i in found)
    cond = condition._data
    if cond.dtype != np.bool_:
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
    with np.errstate(over="ignore"):
        a = ta._data.astype(dtype, copy=False) if ta is not None else dtype.type(input)
        b = tb._data.astype(dtype, copy=False) if tb is not None else dtype.type(other)
    node = make_node(WhereBackward0, ta, tb)
    if node is not None:
        node.saved_condition = SavedTensor(condition)
    return make_output(np.where(cond, a, b), node)


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
sgn_ = _inplace_form(sgn)
floor_ = _inplace_form(floor)
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


# torch's aliases
clip = clamp
clip_ = clamp_

register_methods(
    sin=sin,
    cos=cos,
    tanh=tanh,
    sigmoid=sigmoid,
    relu=relu,
    sign=sign,
    sgn=sgn,
    floor=floor,
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
    sgn_=sgn_,
    floor_=floor_,
    ceil_=ceil_,
    trunc_=trunc_,
    round_=round_,
    clamp_=clamp_,
    clip_=clip_,
    clamp_min_=clamp_min_,
    clamp_max_=clamp_max_,
)
