"""The memory layout of an elementwise result, as torch's TensorIterator picks it.

torch orders the result's dims by the operands' strides, asking the operands in order and letting
the first one with a strict preference decide (reorder_dimensions); numpy's order="K" does the same
while the operands agree but falls back to C order when they do not. So `x.t() + y` is laid out like
`x.t()` in torch (and `.view(-1)` of it fails) but contiguous in numpy. `agree_on_layout` hands
numpy operands that leave it no choice but torch's.
"""

import numpy as np


def _broadcast_strides(x, shape):
    """x's byte strides against the result's shape: 0 for a broadcast or missing dim."""
    offset = len(shape) - x.ndim
    strides = [0] * offset
    for i, (size, stride) in enumerate(zip(x.shape, x.strides)):
        strides.append(0 if size == 1 and shape[offset + i] != 1 else stride)
    return strides


def torch_dim_order(shape, arrays):
    """The result's dims from fastest to slowest varying, as torch's reorder_dimensions sorts them."""
    strides = [_broadcast_strides(x, shape) for x in arrays]

    def should_swap(dim0, dim1):  # 1: dim0 goes after dim1, -1: before, 0: no operand decides
        for st in strides:
            s0, s1 = st[dim0], st[dim1]
            if s0 == 0 or s1 == 0:
                continue
            if s0 != s1:
                return 1 if s0 > s1 else -1
            if shape[dim0] > shape[dim1]:
                return 1
        return 0

    order = list(range(len(shape) - 1, -1, -1))
    for i in range(1, len(shape)):  # an insertion sort that stops at the first decided comparison
        dim1 = i
        for dim0 in range(i - 1, -1, -1):
            comparison = should_swap(order[dim0], order[dim1])
            if comparison > 0:
                order[dim0], order[dim1] = order[dim1], order[dim0]
                dim1 = dim0
            elif comparison < 0:
                break
    return order


def _laid_out(x, order, shape, dtype=None):
    """x broadcast to `shape` and copied (cast to dtype) so that its dims vary in `order`."""
    slowest_first = order[::-1]
    dtype = x.dtype if dtype is None else dtype
    out = np.empty([shape[d] for d in slowest_first], dtype=dtype).transpose(np.argsort(slowest_first))
    out[...] = x
    return out


def _follows(x, order, shape):
    """Whether x's non-broadcast dims already vary in `order`'s sequence."""
    strides = _broadcast_strides(x, shape)
    kept = [strides[d] for d in order if strides[d] != 0 and shape[d] != 1]
    return all(a <= b for a, b in zip(kept, kept[1:]))


def agree_on_layout(a, b):
    """(a, b) such that numpy lays out their elementwise result as torch would.

    Where both operands follow torch's order and it is C order, numpy already agrees. Otherwise a is
    broadcast into a full copy in torch's order (so it alone decides every dim, with no ties for numpy
    to break its own way) and b, if it disagrees, is copied too. Only non-contiguous operands pay."""
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.ndim + b.ndim < 3:
        return a, b
    if a.flags.c_contiguous and b.flags.c_contiguous and (a.shape == b.shape or 1 not in a.shape + b.shape):
        # C order in, C order out, in both; but when shapes differ torch also sorts size-1 dims by
        # their (arbitrary) strides, so those take the long way
        return a, b
    shape = np.broadcast_shapes(a.shape, b.shape)
    order = torch_dim_order(shape, (a, b))
    b_follows = _follows(b, order, shape)
    if b_follows and _follows(a, order, shape) and order == list(range(len(shape) - 1, -1, -1)):
        return a, b
    return _laid_out(a, order, shape), b if b_follows else _laid_out(b, order, shape)


def in_torch_layout(result, arrays):
    """A copy of `result` laid out as torch lays out an elementwise op of `arrays`."""
    return _laid_out(result, torch_dim_order(result.shape, arrays), result.shape)


def preserving_copy(x, dtype=None):
    """A copy in torch's preserve_format (clone, to): dense, with x's dims in x's stride order (torch's
    infer_dense_strides sorts them as reorder_dimensions does; numpy's order="K" breaks ties otherwise)."""
    if x.flags.c_contiguous:
        return x.astype(x.dtype if dtype is None else dtype, copy=True)
    return _laid_out(x, torch_dim_order(x.shape, (x,)), x.shape, dtype)


def c_order(x):
    """x, or a C-order copy of it: torch allocates reduction, cat and stack results contiguous."""
    return x if x.flags.c_contiguous else x.copy(order="C")


def is_dense(x):
    """Whether x's elements fill a block of memory with no gaps or overlaps, in some dim order (torch's
    is_non_overlapping_and_dense)."""
    flags = x.flags
    if flags.c_contiguous or flags.f_contiguous:
        return True
    expected = x.itemsize
    for stride, size in sorted((s, n) for n, s in zip(x.shape, x.strides) if n != 1):
        if stride != expected:
            return False
        expected *= size
    return True
