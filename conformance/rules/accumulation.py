"""Gradient accumulation: .grad is added to, in place, until you reset it."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, shapes, tensor_data

DOCS_BACKWARD = "https://pytorch.org/docs/stable/generated/torch.Tensor.backward.html"
DOCS_ZERO_GRAD = "https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html"

REPEATED_BACKWARD = Rule(
    id="ACCUM-001",
    area="accumulation",
    title="Each backward() adds into .grad; it never overwrites",
    explanation="""
        backward() accumulates: the new gradient is added to whatever .grad already holds. Running the
        forward and backward k times leaves k times the gradient of one pass, which is why training loops
        reset gradients between steps.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        for _ in range(3):
            (x * 3).sum().backward()
            print(x.grad)
    """,
    claim=4,
    verdict="agrees",
    source=DOCS_BACKWARD,
)


@REPEATED_BACKWARD.check("k-passes", passes=st.integers(1, 4), dtype=float_dtypes(), data=tensor_data())
def repeated_backward(torch, obs, passes, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    for k in range(passes):
        (x * x * 0.5 + x.sin()).sum().backward()
        obs.record(f"x.grad after pass {k + 1}", x.grad)


USES_ADD_UP = Rule(
    id="ACCUM-002",
    area="accumulation",
    title="A leaf used several times in one forward gets the sum of all its uses' gradients",
    explanation="""
        Within a single backward pass, every path from the root to a leaf contributes; their gradients
        are summed into the leaf's .grad. Using x k times in a sum gives k times the gradient of one use.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (x * x + x + x).sum().backward()
        print(x.grad)
    """,
    source="https://pytorch.org/docs/stable/notes/autograd.html",
)


@USES_ADD_UP.check("k-uses", uses=st.integers(1, 5), dtype=float_dtypes(), data=tensor_data())
def uses_add_up(torch, obs, uses, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    total = x.exp()
    for _ in range(uses - 1):
        total = total + x.exp()
    total.sum().backward()
    obs.record("x.grad", x.grad)


RESETTING = Rule(
    id="ACCUM-003",
    area="accumulation",
    title="x.grad = None starts a fresh gradient tensor; x.grad.zero_() clears the same one",
    explanation="""
        Two ways to reset: setting .grad to None drops the tensor, and the next backward stores a new
        one (a reference kept from before still shows the old values). zero_() fills the existing tensor
        with zeros in place; backward then accumulates into that same object.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        (x * 3).sum().backward()
        old = x.grad
        x.grad = None
        (x * 5).sum().backward()
        print(old, x.grad, x.grad is old)
        x.grad.zero_()
        kept = x.grad
        (x * 7).sum().backward()
        print(kept, x.grad is kept)
    """,
    source=DOCS_ZERO_GRAD,
)


@RESETTING.check("set-none", dtype=float_dtypes(), data=tensor_data())
def reset_with_none(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    (x * 3).sum().backward()
    old = x.grad
    x.grad = None
    obs.record("x.grad after reset", x.grad)
    (x * x).sum().backward()
    obs.record("old reference", old)
    obs.record("x.grad", x.grad)
    obs.record("same object", x.grad is old)


@RESETTING.check("zero_", dtype=float_dtypes(), data=tensor_data())
def reset_with_zero(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    (x * 3).sum().backward()
    old = x.grad
    obs.record("zero_ returns the grad", x.grad.zero_() is old)
    obs.record("x.grad after zero_", x.grad)
    (x * x).sum().backward()
    obs.record("old reference", old)
    obs.record("same object", x.grad is old)


IN_PLACE = Rule(
    id="ACCUM-004",
    area="accumulation",
    title="Accumulation happens in place: a reference to .grad taken earlier changes too",
    explanation="""
        Once .grad exists, a later backward() adds into that very tensor rather than replacing it. A
        variable that holds x.grad from an earlier step is the same object and shows the new sum, so
        copy it (x.grad.clone()) if you want a snapshot.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        (x * 2).sum().backward()
        snapshot, ref = x.grad.clone(), x.grad
        (x * 2).sum().backward()
        print(snapshot, ref, ref is x.grad)
    """,
    source="https://github.com/pytorch/pytorch/blob/main/torch/csrc/autograd/functions/accumulate_grad.h",
)


@IN_PLACE.check("reference", passes=st.integers(2, 4), dtype=float_dtypes(), data=tensor_data())
def accumulation_in_place(torch, obs, passes, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    (x * x).sum().backward()
    ref, snapshot = x.grad, x.grad.clone()
    for _ in range(passes - 1):
        (x * x).sum().backward()
    obs.record("reference taken after the first pass", ref)
    obs.record("clone taken after the first pass", snapshot)
    obs.record("still the same object", ref is x.grad)


GRAD_TENSOR = Rule(
    id="ACCUM-005",
    area="accumulation",
    title=".grad is a plain leaf tensor of the parameter's shape and dtype that doesn't require grad",
    explanation="""
        The gradient stored by backward() has the same shape and dtype as the tensor, is a leaf, does not
        require grad and has no grad_fn: it is data, not part of any graph (unless you backward with
        create_graph=True). It stays None until the first backward that reaches the tensor.
    """,
    example="""
        import torch
        x = torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
        print(x.grad)
        (x * x).sum().backward()
        g = x.grad
        print(g.shape, g.dtype, g.is_leaf, g.requires_grad, g.grad_fn)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.grad.html",
)


@GRAD_TENSOR.check("properties", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def grad_tensor_properties(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    obs.record("x.grad before backward", x.grad)
    (x * x).sum().backward()
    obs.record("x.grad", x.grad)
    obs.record("x.grad.grad", x.grad.grad)


ASSIGNED_GRAD = Rule(
    id="ACCUM-006",
    area="accumulation",
    title="A .grad you assign is accumulated into; it must match the tensor's shape and dtype",
    explanation="""
        You may set .grad yourself; backward() then adds to it. Torch checks the assignment: a gradient
        of another size raises "attempting to assign a gradient of size ...", one of another dtype
        raises "attempting to assign a gradient with dtype ...".
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        x.grad = torch.full((2,), 10.0)
        (x * 3).sum().backward()
        print(x.grad)
        try:
            x.grad = torch.ones(3)
        except RuntimeError as e:
            print(e)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.grad.html",
)


@ASSIGNED_GRAD.check("accumulate-into", dtype=float_dtypes(), data=tensor_data())
def accumulate_into_assigned(torch, obs, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.ones(shape, dtype=dt, requires_grad=True)
    start = torch.tensor(flat, dtype=dt).reshape(shape)
    x.grad = start
    obs.record("x.grad is the assigned tensor", x.grad is start)
    (x * 3).sum().backward()
    obs.record("x.grad", x.grad)


@ASSIGNED_GRAD.check(
    "mismatch",
    dtype=float_dtypes(),
    shape=shapes(),
    wrong=st.sampled_from(["size", "float32", "float64", "int64"]),
)
def assign_mismatch(torch, obs, dtype, shape, wrong):
    x = torch.ones(shape, dtype=getattr(torch, dtype), requires_grad=True)
    if wrong == "size":
        candidate = torch.ones(tuple(shape) + (2,), dtype=getattr(torch, dtype))
    else:
        candidate = torch.ones(shape, dtype=getattr(torch, wrong))
    with obs.raises("assign"):
        x.grad = candidate
    obs.record("x.grad", x.grad)
