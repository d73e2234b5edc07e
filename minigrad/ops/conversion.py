"""Copies and dtype conversion: clone, to(dtype), float/double/half/long/int/bool.

Forwards only: their rows are in derivatives/conversion.py.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import is_int, type_error
from .._core.fp import silent
from .._core.layout import preserving_copy
from .._core.memory_format import contiguous_format, preserve_format
from .._core.memory_format import memory_format as MemoryFormat  # clone's argument of that name hides it
from .._core.tensor import device as Device
from ..derivatives import at
from ..derivatives import conversion as rows
from . import make_output, register_methods, tensor_arg
from .signatures import parse, signatures


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


TO_OVERLOADS = (
    "(torch.device device = None, torch.dtype dtype = None, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
    "(torch.dtype dtype, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
    "(Tensor tensor, bool non_blocking = False, bool copy = False, *, "
    "torch.memory_format memory_format = None)",
)
_TO = signatures(*TO_OVERLOADS)


def to(self, *args, **kwargs):
    """to(device, dtype, non_blocking, copy), to(dtype, ...), to(other, ...), positionally or by keyword, as
    torch's parser reads them: a no-op when nothing changes (and no copy is asked for), like torch."""
    if args and isinstance(args[0], float | bool | np.floating | np.bool_):
        # to(Tensor tensor): torch takes a number there as a tensor (bool, or a float64 one)
        number = np.array(args[0], np.bool_ if type(args[0]) is bool else np.float64)
        args = (make_output(number, None), *args[1:])
    _, v = parse("to", _TO, args, kwargs)
    device = v.get("device")
    if is_int(device):  # a device index: an accelerator
        raise RuntimeError("Cannot access accelerator device when none is available.")
    if device is not None:
        Device(str(device))
    dtype = v["tensor"].dtype if "tensor" in v else v["dtype"]
    copy = v["copy"]
    if dtype is None or dtype.numpy == self._data.dtype:
        if not copy:
            return self
        dtype = self.dtype
    return _to_copy(self, dtype, v["memory_format"])


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
