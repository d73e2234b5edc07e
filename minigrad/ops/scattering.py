"""gather, scatter (src, value, reduce=), scatter_add, index_select, index_add, and the in-place scatter_,
scatter_add_, index_add_. Forwards only: their autograd stories are rows in derivatives/scattering.py.

Each checks its arguments in torch's order (the dim, the index's dtype, the dtypes, the shapes, then the
index values, which torch's kernels check as they go) with torch's messages. A 0-d tensor counts as 1-D.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core.graph import not_implemented_node
from .._core.warn_once import warn_once
from ..derivatives import at
from ..derivatives import scattering as rows
from . import Tensor, checked_scalar, inplace, make_output, register_methods, scatters, tensor_arg
from .reductions import saved_dim
from .signatures import check_out, parse, signatures, write_out
from .views import wrap_dim


def _shape_text(shape):
    return "[" + ", ".join(map(str, shape)) + "]"


def _as_1d(array):
    """torch's gather/scatter treat a 0-d tensor as a 1-D one of one element."""
    return array.reshape(1) if array.ndim == 0 else array


def _size(shape, d):
    """torch's ensure_nonempty_size: a 0-d tensor has one element along its one dim."""
    return shape[d] if shape else 1


def _check_index_dtype(name, index):
    if index._data.dtype not in (np.int64, np.int32):
        raise RuntimeError(f"{name}(): Expected dtype int32/int64 for index")


def _check_bounds(index, axis, size):
    """torch's kernels: the first index (in order) outside [0, size) names itself."""
    bad = (index < 0) | (index >= size)
    if bad.any():
        raise RuntimeError(
            f"index {int(index[bad].flat[0])} is out of bounds for dimension {axis} with size {size}"
        )


# ---- gather --------------------------------------------------------------------------------------------
def _gather_checks(input, dim, index):
    tensor_arg(index, "gather", "index", 3)
    axis = wrap_dim(dim, input._data.ndim)
    _check_index_dtype("gather", index)
    shape, index_shape = input._data.shape, index._data.shape
    if index._data.size:
        if max(len(shape), 1) != max(len(index_shape), 1):
            raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
        for d in range(max(len(shape), 1)):
            if d != axis and _size(index_shape, d) > _size(shape, d):
                raise RuntimeError(
                    f"Size does not match at dimension {d} expected index {_shape_text(index_shape)} to be "
                    f"no larger than self {_shape_text(shape)} apart from dimension {axis}"
                )
        _check_bounds(index._data, axis, _size(shape, axis))
    return axis


def _along(index, axis):
    """The numpy key of the elements an index tensor names along axis: index[i][j] stands for element
    [index[i][j]][j] (axis 0), the other coordinates its own (index may be smaller than the tensor)."""
    index = _as_1d(index).astype(np.intp)
    grids = np.indices(index.shape, sparse=True)
    return tuple(index if d == axis else grids[d] for d in range(index.ndim))


def _gathered(data, axis, index):
    if not index.size:
        return np.empty(index.shape, data.dtype)
    return _as_1d(data)[_along(index, axis)].reshape(index.shape)


def gather_unchecked(input, dim, index):
    """input.gather(dim, index) of arguments known to be valid (what formulas call)."""
    value = _gathered(input._data, wrap_dim(dim, input._data.ndim), index._data)
    return rows.GATHER.record(value, input, saved_dim(dim), index, False, _dim=dim)


_GATHER_FUNCTION = signatures(
    "(Tensor input, int dim, Tensor index, *, bool sparse_grad = False, Tensor out = None)"
)
_GATHER_METHOD = signatures("(int dim, Tensor index, *, bool sparse_grad = False)")


def _gather(input, dim, index, sparse_grad, out=None):
    check_out("gather", out, input)
    axis = _gather_checks(input, dim, index)
    value = _gathered(input._data, axis, index._data)
    if out is not None:
        return write_out(out, value, exact=True)
    return rows.GATHER.record(value, input, saved_dim(dim), index, sparse_grad, _dim=dim)


def gather(*args, **kwargs):
    _, v = parse("gather", _GATHER_FUNCTION, args, kwargs)
    return _gather(v["input"], v["dim"], v["index"], v["sparse_grad"], v["out"])


