"""Rows of the pooling family: max_pool2d_with_indices, avg_pool2d and _adaptive_avg_pool2d, with their
gradients' own ops (forwards: ops/pooling.py). The 1-d poolings are these over an unsqueezed input.

The gradients of the gradient ops are linear in grad_output and do not depend on the input's values, so
their formulas for `self` are zeros shaped like the gradient (torch saves no input for them).
"""

from . import Derivative, at

_MAX_POOL = "int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False"
_AVG_POOL = (
    "int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool "
    "count_include_pad=True, int? divisor_override=None"
)

MAX_POOL2D_WITH_INDICES = Derivative(
    f"max_pool2d_with_indices(Tensor self, {_MAX_POOL}) -> (Tensor, Tensor)",
    "MaxPool2DWithIndicesBackward0",
    output_differentiability=(True, False),
    self=lambda grad, self, kernel_size, stride, padding, dilation, ceil_mode, result1: (
        at.max_pool2d_with_indices_backward(
            grad, self, kernel_size, stride, padding, dilation, ceil_mode, result1
        )
    ),
    result0=lambda self_t, result1: at.max_pool_double_backward(self_t, result1, 2),
)
MAX_POOL2D_WITH_INDICES_BACKWARD = Derivative(
    "max_pool2d_with_indices_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, "
    "int[2] padding, int[2] dilation, bool ceil_mode, Tensor indices) -> Tensor",
    "MaxPool2DWithIndicesBackwardBackward0",
    grad_output=lambda grad, indices: at.max_pool_double_backward(grad, indices, 2),
    self=lambda grad: at.zeros_like(grad),
    result=lambda grad_output_t, self_p, kernel_size, stride, padding, dilation, ceil_mode, indices: (
        at.max_pool2d_with_indices_backward(
            grad_output_t, self_p, kernel_size, stride, padding, dilation, ceil_mode, indices
        )
    ),
)

AVG_POOL2D = Derivative(
    f"avg_pool2d(Tensor self, {_AVG_POOL}) -> Tensor",
    "AvgPool2DBackward0",
    self=lambda grad, self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override: (
        at.avg_pool2d_backward(
            grad, self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override
        )
    ),
    result=lambda self_t, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override: (
        at.avg_pool2d(self_t, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
    ),
)


def _avg_pool2d_backward_tangent(
    grad_output_t, self_p, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override
):
    """avg_pool2d_backward is linear in grad_output."""
    pooling = (kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
    return at.avg_pool2d_backward(grad_output_t, self_p, *pooling)


AVG_POOL2D_BACKWARD = Derivative(
    "avg_pool2d_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, "
    "bool ceil_mode, bool count_include_pad, int? divisor_override) -> Tensor",
    "AvgPool2DBackwardBackward0",
    grad_output=lambda grad, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override: (
        at.avg_pool2d(grad, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
    ),
    self=lambda grad: at.zeros_like(grad),
    result=_avg_pool2d_backward_tangent,
)

ADAPTIVE_AVG_POOL2D = Derivative(
    "_adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor",
    "AdaptiveAvgPool2DBackward0",
    self=lambda grad, self: at.adaptive_avg_pool2d_backward(grad, self),
    result=lambda self_t, output_size: at.adaptive_avg_pool2d(self_t, output_size),
)
ADAPTIVE_AVG_POOL2D_BACKWARD = Derivative(
    "_adaptive_avg_pool2d_backward(Tensor grad_output, Tensor self) -> Tensor",
    "AdaptiveAvgPool2DBackwardBackward0",
    grad_output=lambda grad, grad_output_sym_argsize_minus_2, grad_output_sym_argsize_minus_1: (
        at.adaptive_avg_pool2d(grad, (grad_output_sym_argsize_minus_2, grad_output_sym_argsize_minus_1))
    ),
    self=lambda grad: at.zeros_like(grad),
    result=lambda grad_output_t, self_p: at.adaptive_avg_pool2d_backward(grad_output_t, self_p),
)
