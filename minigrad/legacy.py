"""The legacy tensor API that programs written for older torch still use: the typed tensor classes
(torch.FloatTensor & co: constructors, and `isinstance` answered by dtype), the legacy constructor behind
torch.Tensor(...), Tensor.new(...) and those classes, and Tensor.type().
"""

import numpy as np

from ._core import dtypes as _dtype
from ._core.arguments import given_kwargs, invalid_arguments, is_int, type_name
from ._core.tensor import Size, Tensor, _make, register_methods
from .ops.creation import tensor

__all__ = [
    "BoolTensor",
    "ByteTensor",
    "CharTensor",
    "DoubleTensor",
    "FloatTensor",
    "HalfTensor",
    "IntTensor",
    "LongTensor",
    "ShortTensor",
]

NEW_OVERLOADS = (
    "(*, torch.device device = None)",
    "(torch.Storage storage)",
    "(Tensor other)",
    "(tuple of ints size, *, torch.device device = None)",
    "(object data, *, torch.device device = None)",
)

_OPTIONS = (
    "TensorOptions(dtype={}, device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false "
    "(default), memory_format=(nullopt))"
)


def legacy_new(dtype, args, kwargs, strict=False):
    """torch's legacy constructor: no arguments (an empty tensor), sizes (uninitialized memory, zeros
    here), a Size, a Tensor (an alias of it; of exactly `dtype` when `strict`, as the typed classes demand)
    or data (a new tensor of `dtype`). dtype None: the default dtype."""
    kwargs = dict(kwargs)
    device = kwargs.pop("device", None)
    if kwargs:
        raise invalid_arguments("new", args, given_kwargs(**kwargs), NEW_OVERLOADS)
    if device is not None and str(device) != "cpu":
        kind = str(device).split(":")[0]
        raise RuntimeError(f"legacy constructor expects device type: cpu but device type: {kind} was passed")
    dtype = _dtype.get_default_dtype() if dtype is None else dtype
    if not args:
        return _make(np.zeros((0,), dtype.numpy))
    if len(args) == 1 and not is_int(args[0]):
        return _from_one_argument(args[0], dtype, device, strict)
    for i, n in enumerate(args):
        if not is_int(n):
            raise TypeError(
                f"new(): argument 'size' failed to unpack the object at pos {i + 1} with error "
                f'"type must be tuple of ints,but got {type_name(n)}"'
            )
    return _sized(tuple(int(n) for n in args), dtype)


def _sized(shape, dtype):
    for n in shape:
        if n < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {n}: {list(shape)}")
    return _make(np.zeros(shape, dtype.numpy))


def _from_one_argument(data, dtype, device, strict):
    if isinstance(data, Tensor):
        if device is not None:
            raise RuntimeError(
                "Legacy tensor constructor of the form torch.Tensor(tensor, device=device) is not "
                "supported.  Use torch.tensor(...) or torch.as_tensor(...) instead."
            )
        if strict and data._data.dtype != dtype.numpy:
            raise TypeError(
                f"expected {_OPTIONS.format(dtype._cpp)} (got {_OPTIONS.format(data.dtype._cpp)})"
            )
        # torch's alias(): the same memory and version counter; with history when it requires grad (torch
        # records AliasBackward0 there, minigrad a view)
        return data.view_as(data) if data._requires_grad else _make(data._data, vc=data._vc)
    if isinstance(data, Size):
        return _sized(tuple(data), dtype)
    if isinstance(data, float | bool | complex):
        raise TypeError(f"new(): data must be a sequence (got {type(data).__name__})")
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    return tensor(data, dtype=dtype)


def _tensor_new(self, *args, **kwargs):
    """Tensor.new(...): the legacy constructor in self's dtype."""
    return legacy_new(self.dtype, args, kwargs, strict=True)


def _legacy_constructor(cls, args, kwargs):
    """torch.Tensor(...) itself: the default dtype, and a tensor of any dtype aliased as it is."""
    return legacy_new(None, args, kwargs)


# ---- torch.FloatTensor & co --------------------------------------------------------------------------------
class tensortype(type):  # noqa: N801 (torch's name for the type of its typed tensor classes)
    """The type of torch.FloatTensor & co: calling one is the legacy constructor in its dtype, and a tensor
    of its dtype is an instance of it."""

    def __call__(cls, *args, **kwargs):
        return legacy_new(cls.dtype, args, kwargs, strict=True)

    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj._data.dtype == cls.dtype.numpy

    def __repr__(cls):
        return f"<class 'torch.{cls.__name__}'>"


def _typed_class(dtype):
    cls = tensortype(dtype._legacy, (), {"dtype": dtype, "is_cuda": False, "is_sparse": False})
    cls.__module__ = "torch"
    return cls


HalfTensor = _typed_class(_dtype.float16)
FloatTensor = _typed_class(_dtype.float32)
DoubleTensor = _typed_class(_dtype.float64)
ByteTensor = _typed_class(_dtype.uint8)
CharTensor = _typed_class(_dtype.int8)
ShortTensor = _typed_class(_dtype.int16)
IntTensor = _typed_class(_dtype.int32)
LongTensor = _typed_class(_dtype.int64)
BoolTensor = _typed_class(_dtype.bool)

_BY_NAME = {f"torch.{d._legacy}": d for d in _dtype.ALL}

CUDA_UNAVAILABLE = (
    "Cannot initialize CUDA without ATen_cuda library. PyTorch splits its backend into two shared "
    "libraries: a CPU library and a CUDA library; this error has occurred because you are trying to use "
    "some CUDA functionality, but the CUDA library has not been loaded by the dynamic linker for some "
    "reason.  The CUDA library MUST be loaded, EVEN IF you don't directly use any symbols from the CUDA "
    "library! One common culprit is a lack of -Wl,--no-as-needed in your link arguments; many dynamic "
    "linkers will delete dynamic library dependencies if you don't depend on any of their symbols.  You can "
    "check if this has occurred by using ldd on your binary to see if there is a dependency on *_cuda.so "
    "library."
)


def _tensor_type(self, dtype=None, non_blocking=False, **kwargs):
    """Tensor.type(): the legacy type name ('torch.FloatTensor'), or self converted to the type given as a
    typed class, its name or a dtype (self itself when it already has that dtype)."""
    if dtype is None:
        return f"torch.{self.dtype._legacy}"
    if isinstance(dtype, str):
        if "cuda" in dtype:
            raise RuntimeError(CUDA_UNAVAILABLE)
        target = _BY_NAME.get(dtype)
        if target is None:
            raise ValueError(f"invalid type: '{dtype}'")
    elif isinstance(dtype, tensortype):
        target = dtype.dtype
    elif isinstance(dtype, _dtype.dtype):
        target = dtype
    elif dtype is Tensor:  # torch.Tensor names the default tensor type
        target = _dtype.get_default_dtype()
    elif isinstance(dtype, type):
        raise ValueError(f"invalid type: '{dtype.__name__}'")
    else:
        raise TypeError("dtype must be a type, str, or dtype object")
    if target is self.dtype:
        return self
    return self.to(target)


register_methods(new=_tensor_new, type=_tensor_type, _legacy_new=staticmethod(_legacy_constructor))
