"""Bug: in forward-mode AD, a / b ignores the tangent of the divisor b (b is treated as a constant), so
the tangent of a quotient of two dual tensors misses the -a * tb / b**2 term.

Caught by the forward_ad area (FWAD-001::ops: the tangent of a result is the Jacobian-vector product).
"""

import torch
import torch.autograd.forward_ad as fw

from tests.broken_backends._base import Tensor, func_name, install

CAUGHT_BY = "FWAD-001::ops"

DIVISION = {"div", "true_divide", "__truediv__", "divide"}


class ConstantDivisorTensor(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        if func_name(func) in DIVISION and len(args) > 1 and isinstance(args[1], torch.Tensor):
            primal, tangent = fw.unpack_dual(args[1])
            if tangent is not None:
                args = (args[0], primal, *args[2:])
        return func(*args, **kwargs)


install(__name__, tensor_class=ConstantDivisorTensor)
