"""Matrix products: dot mv mm bmm and matmul (`@`).

matmul is composite, like torch's _matmul_impl: it picks dot/mv/mm, folds batch dimensions into mm when it can
(should_fold) and otherwise expands, reshapes and calls bmm. The resulting graph (node names, views, copies)
is the same as torch's because it is built from the same view ops.
"""

import numpy as np

from . import Node, SavedTensor, make_node, make_output, python_operator, register_methods, tensor_arg
from .views import contiguous, expand, mT, reshape, squeeze, t, unsafe_view, unsqueeze


def _same_dtype(a, b, message):
    if a._data.dtype != b._data.dtype:
        raise RuntimeError(message(a.dtype, b.dtype))


def _strides(tensor):
    data = tensor._data
    return tuple(st // data.itemsize for st in data.strides)


class MmBackward0(Node):
    __slots__ = (
        "saved_self",
        "saved_self_sym_sizes",
        "saved_self_sym_strides",
        "saved_mat2",
        "saved_mat2_sym_sizes",
        "saved_mat2_sym_strides",
    )

    def backward(self, grad):
        # torch's mm_mat1_backward / mm_mat2_backward: a column-major input gets its gradient computed
        # transposed (same values, different graph when create_graph=True)
        grad_self = grad_mat2 = None
        if self.needs_input_grad(0):
            mat2 = self.unpack(self.saved_mat2)
            if _column_major(self.saved_self_sym_sizes, self.saved_self_sym_strides):
                grad_self = t(mm(mat2, t(grad)))
            else:
                grad_self = mm(grad, t(mat2))
        if self.needs_input_grad(1):
            mat1 = self.unpack(self.saved_self)
            if _column_major(self.saved_mat2_sym_sizes, self.saved_mat2_sym_strides):
                grad_mat2 = t(mm(t(grad), mat1))
            else:
                grad_mat2 = mm(t(mat1), grad)
        return grad_self, grad_mat2


def _column_major(sizes, strides):
    return strides[0] == 1 and strides[1] == sizes[0]


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
    node = make_node(MmBackward0, input, mat2)
    if node is not None:
        # torch saves both sizes, and the strides (layout) of each input it differentiates, else ()
        node.saved_self_sym_sizes, node.saved_mat2_sym_sizes = input._data.shape, mat2._data.shape
        node.saved_self_sym_strides = node.saved_mat2_sym_strides = ()
        if node.needs_input_grad(0):
            node.saved_mat2 = SavedTensor(mat2)
            node.saved_self_sym_strides = _strides(input)
        if node.needs_input_grad(1):
            node.saved_self = SavedTensor(input)
            node.saved_mat2_sym_strides = _strides(mat2)
    with np.errstate(all="ignore"):  # 0 * inf and overflow: silently, as in torch
        return make_output(np.matmul(input._data, mat2._data), node)


class MvBackward0(Node):
    __slots__ = ("saved_self", "saved_vec")

    def backward(self, grad):
        grad_self = grad_vec = None
        if self.needs_input_grad(0):
            # torch: grad.ger(vec), and outer() is grad.reshape(n, 1) * vec
            grad_self = reshape(grad, (grad._data.shape[0], 1)) * self.unpack(self.saved_vec)
        if self.needs_input_grad(1):
            grad_vec = mv(t(self.unpack(self.saved_self)), grad)
        return grad_self, grad_vec


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
    node = make_node(MvBackward0, input, vec)
    if node is not None:
        if node.needs_input_grad(0):
            node.saved_vec = SavedTensor(vec)
        if node.needs_input_grad(1):
            node.saved_self = SavedTensor(input)
    with np.errstate(all="ignore"):  # 0 * inf and overflow: silently, as in torch
        return make_output(np.matmul(input._data, vec._data), node)


class DotBackward0(Node):
    __slots__ = ("saved_self", "saved_tensor")

    def backward(self, grad):
        return (
            grad * self.unpack(self.saved_tensor) if self.needs_input_grad(0) else None,
            grad * self.unpack(self.saved_self) if self.needs_input_grad(1) else None,
        )


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
    node = make_node(DotBackward0, input, tensor)
    if node is not None:
        if node.needs_input_grad(0):
            node.saved_tensor = SavedTensor(tensor)
        if node.needs_input_grad(1):
            node.saved_self = SavedTensor(input)
    with np.errstate(all="ignore"):  # 0 * inf and overflow: silently, as in torch
        return make_output(np.dot(a, b), node)


def _name(dtype):
    from .._core.dtypes import SCALAR_TYPE_NAMES

    return SCALAR_TYPE_NAMES[dtype]


class BmmBackward0(Node):
    __slots__ = ("saved_self", "saved_mat2")

    def backward(self, grad):
        grad_self = grad_mat2 = None
        if self.needs_input_grad(0):
            grad_self = bmm(grad, mT(self.unpack(self.saved_mat2)))
        if self.needs_input_grad(1):
            grad_mat2 = bmm(mT(self.unpack(self.saved_self)), grad)
        return grad_self, grad_mat2


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
    node = make_node(BmmBackward0, input, mat2)
    if node is not None:
        if node.needs_input_grad(0):
            node.saved_mat2 = SavedTensor(mat2)
        if node.needs_input_grad(1):
            node.saved_self = SavedTensor(input)
    with np.errstate(all="ignore"):  # 0 * inf and overflow: silently, as in torch
        return make_output(np.matmul(input._data, mat2._data), node)


class SqueezeBackward4(Node):
    """squeeze_(dim) on a non-view (what matmul does to the 1-D @ 2-D product)."""

    __slots__ = ("saved_dim", "saved_self_sym_sizes")

    def backward(self, grad):
        return (unsqueeze(grad, self.saved_dim),)


def _squeeze0_inplace(product):
    node = make_node(SqueezeBackward4, product)
    if node is not None:
        node.saved_dim = 0
        node.saved_self_sym_sizes = product._data.shape
    out = make_output(product._data[0], node)
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


register_methods(
    mm=mm,
    mv=mv,
    dot=dot,
    bmm=bmm,
    matmul=matmul,
    __matmul__=python_operator(matmul),
    __rmatmul__=python_operator(rmatmul),
)
