"""torch.inverse, Tensor.inverse, linalg.inv, linalg.inv_ex and matrix_power against torch: values, gradients,
node names, the column-major layout LAPACK leaves, batches, empty matrices, singular matrices (torch's
LinAlgError with getrf's pivot, inv_ex's info), out= and the errors."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import seeds
from hypothesis import given, settings
from hypothesis import strategies as st


def graph(node):
    if node is None:
        return None
    return (node.name(), tuple(graph(n) for n, _ in node.next_functions))


@settings(deadline=None)
@given(
    batch=st.lists(st.integers(0, 2), max_size=2).map(tuple),
    n=st.integers(0, 4),
    dtype=st.sampled_from(["float32", "float64"]),
    seed=seeds,
)
def test_inverse(batch, n, dtype, seed):
    rng = np.random.default_rng(seed)
    matrices = np.eye(n) + 0.3 * rng.standard_normal(batch + (n, n))  # well conditioned
    upstream = rng.standard_normal(batch + (n, n))

    def body(t):
        a = t.tensor(matrices, dtype=getattr(t, dtype), requires_grad=True)
        r = t.inverse(a) if seed % 2 else t.linalg.inv(a)
        w = t.tensor(upstream, dtype=getattr(t, dtype))
        (g,) = t.autograd.grad(r, a, w, create_graph=True)
        ex = t.linalg.inv_ex(a)
        return r, r.is_contiguous(), r.mT.is_contiguous(), g, graph(g.grad_fn), ex.info, a.inverse()

    same(body)


SINGULAR = {
    "zeros": lambda t: t.zeros(2, 2),
    "second_pivot": lambda t: t.tensor([[1.0, 2.0], [2.0, 4.0]]),
    "batch": lambda t: t.stack([t.eye(3), t.tensor([[1.0, 0, 0], [0, 0, 0], [0, 0, 1]])]),
}


@pytest.mark.parametrize("name", SINGULAR)
def test_singular(name):
    same_error(lambda t: t.linalg.inv(SINGULAR[name](t)))
    same(lambda t: t.linalg.inv_ex(SINGULAR[name](t)).info)


def test_inv_ex_check_errors_and_fields():
    same_error(lambda t: t.linalg.inv_ex(t.zeros(2, 2), check_errors=True))
    same(lambda t: (repr(t.linalg.inv_ex(t.eye(2))), t.linalg.inv_ex(t.eye(2) * 2).inverse))


def test_out():
    same(lambda t: t.linalg.inv(t.eye(2) * 4, out=t.empty(0)))


@settings(deadline=None)
@given(n=st.integers(-5, 6), batch=st.lists(st.integers(1, 2), max_size=1).map(tuple), seed=seeds)
def test_matrix_power(n, batch, seed):
    rng = np.random.default_rng(seed)
    matrices = np.eye(3) + 0.3 * rng.standard_normal(batch + (3, 3))

    def body(t):
        a = t.tensor(matrices, requires_grad=True)
        r = t.linalg.matrix_power(a, n) if seed % 2 else a.matrix_power(n)
        return r, r.is_contiguous(), graph(r.grad_fn), t.autograd.grad(r.sum(), a)

    same(body)


def test_matrix_power_integers():
    same(
        lambda t: (
            t.matrix_power(t.tensor([[1, 2], [3, 4]]), 3),
            t.matrix_power(t.tensor([[1, 2], [3, 4]]), 0),
        )
    )


ERRORS = {
    "matrix_power_1d": lambda t: t.linalg.matrix_power(t.randn(3), 2),
    "matrix_power_not_square": lambda t: t.linalg.matrix_power(t.randn(2, 3), 2),
    "matrix_power_int_inverse": lambda t: t.linalg.matrix_power(t.tensor([[1, 2], [3, 4]]), -1),
    "matrix_power_float_n": lambda t: t.linalg.matrix_power(t.randn(2, 2), 1.5),
    "matrix_power_singular": lambda t: t.linalg.matrix_power(t.zeros(2, 2), -2),
    "1d": lambda t: t.inverse(t.randn(3)),
    "not_square": lambda t: t.inverse(t.randn(2, 3)),
    "integer": lambda t: t.inverse(t.tensor([[1, 2], [3, 4]])),
    "half": lambda t: t.linalg.inv(t.ones(2, 2, dtype=t.float16)),
    "not_tensor": lambda t: t.inverse(1),
    "out_requires_grad": lambda t: t.linalg.inv(t.eye(2, requires_grad=True), out=t.empty(0)),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    same_error(ERRORS[name])
