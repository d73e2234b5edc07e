"""Elementwise arithmetic: add sub mul div neg pow exp log sqrt abs reciprocal, operators and in-place forms.

Forwards only: each op's autograd story (node, formulas, what is saved) is its row in
derivatives/arithmetic.py.
Broadcast gradients are reduced and cast by the engine, as torch's validate_outputs does.
"""

import numpy as np

from .._core import forward_ad, grad_mode
from .._core.arguments import invalid_arguments, is_number, number_arg
from .._core.broadcast import broadcast_shapes
from .._core.dtypes import result_type
from .._core.fp import silent
from .._core.graph import not_implemented_node
from .._core.layout import c_order
from .._core.tensor import as_zero_tensor
from ..derivatives import arithmetic as rows
from ..derivatives import at
from . import (
    Tensor,
    binary_operands,
    checked_scalar,
    float_input,
    float_operands,
    inplace,
    make_output,
    python_operator,
    register_methods,
    scalar_as,
    tensor_arg,
)
from .unary import sign_array, where

_fw = forward_ad.state


def _constant(array):
    """A tensor that is a constant for autograd (used for sign masks and the like in backward formulas)."""
    return make_output(array, None)


# ---- Tensor-and-Scalar ops of torch's C++ formulas -------------------------------------------------------
# Inside derivative formulas torch multiplies by C++ numbers (`2 * result`, `grad * alpha`), which dispatches
# to the Scalar overloads: their nodes (MulBackward1, DivBackward1) show up in create_graph=True graphs.
def mul_scalar(t, scalar):
    """t * scalar as aten::mul.Scalar (no promotion of t's floating dtype by the Python number)."""
    data = t._data
    if data.dtype.kind != "f":
        return _zero_if(rows.MUL_SCALAR.record(data * scalar, t, scalar), t)
    with silent():  # 0 * inf (e.g. times log(0)): nan silently, as torch
        if data.dtype == np.float16:  # torch computes half in float and rounds the product once
            out = rows.MUL_SCALAR.record((data * np.float32(scalar)).astype(np.float16), t, scalar)
        else:
            out = rows.MUL_SCALAR.record(data * data.dtype.type(scalar), t, scalar)
    return _zero_if(out, t)


def div_scalar(t, scalar):
    """t / scalar as aten::div.Scalar."""
    data = t._data
    with silent():
        if data.dtype == np.float16:  # in float, as mul_scalar
            out = rows.DIV_SCALAR.record((data / np.float32(scalar)).astype(np.float16), t, scalar)
        else:
            out = rows.DIV_SCALAR.record(data / data.dtype.type(scalar), t, scalar)
    return _zero_if(out, t)


def _zero_if(out, t):
    """torch's ZeroTensor kernels (see _core.tensor.ZeroTensor): mul gives a ZeroTensor when it is given one,
    div when the dividend is one and the divisor is not, add and sub when both operands are."""
    return as_zero_tensor(out) if t._zero else out


def add_scalar(t, scalar):
    data = t._data
    return rows.ADD_SCALAR.record(data + data.dtype.type(scalar), t, scalar, 1)


def sub_scalar(t, scalar):
    data = t._data
    return rows.SUB_SCALAR.record(data - data.dtype.type(scalar), t, scalar, 1)


def maybe_multiply(grad, alpha):
    return grad if alpha == 1 else mul_scalar(grad, alpha)


def mul_grad(grad, t):
    """grad * t in a backward formula. Without a graph to record or a tangent to carry, and with equal dtypes
    and shapes, mul computes exactly `grad._data * t._data`: do that directly (the common case, and a hot
    one). Formulas run where floating-point exceptions are silent already (the engine, forward AD)."""
    a, b = grad._data, t._data
    if a.dtype == b.dtype and a.shape == b.shape and not grad_mode.state.grad_enabled and not _fw.enabled:
        out = make_output(a * b, None)
        return as_zero_tensor(out) if grad._zero or t._zero else out
    return mul(grad, t)


def zeros_like(t):
    """Zeros of t's shape and dtype (a constant: what torch's formulas return for piecewise-constant ops)."""
    return make_output(np.zeros(t._data.shape, t._data.dtype), None)


# ---- add / sub
# ------------------------------------------------------------------------------------------------
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


def _alpha_value(alpha, a, b):
    """alpha as a value of the operands' dtype, as torch casts it (-1 is 255 for uint8)."""
    return scalar_as(np.result_type(a, b), alpha)


