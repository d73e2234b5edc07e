"""Cases for the reductions family (minigrad/derivatives/reductions.py).

Inputs have distinct values (no ties: max/min/amax are not differentiable at a tie); negative dims check
that dims are saved, and handed on to the gradients' ops, as given.
"""

import numpy as np

from . import Case, rand


def scalar(seed=0):
    """A 0-d input."""
    return np.asarray(rand(seed=seed))


def with_respect_to(a):
    """The tensor a gradient is taken with respect to: whichever inputs a case marks, it must require grad."""
    return a.requires_grad_()


def max_dim_gradient(T, a, w):
    """The gradient of max(dim): zeros.scatter(dim, indices, w) (ScatterBackward0); its gradient with respect
    to w is a gather (GatherBackward0), and that one's a scatter_add (ScatterAddBackward0)."""
    return T.autograd.grad(with_respect_to(a).max(1).values, a, w, create_graph=True)[0]


def max_dim_gradient_of_gradient(T, a, w, v):
    g = max_dim_gradient(T, a, with_respect_to(w))
    return T.autograd.grad(g, w, v, create_graph=True)[0]


CASES = {
    "sum": Case(lambda T, a: a.sum(), (rand(2, 3),)),
    "sum_dim": Case(lambda T, a: a.sum(-1), (rand(2, 3),)),
    "sum_dims_keepdim": Case(lambda T, a: a.sum((0, -1), keepdim=True), (rand(2, 3, 2),)),
    "sum_dims": Case(lambda T, a: a.sum((2, 0)), (rand(2, 3, 2),)),
    "sum_none": Case(lambda T, a: T.sum(a, None), (rand(2, 3),)),
    "sum_0d": Case(lambda T, a: a.sum(0), (scalar(),)),
    "mean": Case(lambda T, a: a.mean(), (rand(2, 3),)),
    "mean_dims": Case(lambda T, a: a.mean((0, -1)), (rand(2, 3, 2),)),
    "mean_keepdim": Case(lambda T, a: a.mean(1, keepdim=True), (rand(2, 3),)),
    "mean_none": Case(lambda T, a: T.mean(a, None), (rand(2, 3),)),
    "prod": Case(lambda T, a: a.prod(), (rand(2, 3),)),
    "prod_dim": Case(lambda T, a: a.prod(-1), (rand(2, 3),)),
    "prod_dim_keepdim": Case(lambda T, a: a.prod(0, keepdim=True), (rand(2, 3),)),
    "max": Case(lambda T, a: a.max(), (rand(2, 3),)),
    "min": Case(lambda T, a: a.min(), (rand(2, 3),)),
    "max_dim": Case(lambda T, a: a.max(-1), (rand(2, 3),)),
    "min_dim_keepdim": Case(lambda T, a: a.min(0, keepdim=True), (rand(2, 3),)),
    "max_dim_0d": Case(lambda T, a: a.max(0), (scalar(),)),
    "maximum": Case(lambda T, a, b: T.maximum(a, b), (rand(2, 3), rand(3, seed=1))),
    "minimum": Case(lambda T, a, b: T.minimum(a, b), (rand(2, 3), rand(2, 3, seed=1))),
    "amax": Case(lambda T, a: a.amax(-1), (rand(2, 3),)),
    "amax_all": Case(lambda T, a: a.amax(), (rand(2, 3),)),
    "amin_dims_keepdim": Case(lambda T, a: a.amin((0, 2), keepdim=True), (rand(2, 3, 2),)),
    "amax_0d": Case(lambda T, a: a.amax(0), (scalar(),)),
    "logsumexp": Case(lambda T, a: a.logsumexp(-1), (rand(2, 3),)),
    "logsumexp_dims": Case(lambda T, a: T.logsumexp(a, (0, 2)), (rand(2, 3, 2),)),
    "logsumexp_keepdim": Case(lambda T, a: T.logsumexp(a, 1, keepdim=True), (rand(2, 3),)),
    # the gradients' own ops
    "max_dim_second_order": Case(max_dim_gradient, (rand(2, 3), rand(2, seed=1))),
    "max_dim_third_order": Case(
        max_dim_gradient_of_gradient, (rand(2, 3), rand(2, seed=1), rand(2, 3, seed=2))
    ),
    "prod_second_order": Case(
        lambda T, a: T.autograd.grad(
            with_respect_to(a).prod(1), a, T.ones(2, dtype=a.dtype), create_graph=True
        )[0],
        (rand(2, 3),),
    ),
}
