"""The graph API against torch: the order of tensor hooks, node pre/post hooks, retain_grad and
post-accumulate-grad hooks (in backward, with inputs=, in autograd.grad), removing hooks during backward,
GradientEdge / get_gradient_edge as inputs and outputs of grad() and backward(), dict inputs,
register_multi_grad_hook ("all" and "any"), increment_version, and nodes themselves (name, metadata,
next_functions, _sequence_nr, _input_metadata, calling one)."""

import pytest
from _compare import same, same_error
from _graphs import SHAPES, make_inputs, programs
from hypothesis import given
from hypothesis import strategies as st


def _hook_everything(t, values, log):
    """Tensor hooks (doubling the gradient), node prehooks and posthooks on every value, logged in order."""
    for i, v in enumerate(values):
        node = t.autograd.graph.get_gradient_edge(v).node
        v.register_hook(lambda g, i=i: log.append(("tensor", i)) or g * 2)
        node.register_prehook(lambda go, i=i: log.append(("pre", i, len(go))))
        node.register_hook(lambda gi, go, i=i: log.append(("post", i, len(gi), len(go))))
        if i % 3 == 1:
            v.retain_grad()


@given(
    program=programs(max_steps=6),
    shape=SHAPES,
    seed=st.integers(0, 2**16),
    picks=st.sets(st.integers(0, 8), min_size=1),
    call=st.sampled_from(["backward", "backward(inputs=)", "grad", "grad(edges)"]),
)
def test_hooks_over_random_programs(program, shape, seed, picks, call):
    """Every hook runs when torch's does, in its order, and sees what it sees; with inputs= or grad() only
    the nodes leading to what was asked for run."""

    def body(t):
        log = []
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad=True)
        values = program.values(t, *inputs)
        _hook_everything(t, values, log)
        loss = sum(out.sum() for out in values[-program.n_outputs :])
        chosen = [values[i] for i in sorted(picks) if i < len(values)] or values[:1]
        result = None
        if call == "backward":
            loss.backward()
        elif call == "backward(inputs=)":
            loss.backward(inputs=chosen)
        elif call == "grad":
            result = t.autograd.grad(loss, chosen, allow_unused=True)
        else:
            edges = [t.autograd.graph.get_gradient_edge(v) for v in chosen]
            result = t.autograd.grad(loss, edges, allow_unused=True, materialize_grads=True)
        return log, result, [v.grad for i, v in enumerate(values) if i < len(inputs) or i % 3 == 1]

    same(body)


def _prehook_ordering(t, call):
    log = []

    def tensor_hook(g):
        log.append("tensor")
        return g * 3

    def node_prehook(gs):
        log.append("node")
        return tuple(g * 2 for g in gs)

    a = t.tensor(1.0, requires_grad=True)
    b = a.clone()
    b.grad_fn.register_prehook(node_prehook)
    b.register_hook(tensor_hook)
    b.grad_fn.register_prehook(node_prehook)
    acc = b.grad_fn.next_functions[0][0]
    a.register_hook(tensor_hook)
    acc.register_prehook(node_prehook)
    a.register_hook(tensor_hook)
    result = call(t, a, b)
    return log, result, a.grad


HOOK_ORDER = {
    "backward": lambda t, a, b: b.sum().backward(retain_graph=True),
    "grad of the leaf": lambda t, a, b: t.autograd.grad(b.sum(), inputs=(a,), retain_graph=True),
    "backward(inputs=b)": lambda t, a, b: (b.retain_grad(), b.sum().backward(inputs=(b,)), b.grad)[2],
}


@pytest.mark.parametrize("call", sorted(HOOK_ORDER))
def test_hook_order(call):
    same(lambda t: _prehook_ordering(t, HOOK_ORDER[call]))


def test_retain_grad_sees_the_tensor_hooks_registered_before_it():
    def body(t):
        results = []
        for hooks_before in (1, 0):
            a = t.tensor(1.0, requires_grad=True)
            b = a.clone()
            for _ in range(hooks_before):
                b.register_hook(lambda g: g * 2)
            b.retain_grad()
            b.register_hook(lambda g: g * 2)
            b.clone().backward()
            results.append(b.grad)
        return results

    same(body)


def test_post_accumulate_grad_hook_order():
    def body(t):
        x = t.rand(3, requires_grad=True)
        acc = x.view_as(x).grad_fn.next_functions[0][0]
        x.register_hook(lambda g: g.sub(2.0))
        acc.register_prehook(lambda gs: (gs[0].div(5.0),))
        x.register_post_accumulate_grad_hook(lambda tensor: tensor.grad.add_(0.5))
        acc.register_hook(lambda grad_in, grad_out: setattr(x, "grad", grad_out[0].mul(10)))
        x.sum().backward()
        return x.grad

    same(body)