def add(input, other, *, alpha=1):
    ta, tb, a, b = binary_operands(input, other, "add")
    if type(alpha) is not int or alpha != 1:
        alpha = _check_alpha(alpha, "add", a, b)
    with silent():  # inf - inf and overflow: silently, as in torch (numpy warns)
        result = a + b if alpha == 1 else a + b * _alpha_value(alpha, a, b)
    if alpha != 1:
        if result.dtype != a.dtype and a.dtype == b.dtype:  # alpha does not promote: bools stay bools
            result = result.astype(a.dtype)
    out = rows.ADD.record(result, input, other, alpha)
    if ta is not None and ta._zero and tb is not None and tb._zero:
        as_zero_tensor(out)
    return out


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
    with silent():
        out = rows.SUB.record(a - b if alpha == 1 else a - b * _negatable(alpha, a, b), input, other, alpha)
    if ta is not None and ta._zero and tb is not None and tb._zero:
        as_zero_tensor(out)
    return out


def _negatable(alpha, a, b):
    """alpha as torch's sub uses it: it adds -alpha, and -(-2**63) wraps around to -2**63 in int64."""
    value = _alpha_value(alpha, a, b)
    return -value if type(alpha) is int and alpha == -(2**63) else value


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
    with silent():
        result = b - a if alpha == 1 else b - a * _negatable(alpha, a, b)
    if tb is None:
        return rows.RSUB_SCALAR.record(result, input, other, alpha)
    return rows.RSUB.record(result, input, other, alpha)


# ---- mul / div
# --------------------------------------------------------------------------------------------------
def mul(input, other):
    ta, tb, a, b = binary_operands(input, other, "mul")
    with silent():  # 0 * inf and overflow: silently, as in torch (numpy warns)
        result = a * b
    out = rows.MUL.record(result, input, other)
    if (ta is not None and ta._zero) or (tb is not None and tb._zero):
        as_zero_tensor(out)
    return out


def div(input, other, *, rounding_mode=None):
    if rounding_mode is not None:
        return _div_rounding(input, other, rounding_mode)
    ta, tb, a, b = binary_operands(input, other, "div")
    if np.result_type(a, b).kind != "f":  # integers divide in floating point, from their own values
        ta, tb, a, b = float_operands(input, other, "div")
    with silent():
        result = a / b
    if tb is not None and tb._zero:  # torch's ZeroTensor kernel: x / 0 is inf whatever x is, 0 / 0 nan
        result = np.full(result.shape, np.nan if ta is not None and ta._zero else np.inf, result.dtype)
    out = rows.DIV.record(result, input, other)
    if ta is not None and ta._zero and not (tb is not None and tb._zero):
        as_zero_tensor(out)
    return out


# ---- rounding division, floor_divide, remainder
# ---------------------------------------------------------------
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
    with silent():
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
    return rows.DIV_MODE.record(result, input, other, rounding_mode)


def floor_divide(input, other):
    ta, tb, a, b = binary_operands(input, other, "floor_divide")
    result = _rounded_quotient(a, b, "floor", "div_floor_cpu")
    return make_output(result, not_implemented_node("aten::floor_divide", ta, tb))


def rfloordiv(input, other):
    """other // input (what `2 // x` calls)."""
    return floor_divide(other, input)


def _float_remainder(a, b, fmod_only):
    """torch's kernels: fmod keeps the dividend's sign; remainder moves a non-zero result to the divisor's."""
    with silent():
        mod = np.fmod(a, b)
        if not fmod_only:
            mod = np.where((mod != 0) & ((np.asarray(b) < 0) != (mod < 0)), mod + b, mod)
    return np.asarray(mod, dtype=np.result_type(a, b))


def _modulo(name, input, other, scalar_row, tensor_row, fmod_only):
    ta, tb, a, b = binary_operands(input, other, name)
    if a.dtype == np.bool_ and b.dtype == np.bool_:
        raise NotImplementedError(f"\"{name}_cpu\" not implemented for 'Bool'")
    if np.result_type(a, b).kind != "f":
        _integer_division_check(a, b)
        result = np.fmod(a, b) if fmod_only else np.remainder(a, b)
    else:
        result = _float_remainder(a, b, fmod_only)
    if ta is None:
        return make_output(result, not_implemented_node(f"aten::{name}", tb))
    if tb is None:
        return scalar_row.record(result, input, other)
    return tensor_row.record(result, input, other)


