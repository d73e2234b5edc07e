"""grad_fn and the shape of the recorded graph."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import broadcastable_shapes, float_dtypes, nonempty_shapes, shapes, tensor_data

DOCS_AUTOGRAD = "https://pytorch.org/docs/stable/notes/autograd.html"

OP_NAMES = Rule(
    id="GRAPH-001",
    area="graph",
    title="A computed tensor's grad_fn names the backward of the op that made it",
    explanation="""
        Each recorded operation leaves a node on its result: grad_fn. Its name() is the op's name
        followed by Backward and an overload number, e.g. MulBackward0 or ExpBackward0, and its
        next_functions point to the nodes of the inputs.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x.exp() * x
        print(y.grad_fn, y.grad_fn.next_functions)
    """,
    claim=3,
    verdict="agrees",
    source=DOCS_AUTOGRAD,
    graph_of="y",
)


@OP_NAMES.check(
    "unary",
    op=st.sampled_from(
        ["neg", "exp", "log", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "sqrt", "clone"]
    ),
    dtype=float_dtypes(),
    data=tensor_data(low=0.125, high=3.0),
)
def unary_names(torch, obs, op, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    obs.record(op, getattr(x, op)())


@OP_NAMES.check(
    "binary",
    op=st.sampled_from(["add", "sub", "mul", "div", "pow", "maximum"]),
    dtype=float_dtypes(),
    pair=broadcastable_shapes(),
)
def binary_names(torch, obs, op, dtype, pair):
    dt = getattr(torch, dtype)
    a = torch.full(pair[0], 1.5, dtype=dt, requires_grad=True)
    b = torch.full(pair[1], 2.5, dtype=dt, requires_grad=True)
    obs.record(f"{op}(a, b)", getattr(torch, op)(a, b))
    obs.record(f"{op}(a, 2.0)", getattr(torch, op)(a, 2.0) if op != "maximum" else None)


OVERLOADS = Rule(
    id="GRAPH-002",
    area="graph",
    title="Overloads get their own node: sum() is SumBackward0, sum(dim) SumBackward1, x[i] SelectBackward0",
    explanation="""
        The number after Backward tells which overload of the op ran: a full reduction x.sum() is
        SumBackward0 while x.sum(dim) is SumBackward1 (mean likewise). Indexing is not one op:
        an integer index is a select (SelectBackward0), a slice is SliceBackward0 and a list of
        indices is IndexBackward0.
    """,
    example="""
        import torch
        x = torch.ones(2, 3, requires_grad=True)
        print(x.sum().grad_fn, x.sum(0).grad_fn, x.mean().grad_fn, x.mean(1).grad_fn)
        print(x[0].grad_fn, x[0:1].grad_fn, x[[0, 1]].grad_fn)
    """,
    source="https://github.com/pytorch/pytorch/blob/main/tools/autograd/derivatives.yaml",
    graph_of="x.sum(0)",
)


@OVERLOADS.check("reductions", dtype=float_dtypes(), shape=nonempty_shapes(), dim=st.integers(0, 2))
def reduction_overloads(torch, obs, dtype, shape, dim):
    x = torch.ones(shape, dtype=getattr(torch, dtype), requires_grad=True)
    dim = dim % len(shape)
    obs.record("sum()", x.sum())
    obs.record("sum(dim)", x.sum(dim))
    obs.record("sum(dim, keepdim=True)", x.sum(dim, keepdim=True))
    obs.record("mean()", x.mean())
    obs.record("mean(dim)", x.mean(dim))


@OVERLOADS.check("indexing", dtype=float_dtypes(), shape=nonempty_shapes(), index=st.integers(0, 3))
def indexing_nodes(torch, obs, dtype, shape, index):
    x = torch.ones(shape, dtype=getattr(torch, dtype), requires_grad=True)
    i = index % shape[0]
    obs.record("x[i]", x[i])
    obs.record("x[i:]", x[i:])
    obs.record("x[[i]]", x[[i]])
    obs.record("x[i][...]", x[i][...])


NEXT_FUNCTIONS = Rule(
    id="GRAPH-003",
    area="graph",
    title="next_functions lists one entry per input, in order; (None, 0) for inputs that don't require grad",
    explanation="""
        A node's next_functions is a tuple of (node, output_index) pairs, one per differentiable input
        of the op, in argument order. An input that requires grad contributes its grad_fn (or its
        AccumulateGrad node when it is a leaf); an input that doesn't is (None, 0), so positions
        never shift.
    """,
    example="""
        import torch
        w = torch.ones(2, requires_grad=True)
        c = torch.ones(2)
        print((c * w).grad_fn.next_functions)
        print((w.exp() * c).grad_fn.next_functions)
    """,
    source=DOCS_AUTOGRAD,
    graph_of="c * w",
)


@NEXT_FUNCTIONS.check(
    "binary",
    op=st.sampled_from(["add", "mul", "sub", "div"]),
    kinds=st.tuples(*[st.sampled_from(["leaf", "computed", "constant"])] * 2),
    dtype=float_dtypes(),
    shape=shapes(),
)
def next_functions_order(torch, obs, op, kinds, dtype, shape):
    dt = getattr(torch, dtype)
    inputs = []
    for kind in kinds:
        t = torch.full(shape, 2.0, dtype=dt, requires_grad=kind != "constant")
        inputs.append(t.exp() if kind == "computed" else t)
    out = getattr(torch, op)(inputs[0], inputs[1])
    obs.record("out", out)
    if out.grad_fn is not None:
        for pos, (node, index) in enumerate(out.grad_fn.next_functions):
            obs.record(f"next[{pos}]", (node, index))
            is_input_node = node is not None and node is inputs[pos].grad_fn
            obs.record(f"next[{pos}] is input's grad_fn", is_input_node)


ACCUMULATE_GRAD = Rule(
    id="GRAPH-004",
    area="graph",
    title="A leaf appears in the graph as one AccumulateGrad node, shared by all its uses",
    explanation="""
        Leaves have no grad_fn, but the graph still needs a node to deliver their gradient: an
        AccumulateGrad node (its name() is "torch::autograd::AccumulateGrad") whose .variable is the
        leaf. Every use of the same leaf points to the very
        same AccumulateGrad object, which is how contributions from several uses meet in one .grad.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        y = x * x
        (a, _), (b, _) = y.grad_fn.next_functions
        print(a.name(), a is b, a.variable is x)
    """,
    source="https://github.com/pytorch/pytorch/blob/main/torch/csrc/autograd/functions/accumulate_grad.h",
    graph_of="y",
)


@ACCUMULATE_GRAD.check("k-uses", uses=st.integers(1, 5), dtype=float_dtypes(), shape=shapes())
def accumulate_grad_nodes(torch, obs, uses, dtype, shape):
    x = torch.ones(shape, dtype=getattr(torch, dtype), requires_grad=True)
    other = torch.ones(shape, dtype=getattr(torch, dtype), requires_grad=True)
    y = x * other
    for _ in range(uses - 1):
        y = y + x
    # walk the graph without recursion, collecting the AccumulateGrad nodes
    found, stack, seen = [], [y.grad_fn], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.name().endswith("AccumulateGrad"):
            found.append(node)
        stack.extend(n for n, _ in node.next_functions if n is not None)
    obs.record("distinct AccumulateGrad nodes", len(found))
    obs.record("names", sorted(n.name() for n in found))
    obs.record("variables are x or other", sorted((n.variable is x, n.variable is other) for n in found))
    obs.record("AccumulateGrad node", found[0])


DYNAMIC = Rule(
    id="GRAPH-005",
    area="graph",
    title="The graph is built anew on every forward pass, following the Python control flow",
    explanation="""
        PyTorch's graph is dynamic: it is recorded while the code runs. Running the forward again makes
        new nodes (a new grad_fn object each time), and ordinary Python loops and ifs decide its shape,
        so two passes over the same leaf can record different graphs.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        def forward(n):
            y = x
            for i in range(n):
                y = y * 2 if i % 2 else y + 1
            return y.sum()
        a, b = forward(2), forward(2)
        print(a.grad_fn is b.grad_fn, forward(3).grad_fn.next_functions[0][0])
    """,
    source=DOCS_AUTOGRAD,
    graph_of="a",
)


@DYNAMIC.check(
    "chains",
    first=st.lists(st.sampled_from(["add", "mul", "exp", "neg"]), min_size=1, max_size=6),
    second=st.lists(st.sampled_from(["add", "mul", "exp", "neg"]), min_size=1, max_size=6),
    dtype=float_dtypes(),
    shape=shapes(),
)
def dynamic_chains(torch, obs, first, second, dtype, shape):
    x = torch.full(shape, 0.5, dtype=getattr(torch, dtype), requires_grad=True)
    outs = []
    for ops in (first, second, first):
        y = x
        for op in ops:
            y = y + 1 if op == "add" else y * 2 if op == "mul" else getattr(y, op)()
        outs.append(y)
        names, node = [], y.grad_fn
        while node is not None:
            names.append(node.name())
            node = node.next_functions[0][0] if node.next_functions else None
        obs.record(f"chain {ops}", names)
    obs.record("rerun gives a new node", outs[0].grad_fn is not outs[2].grad_fn)


SHARED_SUBEXPRESSIONS = Rule(
    id="GRAPH-006",
    area="graph",
    title="The graph is a DAG: an intermediate used several times is one node, and its gradients add up",
    explanation="""
        When an intermediate result feeds several later ops, each of those ops points to the same node
        (the intermediate's grad_fn), so the graph is a directed acyclic graph rather than a tree.
        Backward sums the gradients arriving along every path before going on.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x.exp()
        z = y * y + y
        print(z.grad_fn.next_functions[0][0].next_functions[0][0] is y.grad_fn)
        z.sum().backward()
        print(x.grad)
    """,
    source=DOCS_AUTOGRAD,
    graph_of="z",
)


@SHARED_SUBEXPRESSIONS.check("k-uses", uses=st.integers(1, 4), dtype=float_dtypes(), data=tensor_data())
def shared_subexpression(torch, obs, uses, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x.tanh()
    z = y * y
    for _ in range(uses - 1):
        z = z + y
    obs.record("z", z)
    # count node visits along all paths vs distinct nodes: a DAG has fewer distinct nodes
    paths, distinct, stack = 0, set(), [z.grad_fn]
    while stack:
        node = stack.pop()
        paths += 1
        distinct.add(id(node))
        stack.extend(n for n, _ in node.next_functions if n is not None)
    obs.record("node visits over all paths", paths)
    obs.record("distinct nodes", len(distinct))
    z.sum().backward()
    obs.record("x.grad", x.grad)


MULTI_OUTPUT = Rule(
    id="GRAPH-007",
    area="graph",
    title="Outputs of a multi-output op share one node; next_functions' index tells which output",
    explanation="""
        Ops like unbind return several tensors but record a single node. Each output's grad_fn is that
        node, and a consumer's next_functions entry (node, i) says it used output number i.
    """,
    example="""
        import torch
        x = torch.ones(3, requires_grad=True)
        a, b, c = x.unbind()
        print(a.grad_fn is c.grad_fn, (c * a).grad_fn.next_functions)
    """,
    source=DOCS_AUTOGRAD,
    graph_of="a",
)


@MULTI_OUTPUT.check(
    "unbind",
    n=st.integers(1, 4),
    picks=st.tuples(st.integers(0, 3), st.integers(0, 3)),
    dtype=float_dtypes(),
    rest=shapes(max_dims=2),
)
def unbind_outputs(torch, obs, n, picks, dtype, rest):
    x = torch.ones((n,) + tuple(rest), dtype=getattr(torch, dtype), requires_grad=True)
    parts = x.unbind()
    i, j = picks[0] % n, picks[1] % n
    obs.record("parts share a node", all(p.grad_fn is parts[0].grad_fn for p in parts))
    y = parts[i] * parts[j]
    obs.record("y", y)
    obs.record("next indices", [idx for _, idx in y.grad_fn.next_functions])
    y.sum().backward()
    obs.record("x.grad", x.grad)
