"""Cases for the norms family (minigrad/derivatives/norms.py): linalg_vector_norm reached through every
public spelling, for each branch of its formula (p = 0, 1, 2, inf, -inf, p < 1, 1 < p < 2, p > 2), with
dims given or not, negative, kept."""

import numpy as np

from . import Case, rand

INF = float("inf")


def distinct_magnitudes(*shape, seed=0):
    """Values whose absolute values differ (the inf norms are not differentiable at a tie)."""
    values = rand(*shape, seed=seed)
    return np.sign(values) * (np.arange(values.size).reshape(shape) * 0.37 + 0.5)


CASES = {
    "norm": Case(lambda T, a: a.norm(), (rand(2, 3),)),
    "norm_dim": Case(lambda T, a: T.norm(a, dim=-1), (rand(2, 3),)),
    "norm_p1_keepdim": Case(lambda T, a: a.norm(1, 0, True), (rand(2, 3),)),
    "norm_p0": Case(lambda T, a: a.norm(0), (rand(2, 3),), gradcheck=False, forward_ad=True),
    "norm_p3_dims": Case(lambda T, a: a.norm(3, (0, -1)), (rand(2, 3, 2),)),
    "norm_p1_5": Case(lambda T, a: a.norm(1.5, 1), (rand(2, 3),)),
    "norm_p0_5": Case(lambda T, a: a.norm(0.5), (rand(2, 3),)),
    "norm_inf": Case(lambda T, a: a.norm(INF, 1), (distinct_magnitudes(2, 3),)),
    "norm_minus_inf_keepdim": Case(
        lambda T, a: T.linalg.vector_norm(a, -INF, 0, True), (distinct_magnitudes(2, 3),)
    ),
    "norm_fro": Case(lambda T, a: T.norm(a, "fro", (0, 1)), (rand(2, 3),)),
    "vector_norm_dtype": Case(lambda T, a: T.linalg.vector_norm(a, 2.5, -1, dtype=T.float64), (rand(2, 3),)),
    "vector_norm_0d": Case(lambda T, a: T.linalg.vector_norm(a, 2, 0), (np.asarray(rand(seed=1)),)),
    "linalg_norm": Case(lambda T, a: T.linalg.norm(a), (rand(2, 3),)),
    "linalg_norm_vector_dim": Case(lambda T, a: T.linalg.norm(a, 4, -1), (rand(2, 3),)),
    "matrix_norm_fro": Case(lambda T, a: T.linalg.matrix_norm(a, keepdim=True), (rand(2, 2, 3),)),
    "matrix_norm_1": Case(lambda T, a: T.linalg.matrix_norm(a, 1), (distinct_magnitudes(3, 2),)),
    "matrix_norm_minus_inf": Case(
        lambda T, a: T.linalg.norm(a, -INF, (1, 0), True), (distinct_magnitudes(3, 2, seed=1),)
    ),
}
