"""Inference mode and inference tensors against torch: which tensors are inference tensors, which ops record
a graph with them, views of them, their version counter, torch's errors (saved for backward, modified in
place or made to require grad outside inference mode, views made in inference mode modified outside), and
inference_mode as a context manager and decorator (functions, generators, classes, inference_mode(False))."""

import contextlib

import pytest
from _compare import same, same_error
from hypothesis import given
from hypothesis import strategies as st


def _flags(t, x):
    """What a user can see of tensor x, including what raises."""

    def attempt(fn):
        try:
            return fn()
        except RuntimeError as e:
            return ("raises", str(e))

    return (
        x.is_inference(),
        t.is_inference(x),
        x.requires_grad,
        attempt(lambda: x.is_leaf),
        attempt(lambda: None if x.grad_fn is None else x.grad_fn.name()),
        x._is_view(),
        attempt(lambda: x._version),
    )


MODES = {
    "normal": lambda t: contextlib.nullcontext(),
    "no_grad": lambda t: t.no_grad(),
    "inference": lambda t: t.inference_mode(),
    "inference(False) inside inference": lambda t: _nested(t),
    "enable_grad inside inference": lambda t: _nested(t, inner=t.enable_grad),
}


@contextlib.contextmanager
def _nested(t, inner=None):
    with t.inference_mode():
        with t.inference_mode(False) if inner is None else inner():
            yield


OPS = {
    "mul": lambda t, a, b: a * b,
    "add": lambda t, a, b: a + b,
    "exp": lambda t, a, b: a.exp(),
    "sum": lambda t, a, b: a.sum(),
    "matmul": lambda t, a, b: a @ b.t(),
    "cat": lambda t, a, b: t.cat([a, b]),
    "view": lambda t, a, b: a.view(-1),
    "select": lambda t, a, b: a[0],
    "transpose": lambda t, a, b: a.t(),
    "detach": lambda t, a, b: a.detach(),
    "data": lambda t, a, b: a.data,
    "add_": lambda t, a, b: a.add_(b),
    "mul_ of b": lambda t, a, b: b.mul_(a),
    "copy_": lambda t, a, b: a.copy_(b),
    "view then add_": lambda t, a, b: a.view(-1).add_(1),
    "requires_grad_": lambda t, a, b: a.requires_grad_(),
}


@given(
    a_mode=st.sampled_from(sorted(MODES)),
    b_mode=st.sampled_from(sorted(MODES)),
    # not inference_mode(False) inside inference_mode: it gives inference tensors autograd's dispatch keys, so
    # that ops on them then record and count versions in ways minigrad does not follow (see the report)
    op_mode=st.sampled_from(sorted(set(MODES) - {"inference(False) inside inference"})),
    a_grad=st.booleans(),
    b_grad=st.booleans(),
    a_leaf=st.booleans(),
    op=st.sampled_from(sorted(OPS)),
    backward=st.booleans(),
)
def test_ops_on_tensors_made_in_each_mode(a_mode, b_mode, op_mode, a_grad, b_grad, a_leaf, op, backward):
    """Tensors made in one mode, an op in another: the result's flags (or torch's error), then backward."""

    def body(t):
        with MODES[a_mode](t):
            a = t.ones(2, 3, requires_grad=a_grad)
            if not a_leaf:
                a = a * 2
        with MODES[b_mode](t):
            b = t.full((2, 3), 0.5, requires_grad=b_grad)
        with MODES[op_mode](t):
            out = OPS[op](t, a, b)
            seen = [_flags(t, out), _flags(t, a), _flags(t, b)]
        if backward and out.requires_grad:
            out.sum().backward()
            seen.append((a.grad if a.is_leaf else None, b.grad))
        return seen

    same(body)


