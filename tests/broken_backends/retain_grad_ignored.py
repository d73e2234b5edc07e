"""Bug: retain_grad() on a non-leaf does nothing: after backward its .grad is still None (with the
non-leaf warning) and retains_grad stays False. It still raises on a tensor that doesn't require grad.

Caught by the non-leaf area (NONLEAF-002::chain: retain_grad() makes backward() store a non-leaf's gradient).
"""

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "NONLEAF-002::chain"


class ForgetfulTensor(Tensor):
    def retain_grad(self):
        if not self.requires_grad:
            return super().retain_grad()  # raises, as torch does
        return None


install(__name__, tensor_class=ForgetfulTensor)
