"""torch.linalg: the norms and the inverse (minigrad implements no decompositions)."""

from .ops.linalg import LinAlgError, inv, inv_ex
from .ops.norms import linalg_norm as norm
from .ops.norms import matrix_norm, vector_norm

__all__ = ["LinAlgError", "inv", "inv_ex", "matrix_norm", "norm", "vector_norm"]
