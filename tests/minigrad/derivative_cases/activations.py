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


def _second_order(f):
    """The gradient of f(a)**2 with create_graph: f's backward op recorded, for its own derivative."""
    return lambda T, a: T.autograd.grad(f(T, a).pow(2).sum(), a, create_graph=True)[0]


# values * 2 span the kinks at -3 and 3 of hardsigmoid/hardswish and at +-lambd of the shrinks
CASES.update(
    {
        # torch has no derivative of hardsigmoid_backward: no gradgradcheck
        "hardsigmoid": Case(lambda T, a: T.nn.functional.hardsigmoid(a * 2), (rand(6),), gradgradcheck=False),
        "hardsigmoid_in_place": Case(
            lambda T, a: T.nn.functional.hardsigmoid(a * 2, inplace=True),
            (rand(6, seed=1),),
            gradgradcheck=False,
        ),
        "hardswish": Case(lambda T, a: T.nn.functional.hardswish(a * 2), (rand(6),)),
        "hardswish_in_place": Case(
            lambda T, a: T.nn.functional.hardswish(a * 2, inplace=True), (rand(6, seed=1),)
        ),
        "hardswish_second_order": Case(
            _second_order(lambda T, a: T.nn.functional.hardswish(a * 2)), (rand(6, seed=2),), forward_ad=False
        ),
        "threshold": Case(lambda T, a: T.nn.functional.threshold(a, 0.3, -2.0), (rand(6),)),
        "threshold_in_place": Case(
            lambda T, a: T.nn.functional.threshold(a * 1, 0.3, -2.0, inplace=True), (rand(6, seed=1),)
        ),
        "softshrink": Case(lambda T, a: T.nn.functional.softshrink(a, 0.5), (rand(6),)),
        "softshrink_second_order": Case(
            _second_order(lambda T, a: T.nn.functional.softshrink(a, 0.5)),
            (rand(6, seed=1),),
            forward_ad=False,
        ),
        "hardshrink": Case(lambda T, a: T.hardshrink(a, 0.5), (rand(6),)),
        "hardshrink_second_order": Case(
            _second_order(lambda T, a: a.hardshrink(0.5)), (rand(6, seed=1),), forward_ad=False
        ),
    }
)
