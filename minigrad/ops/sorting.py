"""sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique, and the searches in sorted
sequences, searchsorted and bucketize (integer results, no autograd). Forwards only: the autograd stories
are rows in derivatives/sorting.py.

Order as torch's CPU kernels: NaN counts as larger than every number, ties keep their order (torch's CPU sort
is stable whether or not `stable=True` is asked for; descending order keeps the tied elements' order too).
A median of an even count is the lower of the two middle values; a NaN in a row makes its median NaN (the
first NaN's index), nanmedian skips NaNs. mode picks the most frequent value, the smallest of equally
frequent ones, and the index of its last occurrence. unique sorts whether or not asked to (as torch's CPU
kernel), keeps every NaN apart and the first of equal values (-0.0 before 0.0).

Where torch's kernels choose among tied values by quickselect (topk, kthvalue, median along a dim), the index
minigrad returns for a tie may differ from torch's: values agree, and so does every gradient without ties.
"""

import numpy as np

from .._core.layout import c_order
from ..derivatives import at
from ..derivatives import sorting as rows
from . import make_output, register_methods, tensor_arg
from .reductions import return_type, saved_dim
from .signatures import check_out, parse, signatures, write_out
from .views import wrap_dim

return_types = {
    name: return_type(name) for name in ("sort", "topk", "kthvalue", "median", "nanmedian", "mode")
}


# ---- the order of elements along an axis -------------------------------------------------------------------
def _order(data, axis, descending):
    """The stable permutation sorting `data` along `axis`: NaN last (first when descending)."""
    if data.dtype.kind == "f":
        nan = np.isnan(data)
        key = np.where(nan, 0, data)
        key, last = (-key, ~nan) if descending else (key, nan)
    else:
        key, last = (~data if descending else data), None
    order = np.argsort(key, axis=axis, kind="stable")
    if last is not None and last.any():  # then NaNs to their end, keeping the numbers' order
        order = np.take_along_axis(
            order, np.argsort(np.take_along_axis(last, order, axis), axis, kind="stable"), axis
        )
    return order


def _sorted(data, axis, descending):
    """(values, indices) of `data` sorted along `axis` (a 0-d tensor is its own sort)."""
    if data.ndim == 0:
        return data.copy(), np.zeros((), np.int64)
    order = _order(data, axis, descending)
    return np.take_along_axis(data, order, axis), order.astype(np.int64)


def _outputs(name, values, indices, out):
    values, indices = c_order(values), c_order(indices)
    if out is None:
        return values, indices
    if len(out) != 2:
        raise RuntimeError(f"{name}(): expected out to be a tuple of 2 tensors")  # checked before by torch
    return return_types[name](write_out(out[0], values, exact=True), write_out(out[1], indices, exact=True))


def _refuse_bool(kernel, input):
    """torch's kernels that select by value refuse bools (sort, argsort and mode take them)."""
    if input._data.dtype != np.bool_:
        return
    if kernel == "topk":
        raise RuntimeError("topk does not support bool dtypes on CPU")
    raise NotImplementedError(f"\"{kernel}\" not implemented for 'Bool'")


# ---- sort / argsort / msort --------------------------------------------------------------------------------
_SORT_FUNCTION = signatures(
    "(Tensor input, *, bool stable, int dim = -1, bool descending = False, tuple of Tensors out = None)",
    "(Tensor input, int dim = -1, bool descending = False, *, tuple of Tensors out = None)",
)
_SORT_METHOD = signatures(
    "(*, bool stable, int dim = -1, bool descending = False)", "(int dim = -1, bool descending = False)"
)
_ARGSORT_FUNCTION = signatures(
    "(Tensor input, *, bool stable, int dim = -1, bool descending = False, Tensor out = None)",
    "(Tensor input, int dim = -1, bool descending = False)",
)


def _sort(input, overload, v, out=None):
    check_out("sort", out, input)
    dim, descending = v["dim"], v["descending"]
    axis = wrap_dim(dim, input._data.ndim)
    values, indices = _sorted(input._data, axis, descending)
    if out is not None:
        return _outputs("sort", values, indices, out)
    values, indices = _outputs("sort", values, indices, None)
    if overload == 0:
        recorded = rows.SORT_STABLE.record(
            (values, indices), input, v["stable"], saved_dim(dim), descending, _dim=dim
        )
    else:
        recorded = rows.SORT.record((values, indices), input, saved_dim(dim), descending, _dim=dim)
    return return_types["sort"](*recorded)


