"""Cases for the arithmetic family (minigrad/derivatives/arithmetic.py)."""

from . import Case, rand

CASES = {
    "addcmul": Case(
        lambda T, a, b, c: T.addcmul(a, b, c, value=0.5), (rand(2, 3), rand(3, seed=1), rand(2, 1, seed=2))
    ),
    "addcmul_default_value": Case(
        lambda T, a, b, c: a.addcmul(b, c), (rand(3), rand(3, seed=1), rand(3, seed=2))
    ),
    "addcmul_in_place": Case(
        lambda T, a, b, c: (a * 1).addcmul_(b, c, value=-2), (rand(3), rand(3, seed=1), rand(3, seed=2))
    ),
    "addcdiv": Case(
        lambda T, a, b, c: T.addcdiv(a, b, c, value=-0.5),
        (rand(2, 3), rand(3, seed=1), rand(2, 1, seed=2, low=0.5)),
    ),
    "addcdiv_in_place": Case(
        lambda T, a, b, c: (a * 1).addcdiv_(b, c), (rand(3), rand(3, seed=1), rand(3, seed=2, low=0.5))
    ),
    "add": Case(lambda T, a, b: T.add(a, b, alpha=2), (rand(2, 3), rand(3, seed=1))),
    "add_number": Case(lambda T, a: a + 2.5, (rand(3),)),
    "sub": Case(lambda T, a, b: a - b, (rand(2, 3), rand(2, 1, seed=1))),
    "sub_alpha": Case(lambda T, a, b: T.sub(a, b, alpha=3), (rand(3), rand(3, seed=1))),
    "rsub": Case(lambda T, a, b: T.rsub(a, b, alpha=2), (rand(3), rand(3, seed=1))),
    "rsub_number": Case(lambda T, a: 2 - a, (rand(3),)),
    "mul": Case(lambda T, a, b: a * b, (rand(2, 3), rand(3, seed=1))),
    "mul_number": Case(lambda T, a: a * 3.0, (rand(3),)),
    "div": Case(lambda T, a, b: a / b, (rand(2, 3), rand(2, 3, seed=1, low=0.5))),
    "div_number": Case(lambda T, a: 3.0 / a, (rand(3, low=0.5),)),
    "div_floor": Case(
        lambda T, a, b: T.div(a, b, rounding_mode="floor"), (rand(3), rand(3, seed=1, low=0.5))
    ),
    "div_trunc": Case(
        lambda T, a, b: T.div(a, b, rounding_mode="trunc"), (rand(3), rand(3, seed=1, low=0.5))
    ),
    "remainder": Case(lambda T, a, b: T.remainder(a, b), (rand(3), rand(3, seed=1, low=2.0))),
    "remainder_number": Case(lambda T, a: T.remainder(a, 1.5), (rand(3, low=0.1),)),
    "fmod": Case(lambda T, a, b: T.fmod(a, b), (rand(3), rand(3, seed=1, low=2.0))),
    "fmod_number": Case(lambda T, a: T.fmod(a, 1.5), (rand(3, low=0.1),)),
    "neg": Case(lambda T, a: -a, (rand(3),)),
    "reciprocal": Case(lambda T, a: a.reciprocal(), (rand(3, low=0.5),)),
    "pow_number": Case(lambda T, a: a**3, (rand(3),)),
    "pow_zero": Case(lambda T, a: a**0, (rand(3),)),
    "pow": Case(lambda T, a, b: a.pow(b), (rand(3, low=0.5), rand(3, seed=1))),
    "pow_number_base": Case(lambda T, a: T.pow(2.0, a), (rand(3),)),
    "exp": Case(lambda T, a: a.exp(), (rand(3),)),
    "log": Case(lambda T, a: a.log(), (rand(3, low=0.5),)),
    "sqrt": Case(lambda T, a: a.sqrt(), (rand(3, low=0.5),)),
    "abs": Case(lambda T, a: a.abs(), (rand(3),)),
    "sgn": Case(lambda T, a: T.sgn(a), (rand(3),)),
}
