"""Rows of the masked ops: masked_fill (Scalar and Tensor value), masked_select, masked_scatter and its
gradient's own op masked_scatter_backward (their forwards: ops/masked.py).

The mask is never differentiable: it has no formula, so it is no input of the node, only saved. The value
gradient of masked_fill is masked_select(grad, mask).sum(); masked_select's own gradient is a masked_scatter
into zeros, whose gradient is masked_scatter_backward: so these rows show up in each other's higher-order
graphs.
"""

from . import Derivative, at

MASKED_FILL = Derivative(
    "masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor",
    "MaskedFillBackward0",
    self=lambda grad, mask: grad.masked_fill(mask, 0),
    result=lambda self_t, mask: self_t.masked_fill(mask, 0),
)
MASKED_FILL_TENSOR = Derivative(
    "masked_fill.Tensor(Tensor self, Tensor mask, Tensor value) -> Tensor",
    "MaskedFillBackward1",
    self=lambda grad, mask: grad.masked_fill(mask, 0),
    value=lambda grad, mask: at.masked_fill_backward(grad, mask),
    result=lambda self_t, value_t, mask: self_t.masked_fill(mask, value_t),
)
MASKED_SELECT = Derivative(
    "masked_select(Tensor self, Tensor mask) -> Tensor",
    "MaskedSelectBackward0",
    self=lambda grad, self, mask: at.masked_select_backward(grad, self, mask),
    result=lambda self_t, mask: at.masked_select(self_t, mask),
)
MASKED_SCATTER = Derivative(
    "masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor",
    "MaskedScatterBackward0",
    self=lambda grad, mask: grad.masked_fill(mask, 0),
    source=lambda grad, mask, source_sym_sizes: at.masked_scatter_backward(grad, mask, source_sym_sizes),
    result=lambda self_t, source_t, mask: at.masked_scatter(self_t, mask, source_t),
)
# torch's zeros_like(grad_output) saves grad_output's size and dtype only (its `_info`): a private value here
MASKED_SCATTER_BACKWARD = Derivative(
    "masked_scatter_backward(Tensor grad_output, Tensor mask, SymInt[] sizes) -> Tensor",
    "MaskedScatterBackwardBackward0",
    grad_output=lambda grad, mask, _grad_output_info: at.masked_scatter(
        at.zeros_of(_grad_output_info), mask, grad
    ),
    result=lambda grad_output_t, mask: at.masked_scatter_backward(grad_output_t, mask, grad_output_t.shape),
)
