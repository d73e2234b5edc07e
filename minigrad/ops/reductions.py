"""Reductions: sum, mean, prod, max/min (full, along a dim, elementwise), argmax/argmin, amax/amin, logsumexp.

Forwards only: each op's autograd story is its row in derivatives/reductions.py. The helpers below the
argument checks are torch's FunctionsManual for these rows (sum_backward, prod_backward, ...), written with
minigrad ops so that create_graph=True records torch's nodes, and with a numpy shortcut where no graph is
recorded on a hot path (the gradient of `loss.sum()` and `loss.mean()`).
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core import forward_ad, grad_mode
from .._core.arguments import (
    NOT_GIVEN,
    bool_arg,
    dtype_arg,
    given_kwargs,
    int_arg,
    int_list_arg,
    invalid_arguments,
    is_int,
)
from .._core.fp import silent
from .._core.layout import c_order
from .._core.tensor import broadcast_view, tangent_of
from .._core.views import make_view
from ..derivatives import at
from ..derivatives import reductions as rows
from . import Tensor, binary_operands, make_output, register_methods, tensor_arg

_UINT64 = 2**64


def check_dims_in_range(dims, ndim):
    low, high = (-1, 0) if ndim == 0 else (-ndim, ndim - 1)
    for d in dims:
        if not low <= d <= high:
            raise IndexError(
                f"Dimension out of range (expected to be in range of [{low}, {high}], but got {d})"
            )


def normalize_dims(dim, ndim):
    """torch's dim argument (int or sequence) -> sorted tuple of non-negative axes, with torch's errors.
    A 0-d tensor accepts dim 0 / -1 and gives (0,)."""
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    check_dims_in_range(dims, ndim)  # every dim, before looking for repeats
    seen = []
    for d in dims:
        d = d % ndim if ndim else 0
        if d in seen:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        seen.append(d)
    return tuple(sorted(seen))


# ---- argument checks: what torch's argument parser raises ------------------------------------------------
# Each reduction is a function (torch.sum(input, dim, ...)) and a method (x.sum(dim, ...)); torch counts
# positions and lists overloads differently for the two forms. Python cannot tell a positional argument from
# a keyword one, so messages assume the usual call: dim positional, keepdim and dtype as keywords.
FUNCTION, METHOD = 0, 1

_SUM_OVERLOADS = (
    "(Tensor input, *, torch.dtype dtype = None)",
    "(Tensor input, tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None, Tensor out = None)",
)
_DIMS_METHOD_OVERLOADS = (
    "(*, torch.dtype dtype = None)",
    "(tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None)",
)
OVERLOADS = {  # copied from torch's messages, as data
    ("sum", FUNCTION): _SUM_OVERLOADS,
    ("sum", METHOD): _DIMS_METHOD_OVERLOADS,
    ("mean", FUNCTION): ("(Tensor input, *, torch.dtype dtype = None, Tensor out = None)", _SUM_OVERLOADS[1]),
    ("mean", METHOD): _DIMS_METHOD_OVERLOADS,
    ("prod", FUNCTION): (
        "(Tensor input, *, torch.dtype dtype = None)",
        "(Tensor input, int dim, bool keepdim = False, *, torch.dtype dtype = None, Tensor out = None)",
    ),
    ("prod", METHOD): (
        "(*, torch.dtype dtype = None)",
        "(int dim, bool keepdim = False, *, torch.dtype dtype = None)",
    ),
}
for _name in ("max", "min"):
    OVERLOADS[_name, FUNCTION] = (
        "(Tensor input, *, Tensor out = None)",
        "(Tensor input, Tensor other, *, Tensor out = None)",
        "(Tensor input, int dim, bool keepdim = False, *, tuple of Tensors out = None)",
    )
    OVERLOADS[_name, METHOD] = ("()", "(Tensor other)", "(int dim, bool keepdim = False)")


def invalid_call(name, form, input, positional, keepdim=False, dtype=None):
    """torch's "received an invalid combination of arguments" for a reduction called with bad types."""
    args = ((input,) if form == FUNCTION else ()) + positional
    kwargs = given_kwargs(
        keepdim=NOT_GIVEN if keepdim is False else keepdim, dtype=NOT_GIVEN if dtype is None else dtype
    )
    return invalid_arguments(name, args, kwargs, OVERLOADS[name, form])


