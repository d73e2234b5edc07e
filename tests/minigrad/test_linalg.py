"""matmul (all rank cases, broadcasting, fold/bmm paths), mm mv dot bmm, and cat/stack, against torch."""

import numpy as np
import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st
from test_views import numeric_gradient_check


def graph(node):
    """The whole backward graph below node as nested tuples of names (leaves collapsed)."""
    if node is None:
        return None
    if node.name().endswith("AccumulateGrad"):
        return "leaf"
    return (node.name(), tuple(graph(n) for n, _ in node.next_functions))


def run_matmul(
    shape_a, shape_b, requires_a=True, requires_b=True, dtype="float64", op="matmul", transposed=False
):
    def fn(T):
        rng = np.random.default_rng(0)
        a = T.tensor(rng.standard_normal(shape_a), dtype=getattr(T, dtype), requires_grad=requires_a)
        b = T.tensor(rng.standard_normal(shape_b), dtype=getattr(T, dtype), requires_grad=requires_b)
        if transposed:
            b = b.mT
        out = getattr(T, op)(a, b) if op != "@" else a @ b
        upstream = T.tensor(rng.standard_normal(tuple(out.shape)), dtype=getattr(T, dtype))
        out.backward(upstream)
        return out, graph(out.grad_fn), a.grad, b.grad

    return fn


MATMUL_SHAPES = [
    ((3,), (3,)),
    ((2, 3), (3,)),
    ((3,), (3, 4)),
    ((2, 3), (3, 4)),
    ((5, 2, 3), (3,)),
    ((5, 2, 3), (3, 4)),
    ((3,), (5, 3, 4)),
    ((2, 3), (5, 3, 4)),
    ((5, 2, 3), (5, 3, 4)),
    ((5, 2, 3), (1, 3, 4)),
    ((1, 2, 3), (5, 3, 4)),
    ((6, 5, 2, 3), (5, 3, 4)),
    ((6, 1, 2, 3), (5, 3, 4)),
    ((5, 2, 3), (6, 1, 3, 4)),
    ((2, 5, 2, 3), (3,)),
    ((3,), (2, 5, 3, 4)),
    ((0, 2, 3), (3, 4)),
    ((2, 0), (0, 3)),
    ((4, 2, 0), (0,)),
]


@pytest.mark.parametrize("shapes", MATMUL_SHAPES)
@pytest.mark.parametrize("requires", [(True, True), (True, False), (False, True)])
def test_matmul_graph_values_and_grads(shapes, requires):
    same(run_matmul(*shapes, *requires))


def test_matmul_operator_spellings():
    same(run_matmul((2, 3), (3, 4), op="@"))
    same(run_matmul((2, 3), (4, 3), op="matmul", transposed=True))
    same(run_matmul((5, 2, 3), (5, 4, 3), op="matmul", transposed=True))
    same(run_matmul((2, 3), (3, 4), op="mm"))
    same(run_matmul((2, 3), (3,), op="mv"))
    same(run_matmul((3,), (3,), op="dot"))
    same(run_matmul((4, 2, 3), (4, 3, 5), op="bmm"))
    same(run_matmul((2, 3), (3, 4), dtype="float32"))
    same(lambda T: T.ones(2, 3, dtype=T.int64) @ T.ones(3, dtype=T.int64))
    same(lambda T: T.ones(2, 3).__rmatmul__(T.ones(4, 2)))


def test_saved_tensors():
    def fn(T):
        a = T.ones(2, 3, requires_grad=True)
        b = T.ones(3, 4, requires_grad=True)
        mm = (a @ b).grad_fn
        mv = (a @ b[:, 0]).grad_fn
        dot = (a[0] @ a[1]).grad_fn
        return (
            mm._saved_self,
            mm._saved_mat2,
            mm._saved_self_sym_sizes,
            mm._saved_mat2_sym_strides,
            mv._saved_self,
            mv._saved_vec,
            dot._saved_self,
            dot._saved_tensor,
        )

    same(fn)


MATMUL_ERRORS = [
    "T.ones(3, 4, 5) @ T.ones(3, 4, 5)",
    "T.ones(4, 5) @ T.ones(4, 5)",
    "T.ones(5) @ T.ones(4, 5)",
    "T.ones(5) @ T.ones(4)",
    "T.mm(T.ones(3, 4, 5), T.ones(3, 4))",
    "T.mm(T.ones(3, 4), T.ones(4))",
    "T.matmul(T.ones(3), T.tensor(1.0))",
    "T.ones(2, 3) @ T.ones(3, 2, dtype=T.float64)",
    "T.ones(2, 3) @ T.ones(3, 2, dtype=T.int64)",
    "T.bmm(T.ones(2, 3, 4), T.ones(2, 3, 4))",
    "T.bmm(T.ones(3, 4), T.ones(3, 4))",
    "T.ones(2, 3, 4) @ T.ones(3, 4, 6)",
    "T.ones(2, 3, 4) @ T.ones(3, 5)",
    "T.ones(3) @ T.ones(2, 4, 5)",
    "T.dot(T.ones(3), T.ones(3, dtype=T.float64))",
    "T.mv(T.ones(3, 4), T.ones(3))",
    "T.mv(T.ones(2, 3), T.ones(3, dtype=T.float64))",
    "T.ones(2, 3, dtype=T.float64) @ T.ones(3)",
    "T.ones(2, 2, 3) @ T.ones(3, dtype=T.int64)",
    "T.mm(T.ones(3, 2), T.ones(1, 1, dtype=T.float64))",  # shapes before dtypes
    "T.ones(3, 1, 2) @ T.ones(1, 1, dtype=T.float64)",
    "T.ones(3) @ T.ones(2, 4, dtype=T.float64)",
    "T.dot(T.ones(3), T.ones(2, dtype=T.float64))",  # dot: dtypes before sizes
    "T.bmm(T.ones(2, 3, 4), T.ones(2, 4, 5, dtype=T.float64))",
]


