"""Reentrant backward (backward inside backward), checkpointing, and the engine's final callbacks."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes

DOCS_CHECKPOINT = "https://pytorch.org/docs/stable/checkpoint.html"
DOCS_EXTENDING = "https://pytorch.org/docs/stable/notes/extending.html"

REENTRANT = Rule(
    id="REENTRANT-001",
    area="reentrant",
    title="A backward may run another backward or autograd.grad inside it (reentrant backward)",
    explanation="""
        A custom Function's backward (or a hook) may build a graph with grad mode enabled and call
        backward() or autograd.grad() on it while the outer backward is running. The inner pass runs to
        completion first and fills the .grad of its own leaves; the outer pass then goes on with what
        the outer backward returned. Inside a backward grad mode is off unless enabled explicitly, so
        the inner graph must be built under torch.enable_grad().
    """,
    example="""
        import torch

        class CubeByInnerBackward(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 3

            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                with torch.enable_grad():
                    inner = x.detach().requires_grad_()
                    (inner ** 3).sum().backward()
                return g * inner.grad

        x = torch.tensor([1.0, 2.0], requires_grad=True)
        CubeByInnerBackward.apply(x).sum().backward()
        print(x.grad)
    """,
    source=DOCS_EXTENDING,
)


@REENTRANT.check(
    "inner-passes",
    inner=st.sampled_from(["backward", "autograd.grad", "autograd.grad with create_graph", "nothing"]),
    depth=st.integers(1, 3),
    grad_mode_inside=st.booleans(),
    dtype=float_dtypes(),
)
def reentrant_backward(torch, obs, inner, depth, grad_mode_inside, dtype):
    seen = []

    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, level):
            ctx.save_for_backward(x)
            ctx.level = level
            return x**3

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            seen.append(("grad mode in backward", ctx.level, torch.is_grad_enabled()))
            block = torch.enable_grad() if grad_mode_inside else torch.no_grad()
            with block:
                t = x.detach().requires_grad_()
                y = Cube.apply(t, ctx.level + 1) if ctx.level + 1 < depth else t**3
                if inner == "backward":
                    with obs.raises(f"inner backward at level {ctx.level}"):
                        y.sum().backward()
                    derivative = t.grad if t.grad is not None else 3 * x**2
                elif inner.startswith("autograd.grad"):
                    with obs.raises(f"inner autograd.grad at level {ctx.level}"):
                        (d,) = torch.autograd.grad(y.sum(), t, create_graph=inner.endswith("create_graph"))
                        seen.append(("inner grad requires grad", ctx.level, d.requires_grad))
                    derivative = 3 * x**2
                else:
                    derivative = 3 * x**2
            return g * derivative, None

    x = torch.tensor([1.0, -2.0, 0.5], dtype=getattr(torch, dtype), requires_grad=True)
    out = Cube.apply(x, 0)
    (out * 2).sum().backward()
    obs.record("seen", seen)
    obs.record("x.grad", x.grad)


CALLBACKS = Rule(
    id="REENTRANT-002",
    area="reentrant",
    title="Engine callbacks queued during backward run once it has finished, in order",
    explanation="""
        torch.autograd.Variable._execution_engine.queue_callback(fn), called from a hook or a backward
        while a backward pass runs, makes the engine call fn() after every node and hook of that pass has
        run, in the order they were queued (this is how DistributedDataParallel finalizes gradients).
        Called when no backward is running it raises "Final callbacks can only be installed during
        backward pass."
    """,
    example="""
        import torch
        engine = torch.autograd.Variable._execution_engine
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        log = []
        def hook(g):
            log.append("hook on y")
            engine.queue_callback(lambda: log.append("callback, x.grad = %s" % x.grad))
        y = x * 2
        y.register_hook(hook)
        z = y.exp()
        z.register_hook(lambda g: log.append("hook on z"))
        z.sum().backward()
        print(log)
    """,
    source="https://pytorch.org/docs/stable/notes/ddp.html",
)


@CALLBACKS.check(
    "callbacks",
    queue_from=st.sampled_from(
        ["tensor hook", "node hook", "post-accumulate hook", "outside backward", "a callback"]
    ),
    count=st.integers(1, 3),
    dtype=float_dtypes(),
)
def engine_callbacks(torch, obs, queue_from, count, dtype):
    engine = torch.autograd.Variable._execution_engine
    x = torch.tensor([1.0, -2.0], dtype=getattr(torch, dtype), requires_grad=True)
    log = []

    def queue(label):
        for i in range(count):
            engine.queue_callback(lambda i=i: log.append((f"callback {i} from {label}", x.grad)))

    y = x * 2
    z = y.exp()
    z.register_hook(lambda g: log.append("hook on z"))
    if queue_from == "tensor hook":
        y.register_hook(lambda g: queue("tensor hook"))
    elif queue_from == "node hook":
        y.grad_fn.register_hook(lambda gi, go: queue("node hook"))
    elif queue_from == "post-accumulate hook":
        x.register_post_accumulate_grad_hook(lambda t: queue("post-accumulate hook"))
    elif queue_from == "a callback":
        y.register_hook(
            lambda g: engine.queue_callback(lambda: (log.append("first callback"), queue("a callback")))
        )
    else:
        with obs.raises("queue outside backward"):
            queue("outside")
    with obs.raises("backward"):
        z.sum().backward()
    obs.record("log", log)


CHECKPOINT = Rule(
    id="REENTRANT-003",
    area="reentrant",
    title="Checkpointing recomputes the forward in backward and gives the same gradients",
    explanation="""
        torch.utils.checkpoint.checkpoint(fn, *args, use_reentrant=...) runs fn without saving its
        intermediates and runs it again during backward; the gradients equal those of fn run plainly,
        and fn runs twice. use_reentrant=True (the reentrant variant) gives outputs no gradient when no
        input requires grad (warning "None of the inputs have requires_grad=True. Gradients will be
        None") and refuses autograd.grad and backward(inputs=...); use_reentrant=False has neither
        limit. Leaving use_reentrant out warns that it should be passed explicitly.
    """,
    example="""
        import torch
        from torch.utils.checkpoint import checkpoint
        calls = []
        def block(x):
            calls.append(1)
            return (x.sin() * x).sum()
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        checkpoint(block, x, use_reentrant=False).backward()
        print(x.grad, len(calls))
    """,
    source=DOCS_CHECKPOINT,
)

BLOCKS = [
    "(a.sin() * a).sum()",
    "(a * b).exp().sum()",
    "torch.relu(a - b).pow(2).sum()",
    "(a @ b.t()).tanh().sum() if a.dim() == 2 else (a * b).sum()",
]


@CHECKPOINT.check(
    "checkpoint",
    block=st.sampled_from(BLOCKS),
    use_reentrant=st.sampled_from([True, False, None]),
    how=st.sampled_from(["backward", "autograd.grad", "backward(inputs=...)"]),
    b_requires_grad=st.booleans(),
    a_requires_grad=st.booleans(),
)
def checkpointing(torch, obs, block, use_reentrant, how, b_requires_grad, a_requires_grad):
    import warnings

    checkpoint = torch.utils.checkpoint.checkpoint  # the engine's (an import would find the real torch)

    a = torch.tensor([[1.0, -2.0], [0.5, 3.0]], requires_grad=a_requires_grad)
    b = torch.tensor([[0.25, 1.0], [-1.0, 2.0]], requires_grad=b_requires_grad)
    calls = []

    def fn(a, b):
        calls.append(torch.is_grad_enabled())
        return eval(block, {"torch": torch, "a": a, "b": b})

    options = {} if use_reentrant is None else {"use_reentrant": use_reentrant}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = checkpoint(fn, a, b, **options)
    obs.record("warnings", [(w.category.__name__, str(w.message)) for w in caught])
    obs.record("out", out)
    leaves = [t for t in (a, b) if t.requires_grad]
    with obs.raises(how):
        if how == "backward":
            out.backward()
        elif how == "autograd.grad":
            obs.record("grads", torch.autograd.grad(out, leaves))
        else:
            out.backward(inputs=leaves)
    obs.record("forward calls (grad mode in each)", calls)
    obs.record("a.grad", a.grad)
    obs.record("b.grad", b.grad)