def sort(*args, **kwargs):
    _first_is_tensor("sort", args, kwargs)
    overload, v = parse("sort", _SORT_FUNCTION, args, kwargs)
    return _sort(v["input"], overload, v, v["out"])


def _sort_method(self, *args, **kwargs):
    overload, v = parse("sort", _SORT_METHOD, args, kwargs)
    return _sort(self, overload, v)


def msort(input, *, out=None):
    tensor_arg(input, "msort")
    if out is None:
        return sort(input, 0)[0]
    check_out("msort", out, input)
    values, _ = _sorted(input._data, wrap_dim(0, input._data.ndim), False)
    return write_out(out, values, exact=True)


def _msort_method(self, *args, **kwargs):
    if args or kwargs:
        raise TypeError(f"TensorBase.msort() takes no arguments ({len(args) + len(kwargs)} given)")
    return msort(self)


def _argsort(input, v, out=None):
    check_out("argsort", out, input)
    axis = wrap_dim(v["dim"], input._data.ndim)
    _, indices = _sorted(input._data, axis, v["descending"])
    if out is not None:
        return write_out(out, indices, exact=True)
    return make_output(c_order(indices), None)


def argsort(*args, **kwargs):
    _first_is_tensor("argsort", args, kwargs)
    _, v = parse("argsort", _ARGSORT_FUNCTION, args, kwargs)
    return _argsort(v["input"], v, v.get("out"))


def _argsort_method(self, *args, **kwargs):
    _, v = parse("argsort", _SORT_METHOD, args, kwargs)
    return _argsort(self, v)


def _first_is_tensor(name, args, kwargs):
    """torch names a non-tensor input before it looks at the overloads."""
    tensor_arg(args[0] if args else kwargs.get("input"), name)


# ---- topk --------------------------------------------------------------------------------------------------
_TOPK_FUNCTION = signatures(
    "(Tensor input, int k, int dim = -1, bool largest = True, bool sorted = True, *, "
    "tuple of Tensors out = None)"
)
_TOPK_METHOD = signatures("(int k, int dim = -1, bool largest = True, bool sorted = True)")


def _topk(input, v, out=None):
    _refuse_bool("topk", input)
    k, dim, largest = v["k"], v["dim"], v["largest"]
    data = input._data
    axis = wrap_dim(dim, data.ndim)
    size = data.shape[axis] if data.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")
    check_out("topk", out, input)
    values, indices = _sorted(data, axis, largest)
    if data.ndim:
        values, indices = values.take(range(k), axis), indices.take(range(k), axis)
    if out is not None:
        return _outputs("topk", values, indices, out)
    values, indices = _outputs("topk", values, indices, None)
    recorded = rows.TOPK.record((values, indices), input, k, saved_dim(dim), largest, v["sorted"], _dim=dim)
    return return_types["topk"](*recorded)


def topk(*args, **kwargs):
    _, v = parse("topk", _TOPK_FUNCTION, args, kwargs)
    return _topk(v["input"], v, v["out"])


def _topk_method(self, *args, **kwargs):
    _, v = parse("topk", _TOPK_METHOD, args, kwargs)
    return _topk(self, v)


# ---- one value per row: kthvalue, median(dim), nanmedian(dim), mode ----------------------------------------
def _per_row(name, input, dim, keepdim, pick):
    """(values, indices) of `pick(row) -> index` applied along `dim`, torch's empty-dim error first."""
    data = input._data
    axis = wrap_dim(dim, data.ndim)
    if data.ndim and data.shape[axis] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {axis} to have non-zero size.")
    if data.ndim == 0:
        return data.copy(), np.zeros((), np.int64)
    moved = np.moveaxis(data, axis, -1)
    rows_ = moved.reshape(-1, moved.shape[-1])
    chosen = np.array([pick(row) for row in rows_], np.int64).reshape(moved.shape[:-1])
    indices = np.expand_dims(chosen, axis)
    values = np.take_along_axis(data, indices, axis)
    if not keepdim:
        values, indices = values.squeeze(axis), indices.squeeze(axis)
    return values, indices


