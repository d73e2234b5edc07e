"""Rows of the reductions beyond derivatives/reductions.py: nansum, and aminmax (min and max in one op).
nanmean is torch's composite, nansum(x) / (count of non-nans): a NansumBackward0 under a DivBackward0.
Forwards and helpers: ops/extra_reductions.py. Dims are saved as given (uint64 when negative) and reach the
formulas signed, as `_dims`/`_dim`.
"""

from . import Derivative, at

NANSUM = Derivative(
    "nansum(Tensor self, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
    "NansumBackward0",
    self=lambda grad, self, dim, keepdim, _dims: at.nansum_backward(
        grad.to(self.dtype), self, _dims, keepdim
    ),
    result=lambda self_t, self_p, keepdim, dtype, _dims: at.where(self_p.isnan(), 0.0, self_t).sum(
        _dims, keepdim, dtype=dtype
    ),
)
AMINMAX = Derivative(
    "aminmax(Tensor self, *, int? dim=None, bool keepdim=False) -> (Tensor min, Tensor max)",
    "AminmaxBackward0",
    self=lambda grads, self, min, max, dim, keepdim, _dims: at.aminmax_backward(
        grads, self, min, max, _dims, keepdim
    ),
    min=lambda self_p, self_t, min, keepdim, _dims: at.amaxamin_jvp(self_p, self_t, min, _dims, keepdim),
    max=lambda self_p, self_t, max, keepdim, _dims: at.amaxamin_jvp(self_p, self_t, max, _dims, keepdim),
)
