"""Rows of the scattering family: gather, scatter (a tensor or a value), scatter_add, index_select, index_add
(their forwards, in-place forms included: ops/scattering.py). The reductions' gradients record them too
(max(dim)'s is a scatter, whose gradient is a gather, whose gradient is a scatter_add).

The index is never differentiable; dims are saved as given (negative ones as uint64) and reach the formulas
signed, as `_dim`. scatter with reduce= has no formula in torch: it records torch's NotImplemented node.
"""

from . import Derivative, at

GATHER = Derivative(
    "gather(Tensor self, int dim, Tensor index, *, bool sparse_grad=False) -> Tensor",
    "GatherBackward0",
    self=lambda grad, self, dim, index, sparse_grad, _dim: at.gather_backward(grad, self, _dim, index),
    result=lambda self_t, index, _dim: at.gather(self_t, _dim, index),
)
SCATTER = Derivative(
    "scatter.src(Tensor self, int dim, Tensor index, Tensor src) -> Tensor",
    "ScatterBackward0",
    self=lambda grad, dim, index, _dim: at.scatter_value(grad, _dim, index, 0),
    src=lambda grad, dim, index, _dim: at.gather(grad, _dim, index),
    result=lambda self_t, src_t, index, _dim: at.scatter(self_t, _dim, index, src_t),
)
SCATTER_VALUE = Derivative(
    "scatter.value(Tensor self, int dim, Tensor index, Scalar value) -> Tensor",
    "ScatterBackward1",
    self=lambda grad, dim, index, _dim: at.scatter_value(grad, _dim, index, 0),
    result=lambda self_t, index, _dim: at.scatter_value(self_t, _dim, index, 0),
)
SCATTER_ADD = Derivative(
    "scatter_add(Tensor self, int dim, Tensor index, Tensor src) -> Tensor",
    "ScatterAddBackward0",
    self=lambda grad: grad,
    src=lambda grad, dim, index, _dim: at.gather(grad, _dim, index),
    result=lambda self_t, src_t, index, _dim: at.scatter_add(self_t, _dim, index, src_t),
)
INDEX_SELECT = Derivative(
    "index_select(Tensor self, int dim, Tensor index) -> Tensor",
    "IndexSelectBackward0",
    self=lambda grad, self_sym_sizes, dim, index, _dim: at.index_select_backward(
        grad, self_sym_sizes, _dim, index
    ),
    result=lambda self_t, index, _dim: at.index_select(self_t, _dim, index),
)
# source's gradient: the selected slices, shaped like source (a 0-d source takes the one slice's value)
INDEX_ADD = Derivative(
    "index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor",
    "IndexAddBackward0",
    self=lambda grad: grad,
    source=lambda grad, dim, index, source, source_dim, alpha, _dim: at.maybe_multiply(
        at.index_select(grad, _dim, index).expand_as(source)
        if source_dim > 0
        else at.index_select(grad, _dim, index.squeeze(0)),
        alpha,
    ),
    result=lambda self_t, source_t, index, alpha, _dim: at.index_add(
        self_t, _dim, index, at.maybe_multiply(source_t, alpha)
    ),
)
INDEX_FILL = Derivative(
    "index_fill.int_Scalar(Tensor self, int dim, Tensor index, Scalar value) -> Tensor",
    "IndexFillBackward0",
    self=lambda grad, dim, index, _dim: at.index_fill(grad, _dim, index, 0),
    result=lambda self_t, index, _dim: at.index_fill(self_t, _dim, index, 0),
)
# value's gradient: the filled slices' gradients summed (each slice once, however often index names it)
INDEX_FILL_TENSOR = Derivative(
    "index_fill.int_Tensor(Tensor self, int dim, Tensor index, Tensor value) -> Tensor",
    "IndexFillBackward1",
    self=lambda grad, dim, index, _dim: at.index_fill(grad, _dim, index, 0),
    value=lambda grad, dim, index, _dim: at.index_select(grad, _dim, at.unique_values(index)).sum(),
    result=lambda self_t, value_t, index, _dim: at.index_fill(self_t, _dim, index, value_t),
)
