"""Bug: in a custom autograd.Function, ctx.needs_input_grad says True for every input (tensors that
don't require grad and non-tensor arguments too) instead of telling which inputs need a gradient.

Caught by the custom Function area (FUNC-002::two-inputs: ctx.needs_input_grad tells which grads to make).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "FUNC-002::two-inputs"


def claiming_all(setup):
    """Wrap forward(ctx, *args) or setup_context(ctx, inputs, output): every input 'needs' a grad."""

    def call(ctx, *args, **kwargs):
        ctx.needs_input_grad = (True,) * len(ctx.needs_input_grad)
        return setup(ctx, *args, **kwargs)

    return staticmethod(call)


class Function(torch.autograd.Function):
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "setup_context" in cls.__dict__:
            cls.setup_context = claiming_all(cls.__dict__["setup_context"].__func__)
        elif "forward" in cls.__dict__:
            cls.forward = claiming_all(cls.__dict__["forward"].__func__)


install(__name__, autograd={"Function": Function})
