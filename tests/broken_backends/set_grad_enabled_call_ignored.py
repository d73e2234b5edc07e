"""Bug: `torch.set_grad_enabled(False)` as a plain call does nothing; only `with
torch.set_grad_enabled(False):` switches the mode (torch switches it as soon as the object is made).

Caught by the grad-mode area (MODE-005::as-call: set_grad_enabled works as a plain call and as a context
manager).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "MODE-005::as-call"


class set_grad_enabled(torch.set_grad_enabled):  # noqa: N801 - torch's name
    def __init__(self, mode: bool):
        self.prev = torch.is_grad_enabled()
        self.mode = mode  # remembered, but only applied on entering a with block

    def __enter__(self):
        torch._C._set_grad_enabled(self.mode)

    def clone(self):
        return self.__class__(self.mode)


install(__name__, set_grad_enabled=set_grad_enabled)
