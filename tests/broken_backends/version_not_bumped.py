"""Bug: in-place operations do not bump the version counter (x._version stays put), so modifying a
tensor saved for backward goes unnoticed and backward silently uses the new values, where torch
raises "one of the variables needed for gradient computation has been modified by an inplace
operation".

Caught by the in-place area (INPLACE-001::steps: every in-place operation bumps the version counter).
"""

import torch

from tests.broken_backends._base import Tensor, install, is_inplace

CAUGHT_BY = "INPLACE-001::steps"


class UncountedTensor(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        target = args[0] if args and isinstance(args[0], torch.Tensor) else None
        if func.__name__ == "__setitem__" or (is_inplace(func) and target is not None):
            version = target._version
            result = func(*args, **kwargs)
            torch._C._autograd._unsafe_set_version_counter((target,), (version,))
            return result
        return func(*args, **kwargs)


install(__name__, tensor_class=UncountedTensor)
