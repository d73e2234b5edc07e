"""The engine against torch: backward from several threads on one graph (every gradient accumulated, torch's
error for a graph freed by another thread), set_multithreading_enabled, the graph task's introspection
(torch._C._current_graph_task_id, _will_engine_execute_node, _current_graph_task_execution_order,
_current_autograd_node), queue_callback through Variable._execution_engine, reentrant backward (deep,
prioritised, with callbacks and errors), and torch._C's DelayedError and UndefinedGrad."""

import threading

import pytest
from _compare import same, same_error
from _graphs import SHAPES, make_inputs, programs
from hypothesis import given
from hypothesis import strategies as st


def _threads(n, target):
    errors = []

    def run():
        try:
            target()
        except RuntimeError as e:
            errors.append(str(e))

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@given(
    program=programs(scalar=True, max_outputs=1),
    shape=SHAPES,
    seed=st.integers(0, 2**16),
    n_threads=st.integers(2, 6),
    use_grad=st.booleans(),
)
def test_backward_from_several_threads_on_one_graph(program, shape, seed, n_threads, use_grad):
    """Every thread's gradient lands in .grad (torch locks accumulation); autograd.grad is per thread."""

    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad=True)
        out = program(t, *inputs)
        results = []

        def work():
            if use_grad:
                results.append(t.autograd.grad(out, inputs, retain_graph=True, allow_unused=True))
            else:
                out.backward(retain_graph=True)

        errors = _threads(n_threads, work)
        return errors, [x.grad for x in inputs], results[:1], len(results)

    same(body)


def test_backward_from_several_threads_without_retain_graph():
    """A graph freed by one thread's backward: the others get torch's retain_graph error (at least one
    succeeds; which ones is up to the scheduler, so only the messages are compared)."""

    def body(t):
        x = t.ones(5, 5, requires_grad=True)
        y = x + x**2

        def work():
            y.sum().backward()

        errors = _threads(5, work)
        return len(errors) < 5, sorted(set(errors))

    ref = same(body)
    assert ref[1][0]


def test_many_threads_accumulate_every_gradient():
    def body(t):
        x = t.ones(5, 5, requires_grad=True)

        def work():
            for _ in range(20):
                ((x + 3) * (x + 4) * 0.5).sum().backward()

        _threads(8, work)
        return x.grad

    same(body)


def test_set_multithreading_enabled():
    def body(t):
        seen = [t.autograd.is_multithreading_enabled()]
        with t.autograd.set_multithreading_enabled(False):
            seen.append(t.autograd.is_multithreading_enabled())
            t.autograd.set_multithreading_enabled(True)
            seen.append(t.autograd.is_multithreading_enabled())
        seen.append(t.autograd.is_multithreading_enabled())
        manager = t.autograd.set_multithreading_enabled(False)
        seen += [t.autograd.is_multithreading_enabled(), type(manager).__name__, manager.clone().mode]
        manager.__exit__(None, None, None)
        with t.inference_mode():
            seen.append(t.autograd.is_multithreading_enabled())
            with t.inference_mode(False):
                seen.append(t.autograd.is_multithreading_enabled())
        other = []
        with t.autograd.set_multithreading_enabled(False):
            worker = threading.Thread(target=lambda: other.append(t.autograd.is_multithreading_enabled()))
            worker.start()
            worker.join()
        seen += [
            other,
            t.autograd.grad_mode.set_multithreading_enabled is t.autograd.set_multithreading_enabled,
        ]
        return seen

    same(body)
    same_error(lambda t: t.autograd.set_multithreading_enabled("x"))


def test_inference_mode_disables_forward_ad():
    def body(t):
        fwad = t.autograd.forward_ad
        with fwad.dual_level():
            x = fwad.make_dual(t.ones(2), t.ones(2))
            with t.inference_mode():
                inside = (fwad._is_fwd_grad_enabled(), fwad.unpack_dual(x * 2).tangent)
            after = fwad.unpack_dual(x * 2).tangent
        return inside, after

    same(body)


# ---- the graph task, seen from hooks ----------------------------------------------------------------------
def _name(node):
    return None if node is None else node.name()


def test_graph_task_ids_count_up_and_are_minus_one_outside():
    def body(t):
        ids = []
        x = t.tensor(1.0, requires_grad=True).clone()
        x.register_hook(lambda g: ids.append(t._C._current_graph_task_id()))
        for _ in range(3):
            x.backward(retain_graph=True)
        return [i - ids[0] for i in ids], t._C._current_graph_task_id()

    same(body)


WILL_EXECUTE = {
    "backward": lambda t, out, a, b: out.backward(retain_graph=True),
    "backward(inputs=a)": lambda t, out, a, b: out.backward(inputs=[a], retain_graph=True),
    "backward(inputs=b)": lambda t, out, a, b: out.backward(inputs=[b], retain_graph=True),
    "grad(b)": lambda t, out, a, b: t.autograd.grad(out, [b], retain_graph=True),
    "grad(a)": lambda t, out, a, b: t.autograd.grad(out, [a], retain_graph=True),
}


