"""Tensor hooks: functions autograd calls with a tensor's gradient during backward."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, shapes, tensor_data

DOCS_REGISTER_HOOK = "https://pytorch.org/docs/stable/generated/torch.Tensor.register_hook.html"
DOCS_HOOKS = "https://pytorch.org/docs/stable/notes/autograd.html#backward-hooks-execution"
DOCS_POST_ACCUMULATE = (
    "https://pytorch.org/docs/stable/generated/torch.Tensor.register_post_accumulate_grad_hook.html"
)

HOOK_SEES_GRAD = Rule(
    id="HOOK-001",
    area="hooks",
    title="register_hook calls the hook with the tensor's gradient, on leaves and non-leaves",
    explanation="""
        tensor.register_hook(fn) makes backward() call fn(grad) with the gradient of that tensor, a tensor
        of its shape and dtype that does not require grad. Hooks run as backward reaches the tensor, so a
        non-leaf's hook runs before the hooks of the leaves it was computed from. A hook that returns None
        leaves the gradient unchanged.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        y.register_hook(lambda g: print("y's grad", g))
        x.register_hook(lambda g: print("x's grad", g))
        (y * y).sum().backward()
        print(x.grad)
    """,
    source=DOCS_REGISTER_HOOK,
)


@HOOK_SEES_GRAD.check("leaf-and-nonleaf", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def hooks_see_grads(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 3
    seen = []
    y.register_hook(lambda g: seen.append(("y", g)))
    x.register_hook(lambda g: seen.append(("x", g)))
    (y * y.sin()).sum().backward()
    obs.record("hook calls in order", seen)
    obs.record("x.grad", x.grad)


REPLACE_GRAD = Rule(
    id="HOOK-002",
    area="hooks",
    title="A hook's return value replaces the gradient; it must keep the shape and dtype",
    explanation="""
        If a hook returns a tensor, that tensor is used instead of the gradient: for a non-leaf it is what
        flows on to its inputs, for a leaf it is what gets accumulated into .grad. The replacement must
        have the gradient's size and type, otherwise backward raises "hook '<name>' has changed the size of
        value" or "... has changed the type of value (was torch.FloatTensor got torch.DoubleTensor)".
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 2
        y.register_hook(lambda g: g * 10)
        y.sum().backward()
        print(x.grad)
    """,
    source=DOCS_REGISTER_HOOK,
)


@REPLACE_GRAD.check(
    "replace",
    on=st.sampled_from(["leaf", "nonleaf"]),
    factor=st.sampled_from([0.0, -1.0, 10.0]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def hook_replaces_grad(torch, obs, on, factor, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 2
    (x if on == "leaf" else y).register_hook(lambda g: g * factor + 1)
    (y * y).sum().backward()
    obs.record("x.grad", x.grad)


@REPLACE_GRAD.check(
    "bad-replacement",
    bad=st.sampled_from(["sum", "extra-dim", "other-dtype"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_dims=1)),
)
def hook_bad_replacement(torch, obs, bad, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 2

    def reshaping_hook(g):
        if bad == "sum":
            return g.sum()
        if bad == "extra-dim":
            return g.unsqueeze(0)
        return g.to(torch.float64 if g.dtype == torch.float32 else torch.float32)

    y.register_hook(reshaping_hook)
    with obs.raises("backward"):
        y.sum().backward()
    obs.record("x.grad", x.grad)


HOOK_ORDER = Rule(
    id="HOOK-003",
    area="hooks",
    title="Several hooks run in registration order, each getting the previous one's result",
    explanation="""
        Hooks on one tensor run in the order they were registered, and each receives the gradient as
        returned by the previous hook. retain_grad() is not an ordinary hook in this chain: the .grad it
        keeps is the gradient after all the tensor's hooks, whether retain_grad() was called before or
        after registering them.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x * 2
        y.retain_grad()
        y.register_hook(lambda g: g + 1)
        y.register_hook(lambda g: g * 10)
        y.sum().backward()
        print(y.grad, x.grad)
    """,
    source=DOCS_HOOKS,
)


@HOOK_ORDER.check(
    "chain",
    factors=st.lists(st.sampled_from([2.0, -1.0, 0.5, 3.0]), min_size=1, max_size=4),
    retain_at=st.integers(0, 4),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def hooks_chain(torch, obs, factors, retain_at, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x.sin()
    calls = []

    def make_hook(k, factor):
        def hook(g):
            calls.append((k, g))
            return g * factor + k

        return hook

    for k, factor in enumerate(factors):
        if k == retain_at:
            y.retain_grad()
        y.register_hook(make_hook(k, factor))
    if retain_at >= len(factors):
        y.retain_grad()
    (y * 2).sum().backward()
    obs.record("calls", calls)
    obs.record("y.grad", y.grad)
    obs.record("x.grad", x.grad)


REMOVE_HANDLE = Rule(
    id="HOOK-004",
    area="hooks",
    title="register_hook returns a handle whose remove() unregisters the hook",
    explanation="""
        register_hook returns a RemovableHandle. After handle.remove() the hook is no longer called; the
        other hooks keep their order. Removing twice is harmless.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        handle = x.register_hook(lambda g: g * 100)
        handle.remove()
        (x * 2).sum().backward()
        print(x.grad)
    """,
    source=DOCS_REGISTER_HOOK,
)


@REMOVE_HANDLE.check(
    "remove-some",
    removed=st.lists(st.booleans(), min_size=1, max_size=4),
    twice=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def remove_some_hooks(torch, obs, removed, twice, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    calls = []

    def make_hook(k):
        def hook(g):
            calls.append(k)
            return g + k + 1

        return hook

    handles = [x.register_hook(make_hook(k)) for k in range(len(removed))]
    obs.record("handle type", type(handles[0]).__name__)
    for handle, remove in zip(handles, removed):
        if remove:
            handle.remove()
            if twice:
                handle.remove()
    (x * 2).sum().backward()
    obs.record("hooks called", calls)
    obs.record("x.grad", x.grad)


NEEDS_REQUIRES_GRAD = Rule(
    id="HOOK-005",
    area="hooks",
    title="A hook can only be registered on a tensor that requires grad",
    explanation="""
        A tensor that does not require grad never receives a gradient, so register_hook on it raises
        "cannot register a hook on a tensor that doesn't require gradient". Registering on a tensor that
        does require grad works in any grad mode, inside no_grad too. register_post_accumulate_grad_hook
        is for leaves only ("post accumulate grad hooks cannot be registered on non-leaf tensors").
    """,
    example="""
        import torch
        try:
            torch.ones(2).register_hook(lambda g: g)
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_REGISTER_HOOK,
)


