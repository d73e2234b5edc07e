"""Elementwise ops vs torch: sin cos tanh sigmoid relu clamp clamp_min/max where, in-place forms. Values,
dtypes, nodes and what they save, gradients at clamp/relu boundaries, in-place errors, finite differences,
second derivatives."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import FLOAT_DTYPES, check_backward, seeds, shapes, tensor, values
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad

UNARY = ["sin", "cos", "tanh", "sigmoid", "relu"]


def upstream(t, out, seed):
    return tensor(t, values(tuple(out.shape), seed + 1), str(out.dtype).split(".")[1], requires_grad=False)


@settings(max_examples=40, deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(FLOAT_DTYPES),
    op=st.sampled_from(UNARY),
    kind=st.sampled_from(["normal", "ties"]),
    style=st.sampled_from(["function", "method"]),
    seed=seeds,
)
def test_unary(shape, dtype, op, kind, style, seed):
    array = values(shape, seed, kind) * 4  # wide range: saturating tanh/sigmoid, zeros for relu

    def body(t):
        x = tensor(t, array, dtype)
        out = getattr(t, op)(x) if style == "function" else getattr(x, op)()
        saved = out.grad_fn._saved_self if op in ("sin", "cos") else out.grad_fn._saved_result
        return out, saved, t.autograd.grad(out, x, upstream(t, out, seed))

    same(body)


@pytest.mark.parametrize("op", UNARY)
@pytest.mark.parametrize("dtype", ["int64", "int32", "bool"])
def test_unary_on_integers(op, dtype):
    same(lambda t: getattr(t, op)(t.from_numpy(np.array([-2, 0, 3]).astype(dtype))))


BOUNDS = [(-1.0, 1.0), (0.0, None), (None, 0.5), (1.0, -1.0), (0, 2)]


@settings(max_examples=40, deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(FLOAT_DTYPES),
    bounds=st.sampled_from(BOUNDS),
    call=st.sampled_from(["clamp", "clip", "method"]),
    seed=seeds,
)
def test_clamp_scalar_bounds(shape, dtype, bounds, call, seed):
    low, high = bounds
    array = values(shape, seed, "ties") / 2  # many values exactly on the bounds

    def body(t):
        x = tensor(t, array, dtype)
        out = x.clamp(low, high) if call == "method" else getattr(t, call)(x, min=low, max=high)
        node = out.grad_fn
        return out, (node._saved_min, node._saved_max), t.autograd.grad(out, x, upstream(t, out, seed))

    same(body)


@settings(max_examples=40, deadline=None)
@given(
    shape=shapes,
    which=st.sampled_from(["both", "min", "max"]),
    grads=st.sampled_from([(True, True, True), (True, False, True), (False, True, False)]),
    seed=seeds,
)
def test_clamp_tensor_bounds(shape, which, grads, seed):
    arrays = [values(shape, seed + k, "ties") for k in range(3)]  # ties, and min > max in places

    def body(t):
        x, low, high = (tensor(t, a, requires_grad=g) for a, g in zip(arrays, grads))
        low = low if which != "max" else None
        high = high if which != "min" else None
        out = t.clamp(x, low, high)
        inputs = [v for v in (x, low, high) if v is not None and v.requires_grad]
        if not out.requires_grad:
            return out
        return out, t.autograd.grad(out, inputs, upstream(t, out, seed))

    same(body)


@settings(max_examples=25, deadline=None)
@given(shape=shapes, op=st.sampled_from(["clamp_min", "clamp_max"]), tensor_bound=st.booleans(), seed=seeds)
def test_clamp_min_and_max(shape, op, tensor_bound, seed):
    array = values(shape, seed, "ties")

    def body(t):
        x = tensor(t, array)
        bound = tensor(t, values(shape, seed + 3, "ties")) if tensor_bound else 0.0
        out = getattr(t, op)(x, bound)
        inputs = (x, bound) if tensor_bound else (x,)
        return out, t.autograd.grad(out, inputs, upstream(t, out, seed))

    same(body)


def test_clamp_integers_and_promotion():
    def body(t):
        i = t.tensor([1, 5, -3])
        return i.clamp(0, 3), i.clamp(0.5, 3), i.clamp(min=2.5), t.tensor([1.0, 5.0]).clamp(3, 2)

    same(body)


@settings(max_examples=40, deadline=None)
@given(
    shape=shapes,
    dtype=st.sampled_from(FLOAT_DTYPES),
    operands=st.sampled_from(["tensor-tensor", "tensor-scalar", "scalar-tensor", "method"]),
    requires=st.sampled_from([(True, True), (True, False), (False, True)]),
    seed=seeds,
)
def test_where(shape, dtype, operands, requires, seed):
    a, b, c = values(shape, seed), values(shape, seed + 1), values(shape, seed + 2)

    def body(t):
        x, y = tensor(t, a, dtype, requires[0]), tensor(t, b, dtype, requires[1])
        cond = tensor(t, c, requires_grad=False) > 0
        if operands == "tensor-tensor":
            out = t.where(cond, x, y)
        elif operands == "tensor-scalar":
            out = t.where(cond, x, 0.5)
        elif operands == "scalar-tensor":
            out = t.where(cond, -1.0, y)
        else:
            out = x.where(cond, y)
        inputs = [v for v in (x, y) if v.requires_grad]
        if not out.requires_grad:
            return out
        return out, out.grad_fn._saved_condition, t.autograd.grad(out, inputs, upstream(t, out, seed))

    same(body)


def test_where_dtypes_broadcasting_and_nonzero():
    def body(t):
        cond = t.tensor([[True], [False]])
        return (
            t.where(cond, t.tensor([1, 2, 3]), 2.5),
            t.where(cond, 1, 0),
            t.where(cond, t.ones(3, dtype=t.int32), t.zeros(1, dtype=t.float64)),
            t.where(t.tensor([0.0, 1.0, 2.0]) > 0),
        )

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.ones(2).clamp(),
        lambda t: t.clamp(t.ones(2), min=None, max=None),
        lambda t: t.ones(3).clamp(t.zeros(3), 1.0),
        lambda t: t.tensor([True]).relu(),
        lambda t: t.where(t.ones(2), t.ones(2), t.ones(2)),
        lambda t: t.where(t.ones(2) > 0, t.ones(3), t.ones(2)),
        lambda t: t.sin(1.0),
        lambda t: t.tensor([1, 2]).relu_().sin_(),
        lambda t: t.ones(2, requires_grad=True).relu_(),
        lambda t: t.tensor([True]).clamp(True, True),
        lambda t: t.tensor([True]).clamp_min(True),
        lambda t: t.clamp(t.tensor([True]), max=False),
        lambda t: t.tensor([1, 2]).clamp_(0.5),
        lambda t: t.tensor([1, 2]).clamp_max_(1.5),
        lambda t: t.tensor([1], dtype=t.int32).clamp_(0, 1.5),
        lambda t: t.tensor([True]).clamp_(0.5),
        lambda t: t.clamp_min(t.ones(0, 0), t.ones(3)),
        lambda t: t.ones(2, 3).clamp_max(t.ones(4)),
    ],
)
def test_errors(body):
    same_error(body)


@pytest.mark.parametrize(
    "op, args",
    [
        ("sin_", ()),
        ("cos_", ()),
        ("tanh_", ()),
        ("sigmoid_", ()),
        ("relu_", ()),
        ("clamp_", (-0.5, 0.5)),
        ("clip_", (None, 0.5)),
        ("clamp_min_", (0.0,)),
        ("clamp_max_", (0.0,)),
    ],
)
def test_inplace_forms(op, args):
    def body(t):
        x = t.tensor([-1.0, 0.0, 0.5, 2.0], requires_grad=True)
        y = x * 1
        z = getattr(y, op)(*args)
        return z is y, y, y._version, t.autograd.grad(y, x, t.tensor([1.0, 2.0, 3.0, 4.0]))

    same(body)


@pytest.mark.parametrize("op", UNARY + ["clamp"])
def test_modifying_what_backward_saved_fails_like_torch(op):
    """sin/cos/clamp save the input, tanh/sigmoid/relu their output: torch fails exactly when that changed."""

    def body(t):
        x = t.tensor([-1.0, 0.5, 2.0], requires_grad=True)
        y = x * 1
        out = y.clamp(0, 1) if op == "clamp" else getattr(y, op)()
        touched = []
        for victim in (y, out):
            victim.mul_(2)
            try:
                touched.append(t.autograd.grad(out.sum(), x, retain_graph=True))
            except RuntimeError as e:
                touched.append(str(e))
        return touched

    same(body)


# ---- backward formulas vs central differences (float64) ------------------------------------------
FORMULAS = {
    "sin": lambda x: x.sin(),
    "cos": lambda x: x.cos(),
    "tanh": lambda x: x.tanh(),
    "sigmoid": lambda x: x.sigmoid(),
    "relu": lambda x: x.relu(),
    "clamp": lambda x: x.clamp(-0.3, 0.4),
    "clamp(min)": lambda x: x.clamp(min=0.1),
    "clamp_max": lambda x: x.clamp_max(-0.2),
    "clamp(tensor bounds)": lambda x: x.clamp(x * x - 0.5, x * 0.5 + 0.2),
    "where": lambda x: minigrad.where(x > 0, x * x, x.sin()),
}


@pytest.mark.parametrize("name", FORMULAS)
def test_backward_matches_finite_differences(name):
    array = np.random.default_rng(1).permutation(24).reshape(4, 6) / 9.0 - 1.27  # away from kinks
    check_backward(FORMULAS[name], array)


@pytest.mark.parametrize("op", ["sin", "cos", "tanh", "sigmoid", "relu"])
def test_second_derivatives(op):
    array = values((3, 4), 2) * 3

    def body(t):
        x = tensor(t, array, "float64")
        out = getattr(x, op)()
        (g,) = t.autograd.grad(out, x, upstream(t, out, 4), create_graph=True)
        w = tensor(t, values((3, 4), 9), "float64", requires_grad=False)
        return g, g.requires_grad, t.autograd.grad((g * w).sum(), x, allow_unused=True)

    same(body)


def graph(node, ordered=True):
    """Every node reachable from `node`, breadth first: (name, names of its next_functions). Unordered: as
    sorted counts, for graphs where only the engine's accumulation order (not the formulas) decides."""
    seen, order, queue = set(), [], [node]
    while queue:
        n = queue.pop(0)
        if n is None or id(n) in seen:
            continue
        seen.add(id(n))
        names = tuple(None if f is None else f.name() for f, _ in n.next_functions)
        order.append((n.name(), names if ordered else tuple(sorted(map(str, names)))))
        queue += [f for f, _ in n.next_functions]
    return order if ordered else sorted(order)


