"""Bug: arithmetic between a float32 tensor and a float64 tensor computes in float32 (the float64
operand is cast down), where torch promotes to float64 (a 0-d tensor operand yields to a dimensioned
one in both, so only same-category pairs of dimensioned or of 0-d tensors differ).

Caught by the dtypes area (DTYPE-003::float32-float64: float32 with float64 gives float64).
"""

import torch

from tests.broken_backends._base import Tensor, func_name, install

CAUGHT_BY = "DTYPE-003::float32-float64"

ARITHMETIC = {
    "add", "sub", "mul", "div", "true_divide", "subtract", "multiply", "divide",
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
}  # fmt: skip


def down_to_float32(value):
    if isinstance(value, torch.Tensor) and value.dtype == torch.float64:
        return value.to(torch.float32)
    return value


class DemotingTensor(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        dtypes = {a.dtype for a in args[:2] if isinstance(a, torch.Tensor)}
        if func_name(func) in ARITHMETIC and dtypes == {torch.float32, torch.float64}:
            args = tuple(down_to_float32(a) for a in args[:2]) + tuple(args[2:])
        return func(*args, **kwargs)


install(__name__, tensor_class=DemotingTensor)