def _bad_dtype(value):
    try:
        dtype_arg(value, "")
    except TypeError:
        return True
    return False


def _input_arg(name, form, input, dim, keepdim=False, dtype=None, overloaded=True):
    """The input of an overloaded reduction: with more arguments given, a non-Tensor matches no overload."""
    more = dim is not _ALL or dtype is not None or keepdim not in (False, NOT_GIVEN)
    if not isinstance(input, Tensor) and overloaded and more:
        raise invalid_call(name, form, input, () if dim is _ALL else (dim,), keepdim, dtype)
    return tensor_arg(input, name)


def _is_int_list(value):
    """What torch's parser takes for a 'tuple of ints' before unpacking it: checks the first element only."""
    return is_int(value) or (isinstance(value, tuple | list) and (not value or is_int(value[0])))


def dims_arg(name, form, dim, overloaded, input=None, keepdim=False, dtype=None):
    """A 'tuple of ints dim' (an int or a sequence); with several overloads a bad type matches none."""
    if type(dim) is int:
        return dim
    if overloaded and not _is_int_list(dim):
        raise invalid_call(name, form, input, (dim,), keepdim, dtype)
    return int_list_arg(dim, name, "dim", 2 - form)


def _int_dim_arg(name, form, input, dim, keepdim, dtype=None):
    """The 'int dim' of prod/max/min: anything else matches no overload."""
    if type(dim) is int:
        return dim
    if is_int(dim):
        return int(dim)
    raise invalid_call(name, form, input, (dim,), keepdim, dtype)


def reduction_axes(dim, ndim):
    """numpy axes for torch's dim argument: None or () means every axis; a 0-d tensor has none."""
    if dim is None:
        return tuple(range(ndim))
    axes = normalize_dims(dim, ndim)
    if not ndim:
        return ()
    return axes if axes or not isinstance(dim, (tuple, list)) else tuple(range(ndim))


def saved_dim(dim):
    """torch's `_saved_dim` for a dim argument: as given, negative values as uint64 (-1 -> 2**64 - 1)."""
    if isinstance(dim, int):
        return dim % _UINT64
    return tuple(d % _UINT64 for d in (dim or ()))


def given_dims(dim):
    """An `int[1]` dim argument as torch's formulas see it: a tuple of the dims as given (None stays None)."""
    if dim is None:
        return None
    return (dim,) if isinstance(dim, int) else tuple(dim)


def saved_dims(dim):
    """torch's `_saved_dim` of an `int[1]?` argument: a tuple of uint64 (None stays None)."""
    return None if dim is None else saved_dim(given_dims(dim))


def _constant(array):
    return make_output(np.asarray(array), None)


# ---- torch's FunctionsManual for the rows of this family -------------------------------------------------
def _has_tangent(t):
    return forward_ad.state.enabled and tangent_of(t) is not None


def _no_graph(t):
    """Nothing for minigrad ops to record or carry: numpy may compute a formula directly."""
    return not (t._requires_grad and grad_mode.state.grad_enabled) and not _has_tangent(t)


def _wrap(dim, ndim):
    """maybe_wrap_dim for a dim already checked by the forward: a 0-d tensor takes 0 and -1 as 0."""
    return dim % ndim if ndim else 0


def unsqueeze_multiple(t, dims, ndim):
    """torch's unsqueeze_multiple: a single dim is unsqueezed as given, several in increasing order."""
    if len(dims) == 1:
        return t.unsqueeze(dims[0])
    for d in sorted({_wrap(d, ndim) for d in dims}):
        t = t.unsqueeze(d)
    return t


