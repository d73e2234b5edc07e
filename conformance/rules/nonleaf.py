"""Non-leaf tensors' .grad, and retain_grad() to keep it."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, shapes, tensor_data

DOCS_RETAIN_GRAD = "https://pytorch.org/docs/stable/generated/torch.Tensor.retain_grad.html"
DOCS_GRAD = "https://pytorch.org/docs/stable/generated/torch.Tensor.grad.html"

NEVER_STORED = Rule(
    id="NONLEAF-001",
    area="nonleaf",
    title="A non-leaf's .grad is never populated: it reads None, with a UserWarning",
    explanation="""
        The article says non-leaf gradients are "released" after backward. In torch they are never
        stored in the first place: backward computes them on the way to the leaves and passes them on.
        Reading .grad of a non-leaf gives None before and after backward, and torch warns that
        the .grad of a non-leaf is being accessed and suggests retain_grad().
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x * 2
        y.sum().backward()
        print(x.grad, y.grad)
    """,
    claim=4,
    verdict="differs: non-leaf gradients are not released after backward, they are never stored"
    " (reading .grad gives None and a UserWarning)",
    source=DOCS_GRAD,
)


@NEVER_STORED.check(
    "chain",
    # Bounded ops with slopes of at most 1: a chain of exps (exp(exp(3)) ~ 5e8, then sin) would turn
    # the 1-ulp differences two correct engines may have into large ones; .grad storage is the point.
    ops=st.lists(st.sampled_from(["sigmoid", "tanh", "neg", "sin"]), min_size=1, max_size=4),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def never_stored(torch, obs, ops, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    chain = [x]
    for op in ops:
        chain.append(getattr(chain[-1], op)())
    with obs.warns("reading .grad before backward"):
        obs.record("before", [t.grad for t in chain[1:]])
    chain[-1].sum().backward()
    with obs.warns("reading .grad after backward"):
        obs.record("after", [t.grad for t in chain[1:]])
    obs.record("x.grad", x.grad)


RETAIN_GRAD = Rule(
    id="NONLEAF-002",
    area="nonleaf",
    title="retain_grad() makes backward() store a non-leaf's gradient in its .grad",
    explanation="""
        Call retain_grad() on a non-leaf before backward() and its gradient is kept in .grad, with
        no warning on access. Its retains_grad flag turns True.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * x
        y.retain_grad()
        (y * 3).sum().backward()
        print(y.retains_grad, y.grad, x.grad)
    """,
    source=DOCS_RETAIN_GRAD,
)


@RETAIN_GRAD.check("chain", which=st.integers(0, 3), dtype=float_dtypes(), data=tensor_data())
def retain_grad_populates(torch, obs, which, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    # Small values and slopes kept away from 0 (0.5 + 0.25 cos is in [0.25, 0.75]): the gradient is
    # well-conditioned, so engines that round differently by an ulp still agree within tolerance.
    chain = [x.tanh()]
    for _ in range(3):
        chain.append(chain[-1] * 0.5 + chain[-1].sin() * 0.25)
    kept = chain[which]
    obs.record("retains_grad before", kept.retains_grad)
    kept.retain_grad()
    obs.record("retains_grad after", kept.retains_grad)
    chain[-1].sum().backward()
    with obs.warns("reading the retained .grad"):
        obs.record("kept.grad", kept.grad)
    obs.record("x.grad", x.grad)


RETAINED_ACCUMULATES = Rule(
    id="NONLEAF-003",
    area="nonleaf",
    title="A retained non-leaf gradient is not cleared after backward: it accumulates like a leaf's",
    explanation="""
        The article says non-leaf gradients are cleared after backward. Either they were never stored
        (see NONLEAF-001) or, with retain_grad(), they stay: a second backward through the same graph
        adds into the retained .grad, just as for leaves.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x * 2
        y.retain_grad()
        z = (y * y).sum()
        z.backward(retain_graph=True)
        print(y.grad)
        z.backward()
        print(y.grad)
    """,
    claim=7,
    verdict="differs: nothing is cleared; without retain_grad() the gradient is never stored,"
    " with it the gradient stays and accumulates",
    source=DOCS_RETAIN_GRAD,
)


@RETAINED_ACCUMULATES.check("passes", passes=st.integers(1, 4), dtype=float_dtypes(), data=tensor_data())
def retained_accumulates(torch, obs, passes, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 2
    y.retain_grad()
    z = (y * y).sum()
    for k in range(passes):
        z.backward(retain_graph=True)
        obs.record(f"y.grad after pass {k + 1}", y.grad)
    obs.record("x.grad", x.grad)


RETAINS_GRAD_FLAG = Rule(
    id="NONLEAF-004",
    area="nonleaf",
    title="retain_grad() on a leaf is a no-op: retains_grad stays False, yet the leaf gets its .grad",
    explanation="""
        retains_grad reports whether a non-leaf will keep its gradient. Leaves keep theirs anyway, so
        retain_grad() on a leaf that requires grad changes nothing and retains_grad remains False.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        x.retain_grad()
        y = x * 2
        print(x.retains_grad, y.retains_grad)
        y.sum().backward()
        print(x.grad)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.retains_grad.html",
)


@RETAINS_GRAD_FLAG.check("leaf", dtype=float_dtypes(), data=tensor_data())
def retain_grad_on_leaf(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    obs.record("returns", x.retain_grad())
    obs.record("x.retains_grad", x.retains_grad)
    y = x * 2
    obs.record("y.retains_grad", y.retains_grad)
    y.sum().backward()
    obs.record("x.grad", x.grad)
    obs.record("x.retains_grad after backward", x.retains_grad)


NEEDS_REQUIRES_GRAD = Rule(
    id="NONLEAF-005",
    area="nonleaf",
    title="retain_grad() on a tensor that doesn't require grad raises",
    explanation="""
        There is no gradient to keep for a tensor outside the graph, so retain_grad() raises
        "can't retain_grad on Tensor that has requires_grad=False", for factory tensors and for results
        computed without grad alike.
    """,
    example="""
        import torch
        try:
            torch.ones(2).retain_grad()
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_RETAIN_GRAD,
)


@NEEDS_REQUIRES_GRAD.check(
    "untracked", computed=st.booleans(), dtype=float_dtypes(), shape=shapes(min_side=0)
)
def retain_grad_untracked(torch, obs, computed, dtype, shape):
    t = torch.ones(shape, dtype=getattr(torch, dtype))
    if computed:
        t = t * 2
    with obs.raises("retain_grad()"):
        t.retain_grad()
    obs.record("retains_grad", t.retains_grad)


RETAIN_TOO_LATE = Rule(
    id="NONLEAF-006",
    area="nonleaf",
    title="retain_grad() after backward() does not fill .grad retroactively",
    explanation="""
        retain_grad() takes effect for backward passes that run after it. Calling it once backward is done
        leaves .grad None (now without a warning, since the tensor retains grad); a later backward through
        the same graph (retain_graph=True) does fill it.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x * 2
        z = (y * y).sum()
        z.backward(retain_graph=True)
        y.retain_grad()
        print(y.grad)
        z.backward()
        print(y.grad)
    """,
    source=DOCS_RETAIN_GRAD,
)


@RETAIN_TOO_LATE.check("late", dtype=float_dtypes(), data=tensor_data())
def retain_grad_late(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 2
    z = (y * y).sum()
    z.backward(retain_graph=True)
    y.retain_grad()
    with obs.warns("reading y.grad after a late retain_grad"):
        obs.record("y.grad", y.grad)
    z.backward()
    obs.record("y.grad after the next backward", y.grad)
