"""Tensor factories: tensor, as_tensor, from_numpy, zeros, ones, full, empty, arange, linspace, eye, *_like,
rand, randn, manual_seed, is_tensor.

The random generator is process-global like torch's default generator and draws torch's numbers
(_core/generator.py).
"""

import functools
import math
import os
import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core import generator as _random
from .._core.arguments import (
    NOT_GIVEN,
    bool_arg,
    dtype_arg,
    given_kwargs,
    int_arg,
    int_list_arg,
    int_list_varargs,
    invalid_arguments,
    is_int,
    is_number,
    number_arg,
    tensor_arg,
    type_error,
    type_name,
)
from .._core.generator import Generator
from .._core.grad_mode import no_grad
from .._core.layout import torch_dim_order
from .._core.memory_format import contiguous_format
from .._core.tensor import FLOAT_OF_REQUIRES_GRAD, Size, Tensor, _make, as_zero_tensor, device
from .._core.warn_once import warn_once
from ..derivatives import at
from ..derivatives import random as random_rows
from . import checked_scalar, inplace, make_output, register_methods

_generator = _random.default_generator()
default_generator = _generator  # torch.default_generator: the process's generator itself
_SEQUENCE = list | tuple | range  # what torch.tensor() reads as nested data


def _check_device(dev):
    if dev is not None:
        device(str(dev))


def _finish(data, requires_grad):
    t = _make(data)
    if requires_grad:
        if data.dtype.kind != "f":
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        t._requires_grad = True
    return t


def infer_dtype(data):
    """torch.tensor's inference: floats -> default dtype, ints -> int64, bools -> bool, tensors keep
    theirs; torch's RuntimeError for anything else."""
    kinds = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, Tensor):
            kinds.add(item._data.dtype)
        elif isinstance(item, np.ndarray | np.generic):
            kinds.add(np.asarray(item).dtype)
        elif isinstance(item, bool):
            kinds.add("b")
        elif isinstance(item, int):
            kinds.add("i")
        elif isinstance(item, float):  # (Fraction and Decimal are not numbers to torch)
            kinds.add("f")
        elif isinstance(item, _SEQUENCE):
            stack.extend(reversed(item))  # left to right: the first bad item is the one torch names
        elif isinstance(item, str | bytes):
            raise TypeError(f"new(): invalid data type '{type_name(item)}'")
        else:
            raise RuntimeError(f"Could not infer dtype of {type_name(item)}")
    # torch promotes the types it saw: a Python float counts as the default dtype, a Python int as int64
    floats = [k for k in kinds if isinstance(k, np.dtype) and k.kind == "f"]
    if "f" in kinds:
        floats.append(_dtype.get_default_dtype().numpy)
    if floats:
        return max(floats, key=lambda d: d.itemsize)
    ints = [k for k in kinds if isinstance(k, np.dtype) and k.kind in "iu"]
    if "i" in kinds:
        ints.append(np.dtype(np.int64))
    if ints:
        return functools.reduce(np.promote_types, ints)
    if kinds:
        return np.dtype(np.bool_)
    return _dtype.get_default_dtype().numpy


def _check_str_nesting(data):
    """torch reads sizes off the first elements and takes a string for a sequence: a non-empty string
    there never ends (its first element is a string again)."""
    item = data
    while isinstance(item, _SEQUENCE) and item:
        item = item[0]
        if isinstance(item, str) and item:
            raise ValueError("too many dimensions 'str'")


def _check_nesting(data, integral):
    """torch's checks of nested lists: sizes come from the first elements, every list at depth d must have
    the size found there, and the innermost items must be scalars."""
    sizes = []
    item = data
    while isinstance(item, _SEQUENCE):
        sizes.append(len(item))
        if not item:
            break
        item = item[0]
    if 0 in sizes:
        return sizes  # nothing to fill: torch looks no further
    stack = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth == len(sizes):
            if isinstance(item, _SEQUENCE):
                if integral:
                    raise TypeError(f"'{type_name(item)}' object cannot be interpreted as an integer")
                raise TypeError(f"must be real number, not {type_name(item)}")
            continue
        if not isinstance(item, _SEQUENCE):
            if isinstance(item, Tensor | np.ndarray):
                continue  # nested arrays: numpy checks their shapes
            raise TypeError("not a sequence")
        if len(item) != sizes[depth]:
            raise ValueError(f"expected sequence of length {sizes[depth]} at dim {depth} (got {len(item)})")
        stack.extend((child, depth + 1) for child in reversed(item))
    return None


NUMPY_LIST_WARNING = (
    "Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list "
    "to a single numpy.ndarray with numpy.array() before converting to a tensor."
)


def _sequence_depth(data):
    """How many dims torch reads off the first elements: lists, tuples and arrays are sequences, a tensor
    is not (so a tensor there is one scalar)."""
    depth, item = 0, data
    while isinstance(item, _SEQUENCE) and item:
        depth, item = depth + 1, item[0]
    return depth + item.ndim if isinstance(item, np.ndarray) else depth


def _to_plain(data, depth, np_dtype, warnings_due):
    """Nested data numpy can build one array from. A tensor where torch expects a scalar becomes one as
    torch stores it: float() for a float dtype (one element only, warning when it requires grad), its
    index for integers and bool; a deeper tensor is iterated, like any sequence. The warnings torch would
    give are collected in `warnings_due`, for the caller to give once, pointing at the user's line."""
    if isinstance(data, Tensor):
        if depth > 0:
            return data._data
        if np_dtype.kind != "f":
            return data.__index__()
        if data._requires_grad:
            warnings_due.add(FLOAT_OF_REQUIRES_GRAD)
        return data._scalar()
    if isinstance(data, _SEQUENCE):
        return [_to_plain(d, depth - 1, np_dtype, warnings_due) for d in data]
    if isinstance(data, np.ndarray):
        warnings_due.add(NUMPY_LIST_WARNING)
    return data


