"""cumsum and flip. Forwards only: their autograd stories are rows in derivatives/cumulative.py.

torch's CPU cumsum accumulates floats in double and integers (and bools) into int64."""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import NOT_GIVEN, dtype_arg, int_arg, tensor_arg
from ..derivatives import at
from ..derivatives import cumulative as rows
from . import register_methods
from .reductions import check_dims_in_range, normalize_dims


def cumsum(input, dim=NOT_GIVEN, *, dtype=None):
    tensor_arg(input, "cumsum")
    if dim is NOT_GIVEN:
        raise TypeError('cumsum() missing 1 required positional arguments: "dim"')
    dim = int_arg(dim, "cumsum", "dim", 2)
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, "cumsum")
    data = input._data
    check_dims_in_range((dim,), data.ndim)
    if dtype is not None:
        data = data.astype(dtype.numpy)
    elif data.dtype.kind in "biu":
        data = data.astype(np.int64)
    if data.ndim == 0:
        result = data.copy()
    elif data.dtype.kind == "f":
        with np.errstate(all="ignore"):
            result = np.cumsum(data, axis=dim, dtype=np.float64).astype(data.dtype)
    else:
        result = np.cumsum(data, axis=dim)
    return rows.CUMSUM.record(result, input, dim, dtype)


def _cumsum_method(self, dim=NOT_GIVEN, *, dtype=None):
    return cumsum(self, dim, dtype=dtype)


def cumsum_backward(grad, dim):
    """A reversed cumulative sum; a single element (or a dim of size 1) passes the gradient through."""
    if grad.numel() <= 1 or grad.size(dim) == 1:
        return grad
    return grad.flip(dim).cumsum(dim).flip(dim)


def flip(input, dims):
    tensor_arg(input, "flip")
    data = input._data
    dims = (dims,) if isinstance(dims, int) else tuple(int_arg(d, "flip", "dims", 2) for d in dims)
    check_dims_in_range(dims, data.ndim)
    axes = normalize_dims(dims, data.ndim) if data.ndim else ()
    result = np.flip(data, axes).copy() if axes else data.copy()
    return rows.FLIP.record(result, input, dims)


def _flip_method(self, *dims):
    return flip(self, dims[0] if len(dims) == 1 and not isinstance(dims[0], int) else dims)


register_methods(cumsum=_cumsum_method, flip=_flip_method)
at.register(cumsum_backward=cumsum_backward)
