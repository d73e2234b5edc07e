"""Activation functions beyond relu/sigmoid/tanh: leaky_relu (and leaky_relu_), hardtanh (and hardtanh_),
silu, gelu, and the gradient ops leaky_relu_backward, hardtanh_backward and gelu_backward. Forwards only:
their autograd stories are rows in derivatives/activations.py."""

import math

import numpy as np

from .._core import grad_mode
from .._core.arguments import number_arg
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.graph import not_implemented_node
from ..derivatives import activations as rows
from ..derivatives import at
from . import inplace, make_output, register_methods, tensor_arg


def _slope(negative_slope, name):
    if type(negative_slope) is not float and type(negative_slope) is not int:
        negative_slope = number_arg(negative_slope, name, "negative_slope", 2)
    return negative_slope


def _floating(input, kernel):
    if input._data.dtype.kind != "f":
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{SCALAR_TYPE_NAMES[input.dtype]}'")


def _leaky(data, negative_slope):
    with np.errstate(all="ignore"):
        return np.where(data > 0, data, data * data.dtype.type(negative_slope))


def leaky_relu(input, negative_slope=0.01):
    tensor_arg(input, "leaky_relu")
    negative_slope = _slope(negative_slope, "leaky_relu")
    _floating(input, "leaky_relu_cpu")
    return rows.LEAKY_RELU.record(_leaky(input._data, negative_slope), input, negative_slope)


def leaky_relu_(self, negative_slope=0.01):
    tensor_arg(self, "leaky_relu_")
    negative_slope = _slope(negative_slope, "leaky_relu_")
    _floating(self, "leaky_relu_cpu")

    def op(source, slope):
        return rows.LEAKY_RELU_.record(_leaky(source._data, slope), source, slope)

    op.__name__ = "leaky_relu"
    return inplace(self, op, negative_slope)


def leaky_relu_backward(grad_output, self, negative_slope, self_is_result):
    """grad_output where self > 0, grad_output * negative_slope elsewhere."""
    grad = grad_output._data
    with np.errstate(all="ignore"):
        data = np.where(self._data > 0, grad, grad * grad.dtype.type(negative_slope))
    return rows.LEAKY_RELU_BACKWARD.record(data, grad_output, self, negative_slope, self_is_result)


def _bound(value, name):
    if type(value) is not float and type(value) is not int:
        value = number_arg(value, "hardtanh", name, 2 if name == "min_val" else 3)
    return value


def _clamped(data, min_val, max_val):
    """torch's hardtanh kernel: the bounds converted to the input's type (integer tensors truncate them)."""
    low, high = data.dtype.type(min_val), data.dtype.type(max_val)
    with np.errstate(all="ignore"):
        return np.where(data < low, low, np.where(data > high, high, data))  # nan stays nan


def hardtanh(input, min_val=-1, max_val=1):
    """min(max(input, min_val), max_val), on floating and integer tensors."""
    tensor_arg(input, "hardtanh")
    min_val, max_val = _bound(min_val, "min_val"), _bound(max_val, "max_val")
    if input._data.dtype == np.bool_:
        raise RuntimeError("Bool inputs not supported for hardtanh")
    return rows.HARDTANH.record(_clamped(input._data, min_val, max_val), input, min_val, max_val)


def hardtanh_(self, min_val=-1, max_val=1):
    tensor_arg(self, "hardtanh_")
    min_val, max_val = _bound(min_val, "min_val"), _bound(max_val, "max_val")
    return inplace(self, hardtanh, min_val, max_val)


def hardtanh_backward(grad_output, self, min_val, max_val):
    """grad_output strictly inside (min_val, max_val), 0 at and beyond the bounds."""
    grad, data = grad_output._data, self._data
    inside = (data > min_val) & (data < max_val)
    return rows.HARDTANH_BACKWARD.record(
        np.where(inside, grad, grad.dtype.type(0)), grad_output, self, min_val, max_val
    )


