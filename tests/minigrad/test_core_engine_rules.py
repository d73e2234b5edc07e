"""Engine rules: hook result checks, post-accumulate-grad hooks, leaves that stop requiring grad,
backward(inputs=) on non-leaves, and the node names of create_graph=True formulas. Differential vs torch."""

import functools

import pytest
from _compare import same, same_error


def reshaping_hook(grad):
    return grad.reshape(1)


def dtype_hook(grad):
    return grad.double()


def list_hook(grad):
    return [1.0]


class CallableHook:
    def __call__(self, grad):
        return grad.reshape(1)


@pytest.mark.parametrize(
    "hook", [reshaping_hook, dtype_hook, list_hook, CallableHook(), functools.partial(reshaping_hook)]
)
@pytest.mark.parametrize("leaf", [True, False])
def test_tensor_hook_results_are_checked(hook, leaf):
    def body(t):
        x = t.tensor(2.0, requires_grad=True)
        target = x if leaf else x * 1
        target.register_hook(hook)
        (target * 3).backward()

    same_error(body)


@pytest.mark.parametrize(
    "register",
    [
        lambda y: y.grad_fn.register_prehook(lambda grads: (grads[0], grads[0])),
        lambda y: y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: (grad_inputs[0],)),
        lambda y: y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: (grad_inputs[0], grad_inputs[0])),
    ],
)
def test_node_hook_results_are_checked(register):
    def body(t):
        y = t.tensor(2.0, requires_grad=True) * 2
        register(y)
        y.backward()

    same_error(body)


@pytest.mark.parametrize("kind", ["plain", "nonleaf", "view", "detached"])
def test_post_accumulate_grad_hook_errors(kind):
    def body(t):
        x = t.ones(3, requires_grad=True)
        target = {"plain": t.ones(3), "nonleaf": x * 2, "view": x[:2], "detached": x.detach()}[kind]
        target.register_post_accumulate_grad_hook(lambda tensor: None)

    same_error(body)


def test_post_accumulate_grad_hook_runs_after_accumulation():
    def body(t):
        x = t.tensor([1.0, 2.0], requires_grad=True)
        seen = []
        x.register_hook(lambda g: seen.append(("pre", None if x.grad is None else x.grad.clone())))
        post = lambda tensor: seen.append(("post", tensor.grad.clone()))  # noqa: E731
        handle = x.register_post_accumulate_grad_hook(post)
        (x * x).sum().backward()
        (x * 3).sum().backward()
        handle.remove()
        (x * 3).sum().backward()
        t.autograd.grad((x * 2).sum(), x)  # grad() accumulates nothing: no post hook
        return seen, x.grad

    same(body)


def test_leaf_that_stops_requiring_grad_gets_no_grad():
    def body(t):
        x = t.ones(2, requires_grad=True)
        before = (x * 3).sum()
        x.requires_grad_(False)
        before.backward()
        return x.grad

    same(body)


def test_backward_inputs_retains_non_leaf_grads_once():
    def body(t):
        x = t.tensor([1.0, 2.0], requires_grad=True)
        h = x * 2
        h.retain_grad()
        (h * h).sum().backward(inputs=[h])
        return h.retains_grad, h.grad, x.grad

    same(body)


def test_materialize_grads_with_allow_unused_false():
    def body(t):
        x = t.ones(1, requires_grad=True)
        unused = t.ones(1, requires_grad=True)
        t.autograd.grad((x * 2).sum(), [x, unused], materialize_grads=True, allow_unused=False)

    same_error(body)


def _chain(fn):
    """Names of the backward graph reachable from fn, breadth first (what a user sees when walking it)."""
    names, queue, seen = [], [fn], set()
    while queue:
        node = queue.pop(0)
        names.append(node.name())
        for nxt, _ in node.next_functions:
            if nxt is not None and id(nxt) not in seen:
                seen.add(id(nxt))
                queue.append(nxt)
    return names


FORMULAS = {
    "cube": lambda x, y: x**3,
    "zero_power": lambda x, y: x**0,
    "div": lambda x, y: x / y,
    "tensor_power": lambda x, y: x**y,
    "scalar_base": lambda x, y: 2**x,
    "zero_base": lambda x, y: 0**x,
    "sqrt": lambda x, y: x.sqrt(),
    "abs": lambda x, y: x.abs(),
    "sub_alpha": lambda x, y: x.sub(y, alpha=2),
    "rsub": lambda x, y: 2 - x,
    "mm": lambda x, y: x @ y,
    "mm_column_major": lambda x, y: x.t() @ y.t(),
    "mv": lambda x, y: x @ y[0],
    "index": lambda x, y: x[[0, 1, 1]],
    "select": lambda x, y: x[0] * y[1],
    "slice": lambda x, y: x[:, 1:] * y[:, :1],
    "remainder": lambda x, y: x % y,
    "fmod": lambda x, y: x.fmod(y),
    "floor_div": lambda x, y: x.div(y, rounding_mode="floor") + x,
}


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_create_graph_formula_node_names(name):
    def body(t):
        x = t.tensor([[1.5, 2.0], [0.5, -1.0]], requires_grad=True)
        y = t.tensor([[0.5, 3.0], [2.0, 1.5]], requires_grad=True)
        out = FORMULAS[name](x, y)
        v = t.ones_like(out).requires_grad_()
        grads = t.autograd.grad(out, (x, y, v), v, create_graph=True, allow_unused=True)
        first = [None if g is None or g.grad_fn is None else _chain(g.grad_fn) for g in grads]
        g = grads[0]
        if g is None or not g.requires_grad:
            return first, grads
        third = t.autograd.grad((g * g).sum(), (x, y, v), create_graph=True, allow_unused=True)
        return first, [None if g is None or g.grad_fn is None else _chain(g.grad_fn) for g in third], grads

    same(body)


