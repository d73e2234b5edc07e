"""Rows of the pointwise binary (and ternary) family beyond arithmetic: atan2, hypot, lerp (Scalar and Tensor
weight), addcmul, addcdiv, xlogy (three overloads), copysign (two), fmax, fmin. Forwards and the helpers the
formulas call: ops/pointwise_binary.py. (torch's handle_r_to_c is the identity for real dtypes, the only
ones minigrad has, so addcmul's and addcdiv's formulas leave it out: it saves nothing.)
"""

from . import AUTO_ELEMENT_WISE, Derivative, at

ATAN2 = Derivative(
    "atan2(Tensor self, Tensor other) -> Tensor",
    "Atan2Backward0",
    **{
        "self, other": lambda grad, self, other, output_mask: at.atan2_backward(
            grad, self, other, output_mask
        )
    },
    result=lambda self_t, other_t, self_p, other_p: (
        (-self_p * other_t + other_p * self_t) / (self_p.pow(2) + other_p.pow(2))
    ),
)
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
ADDCMUL = Derivative(
    "addcmul(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor",
    "AddcmulBackward0",
    self=lambda grad: grad,
    tensor1=lambda grad, tensor2, value: grad * at.mul_scalar(tensor2, value),
    tensor2=lambda grad, tensor1, value: grad * at.mul_scalar(tensor1, value),
    result=lambda self_t, tensor1_t, tensor2_t, tensor1_p, tensor2_p, value: (
        self_t
        + at.maybe_multiply(tensor1_t * tensor2_p, value)
        + at.maybe_multiply(tensor2_t * tensor1_p, value)
    ),
)
ADDCDIV = Derivative(
    "addcdiv(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor",
    "AddcdivBackward0",
    self=lambda grad: grad,
    tensor1=lambda grad, tensor2, value: grad * at.scalar_div(value, tensor2),
    tensor2=lambda grad, tensor1, tensor2, value: (
        -grad * (at.mul_scalar(tensor1, value) / (tensor2 * tensor2))
    ),
    result=lambda self_t, tensor1_t, tensor2_t, tensor1_p, tensor2_p, value: (
        self_t
        + at.maybe_multiply(tensor1_t / tensor2_p, value)
        - at.maybe_multiply(tensor2_t * (tensor1_p / tensor2_p) / tensor2_p, value)
    ),
)
XLOGY = Derivative(
    "xlogy.Tensor(Tensor self, Tensor other) -> Tensor",
    "XlogyBackward0",
    self=lambda grad, self, other: at.xlogy(grad, other).masked_fill((self == 0.0) & (other <= 0.0), 0.0),
    other=lambda grad, self, other: grad * self / other,
    result=lambda self_t, other_t, self_p, other_p: (
        at.xlogy(self_t, other_p).masked_fill((self_p == 0.0) & (other_p <= 0.0), 0.0)
        + other_t * self_p / other_p
    ),
)
XLOGY_SCALAR_SELF = Derivative(
    "xlogy.Scalar_Self(Scalar self, Tensor other) -> Tensor",
    "XlogyBackward1",
    other=lambda grad, self, other: at.mul_scalar(grad, self) / other,
    result=AUTO_ELEMENT_WISE,
)
XLOGY_SCALAR_OTHER = Derivative(
    "xlogy.Scalar_Other(Tensor self, Scalar other) -> Tensor",
    "XlogyBackward2",
    self=lambda grad, self, other: (
        at.xlogy(grad, other) if float(other) > 0.0 else at.xlogy(grad, other).masked_fill(self == 0.0, 0.0)
    ),
    result=AUTO_ELEMENT_WISE,
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