COPY_CONSTRUCT_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
    "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor)."
)


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor (always a copy) from Python data, numpy arrays or tensors."""
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "tensor")
    if type(requires_grad) is not bool:
        requires_grad = bool_arg(requires_grad, "tensor", "requires_grad", None)
    _check_device(device)
    if isinstance(data, np.ndarray):
        np_dtype = dtype.numpy if dtype is not None else _dtype.from_numpy(data.dtype).numpy
        array = np.array(data, dtype=np_dtype, copy=True)
    elif isinstance(data, Tensor):
        warnings.warn(COPY_CONSTRUCT_WARNING, UserWarning, stacklevel=2)
        np_dtype = dtype.numpy if dtype is not None else data._data.dtype
        array = np.array(data._data, dtype=np_dtype, copy=True)
    else:
        _check_str_nesting(data)
        inferred = infer_dtype(data)  # torch infers (and rejects bad items) even when dtype is given
        np_dtype = dtype.numpy if dtype is not None else inferred
        empty_sizes = _check_nesting(data, np_dtype.kind in "iub") if isinstance(data, _SEQUENCE) else None
        if empty_sizes is not None:
            array = np.zeros(empty_sizes, dtype=np_dtype)
        else:
            warnings_due = set()
            plain = _to_plain(data, _sequence_depth(data), np_dtype, warnings_due)
            for message in sorted(warnings_due):
                warn_once(message)
            array = _array_of(plain, np_dtype)
    return _finish(array, requires_grad)


def _array_of(plain, np_dtype):
    """np.array(plain, np_dtype) as torch.tensor converts Python numbers: a float beyond a float dtype's range
    is inf, silently; an int is read as a 64-bit integer (beyond that: torch's ValueError); into an integer
    dtype a value must fit (unsigned ones also take negatives down to -max, wrapping: -1 is 255 in uint8),
    else torch's "value cannot be converted" error."""
    if np_dtype.kind not in "iu":
        with np.errstate(over="ignore"):
            return np.array(plain, dtype=np_dtype)
    try:
        return np.array(plain, dtype=np_dtype)
    except (OverflowError, ValueError, TypeError):
        pass
    wide = np.array(plain)
    if wide.dtype == object or wide.dtype == np.uint64:  # an int beyond int64
        raise ValueError("Overflow when unpacking long long")
    info = np.iinfo(np_dtype)
    low = -int(info.max) if np_dtype.kind == "u" else int(info.min)
    if wide.size and (wide.min() < low or wide.max() > int(info.max)):
        raise RuntimeError(f"value cannot be converted to type {np_dtype.name} without overflow")
    return wide.astype(np.int64).astype(np_dtype)


def as_tensor(data, dtype=None, device=None):
    """Like tensor() but shares memory with a numpy array / returns a tensor itself when no conversion is
    needed."""
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "as_tensor")
    _check_device(device)
    if isinstance(data, Tensor):
        return data if dtype is None or dtype.numpy == data._data.dtype else data.to(dtype)
    if isinstance(data, np.ndarray) and (dtype is None or dtype.numpy == data.dtype):
        return from_numpy(data)
    return tensor(data, dtype=dtype)


def from_numpy(array):
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type_name(array)})")
    _dtype.from_numpy(array.dtype)
    return _make(array)


def is_tensor(obj):
    return isinstance(obj, Tensor)


def numel(input):
    """torch.numel(input): the number of elements, a Python int."""
    if not isinstance(input, Tensor):
        raise type_error("numel", "input", 1, "Tensor", input)
    return input.numel()


def is_floating_point(input):
    if not isinstance(input, Tensor):
        raise type_error("is_floating_point", "input", 1, "Tensor", input)
    return input.is_floating_point()


def is_inference(input):
    """Whether `input` is an inference tensor (made in inference mode, or sharing the memory of one)."""
    if not isinstance(input, Tensor):
        raise type_error("is_inference", "input", 1, "Tensor", input)
    return input.is_inference()


def _shape(size, name, keyword=NOT_GIVEN):
    """Accept f(2, 3), f((2, 3)), f([2, 3]) and f(size=(2, 3)), as torch's argument parser does."""
    size = int_list_varargs(size, name, "size", keyword=keyword)
    for s in size:
        if s < 0 and name == "zeros":  # torch's zeros checks the sizes itself, with its own message
            raise RuntimeError("zeros: Dimension size must be non-negative.")
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(size)}")
    return tuple(int(s) for s in size)


def _filled(name, fill, size, kwargs):
    if not size and "size" not in kwargs:
        raise TypeError(f'{name}() missing 1 required positional arguments: "size"')
    dtype = kwargs.pop("dtype", None)
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, name)
    requires_grad = kwargs.pop("requires_grad", False)
    if type(requires_grad) is not bool and requires_grad is not None:  # torch lets None mean the default
        requires_grad = bool_arg(requires_grad, name, "requires_grad", None)
    _check_device(kwargs.pop("device", None))
    kwargs.pop("layout", None)
    kwargs.pop("pin_memory", None)
    kwargs.pop("memory_format", None)
    keyword_size = kwargs.pop("size", NOT_GIVEN)
    if kwargs:
        raise TypeError(f"{name}() got an unexpected keyword argument '{next(iter(kwargs))}'")
    shape = _shape(size, name, keyword_size)
    np_dtype = (dtype or _dtype.get_default_dtype()).numpy
    return _finish(allocate(fill, shape, np_dtype), requires_grad)


def allocate(fill, shape, np_dtype):
    """fill(shape, np_dtype) with torch's errors for sizes its allocator refuses: a byte count beyond int64
    ("Storage size calculation overflowed"), or more memory than the machine gives."""
    nbytes = np_dtype.itemsize
    for n in shape:
        nbytes *= n
    if nbytes >= 2**63:
        raise RuntimeError(f"Storage size calculation overflowed with sizes=[{', '.join(map(str, shape))}]")
    try:
        return fill(shape, np_dtype)
    except (MemoryError, ValueError) as error:
        if isinstance(error, ValueError) and "too big" not in str(error):
            raise
        raise RuntimeError(
            "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you "
            f"tried to allocate {nbytes} bytes. Error code 12 (Cannot allocate memory)"
        ) from None


def zeros(*size, **kwargs):
    return _filled("zeros", np.zeros, size, kwargs)


def _efficientzerotensor(*size, **kwargs):
    """torch's ZeroTensor factory: zeros that stay zeros (see _core.tensor.ZeroTensor)."""
    return as_zero_tensor(_filled("_efficientzerotensor", np.zeros, size, kwargs))


