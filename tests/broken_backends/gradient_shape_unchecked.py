"""Bug: backward(gradient) does not check the gradient's shape: a gradient of another shape is
accepted and its values are read in order, repeated to fill the output's shape (like numpy.resize),
where torch raises "Mismatch in shape: grad_output[0] has a shape of ...".

Caught by the backward area (BWD-003::broadcastable: backward(gradient) needs exactly the output's shape).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "BWD-003::broadcastable"


def resized(output, gradient):
    if not isinstance(gradient, torch.Tensor) or gradient.shape == output.shape or gradient.numel() == 0:
        return gradient
    flat = gradient.reshape(-1)
    repeats = -(-output.numel() // flat.numel())
    return flat.repeat(repeats)[: output.numel()].reshape(output.shape)


def resized_all(outputs, grads):
    if isinstance(outputs, torch.Tensor):
        return resized(outputs, grads)
    if grads is None or isinstance(grads, torch.Tensor):
        return grads
    return [resized(o, g) for o, g in zip(outputs, grads)]


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    grads = resized_all(tensors, grad_tensors)
    torch.autograd.backward(tensors, grads, retain_graph, create_graph, inputs=inputs)


def grad(outputs, inputs, grad_outputs=None, *args, **kwargs):
    return torch.autograd.grad(outputs, inputs, resized_all(outputs, grad_outputs), *args, **kwargs)


install(__name__, autograd={"backward": backward, "grad": grad})
