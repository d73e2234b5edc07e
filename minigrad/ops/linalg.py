"""Matrix products: mm addmm mv dot bmm and matmul (`@`).

matmul is composite, like torch's _matmul_impl: it picks dot/mv/mm, folds batch dimensions into mm when it can
(should_fold) and otherwise expands, reshapes and calls bmm. The resulting graph (node names, views, copies)
is the same as torch's because it is built from the same view ops. Each product's autograd story is its row
in derivatives/linalg.py.
"""

import numpy as np

from .._core.arguments import NOT_GIVEN, given_kwargs, invalid_arguments, is_number
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import linalg as rows
from . import Tensor, python_operator, register_methods, tensor_arg
from .views import contiguous, expand, mT, reshape, squeeze, t, unsafe_view, unsqueeze


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


def outer(input, vec2):
    """torch's outer (and ger): input.reshape(n, 1) * vec2."""
    return reshape(input, (input._data.shape[0], 1)) * vec2


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
    product = np.matmul(mat1._data, mat2._data)
    result = product if alpha == 1 else product * alpha
    if beta != 0:
        result = result + (bias if beta == 1 else bias * beta)
    return rows.ADDMM.record(np.ascontiguousarray(result), input, mat1, mat2, beta, alpha)


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
        return rows.DOT.record(np.dot(a, b), input, tensor)


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
    """product.squeeze_(0) on matmul's own (1, n) product, which nothing else sees: a new tensor stands for
    it, at the version squeeze_ leaves it."""
    out = rows.SQUEEZE_DIM_.record(product._data[0], product, 0)
    out._vc.value = 1  # squeeze_ wrote to it, graph or not
    return out


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


at.register(mm_mat1_backward=mm_mat1_backward, mm_mat2_backward=mm_mat2_backward, outer=outer)

register_methods(
    addmm=addmm,
    mm=mm,
    mv=mv,
    dot=dot,
    bmm=bmm,
    matmul=matmul,
    __matmul__=python_operator(matmul),
    __rmatmul__=python_operator(rmatmul),
)