@pytest.mark.parametrize("through_view", [False, True])
def test_retain_grad_follows_an_inplace_op(through_view):
    """torch moves retain_grad to the grad_fn an in-place op (or a write through a view) gives the tensor."""

    def body(t):
        x = t.zeros(2, 3, requires_grad=True)
        y = x * 2.0
        y.retain_grad()
        if through_view:
            y[0].mul_(3.0)
        else:
            y.add_(1.0)
        (y * y).sum().backward()
        return y.grad, y.retains_grad, x.grad

    same(body)


def test_abs_gradient_at_nan_is_zero():
    def body(t):
        x = t.tensor([float("nan"), -1.0, 0.0, 2.0], requires_grad=True)
        x.abs().sum().backward()
        return x.grad, x.sgn()

    same(body)


def test_modified_saved_output_errors_name_the_node_as_torch_does():
    """The "modified by an inplace operation" message drops Backward0 but keeps other digits (Max1), and a
    view written through its base is reported as AsStrided, the node it has by then."""

    def max_output(t):
        x = t.ones(3, requires_grad=True)
        y = (x * 1).max()
        y.add_(1)
        y.backward()

    def view_through_base(t):
        y = t.ones(3, requires_grad=True) * 1
        w = y[:2] ** 2
        y.mul_(3)
        w.sum().backward()

    same_error(max_output)
    same_error(view_through_base)


def test_custom_function_backward_runs_when_no_gradient_flows_in():
    """torch calls a custom Function's backward with zeros even when the node after it gave no gradient."""

    def body(t):
        seen = []

        class Double(t.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a * 2

            @staticmethod
            def backward(ctx, g):
                seen.append(g)
                return g * 2

        class Stop(t.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a.clone()

            @staticmethod
            def backward(ctx, g):
                return None

        x = t.ones(2, requires_grad=True)
        Stop.apply(Double.apply(x)).sum().backward()
        return seen, x.grad

    same(body)


def test_create_graph_first_gradient_is_a_copy():
    """With create_graph, the first .grad is a copy of the gradient (grad_fn CopyBackwards), not the
    gradient tensor itself; later ones add to it."""

    def body(t):
        x = t.ones(2, requires_grad=True)
        (x.sin() * x).sum().backward(create_graph=True)
        first = (x.grad, [fn is None or fn.name() for fn, _ in x.grad.grad_fn.next_functions])
        g = t.ones(2, requires_grad=True) * 1
        z = t.ones(2, requires_grad=True)
        z.backward(g, create_graph=True)
        is_g = z.grad is g
        (z * 3).sum().backward(create_graph=True)
        return first, is_g, z.grad

    same(body, check_warnings=False)


def test_hook_handles_have_distinct_integer_ids():
    def body(t):
        x = t.ones(2, requires_grad=True)
        first, second = x.register_hook(lambda g: g), (x * 1).register_hook(lambda g: g)
        return type(first.id).__name__, first.id != second.id, type(first).__name__

    same(body)


# torch reuses a gradient it holds the only reference to: summing two gradients for one input adds into
# the first in place (a version bump), and AccumulateGrad takes a fresh gradient as .grad when it has the
# leaf's layout; otherwise .grad is a copy laid out like the leaf (copy_ into an empty tensor: version 1)
GRAD_REUSE_PROGRAMS = {
    "used twice by mul": "(x * x).sum().backward()",
    "used twice by add": "(x + x).sum().backward()",
    "three uses": "(x.exp() + x.sin() + x * x).sum().backward()",
    "two products": "(x * 2 + x * 3).sum().backward()",
    "through sum's expand": "x.sum().backward()",
    "through a transpose": "(x.t() * 2).sum().backward()",
    "a fresh product": "(x * 2).sum().backward()",
    "twice": "(x * 2).sum().backward(); (x * 2).sum().backward()",
    "user gradient": "(x * 2).backward(T.ones(2, 3))",
    "kept by a hook": "x.register_hook(keep.append); (x * 2).sum().backward()",
    "dot": "keep.extend(T.autograd.grad(x.flatten() @ x.flatten(), [x]))",
    "non-leaf used twice": "y = x * 2; keep.extend(T.autograd.grad((y * y).sum(), [x]))",
}


@pytest.mark.parametrize("program", GRAD_REUSE_PROGRAMS.values(), ids=GRAD_REUSE_PROGRAMS.keys())
def test_gradient_versions_and_layouts_follow_torchs_reuse(program):
    def body(T):
        x = T.ones(2, 3, requires_grad=True)
        keep = []
        exec(program, {"T": T, "x": x, "keep": keep})
        grads = [x.grad] + keep
        return [(g._version, g.is_contiguous(), g) for g in grads if g is not None]

    same(body)


def test_sums_gradient_is_an_expanded_view_of_the_incoming_one():
    def seen(T):
        x = T.zeros(2, 3, requires_grad=True)
        (g,) = T.autograd.grad(x.sum(), [x], create_graph=True)
        return g._is_view(), g._base is not None, g.is_leaf, g.requires_grad

    def written_in_place(T):  # found by the program fuzzer (PROG-001, thorough profile)
        x = T.zeros(2, 3, requires_grad=True)
        (g,) = T.autograd.grad(x.sum(), [x], create_graph=True)
        g.requires_grad_()
        g.add_(x)  # torch: a view of a leaf that requires grad

    same(seen)
    same_error(written_in_place)
