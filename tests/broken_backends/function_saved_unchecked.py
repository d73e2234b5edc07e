"""Bug: ctx.saved_tensors in a custom autograd.Function is not version-checked: a tensor saved with
ctx.save_for_backward and then modified in place is handed to backward with its new values, where
torch raises "one of the variables needed for gradient computation has been modified by an inplace
operation".

Caught by the custom Function area (FUNC-002::modified-after-save: ctx.save_for_backward keeps tensors for
backward).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "FUNC-002::modified-after-save"


class UncheckedContext:
    """The real ctx, except that saved_tensors falls back to the saved objects when torch's version
    check fails."""

    def __init__(self, ctx):
        object.__setattr__(self, "ctx", ctx)

    @property
    def saved_tensors(self):
        try:
            return self.ctx.saved_tensors
        except RuntimeError as e:
            if "modified by an inplace operation" not in str(e):
                raise
            return self.ctx.unchecked_saved

    def __getattr__(self, name):
        return getattr(self.ctx, name)

    def __setattr__(self, name, value):
        setattr(self.ctx, name, value)


def saving_twice(ctx):
    """ctx.save_for_backward that also keeps plain references to what it saves."""
    real = ctx.save_for_backward

    def save_for_backward(*tensors):
        ctx.unchecked_saved = tensors
        real(*tensors)

    return save_for_backward


def with_saving(setup):
    def call(ctx, *args, **kwargs):
        ctx.save_for_backward = saving_twice(ctx)
        return setup(ctx, *args, **kwargs)

    return staticmethod(call)


def with_unchecked(backward):
    def call(ctx, *grads):
        return backward(UncheckedContext(ctx), *grads)

    return staticmethod(call)


class Function(torch.autograd.Function):
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        setup = "setup_context" if "setup_context" in cls.__dict__ else "forward"
        if setup in cls.__dict__:
            setattr(cls, setup, with_saving(cls.__dict__[setup].__func__))
        if "backward" in cls.__dict__:
            cls.backward = with_unchecked(cls.__dict__["backward"].__func__)


install(__name__, autograd={"Function": Function})
