"""cumsum, cumprod, cummax/cummin, logcumsumexp and flip. Forwards only: their autograd stories are rows in
derivatives/cumulative.py; the helpers their formulas call (torch's FunctionsManual: cumprod_backward,
cummaxmin_backward, logcumsumexp_backward and the jvps) are here, registered in `at`.

torch's CPU cumsum and cumprod accumulate floats in double and integers (and bools) into int64."""

import numpy as np

from .._core import dtypes as _dtype
from .._core import grad_mode
from .._core.arguments import NOT_GIVEN, dtype_arg, int_arg, int_list_varargs, is_int, tensor_arg
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import cumulative as rows
from ..derivatives import views as view_rows
from . import inplace, make_output, register_methods
from .joining import cat
from .reductions import check_dims_in_range, normalize_dims, return_type, saved_dim
from .signatures import parse, signatures


def _scan_input(name, input, dim, dtype):
    """The array a cumulative sum or product scans, cast as torch casts it, and the dim checked."""
    tensor_arg(input, name)
    if dim is NOT_GIVEN:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
    dim = int_arg(dim, name, "dim", 2)
    if dtype is not None and type(dtype) is not _dtype.dtype:
        dtype = dtype_arg(dtype, name)
    data = input._data
    check_dims_in_range((dim,), data.ndim)
    if dtype is not None:
        if dtype.numpy == np.bool_:  # torch's scan kernels have no bool instance
            raise NotImplementedError(f"\"{name}_out_cpu\" not implemented for 'Bool'")
        data = data.astype(dtype.numpy)
    elif data.dtype.kind in "biu":
        data = data.astype(np.int64)
    return data, dim, dtype


def _scan(ufunc, data, dim):
    if data.ndim == 0:
        return data.copy()
    if data.dtype.kind == "f":
        with silent():
            return ufunc.accumulate(data, axis=dim, dtype=np.float64).astype(data.dtype)
    return ufunc.accumulate(data, axis=dim, dtype=data.dtype)  # wraps around in the dtype, as torch


def cumsum(input, dim=NOT_GIVEN, *, dtype=None):
    data, dim, dtype = _scan_input("cumsum", input, dim, dtype)
    return rows.CUMSUM.record(_scan(np.add, data, dim), input, saved_dim(dim), dtype, _dim=dim)


def _cumsum_method(self, dim=NOT_GIVEN, *, dtype=None):
    return cumsum(self, dim, dtype=dtype)


def cumsum_backward(grad, dim):
    """A reversed cumulative sum; a single element (or a dim of size 1) passes the gradient through."""
    if grad.numel() <= 1 or grad.size(dim) == 1:
        return grad
    return grad.flip(dim).cumsum(dim).flip(dim)


def cumprod(input, dim=NOT_GIVEN, *, dtype=None):
    data, dim, dtype = _scan_input("cumprod", input, dim, dtype)
    return rows.CUMPROD.record(_scan(np.multiply, data, dim), input, saved_dim(dim), dtype, _dim=dim)


def _cumprod_method(self, dim=NOT_GIVEN, *, dtype=None):
    return cumprod(self, dim, dtype=dtype)


def _check_inplace_dtype(self, dtype):
    if dtype is not None and type(dtype) is _dtype.dtype and dtype.numpy != self._data.dtype:
        raise RuntimeError(
            f"Bad in-place call: input tensor dtype {_dtype.from_numpy(self._data.dtype)._cpp} and output "
            f"tensor dtype {dtype._cpp} should match"
        )


def cumsum_(self, dim=NOT_GIVEN, *, dtype=None):
    tensor_arg(self, "cumsum_", "self")
    _check_inplace_dtype(self, dtype)
    return inplace(self, cumsum, dim, dtype=dtype)


def cumprod_(self, dim=NOT_GIVEN, *, dtype=None):
    tensor_arg(self, "cumprod_", "self")
    _check_inplace_dtype(self, dtype)
    return inplace(self, cumprod, dim, dtype=dtype)


def _slice_from(t, dim, start):
    """C++'s `t.slice(dim, start)`: the end not given (saved as None, where Python's t[start:] saves
    INT64_MAX)."""
    array = t._data[(slice(None),) * dim + (slice(start, None),)]
    return view_rows.SLICE.record(array, t, dim, start, None, 1)


def _reversed_cumsum(w, dim):
    return w.flip(dim).cumsum(dim).flip(dim)


