"""Anomaly mode against torch: the flags (detect_anomaly, set_detect_anomaly, check_nan), nan gradients
caught with torch's message naming the node and output, and the warnings that show where the failing node was
made in the forward pass (and, for a gradient's own graph, the node whose backward made it).

The warnings carry tracebacks, whose library frames differ between the engines: what is compared is each
warning's category, its first and last lines, and which lines of this file its traceback names."""

import re
import warnings

import pytest
from _compare import same


def _observed(t, scenario):
    """(outcome, warnings): each warning as (category, first line, last line, lines of this file named)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome = ("ok", scenario(t))
        except Exception as e:  # the exception is the observation
            outcome = ("raise", type(e).__name__, str(e))
    seen = []
    for w in caught:
        lines = str(w.message).strip("\n").split("\n")
        here = [int(n) for n in re.findall(rf'File "{re.escape(__file__)}", line (\d+)', str(w.message))]
        seen.append((w.category.__name__, lines[0], lines[-1], here))
    return outcome, seen


def _nan_function(t):
    class NanGradient(t.autograd.Function):
        @staticmethod
        def forward(ctx, a, b, fail_first):
            ctx.fail_first = fail_first
            return a.sum(0, keepdim=True)

        @staticmethod
        def backward(ctx, g):
            gi = g.clone().expand(10)
            gi[0] = 0
            gi[0] /= 0
            return (gi, None, None) if ctx.fail_first else (None, gi, None)

    return NanGradient


def nan_without_forward_information(t):
    inp = t.rand(10, requires_grad=True)
    out = _nan_function(t).apply(inp, inp, True)
    with t.autograd.detect_anomaly():
        out.backward()


def nan_in_second_output(t):
    inp = t.rand(10, requires_grad=True)
    with t.autograd.detect_anomaly():
        out = _nan_function(t).apply(inp, inp, False)
        out.backward()


def nan_not_checked(t):
    inp = t.rand(10, requires_grad=True)
    with t.autograd.detect_anomaly(check_nan=False):
        out = _nan_function(t).apply(inp, inp, True)
        out.backward()
    return (inp.grad != inp.grad).sum()  # the nan count


def nan_in_nested_backward(t):
    class Outer(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return Inner.apply(x)

    class Inner(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x

        @staticmethod
        def backward(ctx, g):
            return g + float("nan")

    inp = t.rand(1, requires_grad=True)
    with t.autograd.detect_anomaly():
        out = Outer.apply(inp)
        (ginp,) = t.autograd.grad(out, (inp,), create_graph=True)
        ginp.backward()


def modified_in_place(t):
    with t.autograd.detect_anomaly():
        a = t.randn(5, requires_grad=True)
        d1 = a + 1
        d2 = d1**2
        d1 += 1
        t.autograd.grad(d2.sum(), a)


def error_in_backward(t):
    class Fails(t.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, g):
            raise ValueError("boom")

    with t.autograd.detect_anomaly():
        Fails.apply(t.ones(2, requires_grad=True)).sum().backward()


def nan_from_a_builtin_node(t):
    x = t.tensor([0.0, 1.0], requires_grad=True)
    with t.autograd.detect_anomaly():
        y = x.log()
        (y * 0).sum().backward()


def no_nan_no_error(t):
    x = t.tensor([1.0, 2.0], requires_grad=True)
    with t.autograd.detect_anomaly():
        (x.exp() * x).sum().backward()
    return x.grad


def flags(t):
    seen = [(t.is_anomaly_enabled(), t.is_anomaly_check_nan_enabled())]
    with t.autograd.detect_anomaly(check_nan=False):
        seen.append((t.is_anomaly_enabled(), t.is_anomaly_check_nan_enabled()))
        with t.autograd.set_detect_anomaly(True):
            seen.append((t.is_anomaly_enabled(), t.is_anomaly_check_nan_enabled()))
        seen.append((t.is_anomaly_enabled(), t.is_anomaly_check_nan_enabled()))
    seen.append((t.is_anomaly_enabled(), t.is_anomaly_check_nan_enabled()))
    t.autograd.set_detect_anomaly(True, check_nan=False)
    seen.append((t.is_anomaly_enabled(), t.is_anomaly_check_nan_enabled()))
    t.autograd.set_detect_anomaly(False)
    seen.append((t.is_anomaly_enabled(), t.is_anomaly_check_nan_enabled()))
    return seen


def metadata_keys(t):
    with t.autograd.detect_anomaly():
        x = t.ones(2, requires_grad=True)
        y = (x * 2).sum()
    return sorted(y.grad_fn.metadata), type(y.grad_fn.metadata["traceback_"]).__name__


def not_a_decorator(t):
    @t.autograd.detect_anomaly()
    def f():
        pass


SCENARIOS = [
    nan_without_forward_information,
    nan_in_second_output,
    nan_not_checked,
    nan_in_nested_backward,
    modified_in_place,
    error_in_backward,
    nan_from_a_builtin_node,
    no_nan_no_error,
    flags,
    metadata_keys,
    not_a_decorator,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_anomaly_mode(scenario):
    try:
        same(lambda t: _observed(t, scenario), check_warnings=False)
    finally:
        import torch

        import minigrad

        torch.autograd.set_detect_anomaly(False)
        minigrad.autograd.set_detect_anomaly(False)


def test_anomaly_mode_is_process_wide():
    """torch 2.13 keeps anomaly mode process-wide (not per thread)."""
    import threading

    def body(t):
        seen = []
        with t.autograd.detect_anomaly():
            worker = threading.Thread(target=lambda: seen.append(t.is_anomaly_enabled()))
            worker.start()
            worker.join()
        return seen

    same(body, check_warnings=False)
