"""Rows of the arithmetic family: add sub rsub mul div remainder fmod floor_divide neg reciprocal pow exp log
sqrt abs sgn (their forwards: ops/arithmetic.py).

The *.Scalar overloads are what torch's C++ formulas record when they multiply by a C++ number
(`grad * alpha`, `result * 2`): their nodes (MulBackward1, DivBackward1, ...) show up under create_graph=True.
"""

from . import AUTO_ELEMENT_WISE, Derivative, at

ADD = Derivative(
    "add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
    "AddBackward0",
    self=lambda grad: grad,
    other=lambda grad, alpha: at.maybe_multiply(grad, alpha),
    result=lambda self_t, other_t, alpha: self_t + at.maybe_multiply(other_t, alpha),
)
ADD_SCALAR = Derivative(
    "add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor",
    "AddBackward1",
    self=lambda grad: grad,
    result=lambda self_t: self_t.clone(),
)
SUB = Derivative(
    "sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
    "SubBackward0",
    self=lambda grad: grad,
    other=lambda grad, alpha: at.maybe_multiply(-grad, alpha),
    result=lambda self_t, other_t, alpha: self_t - at.maybe_multiply(other_t, alpha),
)
SUB_SCALAR = Derivative(
    "sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor",
    "SubBackward1",
    self=lambda grad: grad,
    result=lambda self_t: self_t.clone(),
)
RSUB = Derivative(
    "rsub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
    "RsubBackward0",
    self=lambda grad, alpha: at.maybe_multiply(-grad, alpha),
    other=lambda grad: grad,
    result=lambda self_t, other_t, alpha: -at.maybe_multiply(self_t, alpha) + other_t,
)
RSUB_SCALAR = Derivative(
    "rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor",
    "RsubBackward1",
    self=lambda grad, alpha: at.maybe_multiply(-grad, alpha),
    result=lambda self_t, alpha: at.maybe_multiply(-self_t, alpha),
)
MUL = Derivative(
    "mul.Tensor(Tensor self, Tensor other) -> Tensor",
    "MulBackward0",
    self=lambda grad, other: at.mul_grad(grad, other),
    other=lambda grad, self: at.mul_grad(grad, self),
    result=lambda self_t, other_t, self_p, other_p: other_t * self_p + self_t * other_p,
)
MUL_SCALAR = Derivative(
    "mul.Scalar(Tensor self, Scalar other) -> Tensor",
    "MulBackward1",
    self=lambda grad, other: at.mul_scalar(grad, other),
    result=lambda self_t, other: at.mul_scalar(self_t, other),
)
DIV = Derivative(
    "div.Tensor(Tensor self, Tensor other) -> Tensor",
    "DivBackward0",
    self=lambda grad, other: grad / other,
    other=lambda grad, self, other: -grad * ((self / other) / other),
    result=lambda self_t, other_t, other_p, result: (self_t - other_t * result) / other_p,
)
DIV_SCALAR = Derivative(
    "div.Scalar(Tensor self, Scalar other) -> Tensor",
    "DivBackward1",
    self=lambda grad, other: at.div_scalar(grad, other),
    result=lambda self_t, other: at.div_scalar(self_t, other),
)
# rounding division is piecewise constant: zero gradients (torch saves self and other all the same)
DIV_MODE = Derivative(
    "div.Tensor_mode(Tensor self, Tensor other, *, str? rounding_mode) -> Tensor",
    "DivBackward2",
    self=lambda grad, other, rounding_mode: at.zeros_like(grad),
    other=lambda grad, self, other, rounding_mode: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)
