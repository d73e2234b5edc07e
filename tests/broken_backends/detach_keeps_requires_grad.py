"""Bug: detach() returns a leaf that still requires grad (when the original did), instead of one with
requires_grad=False.

Caught by the detach area (DETACH-001::sources: detach() returns a leaf that doesn't require grad).
"""

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "DETACH-001::sources"


class RequiringDetach(Tensor):
    def detach(self):
        return super().detach().requires_grad_(self.requires_grad)


install(__name__, tensor_class=RequiringDetach)
