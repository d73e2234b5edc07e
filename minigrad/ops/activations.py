"""Activation functions beyond relu/sigmoid/tanh: leaky_relu (and leaky_relu_), silu, gelu, and the gradient
ops leaky_relu_backward and gelu_backward. Forwards only: their autograd stories are rows in
derivatives/activations.py."""

import math

import numpy as np

from .._core.arguments import number_arg
from .._core.dtypes import SCALAR_TYPE_NAMES
from ..derivatives import activations as rows
from ..derivatives import at
from . import inplace, make_output, tensor_arg


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


def silu(input):
    tensor_arg(input, "silu")
    _floating(input, "silu_cpu")
    data = input._data
    with np.errstate(all="ignore"):
        return rows.SILU.record(data / (1 + np.exp(-data)), input)


def ones_like(t):
    return make_output(np.ones_like(t._data), None)


at.register(leaky_relu_backward=leaky_relu_backward, ones_like=ones_like)


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
