"""retain_graph: what backward() frees, and when a graph can run twice."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, tensor_data

DOCS_BACKWARD = "https://pytorch.org/docs/stable/generated/torch.Tensor.backward.html"
DOCS_SAVED = "https://pytorch.org/docs/stable/notes/autograd.html#saved-tensors"

# Ops whose backward needs a saved tensor, and ops that save none (all on a requiring x, with w a leaf).
SAVING_OPS = ["x * w", "x.exp()", "x.tanh()", "x.sigmoid()", "x.pow(3)", "x / w", "x.relu()"]
NON_SAVING_OPS = ["x + w", "x - w", "-x", "x.sum()", "x.reshape(-1)", "x.clone()", "x[..., None]"]


SECOND_BACKWARD_FAILS = Rule(
    id="RETAIN-001",
    area="retain_graph",
    title="A second backward through a graph whose saved tensors were freed raises",
    explanation="""
        backward() frees the tensors each node saved for its gradient formula (x for x * w, the result for
        exp, ...). Backpropagating through such a graph again raises "Trying to backward through the graph
        a second time ... Specify retain_graph=True ...". The leaves keep the gradient of the first pass.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x.exp().sum()
        y.backward()
        try:
            y.backward()
        except RuntimeError as e:
            print(e)
    """,
    claim=6,
    verdict="agrees",
    source=DOCS_BACKWARD,
)


@SECOND_BACKWARD_FAILS.check("ops", op=st.sampled_from(SAVING_OPS), dtype=float_dtypes(), data=tensor_data())
def second_backward_fails(torch, obs, op, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.full(shape, 1.5, dtype=dt, requires_grad=True)
    root = eval(op, {"x": x, "w": w}).sum()
    with obs.raises("first backward"):
        root.backward()
    with obs.raises("second backward"):
        root.backward()
    obs.record("x.grad", x.grad)


RETAIN_GRAPH = Rule(
    id="RETAIN-002",
    area="retain_graph",
    title="retain_graph=True keeps the graph for more backward passes, whose gradients accumulate",
    explanation="""
        backward(retain_graph=True) leaves the saved tensors in place, so the same graph can be
        backpropagated again; each pass adds its gradient into .grad.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x.exp().sum()
        y.backward(retain_graph=True)
        y.backward()
        print(x.grad)
    """,
    claim=6,
    verdict="agrees",
    source=DOCS_BACKWARD,
)


@RETAIN_GRAPH.check(
    "k-passes",
    op=st.sampled_from(SAVING_OPS),
    passes=st.integers(2, 4),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def retain_graph_passes(torch, obs, op, passes, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.full(shape, 1.5, dtype=dt, requires_grad=True)
    root = eval(op, {"x": x, "w": w}).sum()
    for k in range(passes):
        with obs.raises(f"pass {k + 1}"):
            root.backward(retain_graph=True)
        obs.record(f"x.grad after pass {k + 1}", x.grad)


NOTHING_SAVED = Rule(
    id="RETAIN-003",
    area="retain_graph",
    title="A graph whose nodes saved no tensors can be backpropagated twice without retain_graph",
    explanation="""
        What backward() frees is the saved tensors, not the graph itself. Nodes such as add, sub, neg,
        sum, reshape or clone need no saved tensor to compute their gradient, so a graph made only of them
        runs again without retain_graph=True, and the gradients accumulate.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = (x + x).sum()
        y.backward()
        y.backward()
        print(x.grad)
    """,
    claim=6,
    verdict="differs: only saved tensors are freed; a graph that saved none can run again without"
    " retain_graph=True",
    source=DOCS_SAVED,
)


@NOTHING_SAVED.check(
    "ops",
    ops=st.lists(st.sampled_from(NON_SAVING_OPS), min_size=1, max_size=3),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def nothing_saved(torch, obs, ops, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.full(shape, 1.5, dtype=dt, requires_grad=True)
    root = sum(eval(op, {"x": x, "w": w}).sum() for op in ops)
    for k in range(2):
        with obs.raises(f"backward {k + 1}"):
            root.backward()
        obs.record(f"x.grad after backward {k + 1}", x.grad)
        obs.record(f"w.grad after backward {k + 1}", w.grad)


PER_CALL = Rule(
    id="RETAIN-004",
    area="retain_graph",
    title="retain_graph applies per call: the first backward without it frees the graph",
    explanation="""
        retain_graph=True protects the graph only during that call. The next backward() without it still
        works (the tensors were kept) but frees them, so the one after that raises.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = (x * x).sum()
        y.backward(retain_graph=True)
        y.backward()
        try:
            y.backward()
        except RuntimeError as e:
            print("third:", e)
        print(x.grad)
    """,
    source=DOCS_BACKWARD,
)


@PER_CALL.check(
    "sequence",
    flags=st.lists(st.booleans(), min_size=2, max_size=5),
    op=st.sampled_from(SAVING_OPS),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def retain_per_call(torch, obs, flags, op, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.full(shape, 1.5, dtype=dt, requires_grad=True)
    root = eval(op, {"x": x, "w": w}).sum()
    for k, keep in enumerate(flags):
        with obs.raises(f"backward {k + 1} (retain_graph={keep})"):
            root.backward(retain_graph=keep)
    obs.record("x.grad", x.grad)


INSPECTABLE = Rule(
    id="RETAIN-005",
    area="retain_graph",
    title="After backward the nodes remain: grad_fn, name() and next_functions still work",
    explanation="""
        Freeing saved tensors does not delete the graph's structure. A result's grad_fn, its name and
        next_functions are the same after backward() as before; only the saved tensors are gone.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x.exp()
        z = y.sum()
        z.backward()
        print(z.grad_fn, z.grad_fn.next_functions[0][0] is y.grad_fn, y.grad_fn.next_functions)
    """,
    source=DOCS_SAVED,
)


@INSPECTABLE.check("after-backward", op=st.sampled_from(SAVING_OPS), dtype=float_dtypes(), data=tensor_data())
def inspectable_after_backward(torch, obs, op, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.full(shape, 1.5, dtype=dt, requires_grad=True)
    y = eval(op, {"x": x, "w": w})
    z = y.sum()
    node_before = y.grad_fn
    z.backward()
    obs.record("same node", y.grad_fn is node_before)
    obs.record("y.grad_fn", y.grad_fn)
    obs.record("z.grad_fn", z.grad_fn)
    obs.record("z's next is y's grad_fn", z.grad_fn.next_functions[0][0] is y.grad_fn)
    obs.record("y", y)


SAVED_TENSORS = Rule(
    id="RETAIN-006",
    area="retain_graph",
    title="Saved tensors are readable as grad_fn._saved_* until backward frees them",
    explanation="""
        A node exposes what it saved: MulBackward0._saved_self and _saved_other are the operands,
        ExpBackward0._saved_result is the output. After a backward without retain_graph, reading them
        raises the same "Trying to backward through the graph a second time (or directly access saved
        tensors after they have already been freed)" error; with retain_graph=True they stay readable.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x.exp()
        print(y.grad_fn._saved_result)
        y.sum().backward()
        try:
            y.grad_fn._saved_result
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_SAVED,
)


