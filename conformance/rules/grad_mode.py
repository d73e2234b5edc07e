"""Grad modes: no_grad, enable_grad, set_grad_enabled and inference_mode decide what autograd records.

Bodies that switch the global grad mode restore the mode they found in a ``finally``, so a broken
engine cannot leak a disabled grad mode into the next check.
"""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, shapes, tensor_data

DOCS_GRAD_MODES = "https://pytorch.org/docs/stable/notes/autograd.html#locally-disabling-gradient-computation"
DOCS_NO_GRAD = "https://pytorch.org/docs/stable/generated/torch.no_grad.html"
DOCS_SET_GRAD_ENABLED = (
    "https://pytorch.org/docs/stable/generated/torch.autograd.grad_mode.set_grad_enabled.html"
)
DOCS_INFERENCE_MODE = "https://pytorch.org/docs/stable/generated/torch.autograd.grad_mode.inference_mode.html"
DOCS_THREADS = "https://pytorch.org/docs/stable/notes/autograd.html#grad-mode-is-thread-local"

UNARY_OPS = st.sampled_from(["mul", "add", "exp", "sum", "neg", "reshape"])
MODE_NAMES = st.sampled_from(["no_grad", "enable_grad", "set_grad_enabled(False)", "set_grad_enabled(True)"])

NO_GRAD_RESULTS = Rule(
    id="MODE-001",
    area="grad_mode",
    title="Inside no_grad, results are not tracked, but the tensors you marked keep requires_grad=True",
    explanation="""
        torch.no_grad() stops autograd from recording operations: everything computed inside the
        block has requires_grad=False, grad_fn None and is a leaf, even when its inputs require grad.
        The inputs themselves are not changed: a leaf created with requires_grad=True still has it
        inside and after the block, and operations on it after the block are recorded again. So the
        article's claim that no_grad stops tracking tensors marked requires_grad=True holds in the sense
        that their history is not recorded while the block runs.
    """,
    example="""
        import torch
        x = torch.ones(3, requires_grad=True)
        with torch.no_grad():
            y = x * 2
            print(x.requires_grad, y.requires_grad, y.grad_fn, y.is_leaf)
        print(x.requires_grad, (x * 2).grad_fn)
    """,
    claim=8,
    verdict="agrees",
    source=DOCS_NO_GRAD,
)