def ones(*size, **kwargs):
    return _filled("ones", np.ones, size, kwargs)


def empty(*size, **kwargs):
    return _filled("empty", np.zeros, size, kwargs)  # zeroed: deterministic and cheap enough


RANDOM_OVERLOADS = (
    "(tuple of ints size, *, torch.Generator generator, Tensor out = None, torch.dtype dtype = None, "
    "torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = "
    "False)",
    "(tuple of ints size, *, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, "
    "torch.device device = None, bool pin_memory = False, bool requires_grad = False)",
)
RANDOM_LIKE_OVERLOADS = (
    "(Tensor input, *, torch.Generator generator, torch.memory_format memory_format = None, torch.dtype "
    "dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool "
    "requires_grad = False)",
    "(Tensor input, *, torch.memory_format memory_format = None, torch.dtype dtype = None, torch.layout "
    "layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)",
)


def _random_kwargs(name, args, kwargs, overloads, floating="uniform"):
    """rand/randn(_like) have a generator overload, so torch reports a bad dtype/requires_grad as an invalid
    combination; an integer or bool dtype has no random kernel."""
    dtype = kwargs.get("dtype")
    if dtype is not None and type(dtype) is not _dtype.dtype:
        try:
            dtype = kwargs["dtype"] = dtype_arg(dtype, name)
        except TypeError:
            raise invalid_arguments(name, args, given_kwargs(**kwargs), overloads) from None
    requires_grad = kwargs.get("requires_grad")
    if requires_grad is not None and type(requires_grad) is not bool:
        raise invalid_arguments(name, args, given_kwargs(**kwargs), overloads)
    if dtype is not None and dtype.numpy.kind != "f":
        kernel = "check_uniform_bounds" if floating == "uniform" else "normal_kernel_cpu"
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_dtype.SCALAR_TYPE_NAMES[dtype]}'")


def _floating(np_dtype, distribution):
    """The dtype a random kernel draws in: a floating one, or torch's NotImplementedError."""
    if np_dtype.kind != "f":
        kernel = "check_uniform_bounds" if distribution == "uniform" else "normal_kernel_cpu"
        name = _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(np_dtype)]
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{name}'")
    return np_dtype


def rand(*size, generator=None, **kwargs):
    if not size and not kwargs and generator is None:  # no overload to tell apart: torch lists them all
        raise invalid_arguments("rand", (), {}, RANDOM_OVERLOADS)
    _random_kwargs("rand", size, kwargs, RANDOM_OVERLOADS)
    gen = generator or _generator
    return _filled("rand", gen.uniform, size, kwargs)


def randn(*size, generator=None, **kwargs):
    if not size and not kwargs and generator is None:  # no overload to tell apart: torch lists them all
        raise invalid_arguments("randn", (), {}, RANDOM_OVERLOADS)
    _random_kwargs("randn", size, kwargs, RANDOM_OVERLOADS, floating="normal")
    gen = generator or _generator
    return _filled("randn", gen.normal, size, kwargs)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False, **kwargs):
    if not isinstance(size, list | tuple):  # unlike zeros/ones, full takes its size as one argument
        raise TypeError(
            f"full(): argument 'size' (position 1) must be tuple of ints, not {type(size).__name__}"
        )
    if type(fill_value) is not float and type(fill_value) is not int:
        fill_value = number_arg(fill_value, "full", "fill_value", 2)
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "full")
    if dtype is None:
        dtype = _dtype.from_numpy(infer_dtype(fill_value))
    return _filled(
        "full",
        lambda shape, dt: np.full(shape, checked_scalar(fill_value, dt), dt),
        (size,),
        dict(kwargs, dtype=dtype, device=device, requires_grad=requires_grad),
    )


def _like(name, fill, input, kwargs, fill_strided=None):
    tensor_arg(input, name)
    if kwargs.get("dtype") is None:
        kwargs["dtype"] = input.dtype
    data = input._data
    if data.flags.c_contiguous or kwargs.get("memory_format") is contiguous_format:
        return _filled(name, fill, (data.shape,), kwargs)
    # preserve_format: laid out like the input, and filled in memory order, as torch fills its storage
    # (so rand_like's numbers land where torch's do)
    slowest_first = torch_dim_order(data.shape, (data,))[::-1]
    if slowest_first == list(range(data.ndim)):  # e.g. an expanded input: a contiguous result
        return _filled(name, fill, (data.shape,), kwargs)

    def fill_in_memory_order(shape, dtype):
        in_memory = [shape[d] for d in slowest_first]
        return (fill_strided or fill)(in_memory, dtype).transpose(np.argsort(slowest_first))

    return _filled(name, fill_in_memory_order, (data.shape,), kwargs)


def zeros_like(input, **kwargs):
    return _like("zeros_like", np.zeros, input, kwargs)


def ones_like(input, **kwargs):
    return _like("ones_like", np.ones, input, kwargs)


def empty_like(input, **kwargs):
    return _like("empty_like", np.zeros, input, kwargs)


def full_like(input, fill_value, **kwargs):
    tensor_arg(input, "full_like")
    if type(fill_value) is not float and type(fill_value) is not int:
        fill_value = number_arg(fill_value, "full_like", "fill_value", 2)
    return _like(
        "full_like", lambda shape, dt: np.full(shape, checked_scalar(fill_value, dt), dt), input, kwargs
    )


def rand_like(input, **kwargs):
    if not isinstance(input, Tensor):
        raise invalid_arguments("rand_like", (input,), given_kwargs(**kwargs), RANDOM_LIKE_OVERLOADS)
    _random_kwargs("rand_like", (input,), kwargs, RANDOM_LIKE_OVERLOADS)
    return _like(
        "rand_like", lambda shape, dt: _generator.uniform(shape, _floating(dt, "uniform")), input, kwargs
    )


def randn_like(input, **kwargs):
    if not isinstance(input, Tensor):
        raise invalid_arguments("randn_like", (input,), given_kwargs(**kwargs), RANDOM_LIKE_OVERLOADS)
    _random_kwargs("randn_like", (input,), kwargs, RANDOM_LIKE_OVERLOADS, floating="normal")
    return _like(
        "randn_like",
        lambda shape, dt: _generator.normal(shape, _floating(dt, "normal")),
        input,
        kwargs,
        fill_strided=lambda shape, dt: _generator.normal(shape, _floating(dt, "normal"), contiguous=False),
    )


