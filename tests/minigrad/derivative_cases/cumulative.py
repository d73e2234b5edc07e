"""Cases for the cumulative family (minigrad/derivatives/cumulative.py)."""

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
}
