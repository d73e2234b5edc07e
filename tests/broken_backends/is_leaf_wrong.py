"""Bug: a tensor computed by an operation reports is_leaf=False even when it does not require grad
(torch: every tensor that doesn't require grad is a leaf, whoever made it).

Caught by the leaves area (LEAF-004::ops: results computed only from tensors that don't require grad are
leaves without grad_fn).
"""

import torch

from tests.broken_backends._base import Tensor, install, tensors_in

CAUGHT_BY = "LEAF-004::ops"


class ComputedIsNotLeaf(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        result = func(*args, **kwargs)
        mutated = args[0] if args and isinstance(args[0], torch.Tensor) else None
        for t in tensors_in(result):
            if t is not mutated:  # a method returning self (requires_grad_, add_) made nothing new
                t.computed = True
        return result

    @property
    def is_leaf(self):
        if not self.requires_grad and getattr(self, "computed", False):
            return False
        return Tensor.is_leaf.__get__(self)


install(__name__, tensor_class=ComputedIsNotLeaf)
