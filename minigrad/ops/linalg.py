"""Matrix products: mm addmm mv addmv dot bmm baddbmm outer (ger), tensordot, inner, kron and matmul (`@`),
the inverse (linalg.inv_ex, linalg.inv, inverse), matrix_power, multi_dot, the cross product (linalg.cross,
cross), and through an LU factorization the determinants (det, slogdet, logdet) and linalg.solve.

matmul is composite, like torch's _matmul_impl: it picks dot/mv/mm, folds batch dimensions into mm when it can
(should_fold) and otherwise expands, reshapes and calls bmm. The resulting graph (node names, views, copies)
is the same as torch's because it is built from the same view ops. Each product's autograd story is its row
in derivatives/linalg.py.
"""

import numpy as np

from .._core import grad_mode
from .._core.arguments import NOT_GIVEN, given_kwargs, int_arg, invalid_arguments, is_number
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.fp import silent
from .._core.grad_mode import no_grad
from .._core.memory_format import contiguous_format
from .._core.tensor import as_zero_tensor
from .._core.warn_once import warn_once
from ..derivatives import at
from ..derivatives import linalg as rows
from . import Tensor, checked_scalar, make_output, python_operator, register_methods, tensor_arg
from .diagonals import diag_embed
from .reductions import saved_dim
from .signatures import check_out, parse, signatures, write_out
from .unary import where
from .views import contiguous, expand, mT, reshape, squeeze, t, unsafe_view, unsqueeze, wrap_dim


def _same_dtype(a, b, message):
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(message(a.dtype, b.dtype))


def _name(dtype):
    return SCALAR_TYPE_NAMES[dtype]


# ---- the gradients of mm and addmm (torch's FunctionsManual) ----------------------------------------------
def _column_major(sizes, strides):
    return strides[0] == 1 and strides[1] == sizes[0]


def mm_mat1_backward(grad, mat2, mat1_sizes, mat1_strides, alpha):
    """d (mat1 @ mat2) / d mat1: a column-major mat1 gets its gradient computed transposed (the same values,
    laid out like mat1, and another graph under create_graph=True)."""
    if _column_major(mat1_sizes, mat1_strides):
        return at.maybe_multiply(mat2.mm(grad.t()).t(), alpha)
    return at.maybe_multiply(grad.mm(mat2.t()), alpha)


def mm_mat2_backward(grad, mat1, mat2_sizes, mat2_strides, alpha):
    if _column_major(mat2_sizes, mat2_strides):
        return at.maybe_multiply(grad.t().mm(mat1).t(), alpha)
    return at.maybe_multiply(mat1.t().mm(grad), alpha)


def outer_unchecked(input, vec2):
    """torch's outer (and ger), composite: input.reshape(n, 1) * vec2 (ViewBackward0, MulBackward0)."""
    return reshape(input, (input._data.shape[0], 1)) * vec2


def outer(input, vec2):
    tensor_arg(input, "outer")
    tensor_arg(vec2, "outer", "vec2", 2)
    for name, v in (("self", input), ("vec2", vec2)):
        if v._data.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {v._data.ndim}-D")
    return outer_unchecked(input, vec2)


def ger(input, vec2):
    tensor_arg(input, "ger")
    tensor_arg(vec2, "ger", "vec2", 2)
    return outer(input, vec2)


def _outer_method(self, vec2):
    tensor_arg(vec2, "outer", "vec2", 1)
    return outer(self, vec2)


def _ger_method(self, vec2):
    tensor_arg(vec2, "ger", "vec2", 1)
    return outer(self, vec2)


def _shape_text(shape):
    return ", ".join(map(str, shape))


# ---- mm / addmm --------------------------------------------------------------------------------------------
def mm(input, mat2):
    tensor_arg(input, "mm")
    tensor_arg(mat2, "mm", "mat2", 2)
    if input._data.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if mat2._data.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    (n, m1), (m2, p) = input._data.shape, mat2._data.shape
    if m1 != m2:  # before the dtypes, like torch
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{m1} and {m2}x{p})")
    _same_dtype(
        input, mat2, lambda a, b: f"expected m1 and m2 to have the same dtype, but got: {a._cpp} != {b._cpp}"
    )
    with silent():  # 0 * inf and overflow: silently, as in torch
        return rows.MM.record(np.matmul(input._data, mat2._data), input, mat2)


def _python_number(value):
    return value.item() if hasattr(value, "item") else value


_ADDMM_OVERLOADS = (
    "(Tensor input, Tensor mat1, Tensor mat2, *, Number beta = 1, Number alpha = 1, Tensor out = None)",
    "(Tensor input, Tensor mat1, Tensor mat2, torch.dtype out_dtype, *, Number beta = 1, Number alpha = 1, "
    "Tensor out = None)",
)


def addmm(input, mat1, mat2, *, beta=NOT_GIVEN, alpha=NOT_GIVEN):
    """beta * input + alpha * (mat1 @ mat2), input broadcast to the product's shape."""
    # with beta= or alpha= both overloads are candidates, so any bad argument is an "invalid combination"
    kwargs = given_kwargs(beta=beta, alpha=alpha)
    tensors = all(isinstance(x, Tensor) for x in (input, mat1, mat2))
    if (kwargs and not tensors) or not all(is_number(v) for v in kwargs.values()):
        raise invalid_arguments("addmm", (input, mat1, mat2), kwargs, _ADDMM_OVERLOADS)
    tensor_arg(input, "addmm")
    tensor_arg(mat1, "addmm", "mat1", 2)
    tensor_arg(mat2, "addmm", "mat2", 3)
    beta = 1 if beta is NOT_GIVEN else _python_number(beta)
    alpha = 1 if alpha is NOT_GIVEN else _python_number(alpha)
    if input._data.dtype != mat2._data.dtype:
        raise RuntimeError(
            f"self and mat2 must have the same dtype, but got {_name(input.dtype)} and {_name(mat2.dtype)}"
        )
    if mat1._data.dtype != mat2._data.dtype:
        raise RuntimeError(
            f"mat1 and mat2 must have the same dtype, but got {_name(mat1.dtype)} and {_name(mat2.dtype)}"
        )
    for name, m in (("mat1", mat1), ("mat2", mat2)):
        if m._data.ndim != 2:
            raise RuntimeError(f"{name} must be a matrix, got {m._data.ndim}-D tensor")
    (n, m1), (m2, p) = mat1._data.shape, mat2._data.shape
    if m1 != m2:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{m1} and {m2}x{p})")
    bias = expand(input, (n, p))._data  # torch's expand error for a bias that does not broadcast
    result = _scaled_sum(bias, np.matmul(mat1._data, mat2._data), beta, alpha)
    return rows.ADDMM.record(result, input, mat1, mat2, beta, alpha)


