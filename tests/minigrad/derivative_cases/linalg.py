"""Cases for the matrix products (minigrad/derivatives/linalg.py)."""

import numpy as np

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
CASES.update(
    {
        "addmv": Case(lambda T, c, a, v: T.addmv(c, a, v), (rand(2), rand(2, 3, seed=1), rand(3, seed=2))),
        "addmv_scaled": Case(
            lambda T, c, a, v: c.addmv(a, v, beta=0.5, alpha=-2),
            (rand(1), rand(2, 3, seed=1), rand(3, seed=2)),
        ),
        "baddbmm": Case(
            lambda T, c, a, b: T.baddbmm(c, a, b), (rand(3, 4), rand(2, 3, 2, seed=1), rand(2, 2, 4, seed=2))
        ),
        "baddbmm_scaled": Case(
            lambda T, c, a, b: c.baddbmm(a, b, beta=2, alpha=0.5),
            (rand(2, 3, 4), rand(2, 3, 2, seed=1), rand(2, 2, 4, seed=2)),
        ),
        "outer": Case(lambda T, a, b: T.outer(a, b), (rand(3), rand(2, seed=1))),
        "ger": Case(lambda T, a, b: a.ger(b), (rand(2), rand(3, seed=1))),
    }
)
CASES.update(
    {
        # well-conditioned matrices: the identity plus a small perturbation
        "inverse": Case(lambda T, a: T.inverse(a), (np.eye(3) + 0.3 * rand(3, 3),)),
        "linalg_inv_batched": Case(lambda T, a: T.linalg.inv(a), (np.eye(2) + 0.3 * rand(2, 2, 2),)),
        "linalg_inv_ex": Case(lambda T, a: T.linalg.inv_ex(a).inverse, (np.eye(2) + 0.3 * rand(2, 2),)),
    }
)
CASES.update(
    {
        "linalg_cross": Case(lambda T, a, b: T.linalg.cross(a, b), (rand(2, 3), rand(1, 3, seed=1))),
        "cross_dim0": Case(lambda T, a, b: T.cross(a, b, dim=0), (rand(3, 2), rand(3, 2, seed=1))),
    }
)


def _well_conditioned(*shape, seed=0):
    """Random matrices plus a multiple of the identity: far from singular, so finite differences hold."""
    return rand(*shape, seed=seed) + 3 * np.eye(shape[-1])


CASES.update(
    {
        "det": Case(lambda T, a: T.linalg.det(a), (_well_conditioned(3, 3),)),
        "det_batched_with_a_swap": Case(
            lambda T, a: T.det(a), (np.array([[[0.1, 2.0], [3.0, 0.5]], [[2.0, 1.0], [0.5, 3.0]]]),)
        ),
        "slogdet": Case(lambda T, a: T.linalg.slogdet(a), (_well_conditioned(2, 3, 3),)),
        # (the sign's tangent is torch's efficient zero tensor, which it cannot show as numpy: logabsdet only)
        "slogdet_negative_determinant": Case(
            lambda T, a: T.slogdet(a).logabsdet, (np.array([[0.5, 2.0], [3.0, 0.5]]),)
        ),
        "logdet": Case(lambda T, a: T.logdet(a), (_well_conditioned(3, 3, seed=1),)),
        "solve": Case(lambda T, a, b: T.linalg.solve(a, b), (_well_conditioned(3, 3), rand(3, 2, seed=1))),
        # (the create_graph gradient's matmul of a transposed unsqueezed vector reshapes it: torch records an
        # alias of it, ReshapeAliasBackward0, where minigrad's matmul records ViewBackward0; values agree)
        "solve_vector": Case(
            lambda T, a, b: T.linalg.solve(a, b),
            (_well_conditioned(2, 3, 3), rand(2, 3, seed=1)),
            second_order_graph=False,
        ),
        "solve_right": Case(
            lambda T, a, b: T.linalg.solve(a, b, left=False),
            (_well_conditioned(3, 3), rand(2, 2, 3, seed=1)),
        ),
        "solve_broadcast": Case(
            lambda T, a, b: T.linalg.solve(a, b), (_well_conditioned(3, 3), rand(2, 3, 1, seed=1))
        ),
    }
)
