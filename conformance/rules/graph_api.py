"""The graph API: hooks on nodes, gradient edges, multi-grad hooks and post-accumulate hooks."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes

DOCS = "https://pytorch.org/docs/stable/autograd.html#autograd-graph"
DOCS_HOOKS = "https://pytorch.org/docs/stable/notes/autograd.html#backward-hooks-execution"

# Intermediates whose grad_fn gets the hooks: one input (exp), two inputs with one constant (x * 3),
# two tensors (x * w), a view (x[1:]), several outputs of one node (unbind).
NODE_FORMS = [
    "x * 3",
    "x.exp()",
    "x * w",
    "x[1:]",
    "x.unbind(0)[1]",
    "x.sum()",
    "torch.stack([x, w]).max(0).values",
]

NODE_HOOKS = Rule(
    id="NODE-001",
    area="graph_api",
    title="A node's hook sees (grad_inputs, grad_outputs) after it runs; its result replaces grad_inputs",
    explanation="""
        grad_fn.register_hook(fn) calls fn(grad_inputs, grad_outputs) after the node has computed its
        gradients: grad_outputs are the gradients flowing into the node (one per output of the op),
        grad_inputs what it computed (one per entry of next_functions, None for inputs that need no
        gradient). If fn returns a tuple, it replaces grad_inputs and must have the same length
        ("hook '<name>' has returned an incorrect number of values (got 1, but expected 2)"). The
        returned handle's remove() unregisters the hook.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        y.grad_fn.register_hook(lambda gi, go: print("in", gi, "out", go))
        y.grad_fn.register_hook(lambda gi, go: (gi[0] * 10, gi[1]))
        y.sin().sum().backward()
        print(x.grad)
    """,
    source=DOCS_HOOKS,
)


@NODE_HOOKS.check(
    "post-hooks",
    form=st.sampled_from(NODE_FORMS),
    returns=st.sampled_from(["nothing", "scaled", "wrong count", "removed"]),
    dtype=float_dtypes(),
)
def node_post_hooks(torch, obs, form, returns, dtype):
    dt = getattr(torch, dtype)
    x = torch.tensor([1.0, -2.0, 0.5], dtype=dt, requires_grad=True)
    w = torch.tensor([2.0, 0.5, -1.0], dtype=dt, requires_grad=True)
    y = eval(form, {"torch": torch, "x": x, "w": w})
    seen = []

    def hook(grad_inputs, grad_outputs):
        seen.append((list(grad_inputs), list(grad_outputs)))
        if returns == "scaled":
            return tuple(None if g is None else g * 10 for g in grad_inputs)
        if returns == "wrong count":
            return tuple(grad_inputs) + (None,)
        return None

    handle = y.grad_fn.register_hook(hook)
    if returns == "removed":
        handle.remove()
    with obs.raises("backward"):
        (y.sin() * 2).sum().backward()
    obs.record("hook calls", seen)
    obs.record("x.grad", x.grad)
    obs.record("w.grad", w.grad)


PREHOOKS = Rule(
    id="NODE-002",
    area="graph_api",
    title="A node's prehook sees grad_outputs before it runs, and can replace them",
    explanation="""
        grad_fn.register_prehook(fn) calls fn(grad_outputs) before the node runs; a returned tuple of the
        same length replaces the gradients the node receives, so everything upstream sees the change.
        Prehooks run after the tensor hooks registered on the node's output tensor (those are prehooks
        too, registered first), and before the node's post hooks.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        order = []
        y.register_hook(lambda g: order.append("tensor hook"))
        y.grad_fn.register_prehook(lambda go: order.append("prehook") or (go[0] * 10,))
        y.grad_fn.register_hook(lambda gi, go: order.append("post hook"))
        y.sum().backward()
        print(order, x.grad)
    """,
    source=DOCS_HOOKS,
)


@PREHOOKS.check(
    "prehooks",
    form=st.sampled_from(NODE_FORMS),
    replace=st.booleans(),
    tensor_hook=st.booleans(),
    dtype=float_dtypes(),
)
def node_prehooks(torch, obs, form, replace, tensor_hook, dtype):
    dt = getattr(torch, dtype)
    x = torch.tensor([1.0, -2.0, 0.5], dtype=dt, requires_grad=True)
    w = torch.tensor([2.0, 0.5, -1.0], dtype=dt, requires_grad=True)
    y = eval(form, {"torch": torch, "x": x, "w": w})
    order = []
    if tensor_hook:
        y.register_hook(lambda g: order.append(("tensor hook", g)))

    def prehook(grad_outputs):
        order.append(("prehook", list(grad_outputs)))
        return tuple(None if g is None else g * 10 for g in grad_outputs) if replace else None

    y.grad_fn.register_prehook(prehook)
    y.grad_fn.register_hook(lambda gi, go: order.append(("post hook", list(go))))
    (y.cos() * 2).sum().backward()
    obs.record("order", order)
    obs.record("x.grad", x.grad)
    obs.record("w.grad", w.grad)


EDGES = Rule(
    id="NODE-003",
    area="graph_api",
    title="get_gradient_edge names a tensor's place in the graph; autograd.grad takes edges",
    explanation="""
        torch.autograd.graph.get_gradient_edge(t) returns a GradientEdge (node, output_nr): the node that
        produced t (AccumulateGrad for a leaf) and which of its outputs t is. autograd.grad accepts edges
        as inputs, giving the gradient with respect to that output of that node, which is how to ask for
        the gradient of an intermediate that is gone or was replaced. A tensor that does not require grad
        has no edge (RuntimeError). grad_fn is a torch.autograd.graph.Node, the same object each time it
        is read, with a metadata dict that keeps what is stored in it.
    """,
    example="""
        import torch
        from torch.autograd.graph import get_gradient_edge
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        edge = get_gradient_edge(y)
        print(edge.node.name(), edge.output_nr, get_gradient_edge(x).node.name())
        print(torch.autograd.grad((y * y).sum(), edge))
    """,
    source=DOCS,
)

EDGE_SCENARIOS = [
    "edge of a result", "edge of a leaf", "edge of a multi-output op", "grad with an edge",
    "grad with edge and tensor", "edge of a tensor without grad", "node identity and metadata",
    "edge of a view", "edge after in-place",
]  # fmt: skip


@EDGES.check("edges", scenario=st.sampled_from(EDGE_SCENARIOS), dtype=float_dtypes())
def gradient_edges(torch, obs, scenario, dtype):
    graph = torch.autograd.graph
    dt = getattr(torch, dtype)
    x = torch.tensor([1.0, -2.0, 0.5], dtype=dt, requires_grad=True)
    y = x * 3
    with obs.raises(scenario):
        if scenario == "edge of a result":
            edge = graph.get_gradient_edge(y)
            obs.record("edge", (edge.node.name(), edge.output_nr, edge.node is y.grad_fn))
        elif scenario == "edge of a leaf":
            edge = graph.get_gradient_edge(x)
            obs.record("edge", (edge.node.name(), edge.output_nr))
        elif scenario == "edge of a multi-output op":
            parts = y.unbind(0)
            obs.record(
                "edges",
                [
                    (graph.get_gradient_edge(p).node.name(), graph.get_gradient_edge(p).output_nr)
                    for p in parts
                ],
            )
            obs.record(
                "grad", torch.autograd.grad((parts[2] * parts[1]).sum(), graph.get_gradient_edge(parts[1]))
            )
        elif scenario == "grad with an edge":
            edge = graph.get_gradient_edge(y)
            z = (y * y).sum()
            obs.record("grad", torch.autograd.grad(z, edge))
        elif scenario == "grad with edge and tensor":
            edge = graph.get_gradient_edge(y)
            obs.record("grads", torch.autograd.grad((y.exp() * x).sum(), (edge, x)))
        elif scenario == "edge of a tensor without grad":
            graph.get_gradient_edge(torch.ones(2, dtype=dt))
        elif scenario == "node identity and metadata":
            node = y.grad_fn
            node.metadata["note"] = "kept"
            obs.record("same object", y.grad_fn is node)
            obs.record("is a Node", isinstance(node, graph.Node))
            obs.record("metadata", dict(y.grad_fn.metadata))
        elif scenario == "edge of a view":
            v = y[1:]
            edge = graph.get_gradient_edge(v)
            obs.record("edge", (edge.node.name(), edge.output_nr))
            obs.record("grad", torch.autograd.grad((v * v).sum(), edge))
        else:
            z = y.clone()
            before = graph.get_gradient_edge(z)
            z.mul_(2)
            after = graph.get_gradient_edge(z)
            obs.record("nodes", (before.node.name(), after.node.name(), before.node is after.node))
            obs.record("grad through the old edge", torch.autograd.grad(z.sum(), before))


MULTI = Rule(
    id="NODE-004",
    area="graph_api",
    title="register_multi_grad_hook fires once per backward, with all the gradients or the first one",
    explanation="""
        torch.autograd.graph.register_multi_grad_hook(tensors, fn) calls fn once per backward pass that
        computes a gradient for any of the tensors, after all of theirs are known: fn gets a tuple with
        one gradient per tensor, None for those the pass did not reach (mode="all", the default). With
        mode="any", fn(grad) is called once, with the first gradient computed. The handle's remove()
        unregisters it.
    """,
    example="""
        import torch
        from torch.autograd.graph import register_multi_grad_hook
        a = torch.ones(2, requires_grad=True)
        b = torch.ones(2, requires_grad=True)
        register_multi_grad_hook((a, b), lambda grads: print("all:", grads))
        (a * 2).sum().backward()
        (a * 2 + b).sum().backward()
    """,
    source=DOCS,
)

MULTI_ROOTS = [
    "(a * 2).sum()",
    "(a * b).sum()",
    "(b * 3).sum()",
    "(c * 4).sum()",
    "(a + b + c).sum()",
    "((a * b).exp() * c).sum()",
]


@MULTI.check(
    "multi",
    mode=st.sampled_from(["all", "any"]),
    roots=st.lists(st.sampled_from(MULTI_ROOTS), min_size=1, max_size=3),
    remove_after=st.integers(0, 3),
    on_non_leaves=st.booleans(),
)
def multi_grad_hooks(torch, obs, mode, roots, remove_after, on_non_leaves):
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([-1.0, 0.5], requires_grad=True)
    c = torch.tensor([3.0, 1.0], requires_grad=True)
    watched = (a * 1, b * 1) if on_non_leaves else (a, b)
    names = {"a": watched[0], "b": watched[1], "c": c}
    calls = []
    handle = torch.autograd.graph.register_multi_grad_hook(
        watched, lambda grads: calls.append(grads), mode=mode
    )
    for i, root in enumerate(roots):
        if i == remove_after:
            handle.remove()
        eval(root, names).backward(retain_graph=True)
        obs.record(f"calls after {root}", list(calls))
    obs.record("a.grad", a.grad)


POST_ACCUMULATE = Rule(
    id="NODE-005",
    area="graph_api",
    title="Post-accumulate-grad hooks see the leaf after .grad is updated; only leaves take them",
    explanation="""
        tensor.register_post_accumulate_grad_hook(fn) calls fn(tensor) after backward has accumulated
        into tensor.grad (the place for an optimizer step per parameter). Its return value is ignored.
        It runs once per backward that reaches the leaf, not for autograd.grad (which accumulates
        nothing), and not for leaves left out by backward(inputs=...). Non-leaf tensors refuse it
        ("post accumulate grad hooks cannot be registered on non-leaf tensors"), as do tensors that do
        not require grad.
    """,
    example="""
        import torch
        w = torch.tensor([1.0, 2.0], requires_grad=True)
        w.register_post_accumulate_grad_hook(lambda t: print("grad is now", t.grad))
        (w * 3).sum().backward()
        (w * 3).sum().backward()
        torch.autograd.grad((w * 3).sum(), w)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.register_post_accumulate_grad_hook.html",
)

