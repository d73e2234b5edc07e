"""Copies and dtype conversion: clone, to(dtype), float/double/half/long/int/bool.

Forwards only: their rows are in derivatives/conversion.py.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import dtype_arg, given_kwargs, invalid_arguments, type_error
from .._core.fp import silent
from .._core.layout import preserving_copy
from .._core.memory_format import contiguous_format, preserve_format
from .._core.memory_format import memory_format as MemoryFormat  # clone's argument of that name hides it
from .._core.tensor import device as Device
from ..derivatives import at
from ..derivatives import conversion as rows
from . import Tensor, register_methods, tensor_arg


def clone(input, *, memory_format=preserve_format):
    tensor_arg(input, "clone")
    if memory_format is None:
        memory_format = preserve_format
    if type(memory_format) is not MemoryFormat:
        raise type_error("clone", "memory_format", None, "torch.memory_format", memory_format)
    data = input._data
    copy = preserving_copy(data) if memory_format is preserve_format else np.array(data, order="C")
    return rows.CLONE.record(copy, input, memory_format)


def _to_copy(input, dtype, memory_format=None):
    """aten::_to_copy: a copy in `dtype` (what to() does when the dtype changes or a copy is asked for), laid
    out like input unless memory_format is contiguous_format."""
    with silent():  # NaN/inf/out of range cast silently, as in torch
        if memory_format is contiguous_format:
            data = np.array(input._data, dtype.numpy, order="C")
        else:
            data = preserving_copy(input._data, dtype.numpy)
    return rows.TO_COPY.record(data, input, dtype, None, None, None, False, memory_format)


def to_copy_backward(grad, self_dtype):
    """torch's _to_copy_backward: the gradient cast back to the input's dtype (a no-op when it has it)."""
    return to(grad, self_dtype)


def to(self, *args, dtype=None, device=None, copy=False, non_blocking=False, memory_format=None):
    """to(dtype), to(device), to(device, dtype), to(other): a no-op when nothing changes, like torch."""
    if dtype is not None and type(dtype) is not _dtype.dtype:
        if dtype is not float and dtype is not int and dtype is not bool:
            raise invalid_arguments("to", args, given_kwargs(dtype=dtype), TO_OVERLOADS)
        dtype = dtype_arg(dtype, "to")
    for i, arg in enumerate(args):
        if isinstance(arg, _dtype.dtype):
            dtype = arg
        elif isinstance(arg, Tensor):
            dtype = arg.dtype
        elif arg is float or arg is int or arg is bool:  # Python's types name torch's dtypes
            dtype = dtype_arg(arg, "to")
        elif i == 0 and isinstance(arg, float | bool | np.floating | np.bool_):
            # to(Tensor tensor): torch takes a number there as a tensor (bool, or a float64 one)
            dtype = _dtype.bool if type(arg) is bool else _dtype.float64
        elif isinstance(arg, (str, Device)):
            Device(str(arg))
        elif type(arg) is int:  # a device index: an accelerator
            raise RuntimeError("Cannot access accelerator device when none is available.")
        elif arg is not None:  # None: the default device
            raise invalid_arguments("to", args, {}, TO_OVERLOADS)
    if device is not None:
        Device(str(device))
    if memory_format is not None and type(memory_format) is not MemoryFormat:
        raise invalid_arguments("to", args, given_kwargs(memory_format=memory_format), TO_OVERLOADS)
    if dtype is None or dtype.numpy == self._data.dtype:
        if not copy:
            return self
        dtype = self.dtype
    return _to_copy(self, dtype, memory_format)


TO_OVERLOADS = (
    "(torch.device device = None, torch.dtype dtype = None, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
    "(torch.dtype dtype, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
    "(Tensor tensor, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
)


def _converter(name, target):
    """x.float(), x.double(), ...: to(dtype), with a keyword-only memory_format."""

    def convert(self, *args, memory_format=None):
        if args:
            raise TypeError(
                f"{name}() takes 0 positional arguments but {len(args)} "
                f"{'was' if len(args) == 1 else 'were'} given"
            )
        if memory_format is not None and type(memory_format) is not MemoryFormat:
            raise type_error(name, "memory_format", None, "torch.memory_format", memory_format)
        return to(self, target, memory_format=memory_format)

    convert.__name__ = name
    return convert


def type_as(self, other):
    return to(self, tensor_arg(other, "type_as", "other", 1).dtype)


at.register(clone=clone, to_copy=_to_copy, to_copy_backward=to_copy_backward)

register_methods(
    clone=clone,
    to=to,
    type_as=type_as,
    float=_converter("float", _dtype.float32),
    double=_converter("double", _dtype.float64),
    half=_converter("half", _dtype.float16),
    long=_converter("long", _dtype.int64),
    int=_converter("int", _dtype.int32),
    short=_converter("short", _dtype.int16),
    char=_converter("char", _dtype.int8),
    bool=_converter("bool", _dtype.bool),
    byte=_converter("byte", _dtype.uint8),
    cpu=lambda self, memory_format=None: self,
)
