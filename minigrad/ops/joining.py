"""Joining: cat (concatenate, concat) and stack. Backward slices the gradient back into the pieces."""

import numpy as np

from .._core.arguments import int_arg, type_name
from .._core.dtypes import promote_types
from .._core.layout import c_order
from . import Node, Tensor, make_node, make_output
from .views import select, slice_dim, wrap_dim


def _tensor_list(tensors, fn_name):
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(
            f"{fn_name}(): argument 'tensors' (position 1) must be tuple of Tensors, not {type_name(tensors)}"
        )
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type_name(t)}")
    return list(tensors)


def _result_dtype(tensors):
    dtype = None
    for t in tensors:
        dtype = promote_types(dtype, t._data.dtype)
    return dtype


def _saved_dim(dim):
    """torch stores the dim as given, and shows a negative one as its uint64 wrap-around."""
    return dim if dim >= 0 else 2**64 + dim


def _legacy_empty(t):
    return t._data.shape == (0,)


class CatBackward0(Node):
    # _pieces: (start, size) along _dim per input, None for a skipped 1-D empty tensor
    __slots__ = ("saved_dim", "_dim", "_pieces")

    def backward(self, grad):
        grads = []
        for i, piece in enumerate(self._pieces):
            if not self.needs_input_grad(i):
                grads.append(None)
            elif piece is None:
                grads.append(make_output(np.zeros((0,), grad._data.dtype), None))
            else:
                start, size = piece
                grads.append(slice_dim(grad, self._dim, start, start + size, 1))
        return tuple(grads)


def cat(tensors, dim=0, *, out=None):
    tensors = _tensor_list(tensors, "cat")
    if type(dim) is not int:
        dim = int_arg(dim, "cat", "dim", 2)
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    # legacy rule: 1-D empty tensors are skipped whatever their shape
    used = [t for t in tensors if not _legacy_empty(t)]
    reference = used[0] if used else tensors[0]
    ndim = reference._data.ndim
    for i, t in enumerate(tensors):
        if t._data.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be concatenated")
    d = wrap_dim(dim, ndim) if used else 0  # only 1-D empty tensors: torch never looks at dim
    ref_shape = reference._data.shape
    for i, t in enumerate(tensors):
        if used and _legacy_empty(t):
            continue
        shape = t._data.shape
        if len(shape) != ndim:
            raise RuntimeError(f"Tensors must have same number of dimensions: got {ndim} and {len(shape)}")
        for k in range(ndim):
            if k != d and shape[k] != ref_shape[k]:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size "
                    f"{ref_shape[k]} but got "
                    f"size {shape[k]} for tensor number {i} in the list."
                )
    dtype = _result_dtype(tensors)
    arrays = [t._data.astype(dtype, copy=False) for t in (used or tensors[:1])]
    node = make_node(CatBackward0, *tensors)
    if node is not None:
        node.saved_dim, node._dim = _saved_dim(dim), d
        pieces, start = [], 0
        for t in tensors:
            if used and _legacy_empty(t):
                pieces.append(None)
                continue
            pieces.append((start, t._data.shape[d]))
            start += t._data.shape[d]
        node._pieces = pieces
    return make_output(c_order(np.concatenate(arrays, axis=d)), node)


class StackBackward0(Node):
    __slots__ = ("saved_dim", "_dim")

    def backward(self, grad):
        return tuple(
            select(grad, self._dim, i) if self.needs_input_grad(i) else None
            for i in range(len(self.next_functions))
        )


def stack(tensors, dim=0, *, out=None):
    tensors = _tensor_list(tensors, "stack")
    if type(dim) is not int:
        dim = int_arg(dim, "stack", "dim", 2)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    shape = tensors[0]._data.shape
    d = wrap_dim(dim, len(shape) + 1)
    for i, t in enumerate(tensors):
        if t._data.shape != shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(shape)} at entry 0 and "
                f"{list(t._data.shape)} at entry {i}"
            )
    dtype = _result_dtype(tensors)
    node = make_node(StackBackward0, *tensors)
    if node is not None:
        node.saved_dim, node._dim = _saved_dim(dim), d
    return make_output(c_order(np.stack([t._data.astype(dtype, copy=False) for t in tensors], axis=d)), node)


concatenate = concat = cat
