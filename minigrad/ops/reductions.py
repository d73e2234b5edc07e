"""Reductions: sum, mean, prod, max/min (full, along a dim, elementwise), argmax/argmin, amax/amin, logsumexp.

A reduction over `dims` has a gradient of the reduced shape; backward formulas put it back the way torch's do
(unsqueeze + expand for sum/mean, unsqueeze and broadcast for prod/logsumexp, a view for amax), so they are
differentiable and create_graph=True records torch's node names. `sum_to` is the engine's reduction of a
broadcast gradient (torch's at::sum_to).
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core import grad_mode
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
from .._core.layout import c_order
from .._core.tensor import broadcast_view
from . import Node, SavedTensor, Tensor, binary_operands, make_node, make_output, register_methods, tensor_arg

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


def _constant(array):
    return make_output(np.asarray(array), None)


# ---- broadcasting a reduced gradient back --------------------------------------------------------
def expand_reduced(grad, shape, dims, keepdim):
    """Broadcast `grad` (a reduction over axes `dims` of a `shape` tensor) back to `shape`.

    Like torch's sum_backward: unsqueeze each reduced dim, then expand (UnsqueezeBackward0, ExpandBackward0
    under create_graph); a numpy broadcast when no graph is recorded, still a view of `grad` as in torch."""
    from .views import expand, make_view, unsqueeze  # noqa: F401

    if not (grad._requires_grad and grad_mode.state.grad_enabled):
        data = grad._data
        if data.ndim == 0:  # a stride-0 view, as broadcast_view makes, at a third of its cost
            return make_view(grad, np.ndarray(shape, data.dtype, data, 0, (0,) * len(shape)), None)
        data = np.expand_dims(data, dims) if not keepdim and dims else data
        return make_view(grad, broadcast_view(data, shape), None)

    if not keepdim:
        for d in sorted(dims):
            grad = unsqueeze(grad, d)
    return expand(grad, shape)


def unsqueeze_reduced(t, node):
    """A reduction node's output-shaped tensor with its reduced dims put back as size 1 (torch's
    unsqueeze_multiple: one UnsqueezeBackward0 per dim under create_graph), ready to broadcast."""
    if node.saved_keepdim or not node.axes:
        return t
    if not (t._requires_grad and grad_mode.state.grad_enabled):
        return make_output(np.expand_dims(t._data, node.axes), None)
    from .views import unsqueeze

    for d in node.axes:
        t = unsqueeze(t, d)
    return t


def restore_reduced(t, node):
    """A reduction node's output-shaped tensor expanded back to the input shape."""
    return expand_reduced(t, node.saved_self_sym_sizes, node.axes, node.saved_keepdim)


# ---- sum -----------------------------------------------------------------------------------------
class SumBackward0(Node):
    __slots__ = ("saved_self_sym_sizes",)

    def backward(self, grad):
        shape = self.saved_self_sym_sizes
        return (expand_reduced(grad, shape, (), True),)


class SumBackward1(Node):
    __slots__ = ("saved_dim", "saved_keepdim", "saved_self_sym_sizes", "axes")

    def backward(self, grad):
        return (restore_reduced(grad, self),)


def _reduction_node(cls, input, dim, keepdim, axes):
    node = make_node(cls, input)
    if node is not None:
        node.saved_self_sym_sizes = input._data.shape
        if dim is not _ALL:
            node.saved_dim = saved_dim(dim if isinstance(dim, (tuple, list)) or dim is None else (dim,))
            node.saved_keepdim = keepdim
            node.axes = axes
    return node


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
        node = make_node(SumBackward0, input)
        if node is not None:
            node.saved_self_sym_sizes = data.shape
        with np.errstate(all="ignore"):  # inf + -inf and overflow: silently, as in torch (numpy warns)
            return make_output(np.add.reduce(data, axis=None, dtype=_sum_dtype(data, None)), node)
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
    if dim is _ALL:
        node = _reduction_node(SumBackward0, input, _ALL, False, None)
    else:
        node = _reduction_node(SumBackward1, input, dim, keepdim, axes)
    with np.errstate(all="ignore"):
        return make_output(c_order(np.sum(data, axis=axes, keepdims=keepdim, dtype=out_dtype)), node)


