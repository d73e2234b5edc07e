"""Cases for the matrix products (minigrad/derivatives/linalg.py)."""

from . import Case, rand

CASES = {
    "mm": Case(lambda T, a, b: T.mm(a, b), (rand(2, 3), rand(3, 4, seed=1))),
    # a column-major input gets its gradient computed transposed (mm_mat1_backward / mm_mat2_backward)
    "mm_column_major": Case(lambda T, a, b: T.mm(a.t(), b.t()), (rand(3, 2), rand(4, 3, seed=1))),
    "addmm": Case(lambda T, c, a, b: T.addmm(c, a, b), (rand(4), rand(2, 3, seed=1), rand(3, 4, seed=2))),
    "addmm_scaled": Case(
        lambda T, c, a, b: T.addmm(c, a, b, beta=2, alpha=0.5),
        (rand(2, 4), rand(2, 3, seed=1), rand(3, 4, seed=2)),
    ),
    "addmm_column_major": Case(
        lambda T, c, a, b: T.addmm(c, a.t(), b.t(), alpha=3),
        (rand(1, 4), rand(3, 2, seed=1), rand(4, 3, seed=2)),
    ),
    "mv": Case(lambda T, a, v: T.mv(a, v), (rand(2, 3), rand(3, seed=1))),
    "dot": Case(lambda T, a, b: T.dot(a, b), (rand(3), rand(3, seed=1))),
    "bmm": Case(lambda T, a, b: T.bmm(a, b), (rand(2, 2, 3), rand(2, 3, 4, seed=1))),
    # 1-D @ 2-D: unsqueeze(0), mm, squeeze_(0)
    "matmul_vector_matrix": Case(lambda T, v, b: T.matmul(v, b), (rand(3), rand(3, 2, seed=1))),
    "matmul_batched": Case(lambda T, a, b: a @ b, (rand(2, 2, 3), rand(3, 4, seed=1))),
}
