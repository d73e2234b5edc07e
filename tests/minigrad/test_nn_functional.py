"""torch.nn.functional against torch: values, gradients (random upstream), graphs, errors and warnings."""

import numpy as np
import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st
from test_unary import double_backward_graphs

DTYPES = ("float32", "float64")


def _array(seed, shape, kind="normal", high=None):
    rng = np.random.default_rng(seed)
    if kind == "classes":
        return rng.integers(0, high, size=shape).tolist()
    if kind == "probs":
        raw = rng.random(shape) + 0.1
        return (raw / raw.sum(axis=1 if len(shape) > 1 else 0, keepdims=True)).tolist()
    return rng.standard_normal(shape).tolist()


def _tensor(t, values, dtype="float64", requires_grad=False):
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=requires_grad)


def _with_grads(t, out, inputs, seed=0):
    """out plus the gradients of out with respect to the inputs that require grad, for a random upstream."""
    wanted = [x for x in inputs if x.requires_grad]
    if not out.requires_grad or not wanted:
        return out
    upstream = _tensor(t, _array(seed, tuple(out.shape)), str(out.dtype).split(".")[1])
    grads = t.autograd.grad(out, wanted, upstream, allow_unused=True)
    return out, grads, out.grad_fn


# ---- activations / softmax ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize("dtype", DTYPES)
def test_activations(name, dtype):
    def body(t):
        x = _tensor(t, _array(1, (3, 4)), dtype, requires_grad=True)
        return _with_grads(t, getattr(t.nn.functional, name)(x), [x])

    same(body)


def test_relu_inplace():
    def body(t):
        x = _tensor(t, _array(1, (3, 4)), requires_grad=True)
        y = x * 1
        out = t.nn.functional.relu(y, inplace=True)
        return out is y, _with_grads(t, out, [x])

    same(body)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@pytest.mark.parametrize("shape", [(4,), (3, 4), (2, 3, 4), (2, 3, 2, 2)])
@pytest.mark.parametrize("dim", [None, 0, -1])
def test_softmax_family(name, shape, dim):
    def body(t):
        x = _tensor(t, _array(2, shape), requires_grad=True)
        return _with_grads(t, getattr(t.nn.functional, name)(x, dim), [x])

    same(body)


def test_softmax_dtype_argument():
    def body(t):
        x = _tensor(t, _array(2, (3, 4)), "float32", requires_grad=True)
        return _with_grads(t, t.nn.functional.log_softmax(x, 1, dtype=t.float64), [x])

    same(body)


# ---- linear ------------------------------------------------------------------------------------------------
LINEAR_CASES = [
    ((3, 4), (5, 4), (5,)),
    ((3, 4), (5, 4), None),
    ((4,), (5, 4), (5,)),
    ((4,), (5, 4), None),
    ((2, 3, 4), (5, 4), (5,)),
    ((2, 3, 4), (5, 4), None),
    ((2, 2, 3, 4), (5, 4), (5,)),
    ((3, 4), (4,), None),
    ((4,), (4,), ()),
    ((3, 4), (5, 4), ()),
    ((3, 4), (5, 4), (1, 5)),
    ((2, 3, 4), (5, 4), (1, 5)),
    ((3, 4), (5, 4), (3, 5)),
    # ATen fuses a contiguous bias with one dimension that is not 1 into addmm, whatever the input's rank
    ((2, 3, 4), (5, 4), (3, 5)),
    ((2, 3, 4), (5, 4), ()),
    ((2, 3, 4), (5, 4), (1, 1, 5)),
    ((4,), (5, 4), (1, 5)),
    ((2, 2, 3, 4), (5, 4), (1, 5)),
    ((2, 0, 4), (5, 4), (5,)),
]


@pytest.mark.parametrize("input_shape, weight_shape, bias_shape", LINEAR_CASES)
@pytest.mark.parametrize("needs", ["all", "input", "weight"])
def test_linear(input_shape, weight_shape, bias_shape, needs):
    def body(t):
        x = _tensor(t, _array(3, input_shape), requires_grad=needs in ("all", "input"))
        w = _tensor(t, _array(4, weight_shape), requires_grad=needs in ("all", "weight"))
        b = None if bias_shape is None else _tensor(t, _array(5, bias_shape), requires_grad=needs == "all")
        out = t.nn.functional.linear(x, w, b)
        return _with_grads(t, out, [x, w] + ([] if b is None else [b]))

    same(body)


