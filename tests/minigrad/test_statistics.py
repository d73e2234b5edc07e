"""var, std, var_mean, std_mean (and the counts histc and bincount, at the end) against torch beyond the
table's float64 cases: every overload and its argument errors, dtypes (float16/32/64, integers refused),
0-d, empty and NaN inputs, no degrees of freedom (torch's warning, inf and nan), out=, and gradients for
random upstream gradients."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import dims, seeds, shapes, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st

OPS = ("var", "std", "var_mean", "std_mean")


def call(t, op, x, form, dim, unbiased, correction, keepdim):
    """One of the overloads, spelled as the form (method or function) allows."""
    fn = getattr(t, op) if form == "function" or op.endswith("_mean") else None
    if fn is None:
        fn = getattr(x, op)
        head = ()
    else:
        head = (x,)
    if dim is None and correction is None and unbiased is not None:
        return fn(*head, unbiased)
    if correction is not None:
        return fn(*head, dim, correction=correction, keepdim=keepdim)
    if unbiased is not None:
        return fn(*head, dim, unbiased, keepdim)
    return fn(*head, dim, keepdim=keepdim) if dim is not None else fn(*head)


def upstream(t, out, seed):
    return tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)


@settings(deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(["float16", "float32", "float64"]),
    op=st.sampled_from(OPS),
    form=st.sampled_from(["method", "function"]),
    kind=st.sampled_from(["normal", "ties", "nan"]),
    keepdim=st.booleans(),
    unbiased=st.sampled_from([None, True, False]),
    correction=st.sampled_from([None, 0, 1, 2, 0.5, -1]),
    seed=seeds,
    data=st.data(),
)
def test_values_and_gradients(shape, dtype, op, form, kind, keepdim, unbiased, correction, seed, data):
    dim = data.draw(st.one_of(st.none(), dims(len(shape))), label="dim")
    array = values(shape, seed, "ties" if kind == "ties" else "normal")
    if kind == "nan" and array.size:
        array.flat[seed % array.size] = np.nan
    if correction is not None:
        unbiased = None

    def body(t):
        x = tensor(t, array, dtype)
        out = call(t, op, x, form, dim, unbiased, correction, keepdim)
        outs = out if isinstance(out, tuple) else (out,)
        node = outs[0].grad_fn
        saved = (node._saved_dim, node._saved_correction, node._saved_keepdim)
        grads = [upstream(t, o, seed + i) for i, o in enumerate(outs)]
        return out, saved, t.autograd.grad(outs, x, grads)

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.tensor(2.0).var(),
        lambda T: T.tensor([2.0]).std(0),
        lambda T: T.var_mean(T.tensor([[1.0, 2.0]]), 0),
        lambda T: T.std_mean(T.empty(0, 3), 1),
        lambda T: T.ones(2, 3).var(correction=3),
        lambda T: T.ones(2, 3).var(correction=7),
        lambda T: T.tensor([1.0, 3.0]).var(correction=True),
        lambda T: T.tensor([1.0, 3.0]).std(correction=T.tensor(0)),
        lambda T: T.tensor([1.0, 3.0]).var(dim=[]),
        lambda T: T.empty(0).var(),
    ],
)
def test_no_degrees_of_freedom_and_odd_corrections(call):
    def body(T):
        x = call(T)
        return x

    same(body)


def test_gradients_without_degrees_of_freedom():
    def body(T):
        x = T.tensor([[1.0, 2.0], [3.0, 3.0]], requires_grad=True)
        return (
            T.autograd.grad(x.var(correction=4), x),
            T.autograd.grad(x[0, 0].var(), x),
            T.autograd.grad(x.std(1, correction=2).sum(), x),
            T.autograd.grad(x.var(dim=[]), x),
        )

    same(body)


def test_out():
    def body(T):
        x = T.tensor([[1.0, 2.0, 4.0], [3.0, 3.0, 0.5]])
        a, b, c = T.empty(3), T.empty(0, dtype=T.float64), T.empty(2)
        return T.var(x, 0, out=a), T.std(x, 1, correction=0, out=b), T.var(x, out=c), a, b, c

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.var(T.ones(3), 0, out=T.empty(1, dtype=T.int64)),
        lambda T: T.var(T.ones(3, requires_grad=True), 0, out=T.empty(1)),
        lambda T: T.var(T.ones(3), out=T.empty(1, requires_grad=True)),
        lambda T: T.tensor([1, 2]).var(),
        lambda T: T.tensor([True]).std(),
        lambda T: T.var_mean(T.tensor([1, 2])),
        lambda T: T.std_mean(T.tensor([1, 2]), 0),
        lambda T: T.ones(2, 3).var(2),
        lambda T: T.ones(2, 3).std((0, 0)),
        lambda T: T.ones(2, 3).var(0.5),
        lambda T: T.ones(2, 3).var("a"),
        lambda T: T.ones(2, 3).var(0, 1),
        lambda T: T.ones(2, 3).var(0, unbiased=True, correction=1),
        lambda T: T.ones(2, 3).std(correction="a"),
        lambda T: T.ones(2, 3).var(dim=(0,), correction=1, keepdim=1),
        lambda T: T.var(1.0),
        lambda T: T.std(T.ones(2), 0.5),
        lambda T: T.var_mean(T.ones(2), 0.5),
        lambda T: T.std_mean(T.ones(2), out=T.ones(2)),
        lambda T: T.var(T.ones(2), dtype=T.float64),
        lambda T: T.ones(2, 3).var_mean(),
    ],
)
def test_errors(call):
    same_error(call)


# ---- histc / bincount --------------------------------------------------------------------------------------
@settings(deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), max_size=2).map(tuple),
    bins=st.integers(1, 6),
    bounds=st.sampled_from([(0, 0), (-1, 1), (0, 2.5), (-3, -1)]),
    dtype=st.sampled_from(["float32", "float64"]),
    seed=seeds,
)
def test_histc(shape, bins, bounds, dtype, seed):
    data = np.random.default_rng(seed).integers(-4, 5, size=shape) / 2  # values on bin edges too

    def body(t):
        x = t.tensor(data, dtype=getattr(t, dtype), requires_grad=True)
        h = t.histc(x, bins=bins, min=bounds[0], max=bounds[1])
        return h, x.histc(bins, *bounds)

    same(body)


@settings(deadline=None)
@given(
    n=st.integers(0, 6),
    minlength=st.integers(0, 8),
    weights=st.sampled_from([None, "float32", "float64", "int64"]),
    seed=seeds,
)
def test_bincount(n, minlength, weights, seed):
    rng = np.random.default_rng(seed)
    data, w = rng.integers(0, 5, size=n), rng.standard_normal(n)

    def body(t):
        x = t.tensor(data, dtype=t.int64)
        if weights is None:
            return t.bincount(x, minlength=minlength), x.bincount()
        wt = t.tensor(w, dtype=getattr(t, weights), requires_grad=weights != "int64")
        out = t.bincount(x, wt, minlength)
        return out, out.grad_fn and out.grad_fn.name()

    same(body)


COUNT_ERRORS = {
    "histc_int": lambda t: t.histc(t.tensor([1, 2])),
    "histc_bins": lambda t: t.histc(t.tensor([1.0, 2.0]), bins=0),
    "histc_range": lambda t: t.histc(t.tensor([1.0, 2.0]), min=3, max=1),
    "histc_nan_range": lambda t: t.histc(t.tensor([float("nan"), 1.0])),
    "histc_inf_range": lambda t: t.histc(t.tensor([float("inf"), 1.0]), bins=2),
    "bincount_negative": lambda t: t.bincount(t.tensor([-1])),
    "bincount_2d": lambda t: t.bincount(t.tensor([[1]])),
    "bincount_float": lambda t: t.bincount(t.tensor([1.0])),
    "bincount_bool": lambda t: t.bincount(t.tensor([True])),
    "bincount_weights": lambda t: t.bincount(t.tensor([0, 1]), t.ones(3)),
    "bincount_minlength": lambda t: t.bincount(t.tensor([0, 1]), minlength=-1),
    "bincount_backward": lambda t: (
        t.bincount(t.tensor([0, 1]), t.ones(2, requires_grad=True)).sum().backward()
    ),
}


@pytest.mark.parametrize("name", COUNT_ERRORS)
def test_count_errors(name):
    same_error(COUNT_ERRORS[name])