def _kth(k):
    return lambda row: int(_order(row, 0, False)[k - 1])


def _median_index(row):
    nan = np.flatnonzero(np.isnan(row)) if row.dtype.kind == "f" else ()
    if len(nan):
        return int(nan[0])
    return int(_order(row, 0, False)[(len(row) - 1) // 2])


def _nanmedian_index(row):
    nan = np.isnan(row) if row.dtype.kind == "f" else np.zeros(row.shape, bool)
    count = len(row) - int(nan.sum())
    if count == 0:
        return 0
    return int(_order(row, 0, False)[(count - 1) // 2])


def _mode_index(row):
    values, counts = np.unique(row, return_counts=True)  # values ascending: the first of the most frequent
    value = values[np.argmax(counts)]
    return int(np.flatnonzero(row == value)[-1]) if value == value else int(np.flatnonzero(row != row)[-1])


def _record_selected(name, row, input, v, values, indices, out, *middle):
    if out is not None:
        return _outputs(name, values, indices, out)
    values, indices = _outputs(name, values, indices, None)
    dim = v["dim"]
    recorded = row.record((values, indices), input, *middle, saved_dim(dim), v["keepdim"], _dim=dim)
    return return_types[name](*recorded)


_KTHVALUE_FUNCTION = signatures(
    "(Tensor input, int k, int dim = -1, bool keepdim = False, *, tuple of Tensors out = None)"
)
_KTHVALUE_METHOD = signatures("(int k, int dim = -1, bool keepdim = False)")


def _kthvalue(input, v, out=None):
    _refuse_bool("kthvalue_cpu", input)
    k, dim = v["k"], v["dim"]
    data = input._data
    axis = wrap_dim(dim, data.ndim)
    size = data.shape[axis] if data.ndim else 1
    if size and not 1 <= k <= size:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {axis}")
    check_out("kthvalue", out, input)
    values, indices = _per_row("kthvalue", input, dim, v["keepdim"], _kth(k))
    return _record_selected("kthvalue", rows.KTHVALUE, input, v, values, indices, out, k)


def kthvalue(*args, **kwargs):
    _, v = parse("kthvalue", _KTHVALUE_FUNCTION, args, kwargs)
    return _kthvalue(v["input"], v, v["out"])


def _kthvalue_method(self, *args, **kwargs):
    _, v = parse("kthvalue", _KTHVALUE_METHOD, args, kwargs)
    return _kthvalue(self, v)


_MODE_FUNCTION = signatures(
    "(Tensor input, int dim = -1, bool keepdim = False, *, tuple of Tensors out = None)"
)
_MODE_METHOD = signatures("(int dim = -1, bool keepdim = False)")


def _mode(input, v, out=None):
    check_out("mode", out, input)
    values, indices = _per_row("mode", input, v["dim"], v["keepdim"], _mode_index)
    return _record_selected("mode", rows.MODE, input, v, values, indices, out)


def mode(*args, **kwargs):
    _, v = parse("mode", _MODE_FUNCTION, args, kwargs)
    return _mode(v["input"], v, v["out"])


def _mode_method(self, *args, **kwargs):
    _, v = parse("mode", _MODE_METHOD, args, kwargs)
    return _mode(self, v)


# ---- median / nanmedian ------------------------------------------------------------------------------------
_MEDIAN_FUNCTION = signatures(
    "(Tensor input)", "(Tensor input, int dim, bool keepdim = False, *, tuple of Tensors out = None)"
)
_MEDIAN_METHOD = signatures("()", "(int dim, bool keepdim = False)")
_MEDIANS = {
    "median": (rows.MEDIAN, rows.MEDIAN_DIM, _median_index),
    "nanmedian": (rows.NANMEDIAN, rows.NANMEDIAN_DIM, _nanmedian_index),
}


def _median(name, input, overload, v, out=None):
    whole, along, pick = _MEDIANS[name]
    _refuse_bool("median_cpu" if overload == 0 else "median_out", input)
    if overload == 0:
        data = input._data
        if data.size == 0:
            value = np.nan if data.dtype.kind == "f" else np.iinfo(data.dtype).min  # torch's empty median
        else:
            flat = data.reshape(-1)
            value = flat[pick(flat)]
        return whole.record(np.array(value, data.dtype), input)
    check_out(name, out, input)
    values, indices = _per_row(name, input, v["dim"], v["keepdim"], pick)
    return _record_selected(name, along, input, v, values, indices, out)


def _median_function(name):
    def function(*args, **kwargs):
        _first_is_tensor(name, args, kwargs)
        overload, v = parse(name, _MEDIAN_FUNCTION, args, kwargs)
        return _median(name, v["input"], overload, v, v.get("out"))

    def method(self, *args, **kwargs):
        overload, v = parse(name, _MEDIAN_METHOD, args, kwargs)
        return _median(name, self, overload, v)

    function.__name__ = name
    return function, method


median, _median_method = _median_function("median")
nanmedian, _nanmedian_method = _median_function("nanmedian")


# ---- searchsorted / bucketize ------------------------------------------------------------------------------
_SEARCHSORTED = signatures(
    "(Tensor sorted_sequence, Tensor input, *, bool out_int32 = False, bool right = False, str side = None, "
    "Tensor sorter = None, Tensor out = None)",
    "(Tensor sorted_sequence, Number self, *, bool out_int32 = False, bool right = False, str side = None, "
    "Tensor sorter = None, Tensor out = None)",
)
_BUCKETIZE = signatures(
    "(Tensor input, Tensor boundaries, *, bool out_int32 = False, bool right = False, Tensor out = None)",
    "(Number self, Tensor boundaries, *, bool out_int32 = False, bool right = False)",
)


def _shape_list(shape):
    return "[" + ", ".join(map(str, shape)) + "]"


def _search(boundaries, values, right, out_int32, out):
    """The insertion points of values in each row of boundaries (NaN counts as the largest value)."""
    kind = "right" if right else "left"
    common = np.result_type(boundaries.dtype, values.dtype)
    boundaries, values = boundaries.astype(common, copy=False), values.astype(common, copy=False)
    if boundaries.ndim == 1:
        result = np.searchsorted(boundaries, values.reshape(-1), kind).reshape(values.shape)
    else:
        rows_ = boundaries.reshape(-1, boundaries.shape[-1])
        wanted = values.reshape(len(rows_), -1)
        result = np.stack([np.searchsorted(b, v, kind) for b, v in zip(rows_, wanted)]).reshape(values.shape)
    result = result.astype(np.int32 if out_int32 else np.int64)
    if out is not None:
        return write_out(out, result, exact=True)
    return make_output(result, None)


def searchsorted(*args, **kwargs):
    overload, v = parse("searchsorted", _SEARCHSORTED, args, kwargs)
    sequence, side, right = v["sorted_sequence"], v["side"], v["right"]
    values = v["input"]._data if overload == 0 else np.asarray(v["self"])
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(f"torch.searchsorted(): side can only be 'left' or 'right' but got {side}")
        if side == "left" and right:
            raise RuntimeError(
                "torch.searchsorted(): side and right can't be set to opposites, got side of left while "
                "right was True"
            )
        right = side == "right"
    boundaries = sequence._data
    if boundaries.ndim == 0:
        raise RuntimeError(
            "torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension"
        )
    if boundaries.ndim > 1 and boundaries.shape[:-1] != values.shape[:-1]:
        raise RuntimeError(
            "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of "
            f"boundaries tensor and input value tensor must match, but we got boundaries tensor "
            f"{_shape_list(boundaries.shape)} and input value tensor {_shape_list(values.shape)}"
        )
    if v["sorter"] is not None:
        boundaries = np.take_along_axis(boundaries, v["sorter"]._data, -1)
    return _search(boundaries, values, right, v["out_int32"], v["out"])


def bucketize(*args, **kwargs):
    overload, v = parse("bucketize", _BUCKETIZE, args, kwargs)
    boundaries = v["boundaries"]._data
    if boundaries.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got dim({boundaries.ndim})")
    values = v["input"]._data if overload == 0 else np.asarray(v["self"])
    return _search(boundaries, values, v["right"], v["out_int32"], v.get("out"))


# ---- torch's FunctionsManual for the medians of all elements -----------------------------------------------
def evenly_distribute_backward(grad, input, value):
    """zeros like input, filled with grad / count where input equals the median (where it is NaN for a NaN
    median): torch's CPU path, a masked_fill_ (MaskedFillBackward1 under create_graph)."""
    data, median_value = input._data, value._data
    mask = np.isnan(data) if np.isnan(median_value) else data == median_value
    mask = make_output(mask, None)
    zeros = make_output(np.zeros(data.shape, data.dtype), None)
    return zeros.masked_fill_(mask, grad / mask.sum())


def evenly_read_jvp(fw_grad, input, value):
    mask = make_output(input._data == value._data, None)
    return (mask * (fw_grad / mask.sum())).sum()


# ---- unique ----------------------------------------------------------------------------------------------
def _groups(keys_equal_previous):
    """(start of each group, group of each sorted position) from `equal to the previous` flags."""
    new = ~keys_equal_previous
    if new.size:
        new[0] = True
    return np.flatnonzero(new), np.cumsum(new) - 1


def _unique_flat(flat):
    order = _order(flat, 0, False)
    ordered = flat[order]
    same = np.zeros(ordered.size, bool)
    same[1:] = ordered[1:] == ordered[:-1]  # (NaN is never equal: every NaN stays apart)
    starts, group = _groups(same)
    return ordered[starts], order, group, starts


def _unique_along(data, axis):
    """unique slices along axis: the slices ordered lexicographically (NaN last), equal neighbours merged."""
    moved = np.moveaxis(data, axis, 0)
    rows_ = moved.reshape(moved.shape[0], -1)
    columns = [rows_[:, j] for j in range(rows_.shape[1])]
    order = np.lexsort(columns[::-1]) if columns else np.arange(rows_.shape[0])
    ordered = rows_[order]
    same = np.zeros(len(order), bool)
    same[1:] = (ordered[1:] == ordered[:-1]).all(axis=1)
    starts, group = _groups(same)
    values = np.moveaxis(moved[order][starts], 0, axis)
    return values, order, group, starts


def _unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    tensor_arg(input, "_unique2" if dim is None else "unique_dim")
    data = input._data
    if dim is None:
        values, order, group, starts = _unique_flat(data.reshape(-1))
        inverse_shape, total = data.shape, data.size
    else:
        axis = wrap_dim(dim, data.ndim)
        empty_dims = [d for d, n in enumerate(data.shape) if n == 0]
        if len(empty_dims) > 1:
            raise RuntimeError(
                "Number of zero sized dimensions is more than one, so unique cannot be applied "
            )
        if empty_dims and empty_dims[0] != axis:
            raise RuntimeError(
                "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied"
            )
        if data.ndim == 0 or data.shape[axis] == 0:
            values, order, group, starts = (
                data.copy(),
                np.zeros(0, np.intp),
                np.zeros(0, np.int64),
                np.zeros(0),
            )
        else:
            values, order, group, starts = _unique_along(data, axis)
        total = len(order)
        inverse_shape = (total,)
    inverse = np.zeros(total, np.int64)
    inverse[order] = group
    counts = np.diff(np.append(starts, total)).astype(np.int64)
    outputs = (c_order(values), inverse.reshape(inverse_shape), counts)
    if dim is None:
        recorded = rows.UNIQUE2.record(outputs, input, sorted, return_inverse, return_counts)
    else:
        recorded = rows.UNIQUE_DIM.record(
            outputs, input, saved_dim(dim), sorted, return_inverse, return_counts
        )
    output, inverse, counts = recorded
    if return_inverse and return_counts:
        return output, inverse, counts
    if return_inverse:
        return output, inverse
    if return_counts:
        return output, counts
    return output


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    return _unique(input, sorted, return_inverse, return_counts, dim)


def _unique_method(self, sorted=True, return_inverse=False, return_counts=False, dim=None):
    return _unique(self, sorted, return_inverse, return_counts, dim)


_unique_method.__qualname__ = "Tensor.unique"  # (a Python method in torch: its TypeErrors name it so)


def not_implemented(name):
    raise NotImplementedError(f"the derivative for '{name}' is not implemented.")


register_methods(
    sort=_sort_method,
    argsort=_argsort_method,
    msort=_msort_method,
    topk=_topk_method,
    kthvalue=_kthvalue_method,
    median=_median_method,
    nanmedian=_nanmedian_method,
    mode=_mode_method,
    unique=_unique_method,
)
at.register(
    evenly_distribute_backward=evenly_distribute_backward,
    evenly_read_jvp=evenly_read_jvp,
    not_implemented=not_implemented,
)
