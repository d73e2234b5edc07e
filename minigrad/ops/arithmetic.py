"""Elementwise arithmetic: add sub mul div neg pow exp log sqrt abs reciprocal, operators and in-place forms.

Backward formulas follow torch's derivatives.yaml; broadcasting reduction and dtype casts are the engine's
job.
"""

import math

import numpy as np

from .._args import invalid_arguments, is_number, number_arg
from ..autograd import grad_mode
from . import (
    Node,
    SavedTensor,
    Tensor,
    binary_operands,
    checked_scalar,
    float_input,
    inplace,
    make_node,
    make_output,
    python_operator,
    register_methods,
    tensor_arg,
)
from .layout import c_order


def _constant(array):
    """A tensor that is a constant for autograd (used for sign masks and the like in backward formulas)."""
    return make_output(array, None)


def _save_operand(t, value):
    """Save an operand; a Python scalar is saved as torch does, as a wrapped 0-d tensor (int64, float64 or
    bool), so it is freed after backward like any saved tensor and a second backward raises."""
    return SavedTensor(t if t is not None else make_output(np.array(value), None))


# ---- Tensor-and-Scalar ops of torch's C++ formulas -------------------------------------------------------
# Inside derivative formulas torch multiplies by C++ numbers (`2 * result`, `grad * alpha`), which dispatches
# to the Scalar overloads: their nodes (MulBackward1, SubBackward1) show up in create_graph=True graphs.
class MulBackward1(Node):
    __slots__ = ("saved_other",)

    def backward(self, grad):
        return (mul_scalar(grad, self.saved_other),)


def mul_scalar(t, scalar):
    """t * scalar as aten::mul.Scalar (no promotion of t's floating dtype by the Python number)."""
    data = t._data
    node = make_node(MulBackward1, t)
    if node is not None:
        node.saved_other = scalar
    if data.dtype.kind != "f":
        return make_output(data * scalar, node)
    if math.isfinite(scalar):
        return make_output(data * data.dtype.type(scalar), node)
    with np.errstate(invalid="ignore"):  # 0 * inf (e.g. times log(0)) is nan silently, as in torch
        return make_output(data * data.dtype.type(scalar), node)


class SubBackward1(Node):
    __slots__ = ()

    def backward(self, grad):
        return (grad,)


def sub_scalar(t, scalar):
    data = t._data
    return make_output(data - data.dtype.type(scalar), make_node(SubBackward1, t))


def maybe_multiply(grad, alpha):
    return grad if alpha == 1 else mul_scalar(grad, alpha)


def _zeros_like(t):
    return _constant(np.zeros_like(t._data))


# ---- add / sub
# ------------------------------------------------------------------------------------------------
class AddBackward0(Node):
    __slots__ = ("saved_alpha",)

    def backward(self, grad):
        self_fn, other_fn = self._next_fns  # which inputs need a gradient
        return (
            grad if self_fn is not None else None,
            maybe_multiply(grad, self.saved_alpha) if other_fn is not None else None,
        )


class SubBackward0(Node):
    __slots__ = ("saved_alpha",)

    def backward(self, grad):
        return (
            grad if self.needs_input_grad(0) else None,
            maybe_multiply(-grad, self.saved_alpha) if self.needs_input_grad(1) else None,
        )


class RsubBackward0(Node):
    """rsub(self, other, alpha) = other - alpha * self, both tensors."""

    __slots__ = ("saved_alpha",)

    def backward(self, grad):
        return (
            maybe_multiply(-grad, self.saved_alpha) if self.needs_input_grad(0) else None,
            grad if self.needs_input_grad(1) else None,
        )


class RsubBackward1(Node):
    """rsub(self, scalar_other, alpha): only self is an input."""

    __slots__ = ("saved_alpha",)

    def backward(self, grad):
        return (maybe_multiply(-grad, self.saved_alpha),)


