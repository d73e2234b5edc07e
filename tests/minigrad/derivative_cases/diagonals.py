"""Cases for the diagonals family (minigrad/derivatives/diagonals.py): tril and triu (offsets both ways, in
place, batched), diagonal (offsets, swapped and negative dims), diag of a vector (diag_embed) and of a matrix
(diagonal_copy), diag_embed, trace; second-order cases reach the gradients' own ops (diagonal_backward,
trace's index_fill_ and view)."""

import numpy as np

from . import Case, rand


def second_order(op):
    def case(T, a, w):
        out = op(T, a.requires_grad_())
        return T.autograd.grad(out, a, w, create_graph=True)[0]

    return case


CASES = {
    "tril": Case(lambda T, a: a.tril(), (rand(3, 4),)),
    "tril_batched_offset": Case(lambda T, a: T.tril(a, -1), (rand(2, 3, 3),)),
    "triu": Case(lambda T, a: T.triu(a, 1), (rand(3, 4),)),
    "triu_inplace": Case(lambda T, a: (a * 1).triu_(-1), (rand(4, 3),)),
    "diagonal": Case(lambda T, a: a.diagonal(), (rand(3, 4),)),
    "diagonal_offset_dims": Case(lambda T, a: T.diagonal(a, -1, 2, 0), (rand(3, 2, 4),)),
    "diagonal_negative_dims": Case(lambda T, a: a.diagonal(1, -1, -2), (rand(4, 3),)),
    "diag_matrix": Case(lambda T, a: T.diag(a, 1), (rand(3, 4),)),
    "diag_vector": Case(lambda T, a: T.diag(a, -1), (rand(3),)),
    "diag_embed": Case(lambda T, a: T.diag_embed(a, 1, 0, 2), (rand(2, 3),)),
    "trace": Case(lambda T, a: a.trace(), (rand(3, 4),)),
    # the gradients' own ops
    "diagonal_second_order": Case(second_order(lambda T, a: a.diagonal(1)), (rand(3, 4), rand(3, seed=1))),
    "trace_second_order": Case(second_order(lambda T, a: a.trace()), (rand(3, 3), np.asarray(rand(seed=1)))),
}