def test_linear_non_contiguous_input():
    def body(t):
        base = _tensor(t, _array(3, (2, 4, 3)), requires_grad=True)
        x = base.transpose(1, 2)
        w = _tensor(t, _array(4, (5, 4)), requires_grad=True)
        b = _tensor(t, _array(5, (5,)), requires_grad=True)
        return _with_grads(t, t.nn.functional.linear(x, w, b), [base, w, b])

    same(body)


def test_linear_expanded_bias_is_not_fused():
    def body(t):
        x = _tensor(t, _array(3, (2, 3, 4)), requires_grad=True)
        w = _tensor(t, _array(4, (5, 4)), requires_grad=True)
        b = _tensor(t, _array(5, (1,)), requires_grad=True)
        return _with_grads(t, t.nn.functional.linear(x, w, b.expand(5)), [x, w, b])

    same(body)


@pytest.mark.parametrize("input_shape, weight_shape, bias_shape", LINEAR_CASES[:9])
def test_linear_forward_ad(input_shape, weight_shape, bias_shape):
    """Tangents through each of linear's decompositions (a bias with a tangent is added out of place)."""

    def body(t):
        fwad = t.autograd.forward_ad
        with fwad.dual_level():
            x = fwad.make_dual(_tensor(t, _array(3, input_shape)), _tensor(t, _array(6, input_shape)))
            w = fwad.make_dual(_tensor(t, _array(4, weight_shape)), _tensor(t, _array(7, weight_shape)))
            b = None
            if bias_shape is not None:
                b = fwad.make_dual(_tensor(t, _array(5, bias_shape)), _tensor(t, _array(8, bias_shape)))
            out = t.nn.functional.linear(x, w, b)
            return out.grad_fn, fwad.unpack_dual(out).tangent

    same(body, check_warnings=False)  # torch's first dual level warns about torch.jit.script


LOSS_TANGENT_CASES = {
    "nll_loss": ((3, 4), [0, 3, 1], {}),
    "nll_loss_none": ((3, 4), [0, 3, 1], {"reduction": "none"}),
    "nll_loss2d": ((2, 3, 1, 2), [[[0, 2]], [[1, 1]]], {}),
    "mse_loss_sum": ((2, 3), None, {"reduction": "sum"}),
}


@pytest.mark.parametrize("name", sorted(LOSS_TANGENT_CASES))
@pytest.mark.parametrize("dual_grad_output", [False, True])
def test_loss_gradient_tangents(name, dual_grad_output):
    """Forward over reverse: the tangent of a loss's gradient. nll_loss_backward has no forward formula in
    torch (its decomposition gives one, linear in grad_output: none from the input's tangent alone)."""
    shape, target, kwargs = LOSS_TANGENT_CASES[name]

    def body(t):
        fwad = t.autograd.forward_ad
        loss_fn = t.nn.functional.mse_loss if target is None else t.nn.functional.nll_loss
        with fwad.dual_level():
            x = fwad.make_dual(_tensor(t, _array(1, shape), requires_grad=True), _tensor(t, _array(2, shape)))
            labels = _tensor(t, _array(3, shape)) if target is None else t.tensor(target)
            loss = loss_fn(x, labels, **kwargs)
            v = _tensor(t, _array(4, tuple(loss.shape)))
            if dual_grad_output:
                v = fwad.make_dual(v, _tensor(t, _array(5, tuple(loss.shape))))
            (g,) = t.autograd.grad(loss, x, v, create_graph=True)
            return g, g.grad_fn, fwad.unpack_dual(g).tangent

    same(body, check_warnings=False)  # torch's first dual level warns about torch.jit.script


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.nn.functional.linear(t.ones(3, 4), t.ones(5, 3), t.ones(5)),
        lambda t: t.nn.functional.linear(t.ones(3, 4), t.ones(5, 4), t.ones(4)),
        lambda t: t.nn.functional.linear(t.ones(4), t.ones(5, 3)),
        lambda t: t.nn.functional.linear(t.ones(3, 4), t.ones(4), t.ones(())),
        lambda t: t.nn.functional.linear(t.ones(()), t.ones(5, 4), t.ones(5)),
        lambda t: t.nn.functional.linear(t.ones(3, 4), t.ones(5, 4, dtype=t.float64), t.ones(5)),
        lambda t: t.nn.functional.linear(
            t.ones(3, 4, dtype=t.float64), t.ones(5, 4, dtype=t.float64), t.ones(5)
        ),
        lambda t: t.nn.functional.linear([1.0], t.ones(5, 4)),
        lambda t: t.nn.functional.linear(t.ones(3, 4), t.ones(5, 4), 3.0),
        lambda t: t.addmm(t.ones(5), t.ones(3), t.ones(3, 5)),
        lambda t: t.addmm(t.ones(2, 3, 5), t.ones(3, 4), t.ones(4, 5)),
    ],
)
def test_linear_errors(body):
    same_error(body)