_ADD_PRODUCT = (
    "(Tensor input, Tensor {a}, Tensor {b}, *, Number beta = 1, Number alpha = 1, Tensor out = None)"
)
_ADD_PRODUCT_METHOD = "({a}, Tensor {b}, *, Number beta = 1, Number alpha = 1)"
_ADDMV_FUNCTION = signatures(_ADD_PRODUCT.format(a="mat", b="vec"))
_ADDMV_METHOD = signatures(_ADD_PRODUCT_METHOD.format(a="Tensor mat", b="vec"))
_BADDBMM_FUNCTION = signatures(_ADD_PRODUCT.format(a="batch1", b="batch2"))
_BADDBMM_METHOD = signatures(_ADD_PRODUCT_METHOD.format(a="Tensor batch1", b="batch2"))


def _scaled_sum(bias, product, beta, alpha):
    """beta * bias + alpha * product, as torch's kernels: beta and alpha read in the tensors' dtype (0.5 is 0
    for int64, 2**70 overflows), and beta == 0 ignores the bias (its nan and inf too)."""
    beta_value, alpha_value = checked_scalar(beta, product.dtype), checked_scalar(alpha, product.dtype)
    with silent():
        result = product if alpha == 1 else product * alpha_value
        if beta != 0:
            result = result + (bias if beta == 1 else bias * beta_value)
    return np.ascontiguousarray(result)


def _addmv(input, mat, vec, beta, alpha, out=None):
    check_out("addmv", out, input, mat, vec)
    if mat._data.ndim != 2 or vec._data.ndim != 1:
        raise RuntimeError(
            f"vector + matrix @ vector expected, got {input._data.ndim}, {mat._data.ndim}, {vec._data.ndim}"
        )
    (n, m), k = mat._data.shape, vec._data.shape[0]
    bias = input._data.shape
    if m != k or len(bias) > 1 or (bias and bias[0] not in (1, n)):
        raise RuntimeError(f"size mismatch, got input ({_shape_text(bias)}), mat ({n}x{m}), vec ({k})")
    if not input._data.dtype == mat._data.dtype == vec._data.dtype:
        raise RuntimeError(
            "addmv input tensors must have the same dtype, but got "
            f"{_name(input.dtype)}, {_name(mat.dtype)}, and {_name(vec.dtype)}"
        )
    with silent():
        product = np.matmul(mat._data, vec._data)
    result = _scaled_sum(np.broadcast_to(input._data, (n,)), product, beta, alpha)
    if out is not None:
        return write_out(out, result)
    return rows.ADDMV.record(result, input, mat, vec, beta, alpha)


def addmv(*args, **kwargs):
    _, v = parse("addmv", _ADDMV_FUNCTION, args, kwargs)
    return _addmv(v["input"], v["mat"], v["vec"], v["beta"], v["alpha"], v["out"])


def _addmv_method(self, *args, **kwargs):
    _, v = parse("addmv", _ADDMV_METHOD, args, kwargs)
    return _addmv(self, v["mat"], v["vec"], v["beta"], v["alpha"])


def _size(t, dim):
    if not t._data.ndim:
        raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
    return t._data.shape[wrap_dim(dim, t._data.ndim)]


def _baddbmm(input, batch1, batch2, beta, alpha, out=None):
    check_out("baddbmm", out, input, batch1, batch2)
    # torch sizes the result and expands the bias to it before it looks at the batches' dims
    target = (_size(batch1, 0), _size(batch1, 1), _size(batch2, 2))
    bias = expand(input, target)._data  # torch's expand error for a bias that does not broadcast
    if batch1._data.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if batch2._data.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    (b, _, m), (b2, m2, _) = batch1._data.shape, batch2._data.shape
    if b2 != b or m2 != m:
        raise RuntimeError(
            "Expected size for first two dimensions of batch2 tensor to be: "
            f"[{b}, {m}] but got: [{b2}, {m2}]."
        )
    if input._data.dtype != batch1._data.dtype:
        raise RuntimeError(
            f"Input dtypes must be the same, got: input {input.dtype._cpp}, batch1: {batch1.dtype._cpp}, "
            f"batch2: {batch2.dtype._cpp}"
        )
    _same_dtype(batch1, batch2, lambda x, y: f"expected scalar type {_name(x)} but found {_name(y)}")
    with silent():
        product = np.matmul(batch1._data, batch2._data)
    result = _scaled_sum(bias, product, beta, alpha)
    if out is not None:
        return write_out(out, result)
    return rows.BADDBMM.record(result, input, batch1, batch2, beta, alpha)


def baddbmm(*args, **kwargs):
    _, v = parse("baddbmm", _BADDBMM_FUNCTION, args, kwargs)
    return _baddbmm(v["input"], v["batch1"], v["batch2"], v["beta"], v["alpha"], v["out"])


def _baddbmm_method(self, *args, **kwargs):
    _, v = parse("baddbmm", _BADDBMM_METHOD, args, kwargs)
    return _baddbmm(self, v["batch1"], v["batch2"], v["beta"], v["alpha"])


# ---- tensordot / inner: composite, as torch's ------------------------------------------------------------
_TENSORDOT_DIMS = (
    "tensordot expects dims to be int or tuple[list[int], list[int]] or list[list[int]] containing two lists"
)


def tensordot(a, b, dims=2, out=None):
    """torch.tensordot (torch/functional.py) turns dims into two lists, then torch's kernel: contracted dims
    of size 1 summed first, then permute + reshape + mm + reshape (a full contraction of contiguous operands
    is a dot of their flattenings, of others a multiply and sum)."""
    if isinstance(dims, bool) or not isinstance(dims, tuple | list | Tensor | int):
        raise RuntimeError(f"{_TENSORDOT_DIMS}, but got dims={dims}")
    if isinstance(dims, tuple | list):
        dims_a, dims_b = dims
    elif isinstance(dims, Tensor) and dims.numel() > 1:
        dims_a, dims_b = dims[0].tolist(), dims[1].tolist()
    else:
        count = int(dims.item()) if isinstance(dims, Tensor) else dims
        if count < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        if isinstance(dims, int) and count > min(a._data.ndim, b._data.ndim):
            raise RuntimeError(f"tensordot expects dims < ndim_a or ndim_b, but got dims={dims}")
        dims_a, dims_b = list(range(-count, 0)), list(range(count))
    result = _tensordot(a, b, _dim_list(dims_a), _dim_list(dims_b))
    if out is not None:
        check_out("tensordot", out, a, b)
        return write_out(out, result._data, exact=True)
    return result


