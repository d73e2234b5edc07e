"""Cases for the masked ops (minigrad/derivatives/masked.py). masked_select, masked_scatter and
masked_scatter_backward are reached through masked_fill's value gradient, to the third order."""

import numpy as np

from . import Case, rand

MASK = np.array([[True, False, True], [False, False, True]])


def value_gradient(T, g):
    """masked_fill's value gradient for the output gradient g: masked_select(g, mask).sum()."""
    a = T.tensor([[0.3, 0.9, -0.2], [0.9, 0.1, -0.9]], dtype=T.float64)
    value = T.tensor(0.7, dtype=T.float64, requires_grad=True)
    return T.autograd.grad(a.masked_fill(T.tensor(MASK.tolist()), value), value, g, create_graph=True)[0]


def value_third_order(T, h):
    """The gradient of masked_fill's value gradient for the gradient h: masked_scatter(zeros, mask, h)."""
    g = T.tensor(rand(2, 3, seed=1).tolist(), dtype=T.float64, requires_grad=True)
    return T.autograd.grad(value_gradient(T, g), g, h, create_graph=True)[0]


CASES = {
    "masked_fill": Case(lambda T, a, m: a.masked_fill(m, 0.5), (rand(2, 3), MASK)),
    "masked_fill_broadcast_mask": Case(lambda T, a, m: a.masked_fill(m, -1.0), (rand(2, 3), MASK[0])),
    "masked_fill_tensor": Case(lambda T, a, m, v: a.masked_fill(m, v), (rand(2, 3), MASK, np.array(0.7))),
    "masked_fill_tensor_broadcast_mask": Case(
        lambda T, a, m, v: a.masked_fill(m, v), (rand(2, 3), MASK[1], np.array(0.7))
    ),
    # MaskedSelectBackward0, and its own gradient's MaskedScatterBackward0
    "masked_fill_value_gradient": Case(value_gradient, (rand(2, 3, seed=1),), forward_ad=False),
    # MaskedScatterBackward0, and its own gradient's MaskedScatterBackwardBackward0
    "masked_fill_value_third_order": Case(value_third_order, (np.array(1.3),), forward_ad=False),
}
