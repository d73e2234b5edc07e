"""Kinks and ties: the points where a function has no unique derivative and torch picks one.

Random floats almost never land on 0 exactly, so a backend whose relu(x) is x.clamp(min=0) (gradient
1 at 0; torch's is 0) passes every check that draws from an interval. These checks draw *at* the kinks
(0, -0.0, the bounds of clamp and hardtanh, the thresholds of relu6 and hardswish) and make ties in
reductions likely, and compare the values and gradients with torch's.
"""

from hypothesis import strategies as st

from conformance.catalog import Rule

DOCS_AUTOGRAD = (
    "https://pytorch.org/docs/stable/notes/autograd.html#gradients-for-non-differentiable-functions"
)

# Values that sit on the kinks of the ops below, and a few that do not.
KINK_POINTS = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 6.0, 0.5, -0.5, 2.0]


def _kink_data(min_dims=0):
    """``(shape, flat)`` with values from the kink points: ties and kinks on almost every draw."""

    def values(shape):
        n = 1
        for side in shape:
            n *= side
        return st.lists(st.sampled_from(KINK_POINTS), min_size=n, max_size=n).map(lambda flat: (shape, flat))

    return st.lists(st.integers(1, 3), min_size=min_dims, max_size=2).map(tuple).flatmap(values)


def _upstream():
    return st.lists(st.sampled_from([1.0, -1.0, 0.5, 2.0]), min_size=1, max_size=4)


KINKS = Rule(
    id="KINK-001",
    area="kinks",
    title="At a kink torch picks one subgradient: relu'(0) = 0, abs'(0) = 0, clamp passes it at its bounds",
    explanation="""
        Where a function has a corner, torch's backward uses a fixed one-sided choice, and programs
        depend on it (a ReLU unit at exactly 0 gets no gradient). relu, relu6, hardtanh and threshold
        give 0 at the kink; abs and sign give 0 at 0 (also at -0.0); clamp and clamp_min/clamp_max pass
        the gradient through when x equals a bound (the bound is inside the range); leaky_relu and elu
        take the left slope at 0; hardsigmoid and hardswish take the inner side at ±3; maximum and
        minimum of equal values split the gradient in half; sqrt at 0 has an infinite gradient. Values
        are drawn on those points.
    """,
    example="""
        import torch
        x = torch.tensor([0.0, -0.0, 1.0, -1.0], requires_grad=True)
        for make in (torch.relu, torch.abs, lambda t: t.clamp(min=0), lambda t: t.clamp(-1, 1)):
            x.grad = None
            make(x).sum().backward()
            print(x.grad)
    """,
    source=DOCS_AUTOGRAD,
)

UNARY_KINKS = [
    "torch.relu(x)", "F.relu(x)", "x.relu()", "x.abs()", "x.sign()", "x.clamp(min=0.0)",
    "x.clamp(max=1.0)", "x.clamp(-1.0, 1.0)", "x.clamp_min(0.5)", "x.clamp_max(-0.5)", "F.hardtanh(x)",
    "F.relu6(x)", "F.leaky_relu(x, 0.1)", "F.elu(x)", "F.celu(x)", "F.selu(x)", "F.hardsigmoid(x)",
    "F.hardswish(x)", "F.threshold(x, 0.5, -2.0)", "F.softshrink(x, 0.5)", "F.hardshrink(x, 0.5)",
    "x.sqrt()", "x.floor()", "x.round()", "x.trunc()", "x.frac()", "F.gelu(x)", "F.silu(x)",
    "F.softplus(x, beta=1.0, threshold=2.0)", "x.heaviside(torch.tensor(0.5))",
    "torch.nan_to_num(x.log())",
]  # fmt: skip


@KINKS.check("unary", expr=st.sampled_from(UNARY_KINKS), data=_kink_data(), grad=_upstream())
def unary_kinks(torch, obs, expr, data, grad):
    shape, flat = data
    x = torch.tensor(flat).reshape(shape).requires_grad_()
    out = eval(expr, {"torch": torch, "F": torch.nn.functional, "x": x})
    obs.record(expr, out)
    n = out.numel()
    with obs.raises("backward"):  # some have no derivative (heaviside): torch says so
        out.backward(torch.tensor((grad * n)[:n]).reshape(out.shape))
    obs.record("x.grad", x.grad)


