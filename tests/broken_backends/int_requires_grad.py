"""Bug: integer tensors may "require grad": requires_grad=True, requires_grad_() and the attribute are
accepted on int tensors (which then report requires_grad=True) instead of raising RuntimeError
("only Tensors of floating point ... dtype can require gradients").

Caught by the leaves area (LEAF-006::factory-kwarg: integer tensors cannot require grad).
"""

import torch

from tests.broken_backends._base import Tensor, adopt, install

CAUGHT_BY = "LEAF-006::factory-kwarg"


def is_integer(t) -> bool:
    return not (t.dtype.is_floating_point or t.dtype.is_complex)


class LenientTensor(Tensor):
    @property
    def requires_grad(self):
        return getattr(self, "claims_grad", False) or Tensor.requires_grad.__get__(self)

    @requires_grad.setter
    def requires_grad(self, value):
        if is_integer(self):
            self.claims_grad = bool(value)
        else:
            Tensor.requires_grad.__set__(self, value)

    def requires_grad_(self, requires_grad=True):
        if is_integer(self):
            self.claims_grad = bool(requires_grad)
            return self
        return super().requires_grad_(requires_grad)


def lenient(factory):
    """A factory that drops requires_grad=True for integer results and marks them instead."""

    def make(*args, requires_grad=False, **kwargs):
        t = adopt(factory(*args, **kwargs), LenientTensor)
        return t.requires_grad_(requires_grad) if requires_grad else t

    make.__name__ = factory.__name__
    return make


FACTORIES = ("tensor", "zeros", "ones", "full", "empty", "arange", "randint", "as_tensor", "scalar_tensor")
install(__name__, tensor_class=LenientTensor, **{name: lenient(getattr(torch, name)) for name in FACTORIES})
