"""torch.utils.checkpoint against torch: both variants over random programs (values, gradients, graphs of
create_graph), the random generator's state restored for the recomputation, the reentrant variant's
incompatibility with autograd.grad, the non-reentrant variant's determinism checks and early stop,
checkpoint_sequential, and every warning and argument error."""

import pytest
from _compare import same
from _graphs import SHAPES, make_inputs, programs
from hypothesis import given
from hypothesis import strategies as st


def _checkpoint(t):
    return __import__(f"{t.__name__}.utils.checkpoint", fromlist=["checkpoint"])


@given(
    program=programs(max_inputs=3, max_steps=5),
    shape=SHAPES,
    seed=st.integers(0, 2**16),
    use_reentrant=st.booleans(),
    create_graph=st.booleans(),
)
def test_programs(program, shape, seed, use_reentrant, create_graph):
    """The outputs and the inputs' gradients of a checkpointed program are those of the program; with
    create_graph (non-reentrant only: the reentrant backward runs without it) the gradients are
    differentiable again."""
    create_graph = create_graph and not use_reentrant

    def body(t):
        cp = _checkpoint(t)
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad=True)
        out = cp.checkpoint(lambda *xs: program(t, *xs), *inputs, use_reentrant=use_reentrant)
        outs = out if isinstance(out, tuple) else (out,)
        total = sum(o.sum() for o in outs)
        grads = (
            t.autograd.grad(total, inputs, create_graph=create_graph, allow_unused=True)
            if not use_reentrant
            else None
        )
        if use_reentrant:
            total.backward()
            grads = tuple(x.grad for x in inputs)
        return outs, grads

    same(body)


def _noisy(t):
    def fn(x):
        return x * t.rand_like(x) + x.sin() * t.randn(x.shape, dtype=x.dtype)

    return fn


@pytest.mark.parametrize("use_reentrant", [True, False])
@pytest.mark.parametrize("preserve_rng_state", [True, False])
def test_random_numbers_of_the_forward(use_reentrant, preserve_rng_state):
    """The recomputation draws the forward's numbers (preserve_rng_state), and leaves the generator where
    the caller's code had it."""

    def body(t):
        t.manual_seed(0)
        x = t.ones(4, dtype=t.float64, requires_grad=True)
        out = _checkpoint(t).checkpoint(
            _noisy(t), x, use_reentrant=use_reentrant, preserve_rng_state=preserve_rng_state
        )
        after_forward = t.rand(2)
        out.sum().backward()
        return out, x.grad, after_forward, t.rand(2)

    same(body)


def test_use_reentrant_not_given_warns():
    def body(t):
        x = t.ones(2, requires_grad=True)
        out = _checkpoint(t).checkpoint(lambda a: a.exp(), x)
        out.sum().backward()
        return x.grad

    same(body)


def test_reentrant_refuses_autograd_grad():
    def body(t):
        x = t.ones(2, requires_grad=True)
        out = _checkpoint(t).checkpoint(lambda a: a.exp(), x, use_reentrant=True)
        return t.autograd.grad(out.sum(), x)

    same(body)


def test_reentrant_refuses_backward_inputs():
    def body(t):
        x = t.ones(2, requires_grad=True)
        y = t.ones(2, requires_grad=True)
        out = _checkpoint(t).checkpoint(lambda a: a.exp(), x, use_reentrant=True) * y
        out.sum().backward(inputs=[x])
        return x.grad

    same(body)


@pytest.mark.parametrize("use_reentrant", [True, False])
def test_no_input_requires_grad(use_reentrant):
    def body(t):
        w = t.ones(2, requires_grad=True)
        out = _checkpoint(t).checkpoint(lambda a: a.exp() * w, t.ones(2), use_reentrant=use_reentrant)
        out.sum().backward()
        return out, w.grad

    same(body)


@pytest.mark.parametrize("use_reentrant", [True, False])
def test_non_tensor_arguments_and_outputs(use_reentrant):
    def body(t):
        x = t.tensor([0.5, 1.5], requires_grad=True)

        def fn(a, k, name):
            return a * k, name, (a.exp() * k).sum()

        scaled, name, total = _checkpoint(t).checkpoint(fn, x, 3.0, "n", use_reentrant=use_reentrant)
        (scaled.sum() + total).backward()
        return scaled, name, total, x.grad

    same(body)


