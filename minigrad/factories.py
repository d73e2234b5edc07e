"""Tensor factories: tensor, as_tensor, from_numpy, zeros, ones, full, empty, arange, linspace, eye, *_like,
rand, randn, manual_seed, is_tensor.

The random generator is process-global like torch's default generator (values differ from torch's; shapes and
dtypes match).
"""

import numbers
import warnings

import numpy as np

from . import _dtype
from .tensor import Tensor, _make, device

_generator = np.random.default_rng()


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


def _infer_dtype(data):
    """torch.tensor's inference: floats -> default dtype, ints -> int64, bools -> bool, tensors keep
    theirs."""
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
        elif isinstance(item, list | tuple):
            stack.extend(item)
        else:
            raise TypeError(f"Could not infer dtype of {type(item).__name__}")
    if any(k == "f" or (isinstance(k, np.dtype) and k.kind == "f") for k in kinds):
        floats = [k for k in kinds if isinstance(k, np.dtype) and k.kind == "f"]
        if not floats or "f" in kinds:
            return _dtype.get_default_dtype().numpy
        return max(floats, key=lambda d: d.itemsize)
    if any(k == "i" or (isinstance(k, np.dtype) and k.kind in "iu") for k in kinds):
        ints = [k for k in kinds if isinstance(k, np.dtype) and k.kind in "iu"]
        return ints[0] if len(ints) == 1 and "i" not in kinds else np.dtype(np.int64)
    if kinds:
        return np.dtype(np.bool_)
    return _dtype.get_default_dtype().numpy


def _to_plain(data):
    """Replace nested tensors by their arrays so numpy can build one array."""
    if isinstance(data, Tensor):
        return data._data
    if isinstance(data, list | tuple):
        return [_to_plain(d) for d in data]
    return data


