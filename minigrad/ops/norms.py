"""Norms: linalg.vector_norm (the one row, derivatives/norms.py), linalg.matrix_norm and linalg.norm built on
it as torch builds them (LinearAlgebra.cpp), and torch.norm / Tensor.norm, torch's Python functions that
dispatch to those two (torch/functional.py). norm_backward and norm_jvp below are torch's FunctionsManual.

The norms an SVD computes (the matrix 2-norm and -2-norm, the nuclear norm) are not implemented: they raise
NotImplementedError saying so.
"""

import numpy as np

from .._core import dtypes as _dtype
from .._core.fp import silent
from .._core.layout import c_order
from ..derivatives import at
from ..derivatives import norms as rows
from . import Tensor, make_output, register_methods, tensor_arg
from .reductions import amax, amin, normalize_dims, reduction_axes, saved_dims, unsqueeze_multiple
from .signatures import check_out, parse, signatures, write_out

_VECTOR_NORM = signatures(
    "(Tensor input, Number ord = 2, tuple of ints dim = None, bool keepdim = False, *, "
    "torch.dtype dtype = None, Tensor out = None)"
)
_MATRIX_NORM = signatures(
    "(Tensor input, Number ord, tuple of ints dim = {-2,-1}, bool keepdim = False, *, "
    "torch.dtype dtype = None, Tensor out = None)",
    '(Tensor input, str ord = "fro", tuple of ints dim = {-2,-1}, bool keepdim = False, *, '
    "torch.dtype dtype = None, Tensor out = None)",
)
_NORM = signatures(
    "(Tensor input, Number ord = None, tuple of ints dim = None, bool keepdim = False, *, "
    "torch.dtype dtype = None, Tensor out = None)",
    "(Tensor input, str ord, tuple of ints dim = None, bool keepdim = False, *, "
    "torch.dtype dtype = None, Tensor out = None)",
)
_MATRIX_DIMS = (-2, -1)  # (torch prints the default as {-2,-1}, which is no Python literal)

_NARROWING = {"float64": ("float16", "float32"), "float32": ("float16",)}


def _name(dtype):
    return _dtype.SCALAR_TYPE_NAMES[dtype]


def _order_text(ord):
    """An order as torch's messages print a Scalar: 2, 2.5, inf, -inf, nan."""
    if isinstance(ord, float) and ord.is_integer():
        return str(int(ord))
    return str(ord)


# ---- linalg.vector_norm --------------------------------------------------------------------------------
def _vector_norm(input, ord, dim, keepdim, dtype, out=None):
    """linalg_vector_norm with its arguments checked; `dim` a tuple or None."""
    check_out("linalg_vector_norm", out, input)
    data = input._data
    if data.dtype.kind != "f":
        raise RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
            f"{_name(input.dtype)}"
        )
    if dtype is not None:
        if not dtype.is_floating_point:
            raise RuntimeError(
                f"linalg.vector_norm: dtype should be floating point or complex, but got {_name(dtype)}"
            )
        if dtype.numpy.name in _NARROWING.get(data.dtype.name, ()):
            raise RuntimeError(
                f"linalg.vector_norm: the dtype of the input ({_name(input.dtype)}) should be convertible "
                f"without narrowing to the specified dtype ({_name(dtype)})"
            )
    if dim is not None:
        normalize_dims(dim, data.ndim)
    axes = reduction_axes(dim, data.ndim)
    order = float(ord)
    if order < 0 or np.isinf(order):
        _check_identity(order, data, dim, axes)
    result = _norm_values(data, order, axes, keepdim and data.ndim > 0)
    result = c_order(result.astype(data.dtype if dtype is None else dtype.numpy))
    if out is not None:
        return write_out(out, result, exact=True)
    return rows.LINALG_VECTOR_NORM.record(
        result, input, ord, saved_dims(dim), keepdim, dtype, _dims=() if dim is None else tuple(dim)
    )


def _check_identity(order, data, dim, axes):
    """max, min and negative powers have no value for nothing: torch refuses to reduce an empty dim."""
    if not data.size:
        what = _order_text(order)
        if dim is None or not dim:
            raise RuntimeError(
                f"linalg.vector_norm cannot compute the {what} norm on an empty tensor because the operation "
                "does not have an identity"
            )
        for d in dim:
            if data.ndim and data.shape[d % data.ndim] == 0:
                raise RuntimeError(  # (sic: no space after the dim)
                    f"linalg.vector_norm cannot compute the {what} norm on the dimension {d}because this "
                    "dimension is empty and the operation does not have an identity"
                )