def _dim_list(dims):
    return [int(dims)] if isinstance(dims, int) else [int(d) for d in dims]


def _tensordot(input1, input2, dims1, dims2):
    tensor_arg(input1, "tensordot")
    tensor_arg(input2, "tensordot", "other", 2)
    if len(dims1) != len(dims2):
        raise RuntimeError("both dimension lists should have same length")
    if input1._data.dtype != input2._data.dtype:
        raise RuntimeError("both inputs should have same dtype")
    shape1, shape2 = input1._data.shape, input2._data.shape
    t1, t2, contracted = input1, input2, 1
    for d1, d2 in zip(dims1, dims2):
        s1, s2 = shape1[wrap_dim(d1, len(shape1))], shape2[wrap_dim(d2, len(shape2))]
        if s2 == 1:  # a broadcast dim is summed right away
            t1 = t1.sum(d1, True, dtype=t1.dtype)
        elif s1 == 1:
            t2 = t2.sum(d2, True, dtype=t2.dtype)
        else:
            if s1 != s2:
                raise RuntimeError(
                    f"contracted dimensions need to match, but first has size {s1} in dim {d1} and second "
                    f"has size {s2} in dim {d2}"
                )
            contracted *= s1
    kept1 = [i for i in range(len(shape1)) if i not in {wrap_dim(d, len(shape1)) for d in dims1}]
    kept2 = [i for i in range(len(shape2)) if i not in {wrap_dim(d, len(shape2)) for d in dims2}]
    sizes = [t1._data.shape[i] for i in kept1] + [t2._data.shape[i] for i in kept2]
    size1 = int(np.prod([t1._data.shape[i] for i in kept1]))
    size2 = int(np.prod([t2._data.shape[i] for i in kept2]))
    t1, t2 = t1.permute(kept1 + dims1), t2.permute(dims2 + kept2)
    if size1 != 1 or size2 != 1:
        return mm(t1.reshape(size1, contracted), t2.reshape(contracted, size2)).reshape(sizes)
    if t1.is_contiguous() and t2.is_contiguous():
        return dot(t1.flatten(), t2.flatten()).reshape(sizes)
    return (t1.squeeze() * t2.squeeze()).sum(dtype=t1.dtype).reshape(sizes)


def inner(input, other):
    tensor_arg(input, "inner")
    tensor_arg(other, "inner", "other", 2)
    if input._data.ndim == 0 or other._data.ndim == 0:
        return input * other
    if input._data.shape[-1] != other._data.shape[-1]:
        raise RuntimeError(
            "inner() the last dimension must match on both input tensors but got shapes "
            f"[{_shape_text(input._data.shape)}] and [{_shape_text(other._data.shape)}]"
        )
    return _tensordot(input, other, [-1], [-1])


def _inner_method(self, other):
    tensor_arg(other, "inner", "other", 1)
    return inner(self, other)


