"""Indexing: `x[key]` and `x[key] = value`, following torch's python_variable_indexing / TensorIndexing.

A key is applied like torch's applySlicing: integers select (SelectBackward0), slices slice (SliceBackward0;
a full `:` inside a tuple is skipped), None and True unsqueeze, Ellipsis skips dims; these are views. Integer
and boolean tensors/lists are gathered at the end by one advanced-index op (IndexBackward0, a copy).
Assignment writes through the same views with copy_/fill_ (CopySlices on the base) or index_put_
(IndexPutBackward0).

Forwards only: the rows (index, index_put, copy_, fill, zero_) are in derivatives/indexing.py.
"""

import numbers
import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import (
    invalid_arguments,
    is_number,
    numpy_scalar_value,
    tensor_arg,
    type_error,
    type_name,
)
from .._core.fp import silent
from .._core.tensor import INTERNAL_OVERLAP, has_internal_overlap
from .._core.warn_once import warn_once
from ..derivatives import at
from ..derivatives import indexing as rows
from . import (
    Tensor,
    broadcast_shapes,
    checked_scalar,
    fills,
    inplace,
    make_output,
    register_methods,
    scalar_as,
    scatters,
)
from . import creation as factories
from .joining import resize_out, write_out
from .views import alias, expand, select, slice_dim, unsqueeze, view

NON_TUPLE_SEQUENCE_WARNING = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in "
    "pytorch 2.9; "
    "use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as tensor index, "
    "x[torch.tensor(seq)], which will result either in an error or a different result (Triggered "
    "internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/python_variable_indexing.cpp:349.)"
)


