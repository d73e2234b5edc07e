"""detach() and detach_(): leaving the graph while sharing the data."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, shapes, tensor_data

DOCS_DETACH = "https://pytorch.org/docs/stable/generated/torch.Tensor.detach.html"
DOCS_DETACH_ = "https://pytorch.org/docs/stable/generated/torch.Tensor.detach_.html"

DETACHED_LEAF = Rule(
    id="DETACH-001",
    area="detach",
    title="detach() returns a leaf with the same values that doesn't require grad",
    explanation="""
        detach() gives a tensor cut off from the graph: same values, shape and dtype, requires_grad
        False, is_leaf True, grad_fn None, .grad None. The original keeps its grad_fn and flags.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x * 3
        d = y.detach()
        print(d, d.requires_grad, d.is_leaf, d.grad_fn, y.grad_fn)
    """,
    claim=2,
    verdict="agrees",
    source=DOCS_DETACH,
)


@DETACHED_LEAF.check(
    "sources",
    source=st.sampled_from(["leaf", "computed", "untracked"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def detached_leaf(torch, obs, source, dtype, data):
    shape, flat = data
    t = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    if source != "untracked":
        t.requires_grad_()
    if source == "computed":
        t = t.exp()
    d = t.detach()
    obs.record("detached", d)
    obs.record("detached.grad", d.grad)
    obs.record("original", t)
    obs.record("is a new object", d is not t)


SHARED_STORAGE = Rule(
    id="DETACH-002",
    area="detach",
    title="detach() shares storage: in-place changes show through in both directions",
    explanation="""
        detach() copies nothing. The detached tensor views the same memory, so an in-place change to it
        changes the original (and the other way round). Use detach().clone() for an independent copy.
    """,
    example="""
        import torch
        x = torch.zeros(3, requires_grad=True)
        d = x.detach()
        d[0] = 5.0
        print(x)
    """,
    source=DOCS_DETACH,
)


@SHARED_STORAGE.check(
    "in-place",
    source=st.sampled_from(["leaf", "computed"]),
    direction=st.sampled_from(["detached->original", "original->detached"]),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def shared_storage(torch, obs, source, direction, dtype, data):
    shape, flat = data
    t = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    if source == "computed":
        t = t * 2
    d = t.detach()
    copy = t.detach().clone()
    if direction == "detached->original":
        d.add_(1)
    else:
        with torch.no_grad():
            t.mul_(3)
    obs.record("original", t)
    obs.record("detached", d)
    obs.record("clone", copy)


SHARED_VERSION = Rule(
    id="DETACH-003",
    area="detach",
    title="detach() shares the version counter, so in-place changes through it are caught by backward",
    explanation="""
        The detached tensor and the original share one version counter: modifying either bumps _version
        of both. If the original was saved for backward (say y = x.exp(), which saves its result),
        changing y through y.detach() makes backward raise "one of the variables needed for gradient
        computation has been modified by an inplace operation".
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x.exp()
        d = y.detach()
        d.add_(1)
        print(y._version, d._version)
        try:
            y.sum().backward()
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_DETACH,
)


@SHARED_VERSION.check("saved-result", changes=st.integers(0, 3), dtype=float_dtypes(), data=tensor_data())
def shared_version(torch, obs, changes, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x.exp()
    d = y.detach()
    obs.record("versions before", (y._version, d._version))
    for _ in range(changes):
        d.mul_(1)
    obs.record("versions after", (y._version, d._version))
    with obs.raises("backward"):
        y.sum().backward()
    obs.record("x.grad", x.grad)


BLOCKS_GRADIENT = Rule(
    id="DETACH-004",
    area="detach",
    title="No gradient flows through detach(): the detached path counts as a constant",
    explanation="""
        A term built from x.detach() contributes to the value but not to x's gradient: backward treats it
        as a constant. A root built only from detached tensors has no graph at all, and its backward()
        raises "element 0 of tensors does not require grad and does not have a grad_fn".
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        z = x * x + x.detach() * x.detach()
        z.sum().backward()
        print(x.grad)
    """,
    claim=2,
    verdict="agrees",
    source=DOCS_DETACH,
)


@BLOCKS_GRADIENT.check("mixed", detach_first=st.booleans(), dtype=float_dtypes(), data=tensor_data())
def blocks_gradient(torch, obs, detach_first, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    first = x.sin().detach() if detach_first else x.sin()
    z = first * x.exp()
    obs.record("z", z)
    z.sum().backward()
    obs.record("x.grad", x.grad)


@BLOCKS_GRADIENT.check("all-detached", dtype=float_dtypes(), data=tensor_data())
def all_detached(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    z = (x * 2).detach().exp()
    obs.record("z", z)
    with obs.raises("backward"):
        z.sum().backward()
    obs.record("x.grad", x.grad)


DETACH_IN_PLACE = Rule(
    id="DETACH-005",
    area="detach",
    title="detach_() turns a tensor into a leaf in place, but refuses views",
    explanation="""
        detach_() detaches the tensor itself: afterwards it is a leaf with requires_grad False and no
        grad_fn, and it returns the same object. On a view (a slice, view(), ...) it raises
        "Can't detach views in-place. Use detach() instead."
    """,
    example="""
        import torch
        x = torch.ones(3, requires_grad=True)
        y = x * 2
        print(y.detach_() is y, y.is_leaf, y.requires_grad, y.grad_fn)
        try:
            (x * 2)[1:].detach_()
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_DETACH_,
)


@DETACH_IN_PLACE.check(
    "kinds",
    kind=st.sampled_from(["computed", "leaf", "untracked"]),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def detach_in_place(torch, obs, kind, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    if kind != "untracked":
        x.requires_grad_()
    t = x * 2 if kind == "computed" else x
    with obs.raises("detach_()"):
        obs.record("returns self", t.detach_() is t)
    obs.record("t", t)


@DETACH_IN_PLACE.check(
    "views",
    view=st.sampled_from(["x[1:]", "x[0]", "x.view(-1)", "x.t()", "(x * 2)[1:]"]),
    dtype=float_dtypes(),
    shape=shapes(min_dims=1, max_dims=2, min_side=2),
    requires_grad=st.booleans(),
)
def detach_view_in_place(torch, obs, view, dtype, shape, requires_grad):
    x = torch.ones(shape, dtype=getattr(torch, dtype), requires_grad=requires_grad)
    v = eval(view, {"x": x})
    with obs.raises("detach_() on a view"):
        v.detach_()
    obs.record("view", v)


INDEPENDENT_LEAF = Rule(
    id="DETACH-006",
    area="detach",
    title="requires_grad_() on a detached tensor makes an independent leaf with its own .grad",
    explanation="""
        A detached tensor can be made to require grad again. It is then a new leaf: gradients computed
        through it land in its own .grad and never reach the tensor it was detached from, although the
        two still share data.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        d = x.detach().requires_grad_()
        (d * 3).sum().backward()
        print(d.grad, x.grad, d.is_leaf)
    """,
    source=DOCS_DETACH,
)


@INDEPENDENT_LEAF.check(
    "regrad", source=st.sampled_from(["leaf", "computed"]), dtype=float_dtypes(), data=tensor_data()
)
def independent_leaf(torch, obs, source, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    t = x.exp() if source == "computed" else x
    d = t.detach().requires_grad_()
    obs.record("d", d)
    (d * d).sum().backward()
    obs.record("d.grad", d.grad)
    obs.record("x.grad", x.grad)
