"""Cases for the transcendental family (minigrad/derivatives/transcendental.py)."""

from . import Case, rand


def _unit(seed=0):
    """Values inside (-1, 1), away from its ends (asin and acos)."""
    return rand(4, seed=seed, low=-0.5) * 0.9


CASES = {
    "atan2": Case(lambda T, a, b: T.atan2(a, b), (rand(2, 3), rand(3, seed=1))),
    "atan2_in_place": Case(lambda T, a, b: (a * 1).atan2_(b), (rand(3, seed=2), rand(3, seed=3))),
    "atan2_second_order": Case(
        lambda T, a, b: T.autograd.grad(
            T.atan2(a, b).pow(2).sum(), [x for x in (a, b) if x.requires_grad], create_graph=True
        ),
        (rand(3, seed=4), rand(3, seed=5)),
        forward_ad=False,
    ),
    "xlogy": Case(lambda T, a, b: T.xlogy(a, b), (rand(4), rand(4, seed=1, low=0.5))),
    "xlogy_broadcast": Case(lambda T, a, b: a.xlogy(b), (rand(2, 3), rand(3, seed=2, low=0.5))),
    "xlogy_scalar_self": Case(lambda T, b: T.xlogy(2.5, b), (rand(4, seed=3, low=0.5),)),
    "xlogy_scalar_other": Case(lambda T, a: T.xlogy(a, 3.0), (rand(4, seed=4),)),
    "xlogy_scalar_other_below_one": Case(lambda T, a: a.xlogy(0.5), (rand(4, seed=5),)),
    "xlogy_in_place": Case(lambda T, a, b: (a * 1).xlogy_(b), (rand(4, seed=6), rand(4, seed=7, low=0.5))),
    "xlogy_second_order": Case(
        lambda T, a, b: T.autograd.grad(
            T.xlogy(a, b).pow(2).sum(), [x for x in (a, b) if x.requires_grad], create_graph=True
        ),
        (rand(3, seed=8), rand(3, seed=9, low=0.5)),
        forward_ad=False,
    ),
    "sinh": Case(lambda T, a: a.sinh(), (rand(3),)),
    "cosh": Case(lambda T, a: T.cosh(a), (rand(3),)),
    "asin": Case(lambda T, a: a.asin(), (_unit(),)),
    "acos": Case(lambda T, a: T.acos(a), (_unit(1),)),
    "atan": Case(lambda T, a: a.atan(), (rand(3),)),
    "erf": Case(lambda T, a: T.erf(a), (rand(3),)),
    "log1p": Case(lambda T, a: a.log1p(), (rand(3, low=0.1),)),
    "expm1": Case(lambda T, a: T.expm1(a), (rand(3),)),
    "rsqrt": Case(lambda T, a: a.rsqrt(), (rand(3, low=0.5),)),
    "sinh_second_order": Case(
        lambda T, a: T.autograd.grad(a.sinh().sum(), a, create_graph=True)[0], (rand(3),), forward_ad=False
    ),
    "expm1_in_place": Case(lambda T, a: (a * 1).expm1_(), (rand(3),)),
}
CASES.update(
    {
        "exp2": Case(lambda T, a: a.exp2(), (rand(3),)),
        "log2": Case(lambda T, a: T.log2(a), (rand(3, low=0.5),)),
        "log10": Case(lambda T, a: a.log10(), (rand(3, low=0.5),)),
        "log2_second_order": Case(
            lambda T, a: T.autograd.grad(a.log2().sum(), a, create_graph=True)[0],
            (rand(3, low=0.5),),
            forward_ad=False,
        ),
        "exp2_in_place": Case(lambda T, a: (a * 1).exp2_(), (rand(3),)),
    }
)
CASES.update(
    {
        "logit": Case(lambda T, a: a.logit(), (rand(3, low=0.05) * 0.9,)),
        "logit_eps": Case(lambda T, a: T.logit(a, 0.2), (rand(4, seed=1, low=0.05) * 0.5 + 0.2,)),
        "logit_in_place": Case(lambda T, a: (a * 1).logit_(eps=0.1), (rand(3, seed=2, low=0.05) * 0.8,)),
        "logit_second_order": Case(
            lambda T, a: T.autograd.grad(a.logit().pow(2).sum(), a, create_graph=True)[0],
            (rand(3, seed=3, low=0.05) * 0.9,),
            forward_ad=False,
        ),
    }
)
