"""Bug: optimizer.zero_grad() fills the gradients with zeros in place even when set_to_none is True
(its default), where torch sets every .grad to None.

Caught by the nn area (NN-002::steps: zero_grad() sets .grad to None).
"""

import torch

from tests.broken_backends._base import Namespace, install

CAUGHT_BY = "NN-002::steps"


def zeroing(optimizer_class):
    class Zeroing(optimizer_class):
        def zero_grad(self, set_to_none=True):
            super().zero_grad(set_to_none=False)

    Zeroing.__name__ = Zeroing.__qualname__ = optimizer_class.__name__
    return Zeroing


optim = Namespace(
    f"{__name__}.optim",
    torch.optim,
    **{name: zeroing(getattr(torch.optim, name)) for name in ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad")},
)
install(__name__, optim=optim)
