"""torch.linalg: the norms, the inverse, the determinants (det, slogdet), solve, matrix_power, multi_dot and
the cross product (minigrad exposes no decompositions; det, slogdet and solve use an LU factorization of
its own)."""

from .ops.linalg import LinAlgError, det, inv, inv_ex, matrix_power, multi_dot, solve, solve_ex
from .ops.linalg import linalg_cross as cross
from .ops.linalg import linalg_slogdet as slogdet
from .ops.norms import linalg_norm as norm
from .ops.norms import matrix_norm, vector_norm

__all__ = [
    "LinAlgError",
    "cross",
    "det",
    "inv",
    "inv_ex",
    "matrix_norm",
    "matrix_power",
    "multi_dot",
    "norm",
    "slogdet",
    "solve",
    "solve_ex",
    "vector_norm",
]
