"""Rows of the random family: the in-place fills (uniform_ normal_ bernoulli_ exponential_ geometric_
log_normal_ cauchy_ random_) and bernoulli/normal (forwards: ops/creation.py, over the generator of
_core/generator.py).

As derivatives.yaml declares them: a random value does not depend on its parameters, so every gradient is
zero, and a fill's forward derivative is a zero tangent. normal's tensor overloads save the sizes of their
tensor arguments and give zeros of those sizes. The schemas leave out the distributions' number arguments
(from, to, mean, p...): no formula uses them, and `from` cannot name a Python parameter.
"""

from . import AUTO_ELEMENT_WISE, Derivative, at


def _zero_gradient(grad):
    return at.zeros_like(grad)


def _zero_tangent(self_t):
    return at.zeros_like(self_t)


def _fill(schema, node):
    return Derivative(schema, node, self=_zero_gradient, result=_zero_tangent)


UNIFORM_ = _fill("uniform_(Tensor self) -> Tensor", "UniformBackward0")
NORMAL_ = _fill("normal_(Tensor self) -> Tensor", "NormalBackward0")
BERNOULLI_FLOAT_ = _fill("bernoulli_.float(Tensor self) -> Tensor", "BernoulliBackward2")
BERNOULLI_TENSOR_ = Derivative(
    "bernoulli_.Tensor(Tensor self, Tensor p) -> Tensor",
    "BernoulliBackward1",
    self=_zero_gradient,
    p=_zero_gradient,  # the engine sums it to p's shape
    result=_zero_tangent,
)
EXPONENTIAL_ = _fill("exponential_(Tensor self) -> Tensor", "ExponentialBackward0")
GEOMETRIC_ = _fill("geometric_(Tensor self) -> Tensor", "GeometricBackward0")
LOG_NORMAL_ = _fill("log_normal_(Tensor self) -> Tensor", "LogNormalBackward0")
CAUCHY_ = _fill("cauchy_(Tensor self) -> Tensor", "CauchyBackward0")
RANDOM_FROM_ = _fill("random_.from(Tensor self) -> Tensor", "RandomBackward0")
RANDOM_TO_ = _fill("random_.to(Tensor self) -> Tensor", "RandomBackward1")
RANDOM_ = _fill("random_(Tensor self) -> Tensor", "RandomBackward2")
BERNOULLI = Derivative(
    "bernoulli(Tensor self) -> Tensor",
    "BernoulliBackward0",
    self=_zero_gradient,
    result=AUTO_ELEMENT_WISE,
)


def _not_implemented(grad):
    raise RuntimeError("derivative for aten::bernoulli is not implemented")


BERNOULLI_P = Derivative(  # torch declares this overload's derivative not_implemented: a node that raises
    "bernoulli.p(Tensor self) -> Tensor",
    "torch::autograd::NotImplemented",
    self=_not_implemented,
    result=AUTO_ELEMENT_WISE,
)
NORMAL_TENSOR_FLOAT = Derivative(
    "normal.Tensor_float(Tensor mean) -> Tensor",
    "NormalBackward1",
    mean=lambda grad, mean_sym_sizes: at.zeros_sized_like(mean_sym_sizes, grad),
    result=AUTO_ELEMENT_WISE,
)
NORMAL_FLOAT_TENSOR = Derivative(
    "normal.float_Tensor(Tensor std) -> Tensor",
    "NormalBackward2",
    std=lambda grad, std_sym_sizes: at.zeros_sized_like(std_sym_sizes, grad),
    result=AUTO_ELEMENT_WISE,
)
NORMAL_TENSOR_TENSOR = Derivative(
    "normal.Tensor_Tensor(Tensor mean, Tensor std) -> Tensor",
    "NormalBackward3",
    mean=lambda grad, mean_sym_sizes: at.zeros_sized_like(mean_sym_sizes, grad),
    std=lambda grad, std_sym_sizes: at.zeros_sized_like(std_sym_sizes, grad),
    result=AUTO_ELEMENT_WISE,
)
