"""Bug: relu(x) is computed as x.clamp(min=0), which has the same values but passes the gradient
through at exactly 0 (clamp's gradient at its bound is 1; relu's at 0 is torch's 0).

Caught by the kinks area (KINK-001::unary: at a kink torch picks a subgradient, relu'(0) = 0).
"""

import torch

from tests.broken_backends._base import Tensor, func_name, install

CAUGHT_BY = "KINK-001::unary"


class ClampingTensor(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        if func_name(func) in ("relu", "relu_") and not kwargs.get("inplace"):
            return torch.clamp(args[0], min=0)
        return func(*args, **kwargs)


install(__name__, tensor_class=ClampingTensor)
