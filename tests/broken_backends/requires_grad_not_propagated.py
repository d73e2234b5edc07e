"""Bug: division forgets to propagate requires_grad: `a / b` (and torch.div) is computed untracked,
so its result doesn't require grad even when an input does. Every other op is tracked.

Caught by the leaves area (LEAF-003::chains: a result requires grad exactly when one of its inputs does).
"""

import torch

from tests.broken_backends._base import Tensor, func_name, install

CAUGHT_BY = "LEAF-003::chains"

DIVISION = {"div", "divide", "true_divide", "__truediv__", "__rtruediv__"}


class UntrackedDivision(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        if func_name(func) in DIVISION:
            with torch.no_grad():
                return func(*args, **kwargs)
        return func(*args, **kwargs)


install(__name__, tensor_class=UntrackedDivision)
