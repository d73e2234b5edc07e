"""tensordot, inner, kron, multi_dot and the cross product against torch: values, gradients and the whole
graph (the first three composite: sums of broadcast dims, permute, reshape, mm, or a dot / multiply-and-sum
for a full contraction; kron's interleaved views and product), over the forms of dims (int, lists, a
tensor), random shapes, 0-d operands, and the errors."""

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


def run(t, fn, shapes, seed=0):
    rng = np.random.default_rng(seed)
    inputs = [t.tensor(rng.standard_normal(s), requires_grad=True) for s in shapes]
    out = fn(t, *inputs)
    w = t.tensor(rng.standard_normal(tuple(out.shape)))
    return out, graph(out.grad_fn), t.autograd.grad(out, inputs, w, allow_unused=True)


CASES = {
    "default": (lambda t, a, b: t.tensordot(a, b), [(3, 4, 5), (4, 5, 2)]),
    "int": (lambda t, a, b: t.tensordot(a, b, 1), [(3, 4), (4, 2)]),
    "zero": (lambda t, a, b: t.tensordot(a, b, 0), [(3,), (2,)]),
    "lists": (lambda t, a, b: t.tensordot(a, b, dims=([1, 2], [1, 0])), [(3, 4, 5), (5, 4)]),
    "list_of_lists": (lambda t, a, b: t.tensordot(a, b, [[0], [1]]), [(3, 4), (2, 3)]),
    "tensor_dims": (lambda t, a, b: t.tensordot(a, b, t.tensor(1)), [(3, 4), (4, 2)]),
    "tensor_lists": (lambda t, a, b: t.tensordot(a, b, t.tensor([[0], [1]])), [(3, 4), (2, 3)]),
    "broadcast": (lambda t, a, b: t.tensordot(a, b, ([0, 1], [0, 1])), [(1, 3), (4, 3)]),
    "full_contiguous": (lambda t, a, b: t.tensordot(a, b, 2), [(2, 3), (2, 3)]),
    "full_transposed": (lambda t, a, b: t.tensordot(a.t(), b.t(), 2), [(3, 2), (3, 2)]),
    "inner_vectors": (lambda t, a, b: t.inner(a, b), [(4,), (4,)]),
    "inner": (lambda t, a, b: a.inner(b), [(2, 3, 4), (5, 4)]),
    "inner_0d": (lambda t, a, b: t.inner(a, b), [(), (2, 3)]),
    "kron": (lambda t, a, b: t.kron(a, b), [(2, 3), (4,)]),
    "kron_method": (lambda t, a, b: a.kron(b), [(2,), (3, 2)]),
    "kron_0d": (lambda t, a, b: t.kron(a, b), [(), (3,)]),
    "kron_3d": (lambda t, a, b: t.kron(a, b), [(1, 2, 3), (2, 1)]),
    "linalg_cross": (lambda t, a, b: t.linalg.cross(a, b), [(2, 3), (1, 3)]),
    "linalg_cross_dim": (lambda t, a, b: t.linalg.cross(a, b, dim=0), [(3, 1, 2), (3, 4, 1)]),
    "cross_dim": (lambda t, a, b: t.cross(a, b, dim=-2), [(2, 3, 2), (2, 3, 2)]),
    "cross_method": (lambda t, a, b: a.cross(b, 1), [(2, 3), (2, 3)]),
}


@pytest.mark.parametrize("name", CASES)
def test_cases(name):
    fn, shapes = CASES[name]
    same(lambda t: run(t, fn, shapes))


@settings(deadline=None)
@given(
    kept_a=st.lists(st.integers(1, 3), max_size=2),
    kept_b=st.lists(st.integers(1, 3), max_size=2),
    contracted=st.lists(st.integers(1, 3), max_size=3),
    seed=seeds,
)
def test_random_contractions(kept_a, kept_b, contracted, seed):
    shape_a, shape_b = tuple(kept_a + contracted), tuple(contracted + kept_b)
    same(lambda t: run(t, lambda t, a, b: t.tensordot(a, b, len(contracted)), [shape_a, shape_b], seed))


@settings(deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=3, max_size=7),
    vector_ends=st.tuples(st.booleans(), st.booleans()),
    seed=seeds,
)
def test_multi_dot(sizes, vector_ends, seed):
    """Chains of 2 to 6 matrices: the order torch picks shows in the graph."""
    shapes = [(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1)]
    if vector_ends[0]:
        shapes[0] = shapes[0][1:]
    if vector_ends[1]:
        shapes[-1] = shapes[-1][:1]
    same(lambda t: run(t, lambda t, *ms: t.linalg.multi_dot(ms), shapes, seed))


def test_multi_dot_out():
    same(lambda t: t.linalg.multi_dot([t.ones(2, 3), t.ones(3)], out=t.empty(0)))


ERRORS = {
    "multi_dot_one": lambda t, a: t.linalg.multi_dot([a]),
    "multi_dot_first_3d": lambda t, a: t.linalg.multi_dot([t.randn(2, 2, 2), t.randn(2, 2)]),
    "multi_dot_last_3d": lambda t, a: t.linalg.multi_dot([t.randn(2, 2), t.randn(2, 2, 2)]),
    "multi_dot_middle_1d": lambda t, a: t.linalg.multi_dot([t.randn(2, 2), t.randn(2), t.randn(2, 2)]),
    "multi_dot_shapes": lambda t, a: t.linalg.multi_dot([t.randn(2, 3), t.randn(2, 2)]),
    "multi_dot_dtypes": lambda t, a: t.linalg.multi_dot([t.randn(2, 2), t.randn(2, 2).double()]),
    "negative": lambda t, a: t.tensordot(a, a, -1),
    "too_many": lambda t, a: t.tensordot(a, a, 3),
    "dtypes": lambda t, a: t.tensordot(a, a.double(), 1),
    "lengths": lambda t, a: t.tensordot(a, a, ([0], [0, 1])),
    "float_dims": lambda t, a: t.tensordot(a, a, dims=1.5),
    "sizes": lambda t, a: t.tensordot(a, a, t.tensor(1)),
    "inner_sizes": lambda t, a: t.inner(a, t.randn(3)),
    "inner_not_tensor": lambda t, a: t.inner(a, 2),
    "inner_method_not_tensor": lambda t, a: a.inner(2),
    "kron_not_tensor": lambda t, a: t.kron(a, 1),
    "kron_transposed": lambda t, a: t.kron(a.t(), t.ones(2)),
    "cross_length": lambda t, a: t.linalg.cross(t.randn(2, 2), t.randn(2, 2)),
    "cross_dims": lambda t, a: t.linalg.cross(t.randn(3), t.randn(2, 3)),
    "cross_dtype": lambda t, a: t.linalg.cross(t.randn(3), t.randn(3).double()),
    "cross_dim_range": lambda t, a: t.linalg.cross(t.randn(3, 2), t.randn(3, 2), dim=2),
    "cross_broadcast": lambda t, a: t.linalg.cross(t.randn(4, 3), t.randn(2, 3)),
    "cross_no_dim_of_3": lambda t, a: t.cross(t.randn(2, 2), t.randn(2, 2), dim=None),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    same_error(lambda t: ERRORS[name](t, t.randn(3, 4)))
