"""Cases for the statistics family (minigrad/derivatives/statistics.py): every overload (unbiased, dim,
correction), negative dims, keepdim, and the pair ops with one or both outputs used."""

import numpy as np

from . import Case, rand


def mean_only(T, a, name):
    """var_mean/std_mean with only the mean used: the variance's gradient is undefined."""
    return getattr(T, name)(a, 1)[1]


def variance_only(T, a, name):
    return getattr(T, name)(a, -1, keepdim=True)[0]


CASES = {
    "var": Case(lambda T, a: a.var(), (rand(2, 3),)),
    "var_dim": Case(lambda T, a: a.var(-1), (rand(2, 3),)),
    "var_unbiased_false": Case(lambda T, a: a.var(0, False, True), (rand(3, 2),)),
    "var_correction": Case(lambda T, a: T.var(a, (0, -1), correction=2.5), (rand(2, 3, 2),)),
    "var_bool_overload": Case(lambda T, a: a.var(False), (rand(2, 3),)),
    "var_0d": Case(lambda T, a: a.var(correction=0), (np.asarray(rand(seed=2)),)),
    "std": Case(lambda T, a: a.std(), (rand(2, 3),)),
    "std_dims_keepdim": Case(lambda T, a: T.std(a, (0, 2), keepdim=True), (rand(2, 3, 2),)),
    "std_correction": Case(lambda T, a: a.std(1, correction=0), (rand(2, 3),)),
    "var_mean": Case(lambda T, a: T.var_mean(a, 1), (rand(2, 3),)),
    "var_mean_all": Case(lambda T, a: T.var_mean(a, correction=0), (rand(2, 3),)),
    "var_mean_mean_only": Case(lambda T, a: mean_only(T, a, "var_mean"), (rand(2, 3),)),
    "var_mean_variance_only": Case(lambda T, a: variance_only(T, a, "var_mean"), (rand(2, 3),)),
    "std_mean": Case(lambda T, a: T.std_mean(a, -1, keepdim=True), (rand(2, 3),)),
    "std_mean_unbiased": Case(lambda T, a: T.std_mean(a, False), (rand(3, 2),)),
    "std_mean_mean_only": Case(lambda T, a: mean_only(T, a, "std_mean"), (rand(2, 3),)),
    "std_mean_std_only": Case(lambda T, a: variance_only(T, a, "std_mean"), (rand(2, 3),)),
}
