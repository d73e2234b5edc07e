"""Bug: multiplication's node is named "Mul" instead of "MulBackward0" (in grad_fn.name(), in
next_functions and in the repr); every other node keeps its name.

Caught by the graph area (GRAPH-001::binary: a computed tensor's grad_fn names the backward of its op).
"""

from tests.broken_backends._base import NodeView, Tensor, install

CAUGHT_BY = "GRAPH-001::binary"


class ShortNames(NodeView):
    @staticmethod
    def rename(name):
        return "Mul" if name == "MulBackward0" else name


class MisnamingTensor(Tensor):
    @property
    def grad_fn(self):
        return ShortNames.view(Tensor.grad_fn.__get__(self))


install(__name__, tensor_class=MisnamingTensor)
