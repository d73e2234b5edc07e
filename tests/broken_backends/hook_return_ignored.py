"""Bug: a tensor hook is called, but the gradient it returns is ignored (torch uses a returned tensor
in place of the gradient).

Caught by the hooks area (HOOK-002::replace: a hook's return value replaces the gradient).
"""

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "HOOK-002::replace"


def discarding(hook):
    def call(grad):
        hook(grad)

    return call


class StubbornTensor(Tensor):
    def register_hook(self, hook):
        return super().register_hook(discarding(hook))


install(__name__, tensor_class=StubbornTensor)
