"""Rows of the transcendental family: sinh cosh asin acos atan erf log1p expm1 rsqrt exp2 log2 log10, and
xlogy in its three overloads, atan2 (their forwards: ops/transcendental.py).

The formulas are derivatives.yaml's, written with the ops torch's formulas call, so a create_graph=True
gradient has torch's nodes: asin's is grad * (-self * self + 1).rsqrt(); log1p's is log1p_backward's
grad / (self + 1). expm1 and rsqrt save their result, the others their input.
"""

import math

from .._core import grad_mode
from . import AUTO_ELEMENT_WISE, Derivative, at

SINH = Derivative(
    "sinh(Tensor self) -> Tensor",
    "SinhBackward0",
    self=lambda grad, self: grad * self.cosh(),
    result=AUTO_ELEMENT_WISE,
)
COSH = Derivative(
    "cosh(Tensor self) -> Tensor",
    "CoshBackward0",
    self=lambda grad, self: grad * self.sinh(),
    result=AUTO_ELEMENT_WISE,
)
ASIN = Derivative(
    "asin(Tensor self) -> Tensor",
    "AsinBackward0",
    self=lambda grad, self: grad * at.add_scalar(-self * self, 1).rsqrt(),
    result=AUTO_ELEMENT_WISE,
)
ACOS = Derivative(
    "acos(Tensor self) -> Tensor",
    "AcosBackward0",
    self=lambda grad, self: grad * -at.add_scalar(-self * self, 1).rsqrt(),
    result=AUTO_ELEMENT_WISE,
)
ATAN = Derivative(
    "atan(Tensor self) -> Tensor",
    "AtanBackward0",
    self=lambda grad, self: grad / at.add_scalar(self * self, 1),
    result=AUTO_ELEMENT_WISE,
)
ERF = Derivative(
    "erf(Tensor self) -> Tensor",
    "ErfBackward0",
    self=lambda grad, self: at.mul_scalar((-(self.pow(2))).exp(), 2.0 / math.sqrt(math.pi)) * grad,
    result=AUTO_ELEMENT_WISE,
)
LOG1P = Derivative(
    "log1p(Tensor self) -> Tensor",
    "Log1PBackward0",
    self=lambda grad, self: grad / at.add_scalar(self, 1),
    result=AUTO_ELEMENT_WISE,
)
EXPM1 = Derivative(
    "expm1(Tensor self) -> Tensor",
    "Expm1Backward0",
    self=lambda grad, result: grad * at.add_scalar(result, 1),
    result=AUTO_ELEMENT_WISE,
)
RSQRT = Derivative(
    "rsqrt(Tensor self) -> Tensor",
    "RsqrtBackward0",
    self=lambda grad, result: at.mul_scalar(grad, -0.5) * result.pow(3),
    result=AUTO_ELEMENT_WISE,
)
EXP2 = Derivative(
    "exp2(Tensor self) -> Tensor",
    "Exp2Backward0",
    self=lambda grad, result: at.mul_scalar(grad * result, math.log(2.0)),
    result=AUTO_ELEMENT_WISE,
)
LOG2 = Derivative(
    "log2(Tensor self) -> Tensor",
    "Log2Backward0",
    self=lambda grad, self: grad / at.mul_scalar(self, 0.6931471805599453),
    result=AUTO_ELEMENT_WISE,
)
LOG10 = Derivative(
    "log10(Tensor self) -> Tensor",
    "Log10Backward0",
    self=lambda grad, self: grad / at.mul_scalar(self, 2.3025850929940456),
    result=AUTO_ELEMENT_WISE,
)


# xlogy(x, y) = x * log(y), 0 where x == 0 (unless y is nan). Its gradient in x is xlogy(grad, y) with the
# same convention, zeroed where x == 0 and y <= 0 (the log is undefined there, the product is not)
def _xlogy_self_gradient(grad, self, other):
    return at.xlogy(grad, other).masked_fill((self == 0.0) & (other <= 0.0), 0.0)


def _xlogy_self_gradient_scalar_other(grad, self, other):
    if other > 0.0:
        return at.xlogy(grad, other)
    return at.xlogy(grad, other).masked_fill(self == 0.0, 0.0)


XLOGY = Derivative(
    "xlogy.Tensor(Tensor self, Tensor other) -> Tensor",
    "XlogyBackward0",
    self=_xlogy_self_gradient,
    other=lambda grad, self, other: grad * self / other,
    result=lambda self_t, other_t, self_p, other_p: (
        _xlogy_self_gradient(self_t, self_p, other_p) + other_t * self_p / other_p
    ),
)
XLOGY_SCALAR_SELF = Derivative(
    "xlogy.Scalar_Self(Scalar self, Tensor other) -> Tensor",
    "XlogyBackward1",
    # C++'s grad * self with a Scalar self is mul.Scalar (MulBackward1 under create_graph)
    other=lambda grad, self, other: at.mul_scalar(grad, self) / other,
    result=lambda other_t, self, other_p: at.mul_scalar(other_t, self) / other_p,
)
XLOGY_SCALAR_OTHER = Derivative(
    "xlogy.Scalar_Other(Tensor self, Scalar other) -> Tensor",
    "XlogyBackward2",
    self=_xlogy_self_gradient_scalar_other,
    result=lambda self_t, self_p, other: _xlogy_self_gradient_scalar_other(self_t, self_p, other),
)


def _atan2_backward(grad, self, other, output_mask):
    """torch's atan2_backward: one reciprocal of self^2 + other^2, shared by both gradients, 0 where it is
    infinite (at the origin, where atan2 has no derivative, torch's gradient is 0)."""
    recip = (self * self + other * other).reciprocal()
    recip = recip.masked_fill(recip.isinf(), 0.0)
    return (
        grad * other * recip if output_mask[0] else None,
        grad * -self * recip if output_mask[1] else None,
    )


ATAN2 = Derivative(
    "atan2(Tensor self, Tensor other) -> Tensor",
    "Atan2Backward0",
    **{"self, other": _atan2_backward},
    result=lambda self_t, other_t, self_p, other_p: (
        (-self_p * other_t + other_p * self_t) / (self_p.pow(2) + other_p.pow(2))
    ),
)


# torch picks logit's gradient by grad mode: a composite of where/div/mul/sub while a graph is recorded
# (create_graph=True, forward AD), its logit_backward kernel otherwise. The two differ for a negative eps
# outside [0, 1]: the kernel gives nan there, the composite 0
LOGIT = Derivative(
    "logit(Tensor self, float? eps=None) -> Tensor",
    "LogitBackward0",
    self=lambda grad, self, eps: (
        at.infinitely_differentiable_logit_backward(grad, self, eps)
        if grad_mode.state.grad_enabled
        else at.logit_backward(grad, self, eps)
    ),
    result=AUTO_ELEMENT_WISE,
)