def _norm_values(data, order, axes, keepdims):
    """The p-norm of data over axes, in double (float for float16)."""
    x = np.abs(data.astype(np.float32 if data.dtype == np.float16 else np.float64))
    with silent():  # |0| ** negative: inf, and a norm of 0, silently
        if order == 0:
            return np.count_nonzero(x, axis=axes, keepdims=keepdims).astype(x.dtype)
        if order == np.inf:  # (an empty reduced dim was refused: `initial` only serves empty results)
            return np.max(x, axis=axes, keepdims=keepdims, initial=0.0)
        if order == -np.inf:
            return np.min(x, axis=axes, keepdims=keepdims, initial=np.inf)
        if order == 1:
            return np.sum(x, axis=axes, keepdims=keepdims)
        if order == 2:
            return np.sqrt(np.sum(x * x, axis=axes, keepdims=keepdims))
        return np.sum(x**order, axis=axes, keepdims=keepdims) ** (1.0 / order)


def norm_dim(input, p, dim, keepdim=False):
    """ATen's norm.ScalarOpt_dim over one dim (NormBackward1), which C++ composites call as at::norm."""
    data = input._data
    dims = (dim,)
    normalize_dims(dims, data.ndim)
    order = float(p)
    if order < 0 or np.isinf(order):
        _check_identity(order, data, dims, None)
    result = _norm_values(data, order, reduction_axes(dims, data.ndim), keepdim and data.ndim > 0)
    result = c_order(result.astype(data.dtype))
    return rows.NORM_DIM.record(result, input, order, saved_dims(dims), keepdim, _dims=dims)


def vector_norm(*args, **kwargs):
    _, v = parse("linalg_vector_norm", _VECTOR_NORM, args, kwargs)
    return _vector_norm(v["input"], v["ord"], v["dim"], v["keepdim"], v["dtype"], v["out"])


# ---- linalg.matrix_norm --------------------------------------------------------------------------------
def _matrix_norm(input, ord, dim, keepdim, dtype, out=None):
    """linalg_matrix_norm (both overloads): 'fro' is a 2-norm of the elements, the 1 and inf norms the
    largest (smallest for -1, -inf) 1-norm of a column (row); the others need an SVD."""
    tensor_arg(input, "linalg_matrix_norm")
    if isinstance(ord, str) and ord not in ("fro", "nuc"):
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if not isinstance(ord, str) and abs(ord) not in (1, 2, np.inf):
        raise RuntimeError(f"linalg.matrix_norm: Order {_order_text(ord)} not supported.")
    if input._data.dtype.kind != "f":
        raise RuntimeError(
            "linalg.matrix_norm: Expected a floating point or complex tensor as input. Got "
            f"{_name(input.dtype)}"
        )
    ndim = input._data.ndim
    if ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
    if len(dim) != 2:
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {' '.join(map(str, dim))}")
    first, second = normalize_dims((dim[0],), ndim)[0], normalize_dims((dim[1],), ndim)[0]
    if first == second:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got ({dim[0]}, {dim[1]})")
    if ord == "fro":
        return _vector_norm(input, 2, (first, second), keepdim, dtype, out)
    if ord == "nuc" or abs(ord) == 2:
        raise NotImplementedError(
            f"minigrad: the matrix norm of order {ord} needs a singular value decomposition, which minigrad "
            "does not implement"
        )
    if abs(ord) == np.inf:
        first, second = second, first
    if not keepdim and first < second:
        second -= 1
    check_out("linalg_matrix_norm", out, input)
    column_norms = _vector_norm(input, 1.0, (first,), keepdim, dtype)
    shape = column_norms._data.shape
    if ord > 0 and shape[second] == 0:  # torch: the largest of no norms is 0, a constant (amin raises)
        shape = shape[:second] + ((1,) if keepdim else ()) + shape[second + 1 :]
        result = make_output(np.zeros(shape, column_norms._data.dtype), None)
    else:
        result = (amax if ord > 0 else amin)(column_norms, second, keepdim)
    if out is not None:
        return write_out(out, result._data, exact=True)
    return result


def matrix_norm(*args, **kwargs):
    _, v = parse("linalg_matrix_norm", _MATRIX_NORM, args, kwargs)
    dim = _MATRIX_DIMS if v["dim"] == {-2, -1} else v["dim"]
    return _matrix_norm(v["input"], v["ord"], dim, v["keepdim"], v["dtype"], v["out"])


# ---- linalg.norm ---------------------------------------------------------------------------------------
def linalg_norm(*args, **kwargs):
    """A vector norm, or a matrix norm for an order and two dims (given, or a 2-D input's)."""
    _, v = parse("linalg_norm", _NORM, args, kwargs)
    input, ord, dim, keepdim, dtype, out = (v[k] for k in ("input", "ord", "dim", "keepdim", "dtype", "out"))
    if isinstance(ord, str):
        return _matrix_norm(input, ord, dim if dim is not None else (0, 1), keepdim, dtype, out)
    ndim = input._data.ndim
    if dim is not None:
        if len(dim) not in (1, 2):
            dims = "[" + ", ".join(map(str, dim)) + "]"
            raise RuntimeError(f"linalg.norm: If dim is specified, it must be of length 1 or 2. Got {dims}")
    elif ord is not None and ndim not in (1, 2):
        raise RuntimeError(
            f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {ndim}D."
        )
    if ord is not None and ((dim is not None and len(dim) == 2) or (dim is None and ndim == 2)):
        return _matrix_norm(input, ord, dim if dim is not None else (0, 1), keepdim, dtype, out)
    return _vector_norm(input, 2.0 if ord is None else ord, dim, keepdim, dtype, out)