def _check_alpha(alpha, fn, a, b):
    """torch's checks of alpha (off the hot path: alpha is rarely given): a Number that the result's kind
    can hold."""
    alpha = number_arg(alpha, fn, "alpha", None)
    kind = np.result_type(a, b).kind
    if isinstance(alpha, bool) and kind != "b":
        raise RuntimeError("Boolean alpha only supported for Boolean results.")
    if isinstance(alpha, float) and kind in "iub":
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating point number.")
    if isinstance(alpha, complex):
        raise RuntimeError("For non-complex input tensors, argument alpha must not be a complex number.")
    checked_scalar(alpha, np.result_type(a, b))  # only checked: alpha stays a Python number
    return alpha


def add(input, other, *, alpha=1):
    ta, tb, a, b = binary_operands(input, other, "add")
    if type(alpha) is not int or alpha != 1:
        alpha = _check_alpha(alpha, "add", a, b)
    with np.errstate(all="ignore"):  # inf - inf and overflow: silently, as in torch (numpy warns)
        result = a + b if alpha == 1 else a + b * alpha
    if alpha != 1:
        if result.dtype != a.dtype and a.dtype == b.dtype:  # alpha does not promote: bools stay bools
            result = result.astype(a.dtype)
    node = make_node(AddBackward0, ta, tb)
    if node is not None:
        node.saved_alpha = alpha
    return make_output(result, node)


def _check_bool_sub(input, other):
    a_bool = input._data.dtype == np.bool_ if isinstance(input, Tensor) else isinstance(input, bool)
    b_bool = other._data.dtype == np.bool_ if isinstance(other, Tensor) else isinstance(other, bool)
    if a_bool and b_bool:
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
            "`logical_xor()` operator instead."
        )
    if a_bool or b_bool:
        raise RuntimeError(
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying "
            "to invert a "
            "mask, use the `~` or `logical_not()` operator instead."
        )


def sub(input, other, *, alpha=1):
    _check_bool_sub(input, other)  # before the shapes, like torch
    ta, tb, a, b = binary_operands(input, other, "sub")
    if type(alpha) is not int or alpha != 1:
        alpha = _check_alpha(alpha, "sub", a, b)
    node = make_node(SubBackward0, ta, tb)
    if node is not None:
        node.saved_alpha = alpha
    with np.errstate(all="ignore"):
        return make_output(a - b if alpha == 1 else a - b * alpha, node)


RSUB_OVERLOADS = (
    "(Tensor input, Tensor other, *, Number alpha = 1)",
    "(Tensor input, Number other, Number alpha = 1)",
)


def rsub(input, other, *, alpha=1):
    """other - alpha * input (what `2 - x` calls)."""
    if not isinstance(input, Tensor) or not (isinstance(other, Tensor) or is_number(other)):
        raise invalid_arguments("rsub", (input, other), {}, RSUB_OVERLOADS)
    _check_bool_sub(input, other)
    ta, tb, a, b = binary_operands(input, other, "rsub")
    if type(alpha) is not int or alpha != 1:
        alpha = _check_alpha(alpha, "rsub", a, b)
    if tb is None:
        node = make_node(RsubBackward1, ta)
    else:
        node = make_node(RsubBackward0, ta, tb)
    if node is not None:
        node.saved_alpha = alpha
    with np.errstate(all="ignore"):
        return make_output(b - a if alpha == 1 else b - a * alpha, node)


# ---- mul / div
# --------------------------------------------------------------------------------------------------
class MulBackward0(Node):
    __slots__ = ("saved_self", "saved_other")

    def backward(self, grad):
        self_fn, other_fn = self._next_fns  # which inputs need a gradient
        return (
            _times(grad, self.unpack(self.saved_other)) if self_fn is not None else None,
            _times(grad, self.unpack(self.saved_self)) if other_fn is not None else None,
        )


def _times(grad, t):
    """grad * t in a backward formula. Without a graph to record and with equal dtypes and shapes, mul
    computes exactly `grad._data * t._data`: do that directly (the common case, and a hot one)."""
    a, b = grad._data, t._data
    if a.dtype == b.dtype and a.shape == b.shape and not grad_mode.state.grad_enabled:
        return make_output(a * b, None)
    return mul(grad, t)


