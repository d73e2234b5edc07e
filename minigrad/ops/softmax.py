"""softmax and log_softmax along a dim (both save their result), with the optional dtype= cast first.

`implicit_softmax_dim`: torch.nn.functional's deprecated dim=None behaviour, for the functional module.
"""

import warnings

import numpy as np

from .. import _dtype
from . import Node, SavedTensor, make_node, make_output, register_methods, tensor_arg
from .conversion import _to_copy
from .reductions import normalize_dims, saved_dim
from .reductions import sum as sum_


class SoftmaxBackward0(Node):
    __slots__ = ("saved_dim", "saved_result", "axis")

    def backward(self, grad):
        result = self.unpack(self.saved_result)
        return (result * (grad - sum_(grad * result, self.axis, keepdim=True)),)


class LogSoftmaxBackward0(Node):
    __slots__ = ("saved_dim", "saved_result", "axis")

    def backward(self, grad):
        from .arithmetic import exp

        result = self.unpack(self.saved_result)
        return (grad - exp(result) * sum_(grad, self.axis, keepdim=True),)


def _softmax_array(data, axis, log):
    if not data.size:
        return data.copy()
    shift = np.max(data, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        shifted = data - shift
        total = np.sum(np.exp(shifted), axis=axis, keepdims=True)
        return shifted - np.log(total) if log else np.exp(shifted) / total


def _softmax(name, cls, log, input, dim, dtype, method):
    tensor_arg(input, name)
    if dim is _MISSING:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
    if not isinstance(dim, int):
        where = "" if method else " (position 2)"
        raise TypeError(f"{name}(): argument 'dim'{where} must be int, not {type(dim).__name__}")
    ndim = input._data.ndim
    (axis,) = normalize_dims(dim, ndim)
    if dtype is not None and dtype.numpy != input._data.dtype:
        input = _to_copy(input, dtype)
    data = input._data
    if data.dtype.kind != "f":
        kernel = "lastdim_kernel_impl" if axis == ndim - 1 or not ndim else "kernel_impl"
        type_name = _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(data.dtype)]
        raise NotImplementedError(f"\"{name}_{kernel}\" not implemented for '{type_name}'")
    node = make_node(cls, input)
    out = make_output(_softmax_array(data, axis if ndim else None, log), node)
    if node is not None:
        node.saved_dim = saved_dim(dim)
        node.axis = axis if ndim else ()
        node.saved_result = SavedTensor(out, is_output=True)
    return out


_MISSING = object()


def softmax(input, dim=_MISSING, dtype=None):
    return _softmax("softmax", SoftmaxBackward0, False, input, dim, dtype, method=False)


def log_softmax(input, dim=_MISSING, dtype=None):
    return _softmax("log_softmax", LogSoftmaxBackward0, True, input, dim, dtype, method=False)


def _softmax_method(self, dim=_MISSING, dtype=None):
    return _softmax("softmax", SoftmaxBackward0, False, self, dim, dtype, method=True)


def _log_softmax_method(self, dim=_MISSING, dtype=None):
    return _softmax("log_softmax", LogSoftmaxBackward0, True, self, dim, dtype, method=True)


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
