"""Bug: dividing an integer tensor by a Python int first converts the int to the tensor's dtype,
wrapping it as an integer tensor would (256 becomes 0 in uint8), so `uint8_tensor / 256` gives inf
where torch divides by 256 in floating point.

Caught by the numbers area (NUM-001::operators: integer and bool tensors with Python numbers).
"""

import torch

from tests.broken_backends._base import Tensor, func_name, install

CAUGHT_BY = "NUM-001::operators"

TRUE_DIVISION = {"div", "true_divide", "__truediv__", "divide"}
BITS = {torch.uint8: (8, False), torch.int8: (8, True), torch.int16: (16, True), torch.int32: (32, True)}
BITS[torch.int64] = (64, True)


def narrowed(value: int, dtype) -> torch.Tensor:
    """value converted to dtype as C narrows integers: modulo 2**bits, then signed."""
    bits, signed = BITS[dtype]
    value %= 2**bits
    if signed and value >= 2 ** (bits - 1):
        value -= 2**bits
    return torch.tensor(value, dtype=dtype)


class WrappingTensor(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        if (
            func_name(func) in TRUE_DIVISION
            and "rounding_mode" not in kwargs
            and isinstance(args[0], torch.Tensor)
            and args[0].dtype in BITS
            and type(args[1]) is int
        ):
            return func(args[0], narrowed(args[1], args[0].dtype), *args[2:], **kwargs)
        return func(*args, **kwargs)


install(__name__, tensor_class=WrappingTensor)
