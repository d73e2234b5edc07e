"""Saved tensors and their hooks against torch: saved_tensors_hooks over random programs (what is packed,
how often, what backward then computes), nesting and threads, disable_saved_tensors_hooks,
save_on_cpu, allow_mutation_on_saved_tensors, grad_fn._raw_saved_<name> with register_hooks (and its errors),
and what a saved tensor unpacks to."""

import threading

import pytest
from _compare import same, same_error
from _graphs import SHAPES, make_inputs, programs
from hypothesis import given
from hypothesis import strategies as st

HOOKS = {
    "identity": (lambda t, log: lambda x: x, lambda t, log: lambda x: x),
    "doubled, halved": (lambda t, log: lambda x: 2 * x, lambda t, log: lambda x: x / 2),
    "doubled": (lambda t, log: lambda x: 2 * x, lambda t, log: lambda x: x),
    "into a tuple": (lambda t, log: lambda x: (x.detach().clone(), "tag"), lambda t, log: lambda p: p[0]),
    "counted": (
        lambda t, log: lambda x: log.append(("pack", tuple(x.shape))) or x,
        lambda t, log: lambda x: log.append(("unpack", tuple(x.shape))) or x,
    ),
}


@given(
    program=programs(scalar=True, max_outputs=1),
    shape=SHAPES,
    seed=st.integers(0, 2**16),
    hooks=st.sampled_from(sorted(HOOKS)),
    during=st.sampled_from(["forward", "backward", "both"]),
    create_graph=st.booleans(),
)
def test_saved_tensors_hooks(program, shape, seed, hooks, during, create_graph):
    """Hooks active while the graph is recorded decide what backward sees; hooks active during a
    create_graph backward apply to what that backward saves."""

    def body(t):
        log = []
        pack, unpack = (make(t, log) for make in HOOKS[hooks])
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad=True)
        if during in ("forward", "both"):
            with t.autograd.graph.saved_tensors_hooks(pack, unpack):
                out = program(t, *inputs)
        else:
            out = program(t, *inputs)
        if during in ("backward", "both"):
            with t.autograd.graph.saved_tensors_hooks(pack, unpack):
                grads = t.autograd.grad(out, inputs, create_graph=create_graph, allow_unused=True)
        else:
            grads = t.autograd.grad(out, inputs, create_graph=create_graph, allow_unused=True)
        return grads, sorted(log)

    same(body)


def test_inner_hooks_win_and_threads_do_not_share_them():
    def body(t):
        with t.autograd.graph.saved_tensors_hooks(lambda x: 3 * x, lambda x: 3 * x):
            b = t.randn(5, requires_grad=True)
            with t.autograd.graph.saved_tensors_hooks(lambda x: 5 * x, lambda x: 5 * x):
                a = t.randn(5, requires_grad=True)
                y = a * a
            z = b * b
            elsewhere = []
            worker = threading.Thread(target=lambda: elsewhere.append((a * a).grad_fn._saved_self))
            worker.start()
            worker.join()
        y.sum().backward()
        z.sum().backward()
        return a.grad / a, b.grad / b, elsewhere[0] / a

    same(body)


def test_pack_gets_the_saved_tensor_itself():
    """Under saved_tensors_hooks, pack is given the tensor saved: an input as it is, an output with its
    grad_fn (as torch); a pack registered later on a saved output gets it without one."""

    def body(t):
        seen = []

        def pack(x):
            seen.append((x.requires_grad, x.is_leaf, None if x.grad_fn is None else x.grad_fn.name()))
            return x

        x = t.ones(3, requires_grad=True)
        with t.autograd.graph.saved_tensors_hooks(pack, lambda x: x):
            s = (x * 2).sigmoid()
            (s * x).exp().sum().backward()
        y = t.ones(3, requires_grad=True).exp()
        y.grad_fn._raw_saved_result.register_hooks(pack, lambda x: x)
        return seen, x.grad

    same(body)


def test_wrapped_numbers_are_not_packed():
    def body(t):
        def refuse(x):
            raise RuntimeError("this hook should not be called")

        with t.autograd.graph.saved_tensors_hooks(refuse, refuse):
            a = t.randn(5, requires_grad=True)
            return t.autograd.grad((a * 3).sum(), (a,))

    same(body)


