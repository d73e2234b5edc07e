"""The in-place tensor arithmetic of torch's single-tensor optimizers, as ATen's CPU kernels compute it:
Python-number operands are converted to the tensor's dtype first (float32 for float16, the kernels' opmath
type); add(alpha=) and lerp are fused multiply-adds (one rounding: computed in float64, which holds a float32
product exactly); addcmul/addcdiv compute value * t1 * t2 (or / t2) left to right. Each write bumps the
version counter of the tensor written, as torch's in-place ops do."""

import numpy as np

from .._core.fma import fma
from .._core.tensor import bump_version


def _math_type(data):
    return np.float64 if data.dtype == np.float64 else np.float32


def _scalar(data, value):
    return _math_type(data)(value)


def _write(t, values):
    np.copyto(t._data, values, casting="unsafe")
    bump_version(t)
    return t


def values(t):
    return t._data


def fused_add(a, b, alpha):
    """a + alpha * b as a new array (torch's add(b, alpha=) kernel: fmadd(b, alpha, a))."""
    math = _math_type(a)
    return fma(b, math(alpha), a, math).astype(a.dtype)


def add_(t, other, alpha=1.0):
    return _write(t, fused_add(t._data, other, alpha))


def mul_(t, factor):
    with np.errstate(all="ignore"):
        return _write(t, t._data * _scalar(t._data, factor))


def lerp_(t, end, weight):
    """self + weight * (end - self), fused; for weight >= 0.5, end + (weight - 1) * (end - self)."""
    data = t._data
    math = _math_type(data)
    weight = math(weight)
    with np.errstate(all="ignore"):
        difference = (end.astype(math) - data.astype(math)).astype(math)
    if abs(weight) < 0.5:
        result = fma(weight, difference, data, math)
    else:
        result = fma(weight - math(1), difference, end, math)
    return _write(t, result.astype(data.dtype))


def addcmul(data, tensor1, tensor2, value=1.0):
    """data + value * tensor1 * tensor2 as a new array."""
    with np.errstate(all="ignore"):
        return data + _scalar(data, value) * tensor1 * tensor2


def addcmul_(t, tensor1, tensor2, value=1.0):
    return _write(t, addcmul(t._data, tensor1, tensor2, value))


def addcdiv_(t, tensor1, tensor2, value=1.0):
    data = t._data
    with np.errstate(all="ignore"):
        return _write(t, data + _scalar(data, value) * tensor1 / tensor2)


def div_scalar(data, divisor):
    with np.errstate(all="ignore"):
        return data / _scalar(data, divisor)


def add_scalar(data, value):
    with np.errstate(all="ignore"):
        return data + _scalar(data, value)


def sqrt(data):
    with np.errstate(all="ignore"):
        return np.sqrt(data)


def maximum_(t, other):
    return _write(t, np.maximum(t._data, other))


def copy_(t, values):
    return _write(t, values)