def silu(input):
    tensor_arg(input, "silu")
    _floating(input, "silu_cpu")
    data = input._data
    with np.errstate(all="ignore"):
        return rows.SILU.record(data / (1 + np.exp(-data)), input)


def ones_like(t):
    return make_output(np.ones_like(t._data), None)


at.register(leaky_relu_backward=leaky_relu_backward, hardtanh_backward=hardtanh_backward, ones_like=ones_like)


# ---- gelu ----------------------------------------------------------------------------------------------
_SQRT_HALF = np.sqrt(0.5)
_BETA_TANH = np.sqrt(2.0) * (2.0 / np.sqrt(np.pi)) * 0.5
_BETA_ERF = (2.0 / np.sqrt(np.pi)) * np.sqrt(0.5) * 0.5
_KAPPA = 0.044715
_erf = np.vectorize(math.erf, otypes=[np.float64])


def _check_approximate(approximate):
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")


def _gelu_values(x, approximate):
    """Computed in float64 and rounded once to x's dtype."""
    wide = x.astype(np.float64)
    with np.errstate(all="ignore"):
        if approximate == "tanh":
            inner = _BETA_TANH * (wide + _KAPPA * wide**3)
            return (0.5 * wide * (1 + np.tanh(inner))).astype(x.dtype)
        return (wide * 0.5 * (1 + _erf(wide * _SQRT_HALF))).astype(x.dtype)


def gelu(input, approximate="none"):
    tensor_arg(input, "gelu")
    _check_approximate(approximate)
    _floating(input, "GeluKernelImpl")
    return rows.GELU.record(_gelu_values(input._data, approximate), input, approximate)


def gelu_backward(grad_output, self, approximate="none"):
    x = self._data.astype(np.float64)
    grad = grad_output._data.astype(np.float64)
    with np.errstate(all="ignore"):
        if approximate == "tanh":
            tanh_inner = np.tanh(_BETA_TANH * (x + _KAPPA * x**3))
            right_derivative = 0.5 * x * (1 - tanh_inner**2) * _BETA_TANH * (1 + 3 * _KAPPA * x * x)
            data = grad * (0.5 * (1 + tanh_inner) + right_derivative)
        else:
            cdf = 0.5 * (1 + _erf(x * _SQRT_HALF))
            pdf = np.exp(-0.5 * x * x) * _BETA_ERF
            data = grad * (cdf + x * pdf)
    data = data.astype(grad_output._data.dtype)
    return rows.GELU_BACKWARD.record(data, grad_output, self, approximate)


at.register(gelu_backward=gelu_backward)


# ---- softplus ----------------------------------------------------------------------------------------------
def _scalar(value, fn, name, position):
    if type(value) is float or type(value) is int:
        return value
    return number_arg(value, fn, name, position)


def softplus(input, beta=1, threshold=20):
    """log(1 + exp(beta * x)) / beta, and x itself where beta * x > threshold."""
    tensor_arg(input, "softplus")
    beta = _scalar(beta, "softplus", "beta", 2)
    threshold = _scalar(threshold, "softplus", "threshold", 3)
    _floating(input, "softplus_cpu")
    x = input._data
    t = x.dtype.type
    with np.errstate(all="ignore"):
        scaled = x * t(beta)
        data = np.where(scaled > t(threshold), x, np.log1p(np.exp(scaled)) / t(beta)).astype(x.dtype)
    return rows.SOFTPLUS.record(data, input, beta, threshold)


def softplus_backward(grad_output, self, beta, threshold):
    x = self._data
    t = x.dtype.type
    with np.errstate(all="ignore"):
        scaled = x * t(beta)
        z = np.exp(scaled)
        data = np.where(scaled > t(threshold), grad_output._data, grad_output._data * z / (z + 1))
    return rows.SOFTPLUS_BACKWARD.record(data.astype(x.dtype), grad_output, self, beta, threshold)