ARANGE_OVERLOADS = (
    "(Number end, *, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device "
    "device = None, bool pin_memory = False, bool requires_grad = False)",
    "(Number start, Number end, *, torch.dtype dtype = None, torch.layout layout = None, torch.device device "
    "= None, bool pin_memory = False, bool requires_grad = False)",
    "(Number start, Number end, Number step = 1, *, Tensor out = None, torch.dtype dtype = None, "
    "torch.layout layout = None, torch.device device = None, bool pin_memory = False, "
    "bool requires_grad = False)",
)


def arange(start, end=NOT_GIVEN, step=NOT_GIVEN, *, dtype=None, device=None, requires_grad=False):
    given = tuple(v for v in (start, end, step) if v is not NOT_GIVEN)
    if not all(type(v) is int or type(v) is float or is_number(v) for v in given):
        if len(given) == 1:  # only the (end) overload takes one argument
            number_arg(start, "arange", "end", 1)
        raise invalid_arguments("arange", given, {}, ARANGE_OVERLOADS)
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "arange")
    _check_device(device)
    if end is NOT_GIVEN:
        start, end = 0, start
    if step is NOT_GIVEN:
        step = 1
    values = [v.item() if isinstance(v, Tensor | np.generic) else v for v in (start, end, step)]
    if dtype is None:
        is_float = any(isinstance(v, float) for v in values)
        dtype = _dtype.get_default_dtype() if is_float else _dtype.int64
    start, end, step = values
    if dtype == _dtype.bool:
        raise NotImplementedError("\"arange_cpu\" not implemented for 'Bool'")
    if not (math.isfinite(start) and math.isfinite(end)):
        raise RuntimeError(f"unsupported range: {_cpp_number(start)} -> {_cpp_number(end)}")
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (step > 0 and end < start) or (step < 0 and end > start):
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    size = math.ceil((end - start) / step) if math.isfinite(step) else 0
    if size >= 2**63:
        raise RuntimeError("invalid size, possible overflow?")
    allocate(lambda shape, dt: None, (size,), dtype.numpy)  # torch's storage size checks, before any work
    if dtype.numpy.kind == "f":
        count = max(0, size)
        return _finish(_arange_float_values(start, step, count, dtype.numpy), requires_grad)
    # integer dtypes: torch truncates start and step to integers for the values; int64 sizes the range with
    # integers too (a truncated end), the others with the numbers as given
    int_start, int_step = int(start), int(step)
    if dtype == _dtype.int64:
        if int_step == 0:
            raise ValueError("step must be nonzero")
        sign = 1 if int_step > 0 else -1
        count = (int(end) - int_start + int_step - sign) // int_step
    else:
        count = int(np.ceil((end - start) / step))
    data = (int_start + int_step * np.arange(max(0, count), dtype=np.int64)).astype(dtype.numpy)
    return _finish(data, requires_grad)


def _cpp_number(value):
    """A number as C++'s stream prints a double (torch's messages): 0.5, 1e+30, inf, nan; ints as they are."""
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "nan"
    return f"{value:g}"


def _arange_float_values(start, step, count, out_dtype):
    """torch's CPU kernel (AVX2, fused multiply-adds), computed in float64: value k is start + step * k,
    except in the runs of two 32-byte vectors it fills at once, where it is base + step * j from the
    vector's first value (rounded to the output dtype) as base. So the last bits match torch's, which
    .tolist() shows. (torch splits ranges over 32768 values between threads; that is not modelled.)"""
    index = np.arange(count)
    if out_dtype not in (np.float32, np.float64):
        with np.errstate(over="ignore"):
            return (start + step * index.astype(np.float64)).astype(out_dtype)
    wide = np.longdouble  # holds step * k exactly: one rounding, like a fused multiply-add
    width = 32 // out_dtype.itemsize
    vectorized = index < count - count % (2 * width)
    offset = np.where(vectorized, index % width, index)
    base = np.where(vectorized, index - offset, 0).astype(wide) * wide(step) + wide(start)
    with np.errstate(over="ignore"):  # beyond float32's range: inf, silently
        base = np.where(vectorized, base.astype(np.float64).astype(out_dtype), start).astype(wide)
        return (base + wide(step) * offset.astype(wide)).astype(np.float64).astype(out_dtype)


LINSPACE_OVERLOADS = tuple(
    f"({a} start, {b} end, int steps, *, Tensor out = None, torch.dtype dtype = None, torch.layout layout = "
    "None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)"
    for a, b in (("Tensor", "Tensor"), ("Number", "Tensor"), ("Tensor", "Number"), ("Number", "Number"))
)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False):
    if not (is_number(start) and is_number(end) and is_int(steps)):
        raise invalid_arguments("linspace", (start, end, steps), {}, LINSPACE_OVERLOADS)
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "linspace")
    if type(requires_grad) is not bool:
        requires_grad = bool_arg(requires_grad, "linspace", "requires_grad", None)
    _check_device(device)
    start, end, steps = (v.item() if isinstance(v, Tensor | np.generic) else v for v in (start, end, steps))
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    dtype = dtype or _dtype.get_default_dtype()
    if dtype == _dtype.bool and steps > 1:  # torch fills 0 or 1 steps without its kernel
        raise NotImplementedError("\"linspace_cpu\" not implemented for 'Bool'")
    if steps:
        checked_scalar(start, dtype.numpy)  # torch's kernel converts both ends to the dtype, checked
        checked_scalar(end, dtype.numpy)
    if dtype.numpy.kind in "iu":  # torch converts the ends to the integer dtype first
        start, end = int(start), int(end)
    with np.errstate(invalid="ignore", over="ignore"):  # inf ends give nans, silently
        return _finish(_linspace_values(start, end, steps, dtype.numpy), requires_grad)


