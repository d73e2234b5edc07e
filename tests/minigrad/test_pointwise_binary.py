"""atan2 hypot lerp addcmul addcdiv xlogy copysign fmax fmin against torch beyond the table's float64 cases:
type promotion, special values (zeros, infinities, nans), broadcasting, method and in-place forms, errors."""

import pytest
from _compare import same, same_error

NAN, INF = float("nan"), float("inf")


def test_values_and_dtypes():
    def body(T):
        T.manual_seed(0)
        x, y = T.randn(3, 4), T.randn(4)
        ints, bools = T.tensor([[1, -2, 0, 3]]), T.tensor([True, False, True, False])
        half = T.tensor([0.5, -1.5, 2.0, 0.0], dtype=T.float16)
        specials = T.tensor([0.0, -0.0, INF, -INF, NAN, 1.0])
        others = T.tensor([-0.0, 0.0, 1.0, INF, 2.0, NAN])
        return [
            T.atan2(x, y),
            x.arctan2(y),
            T.arctan2(ints, ints),
            T.atan2(specials, others),
            T.atan2(half, x),
            T.atan2(ints, T.tensor(2.0, dtype=T.float64)),
            T.hypot(x, y),
            T.hypot(half, half),
            T.hypot(specials, others),
            T.lerp(x, y, 0.25),
            T.lerp(x, y, 0.75),
            x.lerp(y, 2),
            T.lerp(x, y, T.rand(3, 1)),
            T.lerp(specials, others, 0.5),
            T.addcmul(x, x, y),
            T.addcmul(x, x, y, value=-2),
            T.addcmul(ints, ints, ints, value=3),
            T.addcmul(ints, ints, ints, value=2.5),
            T.addcmul(ints, x, ints),
            T.addcmul(half, half, T.tensor(2.0)),
            T.addcdiv(x, x, y, value=0.5),
            T.addcdiv(ints, x, ints),
            T.addcdiv(specials, others, specials),
            T.xlogy(x, y.abs()),
            T.xlogy(ints, ints),
            T.xlogy(2, ints),
            T.xlogy(ints, 3.0),
            T.xlogy(specials, others),
            T.xlogy(bools, half),
            T.copysign(x, y),
            T.copysign(ints, -1),
            T.copysign(bools, ints),
            T.copysign(specials, others),
            T.copysign(half, -0.0),
            T.fmax(x, y),
            T.fmin(x, y),
            T.fmax(specials, others),
            T.fmin(specials, others),
            T.fmax(ints, x),
            T.fmin(bools, bools.logical_not()),
            T.fmax(half, ints),
        ]

    same(body)


def test_inplace_and_methods():
    def body(T):
        x = T.tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]])
        y = T.tensor([2.0, -1.0, 0.5])
        return [
            x.clone().atan2_(y),
            x.clone().arctan2_(y),
            x.clone().hypot_(y),
            x.clone().lerp_(y, 0.3),
            x.clone().lerp_(y, T.full((2, 3), 0.6)),
            x.clone().addcmul_(x, y, value=2),
            x.clone().addcdiv_(x, y, value=-1),
            x.clone().xlogy_(y.abs()),
            x.clone().xlogy_(2),
            x.clone().copysign_(y),
            x.clone().copysign_(-1),
            T.tensor([1.0, 2.0]).addcmul_(T.tensor([1, 2]), T.tensor([3, 4])),
        ]

    same(body)


def test_gradients_through_special_points_and_broadcasting():
    def body(T):
        a = T.tensor([0.0, 1.0, -2.0, 0.0], requires_grad=True)
        b = T.tensor([0.0, 0.0, 3.0, -1.0], requires_grad=True)
        w = T.tensor([[0.25], [0.75]], requires_grad=True)
        out = [
            T.atan2(a, b),
            T.xlogy(a, b.abs()),
            T.copysign(a, b),
            T.fmax(a, b),
            T.fmin(a, b),
            T.lerp(a, b, w),
            T.addcdiv(a, a, b + 5, value=2),
            T.addcmul(a, a, w, value=-1),
        ]
        grads = []
        for o in out:
            grads += list(T.autograd.grad(o.sum(), (a, b, w), allow_unused=True))
        return [*out, *grads]

    same(body)


