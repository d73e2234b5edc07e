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
    # rand(4) spans values inside and outside the bounds
    "hardtanh": Case(lambda T, a: T.nn.functional.hardtanh(a * 3), (rand(4),)),
    "hardtanh_bounds": Case(lambda T, a: T.nn.functional.hardtanh(a, -0.5, 0.25), (rand(4, seed=1),)),
    "hardtanh_in_place": Case(
        lambda T, a: T.nn.functional.hardtanh(a * 1, -0.5, 0.5, inplace=True), (rand(4, seed=2),)
    ),
    "relu6": Case(lambda T, a: T.nn.functional.relu6(a * 10), (rand(4, seed=3),)),
    "relu6_in_place": Case(lambda T, a: T.nn.functional.relu6(a * 10, inplace=True), (rand(4, seed=4),)),
    "hardtanh_second_order": Case(
        lambda T, a: T.autograd.grad(
            T.nn.functional.hardtanh(a, -0.5, 0.5).pow(2).sum(), a, create_graph=True
        )[0],
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

CASES.update(
    {
        "softplus": Case(lambda T, a: T.nn.functional.softplus(a), (rand(5),)),
        # beta * x beyond the threshold: the identity there
        "softplus_beta_threshold": Case(
            lambda T, a: T.nn.functional.softplus(a, beta=2, threshold=1.5), (rand(6, seed=3) * 2,)
        ),
        "elu": Case(lambda T, a: T.nn.functional.elu(a), (rand(5),)),
        "elu_alpha": Case(lambda T, a: T.nn.functional.elu(a, alpha=0.5), (rand(5, seed=1),)),
        "elu_in_place": Case(lambda T, a: T.nn.functional.elu(a * 1, inplace=True), (rand(5, seed=2),)),
        "selu": Case(lambda T, a: T.selu(a), (rand(5),)),
        "selu_in_place": Case(lambda T, a: T.nn.functional.selu(a * 1, inplace=True), (rand(5),)),
        "celu": Case(lambda T, a: T.celu(a, 2.0), (rand(5),)),
        "celu_in_place": Case(lambda T, a: T.celu_(a * 1), (rand(5, seed=1),)),
        "logsigmoid": Case(lambda T, a: T.nn.functional.logsigmoid(a), (rand(5) * 3,)),
        "logsigmoid_second_order": Case(
            lambda T, a: T.autograd.grad(T.nn.functional.logsigmoid(a).sum(), a, create_graph=True)[0],
            (rand(4),),
            forward_ad=False,
        ),
        "elu_second_order": Case(
            lambda T, a: T.autograd.grad(T.nn.functional.elu(a).pow(2).sum(), a, create_graph=True)[0],
            (rand(4),),
            forward_ad=False,
        ),
    }
)
