"""Bug: backward() fills the .grad of every non-leaf that requires grad, as if retain_grad() had been
called on each (torch leaves a non-leaf's .grad None unless you ask).

Caught by the non-leaf area (NONLEAF-001::chain: a non-leaf's .grad is never populated).
"""

import torch

from tests.broken_backends._base import Tensor, install, tensors_in

CAUGHT_BY = "NONLEAF-001::chain"


class RetainingTensor(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        result = func(*args, **kwargs)
        for t in tensors_in(result):
            if t.requires_grad and not t.is_leaf:
                torch.Tensor.retain_grad(t)
        return result


install(__name__, tensor_class=RetainingTensor)