@pytest.mark.parametrize("expr", MATMUL_ERRORS)
def test_matmul_errors(expr):
    same_error(lambda T: eval(expr, {"T": T}))


batch = st.lists(st.integers(1, 3), min_size=0, max_size=2).map(tuple)


@settings(max_examples=50, deadline=None)
@given(
    batch_a=batch,
    batch_b=batch,
    sizes=st.tuples(st.integers(1, 3), st.integers(0, 3), st.integers(1, 3)),
    vec_a=st.booleans(),
    vec_b=st.booleans(),
    requires=st.sampled_from([(True, True), (True, False), (False, True)]),
    data=st.data(),
)
def test_random_broadcast_matmul(batch_a, batch_b, sizes, vec_a, vec_b, requires, data):
    n, k, p = sizes
    # make batch dims broadcastable by replacing some mismatches with 1
    la, lb = len(batch_a), len(batch_b)
    batch_b = tuple(
        b
        if i < lb - la or batch_a[i - (lb - la)] in (1, b)
        else data.draw(st.sampled_from([1, batch_a[i - (lb - la)]]))
        for i, b in enumerate(batch_b)
    )
    shape_a = (k,) if vec_a else batch_a + (n, k)
    shape_b = (k,) if vec_b else batch_b + (k, p)
    same(run_matmul(shape_a, shape_b, *requires))


MATMUL_FORMULAS = [
    lambda t: t @ t.t(),
    lambda t: t[0] @ t,
    lambda t: t @ t[0],
    lambda t: t[0] @ t[1],
    lambda t: t.unsqueeze(0).expand(2, 3, 3) @ t.t().unsqueeze(0),
    lambda t: (t.unsqueeze(0) * t.unsqueeze(1)) @ t[0],
]


@pytest.mark.parametrize("index", range(len(MATMUL_FORMULAS)))
def test_matmul_backward_numerically(index):
    numeric_gradient_check(MATMUL_FORMULAS[index], (3, 3))


@pytest.mark.parametrize("index", range(len(MATMUL_FORMULAS)))
def test_matmul_double_backward(index):
    def fn(T):
        x = T.tensor(np.random.default_rng(3).standard_normal((3, 3)), requires_grad=True)
        out = MATMUL_FORMULAS[index](x)
        (g,) = T.autograd.grad((out * out).sum(), x, create_graph=True)
        (gg,) = T.autograd.grad(g.sum(), x)
        return g, gg

    same(fn)


# ---- cat / stack -------------------------------------------------------------------------------------------
def run_join(expr):
    def fn(T):
        rng = np.random.default_rng(0)
        a = T.tensor(rng.standard_normal((2, 3)), requires_grad=True)
        b = T.tensor(rng.standard_normal((2, 3)), requires_grad=True)
        c = T.tensor(rng.standard_normal((1, 3)))
        out = eval(expr, {"T": T, "a": a, "b": b, "c": c})
        out.backward(T.tensor(rng.standard_normal(tuple(out.shape)), dtype=out.dtype))
        return out, graph(out.grad_fn), a.grad, b.grad, out.grad_fn._saved_dim

    return fn


JOIN_EXPRS = [
    "T.cat([a, b])",
    "T.cat([a, b], 1)",
    "T.cat((a, c, b), -2)",
    "T.cat([a, c.double()])",
    "T.cat([a, T.zeros(0)])",
    "T.cat([a[0, :0], T.zeros(0)], 3)",  # only 1-D empty tensors: torch ignores dim
    "T.cat([a])",
    "T.concat([a * 2, b])",
    "T.concatenate([a, b], dim=1)",
    "T.stack([a, b])",
    "T.stack([a, b], 1)",
    "T.stack((a, b, a), -1)",
    "T.stack([a[0], c[0]])",
    "T.stack([a, b.double()], 2)",
]


@pytest.mark.parametrize("expr", JOIN_EXPRS)
def test_cat_stack(expr):
    same(run_join(expr))


JOIN_ERRORS = [
    "T.cat([T.ones(2, 3), T.ones(3)])",
    "T.cat([T.ones(2, 3), T.ones(2, 2)], 0)",
    "T.cat([])",
    "T.cat([T.ones(2), T.ones(2)], 1)",
    "T.cat(T.ones(2))",
    "T.cat([T.ones(2), 1])",
    "T.cat([T.tensor(1.0), T.tensor(2.0)])",
    "T.stack([T.ones(2, 3), T.ones(3)])",
    "T.stack([])",
    "T.stack([T.ones(2), T.ones(2)], 2)",
]


@pytest.mark.parametrize("expr", JOIN_ERRORS)
def test_cat_stack_errors(expr):
    same_error(lambda T: eval(expr, {"T": T}))


def test_cat_stack_backward_numerically():
    numeric_gradient_check(lambda t: T_cat_stack(t), (2, 3))


def T_cat_stack(t):
    import minigrad

    return minigrad.cat([t, t[:1] * 2], 0) * minigrad.stack([t[0], t[1], t[0]], 0)
