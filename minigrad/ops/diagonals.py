"""tril, triu (and tril_, triu_), tril_indices, triu_indices, diagonal (a view), diag, diag_embed, trace, and
diagonal_backward. Forwards only: their autograd stories are rows in derivatives/diagonals.py.

torch.diag is composite: a vector becomes diag_embed's matrix, a matrix gives diagonal_copy's vector (a copy,
not a view). trace sums in the accumulating type (int64 for integers) and refuses bool.
"""

import numpy as np

from .._core import dtypes as _dtype
from ..derivatives import at
from ..derivatives import diagonals as rows
from . import inplace, make_output, register_methods, tensor_arg
from .reductions import saved_dim
from .signatures import check_out, parse, signatures, write_out
from .views import wrap_dim


# ---- tril / triu -------------------------------------------------------------------------------------------
def _triangle(name, input, diagonal, out=None):
    data = input._data
    if data.ndim < 2:
        raise RuntimeError(f"{name}: input tensor must have at least 2 dimensions")
    check_out(name, out, input)
    n, m = data.shape[-2:]
    # tril keeps j - i <= diagonal, triu keeps j - i >= diagonal
    keep = np.tri(n, m, diagonal, dtype=bool) if name == "tril" else ~np.tri(n, m, diagonal - 1, dtype=bool)
    result = np.where(keep, data, np.zeros((), data.dtype))
    if out is not None:
        return write_out(out, result)
    return (rows.TRIL if name == "tril" else rows.TRIU).record(
        result, input, saved_dim(diagonal), _diagonal=diagonal
    )


_TRIANGLE_FUNCTION = signatures("(Tensor input, int diagonal = 0, *, Tensor out = None)")
_TRIANGLE_METHOD = signatures("(int diagonal = 0)")


def _triangle_ops(name):
    def function(*args, **kwargs):
        _, v = parse(name, _TRIANGLE_FUNCTION, args, kwargs)
        return _triangle(name, v["input"], v["diagonal"], v["out"])

    def method(self, *args, **kwargs):
        _, v = parse(name, _TRIANGLE_METHOD, args, kwargs)
        return _triangle(name, self, v["diagonal"])

    def inplace_method(self, *args, **kwargs):
        _, v = parse(f"{name}_", _TRIANGLE_METHOD, args, kwargs)
        return inplace(self, lambda t, diagonal: _triangle(name, t, diagonal), v["diagonal"])

    function.__name__ = name
    return function, method, inplace_method


tril, _tril_method, _tril_inplace = _triangle_ops("tril")
triu, _triu_method, _triu_inplace = _triangle_ops("triu")


# ---- tril_indices / triu_indices: the coordinates of a triangle, row by row ------------------------------
_INDICES = signatures("(int row, int col, int offset = 0, *, torch.dtype dtype = None)")


def _triangle_indices(name, args, kwargs):
    requires_grad = kwargs.pop("requires_grad", False)
    kwargs.pop("device", None)  # (the CPU is the only device)
    _, v = parse(name, _INDICES, args, kwargs)
    row, col, offset = v["row"], v["col"], v["offset"]
    dtype = v["dtype"] or _dtype.int64
    if row < 0:
        raise RuntimeError(f"row must be non-negative, got{row}")
    if col < 0:
        raise RuntimeError(f"col must be non-negative, got{col}")
    if dtype not in (_dtype.int64, _dtype.int32):
        raise NotImplementedError(f"\"{name}\" not implemented for '{_dtype.SCALAR_TYPE_NAMES[dtype]}'")
    if requires_grad:
        raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
    if name == "tril_indices":
        rows_, cols = np.tril_indices(row, offset, col)
    else:
        rows_, cols = np.triu_indices(row, offset, col)
    return make_output(np.stack([rows_, cols]).astype(dtype.numpy), None)


def tril_indices(*args, **kwargs):
    return _triangle_indices("tril_indices", args, kwargs)


def triu_indices(*args, **kwargs):
    return _triangle_indices("triu_indices", args, kwargs)


# ---- diagonal ----------------------------------------------------------------------------------------------
def _diagonal_axes(data, offset, dim1, dim2):
    d1, d2 = wrap_dim(dim1, data.ndim), wrap_dim(dim2, data.ndim)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return d1, d2


def _diagonal_view(data, offset, d1, d2):
    """The numpy view torch's diagonal makes: the other dims in order, then the diagonal, stepping by the sum
    of the two dims' strides from the first element on it."""
    n1, n2 = data.shape[d1], data.shape[d2]
    length = max(min(n1, n2 - offset) if offset >= 0 else min(n1 + offset, n2), 0)
    start = data
    if length:  # (an empty diagonal starts where the tensor does, as torch's storage offset)
        start = (
            data[(slice(None),) * d2 + (slice(offset, None),)]
            if offset >= 0
            else data[(slice(None),) * d1 + (slice(-offset, None),)]
        )
    others = [d for d in range(data.ndim) if d not in (d1, d2)]
    shape = [data.shape[d] for d in others] + [length]
    strides = [data.strides[d] for d in others] + [data.strides[d1] + data.strides[d2]]
    return np.lib.stride_tricks.as_strided(start, shape, strides, writeable=start.flags.writeable)


def _diagonal(input, offset, dim1, dim2):
    data = input._data
    d1, d2 = _diagonal_axes(data, offset, dim1, dim2)
    view = _diagonal_view(data, offset, d1, d2)
    return rows.DIAGONAL.record(
        view, input, saved_dim(offset), saved_dim(dim1), saved_dim(dim2), _offset=offset, _dims=(dim1, dim2)
    )