def sum(input, dim=_ALL, keepdim=NOT_GIVEN, *, dtype=None):
    return _sum(FUNCTION, input, dim, keepdim, dtype)


def _sum_method(self, dim=_ALL, keepdim=False, *, dtype=None):
    return _sum(METHOD, self, dim, keepdim, dtype)


# ---- mean ----------------------------------------------------------------------------------------
class MeanBackward0(Node):
    __slots__ = ("saved_self_sym_sizes", "saved_self_sym_numel")

    def backward(self, grad):
        shape = self.saved_self_sym_sizes
        from .nn_ops import div_scalar

        return (div_scalar(expand_reduced(grad, shape, (), True), self.saved_self_sym_numel),)


class MeanBackward1(Node):
    __slots__ = ("saved_dim", "saved_keepdim", "saved_self_sym_sizes", "saved_self_sym_numel", "axes")

    def backward(self, grad):
        shape = self.saved_self_sym_sizes
        count = 1
        for axis in self.axes:
            count *= shape[axis]
        from .nn_ops import div_scalar

        return (div_scalar(restore_reduced(grad, self), count),)


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
    if dim is _ALL:
        node = _reduction_node(MeanBackward0, input, _ALL, False, None)
        axes, keepdim = None, False
    else:
        axes = reduction_axes(dim, data.ndim)
        node = _reduction_node(MeanBackward1, input, dim, keepdim, axes)
    if node is not None:
        node.saved_self_sym_numel = data.size
    # torch sums and divides a float16 mean in float32, and rounds only the result
    acc_dtype = np.dtype(np.float32) if out_dtype == np.float16 else out_dtype
    with np.errstate(all="ignore"):  # inf + -inf, overflow and the mean of nothing: silently, as in torch
        total = np.sum(data, axis=axes, keepdims=keepdim, dtype=acc_dtype)
        count = data.size // total.size if total.size else 0
        return make_output(c_order(np.asarray(total / acc_dtype.type(count), dtype=out_dtype)), node)


def mean(input, dim=_ALL, keepdim=False, *, dtype=None):
    return _mean(FUNCTION, input, dim, keepdim, dtype)


def _mean_method(self, dim=_ALL, keepdim=False, *, dtype=None):
    return _mean(METHOD, self, dim, keepdim, dtype)


# ---- prod ----------------------------------------------------------------------------------------
def _products_of_others(x, axis):
    """For each element of x, the product of the other elements along `axis` (all elements if axis is None).

    Without grad mode: exclusive cumulative products from both sides (numpy constants). Under create_graph:
    each element's "others" as a product over a copy of x with that element replaced by 1 (differentiable;
    costs a copy per element, and only runs for inputs containing zeros).
    """
    data = x._data
    if not grad_mode.state.grad_enabled:
        flat = data.reshape(-1) if axis is None else data
        ax = 0 if axis is None else axis
        ones = np.ones_like(np.take(flat, [0], axis=ax))
        # torch's CPU cumprod multiplies in double and rounds each product back to the input's dtype
        acc = np.float64 if data.dtype.kind == "f" else None
        before = np.cumprod(np.concatenate([ones, np.delete(flat, -1, axis=ax)], axis=ax), axis=ax, dtype=acc)
        rev = np.flip(np.delete(flat, 0, axis=ax), axis=ax)
        after = np.flip(np.cumprod(np.concatenate([ones, rev], axis=ax), axis=ax, dtype=acc), axis=ax)
        before, after = before.astype(data.dtype, copy=False), after.astype(data.dtype, copy=False)
        with np.errstate(all="ignore"):
            return _constant((before * after).reshape(data.shape))
    from .unary import where

    shape = data.shape
    axes = tuple(range(len(shape))) if axis is None else (axis,)
    # copies[i..., k...] = x[i...]; the copy for element k has its own element k replaced by 1
    copy_shape = shape + tuple(shape[a] for a in axes)
    trailing = tuple(range(len(shape), len(copy_shape)))
    copies = expand_reduced(x, copy_shape, trailing, False)
    index = np.indices(copy_shape)
    own = np.ones(copy_shape, dtype=bool)
    for j, a in enumerate(axes):
        own &= index[a] == index[len(shape) + j]
    replaced = where(_constant(own), _constant(np.ones((), data.dtype)), copies)
    if axis is None:
        for _ in shape:
            replaced = prod(replaced, 0)
        return replaced
    others = prod(replaced, axis)  # the copies' axis now sits last: move it back to `axis`
    return _moved_last_to(others, axis)


