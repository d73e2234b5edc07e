"""Bug: when a binary op broadcasts an input, that input's gradient is averaged over the broadcast
copies instead of summed (the reduction back to the input's shape divides by the number of copies).

Caught by the broadcasting area (DTYPE-001::pairs: with broadcasting, each input's gradient is summed back to
that input's shape).
"""

import math

from tests.broken_backends._base import Tensor, func_name, install

CAUGHT_BY = "DTYPE-001::pairs"

BINARY = {
    "add", "sub", "mul", "div", "true_divide", "subtract", "multiply", "divide",
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
}  # fmt: skip


def averaging_hook(copies):
    """A node post-hook dividing each input's (already summed) gradient by its number of copies."""

    def hook(grad_inputs, grad_outputs):
        return tuple(g if g is None or n == 1 else g / n for g, n in zip(grad_inputs, copies))

    return hook


class AveragingTensor(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        result = func(*args, **kwargs)
        node = getattr(result, "grad_fn", None)
        if func_name(func) in BINARY and node is not None:
            operands = list(args[:2])
            if func_name(func) in ("__rsub__", "__rtruediv__"):
                operands.reverse()  # the node's inputs are (other, self)
            sizes = [math.prod(o.shape) if hasattr(o, "shape") else None for o in operands]
            copies = [result.numel() // s if s else 1 for s in sizes]
            if len(node.next_functions) == len(copies) and any(n > 1 for n in copies):
                node.register_hook(averaging_hook(copies))
        return result


install(__name__, tensor_class=AveragingTensor)