def double_backward_graphs(t, fn, x, *others):
    """Gradient graphs under create_graph=True: of d fn / d inputs, and (as node lists) of their gradients."""
    y = fn(x)
    w = t.linspace(0.5, 1.5, y.numel()).reshape(y.shape).to(y.dtype)
    grads = t.autograd.grad((y * y * w).sum(), (x,) + others, create_graph=True)
    total = sum((g * g).sum() for g in grads)
    second = t.autograd.grad(total, (x,) + others, create_graph=True, allow_unused=True)
    first = [(g, graph(g.grad_fn)) for g in grads]
    return first + [(g, None if g is None else graph(g.grad_fn, ordered=False)) for g in second]


@pytest.mark.parametrize("op", UNARY + ["sign", "floor", "round"])
def test_double_backward_graphs(op):
    def body(t):
        x = t.tensor([[0.3, -1.2, 0.7], [1.5, 0.1, -0.4]], requires_grad=True)
        return double_backward_graphs(t, lambda v: getattr(v, op)() * v, x)

    same(body)


@pytest.mark.parametrize("op", ["tanh_", "sigmoid_", "relu_"])
def test_modifying_the_result_of_an_inplace_op_fails_like_torch(op):
    def body(t):
        x = t.tensor([-1.0, 0.5, 2.0], requires_grad=True)
        y = getattr(x * 1, op)()
        y.mul_(2)
        return t.autograd.grad(y.sum(), x)

    same_error(body)