SAVED = {
    "leaf input": lambda t, a: (lambda y: y.grad_fn._saved_self is a)(a * a),
    "non-leaf input": lambda t, a: (lambda b: (lambda c: c.grad_fn._saved_other is b)(a * b))(a * 2),
    "own output": lambda t, a: (lambda d: (d.grad_fn._saved_result is d, d.grad_fn._saved_result))(a.exp()),
    "output keeps the node": lambda t, a: (lambda d: d.grad_fn._saved_result.grad_fn is d.grad_fn)(a.exp()),
    "output shares versions": lambda t, a: _version_shared(t, a),
    "raw saved data (input)": lambda t, a: (lambda c: c.grad_fn._raw_saved_self.data is a)(a.sin()),
    "raw saved data (output)": lambda t, a: (lambda c: c.grad_fn._raw_saved_result.data is c)(a.exp()),
    "raw saved unpack_hook": lambda t, a: (a * a).grad_fn._raw_saved_self.unpack_hook,
    "raw saved class": lambda t, a: isinstance((a * a).grad_fn._raw_saved_self, t._C._autograd.SavedTensor),
    "after backward": lambda t, a: _after_backward(t, a, lambda y: y.grad_fn._saved_self),
    "raw after backward": lambda t, a: _after_backward(t, a, lambda y: y.grad_fn._raw_saved_self.data),
    "register_hooks after backward": lambda t, a: _after_backward(
        t, a, lambda y: y.grad_fn._raw_saved_self.register_hooks(lambda x: x, lambda x: x)
    ),
    "register_hooks twice": lambda t, a: _twice(t, a),
    "register_hooks with one hook": lambda t, a: _refused(
        lambda: (a * a).grad_fn._raw_saved_self.register_hooks(abs)
    ),
    "register_hooks with numbers": lambda t, a: _refused(
        lambda: (a * a).grad_fn._raw_saved_self.register_hooks(1, 1)
    ),
    "unpack to a number": lambda t, a: _registered(t, a, lambda x: x, lambda x: 1),
    "pack hook with two parameters": lambda t, a: _registered(t, a, lambda x, y: x, lambda x: x),
    "pack writes its input": lambda t, a: _registered(t, a, _double_in_place, lambda x: x / 2),
    "doubled and halved": lambda t, a: _registered(t, a, lambda x: 2 * x, lambda x: x / 2),
    "doubled": lambda t, a: _registered(t, a, lambda x: 2 * x, lambda x: x),
    "detached in place, saved as input": lambda t, a: _detached(t, a, lambda x: x.sin()),
    "detached in place, saved as output": lambda t, a: _detached(t, a, lambda x: x.exp()),
    "SavedTensor from Python": lambda t, a: t.autograd.SavedTensor(),
    "make a saved tensor": lambda t, a: _made(t, a),
}


def _refused(call):
    """The error's type and message up to the arguments (which it shows with their addresses)."""
    try:
        call()
    except TypeError as e:
        return str(e).split("Invoked with")[0]


def _double_in_place(x):
    x *= 2
    return x


def _version_shared(t, a):
    b = a.exp()
    unpacked = b.grad_fn._saved_result
    with t.no_grad():
        b += 1
    return b._version == unpacked._version, unpacked


def _after_backward(t, a, read):
    y = a * a
    y.sum().backward()
    return read(y)


def _twice(t, a):
    saved = (a * a).grad_fn._raw_saved_self
    saved.register_hooks(lambda x: x, lambda x: x)
    saved.register_hooks(lambda x: x, lambda x: x)


def _registered(t, a, pack, unpack):
    x = a.clone()
    y = x * x
    y.grad_fn._raw_saved_self.register_hooks(pack, unpack)
    saved = y.grad_fn._saved_self
    y.sum().backward()
    return saved, a.grad


def _detached(t, a, op):
    x = a.clone()
    y = op(x)
    x.detach_()
    y.sum().backward()
    return a.grad


def _made(t, a):
    count = []
    with t.autograd.graph.saved_tensors_hooks(
        lambda x: count.append("p") or x, lambda x: count.append("u") or x
    ):
        saved = t._C._autograd._make_saved_tensor(a, is_output=False)
        first = saved.unpack()
        second = saved.unpack()
    return count, first, second


@pytest.mark.parametrize("name", sorted(SAVED))
def test_saved_tensor_api(name):
    same(lambda t: SAVED[name](t, t.tensor([1.5, -2.0, 3.0], requires_grad=True)))


def test_custom_function_saved_tensors():
    def body(t):
        class F(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x, None)
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        a = t.tensor([1.0, -2.0, 0.5], requires_grad=True)
        y = F.apply(a)
        raw = y.grad_fn._raw_saved_tensors
        seen = [y.grad_fn.saved_tensors, len(raw), isinstance(raw[1], t.autograd.SavedTensor), raw[1].data]
        for attempt in (
            lambda: raw[1].register_hooks(lambda x: x, lambda x: x),
            lambda: raw[0].register_hooks(1, 1),
        ):
            try:
                attempt()
            except (RuntimeError, TypeError) as e:
                seen.append((type(e).__name__, str(e).split("\n")[0]))
        raw[0].register_hooks(lambda x: x, lambda x: x)
        y.sum().backward()
        for attempt in (lambda: y.grad_fn._raw_saved_tensors, lambda: y.grad_fn.saved_tensors):
            try:
                attempt()
            except RuntimeError as e:
                seen.append(str(e))
        return seen

    same(body)


