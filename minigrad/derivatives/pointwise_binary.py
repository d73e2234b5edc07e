"""Rows of the pointwise binary family beyond arithmetic and transcendental (which hold addcmul/addcdiv and
atan2/xlogy): hypot, lerp (Scalar and Tensor weight), copysign (two overloads), fmax, fmin. Forwards and the
helpers the formulas call: ops/pointwise_binary.py.
"""

from . import AUTO_ELEMENT_WISE, Derivative, at

HYPOT = Derivative(
    "hypot(Tensor self, Tensor other) -> Tensor",
    "HypotBackward0",
    self=lambda grad, self, result: grad * self / result,
    other=lambda grad, other, result: grad * other / result,
    result=lambda self_t, other_t, self_p, other_p, result: (
        self_t * self_p / result + other_t * other_p / result
    ),
)
LERP_SCALAR = Derivative(
    "lerp.Scalar(Tensor self, Tensor end, Scalar weight) -> Tensor",
    "LerpBackward0",
    self=lambda grad, weight: at.mul_scalar(grad, 1 - float(weight)),
    end=lambda grad, weight: at.mul_scalar(grad, weight),
    result=lambda self_t, end_t, weight: at.lerp(self_t, end_t, weight),
)
LERP_TENSOR = Derivative(
    "lerp.Tensor(Tensor self, Tensor end, Tensor weight) -> Tensor",
    "LerpBackward1",
    self=lambda grad, weight: grad * at.scalar_sub(1, weight),
    end=lambda grad, weight: grad * weight,
    weight=lambda grad, end, self: grad * (end - self),
    result=lambda self_t, end_t, weight_t, end_p, self_p, weight_p: (
        at.lerp(self_t, end_t, weight_p) + weight_t * (end_p - self_p)
    ),
)
COPYSIGN = Derivative(
    "copysign.Tensor(Tensor self, Tensor other) -> Tensor",
    "CopysignBackward0",
    self=lambda grad, self, result: at.copysign_tensor_self_backward(grad, self, result),
    other=lambda grad: at.zeros_like(grad),  # torch: zeros_like(other), reduced and cast by the engine
    result=lambda self_t, self_p, result: at.copysign_tensor_self_backward(self_t, self_p, result),
)
COPYSIGN_SCALAR = Derivative(
    "copysign.Scalar(Tensor self, Scalar other) -> Tensor",
    "CopysignBackward1",
    self=lambda grad, self, result: at.copysign_tensor_self_backward(grad, self, result),
    result=AUTO_ELEMENT_WISE,
)
FMAX = Derivative(
    "fmax(Tensor self, Tensor other) -> Tensor",
    "FmaxBackward0",
    self=lambda grad, self, other: grad.masked_fill(
        (self >= other).logical_or(other.isnan()).logical_not(), 0
    ),
    other=lambda grad, self, other: grad.masked_fill((self >= other).logical_or(other.isnan()), 0),
    result=lambda self_t, other_t, self_p, other_p: (
        other_t + (self_p > other_p).logical_or(other_p.isnan()) * (self_t - other_t)
    ),
)
FMIN = Derivative(
    "fmin(Tensor self, Tensor other) -> Tensor",
    "FminBackward0",
    self=lambda grad, self, other: grad.masked_fill(
        (self <= other).logical_or(other.isnan()).logical_not(), 0
    ),
    other=lambda grad, self, other: grad.masked_fill((self <= other).logical_or(other.isnan()), 0),
    result=lambda self_t, other_t, self_p, other_p: (
        other_t + (self_p < other_p).logical_or(other_p.isnan()) * (self_t - other_t)
    ),
)
