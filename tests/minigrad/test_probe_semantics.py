"""Autograd-semantics edge cases found by differential probing: what ops save (and so when a second backward
or an in-place write fails), index tensors saved by indexing, hook order around autograd.grad captures,
node hook results, custom Function arguments, once_differentiable, is_grads_batched. Torch is the oracle."""

import pytest
from _compare import same, same_error

SECOND_BACKWARD = ["second", "modify_input", "modify_output"]


def _after(t, kind, make):
    """Build `out` from fresh inputs with make(t, x), disturb it as `kind` says, then backward."""
    a = t.tensor([0.5, 1.0, 2.0], requires_grad=True)
    x = a * 1
    out = make(t, x)
    if kind == "second":
        out.sum().backward()
    elif kind == "modify_input":
        x.add_(1)
    else:
        with t.no_grad():
            out.mul_(2)
    out.sum().backward()
    return a.grad


POW_FORMS = {
    "tensor_exponent_constant": lambda t, x: t.pow(x, t.tensor([1.0, 2.0, 3.0])),
    "tensor_base_constant": lambda t, x: t.pow(t.tensor([1.0, 2.0, 3.0]), x),
    "scalar_base": lambda t, x: 2**x,
}


@pytest.mark.parametrize("kind", SECOND_BACKWARD)
@pytest.mark.parametrize("form", sorted(POW_FORMS))
def test_pow_saves_what_torch_saves(form, kind):
    same(lambda t: _after(t, kind, POW_FORMS[form]))


INDEX_KEYS = {
    "int_list": lambda t: [0, 2],
    "long_tensor": lambda t: t.tensor([0, 2]),
    "bool_tensor": lambda t: t.tensor([True, False, True]),
}


@pytest.mark.parametrize("kind", SECOND_BACKWARD)
@pytest.mark.parametrize("key", sorted(INDEX_KEYS))
def test_indexing_saves_its_indices(key, kind):
    same(lambda t: _after(t, kind, lambda t, x: x[INDEX_KEYS[key](t)]))


@pytest.mark.parametrize("key", ["long", "int", "bool"])
@pytest.mark.parametrize("setitem", [False, True])
def test_modified_index_tensor_is_detected(key, setitem):
    def body(t):
        index = {
            "long": t.tensor([0, 2]),
            "int": t.tensor([0, 2], dtype=t.int32),
            "bool": t.tensor([True, False, True]),
        }[key]
        a = t.tensor([0.5, 1.0, 2.0], requires_grad=True)
        if setitem:
            out = a * 1
            out[index] = t.tensor([5.0, 6.0], requires_grad=True)
        else:
            out = a[index]
        index[1] = index[0]
        out.sum().backward()

    same_error(body)


@pytest.mark.parametrize(
    "key",
    [
        lambda t: (t.ones(2, 3, dtype=t.bool), [0, 1, 1, 0, 1, 0]),
        lambda t: (slice(None), t.tensor([True, False, True]), [1, 2]),
        lambda t: (None, [1], slice(None), [1]),
        lambda t: (Ellipsis, [1, 2]),
        lambda t: ([0, 1], t.tensor([1, 2], dtype=t.int32)),
        lambda t: (t.tensor(True),),
        lambda t: ([True, False],),
    ],
)
def test_saved_indices_are_torchs_index_list(key):
    def body(t):
        x = t.ones(2, 3, 4, requires_grad=True)
        out = x[key(t)]
        saved = out.grad_fn._saved_indices
        out.sum().backward(retain_graph=True)
        return saved, x.grad, out.grad_fn._saved_indices

    same(body)


def test_saved_indices_are_freed():
    def body(t):
        x = t.ones(3, requires_grad=True)
        out = x[[1, 2]]
        out.sum().backward()
        return out.grad_fn._saved_indices

    same_error(body)


def test_node_dir_lists_saved_attributes():
    def body(t):
        node = (t.ones(2, requires_grad=True) * 2).grad_fn
        return sorted(a for a in dir(node) if a.startswith("_saved_"))

    same(body)


@pytest.mark.parametrize("op", ["mul_", "div_", "pow_", "clamp_min"])
def test_inplace_op_saves_a_recorded_clone_of_self(op):
    def body(t):
        a = t.tensor([0.5, 1.0, 2.0], requires_grad=True)
        b = t.tensor([0.7, 1.2, 1.9], requires_grad=True)
        x = a * 1
        if op == "clamp_min":
            x.clamp_(min=b)
        else:
            getattr(x, op)(b)
        saved = x.grad_fn._saved_self
        ga, gb = t.autograd.grad(x.sum(), [a, b], create_graph=True)
        return saved, saved.grad_fn.next_functions, ga, gb, t.autograd.grad(gb.sum(), [a, b])

    same(body)


def test_matmul_vector_matrix_output_was_squeezed_in_place():
    def body(t):
        plain = t.matmul(t.ones(3), t.ones(3, 2))
        tracked = t.nn.functional.linear(t.ones(3, requires_grad=True), t.ones(2, 3))
        return plain._version, tracked._version

    same(body)


# ---- hooks ----------------------------------------------------------------------------------------------
def test_autograd_grad_captures_a_needed_nonleaf_before_its_hooks():
    def body(t):
        log = []
        a = t.tensor([1.0, 2.0], requires_grad=True)
        y = a * 2
        y.register_hook(lambda g: log.append("y") or g * 100)
        both = t.autograd.grad((y * 3).sum(), [y, a], retain_graph=True)
        only_y = t.autograd.grad((y * 3).sum(), y)
        return both, only_y, log

    same(body)


