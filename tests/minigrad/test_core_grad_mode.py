"""Grad modes: nesting, decorators, exceptions, threads, inference_mode."""

import threading

import pytest
from _compare import same, same_error

import minigrad


def test_nesting_and_flags():
    def body(t):
        x = t.ones(2, requires_grad=True)
        seen = []
        with t.no_grad():
            seen.append((t.is_grad_enabled(), (x * 2).requires_grad))
            with t.enable_grad():
                seen.append((t.is_grad_enabled(), (x * 2).requires_grad))
            with t.set_grad_enabled(True):
                seen.append(t.is_grad_enabled())
        t.set_grad_enabled(False)
        seen.append(t.is_grad_enabled())
        t.set_grad_enabled(True)
        with t.inference_mode():
            seen.append((t.is_grad_enabled(), t.is_inference_mode_enabled(), (x * 2).requires_grad))
        with t.inference_mode(False):
            seen.append(t.is_inference_mode_enabled())
        seen.append((t.is_grad_enabled(), t.is_inference_mode_enabled()))
        return seen

    same(body)


def test_decorators():
    def body(t):
        @t.no_grad()
        def a(x):
            return x * 2

        @t.no_grad
        def b(x):
            return x * 2

        @t.enable_grad()
        def c(x):
            return x * 2

        @t.set_grad_enabled(False)
        def d(x):
            return x * 2

        @t.inference_mode()
        def e(x):
            return x * 2

        x = t.ones(2, requires_grad=True)
        enabled_after_decorating = t.is_grad_enabled()
        with t.no_grad():
            inner = c(x).requires_grad
        return (
            a(x).requires_grad,
            b(x).requires_grad,
            inner,
            d(x).requires_grad,
            e(x).requires_grad,
            enabled_after_decorating,
        )

    same(body)


def test_state_restored_when_block_raises():
    def body(t):
        for manager in (t.no_grad(), t.enable_grad(), t.set_grad_enabled(False), t.inference_mode()):
            try:
                with manager:
                    raise ValueError("boom")
            except ValueError:
                pass
        return t.is_grad_enabled(), t.is_inference_mode_enabled()

    same(body)


@pytest.mark.parametrize("module_name", ["minigrad"])
def test_grad_mode_is_thread_local(module_name):
    seen = {}

    def worker():
        seen["worker"] = minigrad.is_grad_enabled()
        x = minigrad.ones(2, requires_grad=True)
        seen["worker graph"] = (x * 2).requires_grad

    with minigrad.no_grad():
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        seen["main"] = minigrad.is_grad_enabled()
    assert seen == {"worker": True, "worker graph": True, "main": False}


def test_inference_mode_records_nothing_even_under_enable_grad():
    """Inside inference_mode, enable_grad turns grad mode on (is_grad_enabled() is True) but ops still
    record no graph, for inference tensors and normal ones alike; leaving restores both flags."""

    def body(t):
        normal = t.ones(2, requires_grad=True)
        seen = []
        with t.inference_mode():
            inner = t.ones(2, requires_grad=True)
            with t.enable_grad():
                for x in (inner, normal):
                    y = x * 2
                    seen.append((t.is_grad_enabled(), t.is_inference_mode_enabled(), y.requires_grad))
                    seen.append(y.grad_fn is None)
            with t.set_grad_enabled(True):
                seen.append(((normal * 3).requires_grad, t.is_grad_enabled()))
            seen.append(t.is_grad_enabled())
        y = normal * 2
        seen.append((t.is_grad_enabled(), y.requires_grad, y.grad_fn.name()))
        return seen

    same(body)


@pytest.mark.parametrize(
    "decorator",
    [
        lambda t: t.no_grad(),
        lambda t: t.no_grad,
        lambda t: t.inference_mode(),
        lambda t: t.set_grad_enabled(False),
        lambda t: t.enable_grad(),
    ],
)
def test_decorated_generator_runs_each_step_in_the_mode(decorator):
    def body(t):
        x = t.ones(2, requires_grad=True)

        def steps(n):
            received = yield (t.is_grad_enabled(), t.is_inference_mode_enabled(), (x * 2).requires_grad)
            for _ in range(n):
                received = yield (received, t.is_grad_enabled(), (x * received).requires_grad)
            return "done"

        seen = []
        with t.no_grad():
            gen = decorator(t)(steps)(2)
            seen.append(next(gen))
        seen.append((t.is_grad_enabled(), gen.send(3.0)))
        seen.append((t.is_grad_enabled(), gen.send(4.0)))
        try:
            gen.send(5.0)
        except StopIteration as stop:
            seen.append(stop.value)
        return seen, steps.__name__, decorator(t)(steps).__name__

    same(body)


@pytest.mark.parametrize("mode", [0, 1, None, "yes", 1.0])
def test_set_grad_enabled_takes_a_bool_only(mode):
    def body(t):
        try:
            t.set_grad_enabled(mode)
        finally:
            enabled = t.is_grad_enabled()
            t.set_grad_enabled(True)
        return enabled

    same_error(body)


def test_set_grad_enabled_str_and_mode_set_again_on_enter():
    def body(t):
        block = t.set_grad_enabled(False)
        t.set_grad_enabled(True)
        with block:
            inside = t.is_grad_enabled()
        return str(block), repr(t.set_grad_enabled(True)), inside, t.is_grad_enabled()

    same(body)


def test_decorating_a_class_warns_and_builds_instances_in_the_mode():
    def body(t):
        class Probe:
            def __init__(self):
                self.enabled = t.is_grad_enabled()

        factory = t.no_grad()(Probe)
        return factory().enabled, t.is_grad_enabled(), factory.__qualname__.split(".")[-2:]

    same(body)
