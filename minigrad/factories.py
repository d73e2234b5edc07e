"""Tensor factories: tensor, as_tensor, from_numpy, zeros, ones, full, empty, arange, linspace, eye, *_like,
rand, randn, manual_seed, is_tensor.

The random generator is process-global like torch's default generator and draws torch's numbers (_random.py).
"""

import functools
import math
import numbers
import warnings

import numpy as np

from ._core import dtypes as _dtype
from ._core.arguments import (
    NOT_GIVEN,
    bool_arg,
    dtype_arg,
    given_kwargs,
    int_arg,
    int_list_varargs,
    invalid_arguments,
    is_int,
    is_number,
    number_arg,
    tensor_arg,
    type_name,
)
from ._core.generator import default_generator
from ._core.layout import torch_dim_order
from ._core.memory_format import contiguous_format
from ._core.tensor import FLOAT_OF_REQUIRES_GRAD, Tensor, _make, device
from ._core.warn_once import warn_once
from .ops import checked_scalar

_generator = default_generator()
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
        elif isinstance(item, numbers.Integral):
            kinds.add("i")
        elif isinstance(item, numbers.Real):
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
