"""torch.linalg: the norms, the inverse, matrix_power, multi_dot and the cross product (minigrad implements
no decompositions)."""

from .ops.linalg import LinAlgError, inv, inv_ex, matrix_power, multi_dot
from .ops.linalg import linalg_cross as cross
from .ops.norms import linalg_norm as norm
from .ops.norms import matrix_norm, vector_norm

__all__ = [
    "LinAlgError",
    "cross",
    "inv",
    "inv_ex",
    "matrix_norm",
    "matrix_power",
    "multi_dot",
    "norm",
    "vector_norm",
]