@pytest.mark.parametrize("beta, alpha", [(1, 1), (2, 0.5), (0, 1)])
def test_addmm(beta, alpha):
    def body(t):
        bias = _tensor(t, _array(1, (5,)), requires_grad=True)
        m1 = _tensor(t, _array(2, (3, 4)), requires_grad=True)
        m2 = _tensor(t, _array(3, (4, 5)), requires_grad=True)
        out = t.addmm(bias, m1, m2, beta=beta, alpha=alpha)
        return _with_grads(t, out, [bias, m1, m2]), out.grad_fn._saved_alpha, out.grad_fn._saved_beta

    same(body)


# ---- mse_loss ----------------------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(
    shapes=st.sampled_from(
        [((3, 4), (3, 4)), ((3, 4), (4,)), ((4,), (3, 4)), ((), ()), ((3, 4), (3,)), ((0, 2), (0, 2))]
    ),
    reduction=st.sampled_from(["mean", "sum", "none"]),
    dtypes=st.sampled_from([("float64", "float64"), ("float32", "float32"), ("float32", "float64")]),
    target_grad=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_mse_loss(shapes, reduction, dtypes, target_grad, seed):
    def body(t):
        x = _tensor(t, _array(seed, shapes[0]), dtypes[0], requires_grad=True)
        y = _tensor(t, _array(seed + 1, shapes[1]), dtypes[1], requires_grad=target_grad)
        out = t.nn.functional.mse_loss(x, y, reduction=reduction)
        return _with_grads(t, out, [x, y], seed)

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.nn.functional.mse_loss(t.ones(3), t.ones(3), reduction="avg"),
        lambda t: t.nn.functional.mse_loss(t.ones(3), 2.0),
        lambda t: t.nn.functional.mse_loss(t.ones(3, dtype=t.int32), t.ones(3, dtype=t.int32)),
        lambda t: t.nn.functional.mse_loss(t.ones(3), t.ones(3), size_average=False),
        lambda t: t.nn.functional.mse_loss(t.ones(3), t.ones(3, dtype=t.int64)),
        lambda t: t.nn.functional.mse_loss(t.ones(3), t.ones(3), weight=t.ones(3)),
        lambda t: t.nn.functional.mse_loss(t.ones(3), t.ones(3), weight=t.ones(2)),
    ],
)
def test_mse_loss_edges(body):
    same(body)


# ---- nll_loss / cross_entropy ------------------------------------------------------------------------------
def _loss_inputs(t, case, seed, dtype="float64", targets=None):
    shape, target_shape = case
    n_classes = shape[1] if len(shape) > 1 else shape[0]
    x = _tensor(t, _array(seed, shape), dtype, requires_grad=True)
    target = t.tensor(targets if targets is not None else _array(seed, target_shape, "classes", n_classes))
    return x, target


LOSS_SHAPES = [
    ((3, 4), (3,)),
    ((4,), ()),
    ((4,), (1,)),
    ((2, 3, 2), (2, 2)),
    ((2, 3, 2, 2), (2, 2, 2)),
    ((2, 3, 1, 2, 2), (2, 1, 2, 2)),
    ((0, 4), (0,)),
]


