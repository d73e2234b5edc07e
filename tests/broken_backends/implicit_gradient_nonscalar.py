"""Bug: backward() without a gradient works on any output, using ones of the output's shape, where
torch raises "grad can be implicitly created only for scalar outputs" unless it has one element.

Caught by the backward area (BWD-002::shapes: the gradient may be omitted exactly when the output has one
element).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "BWD-002::shapes"


def with_ones(outputs, grads):
    """The gradients to use: ones of the output's shape for every output whose gradient is left out."""
    if isinstance(outputs, torch.Tensor):
        return torch.ones_like(outputs) if grads is None else grads
    outputs = list(outputs)
    if grads is None or isinstance(grads, torch.Tensor):
        grads = [grads] + [None] * (len(outputs) - 1)
    return [torch.ones_like(o) if g is None else g for o, g in zip(outputs, grads)]


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    grads = with_ones(tensors, grad_tensors)
    torch.autograd.backward(tensors, grads, retain_graph, create_graph, inputs=inputs)


def grad(outputs, inputs, grad_outputs=None, *args, **kwargs):
    return torch.autograd.grad(outputs, inputs, with_ones(outputs, grad_outputs), *args, **kwargs)


install(__name__, autograd={"backward": backward, "grad": grad})