def _gather_method(self, *args, **kwargs):
    _, v = parse("gather", _GATHER_METHOD, args, kwargs)
    return _gather(self, v["dim"], v["index"], v["sparse_grad"])


def gather_backward(grad, self, dim, index):
    """zeros like self with grad added at index (scatter_add_ into zeros: ScatterAddBackward0)."""
    return scatter_add_unchecked(
        make_output(np.zeros(self._data.shape, grad._data.dtype), None), dim, index, grad
    )


# ---- scatter / scatter_add -------------------------------------------------------------------------------
def _scatter_checks(name, input, dim, index, src):
    """torch's scatter_meta checks; src is a Tensor or None (a value)."""
    axis = wrap_dim(dim, input._data.ndim)
    _check_index_dtype(name, index)
    if src is not None and src._data.dtype != input._data.dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    shape, index_shape = input._data.shape, index._data.shape
    if not index._data.size:
        return axis
    if max(len(shape), 1) != max(len(index_shape), 1):
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    wrong = any(d != axis and _size(index_shape, d) > _size(shape, d) for d in range(max(len(shape), 1)))
    if src is None:
        if wrong:
            raise RuntimeError(
                f"Expected index {_shape_text(index_shape)} to be no larger than self {_shape_text(shape)} "
                f"apart from dimension {axis}"
            )
    else:
        src_shape = src._data.shape
        if not wrong:
            for d in range(max(len(shape), 1)):  # (src's size along a dim it lacks: torch's IndexError)
                along = src_shape[wrap_dim(d, len(src_shape))] if src_shape else 1
                if _size(index_shape, d) > along:
                    wrong = True
                    break
        if max(len(src_shape), 1) != max(len(index_shape), 1):
            raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
        if wrong:
            raise RuntimeError(
                f"Expected index {_shape_text(index_shape)} to be no larger than self {_shape_text(shape)} "
                f"apart from dimension {axis} and to be no larger size than src {_shape_text(src_shape)}"
            )
    _check_bounds(index._data, axis, _size(shape, axis))
    return axis


def _scattered(data, axis, index, values, reduce=None):
    """A copy of `data` with values (an array at least index's shape, or a scalar) written at index along
    axis, or added ('add'), or multiplied ('multiply')."""
    out = _as_1d(data).copy()
    if not index.size:
        return out.reshape(data.shape)
    where = _along(index, axis)
    if isinstance(values, np.ndarray):
        values = _as_1d(values)[tuple(slice(0, n) for n in _as_1d(index).shape)].astype(out.dtype, copy=False)
    if reduce is None:
        out[where] = values
    else:
        (np.add if reduce == "add" else np.multiply).at(out, where, values)
    return out.reshape(data.shape)


def scatter_unchecked(input, dim, index, src):
    """input.scatter(dim, index, src) of valid arguments (what formulas call)."""
    value = _scattered(input._data, wrap_dim(dim, input._data.ndim), index._data, src._data)
    return rows.SCATTER.record(value, input, saved_dim(dim), index, src, _dim=dim)


def scatter_value_unchecked(input, dim, index, value):
    scattered = _scattered(input._data, wrap_dim(dim, input._data.ndim), index._data, value)
    return rows.SCATTER_VALUE.record(scattered, input, saved_dim(dim), index, value, _dim=dim)


def scatter_add_unchecked(input, dim, index, src):
    value = _scattered(input._data, wrap_dim(dim, input._data.ndim), index._data, src._data, "add")
    return rows.SCATTER_ADD.record(value, input, saved_dim(dim), index, src, _dim=dim)


_SCATTER_METHOD = signatures(
    "(int dim, Tensor index, Tensor src)",
    "(int dim, Tensor index, Tensor src, *, str reduce)",
    "(int dim, Tensor index, Number value)",
    "(int dim, Tensor index, Number value, *, str reduce)",
)
_SCATTER_FUNCTION = signatures(
    "(Tensor input, int dim, Tensor index, Tensor src, *, Tensor out = None)",
    "(Tensor input, int dim, Tensor index, Tensor src, *, str reduce, Tensor out = None)",
    "(Tensor input, int dim, Tensor index, Number value, *, Tensor out = None)",
    "(Tensor input, int dim, Tensor index, Number value, *, str reduce, Tensor out = None)",
)
_REDUCE_DEPRECATED = (
    "The reduce argument of torch.scatter with Tensor src is deprecated and will be removed in a future "
    "PyTorch release. Use torch.scatter_reduce instead for more reduction options. (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/TensorAdvancedIndexing.cpp:225.)"
)


