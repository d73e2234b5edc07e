"""torch._C._functions: the node classes (for isinstance), and the DelayedError and UndefinedGrad functions
that put a node raising an error, or passing undefined gradients, between tensors and their history."""

from .._core.graph import AccumulateGrad, Node, NotImplementedNode
from .._core.typenames import type_name
from .._core.views import CopySlices
from ..autograd.function import Error, UndefinedGradBackward, pass_through

__all__ = ["AccumulateGrad", "CopySlices", "DelayedError", "Error", "UndefinedGrad", "UndefinedGradBackward"]

NotImplemented = NotImplementedNode  # noqa: A001 (torch's name)


class _PassThrough:
    node_class = None

    def __init__(self, message=None, num_inputs=1):
        self.message = message
        self.num_inputs = num_inputs

    def __call__(self, *inputs):
        if len(inputs) != self.num_inputs:
            raise TypeError(f"expected {self.num_inputs} arguments, got {len(inputs)} instead")
        for t in inputs:
            if not hasattr(t, "_data"):
                raise TypeError(f"expected a Tensor argument, but got {type_name(t)}")
        return pass_through(self.node_class, inputs, self.message)


class DelayedError(_PassThrough):
    """DelayedError(msg, num_inputs)(*tensors): the tensors again, whose backward raises `msg`."""

    node_class = Error


class UndefinedGrad(_PassThrough):
    """UndefinedGrad()(*tensors): the tensors again, whose backward hands undefined gradients on."""

    node_class = UndefinedGradBackward

    def __init__(self):
        super().__init__(None, 1)

    def __call__(self, *inputs):
        self.num_inputs = len(inputs)
        return super().__call__(*inputs)


def _node_classes(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _node_classes(sub)


def __getattr__(name):
    """Every other node class, by torch's name (AddBackward0, ...)."""
    for cls in _node_classes(Node):
        if cls.__name__ == name and cls.__module__ == "builtins":
            return cls
    raise AttributeError(f"module 'torch._C._functions' has no attribute '{name}'")
