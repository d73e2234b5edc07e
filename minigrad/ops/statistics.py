"""var, std, var_mean, std_mean. Forwards only: their autograd stories are rows in derivatives/statistics.py;
var_backward and friends below are torch's FunctionsManual for them.

torch computes them in double (float16 in float) and divides the squared deviations by max(0, n -
correction), n the number of elements each result reduces: with no degrees of freedom left a spread is inf
and no spread is nan, with torch's warning.
"""

import warnings

import numpy as np

from .._core.fp import silent
from .._core.layout import c_order
from ..derivatives import at
from ..derivatives import statistics as rows
from . import Tensor, make_output, register_methods
from .reductions import normalize_dims, reduction_axes, saved_dims, unsqueeze_multiple
from .signatures import check_out, parse, signatures, write_out

_METHOD = signatures(
    "(tuple of ints dim, bool unbiased = True, bool keepdim = False)",
    "(tuple of ints dim = None, *, Number correction = None, bool keepdim = False)",
    "(bool unbiased = True)",
)
_FUNCTION = signatures(
    "(Tensor input, tuple of ints dim, bool unbiased = True, bool keepdim = False, *, Tensor out = None)",
    "(Tensor input, tuple of ints dim = None, *, Number correction = None, bool keepdim = False, "
    "Tensor out = None)",
    "(Tensor input, bool unbiased = True)",
)
_PAIR_FUNCTION = signatures(  # var_mean and std_mean: no out=
    "(Tensor input, tuple of ints dim, bool unbiased = True, bool keepdim = False)",
    "(Tensor input, tuple of ints dim = None, *, Number correction = None, bool keepdim = False)",
    "(Tensor input, bool unbiased = True)",
)

_NO_DOF = (
    "{}(): degrees of freedom is <= 0. Correction should be strictly less than the reduction factor (input "
    "numel divided by output numel). (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/"
    "ReduceOps.cpp:1861.)"
)


def _arguments(values):
    """(dim, correction, keepdim) of any overload: `unbiased` is the correction 1 or 0."""
    if "unbiased" in values:
        return values.get("dim"), int(values["unbiased"]), values.get("keepdim", False)
    return values["dim"], values["correction"], values["keepdim"]


def _moments(name, input, dim, correction, keepdim):
    """(variance or standard deviation, mean) as numpy arrays of input's dtype, with torch's checks and
    warning (computed in double, or float for float16, and rounded once)."""
    data = input._data
    if data.dtype.kind != "f":
        what = "std and var" if name in ("std", "var") else name
        raise RuntimeError(f"{what} only support floating point and complex dtypes")
    if dim is not None:
        normalize_dims(dim, data.ndim)  # range and repeats
    axes = reduction_axes(dim, data.ndim)
    keep = keepdim and data.ndim > 0
    compute = np.float32 if data.dtype == np.float16 else np.float64
    with silent():  # the mean and variance of nothing: nan, silently
        x = data.astype(compute)
        total = np.sum(x, axis=axes, keepdims=True)
        n = data.size // max(total.size, 1)
        mean = total / compute(n)
        squares = np.sum(np.square(x - mean), axis=axes, keepdims=keep)
        if not keep:
            mean = mean.reshape(squares.shape)
        dof = n - (1 if correction is None else correction)
        if dof <= 0:
            warnings.warn(_NO_DOF.format(name), UserWarning, stacklevel=4)
        # (Welford's algorithm over nothing gives nan, whatever the correction)
        variance = squares / compute(max(dof, 0) if n else np.nan)
        first = np.sqrt(variance) if name.startswith("std") else variance
    return c_order(first.astype(data.dtype)), c_order(mean.astype(data.dtype))


def _statistic(name, input, values):
    dim, correction, keepdim = _arguments(values)
    out = values.get("out")
    check_out(name, out, input)
    first, mean = _moments(name, input, dim, correction, keepdim)
    saved = (saved_dims(dim), values.get("correction", correction), keepdim)
    signed = None if dim is None else tuple(dim)
    row = _ROWS[name]
    if name.endswith("_mean"):
        return row.record((first, mean), input, *saved, _dims=signed)
    if out is not None:
        return write_out(out, first)
    return row.record(first, input, *saved, _dims=signed)


_ROWS = {"var": rows.VAR, "std": rows.STD, "var_mean": rows.VAR_MEAN, "std_mean": rows.STD_MEAN}


def _method(name):
    def method(self, *args, **kwargs):
        _, values = parse(name, _METHOD, args, kwargs)
        return _statistic(name, self, values)

    method.__name__ = name
    return method


def _function(name, overloads):
    def function(*args, **kwargs):
        _, values = parse(name, overloads, args, kwargs)
        return _statistic(name, values["input"], values)

    function.__name__ = name
    return function


var = _function("var", _FUNCTION)
std = _function("std", _FUNCTION)
var_mean = _function("var_mean", _PAIR_FUNCTION)
std_mean = _function("std_mean", _PAIR_FUNCTION)


# ---- torch's FunctionsManual -------------------------------------------------------------------------
def var_backward(grad, self, dims, correction, keepdim):
    """2 / (n - correction) * grad * (self - mean), n the number of elements each result reduced."""
    correction = 1 if correction is None else correction
    ndim = self._data.ndim
    if ndim == 0 or dims is None:
        dof = self._data.size - correction
        if dof <= 0:  # 2 / 0: inf, or nan where self is its own mean (inf * 0)
            nan_or_inf = at.where(self == self.mean(), _scalar(np.nan, grad), _scalar(np.inf, grad))
            return grad * nan_or_inf
        return at.mul_scalar(grad, 2.0 / dof) * (self - self.mean())
    if not keepdim and ndim > 1:
        grad = unsqueeze_multiple(grad, dims, ndim)
    count = 1
    for d in dims:
        count *= self._data.shape[d % ndim]
    return at.mul_scalar(grad, _divide(2.0, count - correction)) * (self - self.mean(dims, True))


def _divide(a, b):
    """a / b in double as C++ divides: by zero gives inf."""
    with silent():
        return float(np.float64(a) / np.float64(b))


def _scalar(value, like):
    return make_output(np.array(value, like._data.dtype), None)


def std_backward(result, grad, self, dims, correction, keepdim):
    grad_var = (grad / at.mul_scalar(result, 2)).masked_fill(result == 0, 0)
    return var_backward(grad_var, self, dims, correction, keepdim)


def _mean_backward(grad, self, dims, keepdim):
    return at.mean_backward(grad, self._data.shape, dims or (), self._data.size, keepdim)


def var_mean_backward(gvar, gmean, self, dims, correction, keepdim):
    gself = None if gvar is None else var_backward(gvar, self, dims, correction, keepdim)
    if gmean is not None:
        aux = _mean_backward(gmean, self, dims, keepdim)
        gself = aux if gself is None else gself + aux
    return gself


def std_mean_backward(gstd, gmean, self, std, dims, correction, keepdim):
    gself = None if gstd is None else std_backward(std, gstd, self, dims, correction, keepdim)
    if gmean is not None:
        aux = _mean_backward(gmean, self, dims, keepdim)
        gself = aux if gself is None else gself + aux
    return gself


at.register(
    var_backward=var_backward,
    std_backward=std_backward,
    var_mean_backward=var_mean_backward,
    std_mean_backward=std_mean_backward,
)
register_methods(var=_method("var"), std=_method("std"))
_ = Tensor
