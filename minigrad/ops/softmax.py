"""softmax and log_softmax along a dim, with the optional dtype= cast first, and their gradients' own ops.

Forwards only: each op's autograd story is its row in derivatives/softmax.py.

`implicit_softmax_dim`: torch.nn.functional's deprecated dim=None behaviour, for the functional module.
"""

import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import dtype_arg, int_arg
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import softmax as rows
from . import make_output, register_methods, tensor_arg
from .conversion import _to_copy
from .reductions import normalize_dims, saved_dim


# ---- the gradients' own ops (torch's _softmax_backward_data...), differentiable with their own nodes -----
def _axis(dim, ndim):
    """numpy's axis for a checked dim: None (every axis) for a 0-d tensor."""
    return dim % ndim if ndim else None


def softmax_backward_data(grad_output, output, dim):
    """output * (grad_output - sum(grad_output * output)) along `dim` (as given)."""
    go, y = grad_output._data, output._data
    value = y * (go - np.sum(go * y, axis=_axis(dim, y.ndim), keepdims=True))
    return rows.SOFTMAX_BACKWARD_DATA.record(
        value, grad_output, output, saved_dim(dim), output.dtype, _dim=dim
    )


def log_softmax_backward_data(grad_output, output, dim):
    """grad_output - exp(output) * sum(grad_output) along `dim` (as given)."""
    go, y = grad_output._data, output._data
    with silent():
        value = go - np.exp(y) * np.sum(go, axis=_axis(dim, y.ndim), keepdims=True)
    return rows.LOG_SOFTMAX_BACKWARD_DATA.record(
        value, grad_output, output, saved_dim(dim), output.dtype, _dim=dim
    )


def softmax_double_backward(grad, grad_output, dim, output):
    """The output's gradient of softmax_backward_data(grad_output, output)."""
    return (
        grad_output * grad
        - (output * grad_output).sum(dim, True) * grad
        - grad_output * (output * grad).sum(dim, True)
    )


def _softmax_array(data, axis, log):
    if not data.size:
        return data.copy()
    shift = np.max(data, axis=axis, keepdims=True)
    with silent():
        shifted = data - shift
        total = np.sum(np.exp(shifted), axis=axis, keepdims=True)
        return shifted - np.log(total) if log else np.exp(shifted) / total


def _softmax(name, row, log, input, dim, dtype, method):
    tensor_arg(input, name)
    if dim is _MISSING:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
    if type(dim) is not int:
        dim = int_arg(dim, name, "dim", 1 if method else 2)
    dtype = dtype_arg(dtype, name)
    ndim = input._data.ndim
    (axis,) = normalize_dims(dim, ndim)
    if dtype is not None and dtype.numpy != input._data.dtype:
        input = _to_copy(input, dtype)
    data = input._data
    if data.dtype.kind != "f":
        if not data.size:
            return make_output(data.copy(), None)  # no kernel runs on an empty tensor, so no dtype error
        kernel = "lastdim_kernel_impl" if axis == ndim - 1 or not ndim else "kernel_impl"
        type_name = _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(data.dtype)]
        raise NotImplementedError(f"\"{name}_{kernel}\" not implemented for '{type_name}'")
    # torch computes on input.contiguous(), so the result is contiguous whatever the input's layout
    result = _softmax_array(data, axis if ndim else None, log)
    result = result if result.flags.c_contiguous else result.copy(order="C")
    return row.record(result, input, saved_dim(dim), False, _dim=dim)


_MISSING = object()


def safe_softmax(input, dim, dtype=None):
    """ATen's _safe_softmax (scaled_dot_product_attention's): softmax, with zeros instead of nan in the
    slices that are -inf throughout (a query that may attend to nothing)."""
    tensor_arg(input, "_safe_softmax")
    dtype = dtype_arg(dtype, "_safe_softmax")
    if dtype is not None and dtype.numpy != input._data.dtype:
        input = _to_copy(input, dtype)
    data = input._data
    (axis,) = normalize_dims(dim, data.ndim)
    axis = axis if data.ndim else None
    result = _softmax_array(data, axis, False)
    if data.size:
        result = np.where(np.all(data == -np.inf, axis=axis, keepdims=True), 0, result).astype(data.dtype)
    return rows.SAFE_SOFTMAX.record(result, input, saved_dim(dim), dtype, _dim=dim)


def softmax(input, dim=_MISSING, dtype=None):
    return _softmax("softmax", rows.SOFTMAX, False, input, dim, dtype, method=False)


def log_softmax(input, dim=_MISSING, dtype=None):
    return _softmax("log_softmax", rows.LOG_SOFTMAX, True, input, dim, dtype, method=False)


def _softmax_method(self, dim=_MISSING, dtype=None):
    return _softmax("softmax", rows.SOFTMAX, False, self, dim, dtype, method=True)


def _log_softmax_method(self, dim=_MISSING, dtype=None):
    return _softmax("log_softmax", rows.LOG_SOFTMAX, True, self, dim, dtype, method=True)


def implicit_softmax_dim(name, ndim, stacklevel):
    """torch.nn.functional's dim=None: warn, then use 0 for 0-, 1- and 3-d inputs and 1 otherwise."""
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an "
        "argument.",
        UserWarning,
        stacklevel=stacklevel,
    )
    return 0 if ndim in (0, 1, 3) else 1


register_methods(softmax=_softmax_method, log_softmax=_log_softmax_method)

at.register(
    softmax_backward_data=softmax_backward_data,
    log_softmax_backward_data=log_softmax_backward_data,
    softmax_double_backward=softmax_double_backward,
)
