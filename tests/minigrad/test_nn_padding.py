"""F.pad in its non-constant modes and the padding layers against torch: values and gradients in several
dtypes, reprs, and the errors of bad paddings.

The rows' gradients, forward derivatives, saved values and second order are in test_derivatives.py
(derivative_cases/padding.py)."""

import numpy as np
import pytest
from _compare import same, same_error

MODES = ("reflect", "replicate", "circular")


def _t(t, shape, seed=0, dtype="float64", requires_grad=False):
    values = np.random.default_rng(seed).standard_normal(shape).tolist()
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=requires_grad)


def _with_grads(t, out, inputs, seed=7):
    upstream = _t(t, tuple(out.shape), seed, str(out.dtype).split(".")[1])
    return out, t.autograd.grad(out, inputs, upstream)


def _F(t):
    return t.nn.functional


PADDINGS = [
    ((2, 3, 4), (1, 2)),
    ((3, 4), (3, 0)),
    ((2, 3, 4), (-1, 2)),
    ((2, 3, 4), (-2, -1)),
    ((1, 2, 3, 4), (1, 2, 2, 0)),
    ((2, 3, 4), (0, 1, -1, 2)),
    ((1, 2, 3, 3, 4), (1, 1, 0, 2, 2, 1)),
    ((2, 3, 3, 4), (3, -1, 1, 1, 0, 0)),
]


@pytest.mark.parametrize("dtype", ("float32", "float64"))
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape, padding", PADDINGS)
def test_pad_values_and_gradients(mode, dtype, shape, padding):
    def body(t):
        x = _t(t, shape, 1, dtype, requires_grad=True)
        return _with_grads(t, _F(t).pad(x, padding, mode), [x])

    same(body)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ("int64", "float16", "bool"))
def test_pad_other_dtypes(mode, dtype):
    same(lambda t: _F(t).pad(t.arange(24).reshape(2, 3, 4).to(getattr(t, dtype)), (2, 1), mode))


@pytest.mark.parametrize("mode", MODES)
def test_pad_empty_batch(mode):
    same(lambda t: _F(t).pad(t.ones(0, 3, 4, requires_grad=True), (1, 2), mode))


@pytest.mark.parametrize("mode", MODES)
def test_pad_value_zero_is_accepted(mode):
    same(lambda t: _F(t).pad(_t(t, (2, 3, 4)), [1, 2], mode, 0.0))


def test_reflection_gradient_counts_every_copy():
    def body(t):
        x = t.arange(4.0, requires_grad=True)
        y = _F(t).pad(x.reshape(1, 4), (3, 3), "reflect")
        y.sum().backward()
        return y, x.grad

    same(body)


@pytest.mark.parametrize(
    "build",
    [
        lambda nn: nn.ReflectionPad1d(2),
        lambda nn: nn.ReflectionPad2d((1, 0, 2, 1)),
        lambda nn: nn.ReflectionPad3d(1),
        lambda nn: nn.ReplicationPad1d((0, 3)),
        lambda nn: nn.ReplicationPad2d(1),
        lambda nn: nn.ReplicationPad3d((1, 0, 0, 1, 1, 0)),
        lambda nn: nn.CircularPad1d(1),
        lambda nn: nn.CircularPad2d((1, 2, 0, 1)),
        lambda nn: nn.CircularPad3d(1),
        lambda nn: nn.ZeroPad1d(2),
        lambda nn: nn.ZeroPad2d((1, 1, 2, 0)),
        lambda nn: nn.ZeroPad3d(1),
        lambda nn: nn.ConstantPad1d(2, 3.5),
        lambda nn: nn.ConstantPad2d((1, 0, 1, 2), -1),
        lambda nn: nn.ConstantPad3d(1, 0.5),
    ],
)
def test_padding_modules(build):
    def body(t):
        m = build(t.nn)
        dims = len(m.padding) // 2
        x = _t(t, (2, 3) + (3,) * dims, 1, requires_grad=True)
        return repr(m), m.padding, _with_grads(t, m(x), [x])

    same(body)


