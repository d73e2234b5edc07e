"""Bug: Tensor.register_hook accepts the hook (and returns a working handle) but the hook is never
called during backward.

Caught by the hooks area (HOOK-001::leaf-and-nonleaf: register_hook calls the hook with the tensor's
gradient).
"""

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "HOOK-001::leaf-and-nonleaf"


class DeafTensor(Tensor):
    def register_hook(self, hook):
        return super().register_hook(lambda grad: None)


install(__name__, tensor_class=DeafTensor)
