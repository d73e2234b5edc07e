"""Rows of the transcendental family: sinh cosh asin acos atan erf log1p expm1 rsqrt exp2 log2 log10
(their forwards: ops/transcendental.py).

The formulas are derivatives.yaml's, written with the ops torch's formulas call, so a create_graph=True
gradient has torch's nodes: asin's is grad * (-self * self + 1).rsqrt(); log1p's is log1p_backward's
grad / (self + 1). expm1 and rsqrt save their result, the others their input.
"""

import math

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
