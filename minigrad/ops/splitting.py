"""Splitting: split (by size or by sizes), chunk, tensor_split, hsplit/vsplit/dsplit. Forwards only: the
autograd story of split and split_with_sizes is their rows in derivatives/splitting.py; tensor_split and
the h/v/dsplit family are torch's slices (one SliceBackward0 per piece), as in torch.

Each piece is a view of the input. torch's split by size gives ceil(size / split_size) pieces (at least one),
the last one shorter; chunk(n) splits by ceil(size / n), so it may return fewer than n pieces.
"""

import numpy as np

from .._core.arguments import int_arg, int_list_arg, is_int
from .._core.dtypes import SCALAR_TYPE_NAMES
from ..derivatives import at
from ..derivatives import splitting as rows
from . import Tensor, make_output, register_methods, tensor_arg
from .joining import cat
from .reductions import saved_dim
from .views import slice_dim, wrap_dim


def _split_dim(input, dim, fn):
    if type(dim) is not int:
        dim = int_arg(dim, fn, "dim", 3)
    shape = input._data.shape
    if not shape:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    return wrap_dim(dim, len(shape))


def _pieces(input, dim, sizes):
    data, start, pieces = input._data, 0, []
    for size in sizes:
        pieces.append(data[(slice(None),) * dim + (slice(start, start + size), Ellipsis)])
        start += size
    return pieces