def _moved_last_to(t, axis):
    """t with its last axis moved to position `axis` (a differentiable permute from the views module)."""
    ndim = t._data.ndim
    if axis == ndim - 1:
        return t
    order = list(range(ndim - 1))
    order.insert(axis, ndim - 1)
    return t.permute(*order)


def _prod_grad(grad, self, result, axis):
    """torch's prod_backward: grad * result / self unless self has zeros, then the products of the others."""
    if not self._data.ndim:
        return grad
    zeros = np.count_nonzero(self._data == 0)
    if not zeros:
        return grad * (result / self)
    if axis is None and zeros > 1 and not grad_mode.state.grad_enabled:
        # torch's shortcut for the full product: every gradient is 0, even where others are inf or nan
        return _constant(np.zeros_like(self._data))
    return grad * _products_of_others(self, axis)


class ProdBackward0(Node):
    __slots__ = ("saved_self", "saved_result")

    def backward(self, grad):
        return (_prod_grad(grad, self.unpack(self.saved_self), self.unpack(self.saved_result), None),)


class ProdBackward1(Node):
    __slots__ = ("saved_dim", "saved_keepdim", "saved_self", "saved_result", "self_shape", "axes")

    def backward(self, grad):
        input = self.unpack(self.saved_self)
        result = self.unpack(self.saved_result)
        if not input._data.ndim:
            return (grad,)
        grad = unsqueeze_reduced(grad, self)
        result = unsqueeze_reduced(result, self)
        return (_prod_grad(grad, input, result, self.axes[0]),)


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
    if dim is _ALL:
        node = make_node(ProdBackward0, input)
        with np.errstate(all="ignore"):  # 0 * inf and overflow: silently, as in torch
            out = make_output(np.prod(data, dtype=out_dtype), node)
    else:
        node = make_node(ProdBackward1, input)
        if node is not None:
            node.saved_dim = saved_dim(dim)
            node.saved_keepdim = keepdim
            node.self_shape = data.shape
            node.axes = axes
        with np.errstate(all="ignore"):  # 0 * inf and overflow: silently, as in torch
            out = make_output(c_order(np.prod(data, axis=axes, keepdims=keepdim, dtype=out_dtype)), node)
    if out._grad_fn is not None:
        node.saved_self = SavedTensor(input)
        node.saved_result = SavedTensor(out, is_output=True)
    return out


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


def _return_type(name):
    cls = type(name, (_ReturnType,), {"__slots__": ()})
    cls.__module__ = "torch.return_types"
    return cls


return_types = {name: _return_type(name) for name in ("max", "min")}


def _float_mask(mask, dtype):
    return _constant(mask.astype(dtype))


def _evenly_distribute(grad, self, result):
    """torch's evenly_distribute_backward: ties (or NaNs, if the result is NaN) share the gradient equally,
    as zeros.masked_fill_(mask, grad / mask.sum()) (so a create_graph gradient has torch's nodes)."""
    from .nn_ops import masked_fill

    x, value = self._data, result._data
    mask = np.isnan(x) if np.isnan(value) else x == value
    zeros = _constant(np.zeros(x.shape, grad._data.dtype))
    return masked_fill(zeros, _constant(mask), grad / _constant(np.array(mask.sum(), np.int64)))