def test_conv_with_reflect_padding_mode():
    def body(t):
        t.manual_seed(0)
        conv = t.nn.Conv2d(2, 3, 3, padding=1, padding_mode="reflect")
        x = _t(t, (1, 2, 4, 4), 1, "float32", requires_grad=True)
        return repr(conv), _with_grads(t, conv(x), [x, conv.weight])

    same(body)


ERRORS = {
    "reflect_padding_too_large": lambda t: _F(t).pad(t.ones(2, 3, 4), (4, 0), "reflect"),
    "reflect_right_padding_too_large": lambda t: _F(t).pad(t.ones(2, 3, 4), (0, 4), "reflect"),
    "reflect_2d_height_too_large": lambda t: _F(t).pad(t.ones(1, 2, 3, 4), (1, 1, 3, 0), "reflect"),
    "reflect_3d_depth_too_large": lambda t: _F(t).pad(t.ones(1, 2, 3, 3, 4), (1, 1, 1, 1, 3, 0), "reflect"),
    "reflect_output_empty": lambda t: _F(t).pad(t.ones(2, 3, 4), (-2, -2), "reflect"),
    "replicate_output_negative": lambda t: _F(t).pad(t.ones(2, 3, 4), (-3, -2), "replicate"),
    "replicate_2d_output_empty": lambda t: _F(t).pad(t.ones(1, 2, 3, 4), (-2, -2, -2, -1), "replicate"),
    "reflect_2d_output_empty": lambda t: _F(t).pad(t.ones(1, 2, 3, 4), (-2, -2, -2, -1), "reflect"),
    "replicate_3d_output_empty": lambda t: _F(t).pad(
        t.ones(1, 2, 3, 3, 4), (-4, 0, -3, 0, -3, 0), "replicate"
    ),
    "circular_wraps_twice": lambda t: _F(t).pad(t.ones(2, 3, 4), (5, 0), "circular"),
    "circular_negative_empty": lambda t: _F(t).pad(t.ones(2, 3), (-4, 0), "circular"),
    "circular_empty_dimension": lambda t: _F(t).pad(t.ones(2, 3, 0), (1, 2), "circular"),
    "reflect_empty_dimension": lambda t: _F(t).pad(t.ones(2, 3, 0), (1, 2), "reflect"),
    "replicate_empty_channels": lambda t: _F(t).pad(t.ones(2, 0, 4, 4), (1, 2, 1, 1), "replicate"),
    "reflect_value": lambda t: _F(t).pad(t.ones(2, 3, 4), (1, 2), "reflect", 1.0),
    "reflect_bool": lambda t: _F(t).pad(t.ones(2, 3, 4, dtype=t.bool), (1, 2), "reflect"),
    "replicate_padding_size_for_rank": lambda t: _F(t).pad(t.ones(1, 2, 3, 4), (1, 2), "replicate"),
    "circular_1d_input": lambda t: _F(t).pad(t.ones(4), (1, 2), "circular"),
    "unknown_mode": lambda t: _F(t).pad(t.ones(2, 3, 4), (1, 2), "mirror"),
    "mode_type": lambda t: _F(t).pad(t.ones(2, 3, 4), (1, 2), None),
    "value_type": lambda t: _F(t).pad(t.ones(2, 3, 4), (1, 2), value="a"),
    "odd_padding": lambda t: _F(t).pad(t.ones(2, 3, 4), (1, 2, 3), "reflect"),
    "padding_too_long": lambda t: _F(t).pad(t.ones(2, 3, 4), (1,) * 8, "reflect"),
    "padding_int": lambda t: _F(t).pad(t.ones(2, 3, 4), 1),
    "padding_float": lambda t: _F(t).pad(t.ones(2, 3, 4), (1.5, 2), "reflect"),
    "input_not_a_tensor": lambda t: _F(t).pad([1.0], (1, 1)),
    "circular_module_rank": lambda t: t.nn.CircularPad2d(1)(t.ones(2, 3)),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors(name):
    same_error(ERRORS[name])
