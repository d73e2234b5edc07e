"""torch.norm, Tensor.norm, linalg.norm, linalg.vector_norm and linalg.matrix_norm against torch: every
order torch computes without an SVD (0, 1, 2, inf, -inf, fractional, negative, nan, 'fro', matrix 1 and
inf norms), dims (none, negative, several, empty), keepdim, dtype=, out=, ties and NaNs, 0-d and empty
inputs, gradients for random upstream gradients, and the errors."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import dims, seeds, shapes, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st

INF = float("inf")
ORDERS = [0, 1, 2, 3, 0.5, 1.5, -1, -0.5, INF, -INF, 2.0, True]


def upstream(t, out, seed):
    return tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)


def gradient(t, x, out, seed):
    if not out.requires_grad:
        return None
    return t.autograd.grad(out, x, upstream(t, out, seed), allow_unused=True)


@settings(deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(["float16", "float32", "float64"]),
    ord=st.sampled_from(ORDERS),
    spelling=st.sampled_from(["torch.norm", "Tensor.norm", "linalg.norm", "vector_norm"]),
    kind=st.sampled_from(["normal", "ties", "nan"]),
    keepdim=st.booleans(),
    seed=seeds,
    data=st.data(),
)
def test_vector_norms(shape, dtype, ord, spelling, kind, keepdim, seed, data):
    dim = data.draw(st.one_of(st.none(), dims(len(shape))), label="dim")
    if spelling == "linalg.norm" and isinstance(dim, tuple) and len(dim) != 1:
        dim = None  # linalg.norm: one dim for a vector norm (two are a matrix's)
    array = values(shape, seed, "ties" if kind == "ties" else "normal")
    if kind == "nan" and array.size:
        array.flat[seed % array.size] = np.nan

    def body(t):
        x = tensor(t, array, dtype)
        if spelling == "torch.norm":
            out = t.norm(x, ord, dim, keepdim)
        elif spelling == "Tensor.norm":
            out = x.norm(p=ord, dim=dim, keepdim=keepdim)
        elif spelling == "linalg.norm":
            out = t.linalg.norm(x, ord if dim is not None or len(shape) == 1 else None, dim, keepdim)
        else:
            out = t.linalg.vector_norm(x, ord, dim, keepdim)
        saved = (out.grad_fn._saved_ord, out.grad_fn._saved_dim) if out.grad_fn is not None else None
        return out, saved, gradient(t, x, out, seed)

    same(body)


@settings(deadline=None)
@given(
    batch=st.lists(st.integers(0, 2), max_size=1).map(tuple),
    rows=st.integers(1, 3),
    columns=st.integers(1, 3),
    ord=st.sampled_from(["fro", 1, -1, INF, -INF, None]),
    dims=st.sampled_from([None, (-2, -1), (-1, -2), (0, 1), (1, 0)]),
    keepdim=st.booleans(),
    kind=st.sampled_from(["normal", "ties"]),
    seed=seeds,
)
def test_matrix_norms(batch, rows, columns, ord, dims, keepdim, kind, seed):
    shape = batch + (rows, columns)
    array = values(shape, seed, kind)

    def body(t):
        x = tensor(t, array, "float64")
        if ord is None:
            out = t.linalg.matrix_norm(x, dim=dims or (-2, -1), keepdim=keepdim)
        elif dims is None:
            out = t.linalg.matrix_norm(x, ord, keepdim=keepdim)
        else:
            out = t.linalg.norm(x, ord, dims, keepdim)
        return out, gradient(t, x, out, seed)

    same(body)


def test_dtype_and_out():
    def body(T):
        x = T.tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -4.0]])
        a, b = T.empty(3, dtype=T.float64), T.empty(5)
        return (
            T.linalg.vector_norm(x, dtype=T.float64),
            x.norm(dtype=T.float64),
            T.linalg.vector_norm(x, 1, 0, dtype=T.float64, out=a),
            T.norm(x, 2, 1, out=b),
            T.linalg.matrix_norm(x, 1, out=T.empty(())),
            a,
            b,
            T.norm(x, 0),
            T.norm(x, float("nan")),
            T.linalg.vector_norm(T.empty(0), 0),
            T.linalg.vector_norm(T.empty(0, 3), INF, dim=1),
            T.linalg.vector_norm(T.tensor([0.0, 2.0]), -1),
            T.linalg.vector_norm(x, dim=[]),
        )

    same(body)


def test_gradient_of_the_zero_norm_is_none():
    def body(T):
        x = T.tensor([1.0, 0.0, -2.0], requires_grad=True)
        x.norm(0).backward()
        y = T.tensor([0.0, 0.0], requires_grad=True)
        grads = [T.autograd.grad(y.norm(p), y)[0] for p in (1, 2, 3, 0.5, INF)]
        return x.grad, grads

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda T: T.linalg.vector_norm(T.empty(0), INF),
        lambda T: T.linalg.vector_norm(T.empty(0, 3), -INF, dim=0),
        lambda T: T.linalg.vector_norm(T.empty(0), -1),
        lambda T: T.linalg.vector_norm(T.tensor([1, 2])),
        lambda T: T.norm(T.tensor([1, 2])),
        lambda T: T.linalg.vector_norm(T.ones(2), dtype=T.int64),
        lambda T: T.linalg.vector_norm(T.ones(2, dtype=T.float64), dtype=T.float32),
        lambda T: T.linalg.vector_norm(T.ones(2), ord="fro"),
        lambda T: T.linalg.vector_norm(T.ones(2), None),
        lambda T: T.linalg.vector_norm(T.ones(2), 2, 0.5),
        lambda T: T.linalg.vector_norm(T.ones(2), 2, 0, 1),
        lambda T: T.linalg.vector_norm(T.ones(2), foo=1),
        lambda T: T.linalg.vector_norm(T.ones(2, 3), 2, 5),
        lambda T: T.linalg.vector_norm(T.ones(2, 3), 2, (0, 0)),
        lambda T: T.linalg.vector_norm(T.ones(2), out=T.empty((), dtype=T.float64)),
        lambda T: T.linalg.vector_norm(T.ones(2, requires_grad=True), out=T.empty(())),
        lambda T: T.linalg.norm(T.ones(2, 3), "foo"),
        lambda T: T.linalg.norm(T.ones(2, 3), 3),
        lambda T: T.linalg.norm(T.ones(2, 3), dim=(0, 1, 2)),
        lambda T: T.linalg.norm(T.ones(2, 3, 4), 2),
        lambda T: T.linalg.norm(T.ones(2, 3), "fro", dim=0),
        lambda T: T.linalg.norm(T.ones(2, 3), 2, 0.5),
        lambda T: T.linalg.norm(T.ones(2, 3), [1]),
        lambda T: T.linalg.norm(T.ones(2, 3), foo=1),
        lambda T: T.linalg.matrix_norm(T.ones(2, 3), 3),
        lambda T: T.linalg.matrix_norm(T.ones(2, 3), "foo"),
        lambda T: T.linalg.matrix_norm(T.ones(3)),
        lambda T: T.linalg.matrix_norm(T.ones(2, 3), dim=(0, 0)),
        lambda T: T.linalg.matrix_norm(T.ones(2, 3), dim=(0, 1, 2)),
        lambda T: T.linalg.matrix_norm(T.ones(2, 3), [1]),
        lambda T: T.linalg.matrix_norm(T.ones(2, 3, dtype=T.int64)),
        lambda T: T.norm(T.ones(2, 3), p="foo"),
        lambda T: T.norm(T.ones(2, 3), p="fro", dim=(0, 1, 2)),
        lambda T: T.norm(T.ones(2, 3), 2, 5),
        lambda T: T.ones(2, 3).norm(2, 0.5),
        lambda T: T.ones(2, 3).norm(dim=1.5),
    ],
)
def test_errors(call):
    same_error(call)