def sum_backward(grad, sizes, dims, keepdim):
    """grad with its reduced dims unsqueezed, expanded back to `sizes` (a view of grad). With no graph to
    record, one numpy broadcast (the gradient of every `loss.sum()` comes through here)."""
    unsqueeze = not keepdim and sizes and dims
    if _no_graph(grad):
        data = grad._data
        if data.ndim == 0:  # a stride-0 view, as broadcast_view makes, at a third of its cost
            return make_view(grad, np.ndarray(sizes, data.dtype, data, 0, (0,) * len(sizes)), None)
        if unsqueeze:
            data = np.expand_dims(data, tuple(_wrap(d, len(sizes)) for d in dims))
        return make_view(grad, broadcast_view(data, sizes), None)
    if unsqueeze:
        grad = unsqueeze_multiple(grad, dims, len(sizes))
    return grad.expand(sizes)


def mean_backward(grad, sizes, dims, numel, keepdim):
    """sum_backward divided by the number of elements each result averaged (div.Scalar: DivBackward1)."""
    count = numel
    if dims:
        count = 1
        for d in dims if sizes else ():
            count *= sizes[_wrap(d, len(sizes))]
    return at.div_scalar(sum_backward(grad, sizes, dims, keepdim), count)


def ones_like(t):
    return make_output(np.ones(t._data.shape, t._data.dtype), None)


def prod_backward(grad, input, result, dim=None, keepdim=False):
    """grad * result / input, unless the input has zeros: then grad times the product of the others."""
    ndim = input._data.ndim
    if not ndim:
        return grad
    axis = None
    if dim is not None:
        axis = _wrap(dim, ndim)
        if not keepdim:
            grad = grad.unsqueeze(axis)
            result = result.unsqueeze(axis)
    zeros = np.count_nonzero(input._data == 0)
    if not zeros:
        return grad * (result / input)
    if axis is None and zeros > 1 and not grad_mode.state.grad_enabled:
        # torch's shortcut for the full product: every gradient is 0, even where others are inf or nan
        return _constant(np.zeros_like(input._data))
    return grad * _products_of_others(input, axis)


def _products_of_others(x, axis):
    """For each element of x, the product of the other elements along `axis` (all elements if axis is None).

    Without grad mode (and tangent): exclusive cumulative products from both sides (numpy constants). Else:
    each element's "others" as a product over a copy of x with that element replaced by 1 (differentiable;
    costs a copy per element, and only runs for inputs containing zeros).
    """
    data = x._data
    if not grad_mode.state.grad_enabled and not _has_tangent(x):
        flat = data.reshape(-1) if axis is None else data
        ax = 0 if axis is None else axis
        ones = np.ones_like(np.take(flat, [0], axis=ax))
        # torch's CPU cumprod multiplies in double and rounds each product back to the input's dtype
        acc = np.float64 if data.dtype.kind == "f" else None
        before = np.cumprod(np.concatenate([ones, np.delete(flat, -1, axis=ax)], axis=ax), axis=ax, dtype=acc)
        rev = np.flip(np.delete(flat, 0, axis=ax), axis=ax)
        after = np.flip(np.cumprod(np.concatenate([ones, rev], axis=ax), axis=ax, dtype=acc), axis=ax)
        before, after = before.astype(data.dtype, copy=False), after.astype(data.dtype, copy=False)
        with silent():
            return _constant((before * after).reshape(data.shape))
    shape = data.shape
    axes = tuple(range(len(shape))) if axis is None else (axis,)
    # copies[i..., k...] = x[i...]; the copy for element k has its own element k replaced by 1
    copy_shape = shape + tuple(shape[a] for a in axes)
    trailing = tuple(range(len(shape), len(copy_shape)))
    copies = sum_backward(x, copy_shape, trailing, False)
    index = np.indices(copy_shape)
    own = np.ones(copy_shape, dtype=bool)
    for j, a in enumerate(axes):
        own &= index[a] == index[len(shape) + j]
    replaced = at.where(_constant(own), _constant(np.ones((), data.dtype)), copies)
    if axis is None:
        for _ in shape:
            replaced = prod(replaced, 0)
        return replaced
    others = prod(replaced, axis)  # the copies' axis now sits last: move it back to `axis`
    ndim = others._data.ndim
    if axis == ndim - 1:
        return others
    order = list(range(ndim - 1))
    order.insert(axis, ndim - 1)
    return others.permute(*order)