@settings(max_examples=40, deadline=None)
@given(
    case=st.sampled_from(LOSS_SHAPES),
    reduction=st.sampled_from(["mean", "sum", "none"]),
    dtype=st.sampled_from(DTYPES),
    weighted=st.booleans(),
    ignore=st.sampled_from([None, 0, 1]),
    seed=st.integers(0, 2**16),
)
def test_nll_loss_and_cross_entropy(case, reduction, dtype, weighted, ignore, seed):
    for name in ("nll_loss", "cross_entropy"):

        def body(t, name=name):
            x, target = _loss_inputs(t, case, seed, dtype)
            kwargs = {"reduction": reduction}
            if weighted:
                n_classes = case[0][1] if len(case[0]) > 1 else case[0][0]
                kwargs["weight"] = _tensor(t, (np.arange(n_classes) + 0.5).tolist(), dtype)
            if ignore is not None:
                kwargs["ignore_index"] = ignore
            out = getattr(t.nn.functional, name)(x, target, **kwargs)
            return _with_grads(t, out, [x], seed)

        same(body)


@settings(max_examples=25, deadline=None)
@given(
    case=st.sampled_from(LOSS_SHAPES[:5]),
    reduction=st.sampled_from(["mean", "sum", "none"]),
    weighted=st.booleans(),
    ignore=st.sampled_from([-100, 0, 2]),
    smoothing=st.sampled_from([0.0, 0.1, 0.5, 1.0]),
    seed=st.integers(0, 2**16),
)
def test_cross_entropy_label_smoothing(case, reduction, weighted, ignore, smoothing, seed):
    def body(t):
        x, target = _loss_inputs(t, case, seed)
        n_classes = case[0][1] if len(case[0]) > 1 else case[0][0]
        weight = _tensor(t, (np.arange(n_classes) + 0.5).tolist()) if weighted else None
        out = t.nn.functional.cross_entropy(
            x, target, weight=weight, reduction=reduction, ignore_index=ignore, label_smoothing=smoothing
        )
        return _with_grads(t, out, [x], seed)

    same(body)


@settings(max_examples=20, deadline=None)
@given(
    shape=st.sampled_from([(3, 4), (4,), (2, 3, 2)]),
    reduction=st.sampled_from(["mean", "sum", "none"]),
    weighted=st.booleans(),
    smoothing=st.sampled_from([0.0, 0.2]),
    seed=st.integers(0, 2**16),
)
def test_cross_entropy_probability_targets(shape, reduction, weighted, smoothing, seed):
    def body(t):
        x = _tensor(t, _array(seed, shape), requires_grad=True)
        probs = _tensor(t, _array(seed + 1, shape, "probs"))
        weight = (
            _tensor(t, (np.arange(shape[1 if len(shape) > 1 else 0]) + 0.5).tolist()) if weighted else None
        )
        out = t.nn.functional.cross_entropy(
            x, probs, weight=weight, reduction=reduction, label_smoothing=smoothing
        )
        return _with_grads(t, out, [x], seed)

    same(body)


def test_loss_graph_saved_values():
    def body(t):
        x, target = _loss_inputs(t, ((3, 4), (3,)), 0, targets=[1, -100, 3])
        out = t.nn.functional.nll_loss(x, target)
        fn = out.grad_fn
        return out, fn._saved_reduction, fn._saved_ignore_index, fn._saved_total_weight, fn._saved_target

    same(body)


def test_loss_double_backward():
    def body(t):
        x, target = _loss_inputs(t, ((3, 4), (3,)), 0)
        w = _tensor(t, _array(1, (4, 4)), requires_grad=True)
        out = t.nn.functional.cross_entropy(t.nn.functional.linear(x, w), target)
        (g,) = t.autograd.grad(out, [w], create_graph=True)
        (gg,) = t.autograd.grad((g * g).sum(), [x])
        y = _tensor(t, _array(2, (3, 4)))
        mse = t.nn.functional.mse_loss(x * x, y)
        (gm,) = t.autograd.grad(mse, [x], create_graph=True)
        (ggm,) = t.autograd.grad(gm.sum(), [x])
        return g.detach(), gg, gm.detach(), ggm

    same(body)