@NO_GRAD_RESULTS.check("ops-inside", op=UNARY_OPS, dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def no_grad_ops_inside(torch, obs, op, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()

    def apply(t):
        if op == "mul":
            return t * 2
        if op == "add":
            return t + t
        if op == "exp":
            return t.exp()
        if op == "sum":
            return t.sum()
        if op == "neg":
            return -t
        return t.reshape(-1)

    with torch.no_grad():
        y = apply(x)
        obs.record("result inside no_grad", y)
        obs.record("input inside no_grad", x)
    obs.record("input after no_grad", x)
    obs.record("same op after no_grad", apply(x))
    with obs.raises("backward through a result made inside no_grad"):
        y.sum().backward()
    obs.record("input grad", x.grad)


@NO_GRAD_RESULTS.check("constant-inside-graph", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def no_grad_result_is_constant(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    with torch.no_grad():
        c = x * 3 + 1
    z = c * x  # c is a constant here: dz/dx is c, not c + 3x
    obs.record("z", z)
    z.sum().backward()
    obs.record("x.grad", x.grad)


REQUIRES_GRAD_AND_NO_GRAD = Rule(
    id="MODE-002",
    area="grad_mode",
    title="requires_grad_() changes the flag in any grad mode; no_grad only stops recording",
    explanation="""
        requires_grad_(flag) sets a leaf's requires_grad in place and returns the same tensor, whatever the
        grad mode. Inside no_grad you can mark a tensor with requires_grad_(), and it keeps the flag, but
        operations on it inside the block are still not recorded; after the block they are.
        requires_grad_(False) switches tracking off again.
    """,
    example="""
        import torch
        t = torch.zeros(2)
        with torch.no_grad():
            print(t.requires_grad_() is t, t.requires_grad, (t + 1).requires_grad)
        print((t + 1).requires_grad, t.requires_grad_(False).requires_grad)
    """,
    claim=2,
    verdict="agrees",
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html",
)


@REQUIRES_GRAD_AND_NO_GRAD.check(
    "flag-across-modes", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)), inside=st.booleans()
)
def requires_grad_across_modes(torch, obs, dtype, data, inside):
    shape, flat = data
    t = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    obs.record("fresh tensor", t)
    if inside:
        with torch.no_grad():
            obs.record("requires_grad_() returns self", t.requires_grad_() is t)
            obs.record("op inside no_grad", t * 2)
    else:
        obs.record("requires_grad_() returns self", t.requires_grad_() is t)
        with torch.no_grad():
            obs.record("op inside no_grad", t * 2)
    obs.record("marked tensor", t)
    obs.record("op after no_grad", t * 2)
    obs.record("requires_grad_(False)", t.requires_grad_(False))
    obs.record("op after requires_grad_(False)", t * 2)


BACKWARD_INSIDE_NO_GRAD = Rule(
    id="MODE-003",
    area="grad_mode",
    title="no_grad does not stop backward(): a graph recorded earlier is still differentiated inside it",
    explanation="""
        The article says no_grad stops "gradient computation". What it really stops is the recording of
        new operations. A graph recorded before the block can still be differentiated inside it:
        backward() computes and accumulates .grad as usual, and autograd.grad(create_graph=True) even
        records the graph of the gradient, because the engine sets the grad mode itself while it runs.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = (x * x).sum()
        with torch.no_grad():
            y.backward()
        print(x.grad)
    """,
    claim=2,
    verdict="differs: no_grad only stops recording new operations; backward() and autograd.grad on a "
    "graph recorded before the block still compute gradients inside it",
    source=DOCS_GRAD_MODES,
)


@BACKWARD_INSIDE_NO_GRAD.check("backward-inside", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def backward_inside_no_grad(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = (x * x).sum()
    with torch.no_grad():
        y.backward()
        obs.record("x.grad after backward inside no_grad", x.grad)


@BACKWARD_INSIDE_NO_GRAD.check("grad-inside", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def autograd_grad_inside_no_grad(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = (x * x * x).sum()
    with torch.no_grad():
        (g,) = torch.autograd.grad(y, x, create_graph=True)
        obs.record("first derivative (create_graph=True inside no_grad)", g)
    (g2,) = torch.autograd.grad(g.sum(), x)
    obs.record("second derivative", g2)


NESTING = Rule(
    id="MODE-004",
    area="grad_mode",
    title="Grad-mode blocks nest: the innermost wins, and each exit restores the mode it found",
    explanation="""
        no_grad, enable_grad and set_grad_enabled(mode) can be nested freely. Inside, the innermost block
        decides whether operations are recorded (torch.is_grad_enabled() tells which), and leaving a
        block restores exactly the mode that was active when it was entered. enable_grad inside no_grad
        records again, which is how library code can force tracking.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        with torch.no_grad():
            with torch.enable_grad():
                print(torch.is_grad_enabled(), (x * 2).requires_grad)
            print(torch.is_grad_enabled(), (x * 2).requires_grad)
        print(torch.is_grad_enabled())
    """,
    source=DOCS_GRAD_MODES,
)


@NESTING.check("random-nesting", modes=st.lists(MODE_NAMES, min_size=1, max_size=5), dtype=float_dtypes())
def random_nesting(torch, obs, modes, dtype):
    x = torch.ones(2, dtype=getattr(torch, dtype), requires_grad=True)
    start = torch.is_grad_enabled()
    entered = []
    try:
        for name in modes:
            if name == "no_grad":
                block = torch.no_grad()
            elif name == "enable_grad":
                block = torch.enable_grad()
            else:
                block = torch.set_grad_enabled(name.endswith("(True)"))
            block.__enter__()
            entered.append(block)
            obs.record(f"inside {name}: is_grad_enabled", torch.is_grad_enabled())
            obs.record(f"inside {name}: x * 2", x * 2)
        while entered:
            entered.pop().__exit__(None, None, None)
            obs.record(f"after an exit, {len(entered)} left: is_grad_enabled", torch.is_grad_enabled())
    finally:
        torch.set_grad_enabled(start)


SET_GRAD_ENABLED = Rule(
    id="MODE-005",
    area="grad_mode",
    title="set_grad_enabled(mode) works as a plain call and as a context manager",
    explanation="""
        torch.set_grad_enabled(mode) switches grad mode as soon as it is called: used as a statement it
        stays switched until changed again. Used in a with-statement it restores the previous mode on
        exit. The mode argument makes it handy for code shared by training (True) and evaluation (False).
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        torch.set_grad_enabled(False)
        print(torch.is_grad_enabled(), (x * 2).requires_grad)
        torch.set_grad_enabled(True)
        with torch.set_grad_enabled(False):
            print(torch.is_grad_enabled())
        print(torch.is_grad_enabled())
    """,
    source=DOCS_SET_GRAD_ENABLED,
)


@SET_GRAD_ENABLED.check("as-call", mode=st.booleans(), dtype=float_dtypes(), data=tensor_data())
def set_grad_enabled_call(torch, obs, mode, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    start = torch.is_grad_enabled()
    try:
        torch.set_grad_enabled(mode)
        obs.record("is_grad_enabled after the call", torch.is_grad_enabled())
        obs.record("x * 2 after the call", x * 2)
        torch.set_grad_enabled(not mode)
        obs.record("is_grad_enabled after the opposite call", torch.is_grad_enabled())
        obs.record("x * 2 after the opposite call", x * 2)
    finally:
        torch.set_grad_enabled(start)


@SET_GRAD_ENABLED.check("as-context", mode=st.booleans(), outer=st.booleans(), dtype=float_dtypes())
def set_grad_enabled_context(torch, obs, mode, outer, dtype):
    x = torch.ones(3, dtype=getattr(torch, dtype), requires_grad=True)
    start = torch.is_grad_enabled()
    try:
        torch.set_grad_enabled(outer)
        with torch.set_grad_enabled(mode):
            obs.record("inside: is_grad_enabled", torch.is_grad_enabled())
            obs.record("inside: x * 2", x * 2)
        obs.record("after: is_grad_enabled", torch.is_grad_enabled())
        obs.record("after: x * 2", x * 2)
    finally:
        torch.set_grad_enabled(start)


DECORATORS = Rule(
    id="MODE-006",
    area="grad_mode",
    title="Grad modes decorate functions, with or without parentheses",
    explanation="""
        no_grad, enable_grad and inference_mode can decorate a function, written either as
        @torch.no_grad() or as @torch.no_grad; set_grad_enabled(mode) decorates as a call. The function
        runs in that mode, the caller's mode is back afterwards, and the decorated function keeps its
        name. One quirk: set_grad_enabled(mode) switches the mode as soon as it is called, so between
        building the decorator and applying it the mode is already changed; applying it to the function
        restores the previous mode.
    """,
    example="""
        import torch
        @torch.no_grad
        def double(t):
            return t * 2
        x = torch.ones(2, requires_grad=True)
        print(double(x).requires_grad, double.__name__, torch.is_grad_enabled())
    """,
    source=DOCS_NO_GRAD,
)


@DECORATORS.check(
    "decorated-function",
    style=st.sampled_from(
        [
            "no_grad()",
            "no_grad",
            "enable_grad()",
            "enable_grad",
            "set_grad_enabled(False)",
            "set_grad_enabled(True)",
            "inference_mode()",
            "inference_mode",
        ]
    ),
    outer=st.booleans(),
    dtype=float_dtypes(),
)
def decorated_function(torch, obs, style, outer, dtype):
    x = torch.ones(2, dtype=getattr(torch, dtype), requires_grad=True)
    start = torch.is_grad_enabled()
    try:
        torch.set_grad_enabled(outer)

        def double(t):
            return t * 2, torch.is_grad_enabled()

        name, _, call = style.partition("(")
        decorator = getattr(torch, name)
        if call:
            decorator = decorator(call == "True)") if name == "set_grad_enabled" else decorator()
        obs.record("is_grad_enabled after building the decorator", torch.is_grad_enabled())
        wrapped = decorator(double)
        obs.record("is_grad_enabled after applying it", torch.is_grad_enabled())
        obs.record("wrapped __name__", wrapped.__name__)
        result, mode_inside = wrapped(x)
        obs.record("mode inside", mode_inside)
        obs.record("result", result)
        obs.record("is_grad_enabled after the call", torch.is_grad_enabled())
    finally:
        torch.set_grad_enabled(start)


RESTORED_ON_ERROR = Rule(
    id="MODE-007",
    area="grad_mode",
    title="Leaving a grad-mode block by an exception restores the previous mode",
    explanation="""
        Grad-mode context managers and decorated functions restore the mode they found even when the
        code inside raises, and they do not swallow the exception. A failed evaluation step inside
        no_grad therefore never leaves autograd switched off for the rest of the program.
    """,
    example="""
        import torch
        try:
            with torch.no_grad():
                raise ValueError("evaluation failed")
        except ValueError as e:
            print("caught:", e)
        print(torch.is_grad_enabled())
    """,
    source=DOCS_NO_GRAD,
)


@RESTORED_ON_ERROR.check(
    "raise-inside", modes=st.lists(MODE_NAMES, min_size=1, max_size=3), outer=st.booleans()
)
def raise_inside_blocks(torch, obs, modes, outer):
    start = torch.is_grad_enabled()
    try:
        torch.set_grad_enabled(outer)

        def run(depth):
            name = modes[depth]
            if name == "no_grad":
                block = torch.no_grad()
            elif name == "enable_grad":
                block = torch.enable_grad()
            else:
                block = torch.set_grad_enabled(name.endswith("(True)"))
            with block:
                if depth + 1 == len(modes):
                    raise ValueError(f"raised at depth {depth}")
                run(depth + 1)

        with obs.raises("exception through the blocks"):
            run(0)
        obs.record("is_grad_enabled after", torch.is_grad_enabled())
    finally:
        torch.set_grad_enabled(start)


@RESTORED_ON_ERROR.check("raise-in-decorated", style=st.sampled_from(["no_grad", "enable_grad"]))
def raise_in_decorated(torch, obs, style):
    start = torch.is_grad_enabled()
    try:
        torch.set_grad_enabled(style != "no_grad")

        @getattr(torch, style)()
        def failing():
            raise KeyError(f"inside {style}: {torch.is_grad_enabled()}")

        with obs.raises("decorated function raising"):
            failing()
        obs.record("is_grad_enabled after", torch.is_grad_enabled())
    finally:
        torch.set_grad_enabled(start)


THREAD_LOCAL = Rule(
    id="MODE-008",
    area="grad_mode",
    title="Grad mode is thread-local: a new thread starts with grad enabled",
    explanation="""
        The grad mode belongs to the thread that set it. A thread started inside a no_grad block records
        operations as usual, and a no_grad block in another thread does not affect the main thread.
        Data-loading or worker threads therefore have to set their own mode.
    """,
    example="""
        import threading
        import torch
        seen = []
        with torch.no_grad():
            t = threading.Thread(target=lambda: seen.append(torch.is_grad_enabled()))
            t.start()
            t.join()
        print(seen)
    """,
    source=DOCS_THREADS,
)


@THREAD_LOCAL.check("other-thread", main_mode=st.booleans(), thread_mode=st.booleans())
def grad_mode_per_thread(torch, obs, main_mode, thread_mode):
    import threading

    x = torch.ones(2, requires_grad=True)
    seen = []

    def worker():
        seen.append(("worker start", torch.is_grad_enabled(), (x * 2).requires_grad))
        torch.set_grad_enabled(thread_mode)
        seen.append(("worker after set", torch.is_grad_enabled(), (x * 2).requires_grad))

    with torch.set_grad_enabled(main_mode):
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        obs.record("main thread after the worker", (torch.is_grad_enabled(), (x * 2).requires_grad))
    obs.record("worker saw", seen)


INFERENCE_MODE = Rule(
    id="MODE-009",
    area="grad_mode",
    title="inference_mode makes inference tensors that autograd refuses to use later",
    explanation="""
        torch.inference_mode() is a stricter no_grad: nothing is recorded (is_grad_enabled() is False
        inside) and the results are inference tensors (is_inference() is True). Outside the block they
        cannot be saved for backward by a tracked operation, cannot be given requires_grad=True and cannot
        be modified in place; an operation that does not save them (like addition) is still allowed. A
        clone is a normal tensor again.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        with torch.inference_mode():
            z = x * 2
        print(z.requires_grad, z.is_inference())
        try:
            x * z
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_INFERENCE_MODE,
)


@INFERENCE_MODE.check("inference-tensors", dtype=float_dtypes(), data=tensor_data())
def inference_tensors(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    with torch.inference_mode():
        obs.record("inside: is_grad_enabled", torch.is_grad_enabled())
        obs.record("inside: is_inference_mode_enabled", torch.is_inference_mode_enabled())
        z = x * 2
    obs.record("after: is_inference_mode_enabled", torch.is_inference_mode_enabled())
    obs.record("inference result", z)
    obs.record("is_inference", (z.is_inference(), x.is_inference(), z.clone().is_inference()))
    with obs.raises("mul saves the inference tensor"):
        x * z
    with obs.raises("add does not save it"):
        s = x + z
        s.sum().backward()
        obs.record("x.grad through add", x.grad)
    with obs.raises("requires_grad_() on an inference tensor"):
        z.requires_grad_()
    with obs.raises("a clone is a normal tensor"):
        obs.record("clone made differentiable", z.clone().requires_grad_())
    # Last: torch reports this error only after the update is done, so z is not observed afterwards.
    with obs.raises("in-place on an inference tensor"):
        z.add_(1)


@INFERENCE_MODE.check(
    "enable-grad-inside", inner=st.sampled_from(["enable_grad", "set_grad_enabled"]), dtype=float_dtypes()
)
def enable_grad_inside_inference_mode(torch, obs, inner, dtype):
    """enable_grad inside inference_mode turns grad mode on, yet nothing is recorded: inference mode takes
    autograd out of the dispatch entirely, whatever the grad mode says."""
    x = torch.ones(2, dtype=getattr(torch, dtype), requires_grad=True)
    with torch.inference_mode():
        block = torch.enable_grad() if inner == "enable_grad" else torch.set_grad_enabled(True)
        with block:
            obs.record("is_grad_enabled", torch.is_grad_enabled())
            y = x * 2
            obs.record("requires_grad, has grad_fn", (y.requires_grad, y.grad_fn is not None))
        obs.record("after the inner block: is_grad_enabled", torch.is_grad_enabled())
    y = x * 2
    obs.record("after inference_mode", (torch.is_grad_enabled(), y.requires_grad, y.grad_fn.name()))