def mul(input, other):
    ta, tb, a, b = binary_operands(input, other, "mul")
    with np.errstate(all="ignore"):  # 0 * inf and overflow: silently, as in torch (numpy warns)
        result = a * b
    node = make_node(MulBackward0, ta, tb)
    if node is not None:
        # d/dself needs other; d/dother needs self (derivatives.yaml: mul.Tensor)
        self_fn, other_fn = node._next_fns
        if self_fn is not None:
            node.saved_other = SavedTensor(tb) if tb is not None else _save_operand(tb, other)
        if other_fn is not None:
            node.saved_self = SavedTensor(ta) if ta is not None else _save_operand(ta, input)
    return make_output(result, node)


class DivBackward0(Node):
    __slots__ = ("saved_self", "saved_other")

    def backward(self, grad):
        other = self.unpack(self.saved_other)
        grad_self = grad / other if self.needs_input_grad(0) else None
        grad_other = None
        if self.needs_input_grad(1):
            grad_other = -grad * ((self.unpack(self.saved_self) / other) / other)
        return grad_self, grad_other


def div(input, other, *, rounding_mode=None):
    if rounding_mode is not None:
        return _div_rounding(input, other, rounding_mode)
    ta, tb, a, b = binary_operands(input, other, "div")
    if np.result_type(a, b).kind != "f":
        from .._dtype import get_default_dtype

        dtype = get_default_dtype().numpy
        a = a.astype(dtype) if ta is not None else dtype.type(a)
        b = b.astype(dtype) if tb is not None else dtype.type(b)
    with np.errstate(all="ignore"):
        result = a / b
    node = make_node(DivBackward0, ta, tb)
    if node is not None:
        node.saved_other = _save_operand(tb, other)
        if node.needs_input_grad(1):
            node.saved_self = _save_operand(ta, input)
    return make_output(result, node)


# ---- rounding division, floor_divide, remainder
# ---------------------------------------------------------------
class DivBackward2(Node):
    """div(self, other, rounding_mode=...): piecewise constant, so both gradients are zeros."""

    __slots__ = ("saved_self", "saved_other", "saved_rounding_mode")

    def backward(self, grad):
        zeros = _constant(np.zeros_like(grad._data))
        return (
            zeros if self.needs_input_grad(0) else None,
            zeros if self.needs_input_grad(1) else None,
        )


class NotImplementedBackward(Node):
    """torch's NotImplemented node: ops without a derivative formula (floor_divide) record one, with edges
    only to the inputs that require grad, and fail when backward reaches it."""

    __slots__ = ("op_name",)

    def name(self):
        return "torch::autograd::NotImplemented"

    def backward(self, grad):
        raise RuntimeError(f"derivative for {self.op_name} is not implemented")


def _not_implemented_node(op_name, *inputs):
    requiring = [t for t in inputs if t is not None and t._requires_grad]
    node = make_node(NotImplementedBackward, *requiring) if requiring else None
    if node is not None:
        node.op_name = op_name
    return node


def _integer_division_check(a, b):
    """torch's integer kernels raise on a zero divisor they use: none when the result is empty (a is)."""
    if np.size(a) and np.any(np.asarray(b) == 0):
        raise RuntimeError("ZeroDivisionError")


