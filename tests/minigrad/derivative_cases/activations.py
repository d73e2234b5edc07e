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
    "gelu": Case(lambda T, a: T.nn.functional.gelu(a), (rand(4),)),
    "gelu_tanh": Case(lambda T, a: T.nn.functional.gelu(a, approximate="tanh"), (rand(4, seed=2),)),
    "gelu_second_order": Case(
        lambda T, a: T.autograd.grad(T.nn.functional.gelu(a).sum(), a, create_graph=True)[0],
        (rand(4),),
        forward_ad=False,
    ),
    "gelu_tanh_second_order": Case(
        lambda T, a: T.autograd.grad(T.nn.functional.gelu(a, approximate="tanh").sum(), a, create_graph=True)[
            0
        ],
        (rand(4),),
        forward_ad=False,
    ),
}