@pytest.mark.parametrize("op", ["sign", "sgn"])
def test_sign_and_sgn(op):
    def body(t):
        x = t.tensor([float("nan"), -0.0, 0.0, -3.0, float("inf")], requires_grad=True)
        y = getattr(x, op)()
        node = y.grad_fn
        saved = [getattr(node, name) for name in ("_saved_self", "_saved_result") if hasattr(node, name)]
        (grad,) = t.autograd.grad(y.sum(), x, create_graph=True)
        grad = grad + 0  # torch's sgn gives a ZeroTensor, which has no storage to observe directly
        inplace = x.mul(1)
        getattr(inplace, op + "_")()
        return (
            y,
            saved,
            grad,
            inplace,
            getattr(t, op)(t.tensor([-2, 0, 5])),
            getattr(t, op)(t.tensor([True, False])),
        )

    same(body)
    same_error(lambda t: getattr(t, op)(None))
    same_error(lambda t: getattr(t.ones(2, requires_grad=True), op + "_")())


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("n", [6, 10_000])  # both of threshold_backward's paths (np.where, and bit masks)
def test_relu_gradient_bits_at_nan_zero_and_inf(dtype, n):
    """relu's backward is `self <= 0 ? 0 : grad`: a NaN input passes its gradient, a dropped one is +0.0 even
    when the upstream gradient is NaN or -0.0. Compared bit for bit (assert_close would not see -0.0)."""
    import torch

    rng = np.random.default_rng(n)
    x = rng.standard_normal(n)
    g = rng.standard_normal(n)
    x[:6] = [float("nan"), -0.0, 0.0, float("inf"), -float("inf"), -1.0]
    g[:6] = [-2.0, float("nan"), -0.0, float("nan"), float("nan"), -0.0]
    bits = []
    for t in (torch, minigrad):
        leaf = t.tensor(x, dtype=getattr(t, dtype), requires_grad=True)
        t.relu(leaf).backward(t.tensor(g, dtype=getattr(t, dtype)))
        bits.append(leaf.grad.numpy().tobytes())
    assert bits[0] == bits[1]
