"""Cases for the pointwise binary family (minigrad/derivatives/pointwise_binary.py)."""

import numpy as np

from . import Case, rand


def _second_order(op, *inputs):
    """The gradient of op(...)² summed, with a graph: the formulas' own ops, recorded."""
    return Case(
        lambda T, *xs: T.autograd.grad(
            op(T, *xs).pow(2).sum(), [x for x in xs if x.requires_grad], create_graph=True
        ),
        inputs,
        forward_ad=False,
    )


CASES = {
    "atan2": Case(lambda T, a, b: T.atan2(a, b), (rand(2, 3), rand(3, seed=1))),
    "atan2_method": Case(lambda T, a, b: a.arctan2(b), (rand(3), rand(3, seed=2))),
    "atan2_inplace": Case(lambda T, a, b: (a * 1).atan2_(b), (rand(3), rand(3, seed=2))),
    "atan2_second_order": _second_order(lambda T, a, b: T.atan2(a, b), rand(3), rand(3, seed=1)),
    "hypot": Case(lambda T, a, b: T.hypot(a, b), (rand(2, 3), rand(3, seed=1))),
    "hypot_second_order": _second_order(lambda T, a, b: a.hypot(b), rand(3), rand(3, seed=1)),
    "lerp_scalar": Case(lambda T, a, b: T.lerp(a, b, 0.3), (rand(2, 3), rand(3, seed=1))),
    "lerp_scalar_large_weight": Case(lambda T, a, b: a.lerp(b, 0.8), (rand(3), rand(3, seed=1))),
    "lerp_tensor": Case(
        lambda T, a, b, w: T.lerp(a, b, w), (rand(2, 3), rand(3, seed=1), rand(2, 1, seed=2))
    ),
    "lerp_inplace": Case(lambda T, a, b, w: (a * 1).lerp_(b, w), (rand(3), rand(3, seed=1), rand(3, seed=2))),
    "lerp_second_order": _second_order(
        lambda T, a, b, w: T.lerp(a, b, w), rand(3), rand(3, seed=1), rand(3, seed=2)
    ),
    "lerp_scalar_second_order": _second_order(lambda T, a, b: T.lerp(a, b, 0.3), rand(3), rand(3, seed=1)),
    "addcmul": Case(lambda T, a, b, c: T.addcmul(a, b, c), (rand(2, 3), rand(3, seed=1), rand(2, 1, seed=2))),
    "addcmul_value": Case(
        lambda T, a, b, c: a.addcmul(b, c, value=-0.5), (rand(3), rand(3, seed=1), rand(3, seed=2))
    ),
    "addcmul_inplace": Case(
        lambda T, a, b, c: (a * 1).addcmul_(b, c, value=2), (rand(3), rand(3, seed=1), rand(3, seed=2))
    ),
    "addcmul_second_order": _second_order(
        lambda T, a, b, c: T.addcmul(a, b, c, value=2), rand(3), rand(3, seed=1), rand(3, seed=2)
    ),
    "addcdiv": Case(lambda T, a, b, c: T.addcdiv(a, b, c), (rand(2, 3), rand(3, seed=1), rand(2, 1, seed=2))),
    "addcdiv_value": Case(
        lambda T, a, b, c: a.addcdiv(b, c, value=2.5), (rand(3), rand(3, seed=1), rand(3, seed=2))
    ),
    "addcdiv_inplace": Case(
        lambda T, a, b, c: (a * 1).addcdiv_(b, c, value=-1), (rand(3), rand(3, seed=1), rand(3, seed=2))
    ),
    "addcdiv_second_order": _second_order(
        lambda T, a, b, c: T.addcdiv(a, b, c, value=2), rand(3), rand(3, seed=1), rand(3, seed=2)
    ),
    "xlogy": Case(lambda T, a, b: T.xlogy(a, b), (rand(2, 3), rand(3, seed=1, low=0.5))),
    "xlogy_zeros": Case(lambda T, a, b: T.xlogy(a * 0, b), (rand(3), np.array([0.5, 1.5, -1.0]))),
    "xlogy_scalar_self": Case(lambda T, b: T.xlogy(2.5, b), (rand(3, low=0.5),)),
    "xlogy_scalar_other": Case(lambda T, a: a.xlogy(3), (rand(3),)),
    "xlogy_scalar_other_nonpositive": Case(lambda T, a: T.xlogy(a * 0, -2.0), (rand(3),)),
    "xlogy_inplace": Case(lambda T, a, b: (a * 1).xlogy_(b), (rand(3), rand(3, seed=1, low=0.5))),
    "xlogy_second_order": _second_order(lambda T, a, b: T.xlogy(a, b), rand(3), rand(3, seed=1, low=0.5)),
    "xlogy_scalars_second_order": _second_order(
        lambda T, a, b: T.xlogy(a, 2.0) + T.xlogy(3.0, b), rand(3), rand(3, seed=1, low=0.5)
    ),
    "copysign": Case(lambda T, a, b: T.copysign(a, b), (rand(2, 3), rand(3, seed=1))),
    "copysign_scalar": Case(lambda T, a: a.copysign(-2.0), (rand(3),)),
    "copysign_inplace": Case(lambda T, a, b: (a * 1).copysign_(b), (rand(3), rand(3, seed=1))),
    "copysign_second_order": _second_order(lambda T, a: T.copysign(a, -1.0), rand(3)),
    "fmax": Case(lambda T, a, b: T.fmax(a, b), (rand(2, 3), rand(3, seed=1))),
    "fmin": Case(lambda T, a, b: a.fmin(b), (rand(2, 3), rand(3, seed=1))),
    "fmax_nan": Case(
        lambda T, a, b: T.fmax(a, b),
        (np.array([1.0, np.nan, 2.0]), np.array([np.nan, 0.5, 3.0])),
        gradcheck=False,
    ),
    "fmin_nan": Case(
        lambda T, a, b: T.fmin(a, b),
        (np.array([1.0, np.nan, 2.0]), np.array([np.nan, 0.5, 3.0])),
        gradcheck=False,
    ),
    "fmax_second_order": _second_order(lambda T, a, b: T.fmax(a, b) * T.fmin(a, b), rand(3), rand(3, seed=1)),
}