def _rounded_quotient(a, b, rounding_mode, kernel):
    """a / b rounded like torch (floor: Python's //, trunc: toward zero); integers stay integers."""
    if a.dtype == np.bool_ if isinstance(a, np.ndarray) else isinstance(a, np.bool_):
        if (b.dtype if isinstance(b, np.ndarray) else np.asarray(b).dtype) == np.bool_:
            raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")
    dtype = np.result_type(a, b)
    if dtype.kind != "f":
        _integer_division_check(a, b)
        quotient = np.floor_divide(a, b)
        if rounding_mode == "trunc":
            quotient = quotient + ((np.remainder(a, b) != 0) & ((np.asarray(a) < 0) != (np.asarray(b) < 0)))
        return np.asarray(quotient, dtype=dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        if rounding_mode == "trunc":
            return np.asarray(np.trunc(a / b), dtype=dtype)
        return np.asarray(np.floor_divide(a, b), dtype=dtype)


def _div_rounding(input, other, rounding_mode):
    if rounding_mode not in ("trunc", "floor"):
        raise RuntimeError(
            f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{rounding_mode}'"
        )
    ta, tb, a, b = binary_operands(input, other, "div")
    kernel = "div_floor_cpu" if rounding_mode == "floor" else "div_trunc_cpu"
    result = _rounded_quotient(a, b, rounding_mode, kernel)
    node = make_node(DivBackward2, ta, tb)
    if node is not None:
        node.saved_rounding_mode = rounding_mode
        node.saved_self = _save_operand(ta, input)
        node.saved_other = _save_operand(tb, other)
    return make_output(result, node)


def floor_divide(input, other):
    ta, tb, a, b = binary_operands(input, other, "floor_divide")
    result = _rounded_quotient(a, b, "floor", "div_floor_cpu")
    return make_output(result, _not_implemented_node("aten::floor_divide", ta, tb))


def rfloordiv(input, other):
    """other // input (what `2 // x` calls)."""
    return floor_divide(other, input)


def _float_remainder(a, b, fmod_only):
    """torch's kernels: fmod keeps the dividend's sign; remainder moves a non-zero result to the divisor's."""
    with np.errstate(divide="ignore", invalid="ignore"):
        mod = np.fmod(a, b)
        if not fmod_only:
            mod = np.where((mod != 0) & ((np.asarray(b) < 0) != (mod < 0)), mod + b, mod)
    return np.asarray(mod, dtype=np.result_type(a, b))


def _modulo(name, input, other, scalar_node, tensor_node, fmod_only):
    ta, tb, a, b = binary_operands(input, other, name)
    if a.dtype == np.bool_ and b.dtype == np.bool_:
        raise NotImplementedError(f"\"{name}_cpu\" not implemented for 'Bool'")
    if np.result_type(a, b).kind != "f":
        _integer_division_check(a, b)
        result = np.fmod(a, b) if fmod_only else np.remainder(a, b)
    else:
        result = _float_remainder(a, b, fmod_only)
    if ta is None:
        return make_output(result, _not_implemented_node(f"aten::{name}", tb))
    if tb is None:
        return make_output(result, make_node(scalar_node, ta))
    node = make_node(tensor_node, ta, tb)
    if node is not None and node.needs_input_grad(1):
        node.saved_self = SavedTensor(ta)
        node.saved_other = SavedTensor(tb)
    return make_output(result, node)


class RemainderBackward0(Node):
    """remainder(self, Scalar other)."""

    __slots__ = ()

    def backward(self, grad):
        return (grad,)


class RemainderBackward1(Node):
    __slots__ = ("saved_self", "saved_other")
    rounding = "floor"

    def backward(self, grad):
        grad_other = None
        if self.needs_input_grad(1):
            self_, other = self.unpack(self.saved_self), self.unpack(self.saved_other)
            grad_other = -grad * div(self_, other, rounding_mode=self.rounding)
        return grad if self.needs_input_grad(0) else None, grad_other


class FmodBackward0(RemainderBackward0):
    __slots__ = ()


class FmodBackward1(RemainderBackward1):
    __slots__ = ()
    rounding = "trunc"


def remainder(input, other):
    """Python's %: the result takes the divisor's sign."""
    return _modulo("remainder", input, other, RemainderBackward0, RemainderBackward1, fmod_only=False)


def rremainder(input, other):
    """other % input (what `5 % x` calls): a Scalar dividend, which torch cannot differentiate."""
    return remainder(other, input)


def fmod(input, other):
    """C's fmod: the result takes the dividend's sign."""
    return _modulo("fmod", input, other, FmodBackward0, FmodBackward1, fmod_only=True)


class ReciprocalBackward0(Node):
    __slots__ = ("saved_result",)

    def backward(self, grad):
        result = self.unpack(self.saved_result)
        return (-grad * (result * result),)


def reciprocal(input):
    tensor_arg(input, "reciprocal")
    with np.errstate(all="ignore"):
        out = make_output(1 / float_input(input), make_node(ReciprocalBackward0, input))
    if out._grad_fn is not None:
        out._grad_fn.saved_result = SavedTensor(out, is_output=True)
    return out


def rdiv(input, other):
    """other / input (what `2 / x` calls): torch computes reciprocal(input) * other."""
    with np.errstate(invalid="ignore"):  # 0 / 0 is inf * 0: NaN, silently as in torch
        return mul(reciprocal(input), other)


# ---- neg / pow
# ------------------------------------------------------------------------------------------------
class NegBackward0(Node):
    __slots__ = ()

    def backward(self, grad):
        return (-grad,)


def neg(input):
    tensor_arg(input, "neg")
    if input._data.dtype == np.bool_:
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
            "invert a mask, "
            "use the `~` or `logical_not()` operator instead."
        )
    return make_output(np.negative(input._data), make_node(NegBackward0, input))