def _linspace_values(start, end, steps, out_dtype):
    """torch's kernel: the first half counts up from start, the second half down from end, by a step computed
    in the output's float type (float64 for integers). Each value is one fused multiply-add, as the compiled
    kernel does it: long double holds the product exactly (for up to 2**11 steps with float64), so it
    rounds once; that is what puts linspace(-1, 1, 7)'s middle at -2.9802e-08, not 0. float16 arithmetic
    rounds after every operation instead."""
    if steps == 1:
        return np.array([start]).astype(out_dtype)
    step_type = out_dtype if out_dtype.kind == "f" else np.dtype(np.float64)
    first, last = np.array([start, end]).astype(out_dtype).astype(step_type)
    step = (last - first) / step_type.type(max(steps - 1, 1))
    index = np.arange(steps)
    from_start = index < steps // 2
    count = np.where(from_start, index, index - (steps - 1)).astype(step_type)  # negative: back from the end
    origin = np.where(from_start, first, last)
    if step_type == np.float16:
        return origin + step * count
    wide = np.longdouble
    return (origin.astype(wide) + wide(step) * count.astype(wide)).astype(step_type).astype(out_dtype)


EYE_OVERLOADS = tuple(
    f"(int n, {m}*, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device "
    "device = None, bool pin_memory = False, bool requires_grad = False)"
    for m in ("", "int m, ")
)


def eye(n, m=NOT_GIVEN, *, dtype=None, device=None, requires_grad=False):
    if type(n) is not int or (type(m) is not int and m is not NOT_GIVEN):
        if m is NOT_GIVEN:  # one argument: only the (n) overload fits, so torch names the argument
            n = int_arg(n, "eye", "n", 1)
        elif not (is_int(n) and is_int(m)):
            raise invalid_arguments("eye", (n, m), {}, EYE_OVERLOADS)
        n, m = int(n), (m if m is NOT_GIVEN else int(m))
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "eye")
    if type(requires_grad) is not bool:
        requires_grad = bool_arg(requires_grad, "eye", "requires_grad", None)
    _check_device(device)
    m = n if m is NOT_GIVEN else m
    if n < 0:
        raise RuntimeError(f"n must be greater or equal to 0, got {n}")
    if m < 0:
        raise RuntimeError(f"m must be greater or equal to 0, got {m}")
    dtype = dtype or _dtype.get_default_dtype()
    return _finish(np.eye(n, m, dtype=dtype.numpy), requires_grad)


def manual_seed(seed):
    """Seeds the default generator and returns it, like torch."""
    return _generator.manual_seed(seed)


# ---- the other random functions: torch's CPU kernels over the same stream (_core/generator.py) -----------
# Their in-place forms (uniform_, normal_, ...) write the values in the tensor's memory order, as torch's
# TensorIterator visits it; recorded on a tensor that requires grad, their nodes pass zero gradients, as
# derivatives.yaml declares for every random op.


def _generator_arg(generator):
    if generator is None:
        return _generator
    if not isinstance(generator, Generator):
        raise TypeError(f"expected a torch.Generator, but got {type_name(generator)}")
    return generator


def _zeros_sized_like(sizes, like):
    """Zeros of the given sizes in like's dtype: the gradient of a random op's tensor parameter."""
    return make_output(np.zeros(tuple(sizes), like._data.dtype), None)


at.register(zeros_sized_like=_zeros_sized_like)


def _in_memory_order(shape, strides_of, values):
    """An array of `shape` holding `values` (one per element, in the order torch visits `strides_of`'s
    memory)."""
    values = np.asarray(values)
    if strides_of.flags.c_contiguous or len(shape) < 2:
        return values.reshape(shape)
    slowest_first = torch_dim_order(shape, (strides_of,))[::-1]
    out = np.empty(shape, dtype=values.dtype)
    out.transpose(slowest_first)[...] = values.reshape([shape[d] for d in slowest_first])
    return out


def _random_(self, name, row, draw, *inputs):
    """Write draw(n) (values in memory order) into self, in place, as torch's random in-place ops do; `row`
    (derivatives/random.py) records the zero gradients."""
    tensor_arg(self, name, "self")
    data = self._data

    def op(source, *tensors):
        values = _in_memory_order(data.shape, data, draw(data.size))
        with np.errstate(over="ignore", invalid="ignore"):
            values = values.astype(data.dtype)
        return row.record(values, source, *tensors)

    op.__name__ = name[:-1]
    op.fills = True  # every element gets its own value; only torch's own checks apply
    return inplace(self, op, *inputs)


def _check_float_random(self, kernel):
    if self._data.dtype.kind != "f":
        raise NotImplementedError(
            f"\"{kernel}\" not implemented for '{_dtype.SCALAR_TYPE_NAMES[self.dtype]}'"
        )


def _float(value, fn, name, position):
    if type(value) is float or type(value) is int:
        return float(value)
    if not is_number(value) or isinstance(value, bool):
        raise type_error(fn, name, position, "float", value)
    return float(value.item() if hasattr(value, "item") else value)


def uniform_(self, from_=0.0, to=1.0, *, generator=None, **kwargs):
    low = _float(kwargs.pop("from", from_), "uniform_", "from", 1)
    high = _float(to, "uniform_", "to", 2)
    _check_float_random(self, "check_uniform_bounds")
    if low > high:
        raise RuntimeError(
            f"uniform_ expects to return a [from, to) range, but found from={low:g} > to={high:g}"
        )
    gen = _generator_arg(generator)
    dtype = self._data.dtype
    return _random_(
        self, "uniform_", random_rows.UNIFORM_, lambda n: _random.uniform_real(gen, n, dtype, low, high)
    )


def normal_(self, mean=0.0, std=1.0, *, generator=None):
    mean = _float(mean, "normal_", "mean", 1)
    std = _float(std, "normal_", "std", 2)
    _check_float_random(self, "normal_kernel_cpu")
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    gen = _generator_arg(generator)
    data = self._data
    return _random_(
        self,
        "normal_",
        random_rows.NORMAL_,
        lambda n: _random.normal_values(gen, n, data.dtype, mean, std, data.flags.c_contiguous),
    )


def exponential_(self, lambd=1.0, *, generator=None):
    lambd = _float(lambd, "exponential_", "lambd", 1)
    if self._data.dtype.kind != "f":
        raise RuntimeError(
            "Exponential distribution is a continuous probability distribution. dtype must be a floating "
            f"point but you specified {_dtype.SCALAR_TYPE_NAMES[self.dtype]}"
        )
    if not lambd > 0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")
    gen = _generator_arg(generator)
    return _random_(
        self, "exponential_", random_rows.EXPONENTIAL_, lambda n: _random.exponential(gen, n, lambd)
    )


