"""Rows of the activations family: leaky_relu (out of place and in place) with its gradient op
leaky_relu_backward, hardtanh with its gradient op hardtanh_backward, silu, and gelu with its gradient op
gelu_backward (forwards: ops/activations.py).

leaky_relu saves its input (leaky_relu_ its result, as torch's LeakyReluBackward1), and its gradient is an op
with a row of its own, so a create_graph=True gradient has torch's LeakyReluBackwardBackward0. silu's
gradient, recorded, is torch's infinitely_differentiable_silu_backward: grad * s * (1 + x * (1 - s)) with
s = sigmoid(x), where torch's C++ `1.0 - s` is a subtraction from a filled tensor (SubBackward0).
"""

import math

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

# hardtanh_ (and relu6_) are hardtanh written in place: the node saves a clone of the input (ops.inplace)
HARDTANH = Derivative(
    "hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor",
    "HardtanhBackward0",
    self=lambda grad, self, min_val, max_val: at.hardtanh_backward(grad, self, min_val, max_val),
    result=AUTO_ELEMENT_WISE,
)
HARDTANH_BACKWARD = Derivative(
    "hardtanh_backward(Tensor grad_output, Tensor self, Scalar min_val, Scalar max_val) -> Tensor",
    "HardtanhBackwardBackward0",
    grad_output=lambda grad, self, min_val, max_val: at.hardtanh_backward(grad, self, min_val, max_val),
    self=lambda grad: at.zeros_like(grad),
    # torch's where(min_val < self < max_val, grad_output_t, 0): the same values
    result=lambda grad_output_t, self_p, min_val, max_val: at.hardtanh_backward(
        grad_output_t, self_p, min_val, max_val
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

GELU = Derivative(
    "gelu(Tensor self, *, str approximate='none') -> Tensor",
    "GeluBackward0",
    self=lambda grad, self, approximate: at.gelu_backward(grad, self, approximate),
    result=AUTO_ELEMENT_WISE,
)
GELU_BACKWARD = Derivative(
    "gelu_backward(Tensor grad_output, Tensor self, *, str approximate='none') -> Tensor",
    "GeluBackwardBackward0",
    grad_output=lambda grad, self, approximate: at.gelu_backward(grad, self, approximate),
    self=lambda grad, grad_output, self, approximate: _gelu_double_backward(
        grad, grad_output, self, approximate
    ),
    result=lambda grad_output_t, self_t, grad_output_p, self_p, approximate: (
        at.gelu_backward(grad_output_t, self_p, approximate)
        + _gelu_double_backward(self_t, grad_output_p, self_p, approximate)
    ),
)

_SQRT_2_OVER_PI = math.sqrt(2.0) * (2.0 / math.sqrt(math.pi)) * 0.5  # torch's kBeta for the tanh form
_INV_SQRT_2PI = (2.0 / math.sqrt(math.pi)) * math.sqrt(0.5) * 0.5  # and for the erf form
_KAPPA = 0.044715


def _gelu_double_backward(ggI, gO, input, approximate):
    """torch's gelu_double_backward (FunctionsManual.cpp), op for op as its recorded graph shows them (the
    tanh form's left and right f'gh terms are one 2 * f'gh)."""
    if approximate == "tanh":
        inner = at.mul_scalar(input + at.mul_scalar(input.pow(3), _KAPPA), _SQRT_2_OVER_PI)
        tanh_inner = inner.tanh()
        cosh_inner = inner.cosh()
        sech_inner = at.ones_like(cosh_inner) / cosh_inner  # C++'s 1 / t: a filled tensor divided
        f = at.mul_scalar(input, 0.5)
        g = at.ones_like(tanh_inner) - tanh_inner * tanh_inner
        h = at.mul_scalar(at.add_scalar(at.mul_scalar(input, 3 * _KAPPA) * input, 1), _SQRT_2_OVER_PI)
        f_prime_gh = at.mul_scalar(g, 0.5) * h
        g_prime = at.mul_scalar(sech_inner, 2) * (-sech_inner * tanh_inner) * h
        g_prime_fh = f * h * g_prime
        h_prime = at.mul_scalar(at.mul_scalar(input, 6 * _KAPPA), _SQRT_2_OVER_PI)
        h_prime_fg = f * g * h_prime
        return ggI * gO * (at.mul_scalar(f_prime_gh, 2) + g_prime_fh + h_prime_fg)
    input_sq = input * input
    pdf = at.mul_scalar(at.mul_scalar(input_sq, -0.5).exp(), _INV_SQRT_2PI)
    return ggI * gO * (at.mul_scalar(pdf, 2) - input_sq * pdf)


# ---- softplus, elu, log_sigmoid ----------------------------------------------------------------------------
SOFTPLUS = Derivative(
    "softplus(Tensor self, Scalar beta=1, Scalar threshold=20) -> Tensor",
    "SoftplusBackward0",
    self=lambda grad, self, beta, threshold: at.softplus_backward(grad, self, beta, threshold),
    result=AUTO_ELEMENT_WISE,
)
SOFTPLUS_BACKWARD = Derivative(
    "softplus_backward(Tensor grad_output, Tensor self, Scalar beta, Scalar threshold) -> Tensor",
    "SoftplusBackwardBackward0",
    grad_output=lambda grad, self, beta, threshold: at.softplus_backward(grad, self, beta, threshold),
    self=lambda grad, grad_output, self, beta, threshold: at.softplus_double_backward(
        grad * grad_output, self, beta, threshold
    ),
    result=lambda grad_output_t, self_t, grad_output_p, self_p, beta, threshold: (
        at.softplus_backward(grad_output_t, self_p, beta, threshold)
        + at.softplus_double_backward(self_t * grad_output_p, self_p, beta, threshold)
    ),
)

ELU = Derivative(
    "elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor",
    "EluBackward0",
    self=lambda grad, alpha, scale, input_scale, self: at.elu_backward(
        grad, alpha, scale, input_scale, False, self
    ),
    result=AUTO_ELEMENT_WISE,
)
ELU_ = Derivative(
    "elu_(Tensor(a!) self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1) -> Tensor(a!)",
    "EluBackward1",
    self=lambda grad, alpha, scale, input_scale, result: at.elu_backward(
        grad, alpha, scale, input_scale, True, result
    ),
    result=lambda self_t, alpha, scale, input_scale, result: at.elu_backward(
        self_t, alpha, scale, input_scale, True, result
    ),
)


def _elu_backward_tangent(
    grad_output_t, self_or_result_t, grad_output_p, self_or_result_p, alpha, scale, input_scale, is_result
):
    """elu_backward is linear in grad_output; its derivative in self_or_result is the double backward."""
    return at.elu_backward(
        grad_output_t, alpha, scale, input_scale, is_result, self_or_result_p
    ) + at.elu_double_backward(
        self_or_result_t, grad_output_p, alpha, scale, input_scale, is_result, self_or_result_p
    )


ELU_BACKWARD = Derivative(
    "elu_backward(Tensor grad_output, Scalar alpha, Scalar scale, Scalar input_scale, bool is_result, "
    "Tensor self_or_result) -> Tensor",
    "EluBackwardBackward0",
    grad_output=lambda grad, alpha, scale, input_scale, is_result, self_or_result: at.elu_backward(
        grad, alpha, scale, input_scale, is_result, self_or_result
    ),
    self_or_result=lambda grad, grad_output, alpha, scale, input_scale, is_result, self_or_result: (
        at.elu_double_backward(grad, grad_output, alpha, scale, input_scale, is_result, self_or_result)
    ),
    result=_elu_backward_tangent,
)

LOG_SIGMOID = Derivative(  # torch's log_sigmoid_forward: the output and a buffer its gradient reuses
    "log_sigmoid_forward(Tensor self) -> (Tensor output, Tensor buffer)",
    "LogSigmoidBackward0",
    output_differentiability=(True, False),
    self=lambda grad, self, buffer: at.log_sigmoid_backward(grad, self, buffer),
    output=lambda self_t, self_p, buffer: at.log_sigmoid_backward(self_t, self_p, buffer),
)
LOG_SIGMOID_BACKWARD = Derivative(
    "log_sigmoid_backward(Tensor grad_output, Tensor self, Tensor buffer) -> Tensor",
    "LogSigmoidBackwardBackward0",
    grad_output=lambda grad, self, buffer: at.log_sigmoid_backward(grad, self, buffer),
    self=lambda grad, grad_output, self: at.log_sigmoid_double_backward(grad * grad_output, self),
    result=lambda grad_output_t, self_t, grad_output_p, self_p, buffer: (
        at.log_sigmoid_backward(grad_output_t, self_p, buffer)
        + at.log_sigmoid_double_backward(self_t * grad_output_p, self_p)
    ),
)
CELU = Derivative(
    "celu(Tensor self, Scalar alpha=1.0) -> Tensor",
    "CeluBackward0",
    self=lambda grad, alpha, self: at.elu_backward(grad, alpha, 1, 1.0 / alpha, False, self),
    result=AUTO_ELEMENT_WISE,
)
CELU_ = Derivative(
    "celu_(Tensor(a!) self, Scalar alpha=1.0) -> Tensor(a!)",
    "CeluBackward1",
    self=lambda grad, alpha, result: at.elu_backward(grad, alpha, 1, 1.0 / alpha, True, result),
    result=lambda self_t, alpha, result: at.elu_backward(self_t, alpha, 1, 1.0 / alpha, True, result),
)


# hardsigmoid_/hardswish_ are the same ops written in place (ops.inplace: the node saves the input's clone);
# torch has no derivative of hardsigmoid_backward (its double backward is a NotImplemented node)
HARDSIGMOID = Derivative(
    "hardsigmoid(Tensor self) -> Tensor",
    "HardsigmoidBackward0",
    self=lambda grad, self: at.hardsigmoid_backward(grad, self),
    result=AUTO_ELEMENT_WISE,
)
HARDSWISH = Derivative(
    "hardswish(Tensor self) -> Tensor",
    "HardswishBackward0",
    self=lambda grad, self: at.hardswish_backward(grad, self),
    result=AUTO_ELEMENT_WISE,
)


def _between_three(self):
    return (self > -3.0).logical_and(self < 3.0)


HARDSWISH_BACKWARD = Derivative(
    "hardswish_backward(Tensor grad_output, Tensor self) -> Tensor",
    "HardswishBackwardBackward0",
    grad_output=lambda grad, self: at.hardswish_backward(grad, self),
    self=lambda grad, grad_output, self: at.where(
        _between_three(self), at.div_scalar(grad * grad_output, 3.0), at.zero_scalar(grad)
    ),
    result=lambda grad_output_t, self_t, grad_output_p, self_p: (
        at.hardswish_backward(grad_output_t, self_p)
        + at.where(_between_three(self_p), at.div_scalar(self_t * grad_output_p, 3.0), at.zero_scalar(self_t))
    ),
)
THRESHOLD = Derivative(
    "threshold(Tensor self, Scalar threshold, Scalar value) -> Tensor",
    "ThresholdBackward0",
    self=lambda grad, self, threshold: at.threshold_backward(grad, self, threshold),
    result=AUTO_ELEMENT_WISE,
)
THRESHOLD_ = Derivative(  # (ops.inplace hands it the input's clone as self)
    "threshold_(Tensor(a!) self, Scalar threshold, Scalar value) -> Tensor(a!)",
    "ThresholdBackward1",
    self=lambda grad, self, threshold: at.threshold_backward(grad, self, threshold),
    result=lambda self_t, self_p, threshold: at.threshold_backward(self_t, self_p, threshold),
)


def _outside(self_p, lambd):
    return (self_p > lambd).logical_or(self_p < -lambd)


SOFTSHRINK = Derivative(
    "softshrink(Tensor self, Scalar lambd=0.5) -> Tensor",
    "SoftshrinkBackward0",
    self=lambda grad, self, lambd: at.shrink_backward("softshrink", grad, self, lambd),
    result=AUTO_ELEMENT_WISE,
)
HARDSHRINK = Derivative(
    "hardshrink(Tensor self, Scalar lambd=0.5) -> Tensor",
    "HardshrinkBackward0",
    self=lambda grad, self, lambd: at.shrink_backward("hardshrink", grad, self, lambd),
    result=AUTO_ELEMENT_WISE,
)
SOFTSHRINK_BACKWARD = Derivative(
    "softshrink_backward(Tensor grad_output, Tensor self, Scalar lambd) -> Tensor",
    "SoftshrinkBackwardBackward0",
    grad_output=lambda grad, self, lambd: at.shrink_backward("softshrink", grad, self, lambd),
    self=lambda grad: at.zeros_like(grad),
    result=lambda grad_output_t, self_p, lambd: at.where(
        _outside(self_p, lambd), grad_output_t, at.zero_scalar(grad_output_t)
    ),
)
HARDSHRINK_BACKWARD = Derivative(
    "hardshrink_backward(Tensor grad_out, Tensor self, Scalar lambd) -> Tensor",
    "HardshrinkBackwardBackward0",
    grad_out=lambda grad, self, lambd: at.shrink_backward("hardshrink", grad, self, lambd),
    self=lambda grad: at.zeros_like(grad),
    result=lambda grad_out_t, self_p, lambd: at.where(
        _outside(self_p, lambd), grad_out_t, at.zero_scalar(grad_out_t)
    ),
)
