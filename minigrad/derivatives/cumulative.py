"""Rows of the cumulative family: cumsum, cumprod, cummax/cummin, logcumsumexp, and flip, which cumsum's
gradient is made of (a reversed cumulative sum: grad.flip(dim).cumsum(dim).flip(dim)). Forwards and the
helpers the formulas call: ops/cumulative.py.

torch saves a dim as given (negative dims as uint64): the ops pass that as `dim` and the signed dim privately,
as `_dim`, for the formulas.
"""

from . import Derivative, at

CUMSUM = Derivative(
    "cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
    "CumsumBackward0",
    self=lambda grad, dim, _dim: at.cumsum_backward(grad, _dim),
    result=lambda self_t, _dim: self_t.cumsum(_dim),
)
CUMPROD = Derivative(
    "cumprod(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
    "CumprodBackward0",
    self=lambda grad, self, dim, result, _dim: at.cumprod_backward(grad.to(self.dtype), self, _dim, result),
    result=lambda self_t, self_p, result, dtype, _dim: at.cumprod_jvp(self_t, self_p, result, _dim).to(
        dtype if dtype is not None else self_p.dtype
    ),
)


def _cumulative_extremum(schema, node):
    return Derivative(
        schema,
        node,
        output_differentiability=[True, False],
        self=lambda grad, self, indices, dim, _dim: at.cummaxmin_backward(grad, self, indices, _dim),
        values=lambda self_t, indices, _dim: self_t.gather(_dim, indices),
    )


CUMMAX = _cumulative_extremum(
    "cummax(Tensor self, int dim) -> (Tensor values, Tensor indices)", "CummaxBackward0"
)
CUMMIN = _cumulative_extremum(
    "cummin(Tensor self, int dim) -> (Tensor values, Tensor indices)", "CumminBackward0"
)
LOGCUMSUMEXP = Derivative(
    "logcumsumexp(Tensor self, int dim) -> Tensor",
    "LogcumsumexpBackward0",
    self=lambda grad, self, result, dim, _dim: at.logcumsumexp_backward(grad, self, result, _dim),
    result=lambda self_p, self_t, _dim: at.logcumsumexp_jvp(self_p, self_t, _dim),
)
FLIP = Derivative(
    "flip(Tensor self, int[] dims) -> Tensor",
    "FlipBackward0",
    self=lambda grad, dims, _dims: grad.flip(_dims),
    result=lambda self_t, _dims: self_t.flip(_dims),
)