def geometric_(self, p, *, generator=None):
    p = _float(p, "geometric_", "p", 1)
    if not 0 < p < 1:
        raise RuntimeError(f"geometric_ expects p to be in (0, 1), but got p={p:g}")
    gen = _generator_arg(generator)

    def draw(n):
        with np.errstate(divide="ignore"):
            return np.ceil(np.log(gen._uniform(n, np.dtype(np.float64))) / np.log1p(-p))

    return _random_(self, "geometric_", random_rows.GEOMETRIC_, draw)


def log_normal_(self, mean=1.0, std=2.0, *, generator=None):
    mean = _float(mean, "log_normal_", "mean", 1)
    std = _float(std, "log_normal_", "std", 2)
    _check_float_random(self, "log_normal_cpu")
    if not std > 0:
        raise RuntimeError(f"log_normal_ expects std > 0.0, but found std={std:g}")
    gen = _generator_arg(generator)

    def draw(n):
        return np.exp(np.array([gen._scalar_normal() * std + mean for _ in range(n)], dtype=np.float64))

    return _random_(self, "log_normal_", random_rows.LOG_NORMAL_, draw)


def cauchy_(self, median=0.0, sigma=1.0, *, generator=None):
    median = _float(median, "cauchy_", "median", 1)
    sigma = _float(sigma, "cauchy_", "sigma", 2)
    _check_float_random(self, "cauchy_cpu")
    gen = _generator_arg(generator)

    def draw(n):
        return median + sigma * np.tan(np.pi * (gen._uniform(n, np.dtype(np.float64)) - 0.5))

    return _random_(self, "cauchy_", random_rows.CAUCHY_, draw)


def bernoulli_(self, p=0.5, *, generator=None):
    gen = _generator_arg(generator)
    if isinstance(p, Tensor):
        if p._data.dtype.kind != "f":
            raise NotImplementedError(
                f"\"bernoulli_tensor_cpu_p_\" not implemented for '{_dtype.SCALAR_TYPE_NAMES[p.dtype]}'"
            )
        broadcast_shape = np.broadcast_shapes(self._data.shape, p._data.shape)
        if broadcast_shape != self._data.shape:
            raise RuntimeError(
                f"expand(torch.{p.dtype._legacy}{{{list(p._data.shape)}}}, size={list(self._data.shape)}): "
                "the number of sizes provided must be greater or equal to the number of dimensions in the "
                "tensor"
            )
        probabilities = np.broadcast_to(p._data, self._data.shape)
        data = self._data

        def draw(n):
            slowest_first = (
                list(range(data.ndim))
                if data.flags.c_contiguous or data.ndim < 2
                else torch_dim_order(data.shape, (data,))[::-1]
            )
            return _random.bernoulli_tensor(gen, np.ascontiguousarray(probabilities.transpose(slowest_first)))

        return _random_(self, "bernoulli_", random_rows.BERNOULLI_TENSOR_, draw, p)
    p = _float(p, "bernoulli_", "p", 1)
    if not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p:g}")
    return _random_(
        self, "bernoulli_", random_rows.BERNOULLI_FLOAT_, lambda n: _random.bernoulli_scalar(gen, n, p)
    )


_INT64_MIN = -(2**63)


def random_(self, *args, generator=None, **kwargs):
    """random_(), random_(to), random_(from, to): integers drawn as torch's kernels draw them."""
    gen = _generator_arg(generator)
    if "from" in kwargs:
        args = (kwargs.pop("from"),) + args
    if "to" in kwargs:
        args = args + (kwargs.pop("to"),)
    if kwargs:
        raise TypeError(f"random_() got an unexpected keyword argument '{next(iter(kwargs))}'")
    dtype = self._data.dtype
    if not args:
        return _random_(self, "random_", random_rows.RANDOM_, lambda n: _random.random_default(gen, n, dtype))
    if len(args) == 1:
        low, high = 0, int_arg(args[0], "random_", "to", 1)
        node = random_rows.RANDOM_TO_
    else:
        low = int_arg(args[0], "random_", "from", 1)
        high = args[1]
        if high is None:
            if low == _INT64_MIN and dtype in (np.int64, np.float64, np.float32):
                return _random_(
                    self, "random_", random_rows.RANDOM_FROM_, lambda n: _random.random_full_range(gen, n)
                )
            high = _random_dtype_max(dtype) + 1
        high = int_arg(high, "random_", "to", 2)
        node = random_rows.RANDOM_FROM_
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    return _random_(self, "random_", node, lambda n: _random.random_from_to(gen, n, high - low, low))


def _random_dtype_max(dtype):
    if dtype.kind == "f":
        return 2 ** np.finfo(dtype).nmant + 1 if dtype != np.float64 else 2**53
    if dtype.kind == "b":
        return 1
    return int(np.iinfo(dtype).max)


RANDINT_OVERLOADS = tuple(
    f"({first}int high, tuple of ints size, *, {gen}Tensor out = None, torch.dtype dtype = None, "
    "torch.layout layout = None, torch.device device = None, bool pin_memory = False, "
    "bool requires_grad = False)"
    for first, gen in (
        ("", "torch.Generator generator, "),
        ("", ""),
        ("int low, ", "torch.Generator generator, "),
        ("int low, ", ""),
    )
)


def randint(*args, size=NOT_GIVEN, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    """randint(high, size) or randint(low, high, size): int64 unless dtype says otherwise."""
    kwargs.pop("layout", None)
    kwargs.pop("pin_memory", None)
    low = kwargs.pop("low", NOT_GIVEN)
    high = kwargs.pop("high", NOT_GIVEN)
    if kwargs:
        raise TypeError(f"randint() got an unexpected keyword argument '{next(iter(kwargs))}'")
    given = [a for a in (low, high) if a is not NOT_GIVEN] + list(args)
    if size is NOT_GIVEN and given:
        size, given = given[-1], given[:-1]
    if len(given) == 1:
        low, high = 0, given[0]
    elif len(given) == 2:
        low, high = given
    else:
        raise invalid_arguments("randint", tuple(args), {}, RANDINT_OVERLOADS)
    if not (is_int(low) and is_int(high)) or not isinstance(size, list | tuple | Size):
        raise invalid_arguments("randint", tuple(args), {}, RANDINT_OVERLOADS)
    low, high = int(low), int(high)
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "randint")
    dtype = dtype or _dtype.int64
    _check_device(device)
    shape = _sizes(size)
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    gen = _generator_arg(generator)
    values = _random.random_from_to(gen, int(np.prod(shape)), high - low, low)
    return _finish(values.astype(dtype.numpy).reshape(shape), requires_grad)