def softplus_double_backward(grad, input, beta, threshold):
    """torch's: sigmoid_backward(grad, sigmoid(beta * x)) * (beta * x < threshold) * beta."""
    scaled = at.mul_scalar(input, beta)
    return at.mul_scalar(at.sigmoid_backward(grad, scaled.sigmoid()) * (scaled < threshold), beta)


# ---- elu ---------------------------------------------------------------------------------------------------
def _elu_values(x, alpha, scale, input_scale):
    t = x.dtype.type
    with np.errstate(all="ignore"):
        negative = np.expm1(x * t(input_scale)) * t(alpha * scale)
        return np.where(x > 0, x * t(scale), negative).astype(x.dtype)


def _elu_args(fn, input, alpha, scale, input_scale):
    tensor_arg(input, fn)
    alpha = _scalar(alpha, fn, "alpha", 2)
    scale = _scalar(scale, fn, "scale", 3)
    input_scale = _scalar(input_scale, fn, "input_scale", 4)
    _floating(input, "elu_cpu")
    return alpha, scale, input_scale


def elu(input, alpha=1, scale=1, input_scale=1):
    alpha, scale, input_scale = _elu_args("elu", input, alpha, scale, input_scale)
    data = _elu_values(input._data, alpha, scale, input_scale)
    return rows.ELU.record(data, input, alpha, scale, input_scale)


def elu_(self, alpha=1, scale=1, input_scale=1):
    alpha, scale, input_scale = _elu_args("elu_", self, alpha, scale, input_scale)

    def op(source, alpha, scale, input_scale):
        data = _elu_values(source._data, alpha, scale, input_scale)
        return rows.ELU_.record(data, source, alpha, scale, input_scale)

    op.__name__ = "elu"
    return inplace(self, op, alpha, scale, input_scale)


def elu_backward(grad_output, alpha, scale, input_scale, is_result, self_or_result):
    """grad_output times elu's derivative, from its input (or, is_result, from its output)."""
    x = self_or_result._data
    t = x.dtype.type
    grad = grad_output._data
    with np.errstate(all="ignore"):
        if is_result:
            negative = grad * t(input_scale) * (x + t(alpha * scale))
        else:
            negative = grad * t(input_scale * alpha * scale) * np.exp(x * t(input_scale))
        data = np.where(x <= 0, negative, grad * t(scale)).astype(x.dtype)
    return rows.ELU_BACKWARD.record(data, grad_output, alpha, scale, input_scale, is_result, self_or_result)


def elu_double_backward(grad, grad_output, alpha, scale, input_scale, is_result, self_or_result):
    """torch's elu_double_backward."""
    negative = (self_or_result < 0).to(grad.dtype)
    if is_result:
        return at.mul_scalar(grad * grad_output, input_scale) * negative
    product = at.mul_scalar(grad * grad_output, input_scale)
    return elu_backward(product, alpha, scale, input_scale, is_result, self_or_result) * negative


# ---- log_sigmoid -------------------------------------------------------------------------------------------
def log_sigmoid_forward(input):
    """(log(sigmoid(x)), exp(-|x|)), computed without overflow."""
    tensor_arg(input, "log_sigmoid_forward")
    _floating(input, "log_sigmoid_cpu")
    x = input._data
    with np.errstate(all="ignore"):
        buffer = np.exp(-np.abs(x))
        output = (np.minimum(x, 0) - np.log1p(buffer)).astype(x.dtype)
    return rows.LOG_SIGMOID.record((output, buffer.astype(x.dtype)), input)


def log_sigmoid(input):
    return log_sigmoid_forward(input)[0]


def log_sigmoid_backward(grad_output, self, buffer):
    """grad_output * sigmoid(-x), from the buffer exp(-|x|)."""
    x, z = self._data, buffer._data
    with np.errstate(all="ignore"):
        data = grad_output._data * np.where(x < 0, 1 - z / (1 + z), z / (1 + z))
    return rows.LOG_SIGMOID_BACKWARD.record(data.astype(x.dtype), grad_output, self, buffer)


