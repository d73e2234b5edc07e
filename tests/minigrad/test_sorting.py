"""sort, argsort, msort, topk, kthvalue, median, nanmedian, mode and unique against torch: values, indices,
gradients and node names over random shapes and dims (negative too), ties and NaNs where torch's order is
defined (sort's stable order, mode, unique), distinct values where torch's kernels pick among ties by
quickselect (topk, kthvalue, median along a dim), integer and bool dtypes, empty and 0-d tensors, out=,
reprs and the errors."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import seeds, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st


@st.composite
def shape_and_dim(draw, max_ndim=3, min_size=0):
    ndim = draw(st.integers(0, max_ndim))
    shape = tuple(draw(st.lists(st.integers(min_size, 4), min_size=ndim, max_size=ndim)))
    span = max(ndim, 1)
    return shape, draw(st.integers(-span, span - 1))


def distinct(shape, seed):
    """Values without ties (a permutation), so that every selecting kernel agrees on the index."""
    rng = np.random.default_rng(seed)
    return rng.permutation(int(np.prod(shape))).reshape(shape).astype(np.float64) - 3.5


def with_nans(shape, seed):
    data = values(shape, seed, "ties")
    data[np.random.default_rng(seed + 1).random(shape) < 0.2] = np.nan
    return data


def grads(t, out, x, seed):
    w = tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)
    return t.autograd.grad(out, x, w)


@settings(deadline=None)
@given(
    case=shape_and_dim(),
    kind=st.sampled_from(["normal", "ties", "nan"]),
    dtype=st.sampled_from(["float32", "float64", "int64", "bool"]),
    descending=st.booleans(),
    stable=st.sampled_from([None, True, False]),
    seed=seeds,
)
def test_sort_and_argsort(case, kind, dtype, descending, stable, seed):
    shape, dim = case
    data = with_nans(shape, seed) if kind == "nan" else values(shape, seed, kind)
    if dtype in ("int64", "bool"):
        data = np.nan_to_num(data)

    def body(t):
        x = tensor(t, data, dtype, requires_grad=dtype.startswith("float"))
        keywords = {} if stable is None else {"stable": stable}
        out = t.sort(x, dim=dim, descending=descending, **keywords)
        order = x.argsort(dim=dim, descending=descending, **keywords)
        result = (out, order, out.values.grad_fn and out.values.grad_fn._saved_dim)
        if x.requires_grad:
            result += (grads(t, out.values, x, seed),)
        return result

    same(body)


@settings(deadline=None)
@given(case=shape_and_dim(), largest=st.booleans(), data=st.data(), seed=seeds)
def test_topk_and_kthvalue(case, largest, data, seed):
    shape, dim = case
    size = shape[dim] if shape else 1
    k = data.draw(st.integers(0, size))
    keepdim = data.draw(st.booleans())

    def body(t):
        x = tensor(t, distinct(shape, seed), "float64")
        top = x.topk(k, dim, largest=largest)
        result = (top, grads(t, top.values, x, seed))
        if k:
            kth = t.kthvalue(x, k, dim, keepdim)
            result += (kth, grads(t, kth.values, x, seed))
        return result

    same(body)


@settings(deadline=None)
@given(case=shape_and_dim(min_size=1), keepdim=st.booleans(), nan=st.booleans(), seed=seeds)
def test_median_and_nanmedian(case, keepdim, nan, seed):
    shape, dim = case

    def body(t):
        data = distinct(shape, seed)
        if nan and data.size:
            data.flat[seed % data.size] = np.nan
        x = tensor(t, data, "float64")
        result = []
        for name in ("median", "nanmedian"):
            whole = getattr(x, name)()
            along = getattr(t, name)(x, dim, keepdim=keepdim)
            result += [whole, along, grads(t, whole, x, seed), grads(t, along.values, x, seed)]
        return result

    same(body)


@settings(deadline=None)
@given(case=shape_and_dim(), keepdim=st.booleans(), dtype=st.sampled_from(["float64", "int64"]), seed=seeds)
def test_mode(case, keepdim, dtype, seed):
    shape, dim = case

    def body(t):
        x = tensor(t, values(shape, seed, "ties"), dtype, requires_grad=dtype == "float64")
        out = x.mode(dim, keepdim)
        return (out, grads(t, out.values, x, seed)) if x.requires_grad else out

    same(body)


@settings(deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), max_size=3).map(tuple),
    kind=st.sampled_from(["ties", "nan", "normal"]),
    dtype=st.sampled_from(["float64", "int64", "bool"]),
    flags=st.tuples(st.booleans(), st.booleans(), st.booleans()),
    data=st.data(),
    seed=seeds,
)
def test_unique(shape, kind, dtype, flags, data, seed):
    ndim = len(shape)
    dim = data.draw(st.none() | st.integers(-max(ndim, 1), max(ndim, 1) - 1)) if ndim else None
    array = with_nans(shape, seed) if kind == "nan" else values(shape, seed, kind)
    if dtype != "float64":
        array = np.nan_to_num(array)

    def body(t):
        x = tensor(t, array, dtype, requires_grad=dtype == "float64")
        sorted_, inverse, counts = flags
        out = t.unique(x, sorted=sorted_, return_inverse=inverse, return_counts=counts, dim=dim)
        return out, x.unique(return_counts=True, dim=dim)

    same(body)


def test_unique_has_no_derivative():
    def body(t):
        x = t.tensor([[2.0, 1.0], [2.0, 1.0]], requires_grad=True)
        outputs = [t.unique(x), x.unique(dim=0)]
        errors = []
        for out in outputs:
            try:
                out.sum().backward()
            except NotImplementedError as error:
                errors.append(str(error))
        return [out.grad_fn.name() for out in outputs], errors

    same(body)


@settings(deadline=None)
@given(
    batch=st.lists(st.integers(1, 3), max_size=2).map(tuple),
    n=st.integers(1, 5),
    count=st.integers(0, 4),
    dtypes=st.sampled_from([("float64", "float64"), ("int64", "float32"), ("float32", "int64")]),
    right=st.booleans(),
    out_int32=st.booleans(),
    seed=seeds,
)
def test_searchsorted_and_bucketize(batch, n, count, dtypes, right, out_int32, seed):
    rng = np.random.default_rng(seed)
    sequence = np.sort(rng.integers(-3, 4, size=batch + (n,)), axis=-1)
    queries = rng.integers(-4, 5, size=batch + (count,)) + (0.5 if dtypes[1] != "int64" else 0) * (seed % 2)

    def body(t):
        s = t.tensor(sequence, dtype=getattr(t, dtypes[0]))
        q = t.tensor(queries, dtype=getattr(t, dtypes[1]))
        result = [
            t.searchsorted(s, q, right=right, out_int32=out_int32),
            t.searchsorted(s, q, side="right" if right else "left"),
        ]
        if not batch:
            result += [
                t.bucketize(q, s, right=right, out_int32=out_int32),
                t.bucketize(2, s),
                t.searchsorted(s, 1),
            ]
        return result

    same(body)


def test_searchsorted_sorter_and_nan():
    def body(t):
        s = t.tensor([5.0, 1.0, 3.0])
        return (
            t.searchsorted(s, t.tensor([2.0, 6.0]), sorter=t.tensor([1, 2, 0])),
            t.searchsorted(t.tensor([1.0, 3.0]), t.tensor([float("nan")])),
            t.searchsorted(s, t.tensor([0.0]), out=t.empty(0, dtype=t.int64)),
        )

    same(body)


def test_median_gradient_is_shared_by_equal_elements():
    def body(t):
        x = t.tensor([1.0, 2.0, 2.0, 0.5, 2.0], requires_grad=True)
        y = x.median()
        (g,) = t.autograd.grad(y, x, create_graph=True)
        return y, g, g.grad_fn, y.grad_fn._saved_result

    same(body)


def test_reprs_and_fields():
    def body(t):
        x = t.tensor([[3.0, 1.0, 2.0]], requires_grad=True)
        out = x.sort(descending=True)
        return repr(out), repr(x.topk(1)), repr(x.median(1)), out.indices, type(out).__name__, len(out)

    same(body)


def test_out():
    def body(t):
        x = t.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])
        values, indices = t.empty(0), t.empty(0, dtype=t.int64)
        t.sort(x, 1, out=(values, indices))
        top = t.topk(x, 2, out=(t.empty(0), t.empty(0, dtype=t.int64)))
        return (
            values,
            indices,
            top,
            t.argsort(x, stable=True, dim=0, out=t.empty(0, dtype=t.int64)),
            t.msort(x, out=t.empty(0)),
        )

    same(body)


ERRORS = {
    "sort_not_tensor": lambda t, x: t.sort(1),
    "sort_dim": lambda t, x: x.sort(2),
    "sort_bad_args": lambda t, x: x.sort(1, 2, 3, 4),
    "sort_function_bad_args": lambda t, x: t.sort(x, [], []),
    "argsort_bad_args": lambda t, x: x.argsort(1, 2, 3, 4),
    "topk_k": lambda t, x: x.topk(4),
    "topk_negative_k": lambda t, x: x.topk(-1),
    "topk_k_type": lambda t, x: x.topk("a"),
    "topk_bool": lambda t, x: (x > 0).topk(1),
    "topk_out_requires_grad": lambda t, x: t.topk(x.requires_grad_(), 1, out=(t.empty(0), t.empty(0).long())),
    "kthvalue_k": lambda t, x: x.kthvalue(4),
    "kthvalue_zero": lambda t, x: x.kthvalue(0),
    "kthvalue_bool": lambda t, x: (x > 0).kthvalue(1),
    "kthvalue_empty": lambda t, x: t.empty(2, 0).kthvalue(1, 1),
    "kthvalue_too_many": lambda t, x: x.kthvalue(1, 1, True, 4),
    "median_empty_dim": lambda t, x: t.empty(2, 0).median(1),
    "median_bool": lambda t, x: (x > 0).median(),
    "median_dim_bool": lambda t, x: (x > 0).median(0),
    "median_bad_args": lambda t, x: x.median(1, 2, 3, 4),
    "nanmedian_bad_args": lambda t, x: t.nanmedian(x, []),
    "mode_empty_dim": lambda t, x: t.empty(2, 0).mode(1),
    "mode_too_many": lambda t, x: x.mode(1, 2, 3, 4),
    "msort_args": lambda t, x: x.msort(0),
    "unique_not_tensor": lambda t, x: t.unique(1),
    "unique_dim_range": lambda t, x: t.unique(x, dim=3),
    "unique_too_many": lambda t, x: x.unique(1, 2, 3, 4, 5),
    "searchsorted_rows": lambda t, x: t.searchsorted(x, t.tensor([1.0])),
    "searchsorted_opposites": lambda t, x: t.searchsorted(x[0], x, side="left", right=True),
    "searchsorted_side": lambda t, x: t.searchsorted(x[0], x, side="x"),
    "searchsorted_0d": lambda t, x: t.searchsorted(t.tensor(1.0), x),
    "searchsorted_list": lambda t, x: t.searchsorted(x[0], [1]),
    "bucketize_2d": lambda t, x: t.bucketize(x, x),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    same_error(lambda t: ERRORS[name](t, t.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])))


@pytest.mark.parametrize(
    "fn",
    [
        lambda t: t.empty(0).sort(),
        lambda t: t.empty(0).topk(0),
        lambda t: t.empty(2, 0).mode(0),
        lambda t: t.empty(0).median(),
        lambda t: t.empty(0, dtype=t.int64).median(),
        lambda t: t.tensor(2.0).topk(0),
        lambda t: t.tensor(2.0).kthvalue(1),
        lambda t: t.tensor([float("nan"), float("nan")]).nanmedian(0),
        lambda t: t.tensor([1, 1, 2, 2]).median(),
        lambda t: t.tensor([True, False, True]).sort(descending=True),
        lambda t: t.tensor([True, False, True]).mode(),
    ],
)
def test_edge_values(fn):
    same(fn)
