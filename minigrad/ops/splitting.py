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
from .signatures import parse, signatures
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


_TENSOR_SPLIT = (
    "(Tensor input, tuple of ints indices, int dim = 0)",
    "(Tensor input, Tensor tensor_indices_or_sections, int dim = 0)",
    "(Tensor input, int sections, int dim = 0)",
)
_ALONG = ("(Tensor input, int sections)", "(Tensor input, tuple of ints indices)")


def _function_and_method(texts):
    """The function's overloads and the method's (the same without `Tensor input`)."""
    methods = tuple("(" + t.removeprefix("(Tensor input").removeprefix(", ") for t in texts)
    return signatures(*texts, unsized=("indices",)), signatures(*methods, unsized=("indices",))


_TENSOR_SPLIT_FUNCTION, _TENSOR_SPLIT_METHOD = _function_and_method(_TENSOR_SPLIT)
_ALONG_FUNCTION, _ALONG_METHOD = _function_and_method(_ALONG)


def _split_argument(values):
    """The sections (an int), indices (a tuple) or tensor the parser matched."""
    for name in ("sections", "indices", "tensor_indices_or_sections"):
        if name in values:
            return values[name]
    raise AssertionError(values)


def tensor_split(*args, **kwargs):
    _, v = parse("tensor_split", _TENSOR_SPLIT_FUNCTION, args, kwargs)
    return _tensor_split(v["input"], _split_argument(v), v["dim"])


def _tensor_split_method(self, *args, **kwargs):
    _, v = parse("tensor_split", _TENSOR_SPLIT_METHOD, args, kwargs)
    return _tensor_split(self, _split_argument(v), v["dim"])


def _tensor_split(input, indices_or_sections, dim):
    """Sections (n pieces, the first size % n one longer) or split indices; each piece is a slice."""
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
        indices_or_sections = int(data) if data.ndim == 0 else tuple(int(v) for v in data)
    shape = input._data.shape
    if not shape:
        raise RuntimeError(
            "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims"
        )
    wrapped = wrap_dim(dim, len(shape))
    size = shape[wrapped]
    if isinstance(indices_or_sections, int):
        sections = indices_or_sections
        if sections <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {sections}")
        small, extra = divmod(size, sections)
        bounds, start = [], 0
        for i in range(sections):
            end = start + small + (1 if i < extra else 0)
            bounds.append((start, end))
            start = end
    else:
        starts = [0, *indices_or_sections]
        ends = [*indices_or_sections, size]
        bounds = list(zip(starts, ends))
    return tuple(slice_dim(input, wrapped, start, max(start, end), 1) for start, end in bounds)


def _split_along(fn, input, sections, need, dim_of):
    """hsplit/vsplit/dsplit: tensor_split along dim_of(ndim), after torch's checks."""
    ndim = input._data.ndim
    if ndim < need:
        raise RuntimeError(
            f"torch.{fn} requires a tensor with at least {need} dimension, but got a tensor with "
            f"{ndim} dimensions!"
        )
    dim = dim_of(ndim)
    if isinstance(sections, int):
        size = input._data.shape[dim]
        if sections == 0 or size % sections:
            raise RuntimeError(
                f"torch.{fn} attempted to split along dimension {dim}, but the size of the dimension {size} "
                f"is not divisible by the split_size {sections}!"
            )
    return _tensor_split(input, sections, dim)


def _along(fn, need, dim_of):
    """The function and the method of one of hsplit/vsplit/dsplit."""

    def function(*args, **kwargs):
        _, v = parse(fn, _ALONG_FUNCTION, args, kwargs)
        return _split_along(fn, v["input"], _split_argument(v), need, dim_of)

    def method(self, *args, **kwargs):
        _, v = parse(fn, _ALONG_METHOD, args, kwargs)
        return _split_along(fn, self, _split_argument(v), need, dim_of)

    function.__name__ = method.__name__ = fn
    return function, method


hsplit, _hsplit_method = _along("hsplit", 1, lambda ndim: 1 if ndim > 1 else 0)
vsplit, _vsplit_method = _along("vsplit", 2, lambda ndim: 0)
dsplit, _dsplit_method = _along("dsplit", 3, lambda ndim: 2)


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
    tensor_split=_tensor_split_method,
    hsplit=_hsplit_method,
    vsplit=_vsplit_method,
    dsplit=_dsplit_method,
)