def positive(input):
    """`+x`: torch hands back the tensor itself (no copy, no graph node)."""
    tensor_arg(input, "positive")
    if input._data.dtype == np.bool_:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return input


class PowBackward0(Node):
    """pow(tensor, scalar exponent)."""

    __slots__ = ("saved_self", "saved_exponent")

    def backward(self, grad):
        exponent = self.saved_exponent
        base = self.unpack(self.saved_self)
        if exponent == 0:
            return (_zeros_like(base),)
        exponent = float(exponent)  # torch's pow_backward computes with the exponent as a double
        return (grad * mul_scalar(pow(base, exponent - 1), exponent),)


class PowBackward1(Node):
    """pow(tensor, tensor exponent)."""

    __slots__ = ("saved_self", "saved_exponent", "saved_result")

    def backward(self, grad):
        from .unary import where

        base = self.unpack(self.saved_self)
        exponent = self.unpack(self.saved_exponent)
        result = self.unpack(self.saved_result)  # version-checked even when unused, as in torch
        zero = _constant(np.zeros((), grad._data.dtype))
        grad_self = grad_exponent = None
        if self.needs_input_grad(0):
            # torch's pow_backward_self: 0 where the exponent is 0
            zero_exponent = _constant(exponent._data == 0)
            with np.errstate(invalid="ignore"):  # 0 * inf where base and exponent are 0: masked, silently
                grad_self = where(zero_exponent, zero, grad * (exponent * pow(base, sub_scalar(exponent, 1))))
        if self.needs_input_grad(1):
            # torch's pow_backward_exponent: result * log(self), 0 where self == 0 and exponent >= 0
            condition = _constant((base._data == 0) & (exponent._data >= 0))
            with np.errstate(invalid="ignore"):  # 0 * log(0) is masked; a negative base gives NaN silently
                grad_exponent = grad * where(condition, zero, result * log(base))
        return grad_self, grad_exponent


class PowBackward2(Node):
    """pow(scalar base, tensor exponent)."""

    __slots__ = ("saved_self", "saved_exponent", "saved_result")

    def backward(self, grad):
        base = self.saved_self
        exponent = self.unpack(self.saved_exponent)  # version-checked even when unused, as in torch
        result = self.unpack(self.saved_result)
        with np.errstate(divide="ignore", invalid="ignore"):  # log of 0 or of a negative base, silently
            log_base = float(np.log(base))
        if base == 0:
            from .unary import where

            zero = _constant(np.zeros((), grad._data.dtype))
            return (grad * where(_constant(exponent._data >= 0), zero, mul_scalar(result, log_base)),)
        return (grad * mul_scalar(result, log_base),)


def _integer_power(a, b):
    """torch's integer pow with tensor exponents: a negative exponent gives 1 for base 1, +-1 for base -1,
    else 0 (numpy refuses negative integer powers)."""
    negative = b < 0
    result = np.power(a, np.where(negative, 0, b).astype(b.dtype))
    if np.any(negative):
        odd = (b % 2).astype(bool)
        special = np.where(a == 1, 1, np.where(a == -1, np.where(odd, -1, 1), 0)).astype(result.dtype)
        result = np.where(negative, special, result)
    return result