def remainder(input, other):
    """Python's %: the result takes the divisor's sign."""
    return _modulo("remainder", input, other, rows.REMAINDER_SCALAR, rows.REMAINDER, fmod_only=False)


def rremainder(input, other):
    """other % input (what `5 % x` calls): a Scalar dividend, which torch cannot differentiate."""
    return remainder(other, input)


def fmod(input, other):
    """C's fmod: the result takes the dividend's sign."""
    return _modulo("fmod", input, other, rows.FMOD_SCALAR, rows.FMOD, fmod_only=True)


def reciprocal(input):
    tensor_arg(input, "reciprocal")
    with silent():
        return rows.RECIPROCAL.record(1 / float_input(input), input)


def rdiv(input, other):
    """other / input (what `2 / x` calls): torch computes reciprocal(input) * other."""
    with silent():  # 0 / 0 is inf * 0: NaN, silently as in torch
        return mul(reciprocal(input), other)


# ---- neg / pow
# ------------------------------------------------------------------------------------------------
def neg(input):
    tensor_arg(input, "neg")
    if input._data.dtype == np.bool_:
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
            "invert a mask, "
            "use the `~` or `logical_not()` operator instead."
        )
    return rows.NEG.record(np.negative(input._data), input)


def positive(input):
    """`+x`: torch hands back the tensor itself (no copy, no graph node)."""
    tensor_arg(input, "positive")
    if input._data.dtype == np.bool_:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return input


def pow_backward(grad, self, exponent):
    """d/dself of self ** exponent (a number): 0 for exponent 0, else
    grad * exponent * self ** (exponent - 1), computed with the exponent as a double, as torch's
    pow_backward does."""
    if exponent == 0:
        return zeros_like(self)
    exponent = float(exponent)
    return grad * mul_scalar(pow(self, exponent - 1), exponent)


def pow_backward_self(grad, self, exponent):
    """torch's pow_backward_self: grad * exponent * self ** (exponent - 1), 0 where the exponent is 0."""
    zero = _constant(np.zeros((), grad._data.dtype))
    zero_exponent = _constant(exponent._data == 0)
    with silent():  # 0 * inf where base and exponent are 0: masked, silently
        return where(zero_exponent, zero, grad * (exponent * pow(self, sub_scalar(exponent, 1))))


def pow_backward_exponent(grad, self, exponent, result):
    """torch's pow_backward_exponent: grad * result * log(self), 0 where self == 0 and exponent >= 0."""
    zero = _constant(np.zeros((), grad._data.dtype))
    condition = _constant((self._data == 0) & (exponent._data >= 0))
    with silent():  # 0 * log(0) is masked; a negative base gives NaN silently
        return grad * where(condition, zero, result * log(self))


def pow_backward_exponent_scalar(grad, base, exponent, result):
    """d/dexponent of base ** exponent for a number base: grad * result * log(base), 0 where base is 0 and
    the exponent >= 0."""
    with silent():  # log of 0 or of a negative base, silently
        log_base = float(np.log(base))
    if base == 0:
        zero = _constant(np.zeros((), grad._data.dtype))
        return grad * where(_constant(exponent._data >= 0), zero, mul_scalar(result, log_base))
    return grad * mul_scalar(result, log_base)


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
        with silent():  # silent inf/nan, as in torch
            if tb is None and b == -0.5 and a.dtype.kind == "f":
                result = 1 / np.sqrt(a)  # torch's rsqrt: -0.0 ** -0.5 is -inf
            else:
                result = np.power(a, b)
    if ta is not None and tb is None:
        return rows.POW_SCALAR.record(result, input, exponent)
    if ta is None:  # torch fills a contiguous result with the base first
        return rows.POW_SCALAR_BASE.record(c_order(result), input, exponent)
    return rows.POW.record(result, input, exponent)


def rpow(input, other):
    """other ** input (what `2 ** x` calls)."""
    return pow(other, input)


# ---- unary float functions
# ------------------------------------------------------------------------------------
def _exp(data):
    """numpy's float32 exp is off by an ulp for ~40% of inputs where torch's is (almost always) correctly
    rounded; chains of exp amplify that past float32 tolerances, so compute float32 in float64 and round."""
    with silent():  # overflow to inf is silent in torch
        if data.dtype == np.float32:
            return np.exp(data, dtype=np.float64).astype(np.float32)
        return np.exp(data)


def exp(input):
    tensor_arg(input, "exp")
    return rows.EXP.record(_exp(float_input(input)), input)


def log(input):
    tensor_arg(input, "log")
    with silent():
        return rows.LOG.record(np.log(float_input(input)), input)