# ---- the inverse -------------------------------------------------------------------------------------------
class LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError (torch._C._LinAlgError): a singular matrix and the like."""


LinAlgError.__name__ = LinAlgError.__qualname__ = "_LinAlgError"
LinAlgError.__module__ = "torch._C"


def _first_zero_pivot(matrix):
    """LAPACK getrf's info for one matrix: the 1-based index of the first exactly zero pivot of its LU
    factorization with partial pivoting (0: none)."""
    lu = np.array(matrix, dtype=np.float64)
    n = lu.shape[0]
    for k in range(n):
        pivot = k + int(np.argmax(np.abs(lu[k:, k])))
        if lu[pivot, k] == 0:
            return k + 1
        lu[[k, pivot]] = lu[[pivot, k]]
        lu[k + 1 :, k] /= lu[k, k]
        lu[k + 1 :, k + 1 :] -= np.outer(lu[k + 1 :, k], lu[k, k + 1 :])
    return 0


def _check_invertible_input(name, A):
    data = A._data
    if data.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor A must have at least 2 dimensions.")
    if data.shape[-1] != data.shape[-2]:
        raise RuntimeError(
            f"{name}: A must be batches of square matrices, but they are {data.shape[-2]} by "
            f"{data.shape[-1]} matrices"
        )
    if data.dtype.kind != "f":
        raise RuntimeError(
            f"{name}: Expected a floating point or complex tensor as input. Got {_name(A.dtype)}"
        )
    if data.dtype == np.float16:
        raise RuntimeError(f"{name}: Low precision dtypes not supported. Got {_name(A.dtype)}")


def _inverse(A):
    """(inverse, info) as numpy arrays: info is getrf's. The inverse of a singular matrix is nan here, where
    LAPACK leaves a mix of inf and nan (only inv_ex returns it)."""
    data = A._data
    batch = data.shape[:-2]
    flat = data.reshape((int(np.prod(batch)),) + data.shape[-2:])
    info = np.array([_first_zero_pivot(m) for m in flat], np.int32).reshape(batch)
    with silent():
        inverse = np.empty_like(flat)
        for i, m in enumerate(flat):
            inverse[i] = np.linalg.inv(m) if not info.flat[i] else np.full(m.shape, np.nan, m.dtype)
    # laid out as LAPACK leaves it: each matrix column-major
    column_major = np.ascontiguousarray(np.swapaxes(inverse.reshape(data.shape), -1, -2))
    return np.swapaxes(column_major, -1, -2), info


def _raise_singular(name, info, batched):
    bad = np.flatnonzero(info)
    if bad.size:
        where = f"(Batch element {int(bad[0])}): " if batched else ""
        raise LinAlgError(
            f"{name}: {where}The diagonal element {int(info.flat[bad[0]])} is zero, the inversion could not "
            "be completed because the input matrix is singular."
        )


def result_type(name, fields):
    """A torch.return_types class: a tuple with named fields, printed as torch prints it."""

    def __new__(cls, *values):
        return tuple.__new__(cls, values)

    def __repr__(self):
        body = ",\n".join(f"{field}={value!r}" for field, value in zip(fields, self))
        return f"torch.return_types.{name}(\n{body})"

    namespace = {"__slots__": (), "__new__": __new__, "__repr__": __repr__, "__str__": __repr__}
    for i, field in enumerate(fields):
        namespace[field] = property(lambda self, i=i: self[i])
    cls = type(name, (tuple,), namespace)
    cls.__module__ = "torch.return_types"
    return cls


InvEx = result_type("linalg_inv_ex", ("inverse", "info"))


def inv_ex(A, *, check_errors=False, out=None):
    tensor_arg(A, "linalg_inv_ex", "A", 1)
    _check_invertible_input("linalg.inv", A)
    inverse, info = _inverse(A)
    if check_errors:
        _raise_singular("linalg.inv_ex", info, A._data.ndim > 2)
    check_out("linalg_inv_ex", out and out[0], A)
    if out is not None:
        return InvEx(write_out(out[0], inverse, exact=True), write_out(out[1], info))
    return InvEx(*rows.LINALG_INV_EX.record((inverse, info), A, check_errors))


def inv(A, *, out=None):
    tensor_arg(A, "linalg_inv", "A", 1)
    _check_invertible_input("linalg.inv", A)
    check_out("linalg_inv_ex", out, A)
    inverse, info = _inverse(A)
    _raise_singular("linalg.inv", info, A._data.ndim > 2)
    if out is not None:
        return write_out(out, inverse, exact=True)
    return rows.LINALG_INV_EX.record((inverse, info), A, False)[0]


def inverse(input, *, out=None):
    tensor_arg(input, "inverse")
    return inv(input, out=out)


def _inverse_method(self):
    return inverse(self)


# ---- kron: composite, as torch's KronImpl -----------------------------------------------------------------
def _unsafe_view_checked(t, shape):
    """at::_unsafe_view: torch's view error when the strides do not allow it (the product of a transposed
    matrix keeps its layout)."""
    if not t._data.flags.c_contiguous and t._data.size:
        with no_grad():
            t.view(shape)
    return unsafe_view(t, shape)


def kron(input, other):
    """Both operands padded to the same dims and interleaved with 1s (a: (n, 1, ...), b: (1, m, ...)), their
    product viewed as the (n * m, ...) result."""
    tensor_arg(input, "kron")
    tensor_arg(other, "kron", "other", 2)
    a, b = input._data.shape, other._data.shape
    ndim = max(len(a), len(b))
    a = (1,) * (ndim - len(a)) + a
    b = (1,) * (ndim - len(b)) + b
    a_shape = tuple(x for n in a for x in (n, 1))
    b_shape = tuple(x for n in b for x in (1, n))
    product = _unsafe_view_checked(input, a_shape) * _unsafe_view_checked(other, b_shape)
    return _unsafe_view_checked(product, tuple(n * m for n, m in zip(a, b)))


def _kron_method(self, other):
    tensor_arg(other, "kron", "other", 1)
    return kron(self, other)


# ---- the cross product -------------------------------------------------------------------------------------
_CROSS_DIM_DEPRECATED = (
    "Using torch.cross without specifying the dim arg is deprecated.\n"
    "Please either pass the dim explicitly or simply use torch.linalg.cross.\n"
    "The default value of dim will change to agree with that of linalg.cross in a future release. "
    "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Cross.cpp:63.)"
)


def _linalg_cross(input, other, dim, out=None):
    a, b = input._data, other._data
    if a.ndim != b.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    axis = wrap_dim(dim, a.ndim)
    if a.shape[axis] != 3 or b.shape[axis] != 3:
        raise RuntimeError(
            f"linalg.cross: inputs dimension {dim} must have length 3. "
            f"Got {a.shape[axis]} and {b.shape[axis]}"
        )
    shape = _broadcast_batch(a.shape, b.shape)
    _same_dtype(input, other, lambda x, y: f"expected scalar type {_name(x)} but found {_name(y)}")
    check_out("linalg_cross", out, input, other)
    with silent():
        result = np.cross(np.broadcast_to(a, shape), np.broadcast_to(b, shape), axis=axis)
    if out is not None:
        return write_out(out, result, exact=True)
    return rows.LINALG_CROSS.record(np.ascontiguousarray(result), input, other, saved_dim(dim), _dim=dim)


def linalg_cross(input, other, *, dim=-1, out=None):
    tensor_arg(input, "linalg_cross")
    tensor_arg(other, "linalg_cross", "other", 2)
    return _linalg_cross(input, other, int_arg(dim, "linalg_cross", "dim", None), out)


def cross(input, other, dim=None, *, out=None):
    """torch.cross: linalg.cross along `dim`; without one (deprecated, warned once) along the first dim of
    size 3."""
    tensor_arg(input, "cross")
    tensor_arg(other, "cross", "other", 2)
    if dim is None:
        warn_once(_CROSS_DIM_DEPRECATED)
        shape = _broadcast_batch(input._data.shape, other._data.shape)
        dim = next((d for d, n in enumerate(shape) if n == 3), None)
        if dim is None:
            raise RuntimeError("no dimension of size 3 in input")
    return _linalg_cross(input, other, int_arg(dim, "cross", "dim", 3), out)


def _cross_method(self, other, dim=None):
    tensor_arg(other, "cross", "other", 1)
    return cross(self, other, dim)


# ---- matrix_power: composite, as torch's ------------------------------------------------------------------
def matrix_power(A, n):
    """A^n: a copy for n = 0 (of the identity) and n = 1, the inverse for n = -1, otherwise products of
    matmuls by binary decomposition (of the inverse for n < 0)."""
    tensor_arg(A, "linalg_matrix_power", "A", 1)
    n = int_arg(n, "linalg_matrix_power", "n", 2)
    data = A._data
    if data.ndim < 2:
        raise RuntimeError("linalg.matrix_power: The input tensor A must have at least 2 dimensions.")
    if data.shape[-1] != data.shape[-2]:
        raise RuntimeError(
            f"linalg.matrix_power: A must be batches of square matrices, but they are {data.shape[-2]} by "
            f"{data.shape[-1]} matrices"
        )
    if n == 0:
        identity = make_output(np.broadcast_to(np.eye(data.shape[-1], dtype=data.dtype), data.shape), None)
        return A.clone(memory_format=contiguous_format).copy_(identity)
    if n == 1:
        return A.clone(memory_format=contiguous_format)
    if n == -1:
        return inv(A)
    a = inv(A) if n < 0 else A
    n = abs(n)
    if n == 2:
        return matmul(a, a)
    if n == 3:
        return matmul(matmul(a, a), a)
    result = z = None
    while n > 0:
        z = a if z is None else matmul(z, z)
        n, bit = divmod(n, 2)
        if bit:
            result = z if result is None else matmul(result, z)
    return result


# ---- multi_dot: composite, as torch's ----------------------------------------------------------------------
def multi_dot(tensors, *, out=None):
    """A chain of mm in the cheapest order (torch's: a cost comparison for three, the textbook dynamic
    programme for more), a 1-D first (last) operand as a row (column), the product viewed as the result."""
    tensors = list(tensors)
    n = len(tensors)
    if n < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {n}")
    first, last = tensors[0], tensors[-1]
    shape = []
    if first._data.ndim == 1:
        chain = [first.unsqueeze(0)]
    elif first._data.ndim == 2:
        chain = [first]
        shape.append(first._data.shape[0])
    else:
        raise RuntimeError(f"multi_dot(): the first tensor must be 1D or 2D but got {first._data.ndim}D")
    for i, t_ in enumerate(tensors[1:-1], 1):
        if t_._data.ndim != 2:
            raise RuntimeError(f"multi_dot(): tensor {i} must be 2D but got {t_._data.ndim}D")
        chain.append(t_)
    if last._data.ndim == 1:
        chain.append(last.unsqueeze(-1))
    elif last._data.ndim == 2:
        chain.append(last)
        shape.append(last._data.shape[1])
    else:
        raise RuntimeError(f"multi_dot(): the last tensor must be 1D or 2D but got {last._data.ndim}D")
    for i in range(1, n):
        if chain[i]._data.dtype != chain[0]._data.dtype:
            raise RuntimeError(
                "multi_dot(): all tensors must have be the same dtype but tensor 0 is "
                f"{chain[0].dtype._cpp} and tensor {i} {chain[i].dtype._cpp}"
            )
        if chain[i - 1]._data.shape[-1] != chain[i]._data.shape[0]:
            raise RuntimeError(
                f"multi_dot(): tensors {i - 1} and {i} with shapes "
                f"[{_shape_text(tensors[i - 1]._data.shape)}] and [{_shape_text(tensors[i]._data.shape)}] "
                "cannot be multiplied"
            )
    check_out("linalg_multi_dot", out, *tensors)
    if n == 2:
        result = mm(chain[0], chain[1])
    elif n == 3:
        a, b = chain[0]._data.shape
        c, d = chain[2]._data.shape
        if (a * c) * (b + d) > (b * d) * (a + c):
            result = mm(chain[0], mm(chain[1], chain[2]))
        else:
            result = mm(mm(chain[0], chain[1]), chain[2])
    else:
        result = _chain_product(chain, _chain_order(chain))
    if out is not None:
        return write_out(out, result._data.reshape(shape), exact=True)
    return result.view(shape)


def _chain_order(chain):
    """split[i][j]: where the cheapest product of chain[i..j] splits (the first of equally cheap ones)."""
    dims = [chain[0]._data.shape[0]] + [t_._data.shape[1] for t_ in chain]
    n = len(chain)
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = None
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost[i][j] is None or q < cost[i][j]:
                    cost[i][j], split[i][j] = q, k
    return split


def _chain_product(chain, split):
    """The product of the whole chain in the order `split` gives (an explicit stack: no recursion)."""
    results = {}
    pending = [(0, len(chain) - 1, False)]
    while pending:
        i, j, ready = pending.pop()
        if i == j:
            results[i, j] = chain[i]
        elif ready:
            k = split[i][j]
            results[i, j] = mm(results[i, k], results[k + 1, j])
        else:
            k = split[i][j]
            pending += [(i, j, True), (k + 1, j, False), (i, k, False)]
    return results[0, len(chain) - 1]


# ---- mv / dot / bmm ----------------------------------------------------------------------------------------
def mv(input, vec):
    tensor_arg(input, "mv")
    tensor_arg(vec, "mv", "vec", 2)
    if input._data.ndim == 0:  # torch sizes the result with mat.size(0) first
        raise IndexError("Dimension specified as 0 but tensor has no dimensions")
    if input._data.ndim != 2 or vec._data.ndim != 1:
        # torch's message counts the dims of (result, mat, vec); the result is a vector
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {input._data.ndim}, {vec._data.ndim}")
    (n, m), k = input._data.shape, vec._data.shape[0]
    if m != k:
        raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{m}), vec ({k})")
    # torch's mv is addmv into a result of vec's dtype: it names (result, mat, vec)
    _same_dtype(
        input,
        vec,
        lambda a, b: (
            f"addmv input tensors must have the same dtype, but got {_name(b)}, {_name(a)}, and {_name(b)}"
        ),
    )
    with silent():  # 0 * inf and overflow: silently, as in torch
        return rows.MV.record(np.matmul(input._data, vec._data), input, vec)


def dot(input, tensor):
    tensor_arg(input, "dot")
    tensor_arg(tensor, "dot", "tensor", 2)
    a, b = input._data, tensor._data
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    _same_dtype(  # before the sizes, like torch
        input,
        tensor,
        lambda x, y: f"dot : expected both vectors to have same dtype, but found {_name(x)} and {_name(y)}",
    )
    if a.shape != b.shape:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src [{b.shape[0]}] to have "
            "the same "
            f"number of elements, but got {a.shape[0]} and {b.shape[0]} elements respectively"
        )
    with silent():  # 0 * inf and overflow: silently, as in torch
        out = rows.DOT.record(np.dot(a, b), input, tensor)
    return as_zero_tensor(out) if input._zero or tensor._zero else out  # torch's ZeroTensor kernel of dot


def bmm(input, mat2):
    tensor_arg(input, "bmm")
    tensor_arg(mat2, "bmm", "mat2", 2)
    if input._data.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if mat2._data.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    (b, _, m), (b2, m2, _) = input._data.shape, mat2._data.shape
    if b2 != b or m2 != m:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{b}, {m}] but got: "
            f"[{b2}, {m2}]."
        )
    _same_dtype(input, mat2, lambda x, y: f"expected scalar type {_name(x)} but found {_name(y)}")
    with silent():  # 0 * inf and overflow: silently, as in torch
        return rows.BMM.record(np.matmul(input._data, mat2._data), input, mat2)


def _squeeze0_inplace(product):
    """product.squeeze_(0) on matmul's own (1, n) product (SqueezeBackward4, version 1)."""
    return product.squeeze_(0)


