"""Bug: with allow_unused=True, autograd.grad returns zeros for inputs the outputs don't depend on,
where torch returns None (zeros only with materialize_grads=True).

Caught by the higher-order area (HIGHER-002::unused: allow_unused=True gives None for an unused input).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "HIGHER-002::unused"


def grad(outputs, inputs, *args, **kwargs):
    grads = torch.autograd.grad(outputs, inputs, *args, **kwargs)
    targets = [inputs] if isinstance(inputs, torch.Tensor) else list(inputs)
    return tuple(torch.zeros_like(t) if g is None else g for t, g in zip(targets, grads))


install(__name__, autograd={"grad": grad})
