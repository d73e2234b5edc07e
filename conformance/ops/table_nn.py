"""Matrix products and nn.functional: matmul (@), mm, linear, mse_loss, nll_loss, cross_entropy."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.ops import forms as K
from conformance.ops import inputs as I
from conformance.ops.opinfo import OpInfo

AB_MATRICES = {
    "a": "torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)",
    "b": "torch.tensor([[1.0, 2.0], [-0.5, 0.0], [0.25, 1.5]], requires_grad=True)",
}

# matmul's operand ranks: (1, 1) is a dot product, 1 on a side is a vector, 3 adds broadcast batch dims
MATMUL_RANKS = ((1, 1), (1, 2), (2, 1), (2, 2), (3, 2), (2, 3), (3, 3), (3, 1), (1, 3))


def _side(draw):
    return draw(st.integers(1, 4))


def _matmul_shapes(draw, ranks):
    n, k, m = _side(draw), draw(st.sampled_from([0, 1, 2, 3, 4])), _side(draw)
    batch_a = batch_b = _side(draw)
    if ranks == (3, 3) and draw(st.booleans()):  # batch dims broadcast: one side may be 1
        batch_a, batch_b = draw(st.sampled_from([(1, batch_a), (batch_a, 1)]))
    a_shape = {1: (k,), 2: (n, k), 3: (batch_a, n, k)}[ranks[0]]
    b_shape = {1: (k,), 2: (k, m), 3: (batch_b, k, m)}[ranks[1]]
    return a_shape, b_shape


def _matmul_inputs(ranks):
    def draw_inputs(draw, dtype, form):
        a_shape, b_shape = _matmul_shapes(draw, draw(st.sampled_from(ranks)))
        return {"a": I.tensor(draw, dtype, a_shape), "b": I.tensor(draw, dtype, b_shape)}, {}

    return draw_inputs


def _inner_mismatch(ranks):
    def draw_inputs(draw, form):
        a_shape, b_shape = _matmul_shapes(draw, draw(st.sampled_from(ranks)))
        b_shape = (*b_shape[:-2], b_shape[-2] + 1, b_shape[-1]) if len(b_shape) > 1 else (b_shape[0] + 1,)
        return {"a": I.tensor(draw, "float32", a_shape), "b": I.tensor(draw, "float32", b_shape)}, {}

    return draw_inputs


def _mixed_dtypes(draw, form):
    a_shape, b_shape = _matmul_shapes(draw, (2, 2))
    return {"a": I.tensor(draw, "float32", a_shape), "b": I.tensor(draw, "int64", b_shape)}, {}


def _vector_b(draw, form):
    k = _side(draw)
    return {"a": I.tensor(draw, "float32", (2, k)), "b": I.tensor(draw, "float32", (k,))}, {}


MATMUL = OpInfo(
    name="MATMUL",
    title="matmul and @: dot, matrix-vector, matrix-matrix and broadcast batched products",
    explanation="""matmul dispatches on ranks: 1-d x 1-d is a dot product (0-d result), a 1-d operand is
    treated as a vector on its side and its dim removed from the result, and leading dims are batch dims
    that broadcast. The gradient of each operand is the upstream gradient times the other's transpose,
    summed over broadcast batch dims. Both operands must have the same dtype.""",
    doc="torch.matmul",
    forms=("torch.matmul(a, b)", "a.matmul(b)", "a @ b"),
    inputs=_matmul_inputs(MATMUL_RANKS),
    dtypes=I.FLOATS_AND_INT,
    errors=(("a @ b", _inner_mismatch(MATMUL_RANKS)), ("torch.matmul(a, b)", _mixed_dtypes)),
    example="a @ b",
    example_inputs=AB_MATRICES,
)

MM = OpInfo(
    name="MM",
    title="mm: matrix-matrix product of two 2-d tensors only",
    explanation="mm takes exactly two matrices with matching inner sizes (MmBackward0); no broadcasting.",
    doc="torch.mm",
    forms=("torch.mm(a, b)", "a.mm(b)"),
    inputs=_matmul_inputs(((2, 2),)),
    dtypes=I.FLOATS_AND_INT,
    errors=(
        ("torch.mm(a, b)", _inner_mismatch(((2, 2),))),
        ("torch.mm(a, b)", _vector_b),
        ("a.mm(b)", _mixed_dtypes),
    ),
    example="torch.mm(a, b)",
    example_inputs=AB_MATRICES,
)


def _linear_inputs(draw, dtype, form):
    fan_in, fan_out = _side(draw), _side(draw)
    x_shape = (*I.shape(draw, max_dims=2), fan_in)
    tensors = {
        "a": I.tensor(draw, dtype, x_shape),
        "w": I.tensor(draw, dtype, (fan_out, fan_in)),
        "b": I.tensor(draw, dtype, (fan_out,)),
    }
    if not K.uses(form, "b"):
        del tensors["b"]
    return tensors, {}


def _linear_mismatch(draw, form):
    fan_in = _side(draw)
    tensors = {
        "a": I.tensor(draw, "float32", (2, fan_in)),
        "w": I.tensor(draw, "float32", (3, fan_in + 1)),
        "b": I.tensor(draw, "float32", (3,)),
    }
    return tensors, {}


LINEAR = OpInfo(
    name="LINEAR",
    title="F.linear: a @ w.T + b over any leading dims",
    explanation="""F.linear(x, w, b) computes x @ w.T + b for x of shape (..., in), w (out, in) and optional
    b (out,); the bias gradient sums over every leading dim.""",
    doc="torch.nn.functional.linear",
    forms=("F.linear(a, w)", "F.linear(a, w, b)"),
    inputs=_linear_inputs,
    errors=(("F.linear(a, w, b)", _linear_mismatch),),
    example="F.linear(a, w, b)",
    example_inputs={
        "a": "torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)",
        "w": "torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]], requires_grad=True)",
        "b": "torch.tensor([0.1, -0.2], requires_grad=True)",
    },
)


def _same_shape_pair(draw, dtype, form):
    a_shape = I.shape(draw)
    return {"a": I.tensor(draw, dtype, a_shape), "b": I.tensor(draw, dtype, a_shape)}, {}


MSE_LOSS = OpInfo(
    name="MSE_LOSS",
    title="F.mse_loss with reduction mean, sum or none",
    explanation="""Mean (or sum, or elementwise) squared difference; both input and target receive
    gradients (2 * (a - b) / n for the mean). Shapes that do not broadcast are an error.""",
    doc="torch.nn.functional.mse_loss",
    forms=("F.mse_loss(a, b)", "F.mse_loss(a, b, reduction='sum')", "F.mse_loss(a, b, reduction='none')"),
    inputs=_same_shape_pair,
    errors=(("F.mse_loss(a, b)", K.mismatched),),
    example="F.mse_loss(a, b)",
    example_inputs={
        "a": "torch.tensor([0.5, -1.0, 2.0], requires_grad=True)",
        "b": "torch.tensor([1.0, 0.0, 2.5])",
    },
)

REDUCTIONS = ("", ", reduction='sum'", ", reduction='none'")


def _class_inputs(draw, dtype, form):
    """Scores ``a`` of shape (N, C) or (C,), class targets ``t``, probability targets ``p``."""
    classes = _side(draw)
    batch = () if draw(st.integers(0, 3)) == 0 else (_side(draw),)
    targets = draw(st.lists(st.integers(0, classes - 1), min_size=I.numel(batch), max_size=I.numel(batch)))
    tensors = {"a": I.tensor(draw, dtype, (*batch, classes)), "t": ("int64", batch, targets)}
    if K.uses(form, "p"):
        del tensors["t"]
        tensors["p"] = I.tensor(draw, dtype, (*batch, classes), I.POSITIVE)
    return tensors, {}


def _class_errors(draw, form):
    classes, batch = _side(draw), _side(draw)
    a = I.tensor(draw, "float32", (batch, classes))
    wrong = draw(st.sampled_from(["target", "batch", "dtype"]))
    if wrong == "target":  # one class index out of range
        t = ("int64", (batch,), [0] * (batch - 1) + [classes + draw(st.integers(0, 2))])
    elif wrong == "batch":
        t = ("int64", (batch + 1,), [0] * (batch + 1))
    else:
        t = ("float32", (batch,), [0.0] * batch)
    return {"a": a, "t": t}, {}


def _class_loss(name, fn, title, explanation, extra_forms=()):
    return OpInfo(
        name=name,
        title=title,
        explanation=explanation,
        doc=f"torch.nn.functional.{fn}",
        forms=tuple(f"F.{fn}(a, t{r})" for r in REDUCTIONS) + extra_forms,
        inputs=_class_inputs,
        errors=((f"F.{fn}(a, t)", _class_errors),),
        example=f"F.{fn}(a, t)",
        example_inputs={
            "a": "torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)",
            "t": "torch.tensor([2, 0])",
        },
    )


NLL_LOSS = _class_loss(
    "NLL_LOSS",
    "nll_loss",
    "F.nll_loss: picks -a[target] per sample, reduction mean, sum or none",
    """nll_loss expects log-probabilities of shape (N, C) (or (C,) with a 0-d target) and int64 class
    targets; the gradient is -1 (over N for the mean) at each target class and 0 elsewhere. A target
    out of range, a batch size mismatch, or float targets are errors.""",
)

CROSS_ENTROPY = _class_loss(
    "CROSS_ENTROPY",
    "cross_entropy",
    "F.cross_entropy: log_softmax + nll_loss, with class or probability targets",
    """cross_entropy applies log_softmax over the class dim and then nll_loss; with float targets of the
    input's shape it is the cross entropy against those probabilities (and the targets get gradients too).""",
    extra_forms=("F.cross_entropy(a, p)", "F.cross_entropy(a, p, reduction='none')"),
)

OPS = [MATMUL, MM, LINEAR, MSE_LOSS, NLL_LOSS, CROSS_ENTROPY]