def cumprod_backward(grad, input, dim, output):
    """torch's cumprod_backward: sum_{j >= k} grad_j * y_j / x_k where no input is zero; with zeros, an O(n)
    formula on the values when no graph is recorded, and the twice-differentiable O(n^2) one when it is."""
    if input.numel() <= 1:
        return grad
    dim = dim % input.dim()
    dim_size = input.size(dim)
    if dim_size == 1:
        return grad
    w = output * grad
    is_zero = input._data == 0
    if not is_zero.any():
        return _reversed_cumsum(w, dim).div(input)
    if not grad_mode.state.grad_enabled:
        return make_output(_cumprod_backward_with_zeros(grad._data, input._data, dim, is_zero), None)
    grad_input = at.zeros_like(grad)
    ones_size = list(input.shape)
    ones_size[dim] = 1
    ones = make_output(np.ones((1,), grad._data.dtype), None).expand(ones_size)
    for k in range(dim_size):
        if k == 0:
            prods_from_k_plus_1 = _slice_from(input, dim, k + 1).cumprod(dim)
            omitted_products = cat([ones, prods_from_k_plus_1], dim)
        elif k == dim_size - 1:
            omitted_products = at.slice_dim(input, dim, 0, k, 1).prod(dim, True)
        else:
            prods_until_k = at.slice_dim(input, dim, 0, k, 1).prod(dim, True)
            prods_from_k_plus_1 = _slice_from(input, dim, k + 1).cumprod(dim)
            omitted_products = prods_until_k.expand_as(prods_from_k_plus_1) * prods_from_k_plus_1
            omitted_products = cat([prods_until_k, omitted_products], dim)
        grad_input.select(dim, k).copy_((_slice_from(grad, dim, k) * omitted_products).sum(dim))
    return grad_input


def _cumprod_backward_with_zeros(grad, x, dim, is_zero):
    """The values of cumprod's gradient when x has zeros: before the first zero of a row y_j / x_k as usual;
    at the first zero the product of the others up to each j < the second zero; after it nothing."""
    zeros_so_far = np.cumsum(is_zero, axis=dim)
    before = zeros_so_far == 0
    with silent():
        y = np.cumprod(x, axis=dim)
        w = np.where(before, y * grad, 0)
        rev = np.flip(np.cumsum(np.flip(w, dim), axis=dim), dim)
        result = np.where(before, rev / np.where(before, x, 1), 0).astype(grad.dtype)
        first_zero = is_zero & (zeros_so_far == 1)
        between = (zeros_so_far == 1) & ~first_zero
        after_first = np.cumprod(np.where(between, x, 1), axis=dim) * np.where(zeros_so_far == 1, grad, 0)
        prefix = np.prod(np.where(before, x, 1), axis=dim, keepdims=True)
        at_zero = np.sum(after_first, axis=dim, keepdims=True) * prefix
    return np.where(first_zero, at_zero, result).astype(grad.dtype)


def cumprod_jvp(self_t, self_p, result, dim):
    """torch's cumprod_jvp: (t / x).cumsum * y, and past a row's first zero the product with the zero's
    place taken by its tangent."""
    gradient = (self_t / self_p).cumsum(dim) * result
    if self_p.dim() == 0:
        return at.where(self_p.eq(0), self_t, gradient)
    mask_zeros = self_p.eq(0)
    mask_first_zero = mask_zeros.logical_and(mask_zeros.cumsum(dim).eq(1))
    new_grad = at.where(mask_first_zero, self_t, self_p).cumprod(dim)
    mask_after_first_zero = mask_first_zero.cumsum(dim)
    return at.where(mask_after_first_zero.to(_dtype.bool), new_grad, gradient)


_CUMMAX = return_type("cummax")
_CUMMIN = return_type("cummin")


def _cumulative_extremum(name, input, dim, row, wins):
    tensor_arg(input, name)
    dim = int_arg(dim, name, "dim", 2)
    data = input._data
    check_dims_in_range((dim,), data.ndim)
    values = data.copy()
    indices = np.zeros(data.shape, np.int64)
    if data.ndim and data.size:
        axis = normalize_dims((dim,), data.ndim)[0]
        moved = np.moveaxis(values, axis, 0)
        moved_indices = np.moveaxis(indices, axis, 0)
        best, best_index = moved[0].copy(), np.zeros(moved.shape[1:], np.int64)
        with silent():
            for i in range(moved.shape[0]):
                current = moved[i]
                if data.dtype.kind == "f":  # a nan wins, and stays until the next nan
                    take = np.isnan(current) | (~np.isnan(best) & wins(current, best))
                else:
                    take = wins(current, best)
                best = np.where(take, current, best)
                best_index = np.where(take, i, best_index)
                moved[i] = best
                moved_indices[i] = best_index
    outs = row.record((values, indices), input, saved_dim(dim), _dim=dim)
    return (_CUMMAX if name == "cummax" else _CUMMIN)(*outs)


