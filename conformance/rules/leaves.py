"""Leaves and requires_grad: which tensors autograd tracks, and who decides."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import INT_DTYPES, float_dtypes, shapes, tensor_data

DOCS_AUTOGRAD = "https://pytorch.org/docs/stable/notes/autograd.html"
DOCS_IS_LEAF = "https://pytorch.org/docs/stable/generated/torch.Tensor.is_leaf.html"

FACTORY_DEFAULTS = Rule(
    id="LEAF-001",
    area="leaves",
    title="Factory tensors do not require grad by default and are leaves",
    explanation="""
        A tensor made by a factory (torch.tensor, zeros, ones, full) has requires_grad=False unless you
        ask otherwise. It is a leaf, has no grad_fn and its .grad is None: autograd ignores it.
    """,
    example="""
        import torch
        t = torch.ones(3)
        print(t.requires_grad, t.is_leaf, t.grad_fn, t.grad)
    """,
    claim=1,
    verdict="agrees",
    source=DOCS_IS_LEAF,
)


@FACTORY_DEFAULTS.check(
    "factories",
    factory=st.sampled_from(["tensor", "zeros", "ones", "full"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def factory_defaults(torch, obs, factory, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    if factory == "tensor":
        t = torch.tensor(flat, dtype=dt)
    elif factory == "full":
        t = torch.full(shape, 1.5, dtype=dt)
    else:
        t = getattr(torch, factory)(shape, dtype=dt)
    obs.record("tensor", t)
    obs.record("grad", t.grad)


REQUIRES_GRAD_LEAF = Rule(
    id="LEAF-002",
    area="leaves",
    title="A tensor created with requires_grad=True is a leaf whose grad_fn is None",
    explanation="""
        Asking for gradients at creation (requires_grad=True) or afterwards (requires_grad_(), which
        changes the tensor in place and returns it) makes a leaf that autograd tracks. Nothing computed
        it, so its grad_fn is None; backward() will store its gradient in .grad.
    """,
    example="""
        import torch
        x = torch.ones(3, requires_grad=True)
        print(x.requires_grad, x.is_leaf, x.grad_fn)
        y = torch.zeros(2)
        print(y.requires_grad_() is y, y.requires_grad, y.is_leaf, y.grad_fn)
    """,
    claim=3,
    verdict="agrees",
    source=DOCS_IS_LEAF,
)


@REQUIRES_GRAD_LEAF.check("factory-kwarg", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def requires_grad_kwarg(torch, obs, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    obs.record("tensor(requires_grad=True)", torch.tensor(flat, dtype=dt, requires_grad=True))
    obs.record("zeros(requires_grad=True)", torch.zeros(shape, dtype=dt, requires_grad=True))


@REQUIRES_GRAD_LEAF.check("requires_grad_", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def requires_grad_method(torch, obs, dtype, data):
    shape, flat = data
    t = torch.tensor(flat, dtype=getattr(torch, dtype))
    returned = t.requires_grad_()
    obs.record("returns self", returned is t)
    obs.record("after requires_grad_()", t)
    t.requires_grad_(False)
    obs.record("after requires_grad_(False)", t)
    t.requires_grad = True
    obs.record("after attribute set", t)


PROPAGATION = Rule(
    id="LEAF-003",
    area="leaves",
    title="A result requires grad exactly when at least one of its inputs does",
    explanation="""
        requires_grad spreads forward: every tensor computed from a tensor that requires grad also
        requires grad, is not a leaf and has a grad_fn. One requiring input among many is enough, at any
        depth of the computation.
    """,
    example="""
        import torch
        w = torch.ones(2, requires_grad=True)
        a = torch.ones(2)
        b = a * 2
        c = b + w
        d = c * a
        print(b.requires_grad, c.requires_grad, d.requires_grad, d.is_leaf, d.grad_fn)
    """,
    claim=1,
    verdict="agrees",
    source=DOCS_AUTOGRAD,
)


@PROPAGATION.check(
    "chains",
    dtype=float_dtypes(),
    shape=shapes(),
    flags=st.lists(st.booleans(), min_size=1, max_size=4),
    ops=st.lists(st.sampled_from(["add", "sub", "mul", "div"]), min_size=1, max_size=5),
)
def propagation_chains(torch, obs, dtype, shape, flags, ops):
    dt = getattr(torch, dtype)
    inputs = [torch.full(shape, 1.5, dtype=dt, requires_grad=f) for f in flags]
    acc = inputs[0]
    for i, op in enumerate(ops):
        acc = getattr(torch, op)(acc, inputs[(i + 1) % len(inputs)])
        obs.record(f"step {i} ({op})", acc)


UNTRACKED_RESULTS = Rule(
    id="LEAF-004",
    area="leaves",
    title="Results computed only from tensors that don't require grad are leaves without grad_fn",
    explanation="""
        The article says every tensor created by computation gets a grad_fn. Torch only records an
        operation when some input requires grad: otherwise the result is an ordinary leaf with
        grad_fn None, and requires_grad_() can turn it into a tracked leaf like any factory tensor.
    """,
    example="""
        import torch
        a = torch.ones(3)
        b = (a * 2).exp()
        print(b.is_leaf, b.grad_fn, b.requires_grad)
        b.requires_grad_()
        print(b.is_leaf, b.requires_grad, b.grad_fn)
    """,
    claim=3,
    verdict="differs: only results of an operation with an input that requires grad get a grad_fn;"
    " the rest are leaves",
    source=DOCS_IS_LEAF,
)


@UNTRACKED_RESULTS.check(
    "ops",
    op=st.sampled_from(["exp", "neg", "tanh", "sum", "t", "clone", "mul", "add"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(max_dims=2)),
)
def untracked_results(torch, obs, op, dtype, data):
    shape, flat = data
    a = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    b = getattr(a, op)(a) if op in ("mul", "add") else getattr(a, op)()
    obs.record("result", b)
    b.requires_grad_()
    obs.record("after requires_grad_()", b)


NONLEAF_FLAG = Rule(
    id="LEAF-005",
    area="leaves",
    title="A non-leaf's requires_grad cannot be switched off (nor set through the attribute)",
    explanation="""
        requires_grad of a computed tensor is decided by its inputs. requires_grad_(False) or
        `y.requires_grad = ...` on a non-leaf raise a RuntimeError that points to detach();
        requires_grad_(True) is accepted because it changes nothing.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x * 2
        try:
            y.requires_grad_(False)
        except RuntimeError as e:
            print(e)
        print(y.requires_grad_(True) is y)
    """,
    source=DOCS_AUTOGRAD,
)


@NONLEAF_FLAG.check("switch", dtype=float_dtypes(), shape=shapes())
def nonleaf_switch(torch, obs, dtype, shape):
    x = torch.ones(shape, dtype=getattr(torch, dtype), requires_grad=True)
    y = x * 2
    with obs.raises("requires_grad_(False)"):
        y.requires_grad_(False)
    with obs.raises("requires_grad_(True)"):
        obs.record("returns self", y.requires_grad_(True) is y)
    with obs.raises("attribute = False"):
        y.requires_grad = False
    with obs.raises("attribute = True"):
        y.requires_grad = True
    obs.record("y afterwards", y)


INTEGER_TENSORS = Rule(
    id="LEAF-006",
    area="leaves",
    title="Integer tensors cannot require grad; the message depends on how you ask",
    explanation="""
        Only floating point (and complex) tensors can require gradients. Asking on an integer tensor
        raises a RuntimeError whose wording differs by call site: the factory keyword says
        "Only Tensors of floating point and complex dtype", requires_grad_() says "only Tensors of
        floating point dtype", and setting the attribute says "only Tensors of floating point and
        complex dtype". Turning it off (False) is always fine.
    """,
    example="""
        import torch
        for ask in (lambda: torch.ones(2, dtype=torch.int64, requires_grad=True),
                    lambda: torch.ones(2, dtype=torch.int64).requires_grad_(),
                    lambda: setattr(torch.ones(2, dtype=torch.int64), "requires_grad", True)):
            try:
                ask()
            except RuntimeError as e:
                print(e)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html",
)