def test_views_made_in_inference_mode_of_normal_tensors():
    """A view of a normal tensor made in inference mode is a view that is no inference tensor; modifying it
    or its base in place outside raises torch's errors when its base requires grad."""

    def body(t):
        base = t.ones(3, requires_grad=True) * 1
        plain = t.ones(3)
        with t.inference_mode():
            view, plain_view = base[1:], plain[1:]
        seen = [_flags(t, view), _flags(t, plain_view), plain_view.add_(1)]
        for step in (lambda: view.mul_(2), lambda: base.mul_(2), lambda: view.grad_fn, lambda: view * 2):
            try:
                seen.append(step())
            except RuntimeError as e:
                seen.append(str(e))
        return seen

    same(body)


def _inference(t, requires_grad=False):
    with t.inference_mode():
        return t.ones(2, 3, requires_grad=requires_grad)


ERRORS = {
    "saved for backward (mul)": lambda t: _inference(t) * t.ones(2, 3, requires_grad=True),
    "saved for backward (matmul)": lambda t: t.ones(2, 2, requires_grad=True) @ _inference(t)[:, :2],
    "saved by a custom Function": lambda t: _SaveSecond(t).apply(
        t.ones(2, 3, requires_grad=True), _inference(t)
    ),
    "add_ outside": lambda t: _inference(t).add_(1),
    "zero_ outside": lambda t: _inference(t).zero_(),
    "setitem outside": lambda t: _inference(t).__setitem__(0, 1.0),
    "copy_ outside": lambda t: _inference(t).copy_(t.zeros(2, 3)),
    "view add_ outside": lambda t: _inference(t).view(-1).add_(1),
    "requires_grad_ outside": lambda t: _inference(t).requires_grad_(),
    "requires_grad setter outside": lambda t: setattr(_inference(t), "requires_grad", True),
    "detach requires_grad_ outside": lambda t: _inference(t).detach().requires_grad_(),
    "version": lambda t: _inference(t)._version,
    "version of a view": lambda t: _inference(t)[0]._version,
    "is_inference of a number": lambda t: t.is_inference(3),
    "backward of an inference leaf's sum": lambda t: _inference(t, requires_grad=True).sum().backward(),
}


def _SaveSecond(t):  # noqa: N802 (a class factory)
    class SaveSecond(t.autograd.Function):
        @staticmethod
        def forward(ctx, x, y):
            ctx.save_for_backward(y)
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad, None

    return SaveSecond


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors(name):
    same_error(ERRORS[name])


def test_decorators():
    def body(t):
        seen = []

        @t.inference_mode()
        def called():
            return t.is_inference_mode_enabled(), t.ones(1).is_inference(), t.is_grad_enabled()

        @t.inference_mode
        def bare():
            return t.is_inference_mode_enabled()

        @t.inference_mode(False)
        def disabled():
            return t.is_inference_mode_enabled(), t.is_grad_enabled()

        @t.inference_mode(mode=True)
        def generator(n):
            for _ in range(n):
                received = yield t.is_inference_mode_enabled(), t.ones(1).is_inference()
                seen.append((received, t.is_inference_mode_enabled()))

        seen += [called(), bare(), disabled(), called.__name__, bare.__name__]
        with t.inference_mode():
            seen.append(disabled())
        gen = generator(3)
        seen.append(next(gen))
        seen.append(t.is_inference_mode_enabled())  # between the steps: the caller's mode
        seen.append(gen.send("x"))
        gen.close()

        class Made:
            def __init__(self):
                self.mode = t.is_inference_mode_enabled()

        seen.append(t.inference_mode()(Made)().mode)
        manager = t.inference_mode(False)
        seen.append(
            (type(manager).__name__, manager.mode, manager.clone().mode, callable(t.inference_mode(3)))
        )
        return seen

    same(body)


def test_a_raising_block_restores_the_mode():
    def body(t):
        try:
            with t.no_grad(), t.inference_mode():
                raise ValueError("x")
        except ValueError:
            pass
        return t.is_grad_enabled(), t.is_inference_mode_enabled()

    same(body)
