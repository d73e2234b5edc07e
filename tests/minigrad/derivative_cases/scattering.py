"""Cases for the scattering family (minigrad/derivatives/scattering.py): gather, scatter (src and value),
scatter_add, index_select and index_add, out of place and in place, with negative dims, repeated indices and
0-d tensors; second-order cases reach the gradients' own ops (a scatter's gradient is a gather and a
value-scatter, a gather's a scatter_add, an index_select's an index_add)."""

import numpy as np

from . import Case, rand

INDEX = np.array([[0, 2], [1, 0], [2, 1]])  # distinct per row for scatter (its gradient needs no ties)
REPEATED = np.array([[1, 1], [0, 1], [2, 2]])


def second_order(op, nargs=1):
    """The gradient of op(a, ...) for an upstream w, built with create_graph (its ops record their nodes)."""

    def case(T, *inputs):
        a, w = inputs[0].requires_grad_(), inputs[-1]
        out = op(T, *inputs[:-1])
        return T.autograd.grad(out, a, w, create_graph=True)[0]

    return case


def fresh(a):
    """A non-leaf copy of a to write in place (a * 1, not clone(): minigrad's clone has no forward AD yet)."""
    return a * 1


def inplace_scatter(T, a, index, src):
    return fresh(a).scatter_(-1, index, src)


CASES = {
    "gather": Case(lambda T, a, i: a.gather(-1, i), (rand(3, 3), REPEATED)),
    "gather_dim0": Case(lambda T, a, i: T.gather(a, 0, i), (rand(3, 2), INDEX[:2])),
    "gather_0d": Case(lambda T, a, i: a.gather(0, i), (np.asarray(rand(seed=1)), np.array(0))),
    "scatter": Case(lambda T, a, i, s: a.scatter(-1, i, s), (rand(3, 3), INDEX, rand(3, 2, seed=1))),
    "scatter_function": Case(
        lambda T, a, i, s: T.scatter(a, 1, i, s), (rand(3, 4), INDEX, rand(3, 2, seed=1))
    ),
    "scatter_value": Case(lambda T, a, i: a.scatter(1, i, 2.5), (rand(3, 3), INDEX)),
    "scatter_inplace": Case(inplace_scatter, (rand(3, 3), INDEX, rand(3, 2, seed=1))),
    "scatter_value_inplace": Case(lambda T, a, i: fresh(a).scatter_(0, i, -1.0), (rand(3, 3), INDEX)),
    "scatter_add": Case(
        lambda T, a, i, s: a.scatter_add(-1, i, s), (rand(3, 3), REPEATED, rand(3, 2, seed=1))
    ),
    "scatter_add_inplace": Case(
        lambda T, a, i, s: fresh(a).scatter_add_(0, i, s), (rand(3, 3), REPEATED, rand(3, 2, seed=1))
    ),
    "index_select": Case(lambda T, a, i: a.index_select(-1, i), (rand(2, 3), np.array([2, 0, 2]))),
    "index_select_0d": Case(
        lambda T, a, i: T.index_select(a, 0, i), (np.asarray(rand(seed=2)), np.array([0]))
    ),
    "index_add": Case(
        lambda T, a, i, s: a.index_add(-1, i, s), (rand(2, 3), np.array([2, 0, 2]), rand(2, 3, seed=1))
    ),
    "index_add_alpha": Case(
        lambda T, a, i, s: T.index_add(a, 0, i, s, alpha=-2), (rand(3, 2), np.array([1]), rand(1, 2, seed=1))
    ),
    "index_add_0d_source": Case(
        lambda T, a, i, s: a.index_add(0, i, s), (np.asarray(rand()), np.array([0]), np.asarray(rand(seed=3)))
    ),
    "index_add_inplace": Case(
        lambda T, a, i, s: fresh(a).index_add_(1, i, s), (rand(2, 3), np.array([1, 1]), rand(2, 2, seed=1))
    ),
    # the gradients' own ops
    "gather_second_order": Case(
        second_order(lambda T, a, i: a.gather(1, i)), (rand(3, 3), REPEATED, rand(3, 2, seed=1))
    ),
    "scatter_second_order": Case(
        second_order(lambda T, a, i, s: a.scatter(1, i, s)),
        (rand(3, 3), INDEX, rand(3, 2, seed=1), rand(3, 3, seed=2)),
    ),
    "index_select_second_order": Case(
        second_order(lambda T, a, i: a.index_select(0, i)), (rand(3, 2), np.array([2, 2]), rand(2, 2, seed=1))
    ),
}
CASES.update(
    {
        "index_fill": Case(lambda T, a, i: a.index_fill(1, i, -1.5), (rand(2, 3), np.array([2, 0, 2]))),
        "index_fill_tensor": Case(
            lambda T, a, i, v: T.index_fill(a, 0, i, v),
            (rand(3, 2), np.array([1, 1]), np.asarray(rand(seed=1))),
        ),
        "index_fill_inplace": Case(
            lambda T, a, i, v: fresh(a).index_fill_(-1, i, v),
            (rand(2, 3), np.array(1), np.asarray(rand(seed=2))),
        ),
    }
)
