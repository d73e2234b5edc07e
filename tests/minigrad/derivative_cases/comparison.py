"""Cases for comparisons, which have no rows: their bool results are not differentiable, so they have no
grad_fn and, under forward AD, no tangent (torch's forward AD gives integer and bool outputs none)."""

from . import Case, rand

_NOT_DIFFERENTIABLE = {"gradcheck": False, "gradgradcheck": False}

CASES = {
    "eq": Case(lambda T, a, b: a == b, (rand(3), rand(3, seed=1)), **_NOT_DIFFERENTIABLE),
    "lt_number": Case(lambda T, a: a < 0.5, (rand(3),), **_NOT_DIFFERENTIABLE),
    "ge_function": Case(lambda T, a, b: T.ge(a, b), (rand(3), rand(3, seed=1)), **_NOT_DIFFERENTIABLE),
    "mask_then_multiply": Case(lambda T, a: (a > 0) * a, (rand(3),)),
}