def evenly_distribute_backward(grad, input, value):
    """max()/min(): zeros.masked_fill_(mask, grad / mask.sum()) where mask marks the ties (the NaNs, if the
    result is NaN)."""
    x, v = input._data, value._data
    mask = np.isnan(x) if np.isnan(v) else x == v
    zeros = _constant(np.zeros(x.shape, grad._data.dtype))
    return zeros.masked_fill(_constant(mask), grad / _constant(np.array(mask.sum(), np.int64)))


def evenly_read_jvp(fw_grad, input, value):
    mask = input == value
    return (mask * (fw_grad / mask.sum())).sum()


def value_selecting_reduction_backward(grad, dim, indices, sizes, keepdim):
    """max(dim)/min(dim): zeros(sizes).scatter_(dim, indices, grad). With no graph to record, in numpy."""
    if _no_graph(grad):
        values, index = grad._data, indices._data
        if not keepdim and sizes:
            values = np.expand_dims(values, _wrap(dim, len(sizes)))
            index = np.expand_dims(index, _wrap(dim, len(sizes)))
        zeros = np.zeros(sizes, values.dtype)
        if zeros.ndim:
            np.put_along_axis(zeros, index, values, _wrap(dim, len(sizes)))
        else:
            zeros[()] = values
        return _constant(zeros)
    if not keepdim and sizes:
        grad = grad.unsqueeze(dim)
        indices = indices.unsqueeze(dim)
    return at.scatter(_constant(np.zeros(sizes, grad._data.dtype)), dim, indices, grad)


def gather_with_keepdimed_indices(input, dim, indices, keepdim):
    if keepdim:
        return at.gather(input, dim, indices)
    return at.gather(input, dim, indices.unsqueeze(dim)).squeeze(dim)


def extremum_jvp(self_t, other_t, tie, wins, result):
    """maximum/minimum's tangent: the winner's, the mean of both for a tie."""
    half = _constant(np.array(0.5, result._data.dtype))
    return other_t + at.where(tie, half, wins.to(result.dtype)) * (self_t - other_t)


def restore_reduced_dims(output, dims, keepdim):
    """The reduced result reshaped to its keepdim shape (a view: ViewBackward0 under create_graph)."""
    if keepdim:
        return output
    total = output._data.ndim + len(dims)
    target = [0] * total
    for d in dims:
        target[d if d >= 0 else total + d] = 1
    j = 0
    for size in output._data.shape:
        while target[j] > 0:
            j += 1
        target[j] = size
        j += 1
    return output.reshape(target)


def scale_grad_by_count(grad, mask, dims):
    """amax/amin: ties along the reduced dims share the gradient equally."""
    return (grad / mask.sum(dims, True)) * mask


def amaxamin_jvp(x, dx, result, dims, keepdim):
    mask = x == restore_reduced_dims(result, dims, keepdim)
    return at.where(mask, dx, at.zero_scalar(dx)).sum(dims, keepdim) / mask.sum(dims, keepdim)


def logsumexp_backward(grad, input, result, dims, keepdim):
    if not keepdim and input._data.ndim:
        grad = unsqueeze_multiple(grad, dims, input._data.ndim)
        result = unsqueeze_multiple(result, dims, input._data.ndim)
    return grad * (input - result).exp()


def logsumexp_jvp(self_p, self_t, dims, keepdim):
    """The tangent of logsumexp: a softmax-weighted sum of the input's tangent (shifted by the max)."""
    if self_p._data.size:
        self_p_exp = (self_p - self_p.amax(dims, True)).exp()
    else:  # amax fails for no elements, and nothing needs shifting
        self_p_exp = self_p.exp()
    return (self_p_exp * self_t).sum(dims, keepdim) / self_p_exp.sum(dims, keepdim)


# ---- sum -----------------------------------------------------------------------------------------
_ALL = object()  # "no dim argument": the full-reduction overload (XBackward0)


def _check_autograd_dtype(input, dtype):
    recording = input._requires_grad and grad_mode.state.grad_enabled
    if dtype is not None and recording and not dtype.is_floating_point:
        raise RuntimeError(f"Autograd not support dtype: {_dtype.SCALAR_TYPE_NAMES[dtype]}")


