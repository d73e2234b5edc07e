"""repeat, tile, roll, rot90, fliplr and flipud. Forwards only: their autograd stories are rows in
derivatives/rearranging.py.

tile is composite as in torch: its repeats, padded with leading 1s to the tensor's dims, go to repeat
(RepeatBackward0). roll without dims rolls the flattened tensor and keeps its shape. rot90 is torch's flip
then an in-place transpose: its result is laid out transposed (k odd); fliplr and flipud are flips.
"""

import numpy as np

from .._core.arguments import int_list_arg, is_int
from .._core.layout import c_order
from .._core.typenames import type_error
from ..derivatives import at
from ..derivatives import rearranging as rows
from . import make_output, register_methods, tensor_arg
from .reductions import saved_dim
from .signatures import parse, signatures
from .views import wrap_dim


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
    repeat=_repeat_method,
    tile=_tile_method,
    roll=_roll_method,
    rot90=_rot90_method,
    fliplr=fliplr,
    flipud=flipud,
)
at.register(repeat_backward=repeat_backward)
