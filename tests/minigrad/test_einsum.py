"""einsum against torch: values, gradients and the whole graph (torch's einsum is composite: diagonal,
permute, unsqueeze, sum, bmm, view), over fixed equations (explicit and implicit outputs, ellipses, repeated
labels, broadcasting, three operands, a list of operands, sublists) and random ones, and the errors."""

import numpy as np
import pytest
from _compare import same, same_error
from _finite_diff import seeds
from hypothesis import given, settings
from hypothesis import strategies as st


def graph(node):
    """The backward graph below node as nested names (iterative enough for these small graphs)."""
    if node is None:
        return None
    return (node.name(), tuple(graph(n) for n, _ in node.next_functions))


def run(t, equation, shapes, seed=0):
    rng = np.random.default_rng(seed)
    inputs = [t.tensor(rng.standard_normal(s), requires_grad=True) for s in shapes]
    out = t.einsum(equation, *inputs)
    w = t.tensor(rng.standard_normal(tuple(out.shape)))
    return out, graph(out.grad_fn), t.autograd.grad(out, inputs, w, allow_unused=True)


EQUATIONS = [
    ("ij,jk->ik", [(3, 4), (4, 5)]),
    ("ij->ji", [(3, 4)]),
    ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]),
    ("iij->j", [(2, 2, 3)]),
    ("ij->", [(3, 4)]),
    ("ij", [(3, 4)]),
    ("ji", [(3, 4)]),
    ("i,j->ij", [(3,), (4,)]),
    ("i,i->", [(3,), (3,)]),
    ("i,i,i->i", [(3,), (3,), (3,)]),
    ("bij,jk->bik", [(2, 3, 4), (4, 5)]),
    ("bij,bkj->bik", [(2, 3, 4), (2, 5, 4)]),
    ("bhqd,bhkd->bhqk", [(2, 2, 3, 4), (2, 2, 5, 4)]),
    ("...ij,...jk", [(2, 3, 4), (4, 2)]),
    ("...ij,...jk->...ik", [(1, 3, 4), (2, 4, 2)]),
    ("i...->...", [(2, 3, 4)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
    ("ij,ij->ij", [(2, 3), (1, 3)]),
    ("ab,b->", [(2, 3), (3,)]),
    ("Ab,bC->AC", [(2, 3), (3, 2)]),
    (" i j , j k -> i k ", [(2, 3), (3, 2)]),
    ("ij,kl->", [(2, 3), (2, 2)]),
    ("ij,jk->ik", [(0, 3), (3, 2)]),
]


@pytest.mark.parametrize("equation,shapes", EQUATIONS, ids=[e for e, _ in EQUATIONS])
def test_equations(equation, shapes):
    same(lambda t: run(t, equation, shapes))


def test_operand_list_and_sublists():
    def body(t):
        a, b = t.ones(2, 3), t.arange(6.0).reshape(3, 2)
        return t.einsum("ij,jk", [a, b]), t.einsum(a, [0, 1], b, [1, 2], [0, 2]), t.einsum(a, [Ellipsis, 1])

    same(body)


@st.composite
def random_equations(draw):
    letters = "abcd"
    sizes = {c: draw(st.integers(1, 3)) for c in letters}
    count = draw(st.integers(1, 3))
    terms = [draw(st.lists(st.sampled_from(letters), max_size=3)) for _ in range(count)]
    used = sorted({c for term in terms for c in term})
    explicit = draw(st.booleans())
    output = (
        draw(st.permutations(used).map(lambda p: p[: draw(st.integers(0, len(p)))])) if explicit else None
    )
    equation = ",".join("".join(term) for term in terms) + ("" if output is None else "->" + "".join(output))
    return equation, [tuple(sizes[c] for c in term) for term in terms]


@settings(deadline=None)
@given(case=random_equations(), seed=seeds)
def test_random_equations(case, seed):
    equation, shapes = case
    same(lambda t: run(t, equation, shapes, seed))


ERRORS = {
    "no_operand": lambda t, x: t.einsum("ij"),
    "fewer_operands": lambda t, x: t.einsum("ij,jk", x),
    "more_operands": lambda t, x: t.einsum("ij", x, x),
    "subscripts_count": lambda t, x: t.einsum("i", x),
    "two_ellipses": lambda t, x: t.einsum("i...j...", x),
    "bad_ellipsis": lambda t, x: t.einsum("i.j", x),
    "bad_subscript": lambda t, x: t.einsum("i1", x),
    "output_unknown": lambda t, x: t.einsum("ij->k", x),
    "output_twice": lambda t, x: t.einsum("ij->ii", x),
    "output_bad_subscript": lambda t, x: t.einsum("ij->i1", x),
    "output_bad_ellipsis": lambda t, x: t.einsum("ij->..", x),
    "diagonal_sizes": lambda t, x: t.einsum("ii", x),
    "broadcast_sizes": lambda t, x: t.einsum("ij,ij", x, t.randn(3, 3)),
    "ellipsis_sizes": lambda t, x: t.einsum("...ij,...ij", t.randn(2, 2, 3), t.randn(3, 2, 3)),
    "not_tensor": lambda t, x: t.einsum("ij", 1),
    "dtypes": lambda t, x: t.einsum("ij,jk", x, t.randn(3, 2).double()),
    "sublist_range": lambda t, x: t.einsum(x, [0, 60]),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors(name):
    same_error(lambda t: ERRORS[name](t, t.randn(2, 3)))
