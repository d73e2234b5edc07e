"""Rows of the unary family: sin cos tanh sigmoid relu, their gradients' own ops (tanh_backward,
sigmoid_backward, threshold_backward), sign and rounding, clamp (Number or Tensor bounds), clamp_min/max,
where (their forwards: ops/unary.py).

What each saves decides which later in-place writes make backward fail: sin/cos save their input, tanh,
sigmoid and relu their result.
"""

from . import AUTO_ELEMENT_WISE, Derivative, at

SIN = Derivative(
    "sin(Tensor self) -> Tensor",
    "SinBackward0",
    self=lambda grad, self: grad * self.cos(),
    result=AUTO_ELEMENT_WISE,
)
COS = Derivative(
    "cos(Tensor self) -> Tensor",
    "CosBackward0",
    self=lambda grad, self: grad * -self.sin(),
    result=AUTO_ELEMENT_WISE,
)
TANH = Derivative(
    "tanh(Tensor self) -> Tensor",
    "TanhBackward0",
    self=lambda grad, result: at.tanh_backward(grad, result),
    result=AUTO_ELEMENT_WISE,
)
TANH_BACKWARD = Derivative(
    "tanh_backward(Tensor grad_output, Tensor output) -> Tensor",
    "TanhBackwardBackward0",
    grad_output=lambda grad, output: at.tanh_backward(grad, output),
    output=lambda grad, output, grad_output: grad * (at.mul_scalar(output, -2) * grad_output),
    result=lambda grad_output_t, output_t, grad_output_p, output_p: (
        at.tanh_backward(grad_output_t, output_p) + grad_output_p * (at.mul_scalar(output_p, -2) * output_t)
    ),
)
SIGMOID = Derivative(
    "sigmoid(Tensor self) -> Tensor",
    "SigmoidBackward0",
    self=lambda grad, result: at.sigmoid_backward(grad, result),
    result=AUTO_ELEMENT_WISE,
)
SIGMOID_BACKWARD = Derivative(
    "sigmoid_backward(Tensor grad_output, Tensor output) -> Tensor",
    "SigmoidBackwardBackward0",
    grad_output=lambda grad, output: at.sigmoid_backward(grad, output),
    output=lambda grad, output, grad_output: grad * grad_output * at.add_scalar(at.mul_scalar(output, -2), 1),
    result=lambda grad_output_t, output_t, grad_output_p, output_p: (
        at.sigmoid_backward(grad_output_t, output_p)
        + grad_output_p * at.add_scalar(at.mul_scalar(output_p, -2), 1) * output_t
    ),
)
RELU = Derivative(
    "relu(Tensor self) -> Tensor",
    "ReluBackward0",
    self=lambda grad, result: at.threshold_backward(grad, result, 0),
    result=AUTO_ELEMENT_WISE,
)
# relu's gradient is linear in grad and, with zero derivative, a function of relu's result: a gradient of a
# gradient through relu exists and is zero, as in torch
THRESHOLD_BACKWARD = Derivative(
    "threshold_backward(Tensor grad_output, Tensor self, Scalar threshold) -> Tensor",
    "ThresholdBackwardBackward0",
    grad_output=lambda grad, self, threshold: at.threshold_backward(grad, self, threshold),
    self=lambda grad, self: at.zeros_like(self),
    result=lambda grad_output_t, self_p, threshold: at.threshold_backward(grad_output_t, self_p, threshold),
)
# piecewise constant: zero gradients
SIGN = Derivative(
    "sign(Tensor self) -> Tensor",
    "SignBackward0",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
FLOOR = Derivative(
    "floor(Tensor self) -> Tensor",
    "FloorBackward0",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
CEIL = Derivative(
    "ceil(Tensor self) -> Tensor",
    "CeilBackward0",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
TRUNC = Derivative(
    "trunc(Tensor self) -> Tensor",
    "TruncBackward0",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
FRAC = Derivative(
    "frac(Tensor self) -> Tensor",
    "FracBackward0",
    self=lambda grad: grad,
    result=lambda self_t: self_t,
)
ROUND = Derivative(
    "round(Tensor self) -> Tensor",
    "RoundBackward0",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
ROUND_DECIMALS = Derivative(
    "round.decimals(Tensor self, *, int decimals) -> Tensor",
    "RoundBackward1",
    self=lambda grad: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
# clamp: the gradient passes where the input is within the bounds (both ends included)
CLAMP = Derivative(
    "clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor",
    "ClampBackward1",
    self=lambda grad, self, min, max: at.clamp_backward(grad, self, min, max),
    result=lambda self_t, self_p, min, max: at.clamp_backward(self_t, self_p, min, max),
)
CLAMP_TENSOR = Derivative(
    "clamp.Tensor(Tensor self, Tensor? min=None, Tensor? max=None) -> Tensor",
    "ClampBackward0",
    self=lambda grad, self, min, max: at.clamp_backward(grad, self, min, max),
    min=lambda grad, self, min, max: at.clamp_bound_backward(grad, self, min, max, "min"),
    max=lambda grad, self, min, max: at.clamp_bound_backward(grad, self, min, max, "max"),
    result=lambda self_t, min_t, max_t, self_p, min_p, max_p: at.clamp_forward_tangent(
        self_t, min_t, max_t, self_p, min_p, max_p
    ),
)
CLAMP_MIN = Derivative(
    "clamp_min(Tensor self, Scalar min) -> Tensor",
    "ClampMinBackward0",
    self=lambda grad, self, min: at.where_mask(self >= min, grad),
    result=lambda self_t, self_p, min: at.where_mask(self_p >= min, self_t),
)
CLAMP_MIN_TENSOR = Derivative(
    "clamp_min.Tensor(Tensor self, Tensor min) -> Tensor",
    "ClampMinBackward1",
    self=lambda grad, self, min: at.where_mask(self >= min, grad),
    min=lambda grad, self, min: at.where_mask(self < min, grad),
    result=lambda self_t, min_t, self_p, min_p: at.where(self_p >= min_p, self_t, min_t),
)
CLAMP_MAX = Derivative(
    "clamp_max(Tensor self, Scalar max) -> Tensor",
    "ClampMaxBackward0",
    self=lambda grad, self, max: at.where_mask(self <= max, grad),
    result=lambda self_t, self_p, max: at.where_mask(self_p <= max, self_t),
)
CLAMP_MAX_TENSOR = Derivative(
    "clamp_max.Tensor(Tensor self, Tensor max) -> Tensor",
    "ClampMaxBackward1",
    self=lambda grad, self, max: at.where_mask(self <= max, grad),
    max=lambda grad, self, max: at.where_mask(self > max, grad),
    result=lambda self_t, max_t, self_p, max_p: at.where(self_p <= max_p, self_t, max_t),
)
WHERE = Derivative(
    "where.self(Tensor condition, Tensor self, Tensor other) -> Tensor",
    "WhereBackward0",
    self=lambda grad, condition: at.where(condition, grad, at.zero_scalar(grad)),
    other=lambda grad, condition: at.where(condition, at.zero_scalar(grad), grad),
    result=lambda condition, self_t, other_t: at.where(condition, self_t, other_t),
)

NAN_TO_NUM = Derivative(  # nan_to_num_ is the same op written in place (ops.inplace: a clone saved as self)
    "nan_to_num(Tensor self, float? nan=None, float? posinf=None, float? neginf=None) -> Tensor",
    "NanToNumBackward0",
    self=lambda grad, self: grad * self.isfinite(),
    result=AUTO_ELEMENT_WISE,
)