def cummax(input, dim):
    return _cumulative_extremum("cummax", input, dim, rows.CUMMAX, np.greater_equal)


def cummin(input, dim):
    return _cumulative_extremum("cummin", input, dim, rows.CUMMIN, np.less_equal)


def cummaxmin_backward(grad, input, indices, dim):
    if input.numel() == 0:
        return input
    return at.scatter_add(at.zeros_like(input), dim, indices, grad)


def logcumsumexp(input, dim):
    tensor_arg(input, "logcumsumexp")
    dim = int_arg(dim, "logcumsumexp", "dim", 2)
    data = input._data
    check_dims_in_range((dim,), data.ndim)
    if data.dtype.kind != "f":
        name = _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(data.dtype)].split()[-1].capitalize()
        raise NotImplementedError(f"\"logcumsumexp_out_cpu\" not implemented for '{name}'")
    if data.ndim == 0 or data.size == 0:
        result = data.copy()
    else:
        with silent():
            result = np.logaddexp.accumulate(data.astype(np.float64), axis=dim).astype(data.dtype)
    return rows.LOGCUMSUMEXP.record(result, input, saved_dim(dim), _dim=dim)


def logcumsumexp_backward(grad, self, result, dim):
    """torch's: the positive and the negative parts of grad each through a reversed logcumsumexp, so that
    nothing overflows."""
    if grad.dim() == 0 or grad.numel() == 0:
        return grad
    lowest = make_output(np.array(np.finfo(grad._data.dtype).min, grad._data.dtype), None)

    def reverse_logcumsumexp(x):
        return x.flip(dim).logcumsumexp(dim).flip(dim)

    log_abs_grad = grad.abs().log()
    log_grad_positive = at.where(grad > 0, log_abs_grad, lowest)
    log_grad_negative = at.where(grad < 0, log_abs_grad, lowest)
    output_pos = (reverse_logcumsumexp(log_grad_positive - result) + self).exp()
    output_neg = (reverse_logcumsumexp(log_grad_negative - result) + self).exp()
    return output_pos - output_neg


def logcumsumexp_jvp(self_p, self_t, dim):
    """torch's: exp(x - max) * t, cumulatively summed, over exp(x - max) cumulatively summed (+ 1e-13)."""
    self_p_exp = (self_p - self_p.max(dim, True)[0]).exp()
    cumsumexp_p = self_p_exp.cumsum(dim)
    return (self_p_exp * self_t).cumsum(dim) / (cumsumexp_p + 1e-13)


def _flip(input, dims):
    data = input._data
    check_dims_in_range(dims, data.ndim)
    axes = normalize_dims(dims, data.ndim) if data.ndim else ()
    result = np.flip(data, axes).copy() if axes else data.copy()
    return rows.FLIP.record(result, input, saved_dim(dims), _dims=dims)


# int[] dims, unsized: a lone int is refused (torch.flip(x, 0)), except as the method's varargs (x.flip(0))
_FLIP_FUNCTION = signatures("(Tensor input, tuple of ints dims)", unsized=("dims",))
_FLIP_METHOD = signatures("(tuple of ints dims)", unsized=("dims",))


def flip(*args, **kwargs):
    _, v = parse("flip", _FLIP_FUNCTION, args, kwargs)
    return _flip(v["input"], v["dims"])


def _flip_method(self, *args, **kwargs):
    if kwargs or len(args) == 1 and not is_int(args[0]):
        _, v = parse("flip", _FLIP_METHOD, args, kwargs)
        return _flip(self, v["dims"])
    return _flip(self, int_list_varargs(args, "flip", "dims"))


register_methods(
    cumsum=_cumsum_method,
    cumsum_=cumsum_,
    cumprod=_cumprod_method,
    cumprod_=cumprod_,
    cummax=cummax,
    cummin=cummin,
    logcumsumexp=logcumsumexp,
    flip=_flip_method,
)
at.register(
    cumsum_backward=cumsum_backward,
    cumprod_backward=cumprod_backward,
    cumprod_jvp=cumprod_jvp,
    cummaxmin_backward=cummaxmin_backward,
    logcumsumexp_backward=logcumsumexp_backward,
    logcumsumexp_jvp=logcumsumexp_jvp,
)
