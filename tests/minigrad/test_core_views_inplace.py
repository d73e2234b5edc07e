"""In-place through views and special tensors: view-of-leaf, views made in no_grad/inference mode, detach_,
zero_/fill_, inference tensors. Differential against torch."""

import pytest
from _compare import same, same_error


def view_leaf(t):
    """A leaf that is a view: reshape of a plain tensor, then requires_grad_() (what most code does)."""
    return t.tensor([1.0, 2.0, 3.0, 4.0]).reshape(2, 2).requires_grad_()


def no_grad_view(t, requires_grad=True):
    x = t.ones(3, requires_grad=requires_grad)
    with t.no_grad():
        v = x[:2]
    return x, v


def inference_view(t):
    x = t.ones(3, requires_grad=True)
    with t.inference_mode():
        v = x[:2]
    return v


def unbind_output(t):
    return (t.ones(2, 2, requires_grad=True) * 1).unbind(0)[0]


def base_written_after_no_grad_view(t):
    y = t.ones(2, 2, requires_grad=True) * 1
    with t.no_grad():
        v = y[0]
    y.add_(1)
    return v.grad_fn


@pytest.mark.parametrize(
    "body",
    [
        lambda t: view_leaf(t).add_(1),
        lambda t: view_leaf(t).zero_(),
        lambda t: view_leaf(t)[0].mul_(2),
        lambda t: t.ones(3, requires_grad=True)[:2].fill_(1.0),
        lambda t: no_grad_view(t)[1].add_(1),
        lambda t: no_grad_view(t, requires_grad=False)[1].add_(t.ones(2, requires_grad=True)),
        lambda t: no_grad_view(t)[1][:1].add_(1),
        lambda t: inference_view(t).add_(1),
        lambda t: unbind_output(t).add_(1),
        base_written_after_no_grad_view,
        lambda t: view_leaf(t).detach_(),
        lambda t: t.ones(3)[:2].detach_(),
        lambda t: t.ones(2).fill_(t.ones(2)),
    ],
)
def test_inplace_errors(body):
    same_error(body)


def test_views_made_in_no_grad_require_grad_through_their_base():
    def body(t):
        x, v = no_grad_view(t)
        y = v * 2
        return v, y, v.is_leaf, v._base is x

    same(body)


@pytest.mark.parametrize("op", ["zero_", "fill_", "fill_tensor", "fill_requiring"])
def test_zero_and_fill(op):
    def body(t):
        x = t.tensor([1.0, 2.0, 3.0], requires_grad=True)
        value = t.tensor(2.0, requires_grad=True)
        y = x * 2
        if op == "zero_":
            y.zero_()
        elif op == "fill_":
            y.fill_(5)
        elif op == "fill_tensor":
            y.fill_(t.tensor(3.0))
        else:
            y.fill_(value)
        (y * x).sum().backward()
        return y, x.grad, value.grad, t.tensor([1, 2]).fill_(2.7)

    same(body)


def test_inplace_on_saved_result_is_detected():
    def body(t):
        x = t.tensor([0.5, 1.0], requires_grad=True)
        y = x * 2
        y.exp_()
        y.add_(1)
        y.sum().backward()

    same_error(body)


def test_inference_tensors():
    def body(t):
        x = t.ones(2, requires_grad=True)
        with t.inference_mode():
            z = x * 2
            flags = (z.is_inference(), x.is_inference(), x[:1].is_inference())
        return flags, z.clone().is_inference(), z[:1].is_inference(), x + z

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: _inference(t) * t.ones(2, requires_grad=True),
        lambda t: _inference(t).requires_grad_(),
        lambda t: _inference(t).add_(1),
        lambda t: _inference(t).zero_(),
    ],
)
def test_inference_tensor_errors(body):
    same_error(body)


def _inference(t):
    with t.inference_mode():
        return t.ones(2)


def test_inference_mode_false_enables_grad():
    def body(t):
        with t.no_grad():
            with t.inference_mode(False):
                return t.is_grad_enabled(), t.is_inference_mode_enabled()

    same(body)