class _FullExtremumBackward(Node):
    __slots__ = ("saved_self", "saved_result")

    def backward(self, grad):
        return (_evenly_distribute(grad, self.unpack(self.saved_self), self.unpack(self.saved_result)),)


class MaxBackward1(_FullExtremumBackward):
    __slots__ = ()


class MinBackward1(_FullExtremumBackward):
    __slots__ = ()


class _DimExtremumBackward(Node):
    """values of max/min(dim): the gradient goes to the selected index."""

    __slots__ = ("saved_dim", "saved_keepdim", "saved_indices", "saved_self_sym_sizes", "axes")

    def backward(self, grad):
        indices = self.unpack(self.saved_indices)._data
        shape = self.saved_self_sym_sizes
        if not shape:
            return (grad,)
        axis = self.axes[0]
        if not self.saved_keepdim:
            indices = np.expand_dims(indices, axis)
            grad = unsqueeze_reduced(grad, self)
        # torch's value_selecting_reduction_backward: zeros(sizes).scatter(dim, indices, grad)
        return (scatter_into_zeros(shape, axis, indices, grad),)


class ScatterBackward0(Node):
    """zeros.scatter(dim, index, src): src's gradient is gathered back from the written places."""

    __slots__ = ("saved_dim", "saved_index")

    def backward(self, grad):
        return None, gather_along(grad, self.saved_dim, self.saved_index)


class GatherBackward0(Node):
    __slots__ = ("saved_dim", "saved_index", "saved_self_sym_sizes")

    def backward(self, grad):
        shape, dim, index = self.saved_self_sym_sizes, self.saved_dim, self.saved_index
        return (scatter_into_zeros(shape, dim, index, grad, add=True),)


class ScatterAddBackward0(ScatterBackward0):
    __slots__ = ()


def scatter_into_zeros(shape, axis, index, src, add=False):
    """zeros(shape).scatter(axis, index, src) (or scatter_add): the backward formulas of max/min(dim) and
    gather. `index` is a numpy array shaped like src."""
    data = np.zeros(shape, src._data.dtype)
    if add:
        np.add.at(data, _along_axis_key(index, axis), src._data)
    else:
        np.put_along_axis(data, index, src._data, axis)
    node = make_node(ScatterAddBackward0 if add else ScatterBackward0, None, src)
    if node is not None:
        node.saved_dim, node.saved_index = axis, index
    return make_output(data, node)


def gather_along(t, axis, index):
    node = make_node(GatherBackward0, t)
    if node is not None:
        node.saved_dim, node.saved_index, node.saved_self_sym_sizes = axis, index, t._data.shape
    return make_output(np.take_along_axis(t._data, index, axis), node)


def _along_axis_key(index, axis):
    """The fancy-index key that addresses data[..., index[...], ...] along `axis`, as take_along_axis does."""
    grids = np.indices(index.shape, sparse=True)
    return tuple(index if d == axis else grids[d] for d in range(index.ndim))


class MaxBackward0(_DimExtremumBackward):
    __slots__ = ()


class MinBackward0(_DimExtremumBackward):
    __slots__ = ()


class MaximumBackward0(Node):
    __slots__ = ("saved_self", "saved_other")

    def backward(self, grad):
        return _pick_grads(self, grad, np.greater)


class MinimumBackward0(Node):
    __slots__ = ("saved_self", "saved_other")

    def backward(self, grad):
        return _pick_grads(self, grad, np.less)


def _pick_grads(node, grad, wins):
    """maximum/minimum: the winner gets the gradient, a tie splits it in half. torch's formula:
    where(self == other, grad / 2, grad).masked_fill_(<the other input wins>, 0)."""
    from .nn_ops import div_scalar, masked_fill
    from .unary import where

    a = node.unpack(node.saved_self)._data
    b = node.unpack(node.saved_other)._data
    tie = _constant(a == b)
    grad_self = grad_other = None
    if node.needs_input_grad(0):
        grad_self = masked_fill(where(tie, div_scalar(grad, 2), grad), _constant(wins(b, a)), 0)
    if node.needs_input_grad(1):
        grad_other = masked_fill(where(tie, div_scalar(grad, 2), grad), _constant(wins(a, b)), 0)
    return grad_self, grad_other