def test_hooks_when_grad_captures_a_non_leaf():
    def body(t):
        counts = {"tensor hook": 0, "pre": 0, "post": 0}
        a = t.tensor(1.0, requires_grad=True)
        b = a * 2
        c = b * 2

        def bump(key):
            return lambda *args: counts.__setitem__(key, counts[key] + 1)

        a.register_hook(bump("tensor hook"))
        b.register_hook(bump("tensor hook"))
        acc = b.grad_fn.next_functions[0][0]
        acc.register_hook(bump("post"))
        acc.register_prehook(bump("pre"))
        b.grad_fn.register_hook(bump("post"))
        b.grad_fn.register_prehook(bump("pre"))
        seen = []
        for call in (
            lambda: t.autograd.grad(c, inputs=(b,), retain_graph=True),
            lambda: t.autograd.grad(c, inputs=(a, b), retain_graph=True),
            lambda: c.backward(retain_graph=True),
            lambda: c.backward(inputs=(a, b), retain_graph=True),
        ):
            call()
            seen.append(dict(counts))
            counts.update({"tensor hook": 0, "pre": 0, "post": 0})
        return seen

    same(body)


def _hooks_returning_and_removing(t, custom):
    class Mul2(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    mul2 = Mul2.apply if custom else (lambda x: x * 2)
    a = t.tensor([1.0], requires_grad=True)
    b = mul2(a)
    pre, post = [], []
    b.grad_fn.register_hook(lambda gi, go: post.append((gi[0].item(), go[0].item())) or gi)
    b.grad_fn.register_prehook(lambda go: pre.append(go[0].item()) or (go[0] * 2,))
    b.grad_fn.register_prehook(lambda go: None)
    b.grad_fn.register_prehook(lambda go: go)

    def remover(go):
        second.remove()
        third.remove()

    b.grad_fn.register_prehook(remover)
    second = b.grad_fn.register_prehook(lambda go: pre.append("second"))
    third = b.grad_fn.register_prehook(lambda go: pre.append("third"))
    third.remove()
    b.sum().backward()
    return pre, post, a.grad


NOT_DIFFERENTIABLE_OUTPUTS = {
    "max.dim": lambda t, x: x.max(0),
    "sort": lambda t, x: x.sort(0),
    "topk": lambda t, x: x.topk(2, 0),
    "cummin": lambda t, x: x.cummin(0),
    "aminmax": lambda t, x: t.aminmax(x, dim=0),
    "batch_norm": lambda t, x: (t.nn.functional.batch_norm(x, None, None, training=True),),
    "max_pool1d with indices": lambda t, x: t.nn.functional.max_pool1d(x[None], 2, return_indices=True),
}


@pytest.mark.parametrize("op", sorted(NOT_DIFFERENTIABLE_OUTPUTS))
def test_outputs_without_a_gradient_have_no_place_among_the_nodes_outputs(op):
    """Indices and other non-differentiable outputs: the node's hooks and prehooks see only the gradients
    of the differentiable outputs, and its input metadata lists only them."""

    def body(t):
        x = t.tensor([[3.0, 1.0, 2.0], [0.5, 4.0, -1.0]], requires_grad=True)
        outs = NOT_DIFFERENTIABLE_OUTPUTS[op](t, x)
        node = outs[0].grad_fn
        calls = []
        node.register_prehook(lambda go: calls.append(("pre", go)))
        node.register_hook(lambda gi, go: calls.append(("post", gi, go)))
        outs[0].sum().backward()
        return [(o.requires_grad, o.output_nr) for o in outs], len(node._input_metadata), calls, x.grad

    same(body)


def test_node_hooks_returning_and_removing():
    same(lambda t: [_hooks_returning_and_removing(t, custom) for custom in (False, True)])


HOOK_ERRORS = {
    "prehook returns a tensor": lambda t: _node_hook(t, "pre", lambda go: go[0]),
    "prehook returns too many": lambda t: _node_hook(t, "pre", lambda go: (go[0], go[0])),
    "posthook returns a list": lambda t: _node_hook(t, "post", lambda gi, go: list(gi)),
    "tensor hook changes the shape": lambda t: _tensor_hook(t, lambda g: g.sum()),
    "tensor hook changes the dtype": lambda t: _tensor_hook(t, lambda g: g.double()),
    "tensor hook returns a number": lambda t: _tensor_hook(t, lambda g: 1.0),
    "post accumulate hook returns a tensor": lambda t: _post_accumulate(t, lambda x: x.grad),
    "post accumulate hook on a non-leaf": lambda t: (
        t.ones(2, requires_grad=True) * 2
    ).register_post_accumulate_grad_hook(print),
    "hook on a tensor that needs no grad": lambda t: t.ones(2).register_hook(print),
}  # fmt: skip


def _node_hook(t, kind, hook):
    a = t.ones(2, requires_grad=True)
    b = a * 2
    if kind == "pre":
        b.grad_fn.register_prehook(hook)
    else:
        b.grad_fn.register_hook(hook)
    b.sum().backward()


def _tensor_hook(t, hook):
    a = t.ones(2, requires_grad=True)
    b = a * 2
    b.register_hook(hook)
    b.sum().backward()


def _post_accumulate(t, hook):
    a = t.ones(2, requires_grad=True)
    a.register_post_accumulate_grad_hook(hook)
    (a * 2).sum().backward()


@pytest.mark.parametrize("name", sorted(HOOK_ERRORS))
def test_hook_errors(name):
    same_error(HOOK_ERRORS[name])


# ---- GradientEdge -----------------------------------------------------------------------------------------
EDGES = {
    "leaf": lambda t, x: (x, x.clone()),
    "non-leaf": lambda t, x: (lambda y: (y, y.clone()))(x.clone()),
    "custom function": lambda t, x: (lambda y: (y, y.clone()))(_identity(t).apply(x)),
}


def _identity(t):
    class Identity(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, g):
            return g.clone()

    return Identity


@pytest.mark.parametrize("kind", sorted(EDGES))
def test_grad_to_an_edge_is_grad_to_the_tensor(kind):
    def body(t):
        x = t.tensor([1.0, 2.0], requires_grad=True)
        inp, out = EDGES[kind](t, x)
        edge = t.autograd.graph.get_gradient_edge(inp)
        by_tensor = t.autograd.grad(out.sum(), inp, retain_graph=True)
        by_edge = t.autograd.grad(out.sum(), edge)
        return by_tensor, by_edge, edge.output_nr, edge.node.name()

    same(body)


GRADIENT_EDGE = {
    "edge kept across an in-place write": lambda t: _edge_inplace(t),
    "edges built by hand": lambda t: _edges_by_hand(t),
    "materialize_grads with an edge": lambda t: _materialize_edge(t),
    "edges as outputs": lambda t: _edge_outputs(t, reduce=True),
    "edge output needs a gradient": lambda t: _edge_outputs(t, reduce=False),
    "edge output, wrong shape": lambda t: _edge_outputs(t, reduce=True, grad=[1.0, 2.0, 3.0, 4.0]),
    "backward to edges": lambda t: _backward_to_edges(t),
    "backward from an edge": lambda t: _backward_from_edge(t),
    "edge of a tensor that needs no grad": lambda t: t.autograd.graph.get_gradient_edge(t.ones(2)),
    "graph kept by the edge": lambda t: _edge_ownership(t),
}


def _edge_inplace(t):
    x = t.rand(2, requires_grad=True).clone()
    edge = t.autograd.graph.get_gradient_edge(x)
    x *= 2
    return t.autograd.grad(x.sum(), (edge, x))


def _edges_by_hand(t):
    x = t.tensor([1.0, 2.0], requires_grad=True).clone()
    y = t.tensor([3.0, 4.0], requires_grad=True).clone()
    out = x * y
    edges = (
        t.autograd.graph.GradientEdge(x.grad_fn, x.output_nr),
        t.autograd.graph.GradientEdge(y.grad_fn, 0),
    )
    return t.autograd.grad(out.sum(), edges)


def _materialize_edge(t):
    x = t.rand(2, requires_grad=True).clone()
    y = t.rand(2, requires_grad=True).clone()
    edge_y = t.autograd.graph.GradientEdge(y.grad_fn, y.output_nr)
    out = x.clone()
    results = [t.autograd.grad(out.sum(), (x, edge_y), allow_unused=True, retain_graph=True)]
    try:
        t.autograd.grad(out.sum(), (x, edge_y), allow_unused=True, materialize_grads=True)
    except RuntimeError as e:
        results.append(str(e))
    return results


def _edge_outputs(t, reduce, grad=None):
    x = t.tensor([1.0, 2.0], requires_grad=True)
    tmp = x.sin().cos()
    if reduce:
        tmp = tmp.sum()
    out = tmp.exp().clone().sin().sum()
    edge = t.autograd.graph.get_gradient_edge(tmp)
    (tmp_grad,) = t.autograd.grad(out, (edge,), retain_graph=True)
    kwargs = {} if grad is None else {"grad_outputs": t.tensor(grad)}
    if grad is None and reduce:
        kwargs = {"grad_outputs": (tmp_grad,)}
    (x_grad,) = t.autograd.grad(edge, (x,), **kwargs)
    return tmp_grad, x_grad


def _backward_to_edges(t):
    x = t.tensor([1.0, 2.0], requires_grad=True).clone()
    y = t.tensor([3.0, 4.0], requires_grad=True).clone()
    edge_x = t.autograd.graph.get_gradient_edge(x)
    edge_y = t.autograd.graph.get_gradient_edge(y)
    out = (x * y).sum()
    for inputs in ((edge_x, y), (x, y), (x, edge_y), (edge_x, edge_y)):
        out.backward(inputs=inputs, retain_graph=True)
    return x.grad, y.grad


def _backward_from_edge(t):
    x = t.tensor([1.0, 2.0], requires_grad=True)
    tmp = x.sin().sum()
    edge = t.autograd.graph.get_gradient_edge(tmp)
    t.autograd.backward(edge, retain_graph=True)
    first = x.grad.clone()
    x.grad = None
    t.autograd.backward((edge, tmp.exp()), retain_graph=True)
    return first, x.grad


def _edge_ownership(t):
    inp = t.rand(1, requires_grad=True).clone()
    out = inp.clone()
    edge = t.autograd.graph.get_gradient_edge(out)
    t.autograd.backward(edge)
    del out
    t.autograd.backward(edge)
    return inp.grad_fn is not None


@pytest.mark.parametrize("name", sorted(GRADIENT_EDGE))
def test_gradient_edges(name):
    same(GRADIENT_EDGE[name])


def test_dict_inputs():
    def body(t):
        x = t.tensor([1.0, 2.0], requires_grad=True)
        y = t.tensor([3.0], requires_grad=True)
        out = (x * y).sum()
        grads = t.autograd.grad(out, {"x": x, "y": y})
        return sorted(grads), grads["x"], grads["y"]

    same(body)


# ---- register_multi_grad_hook --------------------------------------------------------------------------
def test_multi_grad_hook_all():
    def body(t):
        t1 = t.rand(2, requires_grad=True).mul(2)
        t2 = _identity(t).apply(t.rand(2, requires_grad=True))
        t3 = t._C._functions.UndefinedGrad()(t.rand(2, requires_grad=True))
        t4 = t.rand(2, requires_grad=True)
        calls = []
        handle = t.autograd.graph.register_multi_grad_hook(
            (t1, t2, t3, t4), lambda grads: calls.append([g is not None for g in grads])
        )
        out = t2 * t3
        out.sum().backward(inputs=(t2, t3), retain_graph=True)
        out.sum().backward(inputs=(t1, t4), retain_graph=True)
        out.sum().backward(inputs=(t1, t3), retain_graph=True)
        handle.remove()
        out.sum().backward(inputs=(t1, t3), retain_graph=True)
        return calls

    same(body)


def test_multi_grad_hook_any_fires_once_before_the_others():
    def body(t):
        order = []
        x = t.rand(3, requires_grad=True)
        z = x * 2
        outs = (z.sin(), z.cos())
        z.register_hook(lambda g: order.append("z"))
        t.autograd.graph.register_multi_grad_hook(outs, lambda g: order.append("any"), mode="any")
        (outs[0] + outs[1]).sum().backward()
        return order

    same(body)


def test_multi_grad_hook_mode():
    same_error(
        lambda t: t.autograd.graph.register_multi_grad_hook(
            (t.rand(2, requires_grad=True),), print, mode="foo"
        )
    )


# ---- versions and nodes -----------------------------------------------------------------------------------
def test_increment_version():
    def body(t):
        a = t.rand(5, requires_grad=True)
        b = t.zeros(5, dtype=t.int32)
        before = (a._version, b._version)
        t.autograd.graph.increment_version(a)
        t.autograd.graph.increment_version([a, b])
        with t.inference_mode():
            c = t.rand(5)
            t.autograd.graph.increment_version(c)
        t.autograd.graph.increment_version(c)
        return before, a._version, b._version

    same(body)


def test_nodes():
    def body(t):
        a = t.rand(2, 3, requires_grad=True)
        b = (a * 2).sum(0)
        node = b.grad_fn
        node.metadata["note"] = 1
        meta = node._input_metadata[0]
        acc = node.next_functions[0][0].next_functions[0][0]
        return (
            node.name(),
            node.metadata,
            [(n.name(), nr) for n, nr in node.next_functions],
            node._sequence_nr() > node.next_functions[0][0]._sequence_nr(),
            acc.name(),
            isinstance(node, t.autograd.graph.Node),
            isinstance(acc, t.autograd.graph.Node),
            (tuple(meta.shape), meta.dtype),
            node(t.ones(3)),
        )

    same(body)


NODE_CALLS = {
    "too many": lambda t, y, x: y.grad_fn(x.detach(), x.detach()),
    "too few": lambda t, y, x: y.grad_fn(),
    "right": lambda t, y, x: y.grad_fn(x.detach()),
}


@pytest.mark.parametrize("name", sorted(NODE_CALLS))
def test_calling_a_node(name):
    def body(t):
        x = t.ones(1, requires_grad=True)
        return NODE_CALLS[name](t, x**2, x)

    same(body)