@pytest.mark.parametrize("api", ["backward_inputs", "grad"])
def test_hooks_of_leaves_that_are_not_targets_do_not_run(api):
    def body(t):
        log = []
        a = t.tensor([1.0, 2.0], requires_grad=True)
        b = t.tensor([3.0, 4.0], requires_grad=True)
        a.register_hook(lambda g: log.append("a") or None)
        b.register_hook(lambda g: log.append("b") or None)
        z = (a * b).sum()
        if api == "grad":
            return t.autograd.grad(z, b), log
        z.backward(inputs=[a])
        return a.grad, b.grad, log

    same(body)


def test_accumulate_grad_post_hooks_run_and_captures_skip_node_hooks():
    def body(t):
        log = []
        a = t.tensor([1.0, 2.0], requires_grad=True)
        acc = (a * 1).grad_fn.next_functions[0][0]
        acc.register_prehook(lambda gos: log.append(("pre", len(gos))) or None)
        acc.register_hook(lambda gis, gos: log.append(("post", len(gis), len(gos))) or None)
        (a * 2).sum().backward()
        t.autograd.grad((a * 2).sum(), a)
        return a.grad, log

    same(body)


@pytest.mark.parametrize("returned", ["tensor", "list"])
@pytest.mark.parametrize("where", ["pre", "post", "acc_pre", "acc_post"])
def test_node_hooks_must_return_a_tuple(where, returned):
    def body(t):
        a = t.tensor([1.0, 2.0], requires_grad=True)
        y = a.exp()
        node = y.grad_fn if where in ("pre", "post") else (a * 1).grad_fn.next_functions[0][0]

        def result(grads):
            return grads[0] if returned == "tensor" else [grads[0]]

        if where.endswith("pre"):
            node.register_prehook(lambda gos: result(gos))
        else:
            node.register_hook(lambda gis, gos: result(gos))
        (y * 2).sum().backward()

    same_error(body)


def test_grad_cannot_be_set_to_the_tensor_itself():
    def body(t):
        a = t.tensor([1.0, 2.0], requires_grad=True)
        a.grad = a

    same_error(body)


# ---- autograd.grad(is_grads_batched=True) -----------------------------------------------------------
def test_grads_batched():
    def body(t):
        a = t.tensor([1.0, 2.0], requires_grad=True)
        b = t.tensor([3.0, 4.0, 5.0], requires_grad=True)
        z = t.cat([a, b]) ** 2
        rows = t.autograd.grad(z, [a, b], t.eye(5), retain_graph=True, is_grads_batched=True)
        unused = t.autograd.grad(a * 3, [a, b], t.eye(2), is_grads_batched=True, allow_unused=True)
        second = t.autograd.grad(z, a, t.ones(4, 5), is_grads_batched=True)
        return rows, unused, second

    same(body)


@pytest.mark.parametrize("shape", [(2, 3), (3,), (4, 2, 1)])
def test_grads_batched_shape_error(shape):
    def body(t):
        a = t.tensor([1.0, 2.0], requires_grad=True)
        t.autograd.grad(a * 3, a, t.ones(*shape), is_grads_batched=True)

    same_error(body)


def test_grads_batched_graph_is_freed_after_the_last_row():
    def body(t):
        a = t.tensor([1.0, 2.0], requires_grad=True)
        y = a.exp()
        t.autograd.grad(y, a, t.eye(2), is_grads_batched=True)
        t.autograd.grad(y, a, t.eye(2), is_grads_batched=True)

    same_error(body)


# ---- custom Function -------------------------------------------------------------------------------------
def _scale_function(t):
    class Scale(t.autograd.Function):
        @staticmethod
        def forward(ctx, x, y=None, k=2.0):
            ctx.seen = ctx.needs_input_grad
            return x * k if y is None else x * y

        @staticmethod
        def backward(ctx, g):
            return (g, None, None, None)  # extra Nones are dropped

    return Scale


@pytest.mark.parametrize(
    "call",
    [
        lambda t, F, x: F.apply(x=x),
        lambda t, F, x: F.apply(t.ones(2), y=x * 3),
        lambda t, F, x: F.apply(x, k=3.0, y=None),
        lambda t, F, x: F.apply(t.ones(2), k=x),
        lambda t, F, x: F.apply(x, z=1),
        lambda t, F, x: F.apply(x, x=x),
    ],
)
def test_function_apply_binds_keywords_to_forward_positions(call):
    def body(t):
        scale = _scale_function(t)
        x = t.ones(2, requires_grad=True)
        out = call(t, scale, x)
        out.sum().backward()
        return out, out.grad_fn.next_functions, x.grad

    same(body)


@pytest.mark.parametrize("returned", [lambda g: 1.0, lambda g: [g], lambda g: "grad"])
def test_function_backward_must_return_tensors_or_none(returned):
    def body(t):
        class Bad(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return returned(g)

        Bad.apply(t.ones(2, requires_grad=True)).sum().backward()

    same_error(body)


@pytest.mark.parametrize("grad_output_requires_grad", [False, True])
def test_once_differentiable(grad_output_requires_grad):
    def body(t):
        class Square(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x**2

            @staticmethod
            @t.autograd.function.once_differentiable
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                return 2 * x * g

        x = t.tensor([1.0, 2.0], requires_grad=True)
        go = t.ones(2, requires_grad=grad_output_requires_grad)
        (g,) = t.autograd.grad(Square.apply(x), x, go, create_graph=True)
        seen = (g, g.grad_fn)
        try:
            g.sum().backward()
        except RuntimeError as e:  # the error is part of what is compared
            return seen, str(e)
        return seen, x.grad

    same(body)