@SAVED_TENSORS.check("mul-exp", retain=st.booleans(), dtype=float_dtypes(), data=tensor_data())
def saved_tensors(torch, obs, retain, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.full(shape, 1.5, dtype=dt, requires_grad=True)
    product = x * w
    result = x.exp()
    obs.record("_saved_self", product.grad_fn._saved_self)
    obs.record("_saved_other", product.grad_fn._saved_other)
    obs.record("_saved_result", result.grad_fn._saved_result)
    (product + result).sum().backward(retain_graph=retain)
    with obs.raises("_saved_self after backward"):
        obs.record("_saved_self", product.grad_fn._saved_self)
    with obs.raises("_saved_result after backward"):
        obs.record("_saved_result", result.grad_fn._saved_result)


STALE_INTERMEDIATE = Rule(
    id="RETAIN-007",
    area="retain_graph",
    title="Reusing an intermediate from an already backpropagated graph fails in the next backward",
    explanation="""
        A new forward that starts from an old intermediate (say, a hidden state kept across steps) links
        into the old graph. If that graph's saved tensors were freed, the new backward reaches them and
        raises the "backward through the graph a second time" error; detach() the intermediate, or
        keep the graph, to avoid it.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        h = x.exp()
        h.sum().backward()
        try:
            (h * 2).sum().backward()
        except RuntimeError as e:
            print(e)
        (h.detach() * 2).sum()
    """,
    source=DOCS_SAVED,
)


@STALE_INTERMEDIATE.check(
    "reuse",
    how=st.sampled_from(["plain", "retain_graph", "detach"]),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def stale_intermediate(torch, obs, how, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    h = x.exp()
    h.sum().backward(retain_graph=how == "retain_graph")
    obs.record("x.grad after first", x.grad)
    w = torch.full(shape, 2.0, dtype=getattr(torch, dtype), requires_grad=True)
    reused = h.detach() if how == "detach" else h
    with obs.raises("second forward + backward"):
        (reused * w).sum().backward()
    obs.record("x.grad after second", x.grad)
    obs.record("w.grad", w.grad)
