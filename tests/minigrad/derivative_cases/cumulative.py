"""Cases for the cumulative family (minigrad/derivatives/cumulative.py)."""

import numpy as np

from . import Case, rand

CASES = {
    "cumsum": Case(lambda T, a: a.cumsum(1), (rand(2, 3),)),
    "cumsum_dim0": Case(lambda T, a: T.cumsum(a, 0), (rand(3, 2),)),
    "cumsum_one_element": Case(lambda T, a: a.cumsum(0), (rand(1),)),
    "cumsum_second_order": Case(
        lambda T, a: T.autograd.grad(a.cumsum(0).pow(2).sum(), a, create_graph=True)[0],
        (rand(4),),
        forward_ad=False,
    ),
    "flip": Case(lambda T, a: a.flip(0), (rand(3, 2),)),
    "flip_dims": Case(lambda T, a: T.flip(a, (0, 1)), (rand(2, 3),)),
    "flip_negative_dims": Case(lambda T, a: a.flip(-1, -2), (rand(2, 3),)),
    "cumsum_negative_dim": Case(lambda T, a: a.cumsum(-1), (rand(2, 3),)),
}

# cumprod of inputs with zeros: torch's O(n) formula, and under create_graph its O(n^2) one (CopySlices)
_WITH_ZEROS = np.array([[1.5, 0.0, 2.0, -0.5, 0.0, 1.2], [0.0, 1.3, -0.7, 2.0, 1.1, 0.6]])

CASES.update(
    {
        "cumprod": Case(lambda T, a: a.cumprod(1), (rand(2, 4),)),
        "cumprod_negative_dim": Case(lambda T, a: T.cumprod(a, -2), (rand(3, 2),)),
        "cumprod_one_element": Case(lambda T, a: a.cumprod(0), (rand(1),)),
        "cumprod_with_zeros": Case(
            lambda T, a: a.cumprod(1), (_WITH_ZEROS,), gradcheck=False, gradgradcheck=False
        ),
        "cumprod_second_order": Case(
            lambda T, a: T.autograd.grad(a.cumprod(0).pow(2).sum(), a, create_graph=True)[0],
            (rand(4),),
            forward_ad=False,
        ),
        "cumprod_with_zeros_second_order": Case(
            lambda T, a: T.autograd.grad(a.cumprod(1).pow(2).sum(), a, create_graph=True)[0],
            (_WITH_ZEROS,),
            gradcheck=False,
            gradgradcheck=False,
            forward_ad=False,
        ),
        "cumprod_inplace": Case(lambda T, a: (a * 1).cumprod_(1), (rand(2, 3),)),
        "cummax": Case(lambda T, a: a.cummax(1), (rand(3, 5),)),
        "cummin": Case(lambda T, a: T.cummin(a, -1), (rand(3, 5, seed=1),)),
        "cummax_second_order": Case(
            lambda T, a: T.autograd.grad(a.cummax(0).values.pow(2).sum(), a, create_graph=True)[0],
            (rand(5),),
            forward_ad=False,
        ),
        "logcumsumexp": Case(lambda T, a: a.logcumsumexp(1), (rand(2, 4),)),
        "logcumsumexp_negative_dim": Case(lambda T, a: T.logcumsumexp(a, -2), (rand(3, 2),)),
        # its third derivative is nan in torch too (log(|grad|) of a zero grad): no gradgradcheck
        "logcumsumexp_second_order": Case(
            lambda T, a: T.autograd.grad(a.logcumsumexp(0).pow(2).sum(), a, create_graph=True)[0],
            (rand(4),),
            gradgradcheck=False,
            forward_ad=False,
        ),
    }
)