# ---- torch.norm / Tensor.norm: torch's Python dispatch ----------------------------------------------------
def norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None):
    """torch.norm: a vector norm for a number p (2 for None) or 'fro' over at most two dims, else a matrix
    norm ('nuc', or 'fro' over more dims, which matrix_norm refuses)."""
    dims = None if dim is None else [dim] if isinstance(dim, int) else dim
    if isinstance(p, str):
        if p == "fro" and (dim is None or isinstance(dim, int) or len(dim) <= 2):
            return _vector_norm_call(input, 2, dims, keepdim, dtype, out)
        if dims is None:
            dims = list(range(input.ndim))
        return _matrix_norm_call(input, p, dims, keepdim, dtype, out)
    return _vector_norm_call(input, 2.0 if p is None else p, dims, keepdim, dtype, out)


def _vector_norm_call(input, ord, dim, keepdim, dtype, out):
    kwargs = {"dtype": dtype} if out is None else {"dtype": dtype, "out": out}
    return vector_norm(input, ord, dim, keepdim, **kwargs)


def _matrix_norm_call(input, ord, dim, keepdim, dtype, out):
    kwargs = {"dtype": dtype} if out is None else {"dtype": dtype, "out": out}
    return matrix_norm(input, ord, dim, keepdim, **kwargs)


def _norm_method(self, p="fro", dim=None, keepdim=False, dtype=None):
    return norm(self, p, dim, keepdim, dtype=dtype)


# ---- torch's FunctionsManual ---------------------------------------------------------------------------
def _mask(array):
    return make_output(array, None)


def norm_backward(grad, self, p, norm, dims, keepdim):
    """The gradient of a p-norm over dims (() for all) of self."""
    ndim = self._data.ndim
    p = float(p)
    if not keepdim and ndim:
        grad = unsqueeze_multiple(grad, dims, ndim)
        norm = unsqueeze_multiple(norm, dims, ndim)
    if p == 0.0:
        return None
    if p == 1.0:
        return self.sgn() * grad
    if p == 2.0:
        return grad * (self / norm).masked_fill(norm == 0, 0)
    if np.isinf(p):
        self_abs = self.abs()
        mask = self_abs.eq(norm).logical_or(_mask(np.isnan(self_abs._data)))
        return self.sgn() * ((grad / mask.sum(dims, True)) * mask)
    if p < 1.0:
        self_scaled = self.sgn() * self.abs().pow(p - 1).masked_fill(self == 0, 0)
        return self_scaled * grad * norm.pow(1 - p)
    if p < 2.0:
        self_scaled = self.sgn() * self.abs().pow(p - 1)
    else:
        self_scaled = self * self.abs().pow(p - 2)
    scale_v = (grad / norm.pow(p - 1)).masked_fill(norm == 0, 0)
    return self_scaled * scale_v


def norm_jvp(self_p, self_t, p, norm, dims, keepdim):
    """The tangent of a p-norm over dims (() for all)."""
    ndim = self_p._data.ndim
    p = float(p)
    if p == 0.0:
        return make_output(np.zeros(norm._data.shape, norm._data.dtype), None)
    if p == 1.0:
        return (self_p.sgn() * self_t).sum(dims, keepdim)
    if p == 2.0:
        return ((self_p * self_t).sum(dims, keepdim) / norm).masked_fill(norm == 0, 0)
    if np.isinf(p):
        if not keepdim and ndim:
            norm = unsqueeze_multiple(norm, dims, ndim)
        both_nan = np.isnan(self_p._data) & np.isnan(norm._data)
        is_eq_max = (self_p.abs() == norm).logical_or(_mask(both_nan)).type_as(norm)
        nb_max = is_eq_max.sum(dims, True)
        return (self_p.sgn() * self_t * is_eq_max / nb_max).sum(dims, keepdim)
    if p < 1.0:
        powers = self_p.abs().pow(p - 1).masked_fill(self_p == 0, 0)
        return (powers * (self_p.sgn() * self_t)).sum(dims, keepdim) * norm.pow(1 - p)
    if p < 2.0:
        sumpow_t = (self_p.abs().pow(p - 1) * (self_p.sgn() * self_t)).sum(dims, keepdim)
    else:
        sumpow_t = (self_p.abs().pow(p - 2) * (self_p * self_t)).sum(dims, keepdim)
    return (sumpow_t / norm.pow(p - 1)).masked_fill(norm == 0, 0)


at.register(norm_backward=norm_backward, norm_jvp=norm_jvp, norm_dim=norm_dim)
register_methods(norm=_norm_method)
_ = Tensor