COPY_CONSTRUCT_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
    "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor)."
)


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor (always a copy) from Python data, numpy arrays or tensors."""
    _check_device(device)
    if isinstance(data, np.ndarray):
        np_dtype = dtype.numpy if dtype is not None else _dtype.from_numpy(data.dtype).numpy
        array = np.array(data, dtype=np_dtype, copy=True)
    elif isinstance(data, Tensor):
        warnings.warn(COPY_CONSTRUCT_WARNING, UserWarning, stacklevel=2)
        np_dtype = dtype.numpy if dtype is not None else data._data.dtype
        array = np.array(data._data, dtype=np_dtype, copy=True)
    else:
        np_dtype = dtype.numpy if dtype is not None else _infer_dtype(data)
        array = np.array(_to_plain(data), dtype=np_dtype)
    return _finish(array, requires_grad)


def as_tensor(data, dtype=None, device=None):
    """Like tensor() but shares memory with a numpy array / returns a tensor itself when no conversion is
    needed."""
    _check_device(device)
    if isinstance(data, Tensor):
        return data if dtype is None or dtype.numpy == data._data.dtype else data.to(dtype)
    if isinstance(data, np.ndarray) and (dtype is None or dtype.numpy == data.dtype):
        return from_numpy(data)
    return tensor(data, dtype=dtype)


def from_numpy(array):
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    _dtype.from_numpy(array.dtype)
    return _make(array)


def is_tensor(obj):
    return isinstance(obj, Tensor)


def _shape(size, name):
    """Accept f(2, 3), f((2, 3)), f([2, 3]) and f(size=(2, 3))."""
    if len(size) == 1 and isinstance(size[0], list | tuple):
        size = tuple(size[0])
    for s in size:
        if not isinstance(s, numbers.Integral) or isinstance(s, bool):
            raise TypeError(
                f"{name}(): argument 'size' (position 1) must be tuple of ints, but found element of type "
                f"{type(s).__name__} at pos 0"
            )
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {list(size)}")
    return tuple(int(s) for s in size)


def _filled(name, fill, size, kwargs):
    dtype = kwargs.pop("dtype", None)
    requires_grad = kwargs.pop("requires_grad", False)
    _check_device(kwargs.pop("device", None))
    kwargs.pop("layout", None)
    kwargs.pop("pin_memory", None)
    kwargs.pop("memory_format", None)
    if "size" in kwargs:
        size = (kwargs.pop("size"),)
    if kwargs:
        raise TypeError(f"{name}() got an unexpected keyword argument '{next(iter(kwargs))}'")
    shape = _shape(size, name)
    np_dtype = (dtype or _dtype.get_default_dtype()).numpy
    return _finish(fill(shape, np_dtype), requires_grad)


def zeros(*size, **kwargs):
    return _filled("zeros", np.zeros, size, kwargs)


def ones(*size, **kwargs):
    return _filled("ones", np.ones, size, kwargs)


def empty(*size, **kwargs):
    return _filled("empty", np.zeros, size, kwargs)  # zeroed: deterministic and cheap enough


def rand(*size, generator=None, **kwargs):
    gen = generator or _generator
    return _filled("rand", lambda shape, dt: gen.random(shape).astype(dt), size, kwargs)


def randn(*size, generator=None, **kwargs):
    gen = generator or _generator
    return _filled("randn", lambda shape, dt: gen.standard_normal(shape).astype(dt), size, kwargs)


def full(size, fill_value, *, dtype=None, device=None, requires_grad=False, **kwargs):
    if dtype is None:
        dtype = _dtype.from_numpy(_infer_dtype(fill_value))
    return _filled(
        "full",
        lambda shape, dt: np.full(shape, fill_value, dt),
        (size,),
        dict(kwargs, dtype=dtype, device=device, requires_grad=requires_grad),
    )


def _like(name, fill, input, kwargs):
    kwargs.setdefault("dtype", input.dtype)
    return _filled(name, fill, (input._data.shape,), kwargs)


def zeros_like(input, **kwargs):
    return _like("zeros_like", np.zeros, input, kwargs)


def ones_like(input, **kwargs):
    return _like("ones_like", np.ones, input, kwargs)


def empty_like(input, **kwargs):
    return _like("empty_like", np.zeros, input, kwargs)


def full_like(input, fill_value, **kwargs):
    return _like("full_like", lambda shape, dt: np.full(shape, fill_value, dt), input, kwargs)


def rand_like(input, **kwargs):
    return _like("rand_like", lambda shape, dt: _generator.random(shape).astype(dt), input, kwargs)


def randn_like(input, **kwargs):
    return _like("randn_like", lambda shape, dt: _generator.standard_normal(shape).astype(dt), input, kwargs)


def arange(start, end=None, step=1, *, dtype=None, device=None, requires_grad=False):
    _check_device(device)
    if end is None:
        start, end = 0, start
    values = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    if dtype is None:
        is_float = any(isinstance(v, float) for v in values)
        dtype = _dtype.get_default_dtype() if is_float else _dtype.int64
    start, end, step = values
    if step == 0:
        raise RuntimeError("step must be nonzero")
    count = max(0, int(np.ceil((end - start) / step)))
    data = (start + step * np.arange(count, dtype=np.float64)).astype(dtype.numpy)
    return _finish(data, requires_grad)


def linspace(start, end, steps, *, dtype=None, device=None, requires_grad=False):
    _check_device(device)
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    dtype = dtype or _dtype.get_default_dtype()
    return _finish(np.linspace(start, end, steps).astype(dtype.numpy), requires_grad)


def eye(n, m=None, *, dtype=None, device=None, requires_grad=False):
    _check_device(device)
    dtype = dtype or _dtype.get_default_dtype()
    return _finish(np.eye(n, n if m is None else m, dtype=dtype.numpy), requires_grad)


class Generator:
    """A seeded random source (numpy's PCG64), for manual_seed's return value and generator= arguments."""

    def __init__(self, device="cpu"):
        self._rng = np.random.default_rng()

    def manual_seed(self, seed):
        self._rng = np.random.default_rng(int(seed))
        return self

    def random(self, shape):
        return self._rng.random(shape)

    def standard_normal(self, shape):
        return self._rng.standard_normal(shape)


def manual_seed(seed):
    global _generator
    _generator = np.random.default_rng(int(seed))
    return Generator().manual_seed(seed)