@NEEDS_REQUIRES_GRAD.check(
    "where-allowed",
    kind=st.sampled_from(["plain", "leaf", "nonleaf", "no_grad-result", "detached"]),
    under_no_grad=st.booleans(),
    dtype=float_dtypes(),
)
def where_hooks_are_allowed(torch, obs, kind, under_no_grad, dtype):
    x = torch.ones(3, dtype=getattr(torch, dtype), requires_grad=True)
    if kind == "plain":
        t = torch.ones(3)
    elif kind == "leaf":
        t = x
    elif kind == "nonleaf":
        t = x * 2
    elif kind == "no_grad-result":
        with torch.no_grad():
            t = x * 2
    else:
        t = (x * 2).detach()
    with torch.set_grad_enabled(not under_no_grad):
        with obs.raises("register_hook"):
            t.register_hook(lambda g: g)
        with obs.raises("register_post_accumulate_grad_hook"):
            t.register_post_accumulate_grad_hook(lambda tensor: None)


ONCE_PER_BACKWARD = Rule(
    id="HOOK-006",
    area="hooks",
    title="A tensor's hook runs once per backward pass, with the total gradient",
    explanation="""
        When a tensor is used several times, the gradients from each use are summed before its hook runs:
        the hook is called once per backward() (or autograd.grad) call, with the total. Hooks stay
        registered, so a second backward pass (with retain_graph=True) calls them again.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        x.register_hook(lambda g: print("hook", g))
        y = x * x + x
        y.sum().backward(retain_graph=True)
        y.sum().backward()
    """,
    source=DOCS_HOOKS,
)


@ONCE_PER_BACKWARD.check(
    "count-calls",
    passes=st.integers(1, 3),
    via_grad=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def hook_once_per_pass(torch, obs, passes, via_grad, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 2
    calls = []
    x.register_hook(lambda g: calls.append(("x", g)))
    y.register_hook(lambda g: calls.append(("y", g)))
    z = (y * y + y + x).sum()
    for _ in range(passes):
        if via_grad:
            obs.record("autograd.grad", torch.autograd.grad(z, x, retain_graph=True))
        else:
            z.backward(retain_graph=True)
    obs.record("calls", calls)
    obs.record("x.grad", x.grad)


BEFORE_ACCUMULATION = Rule(
    id="HOOK-007",
    area="hooks",
    title="A leaf's hook runs before accumulation; a post-accumulate hook runs after",
    explanation="""
        A hook registered on a leaf receives the incoming gradient of this pass, before it is added to
        .grad: inside the hook, .grad still holds the previous total. What it returns is what gets
        accumulated. register_post_accumulate_grad_hook(fn) runs after accumulation and gets the tensor
        itself, whose .grad is then the new total (this is how optimizers can step per parameter).
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        x.register_hook(lambda g: print("before:", x.grad, "incoming:", g))
        x.register_post_accumulate_grad_hook(lambda t: print("after:", t.grad))
        (x * 3).sum().backward()
        (x * 3).sum().backward()
    """,
    source=DOCS_POST_ACCUMULATE,
)


@BEFORE_ACCUMULATION.check(
    "pre-and-post",
    passes=st.integers(1, 3),
    add=st.sampled_from([0.0, 1.0, -2.0]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def leaf_pre_and_post(torch, obs, passes, add, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    seen = []

    def pre(g):
        seen.append(("pre: .grad, incoming", None if x.grad is None else x.grad.clone(), g))
        return g + add

    def post(t):
        seen.append(("post: same tensor, .grad", t is x, t.grad.clone()))

    x.register_hook(pre)
    x.register_post_accumulate_grad_hook(post)
    for _ in range(passes):
        (x * x).sum().backward()
    obs.record("seen", seen)
    obs.record("x.grad", x.grad)
