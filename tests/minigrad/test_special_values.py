"""Every op on inf, nan, zeros, huge and tiny values: the same values and gradients as torch, and no warning
where torch gives none (numpy warns about inf - inf, 0 * inf, sin(inf) and overflow; torch is silent)."""

import pytest
from _compare import same

SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, float("inf"), float("-inf"), float("nan"), 3e38, -3e38, 1e-45, 2.0]

UNARY = {
    "neg": lambda t, x: -x,
    "exp": lambda t, x: x.exp(),
    "log": lambda t, x: x.log(),
    "sqrt": lambda t, x: x.sqrt(),
    "abs": lambda t, x: x.abs(),
    "sin": lambda t, x: x.sin(),
    "cos": lambda t, x: x.cos(),
    "tanh": lambda t, x: x.tanh(),
    "sigmoid": lambda t, x: x.sigmoid(),
    "relu": lambda t, x: x.relu(),
    "clamp": lambda t, x: x.clamp(-1.0, 1.0),
    "pow 2": lambda t, x: x**2,
    "pow 0.5": lambda t, x: x**0.5,
    "pow -1": lambda t, x: x**-1,
    "rpow": lambda t, x: 2.0**x,
    "reciprocal": lambda t, x: 1 / x,
    "times 10": lambda t, x: x * 10.0,
    "plus huge": lambda t, x: x + 3e38,
    "sum": lambda t, x: x.sum(),
    "mean": lambda t, x: x.mean(),
    "prod": lambda t, x: x.prod(),
    "amax": lambda t, x: x.amax(),
    "max": lambda t, x: x.max(),
    "softmax": lambda t, x: t.softmax(x, 0),
    "log_softmax": lambda t, x: t.log_softmax(x, 0),
    "logsumexp": lambda t, x: t.logsumexp(x, 0),
    "mse_loss": lambda t, x: t.nn.functional.mse_loss(x, t.zeros_like(x)),
}

BINARY = {
    "add": lambda t, x, y: x + y,
    "sub": lambda t, x, y: x - y,
    "mul": lambda t, x, y: x * y,
    "div": lambda t, x, y: x / y,
    "pow": lambda t, x, y: x**y,
    "maximum": lambda t, x, y: t.maximum(x, y),
    "minimum": lambda t, x, y: t.minimum(x, y),
    "matmul": lambda t, x, y: x @ y,
    "where": lambda t, x, y: t.where(x > y, x, y),
}


def _leaf(t, values, dtype):
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=True)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("op", list(UNARY))
def test_unary_op_on_special_values(op, dtype):
    def body(t):
        x = _leaf(t, SPECIAL, dtype)
        y = UNARY[op](t, x)
        y.backward(t.ones_like(y) * 0.5)
        return y, x.grad

    same(body)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("op", list(BINARY))
def test_binary_op_on_special_values(op, dtype):
    # Every pair of special values: x runs down the rows, y along the columns.
    def body(t):
        n = len(SPECIAL)
        x = _leaf(t, [[v] * n for v in SPECIAL], dtype)
        y = _leaf(t, [SPECIAL] * n, dtype)
        out = BINARY[op](t, x, y)
        out.backward(t.ones_like(out))
        return out, x.grad, y.grad

    same(body)


ALONG_DIM = {
    "sum": lambda t, x, d: x.sum(d),
    "mean": lambda t, x, d: x.mean(d, keepdim=True),
    "prod": lambda t, x, d: x.prod(d),
    "amax": lambda t, x, d: x.amax(d),
    "min": lambda t, x, d: x.min(d).values,
    "softmax": lambda t, x, d: t.softmax(x, d),
    "log_softmax": lambda t, x, d: t.log_softmax(x, d),
    "logsumexp": lambda t, x, d: t.logsumexp(x, d),
}


@pytest.mark.parametrize("dim", [0, 1])
@pytest.mark.parametrize("op", list(ALONG_DIM))
def test_reduction_along_a_dim_on_special_values(op, dim):
    def body(t):
        x = _leaf(t, [SPECIAL[:4], SPECIAL[4:8], SPECIAL[8:]], "float32")
        y = ALONG_DIM[op](t, x, dim)
        y.backward(t.ones_like(y))
        return y, x.grad

    same(body)


@pytest.mark.parametrize("op", ["mul", "sin", "exp", "tanh", "sigmoid", "prod", "in-place mul"])
def test_second_derivative_on_special_values(op):
    def body(t):
        x = _leaf(t, SPECIAL, "float64")
        if op == "mul":
            y = x * x * x
        elif op == "prod":
            y = x.prod()
        elif op == "in-place mul":
            y = x * 1.0
            y.mul_(x)
        else:
            y = getattr(x, op)()
        (g,) = t.autograd.grad(y.sum(), x, create_graph=True)
        (gg,) = t.autograd.grad(g.sum(), x)
        if op == "prod":  # torch builds this gradient from cumprod, flip and cat: only its values compare
            g = g.detach()
        return y, g, gg

    same(body)
