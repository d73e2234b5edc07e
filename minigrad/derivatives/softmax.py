"""Rows of the softmax family: softmax and log_softmax (torch's _softmax/_log_softmax: both save their
result), _safe_softmax, and their gradients' own ops, _softmax_backward_data and _log_softmax_backward_data
(their forwards: ops/softmax.py).

The dim is saved as given (uint64 for a negative one) and handed on as given to the backward op, which saves
it again; the op passes the signed dim privately as `_dim`. torch's formulas also pass the input's dtype
(`input_dtype`), which on CPU is always the output's: the rows use the output's dtype instead, so the saved
set is torch's visible one (torch saves the dtype too, but does not show it). derivatives.yaml has no forward
derivative for the backward ops: torch derives their tangents from its decompositions (torch/_decomp), as
the `result` formulas here do by hand.
"""

from . import Derivative, at

SOFTMAX = Derivative(
    "_softmax(Tensor self, int dim, bool half_to_float) -> Tensor",
    "SoftmaxBackward0",
    self=lambda grad, result, dim, _dim: at.softmax_backward_data(grad, result, _dim),
    result=lambda self_p, self_t, result, _dim: (
        result * (self_t - at.logsumexp_jvp(self_p, self_t, (_dim,), True))
    ),
)
# scaled_dot_product_attention's softmax: zeros where a slice is -inf throughout, where softmax gives nan
SAFE_SOFTMAX = Derivative(
    "_safe_softmax(Tensor self, int dim, ScalarType? dtype=None) -> Tensor",
    "SafeSoftmaxBackward0",
    self=lambda grad, result, dim, _dim: at.softmax_backward_data(grad, result, _dim),
    result=lambda self_t, result, _dim: result * (self_t - (self_t * result).sum(_dim, True)),
)
LOG_SOFTMAX = Derivative(
    "_log_softmax(Tensor self, int dim, bool half_to_float) -> Tensor",
    "LogSoftmaxBackward0",
    self=lambda grad, result, dim, _dim: at.log_softmax_backward_data(grad, result, _dim),
    result=lambda self_p, self_t, _dim: self_t - at.logsumexp_jvp(self_p, self_t, (_dim,), True),
)
SOFTMAX_BACKWARD_DATA = Derivative(
    "_softmax_backward_data(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype) -> Tensor",
    "SoftmaxBackwardDataBackward0",
    grad_output=lambda grad, output, dim, _dim: at.softmax_backward_data(grad, output, _dim),
    output=lambda grad, grad_output, dim, output, _dim: at.softmax_double_backward(
        grad, grad_output, _dim, output
    ),
    result=lambda grad_output_t, output_t, grad_output_p, output_p, _dim: (
        at.softmax_backward_data(grad_output_t, output_p, _dim)
        + output_t * (grad_output_p - (grad_output_p * output_p).sum(_dim, True))
        - output_p * (grad_output_p * output_t).sum(_dim, True)
    ),
)
LOG_SOFTMAX_BACKWARD_DATA = Derivative(
    "_log_softmax_backward_data(Tensor grad_output, Tensor output, int dim, ScalarType input_dtype)"
    " -> Tensor",
    "LogSoftmaxBackwardDataBackward0",
    grad_output=lambda grad, output, dim, _dim: grad - (grad * output.exp()).sum(_dim, True),
    output=lambda grad, grad_output, dim, output, _dim: -grad_output.sum(_dim, True) * output.exp() * grad,
    result=lambda grad_output_t, output_t, grad_output_p, output_p, _dim: (
        grad_output_t
        - output_p.exp() * (output_t * grad_output_p.sum(_dim, True) + grad_output_t.sum(_dim, True))
    ),
)