def square(input):
    """torch.square is pow(input, 2) (PowBackward0; a bool tensor squares to int64, as pow gives)."""
    tensor_arg(input, "square")
    return pow(input, 2)


def square_(self):
    return self.pow_(2)


def sqrt(input):
    tensor_arg(input, "sqrt")
    with silent():
        return rows.SQRT.record(np.sqrt(float_input(input)), input)


def sgn(input):
    """For real tensors torch's sgn is sign with its own node (SgnBackward0, saving self and result)."""
    tensor_arg(input, "sgn")
    if input._data.dtype == np.bool_:
        return make_output(input._data.copy(), None)
    return rows.SGN.record(sign_array(input._data), input)


def abs(input):
    tensor_arg(input, "abs")
    if input._data.dtype == np.bool_:
        raise NotImplementedError("\"abs_cpu\" not implemented for 'Bool'")
    return rows.ABS.record(np.abs(input._data), input)


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


# ---- addcmul / addcdiv: self + value * tensor1 * tensor2 (or / tensor2) ------------------------------------
ADDCDIV_INTEGER_DIVISION = (
    "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will "
    "perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be "
    "implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer "
    "inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior "
    "is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes."
)


def _pointwise_ternary(name, row, input, tensor1, tensor2, value, divide):
    tensor_arg(input, name)
    tensor_arg(tensor1, name, "tensor1", 2)
    tensor_arg(tensor2, name, "tensor2", 3)
    if type(value) is not int and type(value) is not float:
        value = number_arg(value, name, "value", None)
    a, b, c = input._data, tensor1._data, tensor2._data
    if divide and b.dtype.kind in "iub" and c.dtype.kind in "iub":
        raise RuntimeError(ADDCDIV_INTEGER_DIVISION)
    broadcast_shapes(broadcast_shapes(a.shape, b.shape), c.shape)
    dtype = result_type(input, tensor1, tensor2)  # a 0-d operand does not lift the others' category
    if dtype == np.bool_:
        raise NotImplementedError(f"\"{name}_cpu_out\" not implemented for 'Bool'")
    scaled = scalar_as(dtype, value) * b.astype(dtype, copy=False)  # torch's kernel: value * t1, then t2
    with silent():
        result = a + (scaled / c if divide else scaled * c)
    return row.record(result.astype(dtype, copy=False), input, tensor1, tensor2, value)


def addcmul(input, tensor1, tensor2, *, value=1):
    return _pointwise_ternary("addcmul", rows.ADDCMUL, input, tensor1, tensor2, value, divide=False)


def addcdiv(input, tensor1, tensor2, *, value=1):
    return _pointwise_ternary("addcdiv", rows.ADDCDIV, input, tensor1, tensor2, value, divide=True)


def _ternary_method(fn):
    """fn as a Tensor method: torch counts a method's argument positions after self."""

    def method(self, tensor1, tensor2, *, value=1):
        tensor_arg(tensor1, fn.__name__, "tensor1", 1)
        tensor_arg(tensor2, fn.__name__, "tensor2", 2)
        return fn(self, tensor1, tensor2, value=value)

    method.__name__ = fn.__name__
    return method


def addcmul_(self, tensor1, tensor2, *, value=1):
    return inplace(self, addcmul, tensor1, tensor2, value=value)


def addcdiv_(self, tensor1, tensor2, *, value=1):
    return inplace(self, addcdiv, tensor1, tensor2, value=value)


def sgn_(self):
    return inplace(self, sgn)


register_methods(
    addcmul=_ternary_method(addcmul),
    addcmul_=_ternary_method(addcmul_),
    addcdiv=_ternary_method(addcdiv),
    addcdiv_=_ternary_method(addcdiv_),
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
    sgn=sgn,
    sgn_=sgn_,
    square=square,
    square_=square_,
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

at.register(
    div=div,
    mul_scalar=mul_scalar,
    div_scalar=div_scalar,
    add_scalar=add_scalar,
    sub_scalar=sub_scalar,
    maybe_multiply=maybe_multiply,
    mul_grad=mul_grad,
    zeros_like=zeros_like,
    pow_backward=pow_backward,
    pow_backward_self=pow_backward_self,
    pow_backward_exponent=pow_backward_exponent,
    pow_backward_exponent_scalar=pow_backward_exponent_scalar,
)

# torch's aliases
subtract = sub
multiply = mul
divide = true_divide = div
negative = neg
