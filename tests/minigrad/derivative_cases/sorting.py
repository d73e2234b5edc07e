"""Cases for the sorting family (minigrad/derivatives/sorting.py): sort (both overloads, descending, negative
dims), topk (largest and smallest), kthvalue, median and nanmedian (of all elements and along a dim, with
keepdim), mode, on inputs without ties (a value-selecting gradient is only smooth there); second-order cases
reach the gradients' own ops (a scatter into zeros, whose gradient is a gather; the median's masked_fill_)."""

import numpy as np

from . import Case, rand


def second_order(op):
    """The gradient of op(a) for an upstream w, built with create_graph (its ops record their nodes)."""

    def case(T, a, w):
        out = op(T, a.requires_grad_())
        return T.autograd.grad(out, a, w, create_graph=True)[0]

    return case


# a mode needs repeats: each row's most frequent value is unique there, and so are the others
MODE_ROWS = np.array([[0.5, 2.0, 0.5, -1.0], [3.0, 3.0, 1.5, 3.0], [-2.0, 4.0, 4.0, 0.25]])

CASES = {
    "sort": Case(lambda T, a: a.sort()[0], (rand(3, 4),)),
    "sort_descending_dim0": Case(lambda T, a: T.sort(a, 0, True).values, (rand(3, 2),)),
    "sort_stable": Case(lambda T, a: T.sort(a, stable=True, dim=-2).values, (rand(2, 3),)),
    "msort": Case(lambda T, a: T.msort(a), (rand(3, 2),)),
    "topk": Case(lambda T, a: a.topk(2).values, (rand(3, 4),)),
    "topk_smallest_dim0": Case(lambda T, a: T.topk(a, 2, 0, largest=False)[0], (rand(3, 2),)),
    "kthvalue": Case(lambda T, a: a.kthvalue(2)[0], (rand(2, 4),)),
    "kthvalue_keepdim": Case(lambda T, a: T.kthvalue(a, 3, 0, keepdim=True).values, (rand(3, 2),)),
    "median": Case(lambda T, a: a.median(), (rand(2, 3),)),
    "median_dim": Case(lambda T, a: a.median(-1)[0], (rand(3, 4),)),
    "median_dim_keepdim": Case(lambda T, a: T.median(a, 0, keepdim=True).values, (rand(3, 2),)),
    "nanmedian": Case(lambda T, a: T.nanmedian(a), (rand(5),)),
    "nanmedian_dim": Case(lambda T, a: a.nanmedian(1).values, (rand(2, 3),)),
    "mode": Case(lambda T, a: a.mode().values, (MODE_ROWS,), gradcheck=False, gradgradcheck=False),
    "mode_dim0_keepdim": Case(
        lambda T, a: T.mode(a, 0, keepdim=True).values,
        (MODE_ROWS.T.copy(),),
        gradcheck=False,
        gradgradcheck=False,
    ),
    # no derivative: the nodes are torch's, backward raises torch's error (compared by test_sorting.py)
    "unique": Case(
        lambda T, a: T.unique(a), (rand(4),), gradcheck=False, gradgradcheck=False, forward_ad=False
    ),
    "unique_dim": Case(
        lambda T, a: a.unique(dim=-1, return_counts=True)[0],
        (rand(2, 3),),
        gradcheck=False,
        gradgradcheck=False,
        forward_ad=False,
    ),
    # the gradients' own ops
    "sort_second_order": Case(second_order(lambda T, a: a.sort(0)[0]), (rand(3, 2), rand(3, 2, seed=1))),
    "median_second_order": Case(second_order(lambda T, a: a.median()), (rand(4), np.asarray(rand(seed=1)))),
}