REMAINDER_SCALAR = Derivative(
    "remainder.Scalar(Tensor self, Scalar other) -> Tensor",
    "RemainderBackward0",
    self=lambda grad: grad,
    result=lambda self_t: self_t.clone(),
)
REMAINDER = Derivative(
    "remainder.Tensor(Tensor self, Tensor other) -> Tensor",
    "RemainderBackward1",
    self=lambda grad: grad,
    other=lambda grad, self, other: -grad * self.div(other, rounding_mode="floor"),
    result=lambda self_t, other_t, self_p, other_p: (
        self_t - other_t * self_p.div(other_p, rounding_mode="floor")
    ),
)
FMOD_SCALAR = Derivative(
    "fmod.Scalar(Tensor self, Scalar other) -> Tensor",
    "FmodBackward0",
    self=lambda grad: grad,
    result=lambda self_t: self_t.clone(),
)
FMOD = Derivative(
    "fmod.Tensor(Tensor self, Tensor other) -> Tensor",
    "FmodBackward1",
    self=lambda grad: grad,
    other=lambda grad, self, other: -grad * self.div(other, rounding_mode="trunc"),
    result=lambda self_t, other_t, self_p, other_p: (
        self_t - other_t * self_p.div(other_p, rounding_mode="trunc")
    ),
)
NEG = Derivative(
    "neg(Tensor self) -> Tensor",
    "NegBackward0",
    self=lambda grad: -grad,
    result=lambda self_t: -self_t,
)
RECIPROCAL = Derivative(
    "reciprocal(Tensor self) -> Tensor",
    "ReciprocalBackward0",
    self=lambda grad, result: -grad * (result * result),
    result=lambda self_t, result: -self_t * (result * result),
)
POW_SCALAR = Derivative(
    "pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor",
    "PowBackward0",
    self=lambda grad, self, exponent: at.pow_backward(grad, self, exponent),
    result=lambda self_t, self_p, exponent: at.pow_backward(self_t, self_p, exponent),
)
POW = Derivative(
    "pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor",
    "PowBackward1",
    self=lambda grad, self, exponent: at.pow_backward_self(grad, self, exponent),
    exponent=lambda grad, self, exponent, result: at.pow_backward_exponent(grad, self, exponent, result),
    result=lambda self_t, exponent_t, self_p, exponent_p, result: (
        at.pow_backward_self(self_t, self_p, exponent_p)
        + at.pow_backward_exponent(exponent_t, self_p, exponent_p, result)
    ),
)
POW_SCALAR_BASE = Derivative(
    "pow.Scalar(Scalar self, Tensor exponent) -> Tensor",
    "PowBackward2",
    exponent=lambda grad, self, exponent, result: at.pow_backward_exponent_scalar(
        grad, self, exponent, result
    ),
    result=lambda exponent_t, self, exponent_p, result: at.pow_backward_exponent_scalar(
        exponent_t, self, exponent_p, result
    ),
)
EXP = Derivative(
    "exp(Tensor self) -> Tensor",
    "ExpBackward0",
    self=lambda grad, result: at.mul_grad(grad, result),
    result=AUTO_ELEMENT_WISE,
)
LOG = Derivative(
    "log(Tensor self) -> Tensor",
    "LogBackward0",
    self=lambda grad, self: grad / self,
    result=AUTO_ELEMENT_WISE,
)
SQRT = Derivative(
    "sqrt(Tensor self) -> Tensor",
    "SqrtBackward0",
    self=lambda grad, result: grad / at.mul_scalar(result, 2),
    result=AUTO_ELEMENT_WISE,
)
ABS = Derivative(
    "abs(Tensor self) -> Tensor",
    "AbsBackward0",
    self=lambda grad, self: grad * self.sgn(),
    result=AUTO_ELEMENT_WISE,
)
# sgn of a real tensor is piecewise constant: its gradient is zero (torch saves self and result all the same)
SGN = Derivative(
    "sgn(Tensor self) -> Tensor",
    "SgnBackward0",
    self=lambda grad, self, result: at.zeros_like(grad),
    result=lambda self_t: at.zeros_like(self_t),
)

# torch's C++ formulas multiply by the Scalar value as Tensor * Scalar (MulBackward1); `value / tensor2`
# divides a wrapped number by tensor2 (DivBackward0)
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
    tensor1=lambda grad, tensor2, value: grad * at.div(value, tensor2),
    tensor2=lambda grad, tensor1, tensor2, value: (
        -grad * (at.mul_scalar(tensor1, value) / (tensor2 * tensor2))
    ),
    result=lambda self_t, tensor1_t, tensor2_t, tensor1_p, tensor2_p, value: (
        self_t
        + at.maybe_multiply(tensor1_t / tensor2_p, value)
        - at.maybe_multiply(tensor2_t * (tensor1_p / tensor2_p) / tensor2_p, value)
    ),
)
