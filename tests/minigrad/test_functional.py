"""torch.autograd.functional.jacobian / hessian against torch: structure, shapes, values, graph."""

import numpy as np
import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st


def _leaf(t, shape, seed=0, requires_grad=False):
    values = np.random.default_rng(seed).standard_normal(shape).tolist()
    return t.tensor(values, dtype=t.float64, requires_grad=requires_grad)


JACOBIAN_FUNCS = {
    "single": (lambda t, x: (x * x).exp(), 1),
    "matrix": (lambda t, x: x.t() @ x, 1),
    "scalar out": (lambda t, x: (x * x).sum(), 1),
    "tuple out": (lambda t, x: (x.sigmoid(), x.sum() * 2), 1),
    "two inputs": (lambda t, x, y: x * y.sum(), 2),
    "two in two out": (lambda t, x, y: (x * y.sum(), (y * y).exp()), 2),
    "unused input": (lambda t, x, y: x.tanh(), 2),
    "linear": (lambda t, x: x * 3, 1),
}


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(sorted(JACOBIAN_FUNCS)),
    shape=st.sampled_from([(3,), (2, 2), (), (1, 3)]),
    create_graph=st.booleans(),
    tuple_inputs=st.booleans(),
    vectorize=st.booleans(),
    requires_grad=st.booleans(),
    seed=st.integers(0, 1000),
)
def test_jacobian(name, shape, create_graph, tuple_inputs, vectorize, requires_grad, seed):
    fn, n_inputs = JACOBIAN_FUNCS[name]
    if name == "matrix" and len(shape) != 2:
        shape = (2, 3)

    def body(t):
        inputs = tuple(_leaf(t, shape, seed + k, requires_grad) for k in range(n_inputs))
        args = inputs if (tuple_inputs or n_inputs > 1) else inputs[0]
        result = t.autograd.functional.jacobian(
            lambda *a: fn(t, *a), args, create_graph=create_graph, vectorize=vectorize
        )
        if vectorize and create_graph:
            # minigrad has no batched grads: same values, but the graph (and requires_grad) is the per-row one
            return _map(lambda j: j.detach(), result)
        return result

    same(body)


def _map(fn, nested):
    return tuple(_map(fn, n) for n in nested) if isinstance(nested, tuple) else fn(nested)


HESSIAN_FUNCS = {
    "cubic": (lambda t, x: (x**3).sum(), 1),
    "softmax": (lambda t, x: (t.nn.functional.softmax(x.reshape(-1), 0) * t.arange(x.numel())).sum(), 1),
    "pair": (lambda t, x, y: (x * x * y).sum(), 2),
    "linear": (lambda t, x: (x * 2).sum(), 1),
}


@settings(max_examples=20, deadline=None)
@given(
    name=st.sampled_from(sorted(HESSIAN_FUNCS)),
    shape=st.sampled_from([(3,), (2, 2), ()]),
    create_graph=st.booleans(),
    tuple_inputs=st.booleans(),
    seed=st.integers(0, 1000),
)
def test_hessian(name, shape, create_graph, tuple_inputs, seed):
    fn, n_inputs = HESSIAN_FUNCS[name]

    def body(t):
        inputs = tuple(_leaf(t, shape, seed + k, requires_grad=True) for k in range(n_inputs))
        args = inputs if (tuple_inputs or n_inputs > 1) else inputs[0]
        return t.autograd.functional.hessian(lambda *a: fn(t, *a), args, create_graph=create_graph)

    same(body)


def test_jacobian_with_create_graph_is_differentiable():
    def body(t):
        x = _leaf(t, (3,), requires_grad=True)
        jac = t.autograd.functional.jacobian(lambda a: (a**3).exp(), x, create_graph=True)
        (g,) = t.autograd.grad(jac.sum(), [x])
        return jac, g

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.autograd.functional.jacobian(lambda a: a, [t.ones(2)]),
        lambda t: t.autograd.functional.jacobian(lambda a: a, (t.ones(2), 3)),
        lambda t: t.autograd.functional.jacobian(lambda a: 3, t.ones(2)),
        lambda t: t.autograd.functional.jacobian(lambda a: a * 2, t.ones(2), strategy="sideways"),
        lambda t: t.autograd.functional.jacobian(lambda a: a * 2, t.ones(2), strategy="forward-mode"),
        lambda t: t.autograd.functional.jacobian(lambda a: a * 2, t.ones(2), strict=True, vectorize=True),
        lambda t: t.autograd.functional.jacobian(lambda a, b: a * 2, (t.ones(2), t.ones(2)), strict=True),
        lambda t: t.autograd.functional.jacobian(lambda a: t.ones(2), t.ones(2), strict=True),
        lambda t: t.autograd.functional.jacobian(lambda a: a * 2, t.ones(2), strict=True, create_graph=True),
        lambda t: t.autograd.functional.hessian(lambda a: a * 2, t.ones(2)),
        lambda t: t.autograd.functional.hessian(lambda a: (a.sum(), a.sum()), t.ones(2)),
        lambda t: t.autograd.functional.hessian(lambda a: (a * 2).sum(), t.ones(2), strict=True),
    ],
)
def test_errors(body):
    same_error(body)


def test_strict_jacobian_of_unused_input_is_zeros_when_not_strict():
    same(lambda t: t.autograd.functional.jacobian(lambda a, b: a * 2, (t.ones(2), t.ones(3))))
