"""var, std, var_mean, std_mean, and the counts histc and bincount. Forwards only: their autograd stories are
rows in derivatives/statistics.py; var_backward and friends below are torch's FunctionsManual for them.
histc has no autograd; bincount's weights get torch's NotImplemented node.

torch computes them in double (float16 in float) and divides the squared deviations by max(0, n -
correction), n the number of elements each result reduces: with no degrees of freedom left a spread is inf
and no spread is nan, with torch's warning.
"""

import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core.fp import silent
from .._core.graph import NotImplementedNode, make_node
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


# ---- histc / bincount --------------------------------------------------------------------------------------
_HISTC = signatures("(Tensor input, int bins = 100, Number min = 0, Number max = 0, *, Tensor out = None)")
_HISTC_METHOD = signatures("(int bins = 100, Number min = 0, Number max = 0)")


def _c_float(x):
    """A double as C++ streams print it (torch's messages)."""
    return "-nan" if np.isnan(x) else f"{x:g}"


def _histc(input, bins, low, high, out=None):
    data = input._data
    if data.dtype.kind != "f":
        raise NotImplementedError(f"\"histogram_cpu\" not implemented for '{_dtype_name(input)}'")
    if bins <= 0:
        raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for dimension 0")
    if high < low:
        raise RuntimeError("torch.histc: max must be larger than min")
    if low == high and data.size:  # the data's own range
        low, high = float(data.min()), float(data.max())
    if not (np.isfinite(low) and np.isfinite(high)):
        raise RuntimeError(f"torch.histc: range of [{_c_float(low)}, {_c_float(high)}] is not finite")
    if low == high:
        low, high = low - 1, high + 1
    flat = data.reshape(-1).astype(np.float64)
    inside = flat[(flat >= low) & (flat <= high)]
    positions = ((inside - low) * bins / (high - low)).astype(np.int64)
    positions[positions == bins] = bins - 1  # the right edge belongs to the last bin
    result = np.bincount(positions, minlength=bins).astype(data.dtype)
    if out is not None:
        return write_out(out, result, exact=True)
    return make_output(result, None)


def histc(*args, **kwargs):
    _, v = parse("histc", _HISTC, args, kwargs)
    return _histc(v["input"], v["bins"], v["min"], v["max"], v["out"])


def _histc_method(self, *args, **kwargs):
    _, v = parse("histc", _HISTC_METHOD, args, kwargs)
    return _histc(self, v["bins"], v["min"], v["max"])


def _dtype_name(t):
    return _dtype.SCALAR_TYPE_NAMES[t.dtype]


_BINCOUNT = signatures("(Tensor input, Tensor weights = None, int minlength = 0)")
_BINCOUNT_METHOD = signatures("(Tensor weights = None, int minlength = 0)")


def _bincount(input, weights, minlength):
    data = input._data
    if data.dtype.kind not in "iu":
        raise NotImplementedError(f"\"bincount_cpu\" not implemented for '{_dtype_name(input)}'")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    if data.ndim != 1 or (data.size and data.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if weights is not None and (weights._data.ndim != 1 or weights._data.shape[0] != data.shape[0]):
        raise RuntimeError("weights should be 1-d and have the same length as input")
    if weights is None or not data.size:  # (no input: torch counts in int64 whatever the weights)
        return make_output(np.bincount(data, minlength=minlength).astype(np.int64), None)
    # float weights keep their dtype, others count in double
    dtype = weights._data.dtype if weights._data.dtype in (np.float32, np.float64) else np.float64
    result = np.bincount(data, weights._data.astype(np.float64), minlength).astype(dtype)
    node = make_node(NotImplementedNode, weights) if weights._requires_grad else None
    if node is not None:
        node.op_name = "aten::bincount"
    return make_output(result, node)


def bincount(*args, **kwargs):
    _, v = parse("bincount", _BINCOUNT, args, kwargs)
    return _bincount(v["input"], v["weights"], v["minlength"])


def _bincount_method(self, *args, **kwargs):
    _, v = parse("bincount", _BINCOUNT_METHOD, args, kwargs)
    return _bincount(self, v["weights"], v["minlength"])


at.register(
    var_backward=var_backward,
    std_backward=std_backward,
    var_mean_backward=var_mean_backward,
    std_mean_backward=std_mean_backward,
)
register_methods(var=_method("var"), std=_method("std"), histc=_histc_method, bincount=_bincount_method)
_ = Tensor