_DIAGONAL_FUNCTION = signatures("(Tensor input, int offset = 0, int dim1 = 0, int dim2 = 1)")
_DIAGONAL_METHOD = signatures("(int offset = 0, int dim1 = 0, int dim2 = 1)")


def diagonal(*args, **kwargs):
    _, v = parse("diagonal", _DIAGONAL_FUNCTION, args, kwargs)
    return _diagonal(v["input"], v["offset"], v["dim1"], v["dim2"])


def _diagonal_method(self, *args, **kwargs):
    _, v = parse("diagonal", _DIAGONAL_METHOD, args, kwargs)
    return _diagonal(self, v["offset"], v["dim1"], v["dim2"])


def diagonal_copy(input, offset, dim1, dim2):
    data = input._data
    d1, d2 = _diagonal_axes(data, offset, dim1, dim2)
    result = _diagonal_view(data, offset, d1, d2).copy()
    return rows.DIAGONAL_COPY.record(
        result, input, saved_dim(offset), saved_dim(dim1), saved_dim(dim2), _offset=offset, _dims=(dim1, dim2)
    )


def diagonal_backward(grad, input_sizes, offset, dim1, dim2):
    """zeros(input_sizes) with grad written on the diagonal (diagonal's gradient, an op of its own)."""
    data = np.zeros(input_sizes, grad._data.dtype)
    d1, d2 = wrap_dim(dim1, data.ndim), wrap_dim(dim2, data.ndim)
    _diagonal_view(data, offset, d1, d2)[...] = grad._data
    return rows.DIAGONAL_BACKWARD.record(
        data,
        grad,
        tuple(input_sizes),
        saved_dim(offset),
        saved_dim(dim1),
        saved_dim(dim2),
        _offset=offset,
        _dims=(dim1, dim2),
    )


# ---- diag_embed / diag -------------------------------------------------------------------------------------
def _diag_embed(input, offset, dim1, dim2):
    data = input._data
    ndim = data.ndim + 1
    d1, d2 = wrap_dim(dim1, ndim), wrap_dim(dim2, ndim)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    n = (data.shape[-1] if data.ndim else 1) + abs(offset)
    shape = list(data.shape[:-1]) if data.ndim else []
    for d in sorted((d1, d2)):
        shape.insert(d, n)
    result = np.zeros(shape, data.dtype)
    _diagonal_view(result, offset, d1, d2)[...] = data
    return rows.DIAG_EMBED.record(
        result, input, saved_dim(offset), saved_dim(dim1), saved_dim(dim2), _offset=offset, _dims=(dim1, dim2)
    )


_DIAG_EMBED_FUNCTION = signatures("(Tensor input, int offset = 0, int dim1 = -2, int dim2 = -1)")
_DIAG_EMBED_METHOD = signatures("(int offset = 0, int dim1 = -2, int dim2 = -1)")


def diag_embed(*args, **kwargs):
    _, v = parse("diag_embed", _DIAG_EMBED_FUNCTION, args, kwargs)
    return _diag_embed(v["input"], v["offset"], v["dim1"], v["dim2"])


def _diag_embed_method(self, *args, **kwargs):
    _, v = parse("diag_embed", _DIAG_EMBED_METHOD, args, kwargs)
    return _diag_embed(self, v["offset"], v["dim1"], v["dim2"])


def _diag(input, diagonal, out=None):
    ndim = input._data.ndim
    if ndim not in (1, 2):
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {ndim}D")
    check_out("diag", out, input)
    result = _diag_embed(input, diagonal, -2, -1) if ndim == 1 else diagonal_copy(input, diagonal, 0, 1)
    if out is not None:
        return write_out(out, result._data)
    return result


_DIAG_FUNCTION = signatures("(Tensor input, int diagonal = 0, *, Tensor out = None)")
_DIAG_METHOD = signatures("(int diagonal = 0)")


def diag(*args, **kwargs):
    _, v = parse("diag", _DIAG_FUNCTION, args, kwargs)
    return _diag(v["input"], v["diagonal"], v["out"])


def _diag_method(self, *args, **kwargs):
    _, v = parse("diag", _DIAG_METHOD, args, kwargs)
    return _diag(self, v["diagonal"])


# ---- trace -------------------------------------------------------------------------------------------------
def trace(input):
    tensor_arg(input, "trace")
    data = input._data
    if data.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {data.ndim}")
    if data.dtype == np.bool_:
        raise NotImplementedError("\"trace\" not implemented for 'Bool'")
    accumulate = np.int64 if data.dtype.kind in "iu" else data.dtype
    result = np.asarray(np.trace(data, dtype=accumulate if data.dtype.kind in "iu" else np.float64)).astype(
        accumulate
    )
    return rows.TRACE.record(result, input)


def _trace_method(self, *args, **kwargs):
    if args or kwargs:
        raise TypeError(f"TensorBase.trace() takes no arguments ({len(args) + len(kwargs)} given)")
    return trace(self)


def trace_backward(grad, sizes):
    """torch's trace_backward: zeros(n * m), grad written at the diagonal's min(n, m) flat positions by
    index_fill_, viewed as the matrix."""
    n, m = sizes
    flat = make_output(np.zeros(n * m, grad._data.dtype), None)
    positions = make_output(np.arange(min(n, m), dtype=np.int64) * (m + 1), None)
    return at.index_fill(flat, 0, positions, grad).view(n, m)


register_methods(
    tril=_tril_method,
    triu=_triu_method,
    tril_=_tril_inplace,
    triu_=_triu_inplace,
    diagonal=_diagonal_method,
    diag=_diag_method,
    diag_embed=_diag_embed_method,
    trace=_trace_method,
)
at.register(diagonal_backward=diagonal_backward, diagonal_copy=diagonal_copy, trace_backward=trace_backward)