# ---- matmul ------------------------------------------------------------------------------------------------
def _should_fold(t1, t2):
    """torch's should_fold: use one mm/mv over the folded batch of the larger operand."""
    d1, d2 = t1._data.ndim, t2._data.ndim
    t1_larger = d1 >= d2
    big = t1._data if t1_larger else np.swapaxes(t2._data, -1, -2)
    dim_small = d2 if t1_larger else d1
    if not (big.ndim >= 3 and dim_small <= 2):
        return False
    small_requires_grad = t2._requires_grad if t1_larger else t1._requires_grad
    if small_requires_grad:
        return True
    if d1 == 2:
        return False
    if big.size == 0:
        return True
    strides = [s // big.itemsize for s in big.strides]
    shape = big.shape
    return all(strides[i] == strides[i + 1] * shape[i + 1] for i in range(big.ndim - 2))


def _broadcast_batch(b1, b2):
    n = max(len(b1), len(b2))
    p1 = (1,) * (n - len(b1)) + tuple(b1)
    p2 = (1,) * (n - len(b2)) + tuple(b2)
    out = []
    for i, (x, y) in enumerate(zip(p1, p2)):
        if x != y and x != 1 and y != 1:
            raise RuntimeError(
                f"The size of tensor a ({x}) must match the size of tensor b ({y}) at non-singleton "
                f"dimension {i}"
            )
        out.append(y if x == 1 else x)
    return tuple(out)


def matmul(input, other):
    tensor_arg(input, "matmul")
    tensor_arg(other, "matmul", "other", 2)
    d1, d2 = input._data.ndim, other._data.ndim
    if d1 == 0 or d2 == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {d1}D and {d2}D")
    if d1 == 1 and d2 == 1:
        return dot(input, other)
    if d1 == 2 and d2 == 1:
        return mv(input, other)
    if d1 == 1 and d2 == 2:
        return _squeeze0_inplace(mm(unsqueeze(input, 0), other))
    if d1 == 2 and d2 == 2:
        return mm(input, other)
    if _should_fold(input, other):
        return _folded_matmul(input, other)
    return _batched_matmul(input, other)


def _folded_matmul(tensor1, tensor2):
    d1, d2 = tensor1._data.ndim, tensor2._data.ndim
    transpose = d2 > d1
    t1 = mT(tensor2) if transpose else tensor1
    t2 = (t(tensor1) if d1 == 2 else tensor1) if transpose else tensor2
    sizes = t1._data.shape
    output_shape = sizes[:-1]
    folded = int(np.prod(output_shape))
    t2_is_matrix = t2._data.ndim == 2
    if t2_is_matrix:
        output_shape = output_shape + (t2._data.shape[1],)
    t1_folded = reshape(t1, (folded, sizes[-1]))
    if t2_is_matrix:
        output = unsafe_view(mm(t1_folded, t2), output_shape)
        return contiguous(mT(output)) if transpose else output
    return unsafe_view(mv(t1_folded, t2), output_shape)


def _batched_matmul(tensor1, tensor2):
    d1, d2 = tensor1._data.ndim, tensor2._data.ndim
    s1, s2 = tensor1._data.shape, tensor2._data.shape
    n = s1[-2] if d1 > 1 else 1
    m1 = s1[-1]
    batch1 = s1[: max(d1 - 2, 0)]
    m2 = s2[-2] if d2 > 1 else s2[0]
    p = s2[-1] if d2 > 1 else 1
    batch2 = s2[: max(d2 - 2, 0)]
    if d1 == 3 and d2 == 3 and batch1[0] != batch2[0]:
        if batch1[0] == 1 and tensor1._requires_grad:
            return matmul(squeeze(tensor1, 0), tensor2)
        if batch2[0] == 1 and tensor2._requires_grad:
            return matmul(tensor1, squeeze(tensor2, 0))
    output_shape = _broadcast_batch(batch1, batch2)
    batch = int(np.prod(output_shape))
    tensor1_expanded = reshape(expand(tensor1, output_shape + (n, m1)), (batch, n, m1))
    vector_rhs = d2 == 1
    if vector_rhs:
        tensor2_expanded = unsqueeze(reshape(expand(tensor2, output_shape + (m2,)), (batch, m2)), 2)
    else:
        tensor2_expanded = reshape(expand(tensor2, output_shape + (m2, p)), (batch, m2, p))
    if d1 > 1:
        output_shape = output_shape + (n,)
    if d2 > 1:
        output_shape = output_shape + (p,)
    product = bmm(tensor1_expanded, tensor2_expanded)
    if vector_rhs:
        product = squeeze(product, -1)
    return unsafe_view(product, output_shape)


def rmatmul(self, other):
    return matmul(other, self)


at.register(
    mm_mat1_backward=mm_mat1_backward,
    mm_mat2_backward=mm_mat2_backward,
    outer=outer_unchecked,
    matmul=matmul,
    linalg_cross=lambda a, b, dim: _linalg_cross(a, b, dim),
)

register_methods(
    addmm=addmm,
    addmv=_addmv_method,
    baddbmm=_baddbmm_method,
    outer=_outer_method,
    inner=_inner_method,
    inverse=_inverse_method,
    kron=_kron_method,
    cross=_cross_method,
    matrix_power=matrix_power,
    ger=_ger_method,
    mm=mm,
    mv=mv,
    dot=dot,
    bmm=bmm,
    matmul=matmul,
    __matmul__=python_operator(matmul),
    __rmatmul__=python_operator(rmatmul),
)


# ---- LU factorization: det, slogdet, logdet, solve -------------------------------------------------------
def _lu_factor(data):
    """(LU, pivots, info) of a batch of square matrices, as LAPACK's getrf computes them: partial pivoting
    (pivots 1-based, int32), info the 1-based index of the first exactly zero pivot (0: none)."""
    n = data.shape[-1]
    batch = data.shape[:-2]
    flat = np.array(data, copy=True).reshape((int(np.prod(batch, dtype=np.int64)), n, n))
    pivots = np.zeros((flat.shape[0], n), np.int32)
    info = np.zeros(flat.shape[0], np.int32)
    matrices = np.arange(flat.shape[0])
    with silent():
        for k in range(n):
            pivot = k + np.argmax(np.abs(flat[:, k:, k]), axis=1)
            pivots[:, k] = pivot + 1
            row_k, row_p = flat[:, k].copy(), flat[matrices, pivot].copy()
            flat[matrices, pivot] = row_k
            flat[:, k] = row_p
            diagonal = flat[:, k, k]
            zero = diagonal == 0
            info[(info == 0) & zero] = k + 1
            flat[:, k + 1 :, k] /= np.where(zero, 1, diagonal)[:, None]
            flat[:, k + 1 :, k + 1 :] -= flat[:, k + 1 :, k, None] * flat[:, k, None, k + 1 :]
    return flat.reshape(data.shape), pivots.reshape(batch + (n,)), info.reshape(batch)


def _pivot_signs(pivots):
    """(-1) ** the number of row swaps."""
    swaps = (pivots != np.arange(1, pivots.shape[-1] + 1, dtype=np.int32)).sum(-1)
    return np.where(swaps % 2, -1, 1)


def _check_square(name, A, low_precision_kernel="lu_cpu"):
    data = A._data
    if data.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor A must have at least 2 dimensions.")
    if data.shape[-1] != data.shape[-2]:
        raise RuntimeError(
            f"{name}: A must be batches of square matrices, but they are {data.shape[-2]} by "
            f"{data.shape[-1]} matrices"
        )
    if data.dtype.kind != "f":
        raise RuntimeError(
            f"{name}: Expected a floating point or complex tensor as input. Got {_name(A.dtype)}"
        )
    if data.dtype == np.float16:
        raise NotImplementedError(f"\"{low_precision_kernel}\" not implemented for '{_name(A.dtype)}'")


def _linalg_det(A):
    """(det, LU, pivots): the product of U's diagonal, signed by the row swaps."""
    lu, pivots, _ = _lu_factor(A._data)
    with silent():
        det = np.diagonal(lu, 0, -2, -1).prod(-1) * _pivot_signs(pivots)
    return rows.LINALG_DET.record((np.asarray(det, A._data.dtype), lu, pivots), A)


def _linalg_slogdet(A):
    """(sign, logabsdet, LU, pivots); a singular matrix has sign 0 and logabsdet -inf."""
    lu, pivots, _ = _lu_factor(A._data)
    diagonal = np.diagonal(lu, 0, -2, -1)
    with silent():
        sign = np.sign(diagonal).prod(-1) * _pivot_signs(pivots)
        logabsdet = np.log(np.abs(diagonal)).sum(-1)
    dtype = A._data.dtype
    return rows.LINALG_SLOGDET.record((np.asarray(sign, dtype), np.asarray(logabsdet, dtype), lu, pivots), A)


def det(A):
    """torch.det and torch.linalg.det."""
    tensor_arg(A, "linalg_det", "A", 1)
    _check_square("linalg.det", A)
    return _linalg_det(A)[0]


Slogdet = result_type("slogdet", ("sign", "logabsdet"))
LinalgSlogdet = result_type("linalg_slogdet", ("sign", "logabsdet"))
SolveEx = result_type("linalg_solve_ex", ("result", "info"))


def slogdet(input):
    tensor_arg(input, "slogdet", "input", 1)
    _check_square("linalg.slogdet", input)
    return Slogdet(*_linalg_slogdet(input)[:2])


def linalg_slogdet(A):
    tensor_arg(A, "linalg_slogdet", "A", 1)
    _check_square("linalg.slogdet", A)
    return LinalgSlogdet(*_linalg_slogdet(A)[:2])


def logdet(input):
    """log det: logabsdet where the determinant is positive, nan where it is negative (ATen's composite)."""
    tensor_arg(input, "logdet", "input", 1)
    _check_square("logdet", input)
    sign, logabsdet = _linalg_slogdet(input)[:2]
    return where(sign == -1.0, float("nan"), logabsdet)


def _is_vector_rhs(A_shape, B_shape):
    """linalg_solve_is_vector_rhs: B is a vector (or a batch of them) rather than a matrix."""
    return len(B_shape) == 1 or (len(A_shape) - 1 == len(B_shape) and tuple(B_shape) == tuple(A_shape[:-1]))


def _linalg_solve_ex(A, B, left=True, check_errors=False):
    """(result, LU, pivots, info) for A X = B (left) or X A = B, broadcasting the batch dimensions."""
    name = "linalg.solve"
    _check_square(name, A)
    if B._data.dtype != A._data.dtype:
        raise RuntimeError(
            f"{name}: Expected A and B to have the same dtype, but found A of type {_name(A.dtype)} and B of "
            f"type {_name(B.dtype)} instead"
        )
    a, b = A._data, B._data
    vector = _is_vector_rhs(a.shape, b.shape)
    matrix = b[..., None] if vector else b
    if matrix.ndim < 2:
        raise RuntimeError(f"{name}: The input tensor B must have at least 2 dimensions.")
    rows_b, cols_b = matrix.shape[-2:]
    if (a.shape[-2] != rows_b) if left else (a.shape[-1] != cols_b):
        equation = "AX = B" if left else "XA = B"
        raise RuntimeError(
            f"{name}: Incompatible shapes of A and B for the equation {equation} "
            f"({a.shape[-2]}x{a.shape[-1]} and {rows_b}x{cols_b})"
        )
    if vector and not left:
        raise RuntimeError(
            f"{name}: Vector broadcasting of the left hand side is not supported for left=False. In this "
            "case linalg.solve is equivalent to B / A.squeeze(-1)"
        )
    batch = np.broadcast_shapes(a.shape[:-2], matrix.shape[:-2])
    a = np.broadcast_to(a, batch + a.shape[-2:])
    matrix = np.broadcast_to(matrix, batch + matrix.shape[-2:])
    lu, pivots, info = _lu_factor(a)
    if check_errors:
        _raise_unsolvable("torch.linalg.solve_ex", info, bool(batch))
    # a singular matrix's solution is whatever LAPACK leaves; here nan
    invertible = np.where(info[..., None, None] != 0, np.eye(a.shape[-1], dtype=a.dtype), a)
    with silent():
        if left:
            solution = np.linalg.solve(invertible, matrix)
        else:
            transposed = np.linalg.solve(np.swapaxes(invertible, -1, -2), np.swapaxes(matrix, -1, -2))
            solution = np.swapaxes(transposed, -1, -2)
    solution = np.where(info[..., None, None] != 0, np.nan, solution)
    result = solution[..., 0] if vector else solution
    return rows.LINALG_SOLVE_EX.record(
        (np.ascontiguousarray(result, dtype=a.dtype), lu, pivots, info), A, B, left, check_errors
    )


def _raise_unsolvable(name, info, batched):
    bad = np.flatnonzero(info)
    if bad.size:
        where_ = f"(Batch element {int(bad[0])}): " if batched else ""
        raise LinAlgError(f"{name}: {where_}The solver failed because the input matrix is singular.")


def _solve_arguments(fn, A, B):
    tensor_arg(A, fn, "A", 1)
    tensor_arg(B, fn, "B", 2)


def solve(A, B, *, left=True):
    """torch.linalg.solve: _linalg_solve_ex, raising for a singular matrix."""
    _solve_arguments("linalg_solve", A, B)
    result, _, _, info = _linalg_solve_ex(A, B, left)
    _raise_unsolvable("torch.linalg.solve", info._data, A._data.ndim > 2 or info._data.ndim > 0)
    return result


def solve_ex(A, B, *, left=True, check_errors=False):
    _solve_arguments("linalg_solve_ex", A, B)
    result, _, _, info = _linalg_solve_ex(A, B, left, check_errors)
    return SolveEx(result, info)


# ---- their derivatives ----------------------------------------------------------------------------------
def _inverse_from_lu(LU, pivots, perturb=False):
    """A^{-1} = U^{-1} L^{-1} P^T from A's LU factorization, as a constant (torch's lu_solve); a singular
    matrix's is inf/nan, or with `perturb` that of the matrix whose zero pivots are the dtype's epsilon
    instead (ATen's approximation of det's gradient at a singular matrix)."""
    lu = LU._data
    n = lu.shape[-1]
    eye = np.eye(n, dtype=lu.dtype)
    upper = np.triu(lu)
    if perturb:
        upper = upper + np.where(np.diagonal(lu, 0, -2, -1) == 0, np.finfo(lu.dtype).eps, 0)[..., None] * eye
    inverse_upper = np.zeros_like(upper)
    with silent():  # back substitution, row by row from the last
        for i in reversed(range(n)):
            rest = np.matmul(upper[..., i : i + 1, i + 1 :], inverse_upper[..., i + 1 :, :])[..., 0, :]
            inverse_upper[..., i, :] = (eye[i] - rest) / upper[..., i, i : i + 1]
        inverse_lower = np.linalg.inv(np.tril(lu, -1) + eye) if lu.size else np.zeros_like(lu)
        # P^T: the identity with getrf's row swaps applied in order
        transposed_permutation = np.broadcast_to(eye, lu.shape).copy()
        swaps = pivots._data - 1
        for k in range(n):
            rows_k = transposed_permutation[..., k, :].copy()
            target = np.take_along_axis(transposed_permutation, swaps[..., k, None, None], axis=-2)
            transposed_permutation[..., k, :] = target[..., 0, :]
            np.put_along_axis(
                transposed_permutation, swaps[..., k, None, None], rows_k[..., None, :], axis=-2
            )
        inverse = np.matmul(np.matmul(inverse_upper, inverse_lower), transposed_permutation)
    return make_output(inverse, None)


def _diagonal_matrices(values, pivots):
    """Matrices with `values` (...) on their diagonals, as ATen builds them for lu_solve:
    diag_embed(values.unsqueeze(-1).expand_as(pivots)).mT."""
    return diag_embed(values.unsqueeze(-1).expand(pivots.shape)).mT


def linalg_det_backward(grad, det, A, LU, pivots):
    """grad * det * A^{-T}. With create_graph, the solve is recorded (linalg_solve(A^T, grad * det * I)) so
    that it differentiates again; ATen differentiates a singular matrix's through its SVD there, which
    minigrad does not have."""
    if A._data.size == 0:
        return None
    scale = grad * det
    if A.shape[-1] == 1:  # torch's gradient of 1 x 1 determinants records no graph, even with create_graph
        with grad_mode.no_grad():
            return scale.unsqueeze(-1).unsqueeze(-1) * _inverse_from_lu(LU, pivots, perturb=True).mT
    if not grad_mode.is_grad_enabled():
        return scale.unsqueeze(-1).unsqueeze(-1) * _inverse_from_lu(LU, pivots, perturb=True).mT
    if (np.diagonal(LU._data, 0, -2, -1) == 0).any():
        raise NotImplementedError(
            "minigrad cannot differentiate the gradient of det at a singular matrix (torch uses the SVD, "
            "which minigrad does not have)"
        )
    return solve(A.mT, _diagonal_matrices(scale, pivots))


def linalg_det_jvp(A_t, det, LU, pivots):
    """det * trace(A^{-1} A_t) (A perturbed where singular, as the backward)."""
    return matmul(_inverse_from_lu(LU, pivots, perturb=True), A_t).diagonal(0, -2, -1).sum(-1) * det


def slogdet_backward(grad_logabsdet, A, LU, pivots):
    """grad_logabsdet * A^{-T} (the sign of a real matrix has no gradient)."""
    if grad_logabsdet is None:
        return None
    if not grad_mode.is_grad_enabled():
        return grad_logabsdet.unsqueeze(-1).unsqueeze(-1) * _inverse_from_lu(LU, pivots).mT
    return solve(A.mT, _diagonal_matrices(grad_logabsdet, pivots))


def slogdet_jvp(A_t, LU, pivots):
    return matmul(_inverse_from_lu(LU, pivots), A_t).diagonal(0, -2, -1).sum(-1)


def linalg_solve_backward(grad, X, A, LU, left, output_mask):
    """For X = A^{-1} B: gB = A^{-T} gX, gA = -gB X^T (left; X A = B mirrors it)."""
    if grad is None:
        return None, None
    vector = _is_vector_rhs(LU.shape, X.shape)
    gX, X = (grad.unsqueeze(-1), X.unsqueeze(-1)) if vector else (grad, X)
    gB = solve(A.mT, gX, left=left)
    gA = None
    if output_mask[0]:
        gA = -matmul(gB, X.mT) if left else -matmul(X.mT, gB)
    if not output_mask[1]:
        return gA, None
    return gA, gB.squeeze(-1) if vector else gB


def linalg_solve_jvp(A_t, B_t, A, X, LU, left):
    """A^{-1} (B_t - A_t X) (left), (B_t - X A_t) A^{-1} otherwise."""
    vector = _is_vector_rhs(LU.shape, X.shape)
    X_, B_t_ = (X.unsqueeze(-1), B_t.unsqueeze(-1)) if vector else (X, B_t)
    residual = B_t_ - (matmul(A_t, X_) if left else matmul(X_, A_t))
    dX = solve(A.detach(), residual, left=left)
    return dX.squeeze(-1) if vector else dX


at.register(
    linalg_det_backward=linalg_det_backward,
    linalg_det_jvp=linalg_det_jvp,
    slogdet_backward=slogdet_backward,
    slogdet_jvp=slogdet_jvp,
    linalg_solve_backward=linalg_solve_backward,
    linalg_solve_jvp=linalg_solve_jvp,
)
register_methods(det=det, slogdet=slogdet, logdet=logdet)
