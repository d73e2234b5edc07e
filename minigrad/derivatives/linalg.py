"""Rows of the matrix products: mm addmm mv addmv dot bmm baddbmm (matmul's 1-D @ 2-D product ends with
the in-place squeeze_, whose row is a view's: derivatives/views.py), the inverse, linalg_inv_ex, the cross
product, linalg_cross, and the LU-based determinants and solve, _linalg_det, _linalg_slogdet and
_linalg_solve_ex (their forwards: ops/linalg.py; matmul itself is composite and has no row). linalg_cross
saves its dim as given (-1 as uint64) and its formulas take it signed, as `_dim`.

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
ADDMV = Derivative(
    "addmv(Tensor self, Tensor mat, Tensor vec, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
    "AddmvBackward0",
    self=lambda grad, beta: at.maybe_multiply(grad, beta),
    mat=lambda grad, vec, alpha: at.maybe_multiply(at.outer(grad, vec), alpha),  # torch's grad.ger(vec)
    vec=lambda grad, mat, alpha: at.maybe_multiply(mat.t().mv(grad), alpha),
    result=lambda self_t, mat_t, vec_t, mat_p, vec_p, beta, alpha: (
        at.maybe_multiply(self_t, beta)
        + at.maybe_multiply(mat_t.mv(vec_p), alpha)
        + at.maybe_multiply(mat_p.mv(vec_t), alpha)
    ),
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
BADDBMM = Derivative(
    "baddbmm(Tensor self, Tensor batch1, Tensor batch2, *, Scalar beta=1, Scalar alpha=1) -> Tensor",
    "BaddbmmBackward0",
    self=lambda grad, beta: at.maybe_multiply(grad, beta),
    batch1=lambda grad, batch2, alpha: at.maybe_multiply(grad.bmm(batch2.transpose(1, 2)), alpha),
    batch2=lambda grad, batch1, alpha: at.maybe_multiply(batch1.transpose(1, 2).bmm(grad), alpha),
    result=lambda self_t, batch1_t, batch2_t, batch1_p, batch2_p, beta, alpha: (
        at.maybe_multiply(self_t, beta)
        + at.maybe_multiply(batch1_t.bmm(batch2_p), alpha)
        + at.maybe_multiply(batch1_p.bmm(batch2_t), alpha)
    ),
)
# (mH is mT for the real dtypes minigrad has)
LINALG_INV_EX = Derivative(
    "linalg_inv_ex(Tensor A, *, bool check_errors=False) -> (Tensor inverse, Tensor info)",
    "LinalgInvExBackward0",
    output_differentiability=[True, False],
    A=lambda grad, inverse: -at.matmul(inverse.mT, at.matmul(grad, inverse.mT)),
    inverse=lambda A_t, inverse: -at.matmul(at.matmul(inverse, A_t), inverse),
)
LINALG_CROSS = Derivative(
    "linalg_cross(Tensor self, Tensor other, *, int dim=-1) -> Tensor",
    "LinalgCrossBackward0",
    self=lambda grad, other, dim, _dim: at.linalg_cross(other, grad, _dim),
    other=lambda grad, self, dim, _dim: at.linalg_cross(grad, self, _dim),
    result=lambda self_t, other_t, self_p, other_p, _dim: (
        at.linalg_cross(self_t, other_p, _dim) + at.linalg_cross(self_p, other_t, _dim)
    ),
)


# ---- determinants and solve, through an LU factorization (LU and pivots: saved, never differentiable) ---
LINALG_DET = Derivative(
    "_linalg_det(Tensor A) -> (Tensor result, Tensor LU, Tensor pivots)",
    "LinalgDetBackward0",
    output_differentiability=[True, False, False],
    A=lambda grad, result, A, LU, pivots: at.linalg_det_backward(grad, result, A, LU, pivots),
    result=lambda A_t, result, LU, pivots: at.linalg_det_jvp(A_t, result, LU, pivots),
)
LINALG_SLOGDET = Derivative(
    "_linalg_slogdet(Tensor A) -> (Tensor sign, Tensor logabsdet, Tensor LU, Tensor pivots)",
    "LinalgSlogdetBackward0",
    output_differentiability=[True, True, False, False],
    A=lambda grads, A, sign, LU, pivots: at.slogdet_backward(grads[1], A, LU, pivots),
    # the sign of a real matrix is locally constant
    sign=lambda sign: at.zeros_like(sign),
    logabsdet=lambda A_t, LU, pivots: at.slogdet_jvp(A_t, LU, pivots),
)
LINALG_SOLVE_EX = Derivative(
    "_linalg_solve_ex(Tensor A, Tensor B, *, bool left=True, bool check_errors=False) -> (Tensor result, "
    "Tensor LU, Tensor pivots, Tensor info)",
    "LinalgSolveExBackward0",
    output_differentiability=[True, False, False, False],
    **{
        "A, B": lambda grad, result, A, LU, pivots, left, output_mask: at.linalg_solve_backward(
            grad, result, A, LU, left, output_mask
        )
    },
    result=lambda A_t, B_t, A_p, result, LU, left: at.linalg_solve_jvp(A_t, B_t, A_p, result, LU, left),
)