X34 = "t.ones(3, 4, dtype=t.float64)"


@pytest.mark.parametrize(
    "expression",
    [
        "F.nll_loss(X, t.tensor([1., 0., 3.]))",
        "F.nll_loss(X, t.tensor([1, 0, 3], dtype=t.int32))",
        "F.nll_loss(X, t.tensor([1, 0]))",
        "F.nll_loss(X, t.tensor([1, 0, 5]))",
        "F.nll_loss(X, t.tensor([1, -1, 3]))",
        "F.nll_loss(X[0], t.tensor([2, 1]))",
        "F.nll_loss(X, t.tensor(2))",
        "F.nll_loss(X.sum(), t.tensor([1]))",
        "F.nll_loss(X, t.tensor([1, 0, 3]), weight=t.ones(3, dtype=t.float64))",
        "F.nll_loss(X, t.tensor([1, 0, 3]), weight=t.ones(4))",
        "F.nll_loss(X, t.tensor([1, 0, 3]), weight=t.ones(4, dtype=t.float64, requires_grad=True))",
        "F.nll_loss(X, t.tensor([1, 0, 3]), reduction='foo')",
        "F.nll_loss(X, t.tensor([[1], [0], [3]]))",
        "F.nll_loss(X.reshape(3, 2, 2), t.tensor([[0], [1], [0]]))",
        "F.nll_loss(X.reshape(3, 2, 1, 2), t.tensor([[0, 1], [1, 1], [0, 0]]))",
        "F.nll_loss(X.reshape(3, 2, 1, 2), t.tensor([[0, 1], [1, 1], [0, 0]]).reshape(3, 2, 1))",
        "F.nll_loss(X.reshape(3, 2, 1, 2), t.tensor([[0, 1], [1, 1], [0, 0]]).reshape(3, 1, 2).to(t.uint8))",
        "F.nll_loss(X.reshape(3, 2, 1, 2), t.tensor([[0, 1], [1, 7], [0, 0]]).reshape(3, 1, 2))",
        "F.nll_loss(X.reshape(3, 2, 2), t.tensor([[0, 1], [1, 1], [0, 0]]), weight=X[0, :3])",
        "F.nll_loss(X.long(), t.tensor([1, 0, 3]))",
        "F.nll_loss([1.0], t.tensor([1]))",
        "F.cross_entropy(X, t.tensor([1., 0., 3.]))",
        "F.cross_entropy(X, t.tensor([1, 0]))",
        "F.cross_entropy(X, t.tensor([1, 0, 4]))",
        "F.cross_entropy(X, t.tensor([1, 0, 3]), label_smoothing=1.5)",
        "F.cross_entropy(X, t.ones(3, 4, dtype=t.int64))",
        "F.cross_entropy(X, t.ones(3, 4, dtype=t.float64), ignore_index=1)",
        "F.cross_entropy(X, t.ones(3, 4, dtype=t.float64), weight=t.ones(3, dtype=t.float64))",
        "F.cross_entropy(X.sum(), t.tensor([1]))",
    ],
)
def test_loss_errors(expression):
    def body(t):
        return eval(expression, {"t": t, "F": t.nn.functional, "X": eval(X34, {"t": t})})

    same_error(body)


@pytest.mark.parametrize(
    "kwargs", [{"reduce": False}, {"size_average": False}, {"reduction": "elementwise_mean"}]
)
def test_legacy_reduction_arguments_warn(kwargs):
    def body(t):
        x, target = _loss_inputs(t, ((3, 4), (3,)), 0)
        return t.nn.functional.nll_loss(x, target, **kwargs), t.nn.functional.cross_entropy(
            x, target, **kwargs
        )

    same(body)