@scatters
def _scatter(input, dim, index, src=None, value=None, reduce=None, out=None):
    """scatter in all four forms: src a Tensor, or a value; reduce None, 'add' or 'multiply'."""
    check_out("scatter", out, input, src)
    if reduce is not None and src is not None:
        warn_once(_REDUCE_DEPRECATED)
    axis = _scatter_checks("scatter", input, dim, index, src)
    if reduce is not None and reduce not in ("add", "multiply"):
        raise RuntimeError("reduce argument must be either add or multiply.")
    if src is None:
        value = checked_scalar(value, input._data.dtype) if input._data.dtype.kind != "b" else bool(value)
    result = _scattered(input._data, axis, index._data, value if src is None else src._data, reduce)
    if out is not None:
        return write_out(out, result, exact=True)
    if reduce is not None:  # torch has no derivative for these: backward through them raises
        return make_output(result, not_implemented_node("aten::scatter", input, src))
    if src is None:
        return rows.SCATTER_VALUE.record(result, input, saved_dim(dim), index, value, _dim=dim)
    return rows.SCATTER.record(result, input, saved_dim(dim), index, src, _dim=dim)


def _scatter_values(v):
    """(src, value, reduce) of any of scatter's overloads."""
    return v.get("src"), v.get("value"), v.get("reduce")


def scatter(*args, **kwargs):
    _, v = parse("scatter", _SCATTER_FUNCTION, args, kwargs)
    return _scatter(v["input"], v["dim"], v["index"], *_scatter_values(v), v["out"])


def _scatter_method(self, *args, **kwargs):
    _, v = parse("scatter", _SCATTER_METHOD, args, kwargs)
    return _scatter(self, v["dim"], v["index"], *_scatter_values(v))


def scatter_(self, *args, **kwargs):
    _, v = parse("scatter_", _SCATTER_METHOD, args, kwargs)
    return inplace(self, _scatter, v["dim"], v["index"], *_scatter_values(v))


_SCATTER_ADD_FUNCTION = signatures("(Tensor input, int dim, Tensor index, Tensor src, *, Tensor out = None)")
_SCATTER_ADD_METHOD = signatures("(int dim, Tensor index, Tensor src)")


@scatters
def _scatter_add(input, dim, index, src, out=None):
    check_out("scatter_add", out, input, src)
    axis = _scatter_checks("scatter", input, dim, index, src)  # (torch's messages name scatter)
    result = _scattered(input._data, axis, index._data, src._data, "add")
    if out is not None:
        return write_out(out, result, exact=True)
    return rows.SCATTER_ADD.record(result, input, saved_dim(dim), index, src, _dim=dim)


def scatter_add(*args, **kwargs):
    _, v = parse("scatter_add", _SCATTER_ADD_FUNCTION, args, kwargs)
    return _scatter_add(v["input"], v["dim"], v["index"], v["src"], v["out"])


def _scatter_add_method(self, *args, **kwargs):
    _, v = parse("scatter_add", _SCATTER_ADD_METHOD, args, kwargs)
    return _scatter_add(self, v["dim"], v["index"], v["src"])


def scatter_add_(self, *args, **kwargs):
    _, v = parse("scatter_add_", _SCATTER_ADD_METHOD, args, kwargs)
    return inplace(self, _scatter_add, v["dim"], v["index"], v["src"])


# ---- index_select / index_add ----------------------------------------------------------------------------
def _index_vector(name, index, message):
    if index._data.ndim > 1:
        raise IndexError(message)
    return index._data.reshape(-1).astype(np.intp)


