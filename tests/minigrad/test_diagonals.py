"""tril, triu (in place too), tril_indices, triu_indices, diagonal, diag, diag_embed, trace and index_fill
against torch: values, gradients, node names, views (diagonal writes through, diag copies), dtypes, empty
tensors, out= and the errors."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import seeds, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st


def grads(t, out, x, seed):
    w = tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)
    return t.autograd.grad(out, x, w)


@settings(deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), min_size=2, max_size=4).map(tuple),
    diagonal=st.integers(-5, 5),
    dtype=st.sampled_from(["float32", "float64", "int64", "bool"]),
    seed=seeds,
)
def test_tril_and_triu(shape, diagonal, dtype, seed):
    def body(t):
        x = tensor(t, values(shape, seed), dtype, requires_grad=dtype == "float64")
        lower, upper = x.tril(diagonal), t.triu(x, diagonal=diagonal)
        result = [lower, upper, (x * 1).tril_(diagonal) if dtype != "bool" else None]
        if x.requires_grad:
            result += [grads(t, lower, x, seed), grads(t, upper, x, seed)]
        return result

    same(body)


@settings(deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), min_size=2, max_size=4).map(tuple),
    offset=st.integers(-5, 5),
    data=st.data(),
    seed=seeds,
)
def test_diagonal_and_diag_embed(shape, offset, data, seed):
    ndim = len(shape)
    dim1, dim2 = data.draw(st.lists(st.integers(-ndim, ndim - 1), min_size=2, max_size=2))

    def body(t):
        x = tensor(t, values(shape, seed), "float64")
        d = x.diagonal(offset, dim1, dim2)
        result = [d, d._base is x, grads(t, d, x, seed)]
        e = t.diag_embed(x, offset, dim1, dim2)
        return [*result, e, grads(t, e, x, seed)]

    same(body)


@settings(deadline=None)
@given(
    shape=st.lists(st.integers(0, 4), min_size=1, max_size=2).map(tuple),
    diagonal=st.integers(-4, 4),
    seed=seeds,
)
def test_diag_and_trace(shape, diagonal, seed):
    def body(t):
        x = tensor(t, values(shape, seed), "float64")
        d = t.diag(x, diagonal)
        result = [d, d._base is None, grads(t, d, x, seed)]
        if len(shape) == 2:
            tr = x.trace()
            result += [tr, grads(t, tr, x, seed)]
        return result

    same(body)


def test_diagonal_is_a_view():
    def body(t):
        x = t.zeros(3, 3)
        x.diagonal(1).fill_(2.0)
        x.diagonal().add_(1.0)
        return x, x._version

    same(body)


@pytest.mark.parametrize("dtype", ["int8", "int64", "float32", "uint8"])
def test_trace_dtype(dtype):
    same(lambda t: t.tensor([[1, 2], [3, 4]], dtype=getattr(t, dtype)).trace())


@settings(deadline=None)
@given(
    shape=st.lists(st.integers(1, 4), min_size=0, max_size=3).map(tuple),
    data=st.data(),
    tensor_value=st.booleans(),
    seed=seeds,
)
def test_index_fill(shape, data, tensor_value, seed):
    span = max(len(shape), 1)
    dim = data.draw(st.integers(-span, span - 1))
    size = shape[dim] if shape else 1
    # (negative indices only for a number value: torch's value gradient index_selects them, and refuses)
    low = 0 if tensor_value else -size
    index = np.array(data.draw(st.lists(st.integers(low, size - 1), max_size=4)), np.int64)

    def body(t):
        x = tensor(t, values(shape, seed), "float64")
        value = tensor(t, np.array(1.5), "float64") if tensor_value else -2.0
        out = x.index_fill(dim, t.from_numpy(index), value)
        inputs = (x, value) if tensor_value else (x,)
        in_place = (x * 1).index_fill_(dim, t.from_numpy(index), value)
        return out, grads(t, out, inputs, seed), in_place

    same(body)


@settings(deadline=None)
@given(row=st.integers(0, 5), col=st.integers(0, 5), offset=st.integers(-6, 6))
def test_triangle_indices(row, col, offset):
    same(lambda t: (t.tril_indices(row, col, offset), t.triu_indices(row, col, offset=offset, dtype=t.int32)))


ERRORS = {
    "tril_indices_negative_row": lambda t, x: t.tril_indices(-1, 3),
    "triu_indices_negative_col": lambda t, x: t.triu_indices(3, -2),
    "tril_indices_float_dtype": lambda t, x: t.tril_indices(3, 3, dtype=t.float32),
    "tril_indices_int16": lambda t, x: t.tril_indices(3, 3, dtype=t.int16),
    "tril_indices_missing": lambda t, x: t.tril_indices(3),
    "tril_indices_offset_type": lambda t, x: t.tril_indices(3, 3, 1.5),
    "tril_indices_too_many": lambda t, x: t.tril_indices(3, 3, 0, t.long),
    "tril_indices_requires_grad": lambda t, x: t.tril_indices(3, 3, requires_grad=True),
    "tril_1d": lambda t, x: t.randn(3).tril(),
    "tril_float_diagonal": lambda t, x: x.tril(1.5),
    "tril_too_many": lambda t, x: x.tril(1, 2),
    "triu_not_tensor": lambda t, x: t.triu(1),
    "diagonal_same_dims": lambda t, x: x.diagonal(0, 1, 1),
    "diagonal_dim_range": lambda t, x: x.diagonal(0, 0, 2),
    "diagonal_1d": lambda t, x: t.randn(3).diagonal(),
    "diagonal_offset_type": lambda t, x: t.diagonal(x, []),
    "diag_3d": lambda t, x: t.diag(t.randn(2, 2, 2)),
    "diag_0d": lambda t, x: t.tensor(1.0).diag(),
    "diag_embed_same_dims": lambda t, x: t.randn(3).diag_embed(0, 0, 0),
    "diag_embed_dim_range": lambda t, x: t.randn(3).diag_embed(0, 0, 2),
    "trace_1d": lambda t, x: t.randn(3).trace(),
    "trace_bool": lambda t, x: (x > 0).trace(),
    "trace_args": lambda t, x: x.trace(1),
    "trace_not_tensor": lambda t, x: t.trace(1),
    "tril_out_requires_grad": lambda t, x: t.tril(x.requires_grad_(), out=t.empty(0)),
    "index_fill_float_index": lambda t, x: x.index_fill(0, t.tensor([0.0]), 1),
    "index_fill_int32_index": lambda t, x: x.index_fill(0, t.tensor([0], dtype=t.int32), 1),
    "index_fill_2d_index": lambda t, x: x.index_fill(0, t.tensor([[0]]), 1),
    "index_fill_bounds": lambda t, x: x.index_fill(0, t.tensor([5]), 1),
    "index_fill_value_1d": lambda t, x: x.index_fill(0, t.tensor([0]), t.tensor([1.0, 2.0])),
    "index_fill_dim": lambda t, x: x.index_fill(2, t.tensor([0]), 1),
    "index_fill_bad_args": lambda t, x: x.index_fill([], [], [], []),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    same_error(lambda t: ERRORS[name](t, t.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])))


def test_out():
    def body(t):
        x = t.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])
        return t.tril(x, out=t.empty(0)), t.diag(x, out=t.empty(0)), t.diag(x[0], out=t.empty(0))

    same(body)
