"""Bug: torch.autograd.functional.vjp ignores the vector v and uses ones of the outputs' shape, so
it returns the gradient of the outputs' sum instead of v^T J.

Caught by the functional area (AFUNC-002::products: vjp, jvp, vhp and hvp return (output, product)).
"""

import torch

from tests.broken_backends._base import Namespace, install

CAUGHT_BY = "AFUNC-002::products"


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    outputs = func(*inputs) if isinstance(inputs, tuple) else func(inputs)
    ones = (
        tuple(torch.ones_like(o) for o in outputs) if isinstance(outputs, tuple) else torch.ones_like(outputs)
    )
    return torch.autograd.functional.vjp(func, inputs, ones, create_graph=create_graph, strict=strict)


functional = Namespace(f"{__name__}.autograd.functional", torch.autograd.functional, vjp=vjp)
install(__name__, autograd={"functional": functional})