def _sizes_by_split_size(input, split_size, dim, fn):
    """split.Tensor's split size, wrapped dim and piece sizes (the last piece what is left)."""
    tensor_arg(input, fn)
    if type(split_size) is not int:
        split_size = int_arg(split_size, fn, "split_size", 2)
    wrapped = _split_dim(input, dim, fn)
    size = input._data.shape[wrapped]
    if split_size < 0:
        raise RuntimeError(f"split expects split_size be non-negative, but got split_size={split_size}")
    if split_size == 0 and size != 0:
        raise RuntimeError(
            f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}"
        )
    count = max(-(-size // split_size), 1) if split_size else 1
    return split_size, wrapped, [split_size] * (count - 1) + [size - split_size * (count - 1)]


def split_by_size(input, split_size, dim=0):
    """aten::split.Tensor: pieces of split_size along dim, the last one what is left."""
    split_size, wrapped, sizes = _sizes_by_split_size(input, split_size, dim, "split")
    pieces = _pieces(input, wrapped, sizes)
    return tuple(rows.SPLIT.record(pieces, input, split_size, saved_dim(dim), _dim=wrapped))


def unsafe_split(input, split_size, dim=0):
    """aten::unsafe_split.Tensor: split's pieces as fresh tensors (not views), one UnsafeSplitBackward0."""
    split_size, wrapped, sizes = _sizes_by_split_size(input, split_size, dim, "unsafe_split")
    pieces = [piece.copy() for piece in _pieces(input, wrapped, sizes)]
    return tuple(rows.UNSAFE_SPLIT.record(pieces, input, split_size, saved_dim(dim), _dim=wrapped))


def _checked_split_sizes(input, split_sizes, dim, fn):
    """The sizes (which must add up to the dimension's size) and the wrapped dim of split_with_sizes."""
    tensor_arg(input, fn)
    split_sizes = list(int_list_arg(split_sizes, fn, "split_sizes", 2, allow_int=False))
    if type(dim) is not int:
        dim = int_arg(dim, fn, "dim", 3)
    shape = input._data.shape
    if not shape:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    wrapped = wrap_dim(dim, len(shape))
    size = shape[wrapped]
    if any(s < 0 for s in split_sizes):
        raise RuntimeError(
            f"split_with_sizes expects split_sizes have only non-negative entries, but got "
            f"split_sizes={split_sizes}"
        )
    if sum(split_sizes) != size:
        raise RuntimeError(
            f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's size at "
            f"dimension {wrapped}), but got split_sizes={split_sizes}"
        )
    return split_sizes, wrapped


def split_with_sizes(input, split_sizes, dim=0):
    """aten::split_with_sizes: one piece per size; the sizes must add up to the dimension's size."""
    split_sizes, wrapped = _checked_split_sizes(input, split_sizes, dim, "split_with_sizes")
    pieces = _pieces(input, wrapped, split_sizes)
    return tuple(
        rows.SPLIT_WITH_SIZES.record(pieces, input, tuple(split_sizes), saved_dim(dim), _dim=wrapped)
    )


def unsafe_split_with_sizes(input, split_sizes, dim=0):
    """aten::unsafe_split_with_sizes: split_with_sizes' pieces as fresh tensors (not views)."""
    split_sizes, wrapped = _checked_split_sizes(input, split_sizes, dim, "unsafe_split_with_sizes")
    pieces = [piece.copy() for piece in _pieces(input, wrapped, split_sizes)]
    return tuple(
        rows.UNSAFE_SPLIT_WITH_SIZES.record(pieces, input, tuple(split_sizes), saved_dim(dim), _dim=wrapped)
    )


def split(tensor, split_size_or_sections, dim=0):
    """torch.split / Tensor.split: by one size (an int) or by a list of sizes."""
    if is_int(split_size_or_sections) or isinstance(split_size_or_sections, bool):
        return split_by_size(tensor, split_size_or_sections, dim)
    return split_with_sizes(tensor, split_size_or_sections, dim)


def _chunk_split_size(input, chunks, dim, fn):
    """chunk's checks and its split size, ceil(size / chunks); None when chunks empty pieces are due."""
    tensor_arg(input, fn)
    if type(chunks) is not int:
        chunks = int_arg(chunks, fn, "chunks", 2)
    if type(dim) is not int:
        dim = int_arg(dim, fn, "dim", 3)
    if not input._data.shape:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    size = input._data.shape[wrap_dim(dim, input._data.ndim)]
    split_size = -(-size // chunks)
    return None if split_size == 0 and size == 0 else split_size


def chunk(input, chunks, dim=0):
    split_size = _chunk_split_size(input, chunks, dim, "chunk")
    if split_size is None:  # torch keeps the number of (empty) chunks
        return split_with_sizes(input, [0] * chunks, dim)
    return split_by_size(input, split_size, dim)


def unsafe_chunk(input, chunks, dim=0):
    """chunk with unsafe_split's fresh pieces (torch's RNN cells cut their gates with it)."""
    split_size = _chunk_split_size(input, chunks, dim, "unsafe_chunk")
    if split_size is None:  # torch keeps the number of (empty) chunks
        return unsafe_split_with_sizes(input, [0] * chunks, dim)
    return unsafe_split(input, split_size, dim)


def tensor_split(input, indices_or_sections, dim=0):
    """Sections (n pieces, the first size % n one longer) or split indices; each piece is a slice."""
    tensor_arg(input, "tensor_split")
    if isinstance(indices_or_sections, Tensor):
        data = indices_or_sections._data
        if data.ndim > 1:
            raise RuntimeError(
                "tensor_split expected tensor_indices_or_sections to be a zero-dimensional or "
                f"one-dimensional tensor, but got a tensor with {data.ndim} dims"
            )
        if data.dtype != np.int64:
            raise RuntimeError(
                "tensor_split expected tensor_indices_or_sections to have dtype of long, but got "
                f"{SCALAR_TYPE_NAMES[indices_or_sections.dtype]}"
            )
        indices_or_sections = int(data) if data.ndim == 0 else [int(v) for v in data]
    if type(dim) is not int:
        dim = int_arg(dim, "tensor_split", "dim", 3)
    shape = input._data.shape
    if not shape:
        raise RuntimeError(
            "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims"
        )
    wrapped = wrap_dim(dim, len(shape))
    size = shape[wrapped]
    if is_int(indices_or_sections):
        sections = int(indices_or_sections)
        if sections <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {sections}")
        small, extra = divmod(size, sections)
        bounds, start = [], 0
        for i in range(sections):
            end = start + small + (1 if i < extra else 0)
            bounds.append((start, end))
            start = end
    else:
        indices = int_list_arg(indices_or_sections, "tensor_split", "indices", 2, allow_int=False)
        starts = [0, *indices]
        ends = [*indices, size]
        bounds = list(zip(starts, ends))
    return tuple(slice_dim(input, wrapped, start, max(start, end), 1) for start, end in bounds)


def _split_along(fn, input, sections, dim, need):
    tensor_arg(input, fn)
    if input._data.ndim < need:
        raise RuntimeError(
            f"torch.{fn} requires a tensor with at least {need} dimension, but got a tensor with "
            f"{input._data.ndim} dimensions!"
        )
    if is_int(sections):
        size = input._data.shape[dim]
        if sections == 0 or size % sections:
            raise RuntimeError(
                f"torch.{fn} attempted to split along dimension {dim}, but the size of the dimension {size} "
                f"is not divisible by the split_size {sections}!"
            )
    return tensor_split(input, sections, dim)


def hsplit(input, indices_or_sections):
    tensor_arg(input, "hsplit")
    if input._data.ndim == 0:
        raise RuntimeError(
            "torch.hsplit requires a tensor with at least 1 dimension, but got a tensor with 0 dimensions!"
        )
    return _split_along("hsplit", input, indices_or_sections, 1 if input._data.ndim > 1 else 0, 1)


def vsplit(input, indices_or_sections):
    return _split_along("vsplit", input, indices_or_sections, 0, 2)


def dsplit(input, indices_or_sections):
    return _split_along("dsplit", input, indices_or_sections, 2, 3)


def _zeros_like_piece(like, shape):
    return make_output(np.zeros(shape, like._data.dtype), None)


def split_with_sizes_backward(grads, split_sizes, dim, sizes):
    """torch's split_with_sizes_backward: each piece's gradient (zeros where none came), concatenated."""
    present = next(g for g in grads if g is not None)
    pieces = []
    for g, size in zip(grads, split_sizes):
        if g is None:
            shape = list(sizes)
            shape[dim] = size
            g = _zeros_like_piece(present, tuple(shape))
        pieces.append(g)
    return cat(pieces, dim)


def split_backward(grads, split_size, dim, sizes):
    """torch's split_backward: the sizes of the pieces, then split_with_sizes_backward."""
    size = sizes[dim]
    count = len(grads)
    split_sizes = [split_size] * (count - 1) + [size - split_size * (count - 1)]
    return split_with_sizes_backward(grads, split_sizes, dim, sizes)


at.register(split_backward=split_backward, split_with_sizes_backward=split_with_sizes_backward)
register_methods(
    split=split,
    split_with_sizes=split_with_sizes,
    chunk=chunk,
    unsafe_split=unsafe_split,
    unsafe_chunk=unsafe_chunk,
    unsafe_split_with_sizes=unsafe_split_with_sizes,
    tensor_split=tensor_split,
    hsplit=hsplit,
    vsplit=vsplit,
    dsplit=dsplit,
)