def _sizes(size):
    """A size argument given as one sequence (possibly empty), checked as torch checks it."""
    shape = tuple(int(s) for s in size)
    for s in shape:
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(shape)}")
    return shape


def randint_like(input, *args, generator=None, dtype=None, **kwargs):
    tensor_arg(input, "randint_like")
    low = kwargs.pop("low", NOT_GIVEN)
    high = kwargs.pop("high", NOT_GIVEN)
    given = [a for a in (low, high) if a is not NOT_GIVEN] + list(args)
    if len(given) == 1:
        low, high = 0, given[0]
    elif len(given) == 2:
        low, high = given
    else:
        raise TypeError("randint_like() missing required argument 'high'")
    low, high = int_arg(low, "randint_like", "low", 2), int_arg(high, "randint_like", "high", 2)
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    gen = _generator_arg(generator)
    out = empty_like(input, dtype=dtype, **kwargs)
    with no_grad():
        return random_(out, low, high, generator=gen)


def randperm(n, *, generator=None, dtype=None, device=None, requires_grad=False, **kwargs):
    kwargs.pop("layout", None)
    kwargs.pop("pin_memory", None)
    if kwargs:
        raise TypeError(f"randperm() got an unexpected keyword argument '{next(iter(kwargs))}'")
    n = int_arg(n, "randperm", "n", 1)
    if n < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {n}: [{n}]")
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "randperm")
    dtype = dtype or _dtype.int64
    _check_device(device)
    gen = _generator_arg(generator)
    return _finish(np.array(_random.randperm(gen, n), dtype=dtype.numpy), requires_grad)


def multinomial(input, num_samples, replacement=False, *, generator=None):
    tensor_arg(input, "multinomial")
    n_sample = int_arg(num_samples, "multinomial", "num_samples", 2)
    data = input._data
    if data.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if data.dtype.kind != "f":
        raise RuntimeError(
            "multinomial only supports floating-point dtypes for input, got: "
            + _dtype.SCALAR_TYPE_NAMES[input.dtype]
        )
    if n_sample <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    n_categories = data.shape[-1]
    if not replacement and n_sample > n_categories:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    if n_categories > 2**24:
        raise RuntimeError(f"number of categories cannot exceed 2^24, got {n_categories}")
    gen = _generator_arg(generator)
    rows = data.reshape(-1, n_categories)
    if not replacement or n_sample == 1:
        # torch's fast path: argmax / top-k of p / q with q ~ Exp(1) (the Gumbel trick)
        if not (np.all(rows < np.inf) and np.all(rows >= 0)):
            raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
        if np.any(rows.sum(axis=1) == 0):
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        q = _random.exponential(gen, rows.size, 1.0).astype(data.dtype).reshape(rows.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            keys = rows / q
        order = np.argsort(-keys, axis=1, kind="stable")[:, :n_sample]
        result = order.astype(np.int64)
    else:
        # the kernel checks each entry in turn: first "not >= 0" (nan included), then "not finite"
        not_nonnegative, not_finite = ~(rows >= 0), ~np.isfinite(rows)
        first_bad = np.flatnonzero(not_nonnegative | not_finite)
        if first_bad.size and not_nonnegative.reshape(-1)[first_bad[0]]:
            raise RuntimeError("invalid multinomial distribution (encountering probability entry < 0)")
        if first_bad.size:
            raise RuntimeError(
                "invalid multinomial distribution (encountering probability entry = infinity or NaN)"
            )
        if np.any(rows.sum(axis=1) <= 0):
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        result = _random.multinomial_with_replacement(gen, rows, n_sample)
    return _make(result.reshape(data.shape[:-1] + (n_sample,)))


NORMAL_OVERLOADS = (
    "(Tensor mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)",
    "(Tensor mean, float std = 1, *, torch.Generator generator = None, Tensor out = None)",
    "(float mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)",
    "(float mean, float std, tuple of ints size, *, torch.Generator generator = None, Tensor out = None, "
    "torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, "
    "bool pin_memory = False, bool requires_grad = False)",
)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, device=None, requires_grad=False):
    """The four overloads: tensor/tensor, tensor/float, float/tensor, float/float with a size. Tensor
    means and stds draw standard normals and scale them (output * std + mean), recording zero gradients."""
    gen = _generator_arg(generator)
    mean_is_tensor, std_is_tensor = isinstance(mean, Tensor), isinstance(std, Tensor)
    if not mean_is_tensor and not std_is_tensor:
        if size is None:
            raise invalid_arguments("normal", (mean, std), {}, NORMAL_OVERLOADS)
        mean, std = _float(mean, "normal", "mean", 1), _float(std, "normal", "std", 2)
        if std < 0:
            raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
        if dtype is not None and type(dtype) is not _dtype.dtype:
            dtype = dtype_arg(dtype, "normal")
        _check_device(device)
        shape = _sizes(size if isinstance(size, list | tuple) else (size,))
        np_dtype = (dtype or _dtype.get_default_dtype()).numpy
        values = _random.normal_values(gen, int(np.prod(shape)), np_dtype, mean, std, True)
        return _finish(values.reshape(shape), requires_grad)
    if size is not None:
        raise invalid_arguments("normal", (mean, std, size), {}, NORMAL_OVERLOADS)
    if std_is_tensor:
        if std._data.dtype.kind == "f" and np.any(std._data < 0):
            raise RuntimeError("normal expects all elements of std >= 0.0")
    elif _float(std, "normal", "std", 2) < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {float(std):g}")
    template = mean if mean_is_tensor else std
    shape = template._data.shape
    if mean_is_tensor and std_is_tensor:
        shape = np.broadcast_shapes(mean._data.shape, std._data.shape)
    n = int(np.prod(shape))
    scale = 1.0 if std_is_tensor else float(std)
    standard = _random.normal_values(gen, n, template._data.dtype, 0.0, scale, True).reshape(shape)
    with np.errstate(over="ignore", invalid="ignore"):
        values = standard
        if std_is_tensor:
            values = values * std._data
        values = values + (mean._data if mean_is_tensor else template._data.dtype.type(mean))
    data = np.asarray(values, dtype=template._data.dtype)
    if mean_is_tensor and std_is_tensor:
        return random_rows.NORMAL_TENSOR_TENSOR.record(data, mean, std)
    if mean_is_tensor:
        return random_rows.NORMAL_TENSOR_FLOAT.record(data, mean)
    return random_rows.NORMAL_FLOAT_TENSOR.record(data, std)


