"""Cases for the activations family (minigrad/derivatives/activations.py)."""

from . import Case, rand

CASES = {
    "leaky_relu": Case(lambda T, a: T.nn.functional.leaky_relu(a), (rand(4),)),
    "leaky_relu_slope": Case(lambda T, a: T.nn.functional.leaky_relu(a, 0.2), (rand(4, seed=1),)),
    "leaky_relu_in_place": Case(
        lambda T, a: T.nn.functional.leaky_relu(a * 1, 0.3, inplace=True), (rand(4),)
    ),
    "leaky_relu_second_order": Case(
        lambda T, a: T.autograd.grad(T.nn.functional.leaky_relu(a).pow(2).sum(), a, create_graph=True)[0],
        (rand(4),),
        forward_ad=False,
    ),
    "silu": Case(lambda T, a: T.nn.functional.silu(a), (rand(4),)),
}