POST_STEPS = [
    "(w * 3).sum().backward()", "(w * v).sum().backward()", "torch.autograd.grad((w * 2).sum(), w)",
    "(w * v).sum().backward(inputs=[v])", "w.grad = None", "(w.exp()).sum().backward()",
    "with torch.no_grad(): w.grad.mul_(0.5)",
]  # fmt: skip


@POST_ACCUMULATE.check(
    "post-accumulate",
    target=st.sampled_from(["leaf", "non-leaf", "no grad"]),
    returns_value=st.booleans(),
    steps=st.lists(st.sampled_from(POST_STEPS), min_size=1, max_size=4),
)
def post_accumulate(torch, obs, target, returns_value, steps):
    w = torch.tensor([1.0, -2.0], requires_grad=target != "no grad")
    v = torch.tensor([0.5, 3.0], requires_grad=True)
    seen = []

    def hook(t):
        seen.append(("hook", t is w, None if t.grad is None else t.grad.clone()))
        return t * 100 if returns_value else None

    with obs.raises("register"):
        (w if target != "non-leaf" else w * 2).register_post_accumulate_grad_hook(hook)
    for step in steps:
        with obs.raises(step):
            exec(step, {"torch": torch, "w": w, "v": v})
        obs.record(f"after {step}", (list(seen), w.grad))