BINARY_KINKS = [
    "torch.maximum(x, y)", "torch.minimum(x, y)", "torch.fmax(x, y)", "torch.fmin(x, y)",
    "torch.max(x, y)", "x.clamp(min=y)", "x.clamp(max=y)", "torch.where(x > y, x, y)", "torch.atan2(x, y)",
    "torch.hypot(x, y)", "torch.copysign(x, y)", "torch.remainder(x, y)", "torch.fmod(x, y)",
]  # fmt: skip


@st.composite
def _pair(draw):
    """``(shape, x values)`` and y values of the same shape: half the time y equals x (ties)."""
    shape, flat = draw(_kink_data())
    n = len(flat)
    other = (
        list(flat)
        if draw(st.booleans())
        else draw(st.lists(st.sampled_from(KINK_POINTS), min_size=n, max_size=n))
    )
    return (shape, flat), other


_PAIRS = st.shared(_pair(), key="KINK-001 pair")


@KINKS.check(
    "binary",
    expr=st.sampled_from(BINARY_KINKS),
    data=_PAIRS.map(lambda p: p[0]),
    other=_PAIRS.map(lambda p: p[1]),
)
def binary_kinks(torch, obs, expr, data, other):
    shape, flat = data
    x = torch.tensor(flat).reshape(shape).requires_grad_()
    y = torch.tensor(other).reshape(shape).requires_grad_()
    out = eval(expr, {"torch": torch, "x": x, "y": y})
    obs.record(expr, out)
    out.sum().backward()
    obs.record("x.grad", x.grad)
    obs.record("y.grad", y.grad)


TIES = Rule(
    id="KINK-002",
    area="kinks",
    title="Ties in max, min, median and sorting: which element gets the gradient",
    explanation="""
        When several elements share the extreme value, torch's reductions without a dim (max(), min(),
        amax, amin, and median() which takes the lower middle value) split the gradient evenly among the
        tied elements, while the forms with a dim (max(dim), min(dim), median(dim), kthvalue, mode,
        topk, sort) return an index per row and send the whole gradient to that element. Which index
        wins a tie is part of the result (argmax returns the first maximal index).
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0, 2.0], requires_grad=True)
        x.max().backward()
        print(x.grad)
        x.grad = None
        x.max(0).values.backward()
        print(x.grad, x.argmax())
    """,
    source="https://pytorch.org/docs/stable/generated/torch.max.html",
)

TIE_EXPRESSIONS = [
    "x.max()", "x.min()", "x.amax()", "x.amin()", "x.median()", "x.nanmedian()", "x.max(dim=-1)",
    "x.min(dim=0)", "x.amax(dim=-1)", "x.amin(dim=0, keepdim=True)", "x.median(dim=-1)",
    "x.kthvalue(1, dim=-1)", "x.mode(dim=-1)", "x.topk(1, dim=-1)", "x.sort(dim=-1, stable=True)",
    "x.argmax()", "x.argmin(dim=-1)", "x.cummax(dim=-1)", "x.cummin(dim=0)", "x.norm(p=float('inf'))",
    "x.logsumexp(dim=-1)", "x.prod()", "torch.aminmax(x)", "x.msort()",
    "x.unique(sorted=True, return_inverse=True)",
]  # fmt: skip
TIE_VALUES = st.sampled_from([0.0, 1.0, 2.0, -1.0])


def _tie_data():
    """``(shape, flat)`` of at least one dim, from four values: ties in almost every row."""

    def values(shape):
        n = 1
        for side in shape:
            n *= side
        return st.lists(TIE_VALUES, min_size=n, max_size=n).map(lambda flat: (shape, flat))

    return st.lists(st.integers(1, 3), min_size=1, max_size=2).map(tuple).flatmap(values)


@TIES.check("reductions", expr=st.sampled_from(TIE_EXPRESSIONS), data=_tie_data(), grad=_upstream())
def tie_reductions(torch, obs, expr, data, grad):
    shape, flat = data
    x = torch.tensor(flat).reshape(shape).requires_grad_()
    out = eval(expr, {"torch": torch, "x": x})
    obs.record(expr, out)
    outs = [t for t in (out if isinstance(out, tuple) else (out,)) if t.requires_grad]
    if outs:
        n = outs[0].numel()
        with obs.raises("backward"):  # some have no derivative (unique): torch says so
            outs[0].backward(torch.tensor((grad * n)[:n]).reshape(outs[0].shape))
    obs.record("x.grad", x.grad)


