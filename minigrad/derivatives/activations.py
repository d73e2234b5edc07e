"""Rows of the activations family: leaky_relu (out of place and in place) with its gradient op
leaky_relu_backward, and silu (forwards: ops/activations.py).

leaky_relu saves its input (leaky_relu_ its result, as torch's LeakyReluBackward1), and its gradient is an op
with a row of its own, so a create_graph=True gradient has torch's LeakyReluBackwardBackward0. silu's
gradient, recorded, is torch's infinitely_differentiable_silu_backward: grad * s * (1 + x * (1 - s)) with
s = sigmoid(x), where torch's C++ `1.0 - s` is a subtraction from a filled tensor (SubBackward0).
"""

from . import AUTO_ELEMENT_WISE, Derivative, at

LEAKY_RELU = Derivative(
    "leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor",
    "LeakyReluBackward0",
    self=lambda grad, self, negative_slope: at.leaky_relu_backward(grad, self, negative_slope, False),
    result=lambda self_t, self_p, negative_slope: at.leaky_relu_backward(
        self_t, self_p, negative_slope, False
    ),
)
LEAKY_RELU_ = Derivative(
    "leaky_relu_(Tensor self, Scalar negative_slope=0.01) -> Tensor",
    "LeakyReluBackward1",
    self=lambda grad, result, negative_slope: at.leaky_relu_backward(grad, result, negative_slope, True),
    result=lambda self_t, result, negative_slope: at.leaky_relu_backward(
        self_t, result, negative_slope, True
    ),
)
LEAKY_RELU_BACKWARD = Derivative(  # torch's formulas pass self_is_result=false, so it is not saved
    "leaky_relu_backward(Tensor grad_output, Tensor self, Scalar negative_slope, bool self_is_result) "
    "-> Tensor",
    "LeakyReluBackwardBackward0",
    grad_output=lambda grad, self, negative_slope: at.leaky_relu_backward(grad, self, negative_slope, False),
    self=lambda grad: at.zeros_like(grad),
    result=lambda grad_output_t, self_p, negative_slope: at.leaky_relu_backward(
        grad_output_t, self_p, negative_slope, False
    ),
)


def _silu_gradient(grad, self):
    sigmoid = self.sigmoid()
    return grad * sigmoid * at.add_scalar(self * (at.ones_like(sigmoid) - sigmoid), 1.0)


SILU = Derivative(
    "silu(Tensor self) -> Tensor",
    "SiluBackward0",
    self=_silu_gradient,
    result=AUTO_ELEMENT_WISE,
)
