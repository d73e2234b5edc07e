"""Bug: reading .grad of a non-leaf that does not retain its grad returns None silently; torch warns
(UserWarning: "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed...").

Caught by the non-leaf area (NONLEAF-001::chain: a non-leaf's .grad reads None, with a UserWarning).
"""

import warnings

import torch

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "NONLEAF-001::chain"


class SilentGrad(Tensor):
    @property
    def grad(self):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.Tensor.grad.__get__(self)

    @grad.setter
    def grad(self, value):
        torch.Tensor.grad.__set__(self, value)

    @grad.deleter
    def grad(self):
        torch.Tensor.grad.__delete__(self)


install(__name__, tensor_class=SilentGrad)