def test_saved_tensors_can_be_read_once_when_asked():
    def body(t):
        class F(t.autograd.Function):
            clear_saved_tensors_on_access = True

            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x.clone()

            @staticmethod
            def backward(ctx, g):
                (x,) = ctx.saved_tensors
                _ = ctx.saved_tensors
                return g

        F.apply(t.randn(3, requires_grad=True)).sum().backward()

    same_error(body)


def test_saved_variables_is_deprecated():
    def body(t):
        seen = []

        class F(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x.clone()

            @staticmethod
            def backward(ctx, g):
                seen.append(len(ctx.saved_variables))
                return g

        F.apply(t.randn(3, requires_grad=True)).sum().backward()
        return seen

    same(body)


def _identity_hooks(t):
    return t.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x)


DISABLED = {
    "hooks inside": lambda t: _disabled_then(t, lambda: _identity_hooks(t)),
    "disable inside": lambda t: _hooks_then(t, lambda: t.autograd.graph.disable_saved_tensors_hooks("x")),
    "nested": lambda t: _nested_disabled(t),
    "flag after": lambda t: (
        _swallow(lambda: _disabled_then(t, lambda: _identity_hooks(t))),
        t._C._autograd._saved_tensors_hooks_is_enabled(),
    ),
}  # fmt: skip


def _swallow(fn):
    try:
        fn()
    except RuntimeError as e:
        return str(e)


def _disabled_then(t, inner):
    with t.autograd.graph.disable_saved_tensors_hooks("error message"):
        with inner():
            pass


def _hooks_then(t, inner):
    with t.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x):
        with inner():
            pass


def _nested_disabled(t):
    seen = []
    with t.autograd.graph.disable_saved_tensors_hooks("outer"):
        with t.autograd.graph.disable_saved_tensors_hooks("inner"):
            seen.append(
                _swallow(
                    lambda: _hooks_then(
                        t, lambda: t.autograd.graph.saved_tensors_hooks(lambda x: x, lambda x: x)
                    )
                )
            )
        seen.append(t._C._autograd._saved_tensors_hooks_is_enabled())
    seen.append(t._C._autograd._saved_tensors_hooks_is_enabled())
    return seen


@pytest.mark.parametrize("name", sorted(DISABLED))
def test_disable_saved_tensors_hooks(name):
    same(DISABLED[name])


@given(
    program=programs(scalar=True, max_outputs=1), shape=SHAPES, seed=st.integers(0, 2**16), pin=st.booleans()
)
def test_save_on_cpu(program, shape, seed, pin):
    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad=True)
        with t.autograd.graph.save_on_cpu(pin_memory=pin):
            out = program(t, *inputs)
        return t.autograd.grad(out, inputs, allow_unused=True)

    same(body)


MUTATION = {
    "basic": lambda t, a: _mutated(t, a, lambda b: b.sin_()),
    "through a view": lambda t, a: _mutated(t, a, lambda b: b.view_as(b).sin_()),
    "a view of what is saved": lambda t, a: _mutated(t, a, lambda b: b[:1].mul_(10)),
    "double backward": lambda t, a: _mutated(t, a, lambda b: b.sin_(), double=True),
    "outside the context": lambda t, a: _outside(t, a),
    "nested": lambda t, a: _nested_mutation(t),
}


def _mutated(t, a, mutate, double=False):
    with t.autograd.graph.allow_mutation_on_saved_tensors():
        b = a.clone()
        out = (b**2).sum()
        mutate(b)
        if double:
            (g,) = t.autograd.grad(out, a, create_graph=True)
            return t.autograd.grad(g.sum(), a)
        out.backward()
    return a.grad


def _outside(t, a):
    with t.autograd.graph.allow_mutation_on_saved_tensors():
        out = (a**2).sum()
    out.backward()


def _nested_mutation(t):
    with t.autograd.graph.allow_mutation_on_saved_tensors():
        with t.autograd.graph.allow_mutation_on_saved_tensors():
            pass


@pytest.mark.parametrize("name", sorted(MUTATION))
def test_allow_mutation_on_saved_tensors(name):
    same(lambda t: MUTATION[name](t, t.tensor([[1.0, 2.0, 3.0], [0.5, 0.0, -1.0]], requires_grad=True)))


def test_without_allow_mutation_the_write_is_caught():
    def body(t):
        a = t.rand(2, 3, requires_grad=True)
        b = a.clone()
        out = (b**2).sum()
        b.sin_()
        out.backward()

    same_error(body)
