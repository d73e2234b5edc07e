"""Bug: retain_graph is ignored and the graph is never freed: a second backward through the same graph
always works, where torch raises "Trying to backward through the graph a second time".

Caught by the retain_graph area (RETAIN-001::ops: a second backward through a freed graph raises).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "RETAIN-001::ops"


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    torch.autograd.backward(tensors, grad_tensors, True, create_graph, inputs=inputs)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, **options):
    return torch.autograd.grad(outputs, inputs, grad_outputs, True, create_graph, **options)


install(__name__, autograd={"backward": backward, "grad": grad})
