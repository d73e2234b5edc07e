"""addmv, baddbmm, outer and ger against torch: values, gradients and node names over random sizes, biases
that broadcast, beta and alpha (beta=0 ignores a nan bias), the method forms, out= and the errors."""

import pytest
from _compare import same, same_error
from _finite_diff import seeds, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st


def grads(t, out, inputs, seed):
    w = tensor(t, values(tuple(out.shape), seed + 1), "float64", requires_grad=False)
    wrt = [x for x in inputs if x.requires_grad]
    return t.autograd.grad(out, wrt, w) if wrt else ()


scalars = st.sampled_from([1, 0, 0.5, -2])


@settings(deadline=None)
@given(
    # (torch sizes an empty product's result by its bias and checks its dims otherwise: not followed)
    n=st.integers(1, 3),
    m=st.integers(1, 3),
    bias_shape=st.sampled_from(["full", "one", "scalar"]),
    beta=scalars,
    alpha=scalars,
    requires=st.lists(st.booleans(), min_size=3, max_size=3),
    seed=seeds,
)
def test_addmv(n, m, bias_shape, beta, alpha, requires, seed):
    bias = {"full": (n,), "one": (1,), "scalar": ()}[bias_shape]

    def body(t):
        c, a, v = (
            tensor(t, values(s, seed + i), "float64", requires_grad=r)
            for i, (s, r) in enumerate(zip((bias, (n, m), (m,)), requires))
        )
        out = t.addmv(c, a, v, beta=beta, alpha=alpha) if seed % 2 else c.addmv(a, v, beta=beta, alpha=alpha)
        return out, grads(t, out, (c, a, v), seed)

    same(body)


@settings(deadline=None)
@given(
    sizes=st.lists(st.integers(0, 3), min_size=4, max_size=4),
    bias_shape=st.sampled_from(["full", "matrix", "row"]),
    beta=scalars,
    alpha=scalars,
    requires=st.lists(st.booleans(), min_size=3, max_size=3),
    seed=seeds,
)
def test_baddbmm(sizes, bias_shape, beta, alpha, requires, seed):
    b, n, m, p = sizes
    bias = {"full": (b, n, p), "matrix": (n, p), "row": (p,)}[bias_shape]

    def body(t):
        c, x, y = (
            tensor(t, values(s, seed + i), "float64", requires_grad=r)
            for i, (s, r) in enumerate(zip((bias, (b, n, m), (b, m, p)), requires))
        )
        out = (
            t.baddbmm(c, x, y, beta=beta, alpha=alpha)
            if seed % 2
            else c.baddbmm(x, y, beta=beta, alpha=alpha)
        )
        return out, grads(t, out, (c, x, y), seed)

    same(body)


@settings(deadline=None)
@given(
    n=st.integers(0, 3),
    m=st.integers(0, 3),
    dtypes=st.sampled_from([("float64",) * 2, ("float32", "float64"), ("int64", "float64")]),
    seed=seeds,
)
def test_outer_and_ger(n, m, dtypes, seed):
    def body(t):
        a = tensor(t, values((n,), seed), dtypes[0], requires_grad=dtypes[0] == "float64")
        b = tensor(t, values((m,), seed + 1), dtypes[1])
        out = t.outer(a, b)
        return out, a.ger(b), t.ger(a, b), a.outer(b), grads(t, out, (a, b), seed)

    same(body)


def test_beta_zero_ignores_nan_bias():
    def body(t):
        c = t.tensor([float("nan"), 1.0])
        return t.addmv(c, t.ones(2, 3), t.ones(3), beta=0), t.baddbmm(
            t.full((2, 2), float("nan")), t.ones(1, 2, 3), t.ones(1, 3, 2), beta=0
        )

    same(body)


def test_out():
    def body(t):
        return (
            t.addmv(t.ones(2), t.ones(2, 3), t.ones(3), out=t.empty(0)),
            t.baddbmm(t.ones(2), t.ones(1, 2, 3), t.ones(1, 3, 2), out=t.empty(0)),
        )

    same(body)


ERRORS = {
    "addmv_size": lambda t: t.addmv(t.randn(3), t.randn(2, 3), t.randn(3)),
    "addmv_vec_size": lambda t: t.addmv(t.randn(2), t.randn(2, 3), t.randn(4)),
    "addmv_dims": lambda t: t.addmv(t.randn(2), t.randn(3), t.randn(3)),
    "addmv_dtype_input": lambda t: t.addmv(t.randn(2).double(), t.randn(2, 3), t.randn(3)),
    "addmv_dtype_vec": lambda t: t.addmv(t.randn(2), t.randn(2, 3), t.randn(3).double()),
    "addmv_not_tensor": lambda t: t.addmv(t.randn(2), 1, t.randn(3)),
    "addmv_bad_beta": lambda t: t.addmv(t.randn(2), t.randn(2, 3), t.randn(3), beta="a"),
    "addmv_out_requires_grad": lambda t: t.addmv(
        t.randn(2, requires_grad=True), t.randn(2, 3), t.randn(3), out=t.empty(0)
    ),
    "baddbmm_bias": lambda t: t.baddbmm(t.randn(5), t.randn(2, 3, 5), t.randn(2, 5, 4)),
    "baddbmm_sizes": lambda t: t.baddbmm(t.randn(3, 4), t.randn(2, 3, 5), t.randn(2, 4, 4)),
    "baddbmm_batches": lambda t: t.baddbmm(t.randn(3, 4), t.randn(2, 3, 5), t.randn(3, 5, 4)),
    "baddbmm_dtype_input": lambda t: t.baddbmm(t.randn(3, 4).double(), t.randn(2, 3, 5), t.randn(2, 5, 4)),
    "baddbmm_dtype_batch2": lambda t: t.baddbmm(t.randn(3, 4), t.randn(2, 3, 5), t.randn(2, 5, 4).double()),
    "baddbmm_batch2_2d": lambda t: t.baddbmm(t.randn(3, 4), t.randn(2, 3, 5), t.randn(5, 4)),
    "baddbmm_batch1_2d": lambda t: t.baddbmm(t.randn(3, 4), t.randn(3, 5), t.randn(2, 5, 4)),
    "baddbmm_batch1_1d": lambda t: t.baddbmm(t.randn(3, 4), t.randn(5), t.randn(2, 5, 4)),
    "outer_2d": lambda t: t.outer(t.randn(3), t.randn(2, 2)),
    "outer_self_2d": lambda t: t.outer(t.randn(2, 2), t.randn(3)),
    "outer_0d": lambda t: t.outer(t.tensor(1.0), t.randn(3)),
    "outer_method_int": lambda t: t.randn(3).outer(1),
    "ger_not_tensor": lambda t: t.ger(t.randn(3), 2),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    same_error(ERRORS[name])