@pytest.mark.parametrize("call", sorted(WILL_EXECUTE))
def test_will_engine_execute_node(call):
    def body(t):
        a = t.randn(2, 3, requires_grad=True)
        a2 = t.randn(2, 3, requires_grad=True)
        b = a * a2
        b2 = b.cos()
        out = (b * 2).sum() + b2.detach().sum()
        nodes = {
            "a": a.clone().grad_fn.next_functions[0][0],
            "a2": a2.clone().grad_fn.next_functions[0][0],
            "b": b.grad_fn,
            "b2": b2.grad_fn,
            "out": out.grad_fn,
        }
        seen = []

        def hook(grad):
            for name, node in nodes.items():
                try:
                    seen.append((name, t._C._will_engine_execute_node(node)))
                except RuntimeError as e:
                    seen.append((name, str(e)))

        b.register_hook(hook)
        WILL_EXECUTE[call](t, out, a, b)
        return seen

    same(body)


WILL_EXECUTE_ERRORS = {
    "outside backward": lambda t: t._C._will_engine_execute_node(t.ones(1, requires_grad=True).exp().grad_fn),
    "not a node": lambda t: t._C._will_engine_execute_node(None),
    "a tensor": lambda t: t._C._will_engine_execute_node(t.ones(1)),
    "execution order outside backward": lambda t: t._C._current_graph_task_execution_order(),
}


@pytest.mark.parametrize("name", sorted(WILL_EXECUTE_ERRORS))
def test_introspection_errors(name):
    same_error(WILL_EXECUTE_ERRORS[name])


EXECUTION_GRAPHS = {
    "chain": lambda t, a, b: (a.clone().sin().exp(), [a]),
    "two leaves": lambda t, a, b: (b.sin() * a.cos(), [a, b]),
    "shared leaf": lambda t, a, b: (a.sin() * a.cos(), [a]),
    "several roots": lambda t, a, b: ((a * 2).sin() + (a * 2).cos() + (a * 2).cos(), [a]),
    "inputs on one path": lambda t, a, b: ((a * 2).sin(), [a]),
    "subgraph": lambda t, a, b: ((a * b).sin(), [a]),
}


@pytest.mark.parametrize("graph", sorted(EXECUTION_GRAPHS))
@pytest.mark.parametrize("use_grad", [False, True])
def test_execution_order(graph, use_grad):
    """The order the engine predicts (with multithreading disabled) is the order it runs the nodes in."""

    def body(t):
        a = t.tensor(1.0, requires_grad=True)
        b = t.tensor(2.0, requires_grad=True)
        out, inputs = EXECUTION_GRAPHS[graph](t, a, b)
        predicted = []
        out.register_hook(
            lambda g: predicted.append([n.name() for n in t._C._current_graph_task_execution_order()])
        )
        with t.autograd.set_multithreading_enabled(False):
            if use_grad:
                t.autograd.grad(out, inputs)
            else:
                out.backward()
        return predicted

    same(body)


def test_execution_order_needs_multithreading_disabled():
    def body(t):
        messages = []
        x = t.tensor(1.0, requires_grad=True).clone().sin()

        def hook(g):
            try:
                t._C._current_graph_task_execution_order()
            except RuntimeError as e:
                messages.append(str(e))

        x.register_hook(hook)
        x.backward()
        return messages

    same(body)


def test_current_autograd_node():
    def body(t):
        seen = [_name(t._C._current_autograd_node())]
        a = t.rand(3, requires_grad=True)
        b = a.mul(2)
        c = b.div(3)
        b.register_hook(lambda g: seen.append(_name(t._C._current_autograd_node())))
        c.register_hook(lambda g: seen.append(_name(t._C._current_autograd_node())))
        a.register_hook(lambda g: seen.append(_name(t._C._current_autograd_node())))
        c.sum().backward()
        seen.append(_name(t._C._current_autograd_node()))
        return seen

    same(body)


