"""Rows of the norms family: linalg_vector_norm, which every norm that is not an SVD's reaches (torch.norm,
Tensor.norm, linalg.norm, linalg.matrix_norm: 'fro' directly, the 1 and inf matrix norms through amax/amin
of a 1-norm). Forwards: ops/norms.py.

`_saved_ord` is the order as the call gave it (an int stays an int); dims are saved as given and reach the
formulas signed, as `_dims` (() for every dim, as torch's `dim.value_or({})`).
"""

from . import Derivative, at

LINALG_VECTOR_NORM = Derivative(
    "linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *,"
    " ScalarType? dtype=None) -> Tensor",
    "LinalgVectorNormBackward0",
    self=lambda grad, self, ord, result, dim, keepdim, _dims: at.norm_backward(
        grad, self, ord, result, _dims, keepdim
    ),
    result=lambda self_p, self_t, ord, result, keepdim, _dims: at.norm_jvp(
        self_p, self_t, ord, result, _dims, keepdim
    ),
)
# what C++ code reaches as at::norm(self, p, dim, keepdim) (pairwise_distance): the same formulas
NORM_DIM = Derivative(
    "norm.ScalarOpt_dim(Tensor self, Scalar? p, int[1] dim, bool keepdim=False) -> Tensor",
    "NormBackward1",
    self=lambda grad, self, p, result, dim, keepdim, _dims: at.norm_backward(
        grad, self, p, result, _dims, keepdim
    ),
    result=lambda self_p, self_t, p, result, keepdim, _dims: at.norm_jvp(
        self_p, self_t, p, result, _dims, keepdim
    ),
)
