"""The memory layout of elementwise results follows torch's: a user sees it through is_contiguous(),
whether .view(-1) works, and which node flatten() records (a view or a copy)."""

import numpy as np
import pytest
import torch
from _compare import same
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad


@st.composite
def laid_out_operands(draw):
    """Two operands of broadcast-compatible shapes, each a permutation of a contiguous tensor."""
    shape = draw(st.lists(st.integers(2, 4), min_size=2, max_size=4))
    operands = []
    for _ in range(2):
        ndim = draw(st.integers(2, len(shape)))  # a 1-D operand has one order only
        own = [1 if draw(st.booleans()) and draw(st.booleans()) else s for s in shape[-ndim:]]
        order = draw(st.permutations(range(ndim)))
        operands.append((own, order))
    return operands, draw(st.sampled_from(["add", "mul", "sub", "maximum", "mixed dtypes"]))


def build(T, spec):
    """The operand: a contiguous tensor of the permuted shape, permuted back (a non-contiguous view)."""
    own, order = spec
    stored = [own[d] for d in order]
    n = int(np.prod(stored))
    return T.arange(float(n)).reshape(stored).permute(*np.argsort(order).tolist())


def compute(T, case):
    (spec_a, spec_b), op = case
    a, b = build(T, spec_a), build(T, spec_b)
    if op == "mixed dtypes":
        return a + b.double()
    return getattr(T, op)(a, b)


def layout(t):
    """Strides in elements, of the dims longer than one (other strides are arbitrary)."""
    if isinstance(t, torch.Tensor):
        strides = t.stride()
    else:
        strides = [s // t._data.itemsize for s in t._data.strides]
    return tuple((size, stride) for size, stride in zip(t.shape, strides) if size != 1), t.is_contiguous()


@settings(max_examples=200)  # cheap, and most draws agree on a layout
@given(laid_out_operands())
def test_elementwise_results_are_laid_out_like_torchs(case):
    assert layout(compute(minigrad, case)) == layout(compute(torch, case)), case


USER_EXPRS = [
    "a.t() + b",
    "b + a.t()",
    "a.t() * b.t()",
    "T.exp(a.t()) - b",
    "a.t().clone()",  # clone and to() keep a dense layout (preserve_format)
    "a.t().double()",
    "a[:, ::2].t().clone()",  # not dense: made dense in the same dim order
    "T.ones(3, 1).expand(3, 4).t().clone()",  # ties (stride 0) broken as torch does
    "a.t()[None].expand(2, 4, 3).clone()",
    "T.clamp(a.t(), min=b)",
    "T.softmax(a.t(), 0)",  # computed on a contiguous copy
    "T.log_softmax(a.t(), 1)",
    "T.nn.functional.mse_loss(a.t(), b, reduction='none')",
]


@pytest.mark.parametrize("expr", USER_EXPRS)
def test_what_a_user_sees_of_the_layout(expr):
    def fn(T):
        names = {"T": T, "a": T.arange(12.0).reshape(3, 4).requires_grad_(), "b": T.ones(4, 3)}
        y = eval(expr, names)
        return y.is_contiguous(), y.flatten(), y.view(-1)  # view raises where y is not contiguous

    same(fn)


MEMORY_FORMAT_EXPRS = [
    "x.clone(memory_format=T.contiguous_format).is_contiguous()",
    "x.clone(memory_format=T.preserve_format).is_contiguous()",
    "x.clone(memory_format=3)",
    "x.contiguous(memory_format=T.preserve_format)",
    "x.contiguous().view(-1)",  # contiguous() copies in C order whatever clone() preserves
    "(repr(T.contiguous_format), repr(T.preserve_format), type(T.contiguous_format).__name__)",
]


@pytest.mark.parametrize("expr", MEMORY_FORMAT_EXPRS)
def test_memory_formats(expr):
    same(lambda T: eval(expr, {"T": T, "x": T.ones(2, 3, requires_grad=True).t()}))


@settings(max_examples=200)
@given(laid_out_operands())
def test_copies_keep_the_layout_like_torchs(case):
    (spec, _), _ = case
    for copy in ("clone", "double"):
        got, ref = getattr(build(minigrad, spec), copy)(), getattr(build(torch, spec), copy)()
        assert layout(got) == layout(ref), (spec, copy)


# (4, 2, 3) in memory order (1, 2, 0): results that torch lays out like it, or allocates contiguous
LAYOUT_EXPRS = [
    "T.zeros_like(p)",
    "T.full_like(p, 2)",
    "T.ones_like(p, memory_format=T.contiguous_format)",
    "p.sum(1, keepdim=True)",
    "p.mean(2)",
    "p.prod(2)",
    "T.logsumexp(p, 1)",
    "p.amax(1)",
    "p.max(2)",
    "p.argmax(1)",
    "T.cat([p, p])",
    "T.stack([p, p])",
    "2 ** p",
    "p.masked_fill(p > 2, 0)",
    "T.where(p > 1, p, 0.0)",
    "p > 1",
]


@pytest.mark.parametrize("expr", LAYOUT_EXPRS)
def test_results_are_laid_out_as_torch_allocates_them(expr):
    def fn(T):
        y = eval(expr, {"T": T, "p": T.arange(24.0).reshape(2, 3, 4).permute(2, 0, 1)})
        y = y[0] if isinstance(y, tuple) else y
        return y.is_contiguous(), y, y.reshape(-1)

    same(fn)


SOURCES = [
    "T.ones(3, 4).t()",
    "T.ones(2, 3, 4).permute(2, 0, 1)",  # 24 values: torch's vectorised normal would apply if contiguous
    "T.ones(5, 1).expand(5, 8).t()",  # not dense: a contiguous result
    "T.ones(4, 6)[:, ::2].t()",
]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("factory", ["rand_like", "randn_like"])
def test_random_like_fills_memory_in_torchs_order(source, factory):
    def fn(T):
        T.manual_seed(0)
        y = getattr(T, factory)(eval(source, {"T": T}))
        return y.is_contiguous(), y, getattr(T, factory)(y)  # and the generator's state after

    same(fn)
