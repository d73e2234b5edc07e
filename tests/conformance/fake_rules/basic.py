"""Rules that pass on torch; the fake backends misbehave only in torch.exp."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, shapes, tensor_data

LEAF = Rule(
    id="TLEAF-001",
    area="leaves",
    title="requires_grad=True makes a leaf",
    explanation="A test rule.",
    example="""
        import torch
        print(torch.ones(2, requires_grad=True).is_leaf)
    """,
)


@LEAF.check("requires-grad", dtype=float_dtypes(), data=tensor_data(shapes(max_dims=2)))
def requires_grad_leaf(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    obs.record("x", x)


ACCUMULATE = Rule(
    id="TACC-001",
    area="accumulation",
    title="backward() adds into .grad",
    explanation="A test rule.",
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        (x * 3).sum().backward()
        (x * 3).sum().backward()
        print(x.grad)
    """,
)


@ACCUMULATE.check("two-backwards", data=tensor_data(shapes(max_dims=2)))
def two_backwards(torch, obs, data):
    shape, flat = data
    x = torch.tensor(flat).reshape(shape).requires_grad_()
    (x * 3).sum().backward()
    (x * 3).sum().backward()
    obs.record("x.grad", x.grad)


EXP = Rule(
    id="TOPS-001",
    area="ops",
    title="exp and its gradient",
    explanation="A test rule.",
    example="""
        import torch
        x = torch.zeros(2, requires_grad=True)
        torch.exp(x).sum().backward()
        print(x.grad)
    """,
)


@EXP.check("exp", dtype=float_dtypes(), data=tensor_data(shapes(min_dims=1, max_dims=2)))
def exp_and_grad(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = torch.exp(x)
    obs.record("y", y)
    y.sum().backward()
    obs.record("x.grad", x.grad)


ADD = Rule(
    id="TOPS-002",
    area="ops",
    title="add of a scalar",
    explanation="A test rule.",
    example="""
        import torch
        print(torch.ones(2) + 1)
    """,
)


@ADD.check("scalar", k=st.integers(-3, 3))
def add_scalar(torch, obs, k):
    obs.record("ones + k", torch.ones(2) + k)


@ADD.check("no-arguments")
def add_nothing_drawn(torch, obs):
    obs.record("zeros + ones", torch.zeros(3) + torch.ones(3))