def _index_select(input, dim, index, out=None):
    check_out("index_select", out, input)
    data = input._data
    axis = wrap_dim(dim, data.ndim)
    positions = _index_vector("index_select", index, "index_select(): Index is supposed to be a vector")
    if index._data.dtype not in (np.int64, np.int32):
        raise RuntimeError("index_select(): Expected dtype int32 or int64 for index")
    if out is not None and out._data.dtype != data.dtype:
        raise RuntimeError("index_select(): self and result must have the same scalar type")
    if data.ndim == 0 and positions.size != 1:
        raise RuntimeError(
            f"index_select(): Index to scalar can have only 1 value, got {positions.size} value(s)"
        )
    size = _size(data.shape, axis)
    bad = (positions < 0) | (positions >= size)
    if bad.any():
        raise RuntimeError(
            f"INDICES element is out of DATA bounds, id={int(positions[bad][0])} axis_dim={size}"
        )
    value = np.take(_as_1d(data), positions, axis=axis)
    if data.ndim == 0:
        value = value.reshape(())
    if out is not None:
        return write_out(out, value, exact=True)
    return rows.INDEX_SELECT.record(value, input, saved_dim(dim), index, _dim=dim)


def index_select_unchecked(input, dim, index):
    return _index_select(input, dim, index)


_INDEX_SELECT_FUNCTION = signatures("(Tensor input, int dim, Tensor index, *, Tensor out = None)")
_INDEX_SELECT_METHOD = signatures("(int dim, Tensor index)")


def index_select(*args, **kwargs):
    _, v = parse("index_select", _INDEX_SELECT_FUNCTION, args, kwargs)
    return _index_select(v["input"], v["dim"], v["index"], v["out"])


def _index_select_method(self, *args, **kwargs):
    _, v = parse("index_select", _INDEX_SELECT_METHOD, args, kwargs)
    return _index_select(self, v["dim"], v["index"])


def index_select_backward(grad, self_sizes, dim, index):
    """zeros of the input's shape with grad added at index (index_add_ into zeros: IndexAddBackward0)."""
    zeros = make_output(np.zeros(self_sizes, grad._data.dtype), None)
    return index_add_unchecked(zeros, dim, index, grad)


@scatters
def _index_add(input, dim, index, source, alpha=1, out=None):
    check_out("index_add", out, input, source)
    data = input._data
    axis = wrap_dim(dim, data.ndim)
    index_data = index._data
    if index_data.ndim > 1:
        raise IndexError(
            f"index_add_(): Index is supposed to be a vector, but got dim: {index_data.ndim} with type: "
            f"{_dtype.SCALAR_TYPE_NAMES[index.dtype]} and size: {_shape_text(index_data.shape)}"
        )
    if index_data.dtype not in (np.int64, np.int32):
        raise RuntimeError(
            "index_add_(): Expected dtype int32/int64 for index but got: "
            f"{_dtype.SCALAR_TYPE_NAMES[index.dtype]}"
        )
    if source._data.dtype != data.dtype:
        names = _dtype.SCALAR_TYPE_NAMES
        raise RuntimeError(
            f"index_add_(): self ({names[input.dtype]}) and source ({names[source.dtype]}) must have the "
            "same scalar type"
        )
    source_shape = source._data.shape
    along = _size(source_shape, axis) if source_shape else 1
    if index_data.size != along:
        raise RuntimeError(
            f"index_add_(): Number of indices ({index_data.size}) should be equal to source.size(dim): "
            f"({along}), for dim: {axis}"
        )
    if source_shape and data.ndim:
        rest_self = data.shape[:axis] + data.shape[axis + 1 :]
        rest_source = source_shape[:axis] + source_shape[axis + 1 :]
    else:
        rest_self, rest_source = data.shape, source_shape
    if rest_self != rest_source:
        raise RuntimeError(
            "source tensor shape must match self tensor shape, excluding the specified dimension. Got "
            f"self.shape = {_shape_text(data.shape)} source.shape = {_shape_text(source_shape)}"
        )
    positions = index_data.reshape(-1).astype(np.intp)
    _check_bounds(positions, axis, _size(data.shape, axis))
    result = _as_1d(data).copy()
    addend = _as_1d(source._data)
    if alpha != 1:
        addend = addend * checked_scalar(alpha, data.dtype)
    key = (slice(None),) * axis + (positions,)
    np.add.at(result, key, addend.astype(result.dtype, copy=False))
    result = result.reshape(data.shape)
    if out is not None:
        return write_out(out, result, exact=True)
    return rows.INDEX_ADD.record(result, input, saved_dim(dim), index, source, alpha, _dim=dim)


def index_add_unchecked(input, dim, index, source):
    return _index_add(input, dim, index, source)


