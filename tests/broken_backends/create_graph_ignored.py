"""Bug: create_graph=True is ignored: the gradients computed by autograd.grad / backward are constants
with no grad_fn, so they cannot be differentiated again (the graph is still retained as torch does
when create_graph=True).

Caught by the higher-order area (HIGHER-003::derivatives: create_graph=True makes the gradient
differentiable).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "HIGHER-003::derivatives"


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    retain_graph = create_graph if retain_graph is None else retain_graph
    torch.autograd.backward(tensors, grad_tensors, retain_graph, False, inputs=inputs)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, **options):
    retain_graph = create_graph if retain_graph is None else retain_graph
    return torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, False, **options)


install(__name__, autograd={"backward": backward, "grad": grad})
