"""Indexing: `x[key]` and `x[key] = value`, following torch's python_variable_indexing / TensorIndexing.

A key is applied like torch's applySlicing: integers select (SelectBackward0), slices slice (SliceBackward0;
a full `:` inside a tuple is skipped), None and True unsqueeze, Ellipsis skips dims; these are views. Integer
and boolean tensors/lists are gathered at the end by one advanced-index op (IndexBackward0, a copy).
Assignment writes through the same views with copy_/fill_ (CopySlices on the base) or index_put_
(IndexPutBackward0).
"""

import numbers
import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import is_number, tensor_arg, type_error, type_name
from .._core.tensor import INTERNAL_OVERLAP, has_internal_overlap
from . import (
    Node,
    SavedTensor,
    Tensor,
    broadcast_shapes,
    checked_scalar,
    fills,
    inplace,
    make_node,
    make_output,
    register_methods,
    scatters,
)
from . import creation as factories
from .reductions import sum as sum_all
from .views import alias, expand, select, slice_dim, unsqueeze, view

NON_TUPLE_SEQUENCE_WARNING = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in "
    "pytorch 2.9; "
    "use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as tensor index, "
    "x[torch.tensor(seq)], which will result either in an error or a different result (Triggered "
    "internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/python_variable_indexing.cpp:349.)"
)


def _type_name(numpy_dtype):
    return _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(numpy_dtype)]


