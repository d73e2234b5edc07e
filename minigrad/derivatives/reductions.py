"""Rows of the reductions family: sum mean prod (whole tensor or along dims), max/min (whole tensor, or along
a dim with their indices), maximum/minimum, amax/amin, logsumexp (their forwards: ops/reductions.py;
argmax/argmin have integer results and no row). max/min(dim)'s formulas record scatter and gather
(derivatives/scattering.py).

torch saves a dim as given (negative dims as uint64, `_saved_dim == (2**64 - 1,)`) and its formulas use it
as given (`grad.unsqueeze(-1)` saves -1 again), so each op passes the saved form as the schema's `dim` and
the dims as the user gave them (signed) privately, as `_dim`/`_dims`.
"""

from . import Derivative, at

SUM = Derivative(
    "sum(Tensor self, *, ScalarType? dtype=None) -> Tensor",
    "SumBackward0",
    self=lambda grad, self_sym_sizes: at.sum_backward(grad, self_sym_sizes, None, False),
    result=lambda self_t, dtype: self_t.sum(dtype=dtype),
)
SUM_DIM = Derivative(
    "sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
    "SumBackward1",
    self=lambda grad, self_sym_sizes, dim, keepdim, _dims: at.sum_backward(
        grad, self_sym_sizes, _dims, keepdim
    ),
    result=lambda self_t, keepdim, dtype, _dims: self_t.sum(_dims, keepdim, dtype=dtype),
)
# grad / numel is the div.Scalar overload: DivBackward1 under create_graph
MEAN = Derivative(
    "mean(Tensor self, *, ScalarType? dtype=None) -> Tensor",
    "MeanBackward0",
    self=lambda grad, self_sym_sizes, self_sym_numel: at.div_scalar(
        at.sum_backward(grad, self_sym_sizes, None, False), self_sym_numel
    ),
    result=lambda self_t, dtype: self_t.mean(dtype=dtype),
)
MEAN_DIM = Derivative(
    "mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
    "MeanBackward1",
    self=lambda grad, self_sym_sizes, dim, self_sym_numel, keepdim, _dims: at.mean_backward(
        grad, self_sym_sizes, _dims, self_sym_numel, keepdim
    ),
    result=lambda self_t, keepdim, dtype, _dims: self_t.mean(_dims, keepdim, dtype=dtype),
)
PROD = Derivative(
    "prod(Tensor self, *, ScalarType? dtype=None) -> Tensor",
    "ProdBackward0",
    self=lambda grad, self, result: at.prod_backward(grad, self.to(grad.dtype), result),
    result=lambda self_t, self_p, result: (
        at.prod_backward(at.ones_like(result), self_p.to(result.dtype), result) * self_t
    ).sum(),
)
PROD_DIM = Derivative(
    "prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
    "ProdBackward1",
    self=lambda grad, self, result, dim, keepdim, _dim: at.prod_backward(
        grad, self.to(grad.dtype), result, _dim, keepdim
    ),
    result=lambda self_t, self_p, result, keepdim, _dim: (
        at.prod_backward(at.ones_like(result), self_p.to(result.dtype), result, _dim, keepdim) * self_t
    ).sum(_dim, keepdim),
)
# max()/min() of the whole tensor: ties (or NaNs, when the result is NaN) share the gradient evenly
MAX = Derivative(
    "max(Tensor self) -> Tensor",
    "MaxBackward1",
    self=lambda grad, self, result: at.evenly_distribute_backward(grad, self, result),
    result=lambda self_t, self_p, result: at.evenly_read_jvp(self_t, self_p, result),
)
MIN = Derivative(
    "min(Tensor self) -> Tensor",
    "MinBackward1",
    self=lambda grad, self, result: at.evenly_distribute_backward(grad, self, result),
    result=lambda self_t, self_p, result: at.evenly_read_jvp(self_t, self_p, result),
)
# max(dim)/min(dim): the gradient goes to the selected index; the indices have none
MAX_DIM = Derivative(
    "max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
    "MaxBackward0",
    output_differentiability=[True, False],
    self=lambda grad, dim, indices, self_sym_sizes, keepdim, _dim: at.value_selecting_reduction_backward(
        grad, _dim, indices, self_sym_sizes, keepdim
    ),
    values=lambda self_t, indices, keepdim, _dim: at.gather_with_keepdimed_indices(
        self_t, _dim, indices, keepdim
    ),
)
MIN_DIM = Derivative(
    "min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
    "MinBackward0",
    output_differentiability=[True, False],
    self=lambda grad, dim, indices, self_sym_sizes, keepdim, _dim: at.value_selecting_reduction_backward(
        grad, _dim, indices, self_sym_sizes, keepdim
    ),
    values=lambda self_t, indices, keepdim, _dim: at.gather_with_keepdimed_indices(
        self_t, _dim, indices, keepdim
    ),
)
# the larger (smaller) input gets the gradient; a tie splits it in half
MAXIMUM = Derivative(
    "maximum(Tensor self, Tensor other) -> Tensor",
    "MaximumBackward0",
    self=lambda grad, self, other: at.where(self == other, at.div_scalar(grad, 2), grad).masked_fill(
        self < other, 0
    ),
    other=lambda grad, self, other: at.where(self == other, at.div_scalar(grad, 2), grad).masked_fill(
        self > other, 0
    ),
    result=lambda self_t, other_t, self_p, other_p, result: at.extremum_jvp(
        self_t, other_t, self_p == other_p, self_p > other_p, result
    ),
)
MINIMUM = Derivative(
    "minimum(Tensor self, Tensor other) -> Tensor",
    "MinimumBackward0",
    self=lambda grad, self, other: at.where(self == other, at.div_scalar(grad, 2), grad).masked_fill(
        self > other, 0
    ),
    other=lambda grad, self, other: at.where(self == other, at.div_scalar(grad, 2), grad).masked_fill(
        self < other, 0
    ),
    result=lambda self_t, other_t, self_p, other_p, result: at.extremum_jvp(
        self_t, other_t, self_p == other_p, self_p < other_p, result
    ),
)
# amax/amin: ties along the reduced dims share the gradient evenly
AMAX = Derivative(
    "amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor",
    "AmaxBackward0",
    self=lambda grad, self, result, dim, keepdim, _dims: at.scale_grad_by_count(
        at.restore_reduced_dims(grad, _dims, keepdim),
        at.restore_reduced_dims(result, _dims, keepdim) == self,
        _dims,
    ),
    result=lambda self_p, self_t, result, keepdim, _dims: at.amaxamin_jvp(
        self_p, self_t, result, _dims, keepdim
    ),
)
AMIN = Derivative(
    "amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor",
    "AminBackward0",
    self=lambda grad, self, result, dim, keepdim, _dims: at.scale_grad_by_count(
        at.restore_reduced_dims(grad, _dims, keepdim),
        at.restore_reduced_dims(result, _dims, keepdim) == self,
        _dims,
    ),
    result=lambda self_p, self_t, result, keepdim, _dims: at.amaxamin_jvp(
        self_p, self_t, result, _dims, keepdim
    ),
)
LOGSUMEXP = Derivative(
    "logsumexp(Tensor self, int[1] dim, bool keepdim=False) -> Tensor",
    "LogsumexpBackward0",
    self=lambda grad, self, result, dim, keepdim, _dims: at.logsumexp_backward(
        grad, self, result, _dims, keepdim
    ),
    result=lambda self_p, self_t, keepdim, _dims: at.logsumexp_jvp(self_p, self_t, _dims, keepdim),
)