@INTEGER_TENSORS.check("factory-kwarg", dtype=st.sampled_from(INT_DTYPES), shape=shapes())
def int_factory_kwarg(torch, obs, dtype, shape):
    with obs.raises("zeros(requires_grad=True)"):
        torch.zeros(shape, dtype=getattr(torch, dtype), requires_grad=True)
    with obs.raises("tensor(requires_grad=True)"):
        torch.tensor([1, 2], dtype=getattr(torch, dtype), requires_grad=True)
    obs.record("requires_grad=False", torch.zeros(shape, dtype=getattr(torch, dtype), requires_grad=False))


@INTEGER_TENSORS.check("requires_grad_", dtype=st.sampled_from(INT_DTYPES), shape=shapes())
def int_requires_grad_method(torch, obs, dtype, shape):
    t = torch.zeros(shape, dtype=getattr(torch, dtype))
    with obs.raises("requires_grad_()"):
        t.requires_grad_()
    with obs.raises("requires_grad_(False)"):
        t.requires_grad_(False)
    obs.record("tensor", t)


@INTEGER_TENSORS.check("attribute", dtype=st.sampled_from(INT_DTYPES), shape=shapes())
def int_requires_grad_attribute(torch, obs, dtype, shape):
    t = torch.zeros(shape, dtype=getattr(torch, dtype))
    with obs.raises("requires_grad = True"):
        t.requires_grad = True
    with obs.raises("requires_grad = False"):
        t.requires_grad = False
    obs.record("tensor", t)


SWITCH_OFF_LEAF = Rule(
    id="LEAF-007",
    area="leaves",
    title="requires_grad_(False) on a leaf stops tracking from then on; earlier results keep their graph",
    explanation="""
        requires_grad_() changes a leaf's flag in place. Operations after requires_grad_(False) are not
        recorded, but tensors computed before keep their grad_fn and can still be backpropagated without
        error. The gradient is not stored, though: the leaf's AccumulateGrad sees that the leaf no longer
        requires grad and skips it, so .grad stays None.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        before = (x * 3).sum()
        x.requires_grad_(False)
        after = (x * 3).sum()
        print(before.grad_fn, after.grad_fn)
        before.backward()
        print(x.grad)
    """,
    claim=2,
    verdict="agrees",
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html",
)


@SWITCH_OFF_LEAF.check("before-after", dtype=float_dtypes(), data=tensor_data())
def switch_off_leaf(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    before = (x * 3).sum()
    x.requires_grad_(False)
    after = (x * 3).sum()
    obs.record("before", before)
    obs.record("after", after)
    with obs.raises("backward of before"):
        before.backward()
    obs.record("x", x)
    obs.record("x.grad", x.grad)
