"""Bug: torch.autograd.grad also adds the gradients it returns into the inputs' .grad (as backward()
does); torch's autograd.grad leaves every .grad untouched.

Caught by the higher-order area (HIGHER-001::returns-tuple: autograd.grad returns the gradients and leaves
.grad alone).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "HIGHER-001::returns-tuple"


def grad(outputs, inputs, *args, **kwargs):
    grads = torch.autograd.grad(outputs, inputs, *args, **kwargs)
    targets = [inputs] if isinstance(inputs, torch.Tensor) else list(inputs)
    for t, g in zip(targets, grads):
        if g is not None and t.is_leaf:
            t.grad = g.detach().clone() if t.grad is None else t.grad + g.detach()
    return grads


install(__name__, autograd={"grad": grad})
