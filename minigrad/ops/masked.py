"""Masked ops: masked_fill (and masked_fill_), and masked_select, masked_scatter and masked_scatter_backward,
which minigrad has for masked_fill's gradients (torch's masked_fill_backward, masked_select_backward).

Forwards only: each op's autograd story is its row in derivatives/masked.py.
"""

import warnings

import numpy as np

from .._core.arguments import invalid_arguments, is_number
from .._core.fp import silent
from .._core.layout import c_order
from .._core.tensor import has_internal_overlap
from ..derivatives import at
from ..derivatives import masked as rows
from . import (
    Tensor,
    broadcast_shapes,
    checked_scalar,
    fills,
    inplace,
    make_output,
    register_methods,
    tensor_arg,
)

_MASKED_FILL_OVERLOADS = ("(Tensor mask, Tensor value)", "(Tensor mask, Number value)")


def masked_fill(input, mask, value):
    tensor_arg(input, "masked_fill")
    if not isinstance(mask, Tensor) or not (isinstance(value, Tensor) or is_number(value)):
        raise invalid_arguments("masked_fill", (mask, value), {}, _MASKED_FILL_OVERLOADS)
    if mask._data.dtype != np.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype {mask.dtype}")
    if mask._data.shape != input._data.shape:
        broadcast_shapes(mask._data.shape, input._data.shape)  # torch's expand_outplace(mask, self) error
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(
                "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                f"{value._data.ndim} dimension(s)."
            )
        with silent():
            fill = input._data.dtype.type(value._data.item())
        data = c_order(np.where(mask._data, fill, input._data))  # a contiguous clone, filled
        return rows.MASKED_FILL_TENSOR.record(data, input, mask, value)
    fill = checked_scalar(value, input._data.dtype)
    return rows.MASKED_FILL.record(c_order(np.where(mask._data, fill, input._data)), input, mask, value)


MASKED_FILL_EXPANDED = (
    "Use of masked_fill_ on expanded tensors is deprecated. Please clone() the tensor before performing this "
    "operation. This also applies to advanced indexing e.g. tensor[mask] = scalar (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/TensorAdvancedIndexing.cpp:2450.)"
)


def masked_fill_(self, mask, value):
    if isinstance(self, Tensor) and isinstance(mask, Tensor) and has_internal_overlap(self._data):
        warnings.warn(MASKED_FILL_EXPANDED, UserWarning, stacklevel=2)
        return inplace(self, _masked_fill_expanded, mask, value)
    return inplace(self, masked_fill, mask, value)


@fills
def _masked_fill_expanded(input, mask, value):
    """masked_fill into an expanded tensor: torch writes only the masked elements, so a memory location
    shared by several elements is filled when any of them is masked. Widening the mask that way first makes
    every alias of a location carry the same value, so the order of the write does not matter."""
    data = input._data
    shared = tuple(i for i, (st, n) in enumerate(zip(data.strides, data.shape)) if st == 0 and n > 1)
    widened = np.broadcast_to(mask._data, data.shape).any(axis=shared, keepdims=True)
    return masked_fill(input, make_output(np.broadcast_to(widened, data.shape), None), value)


def masked_fill_backward(grad, mask):
    """The gradient of masked_fill's value: the sum of the gradient where the mask holds."""
    return masked_select(grad, mask).sum()


# ---- masked_select / masked_scatter (masked_fill's value gradient, and their own gradients) ----------------
def masked_select(input, mask):
    """The elements of input where mask (broadcast together) holds, as a 1-d tensor."""
    tensor_arg(input, "masked_select")
    tensor_arg(mask, "masked_select", "mask", 2)
    if mask._data.dtype != np.bool_:
        raise RuntimeError("masked_select: expected BoolTensor for mask")
    shape = broadcast_shapes(mask._data.shape, input._data.shape)  # torch's order, for its error
    selected = np.broadcast_to(input._data, shape)[np.broadcast_to(mask._data, shape)]
    return rows.MASKED_SELECT.record(selected, input, mask)


def masked_select_backward(grad, input, mask):
    """zeros of input broadcast with mask, with grad scattered where the mask holds."""
    zeros = np.zeros(broadcast_shapes(input._data.shape, mask._data.shape), input._data.dtype)
    return masked_scatter(make_output(zeros, None), mask, grad)


def masked_scatter(input, mask, source):
    """input (broadcast with mask) with source's first values, in order, where mask holds."""
    shape = broadcast_shapes(input._data.shape, mask._data.shape)
    data = np.array(np.broadcast_to(input._data, shape), dtype=np.result_type(input._data, source._data))
    where = np.broadcast_to(mask._data, shape)
    data[where] = source._data.reshape(-1)[: int(where.sum())]
    return rows.MASKED_SCATTER.record(data, input, mask, source)


def masked_scatter_backward(grad_output, mask, sizes):
    """The gradient of masked_scatter's source: grad_output where mask holds, zero-padded to `sizes`."""
    selected = grad_output._data[np.broadcast_to(mask._data, grad_output._data.shape)]
    data = np.zeros(int(np.prod(sizes)), grad_output._data.dtype)
    data[: selected.size] = selected
    return rows.MASKED_SCATTER_BACKWARD.record(
        data.reshape(sizes),
        grad_output,
        mask,
        tuple(sizes),
        _grad_output_info=(grad_output._data.shape, grad_output._data.dtype),
    )


def zeros_of(info):
    """Zeros of a (shape, dtype) pair: torch's zeros_like of a tensor it kept only the size and dtype of."""
    shape, dtype = info
    return make_output(np.zeros(shape, dtype), None)


at.register(
    masked_fill_backward=masked_fill_backward,
    masked_select=masked_select,
    masked_select_backward=masked_select_backward,
    masked_scatter=masked_scatter,
    masked_scatter_backward=masked_scatter_backward,
    zeros_of=zeros_of,
)

register_methods(masked_fill=masked_fill, masked_fill_=masked_fill_, masked_select=masked_select)