def _shape_str(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


def _is_int(item):
    return isinstance(item, (numbers.Integral, np.integer)) and not isinstance(item, (bool, np.bool_))


SEQUENCES = (list, tuple, range, np.ndarray, str, bytes)  # what torch's PySequence_Check accepts


def _index_array(item):
    """An integer/boolean index (Tensor or sequence) as a numpy array; None if item is not one."""
    if isinstance(item, Tensor):
        data = item._data
    elif isinstance(item, np.ndarray):
        data = item
    elif isinstance(item, SEQUENCES):
        # torch infers the data's type (its errors, e.g. for a string), then builds a bool index,
        # or a long one whatever the data holds: [1.5] picks row 1
        as_bool = factories.infer_dtype(item) == np.bool_
        data = factories.tensor(item, dtype=_dtype.bool if as_bool else _dtype.int64)._data
    else:
        return None
    if data.dtype.kind not in "iub":
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
    return data


def _normalize_key(key):
    """The key as a tuple of items (torch's wrapTuple/treatSequenceAsTuple, numpy's heuristic: a short
    list or string whose items include a sequence, slice, tensor, None or Ellipsis is a tuple)."""
    if isinstance(key, tuple):
        return key
    if (
        isinstance(key, list | str | bytes)
        and len(key) < 32
        and any(isinstance(i, (*SEQUENCES, slice, Tensor)) or i is None or i is Ellipsis for i in key)
    ):
        warnings.warn(NON_TUPLE_SEQUENCE_WARNING, UserWarning, stacklevel=3)
        return tuple(key)
    return (key,)


def _consumed_dims(item):
    if item is None or item is Ellipsis or isinstance(item, (bool, np.bool_)):
        return 0
    if isinstance(item, Tensor) and (item._data.dtype == np.bool_ or item._data.dtype == np.uint8):
        return item._data.ndim  # a mask covers as many dims as it has (0 for a 0-d bool)
    return 1


def _select_checked(t, dim, index, real_dim):
    if not t._data.ndim and index != 0:  # torch's select sees a dim of size 0
        raise IndexError(f"index {index} is out of bounds for dimension 0 with size 0")
    if not t._data.ndim:
        raise IndexError(
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to "
            "convert a 0-dim tensor to a number"
        )
    size = t._data.shape[dim]
    if not -size <= index < size:
        raise IndexError(f"index {index} is out of bounds for dimension {real_dim} with size {size}")
    return select(t, dim, index)


def apply_slicing(self, items, keep_full_slices, tensor_indices=None):
    """Apply the basic items of a key as views. Returns (result, {result dim: numpy index array}).

    tensor_indices, a list, receives torch's index list for aten::index/index_put_: one entry per index
    tensor (a mask counts once, kept as given), None for the dims before it. The nodes save these.
    """
    ndim = self._data.ndim
    consumed = sum(_consumed_dims(i) for i in items)
    if consumed > ndim:
        raise IndexError(f"too many indices for tensor of dimension {ndim}")
    result, dim, real_dim = self, 0, 0
    mask_extra_dims = 0  # torch counts a k-dim mask as one index: its list position lags `dim` by this
    advanced = {}
    for item in items:
        if isinstance(item, Tensor) and item._data.ndim == 0 and item._data.dtype.kind in "iu":
            if item._data.dtype != np.uint8:
                item = int(item._data)
        if _is_int(item):
            result = _select_checked(result, dim, int(item), real_dim)
            real_dim += 1
        elif isinstance(item, slice):
            step = 1 if item.step is None else int(item.step)
            # torch skips slices that keep everything, judged on the raw (unwrapped) start and stop
            start = 0 if item.start is None else int(item.start)
            stop = item.stop is None or int(item.stop) >= result._data.shape[dim]
            full = step == 1 and start == 0 and stop
            if keep_full_slices or not full:
                result = slice_dim(result, dim, item.start, item.stop, step)
            dim += 1
            real_dim += 1
        elif item is None:
            result = unsqueeze(result, dim)
            dim += 1
        elif item is Ellipsis:
            skip = ndim - consumed
            dim += skip
            real_dim += skip
            consumed = ndim  # a second Ellipsis skips nothing
        elif isinstance(item, (bool, np.bool_)) or (
            isinstance(item, Tensor) and item._data.ndim == 0 and item._data.dtype == np.bool_
        ):
            result = unsqueeze(result, dim)
            advanced[dim] = np.array([bool(item._data if isinstance(item, Tensor) else item)])
            _record_index(tensor_indices, dim - mask_extra_dims, np.nonzero(advanced[dim])[0])
            dim += 1
        else:
            array = _index_array(item)
            if array is None:
                raise IndexError(
                    "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                    "are valid "
                    f"indices (got {type(item).__name__})"
                )
            advanced[dim] = array
            _record_index(tensor_indices, dim - mask_extra_dims, item if isinstance(item, Tensor) else array)
            step = array.ndim if array.dtype.kind == "b" or array.dtype == np.uint8 else 1
            mask_extra_dims += step - 1
            dim += step
            real_dim += step
    return result, advanced


def _record_index(tensor_indices, position, index):
    if tensor_indices is not None:
        tensor_indices.extend([None] * (position + 1 - len(tensor_indices)))
        tensor_indices[position] = index if isinstance(index, Tensor) else make_output(index, None)


def _numpy_indices(t, advanced):
    """Turn {dim: array} into a tuple of int64 index arrays / None per dim (masks become their nonzero())."""
    shape = t._data.shape
    indices = [None] * (max(advanced) + 1 if advanced else 0)
    position = 0
    for dim in sorted(advanced):
        array = advanced[dim]
        if array.dtype.kind == "b" or array.dtype == np.uint8:
            array = array.astype(bool)
            for k, n in enumerate(array.shape):
                if dim + k >= len(shape) or shape[dim + k] != n:
                    raise IndexError(
                        f"The shape of the mask {_shape_str(array.shape)} at index {k} does not match "
                        "the shape "
                        f"of the indexed tensor {_shape_str(shape)} at index {dim + k}"
                    )
            for k, nz in enumerate(np.nonzero(array)):
                if dim + k >= len(indices):
                    indices.extend([None] * (dim + k + 1 - len(indices)))
                indices[dim + k] = nz.astype(np.int64)
        else:
            size = shape[dim]
            bad = (array < -size) | (array >= size)
            if bad.any():
                raise IndexError(
                    f"index {int(array[bad].flat[0])} is out of bounds for dimension {position} with "
                    f"size {size}"
                )
            indices[dim] = array.astype(np.int64)
        position += 1
    arrays = [i for i in indices if i is not None]
    try:
        np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(_shape_str(a.shape) for a in arrays)
        raise IndexError(
            f"shape mismatch: indexing tensors could not be broadcast together with shapes {shapes}"
        ) from None
    return tuple(indices)


def _numpy_key(indices):
    return tuple(slice(None) if i is None else i for i in indices)


def _index_tensors(indices):
    return tuple(None if i is None else make_output(i, None) for i in indices)


def _save_indices(indices):
    return tuple(None if i is None else SavedTensor(i) for i in indices)


def _unpack_indices(node, saved):
    return tuple(None if i is None else i.unpack(node) for i in saved)


class _SavesIndices(Node):
    """A node whose `saved_indices` is a tuple of SavedTensors (or None), freed like single ones."""

    __slots__ = ("saved_indices",)

    def release(self):
        super().release()
        for index in self.saved_indices or ():
            if index is not None:
                index.release()


class IndexBackward0(_SavesIndices):
    __slots__ = ("saved_self_sym_sizes",)

    def backward(self, grad):
        # torch: _index_put_impl_(zeros, indices, grad, accumulate=True), recorded as IndexPutImplBackward0
        zeros = make_output(np.zeros(self.saved_self_sym_sizes, grad._data.dtype), None)
        indices = _unpack_indices(self, self.saved_indices)
        return (_index_put(zeros, indices, grad, accumulate=True, node_class=IndexPutImplBackward0),)


def index(input, indices, saved_indices=None):
    """Advanced indexing with a tuple of index Tensors / None per dim (aten::index). The node saves
    `saved_indices` (torch's list of the user's index tensors) when given, else `indices`."""
    key = _numpy_key(tuple(None if i is None else i._data for i in indices))
    node = make_node(IndexBackward0, input)
    if node is not None:
        node.saved_indices = _save_indices(indices if saved_indices is None else saved_indices)
        node.saved_self_sym_sizes = input._data.shape
    return make_output(np.ascontiguousarray(input._data[key]), node)


def _check_zero_dim_key(self, key):
    """torch's errors for a lone int or slice key on a 0-d tensor (inside a tuple it counts the indices)."""
    if _is_int(key):
        _select_checked(self, 0, int(key), 0)
    if isinstance(key, slice):
        raise IndexError("slice() cannot be applied to a 0-dim tensor.")


def getitem(self, key):
    if not self._data.ndim:
        _check_zero_dim_key(self, key)
    items = _normalize_key(key)
    tensor_indices = []
    if not isinstance(key, (tuple, list)) and isinstance(key, slice):
        result, advanced = apply_slicing(self, items, keep_full_slices=True)
    else:
        result, advanced = apply_slicing(self, items, keep_full_slices=False, tensor_indices=tensor_indices)
    if advanced:
        return index(result, _index_tensors(_numpy_indices(result, advanced)), tuple(tensor_indices))
    if result is self:
        return alias(self)
    return result


# ---- assignment --------------------------------------------------------------------------------------------
class IndexPutBackward0(_SavesIndices):
    __slots__ = ("saved_accumulate", "values_shape")

    def backward(self, grad):
        indices = _unpack_indices(self, self.saved_indices)
        grad_self = grad_values = None
        if self.needs_input_grad(0):
            if self.saved_accumulate:
                grad_self = grad
            else:
                zeros = make_output(np.zeros(self.values_shape, grad._data.dtype), None)
                grad_self = _index_put(grad, indices, zeros, accumulate=False)
        if self.needs_input_grad(1):
            grad_values = index(grad, indices)
        return grad_self, grad_values


class IndexPutImplBackward0(IndexPutBackward0):
    __slots__ = ()


def _index_put_key(input, indices):
    """numpy key and result shape for index_put's indices (a Tensor or None per leading dim), with torch's
    checks in torch's order: index dtypes, count, masks, broadcasting. Bounds are checked later."""
    shape = input._data.shape
    arrays = []  # per dim: an int64 array or None
    for index in indices:
        if index is None:
            arrays.append(None)
            continue
        data = index._data
        if data.dtype.kind not in "iub":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        if data.dtype.kind == "b" or data.dtype == np.uint8:
            arrays.extend([data] * max(data.ndim, 1) if data.ndim else [data])
        else:
            arrays.append(data)
    if len(arrays) > len(shape):
        raise IndexError(f"too many indices for tensor of dimension {len(shape)} (got {len(arrays)})")
    dim = 0
    while dim < len(arrays):
        data = arrays[dim]
        if data is not None and (data.dtype.kind == "b" or data.dtype == np.uint8):
            mask = data.astype(bool)
            for k, n in enumerate(mask.shape):
                if shape[dim + k] != n:
                    raise IndexError(
                        f"The shape of the mask {_shape_str(mask.shape)} at index {k} does not match the "
                        f"shape of the indexed tensor {_shape_str(shape)} at index {dim + k}"
                    )
            for k, nonzero in enumerate(np.nonzero(mask)):
                arrays[dim + k] = nonzero
            dim += max(mask.ndim, 1)
        else:
            dim += 1
    advanced = [d for d, a in enumerate(arrays) if a is not None]
    if any(shape[d] == 0 and arrays[d].size for d in advanced):  # torch finds these before any shape check
        raise IndexError("index is out of bounds for dimension with size 0")
    try:
        broadcast = np.broadcast_shapes(*(arrays[d].shape for d in advanced))
    except ValueError:
        shapes = ", ".join(_shape_str(arrays[d].shape) for d in advanced)
        raise IndexError(
            f"shape mismatch: indexing tensors could not be broadcast together with shapes {shapes}"
        ) from None
    rest = [d for d in range(len(shape)) if d not in advanced]
    if advanced and advanced[-1] - advanced[0] == len(advanced) - 1:  # adjacent: the result dims stay there
        target = shape[: advanced[0]] + broadcast + shape[advanced[-1] + 1 :]
    else:
        target = broadcast + tuple(shape[d] for d in rest)
    return arrays, tuple(target)


def _check_bounds(shape, arrays):
    for dim, array in enumerate(arrays):
        if array is None or array.size == 0:
            continue
        size = shape[dim]
        bad = (array < -size) | (array >= size)
        if bad.any():
            raise IndexError(
                f"index {int(array[bad].flat[0])} is out of bounds for dimension {dim} with size {size}"
            )


@scatters
def _index_put(input, indices, values, accumulate=False, node_class=IndexPutBackward0):
    indices = tuple(indices)
    arrays, target = _index_put_key(input, indices)
    data = values._data
    try:
        data = np.broadcast_to(data, target)
    except ValueError:
        raise RuntimeError(
            f"shape mismatch: value tensor of shape {_shape_str(values._data.shape)} cannot be broadcast to "
            f"indexing result of shape {_shape_str(target)}"
        ) from None
    out = input._data
    if values._data.dtype != out.dtype:
        raise RuntimeError(
            "Index put requires the source and destination dtypes match, got "
            f"{_type_name(out.dtype)} for the destination and {_type_name(values._data.dtype)} for "
            "the source."
        )
    _check_bounds(out.shape, arrays)
    key = _numpy_key(arrays)
    out = out.copy()
    if accumulate:
        np.add.at(out, key, data)
    else:
        out[key] = data
    node = make_node(node_class, input, values)
    if node is not None:
        node.saved_indices = _save_indices(indices)
        node.saved_accumulate = accumulate
        node.values_shape = values._data.shape
    return make_output(out, node)


def _index_put_args(fn, indices, values, position):
    """torch's argument checks: `indices` a tuple/list of Tensors (no None), `values` a Tensor."""
    if not isinstance(indices, tuple | list):
        raise type_error(fn, "indices", position, "tuple of Tensors", indices)
    for i, index in enumerate(indices):
        if not isinstance(index, Tensor):
            raise TypeError(
                f"expected Tensor as element {i} in argument {position - 1}, but got {type_name(index)}"
            )
    tensor_arg(values, fn, "values", position + 1)


def index_put(input, indices, values, accumulate=False):
    tensor_arg(input, "index_put")
    _index_put_args("index_put", indices, values, 2)
    return _index_put(input, indices, values, accumulate)


def index_put_(self, indices, values, accumulate=False):
    _index_put_args("index_put_", indices, values, 1)
    return inplace(self, _index_put, tuple(indices), values, accumulate)


class CopyBackwards(Node):
    __slots__ = ()

    def name(self):
        return "torch::autograd::CopyBackwards"

    def backward(self, grad):
        grad_self = grad * 0 if self.needs_input_grad(0) else None
        return grad_self, grad if self.needs_input_grad(1) else None


def _copy(self, src):
    shape = broadcast_shapes(self._data.shape, src._data.shape)
    if shape != self._data.shape:
        raise RuntimeError(
            f"output with shape {_shape_str(self._data.shape)} doesn't match the broadcast shape "
            f"{_shape_str(shape)}"
        )
    data = np.broadcast_to(src._data.astype(self._data.dtype, copy=False), shape).copy()
    return make_output(data, make_node(CopyBackwards, self, src))


def copy_(self, src, non_blocking=False):
    if not isinstance(src, Tensor):
        if not is_number(src):  # torch takes a Python number as a 0-d tensor here
            raise type_error("copy_", "other", 1, "Tensor", src)
        src = make_output(np.array(src), None)
    return inplace(self, _copy, src)


def _zeros_like(grad):
    return make_output(np.zeros_like(grad._data), None)


class ZeroBackward0(Node):
    __slots__ = ()

    def backward(self, grad):
        return (_zeros_like(grad),)


class FillBackward2(Node):
    """fill_(Scalar)."""

    __slots__ = ()

    def backward(self, grad):
        return (_zeros_like(grad),)


class FillBackward3(Node):
    """fill_(Tensor value): the value gets the sum of the gradient."""

    __slots__ = ()

    def backward(self, grad):
        return (
            _zeros_like(grad) if self.needs_input_grad(0) else None,
            sum_all(grad) if self.needs_input_grad(1) else None,
        )


@fills
def _zero(self):
    return make_output(np.zeros_like(self._data), make_node(ZeroBackward0, self))


@fills
def _fill(self, value):
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(
                "fill_ only supports 0-dimension value tensor but got tensor with "
                f"{value._data.ndim} dimensions."
            )
        data = np.full(self._data.shape, value._data.astype(self._data.dtype))
        return make_output(data, make_node(FillBackward3, self, value))
    if not isinstance(value, (numbers.Number, np.generic)):
        raise TypeError(
            "fill_() received an invalid combination of arguments - got "
            f"({type(value).__name__}), but expected one of:\n * (Tensor value)\n * (Number value)\n"
        )
    data = np.full(self._data.shape, checked_scalar(value, self._data.dtype))
    return make_output(data, make_node(FillBackward2, self))


def zero_(self):
    return inplace(self, _zero)


def fill_(self, value):
    return inplace(self, _fill, value)


def _strip_leading_ones(shape):
    i = 0
    while i < len(shape) and shape[i] == 1:
        i += 1
    return shape[i:]


def copy_to(dst, src):
    """torch's copy_to: copy_ for equal shapes, fill_ for a 0-d value, else broadcast (expand) then copy_.
    `x[i] = value` refuses an expanded destination even where fill_ alone would not."""
    if has_internal_overlap(dst._data):
        raise RuntimeError(INTERNAL_OVERLAP)
    if dst._data.shape == src._data.shape:
        copy_(dst, src)
    elif src._data.ndim == 0:
        fill_(dst, src)
    else:
        src = view(src, _strip_leading_ones(src._data.shape))
        if src._data.shape != dst._data.shape:
            src = expand(src, dst._data.shape)
        copy_(dst, src)


def setitem(self, key, value):
    if not isinstance(value, Tensor):
        if not is_number(value):
            raise TypeError(f"can't assign a {type_name(value)} to a torch.{self.dtype._legacy}")
        with np.errstate(over="ignore"):
            value = make_output(np.array(value, dtype=self._data.dtype), None)
    if key is False:
        return
    if not isinstance(key, (tuple, list, Tensor)):
        if not self._data.ndim:
            _check_zero_dim_key(self, key)
        if key is Ellipsis:
            return copy_to(self, value)
        if key is None or key is True:
            return copy_to(unsqueeze(self, 0), value)
        if _is_int(key):
            return copy_to(_select_checked(self, 0, int(key), 0), value)
        if isinstance(key, slice):
            sliced, _ = apply_slicing(
                self, (key,), keep_full_slices=False
            )  # torch writes `x[:]` into x itself
            return copy_to(sliced, value)
    tensor_indices = []
    sliced, advanced = apply_slicing(self, _normalize_key(key), False, tensor_indices)
    if not advanced:
        return copy_to(sliced, value)
    _numpy_indices(sliced, advanced)  # torch's index checks, before the value's
    stripped = _strip_leading_ones(value._data.shape)
    if stripped != value._data.shape:
        value = view(value, stripped)
    inplace(sliced, _index_put, tuple(tensor_indices), value)


register_methods(
    __getitem__=getitem,
    __setitem__=setitem,
    index_put=index_put,
    index_put_=index_put_,
    copy_=copy_,
    zero_=zero_,
    fill_=fill_,
)
