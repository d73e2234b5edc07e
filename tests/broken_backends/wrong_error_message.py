"""Bug: backward() on a tensor that doesn't require grad raises the right exception class
(RuntimeError) with the wrong message: "tensor has no gradient history" instead of torch's "element 0
of tensors does not require grad and does not have a grad_fn".

Caught by the backward area (BWD-005::untracked: backward() on a tensor that doesn't require grad raises).
"""

import functools

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "BWD-005::untracked"

TORCH_MESSAGE = "does not require grad and does not have a grad_fn"


def own_message(entry_point):
    @functools.wraps(entry_point)
    def call(*args, **kwargs):
        try:
            return entry_point(*args, **kwargs)
        except RuntimeError as e:
            if TORCH_MESSAGE in str(e):
                raise RuntimeError("tensor has no gradient history") from None
            raise

    return call


install(
    __name__,
    autograd={"backward": own_message(torch.autograd.backward), "grad": own_message(torch.autograd.grad)},
)
