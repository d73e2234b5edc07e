"""Bug: several hooks on one tensor run in reverse order of registration (torch runs them in
registration order, each one seeing the gradient the previous one returned).

Caught by the hooks area (HOOK-003::chain: several hooks run in registration order).
"""

from tests.broken_backends._base import Tensor, install

CAUGHT_BY = "HOOK-003::chain"


class BackwardsHooks(Tensor):
    def register_hook(self, hook):
        handle = super().register_hook(hook)
        # torch keeps a tensor's hooks in this dict and runs them in its order: put the new one first
        # (re-inserting, since the C++ side walks the plain dict order, not OrderedDict's).
        hooks = self._backward_hooks
        older = [(k, v) for k, v in hooks.items() if k != handle.id]
        hooks.clear()
        hooks[handle.id] = hook
        hooks.update(older)
        return handle


install(__name__, tensor_class=BackwardsHooks)
