"""softmax and log_softmax along a dim (both save their result), with the optional dtype= cast first.

`implicit_softmax_dim`: torch.nn.functional's deprecated dim=None behaviour, for the functional module.
"""

import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import dtype_arg, int_arg
from . import Node, SavedTensor, make_node, make_output, register_methods, tensor_arg
from .arithmetic import exp
from .conversion import _to_copy
from .reductions import normalize_dims, saved_dim
from .reductions import sum as sum_


class SoftmaxBackward0(Node):
    __slots__ = ("saved_dim", "saved_result", "axis")

    def backward(self, grad):
        return (softmax_backward_data(grad, self.unpack(self.saved_result), self.saved_dim, self.axis),)


class LogSoftmaxBackward0(Node):
    __slots__ = ("saved_dim", "saved_result", "axis")

    def backward(self, grad):
        return (log_softmax_backward_data(grad, self.unpack(self.saved_result), self.saved_dim, self.axis),)


# The first-order gradients are ATen ops (_softmax_backward_data...), differentiable with their own nodes,
# which create_graph=True makes visible. `axis` is the numpy axis (() for a 0-d tensor).
class SoftmaxBackwardDataBackward0(Node):
    __slots__ = ("saved_dim", "saved_grad_output", "saved_output", "axis")

    def backward(self, grad):
        output = self.unpack(self.saved_output)
        grad_input = grad_output = None
        if self.needs_input_grad(0):
            grad_input = softmax_backward_data(grad, output, self.saved_dim, self.axis)
        if self.needs_input_grad(1):
            go, axis = self.unpack(self.saved_grad_output), self.axis
            grad_output = go * grad - sum_(output * go, axis, True) * grad
            grad_output = grad_output - go * sum_(output * grad, axis, True)
        return grad_input, grad_output


class LogSoftmaxBackwardDataBackward0(Node):
    __slots__ = ("saved_dim", "saved_grad_output", "saved_output", "axis")

    def backward(self, grad):
        output = self.unpack(self.saved_output)
        grad_input = grad_output = None
        if self.needs_input_grad(0):
            grad_input = grad - sum_(grad * exp(output), self.axis, keepdim=True)
        if self.needs_input_grad(1):
            go = self.unpack(self.saved_grad_output)
            grad_output = -sum_(go, self.axis, keepdim=True) * exp(output) * grad
        return grad_input, grad_output


def _backward_data(cls, grad_output, output, dim, axis, value):
    node = make_node(cls, grad_output, output)
    if node is not None:
        node.saved_dim, node.axis = dim, axis
        node.saved_output = SavedTensor(output)
        if node.needs_input_grad(1):
            node.saved_grad_output = SavedTensor(grad_output)
    return make_output(value, node)


def softmax_backward_data(grad_output, output, dim, axis):
    """output * (grad_output - sum(grad_output * output))."""
    go, y = grad_output._data, output._data
    value = y * (go - np.sum(go * y, axis=axis, keepdims=True))
    return _backward_data(SoftmaxBackwardDataBackward0, grad_output, output, dim, axis, value)


def log_softmax_backward_data(grad_output, output, dim, axis):
    """grad_output - exp(output) * sum(grad_output)."""
    go, y = grad_output._data, output._data
    with np.errstate(over="ignore"):
        value = go - np.exp(y) * np.sum(go, axis=axis, keepdims=True)
    return _backward_data(LogSoftmaxBackwardDataBackward0, grad_output, output, dim, axis, value)


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
    node = make_node(cls, input)
    # torch computes on input.contiguous(), so the result is contiguous whatever the input's layout
    result = _softmax_array(data, axis if ndim else None, log)
    out = make_output(result if result.flags.c_contiguous else result.copy(order="C"), node)
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