MASKS = Rule(
    id="KINK-003",
    area="kinks",
    title="where and masks send zeros to the branch not taken, and 0 * nan is nan",
    explanation="""
        torch.where(c, a, b) passes the gradient to a where c holds and to b elsewhere, and zeros to
        the other branch. Both branches are still computed, so a branch that is nan or infinite where
        it is not taken poisons the gradient through its own backward: for where(x > 0, x.sqrt(), 0)
        at x = -1, sqrt's backward multiplies the zero by 1/(2*sqrt(-1)) = nan, and x.grad is nan.
        masked_fill and multiplying by a mask behave the same way.
    """,
    example="""
        import torch
        x = torch.tensor([-1.0, 0.0, 4.0], requires_grad=True)
        torch.where(x > 0, x.sqrt(), torch.zeros(())).sum().backward()
        print(x.grad)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.where.html",
)

MASK_EXPRESSIONS = [
    "torch.where(x > 0, x.sqrt(), torch.zeros(()))", "torch.where(x != 0, 1 / x, x)",
    "torch.where(x > 0, x, -x)", "x.masked_fill(x < 0, 0.0)", "x * (x > 0)",
    "torch.where(x == 0, torch.ones(()), x).log()", "torch.where(x >= 0, x.log(), x)", "x.abs().sqrt()",
    "(x * x).sqrt()", "x.norm()", "x.pow(2).sum().sqrt()", "torch.nn.functional.normalize(x, dim=0)",
    "x / x.norm()",
]  # fmt: skip


@MASKS.check("masks", expr=st.sampled_from(MASK_EXPRESSIONS), data=_kink_data(min_dims=1))
def masked_branches(torch, obs, expr, data):
    shape, flat = data
    x = torch.tensor(flat).reshape(shape).requires_grad_()
    out = eval(expr, {"torch": torch, "x": x})
    obs.record(expr, out)
    out.sum().backward()
    obs.record("x.grad", x.grad)


POWERS = Rule(
    id="KINK-004",
    area="kinks",
    title="pow at zero: 0 ** 0 is 1, and the exponent's gradient at a zero base is 0",
    explanation="""
        x ** 0 is 1 for every x (0 ** 0 included) and its gradient is 0. The gradient of x ** p with
        respect to x is p * x ** (p - 1): at x = 0 that is 0 for p > 1, 1 for p = 1 and infinite for
        0 < p < 1. With respect to a tensor exponent it is x ** p * log(x), and torch defines it as 0
        where x is 0 and p is not negative (log(0) is -inf, but the limit is 0). Negative bases with
        fractional exponents give nan.
    """,
    example="""
        import torch
        x = torch.tensor([0.0, 0.0, 2.0], requires_grad=True)
        p = torch.tensor([0.0, 2.0, 0.5], requires_grad=True)
        (x ** p).sum().backward()
        print(x.grad, p.grad)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.pow.html",
)

BASES = st.sampled_from([0.0, -0.0, 1.0, -1.0, 2.0, 0.5, -2.0])
EXPONENTS = st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, -1.0, -0.5])


@POWERS.check(
    "pow",
    form=st.sampled_from(
        ["x ** p", "torch.pow(x, p)", "x ** c", "c ** x", "torch.pow(c, p)", "x.pow(c)", "x.float_power(p)"]
    ),
    bases=st.lists(BASES, min_size=1, max_size=4),
    exponents=st.lists(EXPONENTS, min_size=4, max_size=4),
    c=st.sampled_from([0.0, 0.5, 1.0, 2.0, -1.0, 0]),
)
def powers_at_zero(torch, obs, form, bases, exponents, c):
    x = torch.tensor(bases, requires_grad=True)
    p = torch.tensor(exponents[: len(bases)], requires_grad=True)
    out = eval(form, {"torch": torch, "x": x, "p": p, "c": c})
    obs.record(form, out)
    if out.requires_grad:
        out.sum().backward()
    obs.record("x.grad", x.grad)
    obs.record("p.grad", p.grad)