def pow(input, exponent):
    ta, tb, a, b = binary_operands(input, exponent, "pow")
    if a.dtype == np.bool_ and b.dtype == np.bool_:
        if tb is not None or ta is None:
            raise NotImplementedError("\"pow\" not implemented for 'Bool'")
        result = a.copy() if b else np.ones_like(a)  # torch answers exponents 0 and 1 without its kernel
    elif a.dtype.kind in "iub" and b.dtype.kind in "iu" and np.any(np.asarray(b) < 0):
        if tb is None:  # only a Python scalar exponent is checked
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        result = _integer_power(a, b)
    else:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # silent inf/nan, as in torch
            if tb is None and b == -0.5 and a.dtype.kind == "f":
                result = 1 / np.sqrt(a)  # torch's rsqrt: -0.0 ** -0.5 is -inf
            else:
                result = np.power(a, b)
    if ta is not None and tb is None:
        node = make_node(PowBackward0, ta)
        if node is not None:
            node.saved_self = SavedTensor(ta)
            node.saved_exponent = exponent
        return make_output(result, node)
    if ta is None:
        node = make_node(PowBackward2, tb)
        out = make_output(c_order(result), node)  # torch fills a contiguous result with the base first
        if node is not None:
            node.saved_self = input
            node.saved_exponent = SavedTensor(tb)
            node.saved_result = SavedTensor(out, is_output=True)
        return out
    node = make_node(PowBackward1, ta, tb)
    out = make_output(result, node)
    if node is not None:  # torch saves all three whichever input needs a gradient
        node.saved_self = SavedTensor(ta)
        node.saved_exponent = SavedTensor(tb)
        node.saved_result = SavedTensor(out, is_output=True)
    return out


def rpow(input, other):
    """other ** input (what `2 ** x` calls)."""
    return pow(other, input)


# ---- unary float functions
# ------------------------------------------------------------------------------------
class ExpBackward0(Node):
    __slots__ = ("saved_result",)

    def backward(self, grad):
        return (grad * self.unpack(self.saved_result),)


def _exp(data):
    """numpy's float32 exp is off by an ulp for ~40% of inputs where torch's is (almost always) correctly
    rounded; chains of exp amplify that past float32 tolerances, so compute float32 in float64 and round."""
    with np.errstate(over="ignore"):  # overflow to inf is silent in torch
        if data.dtype == np.float32:
            return np.exp(data, dtype=np.float64).astype(np.float32)
        return np.exp(data)


def exp(input):
    tensor_arg(input, "exp")
    node = make_node(ExpBackward0, input)
    out = make_output(_exp(float_input(input)), node)
    if node is not None:
        node.saved_result = SavedTensor(out, is_output=True)
    return out


class LogBackward0(Node):
    __slots__ = ("saved_self",)

    def backward(self, grad):
        return (grad / self.unpack(self.saved_self),)


def log(input):
    tensor_arg(input, "log")
    node = make_node(LogBackward0, input)
    if node is not None:
        node.saved_self = SavedTensor(input)
    with np.errstate(divide="ignore", invalid="ignore"):
        return make_output(np.log(float_input(input)), node)


class SqrtBackward0(Node):
    __slots__ = ("saved_result",)

    def backward(self, grad):
        return (grad / mul_scalar(self.unpack(self.saved_result), 2),)


def sqrt(input):
    tensor_arg(input, "sqrt")
    node = make_node(SqrtBackward0, input)
    with np.errstate(invalid="ignore"):
        out = make_output(np.sqrt(float_input(input)), node)
    if node is not None:
        node.saved_result = SavedTensor(out, is_output=True)
    return out


class AbsBackward0(Node):
    __slots__ = ("saved_self",)

    def backward(self, grad):
        return (grad * _sgn(self.unpack(self.saved_self)),)


class SgnBackward0(Node):
    """sgn of a real tensor is piecewise constant: its gradient is zero."""

    __slots__ = ("saved_self", "saved_result")

    def backward(self, grad):
        return (_zeros_like(grad),)


