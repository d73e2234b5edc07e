"""Reductions: sum, mean, prod, max/min (full, along a dim, elementwise), amax/amin, logsumexp.

A reduction over `dims` has a gradient of the reduced shape; `expand_reduced` broadcasts it back to the input
shape differentiably, so every backward formula below is itself differentiable (create_graph=True).
"""

import numpy as np

from .. import _dtype
from ..autograd import grad_mode
from . import Node, SavedTensor, Tensor, binary_operands, make_node, make_output, register_methods, tensor_arg

_UINT64 = 2**64


def normalize_dims(dim, ndim):
    """torch's dim argument (int or sequence) -> sorted tuple of non-negative axes, with torch's errors.
    A 0-d tensor accepts dim 0 / -1 and gives (0,)."""
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    low, high = (-1, 0) if ndim == 0 else (-ndim, ndim - 1)
    seen = []
    for d in dims:
        if not low <= d <= high:
            raise IndexError(
                f"Dimension out of range (expected to be in range of [{low}, {high}], but got {d})"
            )
        d = d % ndim if ndim else 0
        if d in seen:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        seen.append(d)
    return tuple(sorted(seen))


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
class ExpandBackward0(Node):
    """Backward of broadcasting a reduced gradient back to the input shape: sum it over the same dims."""

    __slots__ = ("saved_dims", "saved_keepdim")

    def backward(self, grad):
        return (sum(grad, self.saved_dims, self.saved_keepdim),)


def expand_reduced(grad, shape, dims, keepdim):
    """Broadcast `grad` (a reduction over axes `dims` of a `shape` tensor) back to `shape`, differentiably."""
    data = grad._data
    if not keepdim and dims:
        data = np.expand_dims(data, dims)
    node = make_node(ExpandBackward0, grad)
    if node is not None:
        node.saved_dims = dims
        node.saved_keepdim = keepdim
    return make_output(np.broadcast_to(data, shape), node)


def restore_reduced(t, node):
    """A reduction node's output-shaped tensor expanded back to the input shape."""
    return expand_reduced(t, node.saved_self_sym_sizes, node.axes, node.saved_keepdim)


# ---- sum -----------------------------------------------------------------------------------------
class SumBackward0(Node):
    __slots__ = ("saved_self_sym_sizes",)

    def backward(self, grad):
        shape = self.saved_self_sym_sizes
        return (expand_reduced(grad, shape, tuple(range(len(shape))), False),)


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


def sum(input, dim=_ALL, keepdim=False, *, dtype=None):
    tensor_arg(input, "sum")
    _check_autograd_dtype(input, dtype)
    data = input._data
    out_dtype = _sum_dtype(data, dtype)
    if dim is _ALL:
        if keepdim:
            raise TypeError(_SUM_SIGNATURE_ERROR)
        node = _reduction_node(SumBackward0, input, _ALL, False, None)
        return make_output(np.sum(data, dtype=out_dtype), node)
    axes = reduction_axes(dim, data.ndim)
    node = _reduction_node(SumBackward1, input, dim, keepdim, axes)
    return make_output(np.sum(data, axis=axes, keepdims=keepdim, dtype=out_dtype), node)


def sum_to(grad, shape):
    """Sum a broadcast gradient down to `shape` (the engine's reduction; differentiable under grad mode)."""
    lead = grad._data.ndim - len(shape)
    if lead:
        grad = sum(grad, tuple(range(lead)))
    ones = tuple(i for i, n in enumerate(shape) if n == 1 and grad._data.shape[i] != 1)
    if ones:
        grad = sum(grad, ones, keepdim=True)
    return grad


# ---- mean ----------------------------------------------------------------------------------------
class MeanBackward0(Node):
    __slots__ = ("saved_self_sym_sizes", "saved_self_sym_numel")

    def backward(self, grad):
        shape = self.saved_self_sym_sizes
        return (expand_reduced(grad, shape, tuple(range(len(shape))), False) / self.saved_self_sym_numel,)


class MeanBackward1(Node):
    __slots__ = ("saved_dim", "saved_keepdim", "saved_self_sym_sizes", "saved_self_sym_numel", "axes")

    def backward(self, grad):
        shape = self.saved_self_sym_sizes
        count = 1
        for axis in self.axes:
            count *= shape[axis]
        return (restore_reduced(grad, self) / count,)