COMPLEX_TO_REAL = (
    "Casting complex values to real discards the imaginary part (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Copy.cpp:307.)"
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
    _check_index_dtype(data)
    return data


def _check_index_dtype(data):
    """torch's index dtypes: long, int, byte (a mask) or bool; int8, int16 and the wider unsigned ones are
    refused, empty or not."""
    if data.dtype not in (np.int64, np.int32, np.uint8, np.bool_):
        raise IndexError("tensors used as indices must be long, int, byte or bool tensors")


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
    """Turn {dim: array} into a tuple of int64 index arrays / None per dim (masks become their nonzero()),
    with torch's checks of the masks' shapes and of broadcasting; bounds are the kernel's (_out_of_bounds)."""
    shape = t._data.shape
    indices = [None] * (max(advanced) + 1 if advanced else 0)
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
            indices[dim] = array.astype(np.int64)
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


def _gather(input, key, indices):
    """aten::index(input, indices) whose numpy key (one int64 array or None per dim) is already known."""
    return rows.INDEX.record(np.ascontiguousarray(input._data[key]), input, indices)


def index(input, indices):
    """aten::index: `indices` as torch's list (a Tensor or None per leading dim, masks as given)."""
    arrays, _ = _index_put_key(input, indices)
    failure = _out_of_bounds(input._data.shape, arrays)
    if failure is not None:
        raise IndexError(failure[1])
    return _gather(input, _numpy_key(arrays), tuple(indices))


def index_backward(grad, self_sizes, indices):
    """index's gradient: grad summed into zeros at the indices (torch's _index_put_impl_ with
    accumulate=True, which records IndexPutImplBackward0)."""
    zeros = make_output(np.zeros(self_sizes, grad._data.dtype), None)
    return index_put_impl(zeros, indices, grad, accumulate=True)


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
        arrays = _numpy_indices(result, advanced)
        failure = _out_of_bounds(result._data.shape, arrays)
        if failure is not None:
            raise IndexError(failure[1])
        return _gather(result, _numpy_key(arrays), tuple(tensor_indices))
    if result is self:
        return alias(self)
    return result


# ---- assignment --------------------------------------------------------------------------------------------
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
        _check_index_dtype(data)
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


def _element_indices(shape, arrays):
    """Where each element of `shape` indexed by `arrays` (an int array or None per leading dim) comes from:
    one array of the result's shape per dim of `shape`, numpy's (and torch's) advanced-indexing layout."""
    arrays = list(arrays) + [None] * (len(shape) - len(arrays))
    advanced = [d for d, a in enumerate(arrays) if a is not None]
    broadcast = np.broadcast_shapes(*(arrays[d].shape for d in advanced))
    if advanced[-1] - advanced[0] == len(advanced) - 1:  # adjacent: the broadcast dims stay where they are
        before = list(range(advanced[0]))
    else:
        before = []
    after = [d for d in range(len(shape)) if d not in advanced and d not in before]
    result = tuple(shape[d] for d in before) + broadcast + tuple(shape[d] for d in after)
    places = {d: i for i, d in enumerate(before)}
    places.update({d: len(before) + len(broadcast) + i for i, d in enumerate(after)})
    where = []
    for d, array in enumerate(arrays):
        if array is None:
            layout = [1] * len(result)
            layout[places[d]] = shape[d]
            array = np.arange(shape[d]).reshape(layout)
        else:
            array = np.broadcast_to(array, broadcast)
            array = array.reshape((1,) * len(before) + broadcast + (1,) * len(after))
        where.append(np.broadcast_to(array, result))
    return where


def _out_of_bounds(shape, arrays):
    """torch's index kernels check each element's indices as they reach it, in the result's order: the first
    element with one out of bounds, as (its position, torch's message), or None. The dimension torch names
    is the index's place among the indexed dims."""
    indexed = [(d, a) for d, a in enumerate(arrays) if a is not None and a.size]
    if not any(((a < -shape[d]) | (a >= shape[d])).any() for d, a in indexed):
        return None
    where = _element_indices(shape, arrays)
    bad = [(where[d] < -shape[d]) | (where[d] >= shape[d]) for d, _ in indexed]
    position = int(np.flatnonzero(np.logical_or.reduce(bad))[0])
    for place, ((d, _), wrong) in enumerate(zip(indexed, bad)):
        if wrong.reshape(-1)[position]:
            index = int(where[d].reshape(-1)[position])
            return position, f"index {index} is out of bounds for dimension {place} with size {shape[d]}"


def _put(input, indices, values, accumulate, into=None):
    """input's values with `values` written (or added) at `indices`, torch's checks first: a numpy array.
    `into`: the array an in-place index_put_ writes. On an index out of bounds, torch's kernel has written
    the elements before it there (without counting a version): so are they here, and the error raised."""
    arrays, target = _index_put_key(input, indices)
    mask = None if accumulate else _fill_mask(input, indices, values)
    if mask is not None:  # torch's kernel dispatches to masked_fill_ with the value as a Scalar
        out = input._data.copy()
        value = values._data.reshape(()).item()
        with silent():  # a Scalar cast as C casts (a float into an integer dtype truncates)
            out[np.broadcast_to(mask, out.shape)] = checked_scalar(value, out.dtype)
        return out
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
    failure = _out_of_bounds(out.shape, arrays)
    if failure is not None:
        position, message = failure
        if into is not None and position:
            where = tuple(w.reshape(-1)[:position] for w in _element_indices(out.shape, arrays))
            if accumulate:
                np.add.at(into, where, data.reshape(-1)[:position])
            else:
                into[where] = data.reshape(-1)[:position]
        raise IndexError(message)
    key = _numpy_key(arrays)
    out = out.copy()
    if accumulate:
        np.add.at(out, key, data)
    else:
        out[key] = data
    return out


def _fill_mask(input, indices, values):
    """torch's canDispatchToMaskedFill: a one-element value written (not accumulated) at the elements of
    a single mask index (None entries aside) is masked_fill_ of self: the mask, broadcast over the dims
    after it, or None when the write is not that."""
    if values._data.size != 1:
        return None
    mask = None
    for index in indices:
        if index is None:
            continue
        if index._data.dtype not in (np.bool_, np.uint8) or mask is not None:
            return None
        mask = index._data
    if mask is None:
        return None
    if mask.dtype != np.bool_:
        raise RuntimeError("masked_fill_ only supports boolean masks, but got mask with dtype unsigned char")
    leading = next(i for i, index in enumerate(indices) if index is not None)
    trailing = input._data.ndim - leading - mask.ndim
    return mask.reshape((1,) * leading + mask.shape + (1,) * trailing)


@scatters
def _index_put(input, indices, values, accumulate=False, into=None):
    indices = tuple(indices)
    out = _put(input, indices, values, accumulate, into)
    return rows.INDEX_PUT.record(out, input, indices, values, accumulate, _values_shape=values._data.shape)


def index_put_impl(input, indices, values, accumulate=False, unsafe=True):
    """aten::_index_put_impl_ as the formulas use it: on a tensor nothing else sees, so out of place."""
    indices = tuple(indices)
    out = _put(input, indices, values, accumulate)
    return rows.INDEX_PUT_IMPL.record(
        out, input, indices, values, accumulate, unsafe, _values_shape=values._data.shape
    )


def index_put_self_backward(grad, accumulate, indices, values_shape):
    """index_put's gradient for self: all of grad when the values were added, else zero where they were
    written (torch's `grad.index_put(indices, zeros_like(values), false)`)."""
    if accumulate:
        return grad
    return _index_put(grad, indices, make_output(np.zeros(values_shape, grad._data.dtype), None))


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
    return inplace(self, _index_put, tuple(indices), values, accumulate, into=self._data)


def _copy(self, src, non_blocking=False):
    shape = broadcast_shapes(self._data.shape, src._data.shape)
    if shape != self._data.shape:
        raise RuntimeError(
            f"output with shape {_shape_str(self._data.shape)} doesn't match the broadcast shape "
            f"{_shape_str(shape)}"
        )
    with silent():  # cast as C casts, silently like torch
        data = np.broadcast_to(src._data.astype(self._data.dtype, copy=False), shape).copy()
    return rows.COPY_.record(data, self, src, non_blocking)


def _number_source(self, value):
    """copy_'s number, which torch takes as a 0-d tensor (numpy scalars read as its parser reads them). An
    int beyond int64 makes torch a uint64 tensor, which minigrad has not: its value cast to self's dtype
    stands for it. A complex one leaves its real part, with torch's warning."""
    if isinstance(value, np.generic) and not isinstance(value, np.complexfloating):
        value = numpy_scalar_value(value)
    if isinstance(value, complex | np.complexfloating):
        warn_once(COMPLEX_TO_REAL, stacklevel=3)
        value = bool(value) if self._data.dtype == np.bool_ else float(value.real)
    if type(value) is int and not -(2**63) <= value < 2**63:
        if not 0 <= value < 2**64:
            raise OverflowError(
                "int too big to convert" if value > 0 else "can't convert negative int to unsigned"
            )
        return make_output(np.array(scalar_as(self._data.dtype, value)), None)
    return make_output(np.array(value), None)


def copy_(self, src, non_blocking=False):
    if not isinstance(src, Tensor):
        if not is_number(src):  # torch takes a Python number as a 0-d tensor here
            raise type_error("copy_", "other", 1, "Tensor", src)
        src = _number_source(self, src)
    return inplace(self, _copy, src, non_blocking)


@fills
def _zero(self):
    return rows.ZERO_.record(np.zeros_like(self._data), self)


FILL_OVERLOADS = ("(Tensor input, Tensor value)", "(Tensor input, Number value)")


def _filled(self, value, fn):
    """self's shape and layout, every element `value` (a number or a 0-d tensor) in self's dtype."""
    data = np.empty_like(self._data)
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(
                "fill_ only supports 0-dimension value tensor but got tensor with "
                f"{value._data.ndim} dimensions."
            )
        with silent():  # cast as C casts, silently like torch
            data[...] = value._data.astype(self._data.dtype)
        return data
    if not isinstance(value, (numbers.Number, np.generic)):
        if fn == "fill_":
            raise invalid_arguments(fn, (value,), {}, ("(Tensor value)", "(Number value)"))
        raise invalid_arguments(fn, (self, value), {}, FILL_OVERLOADS)
    data[...] = checked_scalar(value, self._data.dtype)
    return data


def fill(input, value):
    """torch.fill: a new tensor like input, every element `value` (a number or a 0-d tensor)."""
    if not isinstance(input, Tensor):
        raise invalid_arguments("fill", (input, value), {}, FILL_OVERLOADS)
    data = _filled(input, value, "fill")
    if isinstance(value, Tensor):
        return rows.FILL_TENSOR.record(data, input, value)
    return rows.FILL.record(data, input, value)


@fills
def _fill(self, value):
    data = _filled(self, value, "fill_")
    if isinstance(value, Tensor):
        return rows.FILL_TENSOR_.record(data, self, value)
    return rows.FILL_.record(data, self, value)


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


def _assigned(self, value):
    """torch's valueToTensor for `x[key] = value`: a Tensor as it is; a Python int (or numpy integer, read as
    an int64), float or complex as a 0-d tensor of x's dtype, with torch's overflow check (for a float16
    tensor, a double's: it takes inf); anything else (numpy floats and bools among them) is torch's
    TypeError."""
    dtype = self._data.dtype
    if isinstance(value, int | np.integer):
        value = int(value)
        if not -(2**63) <= value < 2**63:
            raise ValueError("Overflow when unpacking long long")
    elif not isinstance(value, float | complex):
        raise TypeError(f"can't assign a {type_name(value)} to a torch.{self.dtype._legacy}")
    if dtype == np.float16:  # torch converts to a double, then to half without a check
        value = checked_scalar(value, np.float64)
        with silent():
            return make_output(np.array(value, dtype), None)
    return make_output(np.array(checked_scalar(value, dtype)), None)


def setitem(self, key, value):
    if not isinstance(value, Tensor):
        value = _assigned(self, value)
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
    inplace(sliced, _index_put, tuple(tensor_indices), value, into=sliced._data)


# ---- nonzero, argwhere: where the nonzero elements are (int64 indices, never part of a graph) -------------
def _nonzero_indices(input, fn):
    tensor_arg(input, fn, "input", 1)
    return np.argwhere(input._data)  # (count, ndim); NaN counts as nonzero, -0.0 does not


def nonzero(input, *, out=None, as_tuple=False):
    """torch.nonzero: the indices of the nonzero elements, one row each; with as_tuple, one 1-D tensor of
    them per dim (one for a 0-d input)."""
    indices = _nonzero_indices(input, "nonzero")
    if type(as_tuple) is not bool:
        raise type_error("nonzero", "as_tuple", None, "bool", as_tuple)
    if as_tuple:
        if out is not None:
            raise RuntimeError("nonzero does not support the out kwarg when as_tuple is True")
        columns = indices.T if input._data.ndim else np.zeros((1, indices.shape[0]), np.int64)
        return tuple(make_output(np.ascontiguousarray(c, np.int64), None) for c in columns)
    if out is None:
        return make_output(indices.astype(np.int64), None)
    if not isinstance(out, Tensor):
        raise type_error("nonzero", "out", None, "Tensor", out)
    if out._data.dtype != np.int64:
        raise RuntimeError(
            "nonzero: Expected out tensor to have scalar type Long but got scalar type"
            f"{_type_name(out._data.dtype)}"
        )
    resize_out(out, indices.shape)
    return write_out(out, indices, ())


def _nonzero_method(self, *args, as_tuple=False):
    if args:  # torch's own count of the method's positional arguments
        raise TypeError(f"nonzero() takes from 1 to 0 positional arguments but {len(args)} were given")
    return nonzero(self, as_tuple=as_tuple)


def argwhere(input):
    """torch.argwhere: nonzero's indices, one row per nonzero element."""
    return make_output(_nonzero_indices(input, "argwhere").astype(np.int64), None)


at.register(
    index=index,
    index_backward=index_backward,
    index_put=_index_put,
    index_put_impl=index_put_impl,
    index_put_self_backward=index_put_self_backward,
    fill=fill,
)

register_methods(
    __getitem__=getitem,
    __setitem__=setitem,
    index_put=index_put,
    index_put_=index_put_,
    copy_=copy_,
    zero_=zero_,
    fill_=fill_,
    nonzero=_nonzero_method,
    argwhere=argwhere,
)