def test_saved_values_and_nodes():
    def body(T):
        a = T.tensor([1.0, 2.0], requires_grad=True)
        b = T.tensor([3.0, 4.0], requires_grad=True)
        lerp = T.lerp(a, b, 0.3)
        addcdiv = T.addcdiv(a, a, b, value=2.5)
        return [
            lerp.grad_fn._saved_weight,
            addcdiv.grad_fn._saved_value,
            T.xlogy(2, b).grad_fn._saved_self,
            T.xlogy(a, 2).grad_fn._saved_other,
            T.copysign(a, b).grad_fn.next_functions[1][0] is not None,
            T.atan2(a, b.detach()).grad_fn._saved_other,
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.atan2(T.ones(2), 2),
        lambda T: T.ones(2).atan2(1.0),
        lambda T: T.ones(2).hypot_(1.0),
        lambda T: T.ones(2).lerp(1.0, 0.5),
        lambda T: T.ones(2).lerp_(T.ones(2), "a"),
        lambda T: T.lerp(T.ones(2), 1.0, 0.5),
        lambda T: T.lerp(T.ones(2), T.ones(2), "a"),
        lambda T: T.ones(2).addcmul(T.ones(2), 2.0),
        lambda T: T.ones(2).fmax(0.0),
        lambda T: T.atan2(T.ones(2), T.ones(3)),
        lambda T: T.tensor([1, 2]).atan2_(T.ones(2)),
        lambda T: T.hypot(T.tensor([1, 2]), T.tensor([1, 2])),
        lambda T: T.tensor([1, 2]).hypot_(T.ones(2)),
        lambda T: T.lerp(T.ones(2), T.ones(2, dtype=T.float64), 0.5),
        lambda T: T.lerp(T.ones(2), T.ones(2), T.ones(2, dtype=T.float64)),
        lambda T: T.lerp(T.tensor([1, 2]), T.tensor([1, 2]), 1),
        lambda T: T.lerp(T.ones(2), T.ones(3), 0.5),
        lambda T: T.lerp(T.ones(2), T.ones(2), T.ones(3)),
        lambda T: T.ones(3).lerp_(T.ones(2, 1), 0.5),
        lambda T: T.addcmul(T.tensor([True]), T.tensor([True]), T.tensor([True])),
        lambda T: T.addcmul(T.ones(2), T.ones(2), T.ones(3)),
        lambda T: T.addcmul(T.ones(2), T.ones(2), T.ones(2), 2),
        lambda T: T.addcdiv(T.tensor([1]), T.tensor([1]), T.tensor([1])),
        lambda T: T.addcdiv(T.ones(1), T.tensor([1]), T.tensor([1])),
        lambda T: T.ones(2).addcmul_(T.ones(3), T.ones(3)),
        lambda T: T.tensor([1, 2]).addcdiv_(T.ones(2), T.ones(2)),
        lambda T: T.xlogy(2, 3),
        lambda T: T.tensor([1, 2]).xlogy_(2),
        lambda T: T.tensor([1, 2]).copysign_(T.ones(2)),
        lambda T: T.fmax(T.ones(2), 1),
        lambda T: T.fmin(T.ones(2), T.ones(3)),
        lambda T: T.ones(2, requires_grad=True).atan2_(T.ones(2)),
    ],
)
def test_errors(call):
    same_error(call)


@pytest.mark.parametrize("args", ["2, T.ones(2)", "T.ones(2), 'x'", "T.ones(2), True", "T.ones(2), -0.0"])
def test_copysign_arguments_as_torch(args):
    same(lambda T: eval(f"T.copysign({args})", {"T": T}))