def mean(input, dim=_ALL, keepdim=False, *, dtype=None):
    tensor_arg(input, "mean")
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
    total = np.sum(data, axis=axes, keepdims=keepdim, dtype=out_dtype)
    count = data.size // total.size if total.size else 0
    with np.errstate(invalid="ignore", divide="ignore"):
        return make_output(np.asarray(total / out_dtype.type(count), dtype=out_dtype), node)


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
        before = np.cumprod(np.concatenate([ones, np.delete(flat, -1, axis=ax)], axis=ax), axis=ax)
        rev = np.flip(np.delete(flat, 0, axis=ax), axis=ax)
        after = np.flip(np.cumprod(np.concatenate([ones, rev], axis=ax), axis=ax), axis=ax)
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
    if not np.any(self._data == 0):
        return grad * (result / self)
    return grad * _products_of_others(self, axis)


class ProdBackward0(Node):
    __slots__ = ("saved_self", "saved_result")

    def backward(self, grad):
        return (_prod_grad(grad, self.unpack(self.saved_self), self.unpack(self.saved_result), None),)


class ProdBackward1(Node):
    __slots__ = ("saved_dim", "saved_keepdim", "saved_self", "saved_result", "saved_self_sym_sizes", "axes")

    def backward(self, grad):
        input = self.unpack(self.saved_self)
        result = self.unpack(self.saved_result)
        if not input._data.ndim:
            return (grad,)
        grad = restore_reduced(grad, self)
        result = restore_reduced(result, self)
        return (_prod_grad(grad, input, result, self.axes[0]),)


def prod(input, dim=_ALL, keepdim=False, *, dtype=None):
    tensor_arg(input, "prod")
    if not isinstance(dim, int) and dim is not _ALL:
        raise TypeError(
            f"prod() received an invalid combination of arguments - got ({type(dim).__name__}), but expected "
            "one of:\n * (*, torch.dtype dtype = None)\n"
            " * (int dim, bool keepdim = False, *, torch.dtype dtype = None)\n"
        )
    _check_autograd_dtype(input, dtype)
    data = input._data
    out_dtype = _sum_dtype(data, dtype)
    if dim is _ALL:
        node = make_node(ProdBackward0, input)
        out = make_output(np.prod(data, dtype=out_dtype), node)
    else:
        axes = reduction_axes(dim, data.ndim)
        node = make_node(ProdBackward1, input)
        if node is not None:
            node.saved_dim = saved_dim(dim)
            node.saved_keepdim = keepdim
            node.saved_self_sym_sizes = data.shape
            node.axes = axes
        out = make_output(np.prod(data, axis=axes, keepdims=keepdim, dtype=out_dtype), node)
    if out._grad_fn is not None:
        node.saved_self = SavedTensor(input)
        node.saved_result = SavedTensor(out, is_output=True)
    return out


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
    """torch's evenly_distribute_backward: ties (or NaNs, if the result is NaN) share the gradient equally."""
    x, value = self._data, result._data
    mask = np.isnan(x) if np.isnan(value) else x == value
    return _float_mask(mask, x.dtype) * (grad / int(mask.sum()))


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
        selected = np.arange(shape[axis]).reshape((-1,) + (1,) * (len(shape) - axis - 1)) == indices
        return (restore_reduced(grad, self) * _float_mask(selected, grad._data.dtype),)


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
    """maximum/minimum: the winner gets the gradient, a tie splits it in half."""
    a = node.unpack(node.saved_self)._data
    b = node.unpack(node.saved_other)._data
    dtype = grad._data.dtype
    tie = _float_mask(a == b, dtype)
    split = grad * (1 - tie) + grad / 2 * tie
    grad_self = split * _float_mask(~wins(b, a), dtype) if node.needs_input_grad(0) else None
    grad_other = split * _float_mask(~wins(a, b), dtype) if node.needs_input_grad(1) else None
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


def _extremum(name, input, dim, keepdim, reduce, arg, full_cls, dim_cls, binary):
    tensor_arg(input, name)
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
    if not isinstance(dim, int):
        raise TypeError(f"{name}(): argument 'dim' must be int, not {type(dim).__name__}")
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
    out_indices = make_output(indices.astype(np.int64, copy=False), None)
    if node is not None:
        node.saved_indices = SavedTensor(out_indices)
    return return_types[name](make_output(values, node), out_indices)


