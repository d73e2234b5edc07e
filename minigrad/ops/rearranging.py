"""repeat, tile, repeat_interleave, roll, rot90, fliplr and flipud. Forwards only: their autograd stories
are rows in derivatives/rearranging.py.

tile is composite as in torch: its repeats, padded with leading 1s to the tensor's dims, go to repeat
(RepeatBackward0). roll without dims rolls the flattened tensor and keeps its shape. rot90 is torch's flip
then an in-place transpose: its result is laid out transposed (k odd); fliplr and flipud are flips.
repeat_interleave is ATen's composite: index_select with the indices a tensor of repeats expands to, or for
an int unsqueeze, expand, a contiguous clone and flatten.
"""

import numpy as np

from .._core.arguments import int_list_arg, is_int
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.layout import c_order
from .._core.memory_format import contiguous_format
from .._core.typenames import type_error
from ..derivatives import at
from ..derivatives import rearranging as rows
from . import make_output, register_methods, tensor_arg
from .reductions import saved_dim
from .scattering import index_select_unchecked
from .signatures import parse, signatures
from .views import expand, flatten, reshape, unsqueeze, wrap_dim


def _int_varargs(fn, name, args, kwargs):
    """A method's `*sizes` argument as torch parses it: one list, or ints given one by one."""
    if kwargs:
        if name not in kwargs:  # (torch misses the argument before it names the stray keyword)
            raise TypeError(f'{fn}() missing 1 required positional arguments: "{name}"')
        stray = [k for k in kwargs if k != name]
        if stray or args:
            raise TypeError(f"{fn}() got an unexpected keyword argument '{stray[0] if stray else name}'")
        args = (kwargs[name],)
    if not args:
        raise TypeError(f'{fn}() missing 1 required positional arguments: "{name}"')
    if len(args) == 1:
        return int_list_arg(args[0], fn, name, 1)
    if not all(is_int(a) for a in args):
        raise TypeError(f"{fn}() takes 1 positional argument but {len(args)} were given")
    return tuple(int(a) for a in args)


# ---- repeat / tile -----------------------------------------------------------------------------------------
def _repeat(input, repeats):
    data = input._data
    if len(repeats) < data.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"
        )
    padded = (1,) * (len(repeats) - data.ndim) + data.shape
    shape = [n * r for n, r in zip(padded, repeats)]
    for size in shape:
        if size < 0:
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {size}: [{', '.join(map(str, shape))}]"
            )
    result = c_order(np.tile(data.reshape(padded), repeats))
    return rows.REPEAT.record(result, input, repeats)


def _repeat_method(self, *args, **kwargs):
    return _repeat(self, _int_varargs("repeat", "repeats", args, kwargs))


def _tile(input, dims):
    return _repeat(input, (1,) * (input._data.ndim - len(dims)) + tuple(dims))


_TILE_FUNCTION = signatures("(Tensor input, tuple of ints dims)")


def tile(*args, **kwargs):
    _, v = parse("tile", _TILE_FUNCTION, args, kwargs)
    given = args[1] if len(args) > 1 else kwargs.get("dims")
    if is_int(given):  # (the function's dims is a list: an int does not stand for one)
        raise type_error("tile", "dims", 2 if len(args) > 1 else None, "tuple of ints", given)
    return _tile(v["input"], v["dims"])


def _tile_method(self, *args, **kwargs):
    return _tile(self, _int_varargs("tile", "dims", args, kwargs))


def repeat_backward(grad, repeats, input_shape):
    """torch's repeat_backward: a zero repeat gives zeros; the leading new dims are summed away, then the
    repeated dims split into (repeat, size) by one reshape and summed in one go."""
    if 0 in repeats:
        return make_output(np.zeros(input_shape, grad._data.dtype), None)
    added = len(repeats) - len(input_shape)
    for _ in range(added):
        grad = grad.sum(0, False)
    grad_size, sum_dims = [], []
    for size, repeat in zip(input_shape, repeats[added:]):
        if repeat != 1:
            grad_size.append(repeat)
            sum_dims.append(len(grad_size) - 1)
        grad_size.append(size)
    if sum_dims:
        grad = grad.reshape(grad_size).sum(sum_dims)
    return grad


# ---- repeat_interleave -------------------------------------------------------------------------------------
_REPEAT_INTERLEAVE = signatures(
    "(Tensor input, Tensor repeats, int dim = None, *, int output_size = None)",
    "(Tensor repeats, *, int output_size = None)",
    "(Tensor input, int repeats, int dim = None, *, int output_size = None)",
)
_REPEAT_INTERLEAVE_METHOD = signatures(
    "(Tensor repeats, int dim = None, *, int output_size = None)",
    "(int repeats, int dim = None, *, int output_size = None)",
)
_INDEX_TYPES = (np.dtype(np.int32), np.dtype(np.int64))


def _repeat_indices(repeats, output_size):
    """repeat_interleave.Tensor: i repeated repeats[i] times, in repeats' dtype (int32 or int64)."""
    counts = repeats._data
    if counts.dtype not in _INDEX_TYPES:
        name = SCALAR_TYPE_NAMES[repeats.dtype]
        raise NotImplementedError(f"\"repeat_interleave_cpu\" not implemented for '{name}'")
    if counts.ndim != 1:
        raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
    if counts.size == 0:
        return make_output(np.empty(0, counts.dtype), None)
    total = int(counts.sum())
    if output_size is not None and output_size != total:
        raise RuntimeError("allocated size does not match required size")
    if (counts < 0).any():
        raise RuntimeError("repeats can not be negative")
    return make_output(np.repeat(np.arange(counts.size, dtype=counts.dtype), counts), None)