_INDEX_ADD_FUNCTION = signatures(
    "(Tensor input, int dim, Tensor index, Tensor source, *, Number alpha = 1, Tensor out = None)"
)
_INDEX_ADD_METHOD = signatures("(int dim, Tensor index, Tensor source, *, Number alpha = 1)")


def index_add(*args, **kwargs):
    _, v = parse("index_add", _INDEX_ADD_FUNCTION, args, kwargs)
    return _index_add(v["input"], v["dim"], v["index"], v["source"], v["alpha"], v["out"])


def _index_add_method(self, *args, **kwargs):
    _, v = parse("index_add", _INDEX_ADD_METHOD, args, kwargs)
    return _index_add(self, v["dim"], v["index"], v["source"], v["alpha"])


def index_add_(self, *args, **kwargs):
    _, v = parse("index_add_", _INDEX_ADD_METHOD, args, kwargs)
    return inplace(self, _index_add, v["dim"], v["index"], v["source"], v["alpha"])


# ---- index_fill ----------------------------------------------------------------------------------------
@scatters
def _index_fill(input, dim, index, value):
    data = input._data
    axis = wrap_dim(dim, data.ndim)
    if index._data.dtype != np.int64:
        raise IndexError("index_fill_(): Expected dtype int64 for index.")
    if index._data.ndim > 1:
        raise RuntimeError("Index has to be a vector/scalar")
    if isinstance(value, Tensor) and value._data.ndim:
        raise RuntimeError(
            "index_fill_ only supports a 0-dimensional value tensor, but got tensor with "
            f"{value._data.ndim} dimension(s)."
        )
    size = _size(data.shape, axis)
    positions = index._data.reshape(-1).astype(np.intp)
    bad = (positions < -size) | (positions >= size)
    if bad.any():
        raise IndexError(
            f"index {int(positions[bad][0])} is out of bounds for dimension {axis} with size {size}"
        )
    result = _as_1d(data).copy()
    fill = value._data if isinstance(value, Tensor) else checked_scalar(value, data.dtype)
    result[(slice(None),) * axis + (positions % size if size else positions,)] = np.asarray(fill).astype(
        data.dtype
    )
    result = result.reshape(data.shape)
    if isinstance(value, Tensor):
        return rows.INDEX_FILL_TENSOR.record(result, input, saved_dim(dim), index, value, _dim=dim)
    return rows.INDEX_FILL.record(result, input, saved_dim(dim), index, value, _dim=dim)


_INDEX_FILL_FUNCTION = signatures(
    "(Tensor input, int dim, Tensor index, Tensor value)",
    "(Tensor input, int dim, Tensor index, Number value)",
)
_INDEX_FILL_METHOD = signatures(
    "(int dim, Tensor index, Tensor value)", "(int dim, Tensor index, Number value)"
)


def index_fill(*args, **kwargs):
    _, v = parse("index_fill", _INDEX_FILL_FUNCTION, args, kwargs)
    return _index_fill(v["input"], v["dim"], v["index"], v["value"])


def _index_fill_method(self, *args, **kwargs):
    _, v = parse("index_fill", _INDEX_FILL_METHOD, args, kwargs)
    return _index_fill(self, v["dim"], v["index"], v["value"])


def index_fill_(self, *args, **kwargs):
    _, v = parse("index_fill_", _INDEX_FILL_METHOD, args, kwargs)
    return inplace(self, _index_fill, v["dim"], v["index"], v["value"])


def unique_values(index):
    """at::_unique(index, sorted=false)'s values (their order does not matter to the sum that uses them)."""
    return make_output(np.unique(index._data), None)


at.register(
    gather=gather_unchecked,
    gather_backward=gather_backward,
    scatter=scatter_unchecked,
    scatter_value=scatter_value_unchecked,
    scatter_add=scatter_add_unchecked,
    index_select=index_select_unchecked,
    index_select_backward=index_select_backward,
    index_add=index_add_unchecked,
    index_fill=_index_fill,
    unique_values=unique_values,
)
register_methods(
    gather=_gather_method,
    scatter=_scatter_method,
    scatter_=scatter_,
    scatter_add=_scatter_add_method,
    scatter_add_=scatter_add_,
    index_select=_index_select_method,
    index_add=_index_add_method,
    index_add_=index_add_,
    index_fill=_index_fill_method,
    index_fill_=index_fill_,
)
_ = Tensor
