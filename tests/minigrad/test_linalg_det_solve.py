"""det, slogdet, logdet and linalg.solve against torch: values and gradients in float32 and float64
(singular matrices included, where torch's det gradient perturbs the LU factorization), return types, and the
errors of bad input.

The rows' gradients, forward derivatives, saved values and second order are in test_derivatives.py
(derivative_cases/linalg.py)."""

import numpy as np
import pytest
from _compare import same, same_error


def _t(t, values, dtype="float64", requires_grad=False):
    return t.tensor(np.asarray(values).tolist(), dtype=getattr(t, dtype), requires_grad=requires_grad)


def _random(shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape)


def _with_grads(t, out, inputs, seed=7):
    upstream = _t(t, _random(tuple(out.shape), seed), str(out.dtype).split(".")[1])
    return out, t.autograd.grad(out, inputs, upstream)


MATRICES = {
    "random": _random((3, 3)),
    "batched": _random((2, 4, 4), 1),
    # exactly singular in both factorizations (torch's is of A^T): a roundoff-singular one's gradient is noise
    "singular": [[2.0, 4.0, 1.0], [1.0, 2.0, 3.0], [4.0, 8.0, 2.0]],
    "zero": [[0.0, 0.0], [0.0, 0.0]],
    "zero_pivot_first": [[0.0, 1.0], [2.0, 3.0]],
    "negative_determinant": [[0.5, 2.0], [3.0, 0.5]],
    "one_by_one": [[-2.5]],
}


@pytest.mark.parametrize("dtype", ("float32", "float64"))
@pytest.mark.parametrize("name", sorted(MATRICES))
def test_det(name, dtype):
    def body(t):
        a = _t(t, MATRICES[name], dtype, requires_grad=True)
        return _with_grads(t, t.det(a), [a]), t.linalg.det(a), a.det()

    same(body)


@pytest.mark.parametrize("dtype", ("float32", "float64"))
@pytest.mark.parametrize("name", sorted(set(MATRICES) - {"singular", "zero"}))
def test_slogdet_and_logdet(name, dtype):
    def body(t):
        a = _t(t, MATRICES[name], dtype, requires_grad=True)
        sign, logabsdet = t.linalg.slogdet(a)
        return sign, _with_grads(t, logabsdet, [a]), _with_grads(t, t.logdet(a), [a]), a.slogdet(), a.logdet()

    same(body)


def test_slogdet_of_a_singular_matrix():
    same(lambda t: (t.slogdet(_t(t, MATRICES["singular"])), t.logdet(_t(t, MATRICES["singular"]))))


def test_return_types():
    def body(t):
        a = _t(t, MATRICES["random"])
        s, ls = t.slogdet(a), t.linalg.slogdet(a)
        ex = t.linalg.solve_ex(a, _t(t, [1.0, 2.0, 3.0]))
        return repr(s), repr(ls), repr(ex), s.sign, ls.logabsdet, ex.result, ex.info, type(s).__name__

    same(body)


@pytest.mark.parametrize("dtype", ("float32", "float64"))
@pytest.mark.parametrize(
    "a_shape, b_shape, left",
    [
        ((3, 3), (3, 2), True),
        ((3, 3), (3,), True),
        ((2, 3, 3), (2, 3), True),
        ((3, 3), (4, 3, 1), True),
        ((2, 1, 3, 3), (5, 3, 2), True),
        ((3, 3), (2, 3), False),
        ((2, 3, 3), (4, 3), False),
    ],
)
def test_solve(a_shape, b_shape, left, dtype):
    def body(t):
        a = _t(t, _random(a_shape) + 3 * np.eye(a_shape[-1]), dtype, requires_grad=True)
        b = _t(t, _random(b_shape, 1), dtype, requires_grad=True)
        return _with_grads(t, t.linalg.solve(a, b, left=left), [a, b])

    same(body)


def test_solve_ex_reports_a_singular_matrix():
    def body(t):
        a = _t(t, [[[1.0, 2.0], [2.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]]])
        return t.linalg.solve_ex(a, t.ones(2, 2, dtype=t.float64)).info

    same(body)


ERRORS = {
    "det_not_square": lambda t: t.det(t.ones(2, 3)),
    "det_vector": lambda t: t.linalg.det(t.ones(3)),
    "det_integer": lambda t: t.det(t.ones(2, 2, dtype=t.int64)),
    "det_half": lambda t: t.det(t.ones(2, 2, dtype=t.float16)),
    "slogdet_not_square": lambda t: t.slogdet(t.ones(2, 3)),
    "logdet_not_square": lambda t: t.logdet(t.ones(2, 3)),
    "logdet_integer": lambda t: t.logdet(t.ones(2, 2, dtype=t.int64)),
    "solve_singular": lambda t: t.linalg.solve(t.zeros(2, 2), t.ones(2)),
    "solve_singular_batch": lambda t: t.linalg.solve(t.zeros(3, 2, 2), t.ones(2)),
    "solve_ex_check_errors": lambda t: t.linalg.solve_ex(t.zeros(2, 2), t.ones(2), check_errors=True),
    "solve_shapes": lambda t: t.linalg.solve(t.eye(3), t.ones(2, 2)),
    "solve_vector_shapes": lambda t: t.linalg.solve(t.eye(3), t.ones(2)),
    "solve_right_vector": lambda t: t.linalg.solve(t.eye(2), t.ones(2), left=False),
    "solve_dtypes": lambda t: t.linalg.solve(t.eye(2), t.ones(2, dtype=t.float64)),
    "solve_integer": lambda t: t.linalg.solve(t.ones(2, 2, dtype=t.int64), t.ones(2, dtype=t.int64)),
    "solve_a_vector": lambda t: t.linalg.solve(t.ones(3), t.ones(3)),
    "solve_not_square": lambda t: t.linalg.solve(t.ones(2, 3), t.ones(2)),
    "solve_b_not_a_tensor": lambda t: t.linalg.solve(t.eye(3), 3),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors(name):
    same_error(ERRORS[name])


def test_empty_matrices():
    same(lambda t: (t.det(t.ones(0, 0)), t.det(t.ones(2, 0, 0)), t.slogdet(t.ones(0, 0))))


@pytest.mark.parametrize("shape", [(1, 1), (3, 1, 1), (2, 2)])
def test_det_gradient_graph_with_create_graph(shape):
    """torch records no graph for the gradient of 1 x 1 determinants, even with create_graph."""

    def body(t):
        a = _t(t, _random(shape) + 2, requires_grad=True)
        (g,) = t.autograd.grad(t.linalg.det(a).sum(), a, create_graph=True)
        return g, g.requires_grad

    same(body)
