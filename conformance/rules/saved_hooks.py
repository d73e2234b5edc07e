"""Saved-tensor hooks: what autograd does with the tensors an op saves for its backward."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes

DOCS = "https://pytorch.org/docs/stable/notes/autograd.html#saved-tensors-hooks"
DOCS_API = "https://pytorch.org/docs/stable/autograd.html#torch.autograd.graph.saved_tensors_hooks"

# Ops that save different things: inputs (mul, sin, pow), their result (exp, tanh), both, or nothing.
SAVING_FORMS = [
    "x * y", "x.sin()", "x.exp()", "x.tanh()", "x.pow(2)", "x @ y", "x + y", "x.sum()", "x.sigmoid() * y",
    "torch.relu(x)", "x.log_softmax(0)", "x.norm()", "(x * y).sin().exp()", "x[0] * y[1]", "x.clone() * 2",
    "torch.where(x > 0, x, y)", "x.max()", "x.prod()", "x / y", "x.mean() * y",
]  # fmt: skip

PACK = Rule(
    id="SAVED-001",
    area="saved_hooks",
    title="pack runs when an op saves a tensor during forward; unpack when backward needs it",
    explanation="""
        Inside `with torch.autograd.graph.saved_tensors_hooks(pack, unpack):`, every tensor an op saves
        for its backward is passed to pack(tensor) as the op runs, and pack's result is stored instead
        of the tensor. Backward calls unpack(stored) each time it reads a saved tensor and uses what
        unpack returns. Which tensors are packed, and how many, is what each op's backward needs
        (x * y saves both inputs, exp saves its result, x + y saves nothing); tensors saved outside
        the block are not packed. With hooks that pass the tensor through, gradients are unchanged.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        log = []
        def pack(t):
            log.append(("pack", tuple(t.shape)))
            return t
        def unpack(t):
            log.append(("unpack", tuple(t.shape)))
            return t
        with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
            y = (x * x).exp()
        print(log)
        y.sum().backward()
        print(log, x.grad)
    """,
    source=DOCS,
)


@PACK.check("calls", form=st.sampled_from(SAVING_FORMS), dtype=float_dtypes(), y_requires_grad=st.booleans())
def pack_and_unpack(torch, obs, form, dtype, y_requires_grad):
    dt = getattr(torch, dtype)
    x = torch.tensor([0.5, -1.5, 2.0], dtype=dt, requires_grad=True)
    y = torch.tensor([1.0, 3.0, -0.5], dtype=dt, requires_grad=y_requires_grad)
    log = []

    def pack(t):
        log.append(("pack", tuple(t.shape), str(t.dtype), t.requires_grad))
        return t

    def unpack(t):
        log.append(("unpack", tuple(t.shape), str(t.dtype)))
        return t

    outside = x * 3  # saved before the block: never packed
    with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
        out = eval(form, {"torch": torch, "x": x, "y": y})
    obs.record("after forward", list(log))
    (out.sum() + outside.sum()).backward()
    obs.record("after backward", list(log))
    obs.record("x.grad", x.grad)
    obs.record("y.grad", y.grad)


UNPACKED = Rule(
    id="SAVED-002",
    area="saved_hooks",
    title="Backward uses what unpack returns; pack may store anything",
    explanation="""
        pack can return any object (an index into a store, a copy on another device, a string); autograd
        keeps it and hands it to unpack, whose result is used as the saved tensor. So an unpack that
        returns other values changes the gradients computed from them, and the gradient of a tensor that
        was never saved is unaffected. Each backward pass unpacks again: with retain_graph=True a second
        backward calls unpack a second time.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        store = {}
        def pack(t):
            store[len(store)] = t * 10
            return len(store) - 1
        with torch.autograd.graph.saved_tensors_hooks(pack, lambda key: store[key]):
            y = x.pow(2)
        y.sum().backward()
        print(x.grad)  # 2 * (10 x): backward used the unpacked tensor
    """,
    source=DOCS_API,
)


@UNPACKED.check(
    "unpacked-values",
    form=st.sampled_from(SAVING_FORMS),
    transform=st.sampled_from(["t * 10", "t + 1", "-t", "t.detach()", "t.clone()"]),
    by_key=st.booleans(),
    backwards=st.integers(1, 2),
    dtype=float_dtypes(),
)
def unpacked_values(torch, obs, form, transform, by_key, backwards, dtype):
    dt = getattr(torch, dtype)
    x = torch.tensor([0.5, -1.5, 2.0], dtype=dt, requires_grad=True)
    y = torch.tensor([1.0, 3.0, -0.5], dtype=dt, requires_grad=True)
    store, calls = [], []

    def pack(t):
        changed = eval(transform, {"t": t}) if t.is_floating_point() else t  # masks (bool) are kept
        if by_key:
            store.append(changed)
            return len(store) - 1
        return changed

    def unpack(stored):
        calls.append(type(stored).__name__)
        return store[stored] if by_key else stored

    with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
        out = eval(form, {"torch": torch, "x": x, "y": y})
    for _ in range(backwards):
        with obs.raises("backward"):
            out.sum().backward(retain_graph=True)
    obs.record("unpack calls", calls)
    obs.record("x.grad", x.grad)
    obs.record("y.grad", y.grad)


SCOPES = Rule(
    id="SAVED-003",
    area="saved_hooks",
    title="Hooks nest (the innermost pair wins), can be disabled, and attach to one saved tensor",
    explanation="""
        When saved_tensors_hooks blocks nest, only the innermost pair is used. Inside
        disable_saved_tensors_hooks(message), registering saved-tensor hooks raises RuntimeError with that
        message. save_on_cpu() is a pair of hooks that moves saved tensors to the CPU (on a CPU machine
        gradients are unchanged). A single saved tensor also takes hooks: grad_fn._raw_saved_self is a
        SavedTensor whose register_hooks(pack, unpack) applies to it alone; registering a second pair on
        it raises.
    """,
    example="""
        import torch
        from torch.autograd.graph import saved_tensors_hooks, disable_saved_tensors_hooks
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        seen = []
        with saved_tensors_hooks(lambda t: seen.append("outer") or t, lambda t: t):
            with saved_tensors_hooks(lambda t: seen.append("inner") or t, lambda t: t):
                y = x * x
        print(seen)
        with disable_saved_tensors_hooks("not while checkpointing"):
            try:
                with saved_tensors_hooks(lambda t: t, lambda t: t):
                    pass
            except RuntimeError as e:
                print(e)
    """,
    source=DOCS_API,
)

SCOPE_SCENARIOS = [
    "nested", "disabled", "disabled, then enabled again", "save_on_cpu", "register_hooks on a saved tensor",
    "register_hooks twice", "hooks inside no_grad", "hooks and retain_grad", "exception inside the block",
]  # fmt: skip


@SCOPES.check("scopes", scenario=st.sampled_from(SCOPE_SCENARIOS), dtype=float_dtypes())
def hook_scopes(torch, obs, scenario, dtype):
    graph = torch.autograd.graph
    x = torch.tensor([0.5, -1.5, 2.0], dtype=getattr(torch, dtype), requires_grad=True)
    seen = []

    def hooks(name, factor=1.0):
        return (
            lambda t: (seen.append(f"{name} pack"), t)[1],
            lambda t: (seen.append(f"{name} unpack"), t * factor)[1],
        )

    with obs.raises(scenario):
        if scenario == "nested":
            with graph.saved_tensors_hooks(*hooks("outer")):
                with graph.saved_tensors_hooks(*hooks("inner", 2.0)):
                    y = x * x
                z = x.sin()
        elif scenario.startswith("disabled"):
            with graph.disable_saved_tensors_hooks("hooks are off here"):
                if scenario == "disabled":
                    with graph.saved_tensors_hooks(*hooks("refused")):
                        pass
            with graph.saved_tensors_hooks(*hooks("after")):
                y = x * x
            z = x.sin()
        elif scenario == "save_on_cpu":
            with graph.save_on_cpu():
                y = x * x
            z = x.sin()
        elif scenario.startswith("register_hooks"):
            y = x * x
            y.grad_fn._raw_saved_self.register_hooks(*hooks("saved self", 3.0))
            if scenario == "register_hooks twice":
                y.grad_fn._raw_saved_self.register_hooks(*hooks("again"))
            z = x.sin()
        elif scenario == "hooks inside no_grad":
            with torch.no_grad(), graph.saved_tensors_hooks(*hooks("no_grad")):
                y = x * x
            z = x * x
        elif scenario == "hooks and retain_grad":
            with graph.saved_tensors_hooks(*hooks("block", 0.5)):
                y = x * x
                y.retain_grad()
                z = y.exp()
        else:
            try:
                with graph.saved_tensors_hooks(*hooks("left by an exception")):
                    raise KeyError("inside")
            except KeyError:
                pass
            y, z = x * x, x.sin()
        obs.record("after forward", list(seen))
        (y.sum() + z.sum()).backward()
        obs.record("after backward", list(seen))
        obs.record("x.grad", x.grad)