def _repeat_interleave_tensor(input, repeats, dim, output_size):
    if dim is None:
        input = flatten(input)
        dim = 0
    counts = repeats._data
    if counts.ndim == 0 or (counts.ndim == 1 and counts.shape[0] == 1):
        repeats = expand(reshape(repeats, (1,)), (input._data.shape[wrap_dim(dim, input._data.ndim)],))
    elif counts.ndim == 1:
        size = input._data.shape[wrap_dim(dim, input._data.ndim)]
        if counts.shape[0] != size:
            raise RuntimeError(
                "repeats must have the same size as input along dim, but got repeats.size(0) = "
                f"{counts.shape[0]} and input.size({dim}) = {size}"
            )
    else:
        raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
    return index_select_unchecked(input, dim, _repeat_indices(repeats, output_size))


def _repeat_interleave_int(input, repeats, dim, output_size):
    tensor = input if dim is not None else flatten(input)
    dim = wrap_dim(0 if dim is None else dim, input._data.ndim)
    if repeats < 0:
        raise RuntimeError("Repeats must be non-negative")
    tensor = unsqueeze(tensor, dim + 1)
    shape = list(tensor._data.shape)
    shape[dim + 1] = repeats
    tensor = expand(tensor, tuple(shape))
    if output_size is not None and output_size != repeats * shape[dim]:
        raise RuntimeError(
            f"repeat_interleave: Invalid output_size, expected {repeats * shape[dim]} but got {output_size}"
        )
    return flatten(tensor.clone(memory_format=contiguous_format), dim, dim + 1)


def repeat_interleave(*args, **kwargs):
    overload, v = parse("repeat_interleave", _REPEAT_INTERLEAVE, args, kwargs)
    if overload == 1:
        return _repeat_indices(v["repeats"], v["output_size"])
    repeat = _repeat_interleave_tensor if overload == 0 else _repeat_interleave_int
    return repeat(v["input"], v["repeats"], v["dim"], v["output_size"])


def _repeat_interleave_method(self, *args, **kwargs):
    overload, v = parse("repeat_interleave", _REPEAT_INTERLEAVE_METHOD, args, kwargs)
    if overload == 0:
        return _repeat_interleave_tensor(self, v["repeats"], v["dim"], v["output_size"])
    return _repeat_interleave_int(self, v["repeats"], v["dim"], v["output_size"])


# ---- roll --------------------------------------------------------------------------------------------------
_ROLL_FUNCTION = signatures("(Tensor input, tuple of ints shifts, tuple of ints dims = ())")
_ROLL_METHOD = signatures("(tuple of ints shifts, tuple of ints dims = ())")


def _roll(input, shifts, dims):
    data = input._data
    if not shifts:
        raise RuntimeError("`shifts` required")
    if not dims:
        if len(shifts) != 1:
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:0")
        result = np.roll(data.reshape(-1), shifts[0]).reshape(data.shape) if data.size else data.copy()
    else:
        if len(shifts) != len(dims):
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:{len(dims)}")
        if data.ndim == 0:
            raise IndexError(f"Dimension specified as {dims[0]} but tensor has no dimensions")
        axes = tuple(wrap_dim(d, data.ndim) for d in dims)
        result = np.roll(data, shifts, axes) if data.size else data.copy()
    return rows.ROLL.record(
        c_order(result), input, saved_dim(shifts), saved_dim(dims), _shifts=shifts, _dims=dims
    )


def roll(*args, **kwargs):
    _, v = parse("roll", _ROLL_FUNCTION, args, kwargs)
    return _roll(v["input"], v["shifts"], v["dims"])


def _roll_method(self, *args, **kwargs):
    _, v = parse("roll", _ROLL_METHOD, args, kwargs)
    return _roll(self, v["shifts"], v["dims"])


# ---- rot90 / fliplr / flipud -------------------------------------------------------------------------------
_ROT90_FUNCTION = signatures("(Tensor input, int k = 1, tuple of ints dims = [0,1])")
_ROT90_METHOD = signatures("(int k = 1, tuple of ints dims = [0,1])")


def _rot90(input, k, dims):
    data = input._data
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if data.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {data.ndim}")
    d0, d1 = wrap_dim(dims[0], data.ndim), wrap_dim(dims[1], data.ndim)
    if d0 == d1:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {d0} and dim1 = {d1}")
    turns = k % 4
    if turns == 1:  # flip the second dim, then swap the two in place (a transposed layout)
        result = np.swapaxes(np.flip(data, d1).copy(), d0, d1)
    elif turns == 2:
        result = np.flip(data, (d0, d1)).copy()
    elif turns == 3:
        result = np.swapaxes(np.flip(data, d0).copy(), d0, d1)
    else:
        result = c_order(data.copy())
    return rows.ROT90.record(result, input, saved_dim(k), saved_dim(dims), _k=k, _dims=dims)


def rot90(*args, **kwargs):
    _, v = parse("rot90", _ROT90_FUNCTION, args, kwargs)
    return _rot90(v["input"], v["k"], v["dims"])


def _rot90_method(self, *args, **kwargs):
    _, v = parse("rot90", _ROT90_METHOD, args, kwargs)
    return _rot90(self, v["k"], v["dims"])


def fliplr(input):
    tensor_arg(input, "fliplr")
    if input._data.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return input.flip(1)


def flipud(input):
    tensor_arg(input, "flipud")
    if input._data.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return input.flip(0)


register_methods(
    repeat_interleave=_repeat_interleave_method,
    repeat=_repeat_method,
    tile=_tile_method,
    roll=_roll_method,
    rot90=_rot90_method,
    fliplr=fliplr,
    flipud=flipud,
)
at.register(repeat_backward=repeat_backward)