_SUM_SIGNATURE_ERROR = (
    "sum() received an invalid combination of arguments - got (keepdim=bool, ), but expected one of:\n"
    " * (*, torch.dtype dtype = None)\n"
    " * (tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None)\n"
)


def _sum_dtype(data, dtype):
    if dtype is not None:
        return dtype.numpy
    return np.dtype(np.int64) if data.dtype.kind in "iub" else data.dtype


def _sum(form, input, dim, keepdim, dtype):
    if dim is _ALL and dtype is None and keepdim is False and type(input) is Tensor:
        # x.sum(): the hot path of every loss; none of the argument checks below can fail here
        data = input._data
        with silent():  # inf + -inf and overflow: silently, as in torch (numpy warns)
            return rows.SUM.record(np.add.reduce(data, axis=None, dtype=_sum_dtype(data, None)), input, None)
    # torch.sum(x, dim) matches two overloads, so a bad argument is an "invalid combination"; a keepdim or
    # dtype keyword leaves one, which names the bad argument directly
    overloaded = form == METHOD or (keepdim is NOT_GIVEN and dtype is None)
    _input_arg("sum", form, input, dim, keepdim, dtype, overloaded)
    if dim is _ALL:
        if _bad_dtype(dtype):
            raise invalid_call("sum", form, input, (), dtype=dtype)
        if keepdim is not NOT_GIVEN and keepdim:
            raise TypeError(_SUM_SIGNATURE_ERROR)
    elif dim is not None:
        dim = dims_arg("sum", form, dim, overloaded, input, keepdim, dtype)
    keepdim = False if keepdim is NOT_GIVEN else keepdim
    if dim is not _ALL:
        bool_arg(keepdim, "sum", "keepdim", None)
    dtype = dtype_arg(dtype, "sum")
    data = input._data
    axes = None if dim is _ALL else reduction_axes(dim, data.ndim)  # torch checks dims before the dtype
    _check_autograd_dtype(input, dtype)
    out_dtype = _sum_dtype(data, dtype)
    with silent():
        result = c_order(np.sum(data, axis=axes, keepdims=keepdim, dtype=out_dtype))
    if dim is _ALL:
        return rows.SUM.record(result, input, dtype)
    return rows.SUM_DIM.record(result, input, saved_dims(dim), keepdim, dtype, _dims=given_dims(dim))


def sum(input, dim=_ALL, keepdim=NOT_GIVEN, *, dtype=None):
    return _sum(FUNCTION, input, dim, keepdim, dtype)


def _sum_method(self, dim=_ALL, keepdim=False, *, dtype=None):
    return _sum(METHOD, self, dim, keepdim, dtype)


# ---- mean ----------------------------------------------------------------------------------------
def _mean(form, input, dim, keepdim, dtype):
    _input_arg("mean", form, input, dim, keepdim, dtype)
    if dim is _ALL or form == FUNCTION:
        # torch reports any bad type among the overloads; the method names a bad keepdim/dtype directly
        bad_keepdim = type(keepdim) is not bool
        bad_dim = dim is not _ALL and dim is not None and not _is_int_list(dim)
        if bad_keepdim or bad_dim or _bad_dtype(dtype):
            raise invalid_call("mean", form, input, () if dim is _ALL else (dim,), keepdim, dtype)
    if dim is not _ALL and dim is not None:
        dim = dims_arg("mean", form, dim, True, input, keepdim, dtype)
    bool_arg(keepdim, "mean", "keepdim", None)
    dtype = dtype_arg(dtype, "mean")
    data = input._data
    if dtype is not None and not dtype.is_floating_point:
        raise RuntimeError(
            "mean(): could not infer output dtype. Optional dtype must be either a floating point or complex "
            f"dtype. Got: {_dtype.SCALAR_TYPE_NAMES[dtype]}"
        )
    if dtype is None and data.dtype.kind != "f":
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point or complex "
            f"dtype. Got: {_dtype.SCALAR_TYPE_NAMES[input.dtype]}"
        )
    out_dtype = data.dtype if dtype is None else dtype.numpy
    axes = None if dim is _ALL else reduction_axes(dim, data.ndim)
    # torch sums and divides a float16 mean in float32, and rounds only the result
    acc_dtype = np.dtype(np.float32) if out_dtype == np.float16 else out_dtype
    with silent():  # inf + -inf, overflow and the mean of nothing: silently, as in torch
        total = np.sum(data, axis=axes, keepdims=keepdim and dim is not _ALL, dtype=acc_dtype)
        count = data.size // total.size if total.size else 0
        result = c_order(np.asarray(total / acc_dtype.type(count), dtype=out_dtype))
    if dim is _ALL:
        return rows.MEAN.record(result, input, dtype)
    return rows.MEAN_DIM.record(result, input, saved_dims(dim), keepdim, dtype, _dims=given_dims(dim))


