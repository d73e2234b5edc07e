"""Rows of the matrix products: mm addmm mv dot bmm, and the squeeze_ that matmul applies to a 1-D @ 2-D
product (their forwards: ops/linalg.py; matmul itself is composite and has no row).

mm and addmm differentiate through torch's mm_mat1_backward / mm_mat2_backward, which compute the gradient of
a column-major input transposed so that it comes out column-major too: they save the strides of each input
they differentiate (() for the others).
"""

from . import Derivative, at

MM = Derivative(
    "mm(Tensor self, Tensor mat2) -> Tensor",
    "MmBackward0",
    self=lambda grad, mat2, self_sym_sizes, self_sym_strides: at.mm_mat1_backward(
        grad, mat2, self_sym_sizes, self_sym_strides, 1
    ),
    mat2=lambda grad, self, mat2_sym_sizes, mat2_sym_strides: at.mm_mat2_backward(
        grad, self, mat2_sym_sizes, mat2_sym_strides, 1
    ),
    result=lambda self_t, mat2_t, self_p, mat2_p: self_t.mm(mat2_p) + self_p.mm(mat2_t),
)
ADDMM = Derivative(
    "addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
    "AddmmBackward0",
    self=lambda grad, beta: at.maybe_multiply(grad, beta),
    mat1=lambda grad, mat2, mat1_sym_sizes, mat1_sym_strides, alpha: at.mm_mat1_backward(
        grad, mat2, mat1_sym_sizes, mat1_sym_strides, alpha
    ),
    mat2=lambda grad, mat1, mat2_sym_sizes, mat2_sym_strides, alpha: at.mm_mat2_backward(
        grad, mat1, mat2_sym_sizes, mat2_sym_strides, alpha
    ),
    result=lambda self_t, mat1_t, mat2_t, mat1_p, mat2_p, beta, alpha: (
        at.maybe_multiply(self_t, beta)
        + at.maybe_multiply(mat1_t.mm(mat2_p), alpha)
        + at.maybe_multiply(mat1_p.mm(mat2_t), alpha)
    ),
)
MV = Derivative(
    "mv(Tensor self, Tensor vec) -> Tensor",
    "MvBackward0",
    self=lambda grad, vec: at.outer(grad, vec),  # torch's grad.ger(vec)
    vec=lambda grad, self: self.t().mv(grad),
    result=lambda self_t, vec_t, self_p, vec_p: self_t.mv(vec_p) + self_p.mv(vec_t),
)
DOT = Derivative(
    "dot(Tensor self, Tensor tensor) -> Tensor",
    "DotBackward0",
    self=lambda grad, tensor: grad * tensor,
    tensor=lambda grad, self: grad * self,
    result=lambda self_t, tensor_t, self_p, tensor_p: self_t.dot(tensor_p) + self_p.dot(tensor_t),
)
BMM = Derivative(
    "bmm(Tensor self, Tensor mat2) -> Tensor",
    "BmmBackward0",
    self=lambda grad, mat2: grad.bmm(mat2.transpose(1, 2)),
    mat2=lambda grad, self: self.transpose(1, 2).bmm(grad),
    result=lambda self_t, mat2_t, self_p, mat2_p: self_t.bmm(mat2_p) + self_p.bmm(mat2_t),
)
# matmul's 1-D @ 2-D is unsqueeze(0), mm, then squeeze_(0) in place on the product (not a view)
SQUEEZE_DIM_ = Derivative(
    "squeeze_.dim(Tensor(a!) self, int dim) -> Tensor(a!)",
    "SqueezeBackward4",
    self=lambda grad, dim, self_sym_sizes: at.unsqueeze_to(grad, [dim] if self_sym_sizes[dim] == 1 else []),
    result=lambda self_t, dim: self_t.squeeze(dim),
)
