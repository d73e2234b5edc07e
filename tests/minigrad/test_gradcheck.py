"""gradcheck / gradgradcheck against torch: results, warnings, GradcheckError type and message."""

import numpy as np
import pytest
from _compare import same


def _leaf(t, shape=(3,), dtype="float64", seed=0):
    values = np.random.default_rng(seed).standard_normal(shape).tolist()
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=True)


FUNCTIONS = [
    lambda t, x: (x * x).exp(),
    lambda t, x: (x.exp() / (1 + x * x), x.sum()),
    lambda t, x: t.nn.functional.log_softmax(x, 0),
    lambda t, x: x.detach() * 2,
]


@pytest.mark.parametrize("fn", FUNCTIONS)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_gradcheck_results_and_warnings(fn, dtype):
    def body(t):
        x = _leaf(t, dtype=dtype)
        return t.autograd.gradcheck(lambda a: fn(t, a), (x,), raise_exception=False)

    same(body)


def _wrong_function(t):
    class WrongSquare(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * x  # should be 2 * x

    return WrongSquare


def test_wrong_backward_raises_gradcheck_error():
    def body(t):
        wrong = _wrong_function(t)
        x = t.tensor([1.0, 2.0], dtype=t.float64, requires_grad=True)
        try:
            t.autograd.gradcheck(wrong.apply, (x,))
        except RuntimeError as e:
            return type(e).__name__, str(e)
        return "no error"

    same(body)


def test_wrong_backward_returns_false_without_raise():
    def body(t):
        x = t.tensor([1.0, 2.0], dtype=t.float64, requires_grad=True)
        return t.autograd.gradcheck(_wrong_function(t).apply, (x,), raise_exception=False)

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.autograd.gradcheck(lambda a: a * 2, (t.ones(2, dtype=t.float64),)),
        lambda t: t.autograd.gradcheck(
            lambda a: a * 2, (t.ones(1, dtype=t.float64).expand(3).requires_grad_(),)
        ),
        lambda t: t.autograd.gradcheck(
            lambda a: a * 2, t.ones(2, dtype=t.float64, requires_grad=True), eps=1e-3
        ),
        lambda t: t.autograd.gradcheck(lambda a, b: a * b, (_leaf(t), _leaf(t, seed=1)), atol=1e-8),
        lambda t: t.autograd.gradcheck(lambda a, b: a @ b, (_leaf(t, (2, 3)), _leaf(t, (3, 2), seed=1))),
    ],
)
def test_gradcheck_misc(body):
    same(body)


@pytest.mark.parametrize(
    "fn",
    [
        lambda t, x: (x * x).exp(),
        lambda t, x: x.sigmoid() * x.tanh(),
        lambda t, x: t.nn.functional.softmax(x, 0),
        lambda t, x: t.nn.functional.mse_loss(x * x, t.ones(3, dtype=t.float64)),
    ],
)
def test_gradgradcheck(fn):
    def body(t):
        x = _leaf(t)
        go = t.tensor(
            np.random.default_rng(5).uniform(-1, 1, tuple(fn(t, x).shape)).tolist(), dtype=t.float64
        )
        return (
            t.autograd.gradgradcheck(lambda a: fn(t, a), (x,), (go.requires_grad_(),)),
            t.autograd.gradgradcheck(lambda a: fn(t, a), (x,)),
        )

    same(body)


def test_gradgradcheck_detects_wrong_double_backward():
    def body(t):
        class BadDouble(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x**3

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return grad * 3 * x.detach() ** 2  # first order right, second order lost

        x = _leaf(t)
        return t.autograd.gradcheck(BadDouble.apply, (x,)), t.autograd.gradgradcheck(
            BadDouble.apply, (x,), raise_exception=False
        )

    same(body)
