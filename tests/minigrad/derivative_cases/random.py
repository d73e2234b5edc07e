"""Cases for the random family (minigrad/derivatives/random.py). Each case seeds the generator, so its
values are the same however often it runs; the fills do not depend on their input, so finite differences
agree with the zero gradients, while normal's and bernoulli's outputs do depend on their parameters and
torch's zero gradients are not their derivatives (gradcheck off, as it would fail on torch too)."""

from . import Case, rand


def _seeded(fill):
    def fn(T, a):
        T.manual_seed(0)
        return fill(T, a * 1)

    return fn


def _seeded_call(fn):
    def call(T, *args):
        T.manual_seed(0)
        return fn(T, *args)

    return call


CASES = {
    "uniform_": Case(_seeded(lambda T, x: x.uniform_(-1, 1)), (rand(3),)),
    "normal_": Case(_seeded(lambda T, x: x.normal_(2.0, 0.5)), (rand(20),)),
    "bernoulli_float": Case(_seeded(lambda T, x: x.bernoulli_(0.3)), (rand(5),)),
    "exponential_": Case(_seeded(lambda T, x: x.exponential_(2.0)), (rand(3),)),
    "geometric_": Case(_seeded(lambda T, x: x.geometric_(0.4)), (rand(3),)),
    "log_normal_": Case(_seeded(lambda T, x: x.log_normal_()), (rand(3),)),
    "cauchy_": Case(_seeded(lambda T, x: x.cauchy_()), (rand(3),)),
    "random_from": Case(_seeded(lambda T, x: x.random_(-3, 5)), (rand(3),)),
    "random_to": Case(_seeded(lambda T, x: x.random_(7)), (rand(3),)),
    "random_": Case(_seeded(lambda T, x: x.random_()), (rand(3),)),
    "bernoulli_tensor": Case(
        _seeded_call(lambda T, a, p: (a * 1).bernoulli_(p.sigmoid())),
        (rand(4), rand(4, seed=1)),
        gradcheck=False,
        gradgradcheck=False,
    ),
    "bernoulli": Case(
        _seeded_call(lambda T, p: T.bernoulli(p.sigmoid())), (rand(4),), gradcheck=False, gradgradcheck=False
    ),
    "bernoulli_p": Case(
        _seeded_call(lambda T, x: T.bernoulli(x, 0.5)),
        (rand(4),),
        gradcheck=False,
        gradgradcheck=False,
        forward_ad=False,
    ),
    "normal_tensor_float": Case(
        _seeded_call(lambda T, mean: T.normal(mean, 2.0)), (rand(3),), gradcheck=False, gradgradcheck=False
    ),
    "normal_float_tensor": Case(
        _seeded_call(lambda T, std: T.normal(1.0, std.exp())),
        (rand(3),),
        gradcheck=False,
        gradgradcheck=False,
    ),
    "normal_tensor_tensor": Case(
        _seeded_call(lambda T, mean, std: T.normal(mean, std.exp())),
        (rand(3), rand(3, seed=1)),
        gradcheck=False,
        gradgradcheck=False,
    ),
}
