"""gather, scatter (src, value, reduce=), scatter_add, index_select, index_add and their in-place forms
against torch: values and gradients over random shapes, dims (negative too), indices with repeats, indices
smaller than the tensor, empty and 0-d tensors, integer and bool dtypes, out=, and the errors."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import seeds, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st


def upstream(t, out, seed):
    return tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)


def grads(t, out, inputs, seed):
    wrt = [x for x in inputs if x.requires_grad]
    return t.autograd.grad(out, wrt, upstream(t, out, seed), allow_unused=True)


@st.composite
def along_dim(draw, max_ndim=3, unique=False):
    """(shape, dim, index array) with index.size(d) <= shape[d] for d != dim and values in range."""
    ndim = draw(st.integers(0, max_ndim))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=ndim, max_size=ndim)))
    span = max(ndim, 1)
    dim = draw(st.integers(-span, span - 1))
    axis = dim % span
    size = shape[axis] if shape else 1
    index_shape = [draw(st.integers(0, shape[d] if shape else 1)) for d in range(span)]
    if unique:
        index_shape[axis] = draw(st.integers(0, size))
    else:
        index_shape[axis] = draw(st.integers(0, 4))
    if not ndim and draw(st.booleans()):
        index_shape = []  # a 0-d index for a 0-d tensor
    rng = np.random.default_rng(draw(seeds))
    if unique:  # distinct positions along the dim in every line (scatter writes: no two writes race)
        index = np.zeros(index_shape, np.int64)
        lines = np.moveaxis(index, axis, -1) if index_shape else index.reshape(1, 1)
        for line in np.ndindex(lines.shape[:-1]):
            lines[line] = rng.permutation(size)[: lines.shape[-1]]
    else:
        index = rng.integers(0, size, size=index_shape)
    return shape, dim, index.astype(np.int64)


@settings(deadline=None)
@given(case=along_dim(), dtype=st.sampled_from(["float32", "float64"]), seed=seeds)
def test_gather(case, dtype, seed):
    shape, dim, index = case

    def body(t):
        x = tensor(t, values(shape, seed), dtype)
        out = x.gather(dim, t.from_numpy(index))
        return out, out.grad_fn._saved_dim, grads(t, out, [x], seed)

    same(body)


@settings(deadline=None)
@given(
    case=along_dim(unique=True),
    form=st.sampled_from(["src", "value", "src_", "value_", "add", "add_"]),
    seed=seeds,
)
def test_scatter_and_scatter_add(case, form, seed):
    shape, dim, index = case
    src_shape = tuple(n + (seed % 2) for n in index.shape)  # src may be larger than the index

    def body(t):
        x = tensor(t, values(shape, seed), "float64")
        # (a src larger than the index gets a gradient of the index's shape, which torch refuses)
        src = tensor(t, values(src_shape, seed + 7), "float64", requires_grad=src_shape == index.shape)
        i = t.from_numpy(index)
        base = x * 1  # written in place by the in-place forms
        if form == "src":
            out = x.scatter(dim, i, src)
        elif form == "value":
            out = t.scatter(x, dim, i, -2.5)
        elif form == "src_":
            out = base.scatter_(dim, i, src)
        elif form == "value_":
            out = base.scatter_(dim, i, value=3)
        elif form == "add":
            out = t.scatter_add(x, dim, i, src)
        else:
            out = base.scatter_add_(dim, i, src)
        inputs = [x] if "value" in form else [x, src]
        return out, grads(t, out, inputs, seed)

    same(body)


@settings(deadline=None)
@given(
    shape=st.lists(st.integers(0, 3), max_size=3).map(tuple),
    seed=seeds,
    data=st.data(),
)
def test_index_select_and_index_add(shape, seed, data):
    span = max(len(shape), 1)
    dim = data.draw(st.integers(-span, span - 1), label="dim")
    size = shape[dim % span] if shape else 1
    count = data.draw(st.integers(0, 4), label="count")
    rng = np.random.default_rng(seed)
    index = rng.integers(0, size, size=count if size else 0)
    zero_d_index = not shape and data.draw(st.booleans(), label="0-d index")
    if zero_d_index:
        index = np.array(0)
    source_shape = list(shape)
    if shape:
        source_shape[dim % span] = index.size
    alpha = data.draw(st.sampled_from([1, 2, -0.5]), label="alpha")
    inplace = data.draw(st.booleans(), label="inplace")

    def body(t):
        x = tensor(t, values(shape, seed), "float64")
        source = tensor(t, values(tuple(source_shape), seed + 3), "float64")
        i = t.from_numpy(index)
        selected = x.index_select(dim, i)
        if inplace:
            added = (x * 1).index_add_(dim, i, source, alpha=alpha)
        else:
            added = t.index_add(x, dim, i, source, alpha=alpha)
        return (
            selected,
            grads(t, selected, [x], seed),
            added,
            grads(t, added, [x, source], seed),
        )

    same(body)


def test_dtypes_values_and_out():
    def body(T):
        x = T.arange(12).reshape(3, 4)
        i = T.tensor([[0, 1], [2, 3], [1, 1]])
        f = T.arange(12.0).reshape(3, 4)
        a, b = T.empty(2), T.empty(0)
        return (
            x.gather(1, i),
            x.gather(1, i.int()),
            x.scatter(1, i, 7),
            x.scatter(1, i, 1.5),
            x.bool().scatter(1, i, 0),
            x.scatter_add(1, i, x),
            x.index_select(1, T.tensor([3, 0, 3])),
            x.index_select(1, T.tensor(2)),
            x.index_add(1, T.tensor([0, 0]), T.ones(3, 2, dtype=T.int64), alpha=3),
            f.scatter(1, i, 2.0, reduce="add"),
            f.scatter(1, i, f, reduce="multiply"),
            T.zeros(3, 5).scatter_(1, i, 1.0),
            T.zeros(2, 4).scatter_(0, i[:2], 1.0, reduce="add"),
            T.gather(f, 1, i, out=a),
            T.index_select(f, 0, T.tensor([1]), out=b),
            a,
            b,
            T.scatter(f, 1, i, 5.0, out=T.empty(3, 4)),
            T.scatter_add(f, 1, i, f, out=T.empty(3, 4)),
            T.index_add(f, 1, T.tensor([0]), T.ones(3, 1), out=T.empty(1)),
            f.gather(1, T.empty(0, dtype=T.int64)),
            f.scatter(1, T.empty(3, 0, dtype=T.int64), 1.0),
            T.tensor(1.0).scatter(0, T.tensor(0), 5.0),
            T.tensor([1.0]).gather(0, T.tensor(0)),
            T.tensor(1.0).index_add(0, T.tensor([0]), T.tensor(2.0)),
        )

    same(body)


def test_scatter_with_reduce_records_a_node_without_a_derivative():
    def body(T):
        x = T.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        y = x.scatter(1, T.tensor([[0], [1]]), 2.0, reduce="add")
        z = (x * 1).scatter_(1, T.tensor([[1], [1]]), x, reduce="multiply")
        names = (y.grad_fn.name(), len(y.grad_fn.next_functions), z.grad_fn.name())
        try:
            y.sum().backward()
        except RuntimeError as error:
            return names, str(error)
        return names

    same(body)


def test_gradients_of_in_place_scatter_into_a_leaf_copy():
    def body(T):
        w = T.tensor([0.5, -1.0, 2.0], requires_grad=True)
        one_hot = T.zeros(2, 3).scatter_(1, T.tensor([[2], [0]]), 1.0)
        logits = T.zeros(2, 3).scatter_add_(1, T.tensor([[0, 0], [1, 2]]), w[:2].expand(2, 2))
        loss = (one_hot * w).sum() + logits.sum()
        loss.backward()
        return one_hot, logits, w.grad

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.ones(3, 4).gather(1, T.ones(3, 2)),
        lambda T: T.ones(3, 4).gather(1, T.zeros(2, dtype=T.int64)),
        lambda T: T.ones(3, 4).gather(1, T.tensor([[5]])),
        lambda T: T.ones(3, 4).gather(1, T.tensor([[-1]])),
        lambda T: T.ones(3, 4).gather(0, T.zeros(1, 5, dtype=T.int64)),
        lambda T: T.ones(3, 4).gather(2, T.zeros(1, 1, dtype=T.int64)),
        lambda T: T.ones(3, 4).gather(0.5, 1),
        lambda T: T.ones(3, 4).gather(),
        lambda T: T.ones(3, 4).gather(0, 1),
        lambda T: T.ones(3, 4).gather(0, T.zeros(1, 1, dtype=T.int64), sparse_grad=1),
        lambda T: T.gather(T.ones(3, 4), 0.5, 1),
        lambda T: T.gather(T.ones(2, requires_grad=True), 0, T.tensor([0]), out=T.empty(1)),
        lambda T: T.gather(T.ones(2), 0, T.tensor([0]), out=T.empty(1, dtype=T.float64)),
        lambda T: T.ones(3, 4).scatter(1, T.ones(3, 2), 1.0),
        lambda T: T.ones(3, 4).scatter(1, T.zeros(3, 2, dtype=T.int64), T.ones(3, 2, dtype=T.float64)),
        lambda T: T.ones(3, 4).scatter(1, T.zeros(3, 2, dtype=T.int64), T.tensor(2.0)),
        lambda T: T.ones(3, 4).scatter(1, T.zeros(1, 1, dtype=T.int64), T.ones(4)),
        lambda T: T.ones(3, 4).scatter(1, T.zeros(4, 1, dtype=T.int64), 1.0),
        lambda T: T.ones(3, 4).scatter(1, T.zeros(4, 1, dtype=T.int64), T.ones(4, 1)),
        lambda T: T.ones(3, 4).scatter(1, T.zeros(2, 2, dtype=T.int64), T.ones(1, 1)),
        lambda T: T.ones(3, 4).scatter(1, T.zeros(4, dtype=T.int64), 1.0),
        lambda T: T.ones(3, 4).scatter(1, T.tensor([[4]]), 1.0),
        lambda T: T.ones(3, 4).scatter(1, T.tensor([[0]]), T.ones(1, 1), reduce="mean"),
        lambda T: T.ones(3, 4).scatter(0.5, 1),
        lambda T: T.ones(3, 4).scatter(1, T.tensor([[0]])),
        lambda T: T.scatter(T.ones(3, 4), 0.5, 1),
        lambda T: T.ones(3, 4).scatter_(0.5, 1),
        lambda T: T.ones(3, 4).scatter_add(1, T.tensor([[0]]), 1.0),
        lambda T: T.ones(3, 4).scatter_add(1, T.tensor([[0]]), T.ones(1, 1, dtype=T.float64)),
        lambda T: T.ones(3, 4).scatter_add(1, T.ones(1, 1), T.ones(1, 1)),
        lambda T: T.ones(3, 4).scatter_add_(0.5, 1),
        lambda T: T.ones(3, 4, requires_grad=True).scatter_(1, T.tensor([[0]]), 1.0),
        lambda T: T.ones(3, 4).index_select(1, T.tensor([[0, 2]])),
        lambda T: T.ones(3, 4).index_select(1, T.tensor([0.0])),
        lambda T: T.ones(3, 4).index_select(1, T.tensor([4])),
        lambda T: T.ones(3, 4).index_select(1, T.tensor([-1])),
        lambda T: T.ones(3, 4).index_select(2, T.tensor([0])),
        lambda T: T.ones(3, 4).index_select(0.5, 1),
        lambda T: T.ones(3, 4).index_select(),
        lambda T: T.index_select(T.ones(3, 4), 0, T.tensor([0]), out=T.empty(1, dtype=T.float64)),
        lambda T: T.ones(3, 4).index_add(1, T.tensor([0, 0]), T.ones(3, 3)),
        lambda T: T.ones(3, 4).index_add(1, T.tensor([0, 0]), T.ones(3, 2, dtype=T.float64)),
        lambda T: T.ones(3, 4).index_add(1, T.tensor([5]), T.ones(3, 1)),
        lambda T: T.ones(3, 4).index_add(1, T.tensor([0.0]), T.ones(3, 1)),
        lambda T: T.ones(3, 4).index_add(1, T.tensor([[0]]), T.ones(3, 1)),
        lambda T: T.ones(3, 4).index_add(0, T.tensor([0]), T.tensor(1.0)),
        lambda T: T.ones(3, 4).index_add(0, T.tensor([0]), T.ones(4)),
        lambda T: T.ones(3, 4).index_add(0.5, 1),
        lambda T: T.ones(3, 4).index_add_(0.5, 1),
        lambda T: T.index_add(T.ones(3, 4), 0.5, 1),
        lambda T: T.index_add(T.ones(2), 0, T.tensor([0]), T.ones(1), out=T.empty(2, dtype=T.float64)),
    ],
)
def test_errors(call):
    same_error(call)


EMPTY_INDEX_CALLS = {
    "gather": lambda T, i: T.gather(T.ones(3, 4, requires_grad=True), 1, i),
    "Tensor.gather": lambda T, i: T.ones(3, 4).gather(1, i),
    "scatter(src)": lambda T, i: T.ones(3, 4).scatter(1, i, T.ones(i.shape)),
    "scatter(value)": lambda T, i: T.ones(3, 4).scatter(1, i, 2.0),
    "scatter_": lambda T, i: T.ones(3, 4).scatter_(1, i, T.ones(i.shape)),
    "scatter_add": lambda T, i: T.ones(3, 4).scatter_add(1, i, T.ones(i.shape)),
    "index_select": lambda T, i: T.ones(3, 4).index_select(1, i.flatten()),
    "index_add": lambda T, i: T.ones(3, 4).index_add(1, i.flatten(), T.ones(3, i.numel())),
}


@pytest.mark.parametrize("dtype", ["uint8", "int16", "int32", "int64", "float32", "bool"])
@pytest.mark.parametrize("shape", [(3, 0), (0,), (3, 2)])
@pytest.mark.parametrize("call", list(EMPTY_INDEX_CALLS.values()), ids=list(EMPTY_INDEX_CALLS))
def test_index_dtype_is_checked_only_for_a_nonempty_index(call, shape, dtype):
    # gather and scatter check the index's dtype only when it has elements (an empty uint8 index of the op
    # database's samples passes); index_select and index_add check it always
    same(lambda T: call(T, T.zeros(shape, dtype=getattr(T, dtype))))
