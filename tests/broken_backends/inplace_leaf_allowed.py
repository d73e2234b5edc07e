"""Bug: an in-place operation on a leaf that requires grad is allowed in grad mode (it runs unrecorded,
as under no_grad) where torch raises "a leaf Variable that requires grad is being used in an in-place
operation."

Caught by the in-place area (INPLACE-002::sgd-step: in-place on a leaf that requires grad fails in grad mode).
"""

import torch

from tests.broken_backends._base import Tensor, install, is_inplace

CAUGHT_BY = "INPLACE-002::sgd-step"


class PermissiveLeaf(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        target = args[0] if args and isinstance(args[0], torch.Tensor) else None
        writes = is_inplace(func) or func.__name__ == "__setitem__"
        if writes and target is not None and target.is_leaf and target.requires_grad:
            with torch.no_grad():
                return func(*args, **kwargs)
        return func(*args, **kwargs)


install(__name__, tensor_class=PermissiveLeaf)
