"""softmax / log_softmax vs torch: values (large, -inf, empty, 0-d), dtype=, nodes and saved dim/result,
gradients, errors, finite differences and second derivatives."""

import numpy as np
import pytest
import torch
from _compare import same, same_error
from _finite_diff import FLOAT_DTYPES, check_backward, dims, seeds, shapes, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st
from test_unary import double_backward_graphs

import minigrad
import minigrad.autograd.forward_ad as mg_fwad
from minigrad.ops import softmax as ops
from minigrad.ops.softmax import implicit_softmax_dim


def upstream(t, out, seed):
    return tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)


@settings(max_examples=50, deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(FLOAT_DTYPES),
    op=st.sampled_from(["softmax", "log_softmax"]),
    style=st.sampled_from(["function", "method"]),
    cast=st.sampled_from([None, "float32", "float64"]),
    seed=seeds,
    data=st.data(),
)
def test_softmax(shape, dtype, op, style, cast, seed, data):
    dim = data.draw(dims(len(shape), allow_tuple=False), label="dim")
    array = values(shape, seed) * 20  # large logits: the max shift matters

    def body(t):
        x = tensor(t, array, dtype)
        kwargs = {} if cast is None else {"dtype": getattr(t, cast)}
        out = getattr(t, op)(x, dim, **kwargs) if style == "function" else getattr(x, op)(dim, **kwargs)
        node = out.grad_fn
        (grad,) = t.autograd.grad(out, x, upstream(t, out, seed))
        if cast == "float32":  # computed in float32, then cast to x's float64: compare at float32 tolerance
            grad = grad.float()
        return out, node._saved_dim, node._saved_result, grad

    same(body)


def test_infinities():
    def body(t):
        inf = float("inf")
        x = t.tensor([[-inf, -inf], [-inf, 1.0], [inf, 1.0], [0.0, 1.0]], requires_grad=True)
        return x.softmax(1), x.log_softmax(1), t.autograd.grad(x.softmax(1)[1:].sum(), x)

    same(body)


def test_integer_inputs_with_dtype():
    def body(t):
        return t.tensor([[1, 2]]).softmax(1, dtype=t.float64), t.log_softmax(t.tensor([1, 2]), 0, t.float32)

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.tensor([[1, 2]]).softmax(0),
        lambda t: t.tensor([[1, 2]]).log_softmax(1),
        lambda t: t.tensor(1).softmax(0),
        lambda t: t.ones(2).softmax(0, dtype=t.int64),
        lambda t: t.ones(2, 3).softmax(2),
        lambda t: t.tensor(2.0).log_softmax(1),
        lambda t: t.softmax(t.ones(2)),
        lambda t: t.ones(2).log_softmax(),
        lambda t: t.softmax(t.ones(2), None),
        lambda t: t.ones(2).softmax(None),
        lambda t: t.softmax(t.ones(2), 0.5),
    ],
)
def test_errors(body):
    same_error(body)


@pytest.mark.parametrize("ndim", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_implicit_dim_matches_torch_functional(ndim, name):
    """torch.nn.functional's dim=None choice and warning (what minigrad's functional module will call)."""
    import torch

    def body(t):
        x = t.ones((2,) * ndim)
        if t is torch:
            return getattr(torch.nn.functional, name)(x)
        return getattr(t, name)(x, implicit_softmax_dim(name, ndim, stacklevel=2))

    same(body)


@pytest.mark.parametrize("op", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_backward_matches_finite_differences(op, dim):
    array = np.random.default_rng(2).standard_normal((3, 4))
    check_backward(lambda x: getattr(x, op)(dim), array)


@pytest.mark.parametrize("op", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dim", [0, -1])
def test_second_derivatives(op, dim):
    array = values((3, 4), 6) * 2

    def body(t):
        x = tensor(t, array, "float64")
        out = getattr(x, op)(dim)
        (g,) = t.autograd.grad(out, x, upstream(t, out, 8), create_graph=True)
        w = tensor(t, values((3, 4), 10), "float64", requires_grad=False)
        # values only: the nodes inside a gradient graph are not torch's
        return g.detach(), g.requires_grad, t.autograd.grad((g * w).sum(), x)

    same(body)


@settings(max_examples=10, deadline=None)
@given(seed=seeds)
def test_chained_with_reductions(seed):
    """cross-entropy-like program: log_softmax, pick, mean."""
    array = values((4, 5), seed)

    def body(t):
        x = tensor(t, array)
        loss = -(x.log_softmax(1) * (x.softmax(1) > 0.2)).sum(1).mean()
        return loss, t.autograd.grad(loss, x)

    same(body)


@pytest.mark.parametrize("op", ["softmax", "log_softmax"])
@pytest.mark.parametrize("dim", [0, -1])
def test_double_backward_graphs(op, dim):
    def body(t):
        x = t.tensor([[0.3, -1.2, 0.7], [1.5, 0.1, -0.4]], requires_grad=True)
        return double_backward_graphs(t, lambda v: getattr(v, op)(dim), x)

    same(body)


def test_empty_integer_inputs_need_no_kernel():
    same(lambda t: (t.zeros(2, 0, dtype=t.int64).softmax(1), t.zeros(0, 3, dtype=t.bool).log_softmax(0)))
    same_error(lambda t: t.softmax(t.ones(2, 3), True))
    same_error(lambda t: t.ones(2, 3).log_softmax(1, dtype="float32"))


@pytest.mark.parametrize("op", ["_softmax_backward_data", "_log_softmax_backward_data"])
@pytest.mark.parametrize("dim", [0, -1])
def test_backward_ops_forward_derivatives_match_torchs_decompositions(op, dim):
    """The tangent of softmax's backward ops for arbitrary tangents of both inputs (torch derives it from its
    decompositions, derivatives.yaml has no formula; through the public API the output's tangent is always
    the one softmax's own formula gives)."""
    rng = np.random.default_rng(5)
    go, logits, go_t, out_t = (rng.standard_normal((2, 3)) for _ in range(4))
    log = op.startswith("_log")
    output = torch.tensor(logits).log_softmax(dim) if log else torch.tensor(logits).softmax(dim)
    with torch.autograd.forward_ad.dual_level():
        value = getattr(torch.ops.aten, op)(
            torch.autograd.forward_ad.make_dual(torch.tensor(go), torch.tensor(go_t)),
            torch.autograd.forward_ad.make_dual(output, torch.tensor(out_t)),
            dim,
            torch.float64,
        )
        expected = torch.autograd.forward_ad.unpack_dual(value).tangent
    fn = ops.log_softmax_backward_data if log else ops.softmax_backward_data
    with mg_fwad.dual_level():
        value = fn(
            mg_fwad.make_dual(minigrad.tensor(go), minigrad.tensor(go_t)),
            mg_fwad.make_dual(minigrad.tensor(output.numpy()), minigrad.tensor(out_t)),
            dim,
        )
        got = mg_fwad.unpack_dual(value).tangent
    torch.testing.assert_close(torch.from_numpy(got._data.copy()), expected)