# ---- callbacks and reentrant backward ---------------------------------------------------------------------
def _reentrant_with_callbacks(t, depths):
    counter = {"inner": 0, "outer": 0}
    engine = t.autograd.Variable._execution_engine

    class Inner(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            if 1 in depths:
                engine.queue_callback(lambda: counter.__setitem__("inner", counter["inner"] + 1))
            return g

    class Outer(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            if 0 in depths:
                engine.queue_callback(lambda: counter.__setitem__("outer", counter["outer"] + 1))
            inner = g.detach().requires_grad_()
            with t.enable_grad():
                total = Inner.apply(inner).sum()
            total.backward()
            return g

    x = t.rand(3, 3, requires_grad=True)
    Outer.apply(x).sum().backward()
    return counter


@pytest.mark.parametrize("depths", [(0,), (1,), (0, 1)])
def test_callbacks_run_once_at_the_end_of_their_own_backward(depths):
    same(lambda t: _reentrant_with_callbacks(t, depths))


def test_a_callback_may_queue_a_callback():
    def body(t):
        calls = []
        engine = t.autograd.Variable._execution_engine

        def first():
            calls.append("first")
            engine.queue_callback(lambda: calls.append("second"))

        class F(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x

            @staticmethod
            def backward(ctx, g):
                engine.queue_callback(first)
                return g

        F.apply(t.rand(3, requires_grad=True)).sum().backward()
        return calls

    same(body)


def _reentrant_chain(t, depth):
    class DeepReentrant(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            with t.enable_grad():
                ctx.x = t.autograd.Variable(x.detach(), requires_grad=True)
                ctx.x = ctx.x - 1
            return ctx.x.detach()

        @staticmethod
        def backward(ctx, g):
            if ctx.x < 0:
                return g
            with t.enable_grad():
                DeepReentrant.apply(ctx.x).sum().backward()
            return g

    v = t.tensor(float(depth), requires_grad=True)
    DeepReentrant.apply(v).sum().backward()
    return v.grad


def test_deep_reentrant_backward():
    same(lambda t: _reentrant_chain(t, 300))


def test_reentrant_backward_runs_before_the_rest_of_its_parent():
    def body(t):
        order = []

        class Plain(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x

            @staticmethod
            def backward(ctx, g):
                order.append("plain")
                return g

        class Reentrant(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                with t.enable_grad():
                    ctx.x = t.autograd.Variable(x.detach(), requires_grad=True) - 1
                return ctx.x.detach()

            @staticmethod
            def backward(ctx, g):
                order.append("reentrant")
                if ctx.x < 0:
                    return g
                with t.enable_grad():
                    Reentrant.apply(ctx.x).backward()
                return g

        a = Plain.apply(t.tensor(6.0, requires_grad=True))
        b = Reentrant.apply(t.tensor(9.0, requires_grad=True))
        (a * b).backward()
        return order

    same(body)


def test_an_error_in_a_reentrant_child_reaches_the_parent():
    def body(t):
        class Fails(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x.clone()

            @staticmethod
            def backward(ctx, g):
                raise RuntimeError("Simulate error on backward pass")

        b = t.rand(3, 3, requires_grad=True)
        child = Fails.apply(b * b).sum()

        class Parent(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x.clone()

            @staticmethod
            def backward(ctx, g):
                child.backward()
                return g

        a = t.rand(3, 3, requires_grad=True)
        Parent.apply(a * a).sum().backward()

    same_error(body)


def test_grad_mode_is_restored_around_reentrant_backward():
    def body(t):
        seen = []

        class F(t.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x.clone()

            @staticmethod
            def backward(ctx, g):
                before = t.is_grad_enabled()
                with t.enable_grad():
                    y = t.rand(g.size(), requires_grad=True)
                    (grad,) = t.autograd.grad(y**3, y, grad_outputs=g)
                seen.append((before, t.is_grad_enabled()))
                return grad

        x = t.rand(3, requires_grad=True)
        F.apply(x).sum().backward()
        F.apply(x).sum().backward(create_graph=True)
        x.grad = None
        return seen

    same(body, check_warnings=False)


# ---- torch._C._functions --------------------------------------------------------------------------------
C_FUNCTIONS = {
    "DelayedError": lambda t, x: t._C._functions.DelayedError("Boom!", 1)(x).sum().backward(),
    "DelayedError value": lambda t, x: t._C._functions.DelayedError("Boom!", 1)(x),
    "DelayedError of two": lambda t, x: t._C._functions.DelayedError("two", 2)(x, x * 2)[1].output_nr,
    "DelayedError of a constant": lambda t, x: t._C._functions.DelayedError("m", 1)(t.ones(2)),
    "DelayedError argument count": lambda t, x: t._C._functions.DelayedError("m", 2)(x),
    "DelayedError under no_grad": lambda t, x: _no_grad(t, lambda: t._C._functions.DelayedError("m", 1)(x)),
    "DelayedError not asked for": lambda t, x: t.autograd.grad(
        (x.clone().view(-1) + t._C._functions.DelayedError("Boom!", 1)(x)).sum(), x
    ),
    "UndefinedGrad": lambda t, x: (t._C._functions.UndefinedGrad()(x).sum().backward(), x.grad),
    "UndefinedGrad materialized for a Function": lambda t, x: _undefined_into_function(t, x, True),
    "UndefinedGrad not materialized": lambda t, x: _undefined_into_function(t, x, False),
    "AccumulateGrad isinstance": lambda t, x: isinstance(
        (x * 2).grad_fn.next_functions[0][0], t._C._functions.AccumulateGrad
    ),
    "generated node isinstance": lambda t, x: isinstance(x.exp().grad_fn, t._C._functions.ExpBackward0),
}


def _no_grad(t, fn):
    with t.no_grad():
        return fn()


def _undefined_into_function(t, x, materialize):
    seen = []

    class F(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(materialize)
            return x

        @staticmethod
        def backward(ctx, g):
            seen.append(g)
            return g

    t._C._functions.UndefinedGrad()(F.apply(x)).sum().backward()
    return seen


@pytest.mark.parametrize("name", sorted(C_FUNCTIONS))
def test_c_functions(name):
    same(lambda t: C_FUNCTIONS[name](t, t.ones(2, requires_grad=True)))