def sign_array(data):
    """torch's sign: (0 < x) - (x < 0), so NaN and -0.0 give +0 (numpy's sign keeps NaN); bools stay bools."""
    if data.dtype == np.bool_:
        return data.copy()
    with np.errstate(invalid="ignore"):
        return (data > 0).astype(data.dtype) - (data < 0).astype(data.dtype)


def _sgn(t):
    """torch.sgn as abs's formula calls it (internal: the public sign/sgn ops live with the unary ops)."""
    node = make_node(SgnBackward0, t)
    out = make_output(sign_array(t._data), node)
    if node is not None:
        node.saved_self = SavedTensor(t)
        node.saved_result = SavedTensor(out, is_output=True)
    return out


def abs(input):
    tensor_arg(input, "abs")
    if input._data.dtype == np.bool_:
        raise NotImplementedError("\"abs_cpu\" not implemented for 'Bool'")
    node = make_node(AbsBackward0, input)
    if node is not None:
        node.saved_self = SavedTensor(input)
    return make_output(np.abs(input._data), node)


# ---- in-place forms
# -------------------------------------------------------------------------------------------
def add_(self, other, *, alpha=1):
    return inplace(self, add, other, alpha=alpha)


def sub_(self, other, *, alpha=1):
    _check_bool_sub(self, other)
    return inplace(self, sub, other, alpha=alpha)


def mul_(self, other):
    return inplace(self, mul, other)


def div_(self, other, *, rounding_mode=None):
    return inplace(self, div, other, rounding_mode=rounding_mode)


def pow_(self, exponent):
    return inplace(self, pow, exponent)


def neg_(self):
    return inplace(self, neg)


def exp_(self):
    return inplace(self, exp)


def log_(self):
    return inplace(self, log)


def sqrt_(self):
    return inplace(self, sqrt)


def abs_(self):
    return inplace(self, abs)


def reciprocal_(self):
    return inplace(self, reciprocal)


def floor_divide_(self, other):
    return inplace(self, floor_divide, other)


def remainder_(self, other):
    return inplace(self, remainder, other)


def fmod_(self, other):
    return inplace(self, fmod, other)


register_methods(
    add=add,
    sub=sub,
    subtract=sub,
    mul=mul,
    multiply=mul,
    div=div,
    divide=div,
    true_divide=div,
    neg=neg,
    negative=neg,
    pow=pow,
    exp=exp,
    log=log,
    sqrt=sqrt,
    abs=abs,
    reciprocal=reciprocal,
    add_=add_,
    sub_=sub_,
    mul_=mul_,
    div_=div_,
    pow_=pow_,
    neg_=neg_,
    exp_=exp_,
    log_=log_,
    sqrt_=sqrt_,
    abs_=abs_,
    reciprocal_=reciprocal_,
    floor_divide=floor_divide,
    floor_divide_=floor_divide_,
    remainder=remainder,
    remainder_=remainder_,
    fmod=fmod,
    fmod_=fmod_,
    __floordiv__=python_operator(floor_divide),
    __rfloordiv__=python_operator(rfloordiv),
    __ifloordiv__=python_operator(floor_divide_),
    __mod__=python_operator(remainder),
    __rmod__=python_operator(rremainder),
    __imod__=python_operator(remainder_),
    __add__=python_operator(add),
    __radd__=python_operator(add),
    __iadd__=python_operator(add_),
    __sub__=python_operator(sub),
    __rsub__=python_operator(rsub),
    __isub__=python_operator(sub_),
    __mul__=python_operator(mul),
    __rmul__=python_operator(mul),
    __imul__=python_operator(mul_),
    __truediv__=python_operator(div),
    __rtruediv__=python_operator(rdiv, takes_ndarray=True),
    __itruediv__=python_operator(div_),
    __pow__=python_operator(pow),
    __rpow__=python_operator(rpow),
    __ipow__=python_operator(pow_),
    __neg__=neg,
    __pos__=positive,
    # numpy defers to the tensor's reflected operator (np.float64(2) * x is a tensor), as with torch's value
    __array_priority__=1000,
    positive=positive,
    __abs__=abs,
)

# torch's aliases
subtract = sub
multiply = mul
divide = true_divide = div
negative = neg
