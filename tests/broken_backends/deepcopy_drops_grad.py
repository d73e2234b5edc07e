"""Bug: copy.deepcopy of a leaf copies its values and requires_grad but not its .grad (torch's copy
carries a copy of .grad).

Caught by the serialization area (SERIAL-002::deepcopy: deepcopy copies leaves with their .grad).
"""

import torch

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "SERIAL-002::deepcopy"


class GradlessCopyTensor(Tensor):
    def __deepcopy__(self, memo):
        copied = torch.Tensor.__deepcopy__(self, memo)
        copied.grad = None
        return copied


install(__name__, tensor_class=GradlessCopyTensor)