def mean(input, dim=_ALL, keepdim=False, *, dtype=None):
    return _mean(FUNCTION, input, dim, keepdim, dtype)


def _mean_method(self, dim=_ALL, keepdim=False, *, dtype=None):
    return _mean(METHOD, self, dim, keepdim, dtype)


# ---- prod ----------------------------------------------------------------------------------------
def _prod(form, input, dim, keepdim, dtype):
    _input_arg("prod", form, input, dim, keepdim, dtype)
    if dim is _ALL:
        if _bad_dtype(dtype):
            raise invalid_call("prod", form, input, (), dtype=dtype)
    else:
        dim = _int_dim_arg("prod", form, input, dim, keepdim, dtype)
        bool_arg(keepdim, "prod", "keepdim", None)
    dtype = dtype_arg(dtype, "prod")
    data = input._data
    axes = None if dim is _ALL else reduction_axes(dim, data.ndim)  # torch checks dims before the dtype
    _check_autograd_dtype(input, dtype)
    out_dtype = _sum_dtype(data, dtype)
    with silent():  # 0 * inf and overflow: silently, as in torch
        if dim is _ALL:
            return rows.PROD.record(np.prod(data, dtype=out_dtype), input, dtype)
        result = c_order(np.prod(data, axis=axes, keepdims=keepdim, dtype=out_dtype))
    return rows.PROD_DIM.record(result, input, saved_dim(dim), keepdim, dtype, _dim=dim)


def prod(input, dim=_ALL, keepdim=False, *, dtype=None):
    return _prod(FUNCTION, input, dim, keepdim, dtype)


def _prod_method(self, dim=_ALL, keepdim=False, *, dtype=None):
    return _prod(METHOD, self, dim, keepdim, dtype)


# ---- max / min -----------------------------------------------------------------------------------
class _ReturnType(tuple):
    """torch.return_types.max and friends: a (values, indices) tuple with named fields."""

    __slots__ = ()

    def __new__(cls, values, indices):
        return tuple.__new__(cls, (values, indices))

    @property
    def values(self):
        return self[0]

    @property
    def indices(self):
        return self[1]

    def __repr__(self):
        return f"torch.return_types.{type(self).__name__}(\nvalues={self[0]!r},\nindices={self[1]!r})"

    __str__ = __repr__


def return_type(name):
    cls = type(name, (_ReturnType,), {"__slots__": ()})
    cls.__module__ = "torch.return_types"
    return cls


return_types = {name: return_type(name) for name in ("max", "min")}


def maximum(input, other):
    return _elementwise_extremum("maximum", input, other, rows.MAXIMUM, np.maximum)


def minimum(input, other):
    return _elementwise_extremum("minimum", input, other, rows.MINIMUM, np.minimum)


def _maximum_method(self, other):
    return _elementwise_extremum("maximum", self, other, rows.MAXIMUM, np.maximum, position=1)


def _minimum_method(self, other):
    return _elementwise_extremum("minimum", self, other, rows.MINIMUM, np.minimum, position=1)


def _elementwise_extremum(name, input, other, row, ufunc, position=2):
    tensor_arg(input, name)
    tensor_arg(other, name, "other", position)
    _, _, a, b = binary_operands(input, other, name)
    return row.record(ufunc(a, b), input, other)


def _check_nonempty(name, data, dim):
    """max/min/amax/amin of nothing: torch's errors (amax names the dim as given)."""
    if data.size:
        return
    given = () if dim is _ALL else (dim,) if isinstance(dim, int) else tuple(dim)
    if not given:
        raise RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction "
            "dim with the 'dim' argument."
        )
    for d in given:
        if data.shape[d] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")