def log_sigmoid_double_backward(grad, input):
    """torch's: grad * (sigmoid(x) - 1) * sigmoid(x)."""
    z = input.sigmoid()
    return grad * at.sub_scalar(z, 1) * z


at.register(
    softplus_backward=softplus_backward,
    softplus_double_backward=softplus_double_backward,
    elu_backward=elu_backward,
    elu_double_backward=elu_double_backward,
    log_sigmoid=log_sigmoid,
    log_sigmoid_backward=log_sigmoid_backward,
    log_sigmoid_double_backward=log_sigmoid_double_backward,
)


# ---- selu and celu: elu with fixed or tied coefficients ----------------------------------------------------
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def selu(input):
    tensor_arg(input, "selu")
    return elu(input, SELU_ALPHA, SELU_SCALE)


def selu_(self):
    tensor_arg(self, "selu_")
    return elu_(self, SELU_ALPHA, SELU_SCALE)


def celu(input, alpha=1.0):
    tensor_arg(input, "celu")
    alpha = _scalar(alpha, "celu", "alpha", 2)
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU")
    _floating(input, "elu_cpu")
    data = _elu_values(input._data, alpha, 1, 1.0 / alpha)
    return rows.CELU.record(data, input, alpha)


def celu_(self, alpha=1.0):
    tensor_arg(self, "celu_")
    alpha = _scalar(alpha, "celu_", "alpha", 2)
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU")
    _floating(self, "elu_cpu")

    def op(source, alpha):
        return rows.CELU_.record(_elu_values(source._data, alpha, 1, 1.0 / alpha), source, alpha)

    op.__name__ = "celu"
    return inplace(self, op, alpha)


# ---- hardsigmoid / hardswish -------------------------------------------------------------------------------
def _relu6_of_x_plus_3(x):
    """torch's kernels: min(max(x + 3, 0), 6), in x's dtype."""
    t = x.dtype.type
    return np.minimum(np.maximum(x + t(3), t(0)), t(6))


def hardsigmoid(input):
    """relu6(x + 3) / 6."""
    tensor_arg(input, "hardsigmoid")
    _floating(input, "hardsigmoid_cpu")
    x = input._data
    with np.errstate(all="ignore"):
        return rows.HARDSIGMOID.record(_relu6_of_x_plus_3(x) / x.dtype.type(6), input)


def hardsigmoid_(self):
    tensor_arg(self, "hardsigmoid_")
    _floating(self, "hardsigmoid_cpu")
    return inplace(self, hardsigmoid)


def hardsigmoid_backward(grad_output, self):
    """grad_output / 6 strictly between -3 and 3, else 0. torch has no derivative of it: a NotImplemented
    node when it is recorded."""
    grad, x = grad_output._data, self._data
    t = grad.dtype.type
    with np.errstate(all="ignore"):
        data = np.where((x > -3) & (x < 3), grad * t(1 / 6), t(0)).astype(grad.dtype)
    recording = grad_mode.state.grad_enabled
    return make_output(
        data, not_implemented_node("aten::hardsigmoid_backward", grad_output, self) if recording else None
    )


def hardswish(input):
    """x * relu6(x + 3) / 6."""
    tensor_arg(input, "hardswish")
    _floating(input, "hardswish_cpu")
    x = input._data
    with np.errstate(all="ignore"):
        return rows.HARDSWISH.record(x * _relu6_of_x_plus_3(x) / x.dtype.type(6), input)


def hardswish_(self):
    tensor_arg(self, "hardswish_")
    _floating(self, "hardswish_cpu")
    return inplace(self, hardswish)