def bernoulli(input, p=None, *, generator=None):
    """bernoulli(probabilities) or bernoulli(input, p): 0/1 values of input's dtype."""
    tensor_arg(input, "bernoulli")
    with no_grad():
        out = empty_like(input)
        if p is None:
            bernoulli_(out, input, generator=generator)
        else:
            bernoulli_(out, p, generator=generator)
    if p is None:
        return random_rows.BERNOULLI.record(out._data, input)
    return random_rows.BERNOULLI_P.record(out._data, input)


def _bernoulli_method(self, p=None, *, generator=None):
    return bernoulli(self, p, generator=generator)


def _multinomial_method(self, num_samples, replacement=False, *, generator=None):
    return multinomial(self, num_samples, replacement, generator=generator)


def seed():
    """Seeds the default generator from the OS and returns the seed."""
    value = int.from_bytes(os.urandom(8), "little") >> 1
    _generator.manual_seed(value)
    return value


def initial_seed():
    return _generator.initial_seed()


def get_rng_state():
    return _make(_random.get_state(_generator))


def set_rng_state(new_state):
    tensor_arg(new_state, "set_rng_state", "new_state")
    _random.set_state(_generator, new_state._data)


def get_default_device():
    return device("cpu")


def set_default_device(dev):
    """Only the CPU exists: "cpu" (or None) is accepted, as torch accepts it."""
    if dev is not None:
        device(str(dev))


register_methods(
    uniform_=uniform_,
    normal_=normal_,
    exponential_=exponential_,
    geometric_=geometric_,
    log_normal_=log_normal_,
    cauchy_=cauchy_,
    bernoulli_=bernoulli_,
    bernoulli=_bernoulli_method,
    random_=random_,
    multinomial=_multinomial_method,
)


def _generator_get_state(self):
    return _make(_random.get_state(self))


def _generator_set_state(self, new_state):
    tensor_arg(new_state, "set_state", "new_state")
    _random.set_state(self, new_state._data)
    return self


def _generator_seed(self):
    value = int.from_bytes(os.urandom(8), "little") >> 1
    self.manual_seed(value)
    return value


# Generator's methods that deal in tensors, attached here as Tensor's are (_random.py knows no tensors)
Generator.get_state = _generator_get_state
Generator.set_state = _generator_set_state
Generator.seed = _generator_seed
Generator.device = property(lambda self: device("cpu"))


# ---- Tensor.new_*: factories in the tensor's dtype (and device) unless told otherwise ----------------------
def _new_filled(self, name, fill, size, kwargs):
    tensor_arg(self, name, "self")
    if kwargs.get("dtype") is None:
        kwargs["dtype"] = self.dtype
    return _filled(name, fill, size, kwargs)


def new_zeros(self, *size, **kwargs):
    return _new_filled(self, "new_zeros", np.zeros, size, kwargs)


def new_ones(self, *size, **kwargs):
    return _new_filled(self, "new_ones", np.ones, size, kwargs)


def new_empty(self, *size, **kwargs):
    return _new_filled(self, "new_empty", np.zeros, size, kwargs)


def new_full(self, size, fill_value, **kwargs):
    if not isinstance(size, list | tuple):  # one argument, as in full
        raise TypeError(
            f"new_full(): argument 'size' (position 1) must be tuple of ints, not {type(size).__name__}"
        )
    if type(fill_value) is not float and type(fill_value) is not int:
        fill_value = number_arg(fill_value, "new_full", "fill_value", 2)
    return _new_filled(
        self,
        "new_full",
        lambda shape, dt: np.full(shape, checked_scalar(fill_value, dt), dt),
        (size,),
        kwargs,
    )


def new_empty_strided(self, size, stride, **kwargs):
    """Zeros laid out with `stride` (in elements) over just enough memory."""
    size = int_list_arg(size, "new_empty_strided", "size", 1, allow_int=False)
    stride = int_list_arg(stride, "new_empty_strided", "stride", 2, allow_int=False)

    def strided_zeros(shape, dtype):
        extent = 1 + sum((n - 1) * st for n, st in zip(shape, stride)) if all(shape) else 0
        memory = np.zeros(extent, dtype)
        byte_strides = tuple(st * memory.itemsize for st in stride)
        return np.lib.stride_tricks.as_strided(memory, shape, byte_strides)

    return _new_filled(self, "new_empty_strided", strided_zeros, (tuple(size),), kwargs)


NEW_TENSOR_WARNING = COPY_CONSTRUCT_WARNING.replace(
    "torch.tensor(sourceTensor)", "tensor.new_tensor(sourceTensor)"
)


def new_tensor(self, data, *, dtype=None, device=None, requires_grad=False, **kwargs):
    tensor_arg(self, "new_tensor", "self")
    if isinstance(data, Tensor):
        warnings.warn(NEW_TENSOR_WARNING, UserWarning, stacklevel=2)
        data = data._data
    kwargs.pop("layout", None)
    kwargs.pop("pin_memory", None)
    if kwargs:
        raise TypeError(f"new_tensor() got an unexpected keyword argument '{next(iter(kwargs))}'")
    return tensor(
        data, dtype=self.dtype if dtype is None else dtype, device=device, requires_grad=requires_grad
    )


register_methods(
    new_zeros=new_zeros,
    new_ones=new_ones,
    new_empty=new_empty,
    new_full=new_full,
    new_empty_strided=new_empty_strided,
    new_tensor=new_tensor,
)