def _extremum(name, form, input, dim, keepdim, reduce, arg, full_row, dim_row, binary):
    _input_arg(name, form, input, dim, keepdim)
    if isinstance(dim, Tensor):
        return binary(input, dim)
    data = input._data
    if dim is _ALL:
        _check_nonempty(name, data, _ALL)
        return full_row.record(reduce(data), input)
    dim = _int_dim_arg(name, form, input, dim, keepdim)
    if type(keepdim) is not bool:
        raise invalid_call(name, form, input, (dim,), keepdim)
    (axis,) = normalize_dims(dim, data.ndim)
    if data.ndim:
        _check_nonempty(name, data, axis)  # max(dim) names the wrapped dim
        indices = np.expand_dims(arg(data, axis=axis), axis) if data.size else None
        if indices is None:
            values = reduce(data, axis=axis, keepdims=True)
            indices = np.zeros(values.shape, dtype=np.int64)
        else:
            values = np.take_along_axis(data, indices, axis)
        if not keepdim:
            values, indices = values.squeeze(axis), indices.squeeze(axis)
    else:
        values, indices = data.copy(), np.zeros((), dtype=np.int64)
    outs = (c_order(values), c_order(indices.astype(np.int64, copy=False)))
    return return_types[name](*dim_row.record(outs, input, saved_dim(dim), keepdim, _dim=dim))


def max(input, dim=_ALL, keepdim=False):
    return _extremum("max", FUNCTION, input, dim, keepdim, *_MAX)


def min(input, dim=_ALL, keepdim=False):
    return _extremum("min", FUNCTION, input, dim, keepdim, *_MIN)


def _max_method(self, dim=_ALL, keepdim=False):
    return _extremum("max", METHOD, self, dim, keepdim, *_MAX)


def _min_method(self, dim=_ALL, keepdim=False):
    return _extremum("min", METHOD, self, dim, keepdim, *_MIN)


_MAX = (np.max, np.argmax, rows.MAX, rows.MAX_DIM, maximum)
_MIN = (np.min, np.argmin, rows.MIN, rows.MIN_DIM, minimum)


# ---- argmax / argmin: integer results, never differentiable --------------------------------------
def _arg_extremum(name, input, dim, keepdim, arg, position):
    tensor_arg(input, name)
    if dim is not None:
        dim = int_arg(dim, name, "dim", position)
    bool_arg(keepdim, name, "keepdim", None)
    data = input._data
    if data.dtype == np.bool_:
        raise RuntimeError(f"{name}(): does not support bool input")
    if dim is None:
        if not data.size:
            raise IndexError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0.")
        flat = arg(data)
        result = np.full((1,) * data.ndim, flat) if keepdim else np.asarray(flat)
    else:
        (axis,) = normalize_dims(dim, data.ndim)
        if data.ndim:
            _check_nonempty(name, data, axis)
            result = arg(data, axis=axis, keepdims=keepdim)
        else:
            result = np.zeros(())
    return make_output(c_order(result.astype(np.int64)), None)


def argmax(input, dim=None, keepdim=False):
    return _arg_extremum("argmax", input, dim, keepdim, np.argmax, 2)


def argmin(input, dim=None, keepdim=False):
    return _arg_extremum("argmin", input, dim, keepdim, np.argmin, 2)


def _argmax_method(self, dim=None, keepdim=False):
    return _arg_extremum("argmax", self, dim, keepdim, np.argmax, 1)


def _argmin_method(self, dim=None, keepdim=False):
    return _arg_extremum("argmin", self, dim, keepdim, np.argmin, 1)


