"""Cases for the unary family (minigrad/derivatives/unary.py)."""

import numpy as np

from . import Case, rand

CASES = {
    "sin": Case(lambda T, a: a.sin(), (rand(3),)),
    "cos": Case(lambda T, a: a.cos(), (rand(3),)),
    "tanh": Case(lambda T, a: a.tanh(), (rand(3),)),
    "sigmoid": Case(lambda T, a: a.sigmoid(), (rand(3),)),
    "relu": Case(lambda T, a: a.relu(), (rand(4),)),
    "sign": Case(lambda T, a: a.sign(), (rand(3),)),
    "floor": Case(lambda T, a: (a * 3).floor(), (rand(3),)),
    "ceil": Case(lambda T, a: (a * 3).ceil(), (rand(3),)),
    "trunc": Case(lambda T, a: (a * 3).trunc(), (rand(3),)),
    "frac": Case(lambda T, a: (a * 3).frac(), (rand(3),)),
    "frac_in_place": Case(lambda T, a: T.frac(a * 3), (rand(3),)),
    "square": Case(lambda T, a: a.square(), (rand(3),)),
    "round": Case(lambda T, a: (a * 3).round(), (rand(3),)),
    "round_decimals": Case(lambda T, a: (a * 3).round(decimals=1), (rand(3),)),
    "clamp": Case(lambda T, a: a.clamp(-0.5, 0.5), (rand(4),)),
    "clamp_tensor": Case(
        lambda T, a, lo, hi: T.clamp(a, lo, hi), (rand(4), rand(4, seed=1) - 1, rand(4, seed=2) + 1)
    ),
    "clamp_tensor_min": Case(lambda T, a, lo: T.clamp(a, min=lo), (rand(4), rand(4, seed=1))),
    "clamp_min": Case(lambda T, a: T.clamp_min(a, 0.05), (rand(4),)),
    "clamp_min_tensor": Case(lambda T, a, lo: T.clamp_min(a, lo), (rand(4), rand(4, seed=1))),
    "clamp_max": Case(lambda T, a: T.clamp_max(a, 0.05), (rand(4),)),
    "clamp_max_tensor": Case(lambda T, a, hi: T.clamp_max(a, hi), (rand(4), rand(4, seed=1))),
    "where": Case(
        lambda T, c, a, b: T.where(c, a, b), (np.array([True, False, True]), rand(3), rand(3, seed=1))
    ),
    "where_number": Case(lambda T, c, a: T.where(c, a, 0.0), (np.array([True, False, True]), rand(3))),
}

# the gradient of a gradient: the gradients' own ops (TanhBackwardBackward0...) run their formulas
CASES["sigmoid_second_order"] = Case(
    lambda T, a: T.autograd.grad(a.sigmoid().sum(), a, create_graph=True)[0], (rand(3),), forward_ad=False
)
CASES["tanh_second_order"] = Case(
    lambda T, a: T.autograd.grad(a.tanh().sum(), a, create_graph=True)[0], (rand(3),), forward_ad=False
)
# nan_to_num: the gradient passes where its input is finite (log of the negative values is nan)
CASES["nan_to_num"] = Case(lambda T, a: T.nan_to_num(a.log(), nan=1.5), (rand(6),))
CASES["nan_to_num_in_place"] = Case(lambda T, a: a.log().nan_to_num_(posinf=2.0), (rand(6, seed=1),))
