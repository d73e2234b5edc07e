"""Reductions vs torch: sum mean prod max/min amax/amin logsumexp maximum/minimum. Values, dtypes,
grad_fn nodes and their saved dims, gradients for random upstream grads (ties included), errors,
finite differences, second derivatives."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import FLOAT_DTYPES, check_backward, dims, nonempty_shapes, seeds, shapes, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st
from test_unary import double_backward_graphs

import minigrad


def upstream(t, out, seed):
    """A random upstream gradient shaped like out (same numbers for both libraries)."""
    return tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)


def forward_and_grad(t, x, out, seed):
    """What an op did: its output (value, dtype, grad_fn) and the gradient for a random upstream grad."""
    if not out.requires_grad:
        return out
    return out, t.autograd.grad(out, x, upstream(t, out, seed), allow_unused=True)


@settings(max_examples=40, deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(FLOAT_DTYPES),
    op=st.sampled_from(["sum", "mean"]),
    keepdim=st.booleans(),
    seed=seeds,
    data=st.data(),
)
def test_sum_and_mean(shape, dtype, op, keepdim, seed, data):
    dim = data.draw(st.one_of(st.none(), st.just(()), dims(len(shape))), label="dim")

    def body(t):
        x = tensor(t, values(shape, seed), dtype)
        out = getattr(x, op)() if dim is None else getattr(x, op)(dim, keepdim=keepdim)
        saved = out.grad_fn._saved_dim if dim is not None else out.grad_fn._saved_self_sym_sizes
        return forward_and_grad(t, x, out, seed), saved

    same(body)


@settings(max_examples=40, deadline=None)
@given(shape=shapes, dtype=st.sampled_from(FLOAT_DTYPES), keepdim=st.booleans(), seed=seeds, data=st.data())
def test_prod_with_zeros(shape, dtype, keepdim, seed, data):
    dim = data.draw(st.one_of(st.none(), dims(len(shape), allow_tuple=False)), label="dim")
    array = values(shape, seed, "ties")  # about one element in five is zero

    def body(t):
        x = tensor(t, array, dtype)
        out = x.prod() if dim is None else x.prod(dim, keepdim=keepdim)
        return forward_and_grad(t, x, out, seed), out.grad_fn._saved_self, out.grad_fn._saved_result

    same(body)


@settings(max_examples=40, deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(FLOAT_DTYPES),
    op=st.sampled_from(["max", "min"]),
    keepdim=st.booleans(),
    kind=st.sampled_from(["ties", "normal"]),
    seed=seeds,
    data=st.data(),
)
def test_max_min_full_and_along_dim(shape, dtype, op, keepdim, kind, seed, data):
    dim = data.draw(st.one_of(st.none(), dims(len(shape), allow_tuple=False)), label="dim")
    array = values(shape, seed, kind)

    def body(t):
        x = tensor(t, array, dtype)
        if dim is None:
            return forward_and_grad(t, x, getattr(x, op)(), seed)
        result = getattr(t, op)(x, dim, keepdim=keepdim)
        node = result.values.grad_fn
        return (
            type(result).__name__,
            result.indices,
            forward_and_grad(t, x, result.values, seed),
            (node._saved_dim, node._saved_keepdim, node._saved_indices, node._saved_self_sym_sizes),
        )

    same(body)


@settings(max_examples=40, deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(FLOAT_DTYPES),
    op=st.sampled_from(["amax", "amin"]),
    keepdim=st.booleans(),
    seed=seeds,
    data=st.data(),
)
def test_amax_amin_share_ties(shape, dtype, op, keepdim, seed, data):
    dim = data.draw(st.one_of(st.just(()), dims(len(shape))), label="dim")

    def body(t):
        x = tensor(t, values(shape, seed, "ties"), dtype)
        out = getattr(x, op)(dim, keepdim)
        return forward_and_grad(t, x, out, seed), out.grad_fn._saved_dim, out.grad_fn._saved_result

    same(body)


@settings(max_examples=30, deadline=None)
@given(shape=shapes, dtype=st.sampled_from(FLOAT_DTYPES), keepdim=st.booleans(), seed=seeds, data=st.data())
def test_logsumexp(shape, dtype, keepdim, seed, data):
    dim = data.draw(dims(len(shape)), label="dim")

    def body(t):
        x = tensor(t, values(shape, seed) * 30, dtype)  # large values: the max shift matters
        out = t.logsumexp(x, dim, keepdim=keepdim)
        return forward_and_grad(t, x, out, seed), out.grad_fn._saved_dim

    same(body)


@settings(max_examples=30, deadline=None)
@given(
    a_shape=nonempty_shapes,
    op=st.sampled_from(["maximum", "minimum", "max", "min"]),
    seed=seeds,
    data=st.data(),
)
def test_maximum_minimum_split_ties(a_shape, op, seed, data):
    # b broadcasts against a: a suffix of a's shape with some sizes turned into 1
    suffix = a_shape[data.draw(st.integers(0, len(a_shape)), label="skip") :]
    b_shape = tuple(data.draw(st.sampled_from((n, 1)), label="size") for n in suffix)

    def body(t):
        a = tensor(t, values(a_shape, seed, "ties"))
        b = tensor(t, values(b_shape, seed + 7, "ties"))
        out = getattr(t, op)(a, b)
        return out, t.autograd.grad(out, (a, b), upstream(t, out, seed))

    same(body)


def test_maximum_of_a_tensor_with_itself():
    def body(t):
        x = t.tensor([1.0, 2.0, 3.0], requires_grad=True)
        return t.autograd.grad(t.maximum(x, x).sum(), x), t.autograd.grad(t.minimum(x, x).sum(), x)

    same(body)


def test_nan_in_max_and_amax():
    def body(t):
        x = t.tensor([1.0, float("nan"), float("nan"), 2.0], requires_grad=True)
        return (
            x.max(),
            x.max(0),
            x.amax(),
            t.autograd.grad(x.max(), x),
            t.autograd.grad(x.amax(), x),
            t.autograd.grad(x.min(0).values, x),
        )

    same(body)


@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8", "bool"])
def test_integer_results(dtype):
    def body(t):
        x = t.from_numpy(np.array([[1, 0, 3], [2, 2, 0]]).astype(dtype))
        return x.sum(), x.sum(0), x.prod(), x.prod(1), x.max(), x.max(1), x.amin(0), x.sum(dtype=t.float64)

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.tensor([1, 2]).mean(),
        lambda t: t.tensor([1, 2]).mean(0),
        lambda t: t.ones(2).mean(dtype=t.int64),
        lambda t: t.ones(2, 3).sum(2),
        lambda t: t.ones(2, 3).sum((0, -2)),
        lambda t: t.ones(2, 3).mean((1, 1)),
        lambda t: t.ones(2, 3).prod(-3),
        lambda t: t.ones(2, 3).prod((0, 1)),
        lambda t: t.ones(2, 3).max(2),
        lambda t: t.ones(2, 3).amax(4),
        lambda t: t.ones(2, 3).logsumexp(5),
        lambda t: t.ones(2, 3).logsumexp(),
        lambda t: t.ones(2, 3).sum(keepdim=True),
        lambda t: t.tensor(2.0).sum(1),
        lambda t: t.tensor(2.0).max(-2),
        lambda t: t.zeros(0).max(),
        lambda t: t.zeros(0).min(),
        lambda t: t.zeros(0).amax(),
        lambda t: t.zeros(0, 3).max(0),
        lambda t: t.zeros(0, 3).amin(0),
        lambda t: t.zeros(2, 0).min(1),
        lambda t: t.sum(1.0),
        lambda t: t.ones(3).maximum(1.0),
        lambda t: t.maximum(t.ones(3), t.ones(5)),
        lambda t: t.ones(2, requires_grad=True).sum(dtype=t.int64),
        # torch checks every dim's range before repeats, and the dims before an integer dtype
        lambda t: t.ones(2, 1, 3).sum((0, 0, 5)),
        lambda t: t.ones(2, 1, 3).mean((0, 0, 5)),
        lambda t: t.ones(2, 1, 3).logsumexp((0, 0, 5)),
        lambda t: t.ones(2, 1, 3).amax((0, 0, 5)),
        lambda t: t.ones(2, requires_grad=True).sum((0, 0), dtype=t.int64),
        lambda t: t.ones(2, requires_grad=True).sum(3, dtype=t.int64),
        lambda t: t.ones(2, requires_grad=True).prod(3, dtype=t.int64),
        # amax/amin of an empty tensor: each dim's range, then its size, in turn; repeats after
        lambda t: t.zeros(0, 2).amin((0, 0, 5)),
        lambda t: t.zeros(0, 2).amax((-1, 5)),
        lambda t: t.zeros(0, 2).amax((5, 0)),
        lambda t: t.zeros(0, 2).amax((0, 0)),
        lambda t: t.zeros(0, 2).amin((1, 1)),
    ],
)
def test_errors(body):
    same_error(body)


def test_empty_and_zero_dim_results():
    def body(t):
        e = t.zeros(0, 3, requires_grad=True)
        s = t.tensor(2.0, requires_grad=True)
        return (
            e.sum(),
            e.sum(0),
            e.mean(),
            e.mean(0),
            e.prod(0),
            e.max(1),
            e.amax(1),
            e.logsumexp(0),
            t.autograd.grad(e.mean(0).sum(), e),
            s.sum(0),
            s.mean(-1, keepdim=True),
            s.max(0),
            s.prod(0),
            s.amax(0),
            s.logsumexp(0),
            t.autograd.grad(s.prod(0) + s.max(0).values + s.logsumexp(-1), s),
        )

    same(body)


def test_infinite_logsumexp():
    def body(t):
        inf = float("inf")
        x = t.tensor([[-inf, -inf], [inf, inf], [inf, 1.0], [-inf, 0.0]], requires_grad=True)
        return x.logsumexp(1), t.autograd.grad(x.logsumexp(1)[2:].sum(), x)

    same(body)


def test_return_type_prints_like_torch():
    def body(t):
        r = t.tensor([[1.0, 3.0], [4.0, 0.0]], requires_grad=True).min(1, keepdim=True)
        values, indices = r
        return repr(r), str(type(r)), len(r), r[0] is r.values, values, indices

    same(body)


# ---- backward formulas vs central differences (float64) ------------------------------------------
REDUCTIONS = {
    "sum": lambda x: x.sum(),
    "sum(0)": lambda x: x.sum(0),
    "sum((0, 2), keepdim)": lambda x: x.sum((0, 2), keepdim=True),
    "mean": lambda x: x.mean(),
    "mean(-1)": lambda x: x.mean(-1),
    "prod": lambda x: x.prod(),
    "prod(1)": lambda x: x.prod(1),
    "max": lambda x: x.max(),
    "max(1)": lambda x: x.max(1).values,
    "min(2, keepdim)": lambda x: x.min(2, keepdim=True).values,
    "amax((0, 1))": lambda x: x.amax((0, 1)),
    "amin(2)": lambda x: x.amin(2),
    "logsumexp(1)": lambda x: x.logsumexp(1),
    "logsumexp((0, 2))": lambda x: x.logsumexp((0, 2)),
    "maximum": lambda x: minigrad.maximum(x, x * 0.5 + 0.1),
    "minimum": lambda x: minigrad.minimum(x * x, x),
}


@pytest.mark.parametrize("name", REDUCTIONS)
def test_backward_matches_finite_differences(name):
    array = np.random.default_rng(0).permutation(24).reshape(2, 3, 4) / 7.0 - 1.5  # distinct values: no ties
    check_backward(REDUCTIONS[name], array)


def test_prod_backward_with_zeros_matches_finite_differences():
    array = np.array([[2.0, 0.0, 3.0], [0.0, 0.0, 4.0], [1.0, -2.0, 0.5]])
    check_backward(lambda x: x.prod(1), array)
    check_backward(lambda x: x.prod(), array[0:1])


# ---- second derivatives vs torch -----------------------------------------------------------------
SECOND_ORDER = {
    "sum": lambda t, x: (x * x).sum(),
    "mean(1)": lambda t, x: (x * x).mean(1),
    "prod(1)": lambda t, x: x.prod(1),
    "prod": lambda t, x: x.prod(),
    "logsumexp(1)": lambda t, x: t.logsumexp(x, 1),
    "logsumexp((0,1), keepdim)": lambda t, x: t.logsumexp(x, (0, 1), keepdim=True),
    "amax(1) * x": lambda t, x: x.amax(1, keepdim=True) * x,
    "max(1) squared": lambda t, x: x.max(1).values ** 2,
}


@pytest.mark.parametrize("name", SECOND_ORDER)
@pytest.mark.parametrize("kind", ["normal", "ties"])
def test_second_derivatives(name, kind):
    array = values((3, 4), 3, kind)

    def body(t):
        x = tensor(t, array, "float64")
        out = SECOND_ORDER[name](t, x)
        v = upstream(t, out, 5)
        (g,) = t.autograd.grad(out, x, v, create_graph=True)
        w = tensor(t, values((3, 4), 11), "float64", requires_grad=False)
        return g.detach(), g.requires_grad, t.autograd.grad((g * w).sum(), x, allow_unused=True)

    same(body)


@pytest.mark.parametrize("op", ["argmax", "argmin"])
def test_argmax_argmin(op):
    def body(t):
        x = t.tensor([[1.0, 3.0, 3.0], [5.0, float("nan"), -5.0]], requires_grad=True)
        f = getattr(t, op)
        return (
            f(x),
            getattr(x, op)(1),
            getattr(x, op)(dim=0, keepdim=True),
            f(x, -1, True),
            f(x, None, True),
            f(t.tensor(3.0), 0),
            f(t.tensor(3.0), keepdim=True),
            f(t.zeros(2, 0), 0),
            f(t.tensor([[1, 7], [7, 1]], dtype=t.uint8), 0),
        )

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.argmax(t.zeros(0)),
        lambda t: t.argmin(t.zeros(2, 0), -1),
        lambda t: t.argmax(t.ones(2, 3), 2),
        lambda t: t.argmax(t.ones(2, 3), True),
        lambda t: t.ones(2, 3).argmin(1.5),
        lambda t: t.argmax(t.ones(2, 3), keepdim=None),
        lambda t: t.argmax(t.ones(2, 3), 1, keepdim=1.0),
        lambda t: t.argmax(t.ones(2, dtype=t.bool), 5),
        lambda t: t.argmax(3.0),
        lambda t: t.argmin(t.tensor(3.0), 1),
    ],
)
def test_argmax_argmin_errors(body):
    same_error(body)


GRAPH_REDUCTIONS = {
    "sum": lambda x: x.sum(),
    "sum_dim": lambda x: x.sum(1),
    "sum_dims_keepdim": lambda x: x.sum((0, 1), keepdim=True),
    "mean": lambda x: x.mean(),
    "mean_dims": lambda x: x.mean((0, 2)),
    "prod": lambda x: x.prod(),
    "prod_dim": lambda x: x.prod(1),
    "amax": lambda x: x.amax(1),
    "amin_keepdim": lambda x: x.amin((0, 2), keepdim=True),
    "logsumexp": lambda x: x.logsumexp(1),
    "logsumexp_keepdim": lambda x: x.logsumexp((0, 1), keepdim=True),
    # torch's formulas: zeros.masked_fill_(mask, grad / count) (whose value gradient is a masked_select),
    # zeros.scatter(dim, indices, grad), where(tie, grad / 2, grad).masked_fill_(loses, 0)
    "max": lambda x: x.max(),
    "min_ties": lambda x: x.clamp(max=0.2).min(),
    "max_dim": lambda x: x.max(1).values,
    "min_dim_keepdim": lambda x: x.min(-1, keepdim=True).values,
    "maximum": lambda x: x.maximum(x[:1] * 0.5),
    "minimum_ties": lambda x: x.minimum(x.clamp(max=0.2).detach()),
}


@pytest.mark.parametrize("name", GRAPH_REDUCTIONS)
def test_double_backward_graphs(name):
    def body(t):
        x = t.tensor((np.linspace(-1, 1, 24).reshape(2, 3, 4) ** 3 + 0.1).tolist(), requires_grad=True)
        return double_backward_graphs(t, GRAPH_REDUCTIONS[name], x)

    same(body)


@pytest.mark.parametrize("shape", [(), (1,), (3,), (1, 3), (2, 1), (1, 1, 3)])
def test_broadcast_gradients_sum_like_torch_under_create_graph(shape):
    """The engine reduces a broadcast gradient with at::sum_to: sum(dims, keepdim=True), then a view dropping
    leading dims (ViewBackward0), or a plain sum() for a 0-d input."""

    def body(t):
        a = t.full(shape, 0.5, requires_grad=True)
        b = t.tensor([[0.3, -1.2, 0.7], [1.5, 0.1, -0.4]], requires_grad=True)
        return double_backward_graphs(t, lambda v: v * b, a)

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.sum(t.ones(2, 3), True),
        lambda t: t.sum(t.ones(2, 3), [1.0]),
        lambda t: t.sum(t.ones(2, 3), (0, 1.0)),
        lambda t: t.sum(t.ones(2, 3), 1, keepdim=None),
        lambda t: t.sum(t.ones(2, 3), 1, dtype="float32"),
        lambda t: t.sum(t.ones(2, 3), dtype=3),
        lambda t: t.ones(2, 3).sum(True),
        lambda t: t.mean(t.ones(2, 3), True),
        lambda t: t.mean(t.ones(2, 3), 1, keepdim=2),
        lambda t: t.mean(t.ones(2, 3), dtype="float64"),
        lambda t: t.ones(2, 3).mean(1, keepdim=2),
        lambda t: t.prod(t.ones(2, 3), True),
        lambda t: t.ones(2, 3).prod(True),
        lambda t: t.prod(t.ones(2, 3), 1, dtype=3),
        lambda t: t.max(t.ones(2, 3), True),
        lambda t: t.ones(2, 3).min(1.5),
        lambda t: t.amax(t.ones(2, 3), True),
        lambda t: t.ones(2, 3).amin((0, 1.0)),
        lambda t: t.logsumexp(t.ones(2, 3), None),
        lambda t: t.logsumexp(t.ones(2, 3), 1, keepdim="yes"),
    ],
)
def test_bad_argument_types(body):
    same_error(body)


def test_none_and_numpy_dims():
    same(lambda t: (t.sum(t.ones(2, 3), None), t.mean(t.ones(2, 3), None), t.amax(t.ones(2, 3), None)))
    same(lambda t: (t.ones(2, 3).sum(np.int64(1)), t.ones(2, 3).prod(np.int64(0), keepdim=True)))


@pytest.mark.parametrize(
    "reduce",
    [
        lambda t, x: x.sum(1),
        lambda t, x: x.mean(1),
        lambda t, x: x.prod(),
        lambda t, x: x.prod(1),
        lambda t, x: x.amax(0),
        lambda t, x: x.amin(1),
        lambda t, x: x.max(1).values,
        lambda t, x: t.logsumexp(x, 1),
    ],
)
def test_reduction_nodes_expose_torchs_saved_names(reduce):
    def body(t):
        node = reduce(t, t.rand(2, 3, requires_grad=True)).grad_fn
        return node.name(), [a for a in dir(node) if a.startswith("_saved")]

    same(body)