def _changing(t):
    """A function that saves a different number (or shape) of tensors when recomputed."""
    calls = []

    def fn(x):
        calls.append(1)
        if len(calls) == 1:
            return x.exp().exp()
        return x.exp()

    return fn


def _reshaping(t):
    calls = []

    def fn(x):
        calls.append(1)
        y = x.exp() if len(calls) == 1 else x.exp().reshape(-1)
        return (y * x.reshape(y.shape)).sum()

    return fn


NON_REENTRANT_ERRORS = {
    "a different number saved": lambda t, cp, x: cp.checkpoint(_changing(t), x, use_reentrant=False),
    "different metadata": lambda t, cp, x: cp.checkpoint(_reshaping(t), x.view(2, 2), use_reentrant=False),
    "no determinism check": lambda t, cp, x: cp.checkpoint(
        _reshaping(t), x.view(2, 2), use_reentrant=False, determinism_check="none"
    ),
    "no early stop": lambda t, cp, x: cp.checkpoint(_changing(t), x, use_reentrant=False, early_stop=False),
    "early stop off globally": lambda t, cp, x: _without_early_stop(
        cp, lambda: cp.checkpoint(_changing(t), x, use_reentrant=False)
    ),
}


def _without_early_stop(cp, run):
    with cp.set_checkpoint_early_stop(False):
        return run()


@pytest.mark.parametrize("case", sorted(NON_REENTRANT_ERRORS))
def test_non_reentrant_recomputation_checks(case):
    def body(t):
        x = t.tensor([0.1, 0.2, 0.3, 0.4], requires_grad=True)
        out = NON_REENTRANT_ERRORS[case](t, _checkpoint(t), x)
        out.sum().backward()
        return x.grad

    same(body)


ARGUMENT_ERRORS = {
    "keyword arguments, reentrant": lambda t, cp, x: cp.checkpoint(
        lambda a, k=1: a * k, x, k=2, use_reentrant=True
    ),
    "keyword arguments, non-reentrant": lambda t, cp, x: cp.checkpoint(
        lambda a, k=1: a * k, x, k=2, use_reentrant=False
    ),
    "context_fn, reentrant": lambda t, cp, x: cp.checkpoint(
        lambda a: a * 2, x, use_reentrant=True, context_fn=lambda: (None, None)
    ),
    "debug, reentrant": lambda t, cp, x: cp.checkpoint(lambda a: a * 2, x, use_reentrant=True, debug=True),
    "unknown determinism check": lambda t, cp, x: cp.checkpoint(
        lambda a: a * 2, x, use_reentrant=False, determinism_check="strict"
    ),
    "no grad mode": lambda t, cp, x: _in_no_grad(
        t, lambda: cp.checkpoint(lambda a: a * 2, x, use_reentrant=False)
    ),
    "detach_variable of a list": lambda t, cp, x: cp.detach_variable([x]),
    "detach_variable": lambda t, cp, x: cp.detach_variable((x, 3)),
}


def _in_no_grad(t, run):
    with t.no_grad():
        return run()


@pytest.mark.parametrize("case", sorted(ARGUMENT_ERRORS))
def test_arguments(case):
    same(lambda t: ARGUMENT_ERRORS[case](t, _checkpoint(t), t.ones(2, requires_grad=True)))


@pytest.mark.parametrize("use_reentrant", [True, False, None])
@pytest.mark.parametrize("segments", [1, 2, 3])
def test_checkpoint_sequential(use_reentrant, segments):
    def body(t):
        t.manual_seed(0)
        model = t.nn.Sequential(
            t.nn.Linear(3, 4), t.nn.Tanh(), t.nn.Linear(4, 4), t.nn.Sigmoid(), t.nn.Linear(4, 2)
        )
        x = t.ones(5, 3, requires_grad=True)
        out = _checkpoint(t).checkpoint_sequential(model, segments, x, use_reentrant=use_reentrant)
        out.sum().backward()
        return out, x.grad, [p.grad for p in model.parameters()]

    same(body)


def test_nested_non_reentrant():
    def body(t):
        cp = _checkpoint(t)
        x = t.tensor([0.3, -0.7], dtype=t.float64, requires_grad=True)

        def inner(a):
            return a.sin() * a

        def outer(a):
            return cp.checkpoint(inner, a.exp(), use_reentrant=False).cos()

        out = cp.checkpoint(outer, x, use_reentrant=False)
        (g,) = t.autograd.grad(out.sum(), x, create_graph=True)
        (gg,) = t.autograd.grad(g.sum(), x)
        return out, g, gg

    same(body)