def _elementwise_extremum(name, input, other, cls, ufunc, position=2):
    tensor_arg(input, name)
    tensor_arg(other, name, "other", position)
    ta, tb, a, b = binary_operands(input, other, name)
    node = make_node(cls, ta, tb)
    if node is not None:
        node.saved_self = SavedTensor(ta)
        node.saved_other = SavedTensor(tb)
    return make_output(ufunc(a, b), node)


def maximum(input, other):
    return _elementwise_extremum("maximum", input, other, MaximumBackward0, np.maximum)


def minimum(input, other):
    return _elementwise_extremum("minimum", input, other, MinimumBackward0, np.minimum)


def _maximum_method(self, other):
    return _elementwise_extremum("maximum", self, other, MaximumBackward0, np.maximum, position=1)


def _minimum_method(self, other):
    return _elementwise_extremum("minimum", self, other, MinimumBackward0, np.minimum, position=1)


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


def _extremum(name, form, input, dim, keepdim, reduce, arg, full_cls, dim_cls, binary):
    _input_arg(name, form, input, dim, keepdim)
    if isinstance(dim, Tensor):
        return binary(input, dim)
    data = input._data
    if dim is _ALL:
        _check_nonempty(name, data, _ALL)
        node = make_node(full_cls, input)
        out = make_output(reduce(data), node)
        if node is not None:
            node.saved_self = SavedTensor(input)
            node.saved_result = SavedTensor(out, is_output=True)
        return out
    dim = _int_dim_arg(name, form, input, dim, keepdim)
    if type(keepdim) is not bool:
        raise invalid_call(name, form, input, (dim,), keepdim)
    axes = normalize_dims(dim, data.ndim)
    if data.ndim:
        _check_nonempty(name, data, axes[0])  # max(dim) names the wrapped dim
        indices = np.expand_dims(arg(data, axis=axes[0]), axes[0]) if data.size else None
        if indices is None:
            values = reduce(data, axis=axes[0], keepdims=True)
            indices = np.zeros(values.shape, dtype=np.int64)
        else:
            values = np.take_along_axis(data, indices, axes[0])
        if not keepdim:
            values, indices = values.squeeze(axes[0]), indices.squeeze(axes[0])
    else:
        values, indices = data.copy(), np.zeros((), dtype=np.int64)
    node = make_node(dim_cls, input)
    if node is not None:
        node.saved_dim = saved_dim(dim)
        node.saved_keepdim = keepdim
        node.saved_self_sym_sizes = data.shape
        node.axes = axes
    out_indices = make_output(c_order(indices.astype(np.int64, copy=False)), None)
    if node is not None:
        node.saved_indices = SavedTensor(out_indices)
    return return_types[name](make_output(c_order(values), node), out_indices)


def max(input, dim=_ALL, keepdim=False):
    return _extremum("max", FUNCTION, input, dim, keepdim, *_MAX)


def min(input, dim=_ALL, keepdim=False):
    return _extremum("min", FUNCTION, input, dim, keepdim, *_MIN)


def _max_method(self, dim=_ALL, keepdim=False):
    return _extremum("max", METHOD, self, dim, keepdim, *_MAX)


def _min_method(self, dim=_ALL, keepdim=False):
    return _extremum("min", METHOD, self, dim, keepdim, *_MIN)


_MAX = (np.max, np.argmax, MaxBackward1, MaxBackward0, maximum)
_MIN = (np.min, np.argmin, MinBackward1, MinBackward0, minimum)


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
class _AextremumBackward(Node):
    """amax/amin: ties along the reduced dims share the gradient equally (torch's scale_grad_by_count)."""

    __slots__ = ("saved_dim", "saved_keepdim", "saved_self", "saved_result", "self_shape", "axes")

    def backward(self, grad):
        x = self.unpack(self.saved_self)._data
        result = _kept_dims(self.unpack(self.saved_result), self)._data
        mask = x == result
        count = _constant(mask.sum(axis=self.axes, keepdims=True).astype(x.dtype))
        with np.errstate(invalid="ignore"):  # a NaN slice has no matches: 0 * inf = NaN, as in torch
            return ((_kept_dims(grad, self) / count) * _float_mask(mask, x.dtype),)