def hardswish_backward(grad_output, self):
    """torch's kernel: 0 up to -3 (inclusive), grad * (x / 3 + 0.5) below 3, grad from 3 on."""
    grad, x = grad_output._data, self._data
    t = x.dtype.type
    with np.errstate(all="ignore"):
        data = np.where(x <= -3, t(0), np.where(x < 3, grad * (x / t(3) + t(0.5)), grad)).astype(grad.dtype)
    return rows.HARDSWISH_BACKWARD.record(data, grad_output, self)


# ---- threshold ---------------------------------------------------------------------------------------------
def _threshold_args(fn, input, threshold, value):
    tensor_arg(input, fn)
    threshold = _scalar(threshold, fn, "threshold", 2)
    value = _scalar(value, fn, "value", 3)
    if input._data.dtype == np.bool_:
        raise NotImplementedError("\"threshold_cpu\" not implemented for 'Bool'")
    return threshold, value


def _thresholded(x, threshold, value):
    """x where x > threshold, else value (torch's kernel: x <= threshold ? value : x, so nan stays)."""
    with np.errstate(all="ignore"):
        return np.where(x <= threshold, np.array(value).astype(x.dtype), x)


def threshold(input, threshold, value):
    threshold, value = _threshold_args("threshold", input, threshold, value)
    return rows.THRESHOLD.record(_thresholded(input._data, threshold, value), input, threshold, value)


def threshold_(self, threshold, value):
    threshold, value = _threshold_args("threshold_", self, threshold, value)

    def op(source, threshold, value):
        return rows.THRESHOLD_.record(_thresholded(source._data, threshold, value), source, threshold, value)

    op.__name__ = "threshold"
    return inplace(self, op, threshold, value)


# ---- softshrink / hardshrink -------------------------------------------------------------------------------
def _lambd(fn, input, lambd, kernel):
    tensor_arg(input, fn)
    lambd = _scalar(lambd, fn, "lambd", 2)
    _floating(input, kernel)
    return lambd


def softshrink(input, lambd=0.5):
    """x - lambd above lambd, x + lambd below -lambd, x * 0 between (inclusive: -0.0 and nan stay)."""
    lambd = _lambd("softshrink", input, lambd, "softshrink_check")
    x = input._data
    high = float(np.finfo(x.dtype).max)
    if not 0 <= lambd <= high:
        raise RuntimeError(
            f"lambda must be in range [0, {high:g}] for input dtype {SCALAR_TYPE_NAMES[input.dtype]}, "
            f"but found {lambd:g}"
        )
    t = x.dtype.type
    with np.errstate(all="ignore"):
        data = np.where(x > t(lambd), x - t(lambd), np.where(x < -t(lambd), x + t(lambd), x * t(0)))
    return rows.SOFTSHRINK.record(data.astype(x.dtype), input, lambd)


def hardshrink(input, lambd=0.5):
    """x outside [-lambd, lambd], 0 inside."""
    lambd = _lambd("hardshrink", input, lambd, "hardshrink_cpu")
    x = input._data
    t = x.dtype.type
    inside = (x >= -t(lambd)) & (x <= t(lambd))
    return rows.HARDSHRINK.record(np.where(inside, t(0), x), input, lambd)


def shrink_backward(name, grad_output, self, lambd):
    """softshrink_backward / hardshrink_backward: grad_output outside [-lambd, lambd], 0 inside."""
    grad, x = grad_output._data, self._data
    t = x.dtype.type
    inside = (x >= -t(lambd)) & (x <= t(lambd))
    data = np.where(inside, grad.dtype.type(0), grad)
    row = rows.SOFTSHRINK_BACKWARD if name == "softshrink" else rows.HARDSHRINK_BACKWARD
    return row.record(data, grad_output, self, lambd)


register_methods(hardshrink=hardshrink)
at.register(
    hardsigmoid_backward=hardsigmoid_backward,
    hardswish_backward=hardswish_backward,
    shrink_backward=shrink_backward,
)
