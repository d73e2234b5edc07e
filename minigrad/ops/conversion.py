"""Copies and dtype conversion: clone, to(dtype), float/double/half/long/int/bool."""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import invalid_arguments, type_error
from .._core.layout import preserving_copy
from .._core.memory_format import memory_format as MemoryFormat  # clone's argument of that name hides it
from .._core.memory_format import preserve_format
from .._core.tensor import device as Device
from . import Node, Tensor, make_node, make_output, register_methods, tensor_arg


class CloneBackward0(Node):
    __slots__ = ()

    def backward(self, grad):
        return (grad,)


def clone(input, *, memory_format=preserve_format):
    tensor_arg(input, "clone")
    if memory_format is None:
        memory_format = preserve_format
    if type(memory_format) is not MemoryFormat:
        raise type_error("clone", "memory_format", None, "torch.memory_format", memory_format)
    data = input._data
    copy = preserving_copy(data) if memory_format is preserve_format else np.array(data, order="C")
    return make_output(copy, make_node(CloneBackward0, input))


class ToCopyBackward0(Node):
    __slots__ = ()

    def backward(self, grad):
        # the engine casts the gradient back to the input's dtype
        return (grad,)


def _to_copy(input, dtype):
    with np.errstate(invalid="ignore", over="ignore"):  # NaN/inf/out of range cast silently, as in torch
        data = preserving_copy(input._data, dtype.numpy)
    return make_output(data, make_node(ToCopyBackward0, input))


def to(self, *args, dtype=None, device=None, copy=False, non_blocking=False, memory_format=None):
    """to(dtype), to(device), to(device, dtype), to(other): a no-op when nothing changes, like torch."""
    for arg in args:
        if isinstance(arg, _dtype.dtype):
            dtype = arg
        elif isinstance(arg, Tensor):
            dtype = arg.dtype
        elif isinstance(arg, (str, Device)):
            Device(str(arg))
        elif type(arg) is int:  # a device index: an accelerator
            raise RuntimeError("Cannot access accelerator device when none is available.")
        elif arg is not None:  # None: the default device
            raise invalid_arguments("to", args, {}, TO_OVERLOADS)
    if device is not None:
        Device(str(device))
    if dtype is None or dtype.numpy == self._data.dtype:
        return clone(self) if copy else self
    return _to_copy(self, dtype)


TO_OVERLOADS = (
    "(torch.device device = None, torch.dtype dtype = None, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
    "(torch.dtype dtype, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
    "(Tensor tensor, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
)


def _converter(target):
    def convert(self, memory_format=None):
        return to(self, target)

    convert.__name__ = target.name
    return convert


def type_as(self, other):
    return to(self, tensor_arg(other, "type_as", "other", 1).dtype)


register_methods(
    clone=clone,
    to=to,
    type_as=type_as,
    float=_converter(_dtype.float32),
    double=_converter(_dtype.float64),
    half=_converter(_dtype.float16),
    long=_converter(_dtype.int64),
    int=_converter(_dtype.int32),
    short=_converter(_dtype.int16),
    bool=_converter(_dtype.bool),
    byte=_converter(_dtype.uint8),
    cpu=lambda self, memory_format=None: self,
)