LOSSES = {
    "mse_mean": lambda F, x, y, c: F.mse_loss(x, y),
    "mse_sum": lambda F, x, y, c: F.mse_loss(x, y, reduction="sum"),
    "mse_none": lambda F, x, y, c: F.mse_loss(x, y, reduction="none"),
    "nll": lambda F, x, y, c: F.nll_loss(x, c),
    "nll_none": lambda F, x, y, c: F.nll_loss(x, c, reduction="none"),
    "nll_2d": lambda F, x, y, c: F.nll_loss(x.reshape(2, 3, 1, 1), c.reshape(2, 1, 1)),
    "cross_entropy": lambda F, x, y, c: F.cross_entropy(x, c),
    "cross_entropy_smoothed": lambda F, x, y, c: F.cross_entropy(x, c, label_smoothing=0.2),
}


@pytest.mark.parametrize("name", LOSSES)
def test_loss_double_backward_graphs(name):
    def body(t):
        x = t.tensor([[0.3, -1.2, 0.7], [1.5, 0.1, -0.4]], requires_grad=True)
        y = t.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], requires_grad=True)
        classes = t.tensor([0, 2])
        others = (y,) if name.startswith("mse") else ()
        return double_backward_graphs(t, lambda v: LOSSES[name](t.nn.functional, v, y, classes), x, *others)

    same(body)


def test_masked_fill_values_broadcasting_and_tensor_values():
    def body(t):
        x = t.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
        v = t.tensor(3.0, requires_grad=True)
        bigger = x.masked_fill(t.tensor([[[True, False, True]], [[False, False, True]]]), -1.0)
        with_tensor = x.masked_fill(x > 0, v)
        grads = t.autograd.grad((with_tensor * x).sum() + bigger.sum(), (x, v))
        return bigger, with_tensor, grads

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: t.ones(2, 3).masked_fill(t.ones(4) > 0, 1.0),
        lambda t: t.ones(2, 3).masked_fill(t.ones(3) > 0, t.ones(2)),
        lambda t: t.ones(2, 3).masked_fill(None, 1.0),
        lambda t: t.ones(2, 3).masked_fill(t.ones(3) > 0, "abc"),
        lambda t: t.ones(2, 3).masked_fill_(t.ones(4, 2, 3) > 0, 1.0),
        lambda t: t.addmm(t.ones(2), t.ones(2, 3), t.ones(3, 2), alpha="abc"),
        lambda t: t.clamp_min(t.ones(2), None),
        lambda t: t.ones(2).clamp_max([1.0]),
        lambda t: t.ones(2).clamp_min_("a"),
        lambda t: t.nn.functional.sigmoid(None),
        lambda t: t.nn.functional.softmax([1.0], dim=0),
        lambda t: t.nn.functional.softmax("abc"),
        lambda t: t.nn.functional.mse_loss(t.ones(2), 2.5),
        lambda t: t.nn.functional.mse_loss(None, t.ones(2)),
        lambda t: t.nn.functional.nll_loss(t.ones(3, 4), t.zeros(3, dtype=t.int64), weight=[1.0]),
        lambda t: t.nn.functional.nll_loss(t.ones(3, 4), t.zeros(3, dtype=t.int64), ignore_index=1.5),
        lambda t: t.nn.functional.cross_entropy(t.ones(3, 4), t.zeros(3, dtype=t.int64), label_smoothing="a"),
        lambda t: t.nn.functional.cross_entropy(t.zeros(0, 0, 0, dtype=t.bool), t.zeros(3, dtype=t.int64)),
    ],
)
def test_bad_arguments(body):
    same_error(body)


def test_ignored_targets_get_a_positive_zero_gradient():
    """torch writes nothing for an ignored target: its row prints 0., not -0. (a zero weight gives -0.)"""

    def body(t):
        x = t.tensor([[0.1, 0.2, 0.3], [0.3, 0.2, 0.1], [1.0, 0.0, -1.0]], requires_grad=True)
        weight = t.tensor([0.0, 1.0, 2.0])
        t.nn.functional.nll_loss(x, t.tensor([0, 1, -100]), weight=weight).backward()
        z = t.zeros(2, 3, requires_grad=True)
        t.nn.functional.cross_entropy(z, t.tensor([1, -100]), label_smoothing=0.2).backward()
        return repr(x.grad), repr(z.grad)

    same(body)


