"""torch.finfo and torch.iinfo: the numerical limits of a floating or integer dtype, with torch's attributes,
repr and errors."""

import numpy as np

from . import dtypes as _dtype
from .typenames import type_error


def _dtype_arg(fn, args, kwargs):
    if not args or kwargs:  # torch's argument parser: one positional parameter, "type"
        raise TypeError(f'{fn}() missing 1 required positional arguments: "type"')
    (value,) = args
    if not isinstance(value, _dtype.dtype):
        raise type_error(fn, "type", 1, "torch.dtype", value)
    return value


class finfo:
    """torch.finfo(type=torch.get_default_dtype()): bits, eps, max, min, tiny (= smallest_normal),
    resolution (10 ** -digits10) and dtype (the name, as a string)."""

    __module__ = "torch"

    def __hash__(self):  # torch's is unhashable
        raise TypeError("unhashable type: 'torch.finfo'")

    def __init__(self, *args, **kwargs):
        dtype = _dtype_arg("finfo", args, kwargs) if args or kwargs else _dtype.get_default_dtype()
        if not dtype.is_floating_point:
            raise TypeError(
                "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'"
            )
        info = np.finfo(dtype.numpy)
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = self.smallest_normal = float(info.smallest_normal)
        self.resolution = 10.0 ** -int(info.precision)
        self.dtype = dtype.name

    def __eq__(self, other):
        return isinstance(other, finfo) and self.dtype == other.dtype

    def __repr__(self):
        return (
            f"finfo(resolution={self.resolution:.6g}, min={self.min:.6g}, max={self.max:.6g}, "
            f"eps={self.eps:.6g}, smallest_normal={self.smallest_normal:.6g}, tiny={self.tiny:.6g}, "
            f"dtype={self.dtype})"
        )


class iinfo:
    """torch.iinfo(type): bits, max, min and dtype (the name, as a string) of an integer dtype."""

    __module__ = "torch"

    def __hash__(self):
        raise TypeError("unhashable type: 'torch.iinfo'")

    def __init__(self, *args, **kwargs):
        dtype = _dtype_arg("iinfo", args, kwargs)
        if dtype.numpy == np.bool_:
            raise TypeError("torch.bool is not supported by torch.iinfo")
        if dtype.is_floating_point:
            raise TypeError(
                "torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'"
            )
        info = np.iinfo(dtype.numpy)
        self.bits = int(info.bits)
        self.max = int(info.max)
        self.min = int(info.min)
        self.dtype = dtype.name

    def __eq__(self, other):
        return isinstance(other, iinfo) and self.dtype == other.dtype

    def __repr__(self):
        return f"iinfo(min={float(self.min):.6g}, max={float(self.max):.6g}, dtype={self.dtype})"
