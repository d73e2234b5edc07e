"""Bug: grad_fn.next_functions leaves out the (None, 0) entries of inputs that don't require grad,
instead of listing one entry per input, in order.

Caught by the graph area (GRAPH-003::binary: next_functions lists one entry per input; (None, 0) for inputs
that don't require grad).
"""

from tests.broken_backends._base import NodeView, Tensor, install

CAUGHT_BY = "GRAPH-003::binary"


class OnlyTrackedInputs(NodeView):
    @property
    def next_functions(self):
        return tuple(entry for entry in super().next_functions if entry[0] is not None)


class PrunedGraphTensor(Tensor):
    @property
    def grad_fn(self):
        return OnlyTrackedInputs.view(Tensor.grad_fn.__get__(self))


install(__name__, tensor_class=PrunedGraphTensor)