# ---- amax / amin ---------------------------------------------------------------------------------
def _aextremum(name, input, dim, keepdim, reduce, row, form=FUNCTION):
    tensor_arg(input, name)
    dim = () if dim is None else dims_arg(name, form, dim, False)
    bool_arg(keepdim, name, "keepdim", None)
    data = input._data
    if not data.size:  # torch checks each dim in turn (its range, then its size), repeats after
        dims = dim if isinstance(dim, (tuple, list)) else (dim,)
        for d in dims:
            check_dims_in_range((d,), data.ndim)
            _check_nonempty(name, data, d)
        _check_nonempty(name, data, dims)  # no dim at all
    axes = reduction_axes(dim, data.ndim)
    result = c_order(reduce(data, axis=axes, keepdims=keepdim)) if data.ndim else data.copy()
    return row.record(result, input, saved_dims(dim), keepdim, _dims=given_dims(dim))


def amax(input, dim=(), keepdim=False):
    return _aextremum("amax", input, dim, keepdim, np.max, rows.AMAX)


def amin(input, dim=(), keepdim=False):
    return _aextremum("amin", input, dim, keepdim, np.min, rows.AMIN)


def _amax_method(self, dim=(), keepdim=False):
    return _aextremum("amax", self, dim, keepdim, np.max, rows.AMAX, METHOD)


def _amin_method(self, dim=(), keepdim=False):
    return _aextremum("amin", self, dim, keepdim, np.min, rows.AMIN, METHOD)


# ---- logsumexp -----------------------------------------------------------------------------------
def _logsumexp_op(form, input, dim, keepdim):
    tensor_arg(input, "logsumexp")
    if dim is _ALL:
        raise TypeError('logsumexp() missing 1 required positional arguments: "dim"')
    dim = dims_arg("logsumexp", form, dim, False)
    bool_arg(keepdim, "logsumexp", "keepdim", None)
    data = input._data
    if data.dtype.kind != "f":
        data = data.astype(_dtype.get_default_dtype().numpy)
    axes = reduction_axes(dim, data.ndim)
    if not keepdim and data.ndim and data.size and isinstance(dim, (tuple, list)) and not dim:
        # torch 2.13 quirk: an empty dim list reduces everything, then fails writing the kept-dims result
        ones = ", ".join("1" * data.ndim)
        raise RuntimeError(f"output with shape [] doesn't match the broadcast shape [{ones}]")
    result = c_order(_logsumexp(data, axes, keepdim))
    return rows.LOGSUMEXP.record(result, input, saved_dims(dim), keepdim, _dims=given_dims(dim))


def logsumexp(input, dim=_ALL, keepdim=False):
    return _logsumexp_op(FUNCTION, input, dim, keepdim)


def _logsumexp_method(self, dim=_ALL, keepdim=False):
    return _logsumexp_op(METHOD, self, dim, keepdim)


def _logsumexp(data, axes, keepdim):
    """log(sum(exp(x))) shifted by the max for stability; an all -inf or +inf slice keeps its infinity."""
    if not axes:
        return data.copy()
    if not data.size:
        with silent():
            return np.log(np.sum(np.exp(data), axis=axes, keepdims=keepdim))
    shift = np.max(data, axis=axes, keepdims=True)
    shift = np.where(np.isinf(shift), 0, shift)
    with silent():
        total = np.log(np.sum(np.exp(data - shift), axis=axes, keepdims=True)) + shift
    return total if keepdim else total.squeeze(axes)


register_methods(
    sum=_sum_method,
    mean=_mean_method,
    prod=_prod_method,
    max=_max_method,
    min=_min_method,
    amax=_amax_method,
    amin=_amin_method,
    maximum=_maximum_method,
    minimum=_minimum_method,
    logsumexp=_logsumexp_method,
    argmax=_argmax_method,
    argmin=_argmin_method,
)

at.register(
    sum_backward=sum_backward,
    mean_backward=mean_backward,
    ones_like=ones_like,
    prod_backward=prod_backward,
    evenly_distribute_backward=evenly_distribute_backward,
    evenly_read_jvp=evenly_read_jvp,
    value_selecting_reduction_backward=value_selecting_reduction_backward,
    gather_with_keepdimed_indices=gather_with_keepdimed_indices,
    extremum_jvp=extremum_jvp,
    restore_reduced_dims=restore_reduced_dims,
    scale_grad_by_count=scale_grad_by_count,
    amaxamin_jvp=amaxamin_jvp,
    logsumexp_backward=logsumexp_backward,
    logsumexp_jvp=logsumexp_jvp,
)