def max(input, dim=_ALL, keepdim=False):
    return _extremum("max", input, dim, keepdim, np.max, np.argmax, MaxBackward1, MaxBackward0, maximum)


def min(input, dim=_ALL, keepdim=False):
    return _extremum("min", input, dim, keepdim, np.min, np.argmin, MinBackward1, MinBackward0, minimum)


# ---- amax / amin ---------------------------------------------------------------------------------
class _AextremumBackward(Node):
    """amax/amin: ties along the reduced dims share the gradient equally (torch's scale_grad_by_count)."""

    __slots__ = ("saved_dim", "saved_keepdim", "saved_self", "saved_result", "saved_self_sym_sizes", "axes")

    def backward(self, grad):
        x = self.unpack(self.saved_self)._data
        result = restore_reduced(self.unpack(self.saved_result), self)._data
        mask = x == result
        count = _constant(mask.sum(axis=self.axes, keepdims=True).astype(x.dtype))
        with np.errstate(invalid="ignore"):  # a NaN slice has no matches: 0 * inf = NaN, as in torch
            return ((restore_reduced(grad, self) / count) * _float_mask(mask, x.dtype),)


class AmaxBackward0(_AextremumBackward):
    __slots__ = ()


class AminBackward0(_AextremumBackward):
    __slots__ = ()


def _aextremum(name, input, dim, keepdim, reduce, cls):
    tensor_arg(input, name)
    data = input._data
    axes = reduction_axes(dim, data.ndim)
    _check_nonempty(name, data, dim)
    node = make_node(cls, input)
    if node is not None:
        node.saved_dim = saved_dim(dim if isinstance(dim, (tuple, list)) else (dim,))
        node.saved_keepdim = keepdim
        node.saved_self_sym_sizes = data.shape
        node.axes = axes
        node.saved_self = SavedTensor(input)
    out = make_output(reduce(data, axis=axes, keepdims=keepdim) if data.ndim else data.copy(), node)
    if node is not None:
        node.saved_result = SavedTensor(out, is_output=True)
    return out


def amax(input, dim=(), keepdim=False):
    return _aextremum("amax", input, dim, keepdim, np.max, AmaxBackward0)


def amin(input, dim=(), keepdim=False):
    return _aextremum("amin", input, dim, keepdim, np.min, AminBackward0)


# ---- logsumexp -----------------------------------------------------------------------------------
class LogsumexpBackward0(Node):
    __slots__ = ("saved_dim", "saved_keepdim", "saved_self", "saved_result", "saved_self_sym_sizes", "axes")

    def backward(self, grad):
        from .arithmetic import exp

        input = self.unpack(self.saved_self)
        result = restore_reduced(self.unpack(self.saved_result), self)
        with np.errstate(invalid="ignore", over="ignore"):  # infinite slices give NaN, silently as in torch
            return (restore_reduced(grad, self) * exp(input - result),)


def logsumexp(input, dim=_ALL, keepdim=False):
    tensor_arg(input, "logsumexp")
    if dim is _ALL:
        raise TypeError('logsumexp() missing 1 required positional arguments: "dim"')
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
        node.saved_self_sym_sizes = data.shape
        node.axes = axes
        node.saved_self = SavedTensor(input)
    out = make_output(_logsumexp(data, axes, keepdim), node)
    if node is not None:
        node.saved_result = SavedTensor(out, is_output=True)
    return out


def _logsumexp(data, axes, keepdim):
    """log(sum(exp(x))) shifted by the max for stability; an all -inf or +inf slice keeps its infinity."""
    if not axes:
        return data.copy()
    if not data.size:
        with np.errstate(divide="ignore"):
            return np.log(np.sum(np.exp(data), axis=axes, keepdims=keepdim))
    shift = np.max(data, axis=axes, keepdims=True)
    shift = np.where(np.isinf(shift), 0, shift)
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.log(np.sum(np.exp(data - shift), axis=axes, keepdims=True)) + shift
    return total if keepdim else total.squeeze(axes)


register_methods(
    sum=sum,
    mean=mean,
    prod=prod,
    max=max,
    min=min,
    amax=amax,
    amin=amin,
    maximum=_maximum_method,
    minimum=_minimum_method,
    logsumexp=logsumexp,
)
