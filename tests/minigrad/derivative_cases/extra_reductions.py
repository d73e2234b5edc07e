"""Cases for the extra reductions (minigrad/derivatives/extra_reductions.py): nansum, nanmean, aminmax."""

import numpy as np

from . import Case, rand

_WITH_NAN = np.array([[1.5, np.nan, -0.7], [0.3, 2.0, np.nan]])
_TIES = np.array([[1.0, 3.0, 3.0, -2.0], [2.0, 2.0, 0.5, 0.5]])

CASES = {
    "nansum": Case(lambda T, a: a.nansum(), (rand(2, 3),)),
    "nansum_dim": Case(lambda T, a: T.nansum(a, -1), (rand(2, 3),)),
    "nansum_with_nan": Case(lambda T, a: T.nansum(a, 0, keepdim=True), (_WITH_NAN,), gradcheck=False),
    "nansum_second_order": Case(
        lambda T, a: T.autograd.grad(a.nansum(1).pow(2).sum(), a, create_graph=True)[0],
        (rand(2, 3),),
        forward_ad=False,
    ),
    "nanmean": Case(lambda T, a: T.nanmean(a, 1), (_WITH_NAN,), gradcheck=False),
    "nanmean_all": Case(lambda T, a: a.nanmean(), (rand(2, 3),)),
    "aminmax": Case(lambda T, a: tuple(T.aminmax(a, dim=1)), (rand(3, 4),)),
    "aminmax_all": Case(lambda T, a: tuple(a.aminmax()), (rand(3, 4),)),
    "aminmax_keepdim_ties": Case(
        lambda T, a: tuple(T.aminmax(a, dim=-1, keepdim=True)), (_TIES,), gradcheck=False
    ),
    "aminmax_min_only": Case(lambda T, a: T.aminmax(a, dim=0).min * 2, (rand(3, 4),)),
    "aminmax_second_order": Case(
        lambda T, a: T.autograd.grad(T.aminmax(a, dim=1).max.pow(2).sum(), a, create_graph=True)[0],
        (rand(3, 4),),
        forward_ad=False,
    ),
}
