"""Rows of the padding family: reflection_pad{1,2,3}d and replication_pad{1,2,3}d, and their gradient ops
(forwards: ops/padding.py). Circular padding is composite in torch (slices copied into a new tensor), so it
has no row.

Each gradient op is linear in grad_output and its result does not depend on the input's values: the
gradient of its gradient with respect to grad_output is the padding again, with respect to self zeros
(torch saves only the padding for it). torch shows a saved padding as uint64 (-1 as 2**64 - 1): the
formulas compute with the padding as given, `_padding`.
"""

from . import Derivative, at


def _rows(kind, node, dims):
    """(the padding op's row, its gradient op's row) for `kind` ("reflection" or "replication")."""
    name = f"{kind}_pad{dims}d"

    def pad(input, padding):  # (looked up when a formula runs: the ops layer fills `at` after this loads)
        return getattr(at, name)(input, padding)

    def pad_backward(grad, input, padding):
        return getattr(at, f"{name}_backward")(grad, input, padding)

    forward = Derivative(
        f"{name}(Tensor self, SymInt[{2 * dims}] padding) -> Tensor",
        f"{node}Pad{dims}DBackward0",
        self=lambda grad, self, padding, _padding: pad_backward(grad, self, _padding),
        result=lambda self_t, _padding: pad(self_t, _padding),
    )
    backward = Derivative(
        f"{name}_backward(Tensor grad_output, Tensor self, SymInt[{2 * dims}] padding) -> Tensor",
        f"{node}Pad{dims}DBackwardBackward0",
        grad_output=lambda grad, padding, _padding: pad(grad, _padding),
        self=lambda grad: at.zeros_like(grad),
        result=lambda grad_output_t, self_p, _padding: pad_backward(grad_output_t, self_p, _padding),
    )
    return forward, backward


REFLECTION_PAD1D, REFLECTION_PAD1D_BACKWARD = _rows("reflection", "Reflection", 1)
REFLECTION_PAD2D, REFLECTION_PAD2D_BACKWARD = _rows("reflection", "Reflection", 2)
REFLECTION_PAD3D, REFLECTION_PAD3D_BACKWARD = _rows("reflection", "Reflection", 3)
REPLICATION_PAD1D, REPLICATION_PAD1D_BACKWARD = _rows("replication", "Replication", 1)
REPLICATION_PAD2D, REPLICATION_PAD2D_BACKWARD = _rows("replication", "Replication", 2)
REPLICATION_PAD3D, REPLICATION_PAD3D_BACKWARD = _rows("replication", "Replication", 3)
