"""Bug: retain_graph=True is ignored: every backward frees the graph's saved tensors, so the second
backward that torch allows raises "Trying to backward through the graph a second time".

Caught by the retain_graph area (RETAIN-002::k-passes: retain_graph=True keeps the graph for more passes).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "RETAIN-002::k-passes"


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    torch.autograd.backward(tensors, grad_tensors, False, create_graph, inputs=inputs)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, **options):
    return torch.autograd.grad(outputs, inputs, grad_outputs, False, create_graph, **options)


install(__name__, autograd={"backward": backward, "grad": grad})
