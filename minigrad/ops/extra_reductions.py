"""Reductions beyond reductions.py: nansum, nanmean (torch's composite of nansum and a division by the count
of non-nans) and aminmax. Forwards, and the helpers of their formulas (nansum_backward, aminmax_backward)
registered in `at`; their rows: derivatives/extra_reductions.py."""

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import bool_arg, dtype_arg, int_arg
from .._core.fp import silent
from .._core.layout import c_order
from ..derivatives import at
from ..derivatives import extra_reductions as rows
from . import register_methods, tensor_arg
from .reductions import (
    _check_autograd_dtype,
    _sum_dtype,
    check_dims_in_range,
    given_dims,
    reduction_axes,
    restore_reduced_dims,
    saved_dim,
    saved_dims,
    scale_grad_by_count,
)


def _dims(name, input, dim):
    if dim is None:
        return None
    if isinstance(dim, int):
        return int_arg(dim, name, "dim", 2)
    return tuple(int_arg(d, name, "dim", 2) for d in dim)


def nansum(input, dim=None, keepdim=False, *, dtype=None):
    tensor_arg(input, "nansum")
    dim = _dims("nansum", input, dim)
    bool_arg(keepdim, "nansum", "keepdim", None)
    dtype = dtype_arg(dtype, "nansum")
    data = input._data
    axes = reduction_axes(dim, data.ndim)
    _check_autograd_dtype(input, dtype)
    values = np.where(np.isnan(data), 0, data) if data.dtype.kind == "f" else data
    with silent():
        result = c_order(np.sum(values, axis=axes, keepdims=keepdim, dtype=_sum_dtype(data, dtype)))
    return rows.NANSUM.record(result, input, saved_dims(dim), keepdim, dtype, _dims=given_dims(dim))


def _all_if_none(dim, data):
    return tuple(range(data.ndim)) if dim is None else given_dims(dim)


def nansum_backward(grad, self, dims, keepdim):
    """sum's gradient, zero where self is nan."""
    return at.sum_backward(grad, tuple(self.shape), dims, keepdim) * self.isnan().logical_not()


def nanmean(input, dim=None, keepdim=False, *, dtype=None):
    tensor_arg(input, "nanmean")
    if input._data.dtype.kind != "f":
        raise RuntimeError(
            "nanmean(): expected input to have floating point or complex dtype but got "
            f"{_dtype.SCALAR_TYPE_NAMES[input.dtype].split()[-1].capitalize()}"
        )
    factor = input.isnan().logical_not().sum(dim if dim is not None else (), keepdim)
    return nansum(input, dim, keepdim, dtype=dtype).div(factor)


def aminmax(input, *, dim=None, keepdim=False):
    tensor_arg(input, "aminmax")
    if dim is not None:
        dim = int_arg(dim, "aminmax", "dim", 2)
    bool_arg(keepdim, "aminmax", "keepdim", None)
    data = input._data
    if dim is not None:
        check_dims_in_range((dim,), data.ndim)
    if dim is None and not data.size:
        raise RuntimeError(
            "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity."
        )
    if dim is not None and data.ndim and data.shape[dim] == 0:
        raise IndexError(f"aminmax: Expected reduction dim {dim % data.ndim} to have non-zero size.")
    axes = reduction_axes(dim, data.ndim)
    if data.ndim == 0:
        low, high = data.copy(), data.copy()
    else:
        with silent():
            low = c_order(np.min(data, axis=axes, keepdims=keepdim))
            high = c_order(np.max(data, axis=axes, keepdims=keepdim))
    outs = rows.AMINMAX.record(
        (low, high), input, None if dim is None else saved_dim(dim), keepdim, _dims=_all_if_none(dim, data)
    )
    return _AMINMAX(*outs)


def aminmax_backward(grads, self, min, max, dims, keepdim):
    """amin's and amax's gradients (ties share equally), for the outputs that have one."""
    result = None
    for grad, value in zip(grads, (min, max)):
        if grad is None:
            continue
        part = scale_grad_by_count(
            restore_reduced_dims(grad, dims, keepdim),
            restore_reduced_dims(value, dims, keepdim) == self,
            dims,
        )
        result = part if result is None else result + part
    return result


class _AMINMAX(tuple):
    """torch.return_types.aminmax: (min, max) with named fields."""

    __slots__ = ()

    def __new__(cls, min, max):
        return tuple.__new__(cls, (min, max))

    min = property(lambda self: self[0])
    max = property(lambda self: self[1])

    def __repr__(self):
        return f"torch.return_types.aminmax(\nmin={self[0]!r},\nmax={self[1]!r})"

    __str__ = __repr__


_AMINMAX.__name__ = _AMINMAX.__qualname__ = "aminmax"
_AMINMAX.__module__ = "torch.return_types"

register_methods(nansum=nansum, nanmean=nanmean, aminmax=aminmax)
at.register(nansum_backward=nansum_backward, aminmax_backward=aminmax_backward)
