"""Bug: a node's prehook (grad_fn.register_prehook) is called, but the gradients it returns are
ignored (torch passes them to the node instead of the ones it had).

Caught by the graph_api area (NODE-002::prehooks: a node's prehook can replace grad_outputs).
"""

from tests.broken_backends._base import NodeView, Tensor, install

CAUGHT_BY = "NODE-002::prehooks"


class StubbornNode(NodeView):
    def register_prehook(self, hook):
        def discarding(grad_outputs):
            hook(grad_outputs)

        return self._node.register_prehook(discarding)


class StubbornNodeTensor(Tensor):
    @property
    def grad_fn(self):
        return StubbornNode.view(Tensor.grad_fn.__get__(self))


install(__name__, tensor_class=StubbornNodeTensor)