def _kept_dims(t, node):
    """torch's restore_reduced_dims: the reduced result reshaped to keepdim form (a ViewBackward0)."""
    if node.saved_keepdim:
        return t
    shape = tuple(1 if i in node.axes else n for i, n in enumerate(node.self_shape))
    if not (t._requires_grad and grad_mode.state.grad_enabled):
        return make_output(t._data.reshape(shape), None)
    from .views import reshape

    return reshape(t, shape)


class AmaxBackward0(_AextremumBackward):
    __slots__ = ()


class AminBackward0(_AextremumBackward):
    __slots__ = ()


def _aextremum(name, input, dim, keepdim, reduce, cls, form=FUNCTION):
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
    node = make_node(cls, input)
    if node is not None:
        node.saved_dim = saved_dim(dim if isinstance(dim, (tuple, list)) else (dim,))
        node.saved_keepdim = keepdim
        node.self_shape = data.shape
        node.axes = axes
        node.saved_self = SavedTensor(input)
    out = make_output(c_order(reduce(data, axis=axes, keepdims=keepdim)) if data.ndim else data.copy(), node)
    if node is not None:
        node.saved_result = SavedTensor(out, is_output=True)
    return out


def amax(input, dim=(), keepdim=False):
    return _aextremum("amax", input, dim, keepdim, np.max, AmaxBackward0)


def amin(input, dim=(), keepdim=False):
    return _aextremum("amin", input, dim, keepdim, np.min, AminBackward0)


def _amax_method(self, dim=(), keepdim=False):
    return _aextremum("amax", self, dim, keepdim, np.max, AmaxBackward0, METHOD)


def _amin_method(self, dim=(), keepdim=False):
    return _aextremum("amin", self, dim, keepdim, np.min, AminBackward0, METHOD)


# ---- logsumexp -----------------------------------------------------------------------------------
class LogsumexpBackward0(Node):
    __slots__ = ("saved_dim", "saved_keepdim", "saved_self", "saved_result", "self_shape", "axes")

    def backward(self, grad):
        from .arithmetic import exp

        input = self.unpack(self.saved_self)
        result = unsqueeze_reduced(self.unpack(self.saved_result), self)
        with np.errstate(invalid="ignore", over="ignore"):  # infinite slices give NaN, silently as in torch
            return (unsqueeze_reduced(grad, self) * exp(input - result),)


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
    node = make_node(LogsumexpBackward0, input)
    if node is not None:
        node.saved_dim = saved_dim(dim if isinstance(dim, (tuple, list)) else (dim,))
        node.saved_keepdim = keepdim
        node.self_shape = data.shape
        node.axes = axes
        node.saved_self = SavedTensor(input)
    out = make_output(c_order(_logsumexp(data, axes, keepdim)), node)
    if node is not None:
        node.saved_result = SavedTensor(out, is_output=True)
    return out


def logsumexp(input, dim=_ALL, keepdim=False):
    return _logsumexp_op(FUNCTION, input, dim, keepdim)


def _logsumexp_method(self, dim=_ALL, keepdim=False):
    return _logsumexp_op(METHOD, self, dim, keepdim)


def _logsumexp(data, axes, keepdim):
    """log(sum(exp(x))) shifted by the max for stability; an all -inf or +inf slice keeps its infinity."""
    if not axes:
        return data.copy()
    if not data.size:
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(data), axis=axes, keepdims=keepdim))
    shift = np.max(data, axis=axes, keepdims=True)
    shift = np.where(np.isinf(shift), 0, shift)
    with np.errstate(all="ignore"):
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