# the kinks (-3, 3, +-lambd, the threshold) drawn exactly, nan, inf, -0.0: values, gradients, nodes
KINK_POINTS = "[-4.0, -3.0, -1.0, -0.5, -0.0, 0.0, 0.25, 0.5, 1.0, 3.0, 4.0, float('nan'), float('inf')]"
HARD_ACTIVATIONS = [
    "F.hardsigmoid(x)", "F.hardswish(x)", "F.threshold(x, 0.5, -2.0)", "F.threshold(x, 1, 2)",
    "F.softshrink(x, 0.5)", "F.hardshrink(x, 0.5)", "T.hardshrink(x, 0.25)", "x.hardshrink()",
    "T.threshold(x, 0.0, 5.0)", "F.softshrink(x, 0)", "T.nan_to_num(x)", "T.nan_to_num(x, 1.5, 2.5, -3.5)",
    "x.nan_to_num(posinf=1e39)", "F.hardsigmoid(x * 1, True)", "F.hardswish(x * 1, inplace=True)",
    "F.threshold(x * 1, 0.5, -2.0, True)", "F.threshold_(x * 1, 0.5, -2.0)", "T.threshold_(x * 1, 0.5, 1.0)",
    "x.nan_to_num_() if False else (x * 1).nan_to_num_()", "T.nan_to_num_(x * 1, nan=2.0)",
]  # fmt: skip


@pytest.mark.parametrize("expression", HARD_ACTIVATIONS)
@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
def test_hard_activations_at_their_kinks(expression, dtype):
    def body(T):
        x = T.tensor(eval(KINK_POINTS), dtype=getattr(T, dtype), requires_grad=True)
        y = eval(expression, {"T": T, "F": T.nn.functional, "x": x})
        (grad,) = T.autograd.grad(y, x, T.ones_like(y) * 0.75, allow_unused=True)
        return y, grad, sorted(a for a in dir(y.grad_fn) if a.startswith("_saved"))

    same(body)


@pytest.mark.parametrize(
    "expression",
    [
        "F.hardsigmoid(x)",
        "F.hardswish(x)",
        "F.threshold(x, 0.5, -2)",
        "F.softshrink(x)",
        "F.hardshrink(x)",
        "T.nan_to_num(x)",
        "T.nan_to_num(x, 1.5, 2.5, -3.5)",
        "x.heaviside(x)",
        "T.heaviside(x, T.tensor(0.5))",
        "F.softshrink(x.float(), -1)",
        "F.softshrink(x.double(), -1)",
        "F.hardshrink(x.float(), -1)",
        "F.threshold(x, 'a', 1)",
        "T.nan_to_num(x, nan='a')",
        "T.heaviside(x.float(), 0.5)",
        "T.heaviside(x.float(), T.ones(2))",
        "F.hardsigmoid(x.float(), True)",
    ],  # fmt: skip
)
@pytest.mark.parametrize("dtype", ["int64", "bool", "float32"])
def test_hard_activations_dtypes_and_errors(expression, dtype):
    same(lambda T: eval(expression, {"T": T, "F": T.nn.functional, "x": T.ones(3, dtype=getattr(T, dtype))}))


def test_heaviside_values_broadcasting_and_its_missing_derivative():
    def body(T):
        x = T.tensor([[-1.0, 0.0, 2.0, float("nan")], [0.0, -0.0, 3.0, -2.0]], requires_grad=True)
        values = T.tensor([0.5, 0.25, 0.75, 1.0], requires_grad=True)
        y = T.heaviside(x, values)
        z = x.detach().clone()
        z.heaviside_(T.tensor(0.5))
        try:
            y.sum().backward()
        except RuntimeError as e:
            return y, z, str(e)
        return y, z

    same(body)


def test_second_order_through_hardsigmoid_is_not_implemented():
    def body(T):
        x = T.tensor([-4.0, -1.0, 0.5, 3.5], requires_grad=True)
        (g,) = T.autograd.grad(T.nn.functional.hardsigmoid(x).sum(), x, create_graph=True)
        try:
            g.sum().backward()
        except RuntimeError as e:
            return g, str(e)
        return g

    same(body)
