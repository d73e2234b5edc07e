"""GroupNorm and InstanceNorm (functional and modules) against torch: values and gradients in float32 and
float64, running statistics, reprs, state dicts, warnings and the errors of bad arguments.

Their rows' gradients, forward derivatives, saved sets and second order are in test_derivatives.py
(derivative_cases/normalization.py)."""

import numpy as np
import pytest
from _compare import same, same_error

DTYPES = ("float32", "float64")


def _t(t, shape, seed=0, dtype="float64", requires_grad=False):
    values = np.random.default_rng(seed).standard_normal(shape).tolist()
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=requires_grad)


def _with_grads(t, out, inputs, seed=7):
    """out, and the gradients of out with respect to the inputs for a random upstream."""
    upstream = _t(t, tuple(out.shape), seed, str(out.dtype).split(".")[1])
    return out, t.autograd.grad(out, inputs, upstream, allow_unused=True)


def _F(t):
    return t.nn.functional


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "shape, groups, affine",
    [((2, 6, 3), 3, True), ((3, 4, 2, 2), 1, True), ((2, 4), 2, False), ((1, 4, 5), 4, True)],
)
def test_group_norm(dtype, shape, groups, affine):
    def body(t):
        x = _t(t, shape, 1, dtype, requires_grad=True)
        c = shape[1]
        w = _t(t, (c,), 2, dtype, requires_grad=True) if affine else None
        b = _t(t, (c,), 3, dtype, requires_grad=True) if affine else None
        out = _F(t).group_norm(x, groups, w, b, eps=1e-3)
        return _with_grads(t, out, [v for v in (x, w, b) if v is not None])

    same(body)


def test_native_group_norm_outputs_and_saved_values():
    def body(t):
        x = _t(t, (2, 4, 3), 1, requires_grad=True)
        w = _t(t, (4,), 2, requires_grad=True)
        out, mean, rstd = t.native_group_norm(x, w, None, 2, 4, 3, 2, 1e-5)
        node = out.grad_fn
        saved = (node._saved_N, node._saved_C, node._saved_HxW, node._saved_group, node._saved_eps)
        return out, mean, rstd, node._saved_result1, node._saved_weight, saved, mean.grad_fn is node

    same(body)


def test_group_norm_mixed_precision_statistics():
    def body(t):
        x = _t(t, (2, 4, 3), 1, "float16")
        return t.native_group_norm(x, t.ones(4), None, 2, 4, 3, 2, 1e-5)[1].dtype

    same(body)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("stats", [False, True])
@pytest.mark.parametrize("shape", [(2, 3, 4), (2, 3, 2, 3), (1, 2, 2, 2, 2)])
def test_instance_norm(dtype, stats, shape):
    def body(t):
        x = _t(t, shape, 1, dtype, requires_grad=True)
        c = shape[1]
        w = _t(t, (c,), 2, dtype, requires_grad=True)
        b = _t(t, (c,), 3, dtype, requires_grad=True)
        mean = _t(t, (c,), 4, dtype) if stats else None
        var = _t(t, (c,), 5, dtype).abs() if stats else None
        out = _F(t).instance_norm(x, mean, var, w, b, momentum=0.3)
        return _with_grads(t, out, [x, w, b]), mean, var, None if mean is None else mean._version

    same(body)


def test_instance_norm_with_running_statistics():
    def body(t):
        x = _t(t, (2, 3, 4), 1, requires_grad=True)
        mean, var = _t(t, (3,), 4), _t(t, (3,), 5).abs()
        return _with_grads(t, _F(t).instance_norm(x, mean, var, use_input_stats=False), [x]), mean, var

    same(body)


@pytest.mark.parametrize(
    "build",
    [
        lambda nn: nn.GroupNorm(3, 6),
        lambda nn: nn.GroupNorm(2, 4, eps=1e-3, affine=False),
        lambda nn: nn.GroupNorm(1, 4, bias=False),
        lambda nn: nn.InstanceNorm1d(6),
        lambda nn: nn.InstanceNorm2d(3, affine=True),
        lambda nn: nn.InstanceNorm2d(3, affine=True, bias=False),
        lambda nn: nn.InstanceNorm3d(4, track_running_stats=True, momentum=None),
    ],
)
def test_module_repr_parameters_and_state(build):
    def body(t):
        m = build(t.nn)
        return repr(m), {k: v for k, v in m.state_dict().items()}, [p for p in m.parameters()]

    same(body)


@pytest.mark.parametrize("momentum", [0.1, None])
def test_instance_norm_module_tracks_statistics_and_evaluates_with_them(momentum):
    def body(t):
        m = t.nn.InstanceNorm1d(3, affine=True, track_running_stats=True, momentum=momentum)
        outs = [m(_t(t, (2, 3, 4), seed)) for seed in range(3)]
        state = dict(m.state_dict())
        m.eval()
        x = _t(t, (2, 3, 4), 9, requires_grad=True)
        return outs, state, _with_grads(t, m(x), [x] + list(m.parameters()))

    same(body)


def test_instance_norm_module_unbatched_input():
    def body(t):
        m = t.nn.InstanceNorm2d(2, affine=True)
        x = _t(t, (2, 3, 3), 1, requires_grad=True)
        return _with_grads(t, m(x), [x])

    same(body)


def test_instance_norm_module_warns_on_channel_mismatch_without_affine():
    same(lambda t: t.nn.InstanceNorm2d(6)(_t(t, (2, 5, 3, 3))))


def test_group_norm_module_trains():
    def body(t):
        t.manual_seed(0)
        model = t.nn.Sequential(t.nn.Conv1d(2, 4, 3), t.nn.GroupNorm(2, 4), t.nn.ReLU())
        optimizer = t.optim.SGD(model.parameters(), lr=0.1)
        x = _t(t, (3, 2, 6), 1, "float32")
        losses = []
        for _ in range(5):
            optimizer.zero_grad()
            loss = model(x).pow(2).mean()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        return losses, dict(model.state_dict())

    same(body)


def test_instance_norm_state_dict_from_before_version_1():
    def body(t):
        m = t.nn.InstanceNorm1d(3)
        state = {"running_mean": t.zeros(3), "running_var": t.ones(3)}
        return m.load_state_dict(state, strict=False)

    same_error(body)


ERRORS = {
    "group_norm_groups_divide_channels": lambda t: _F(t).group_norm(t.ones(2, 6, 3), 4),
    "group_norm_weight_size": lambda t: _F(t).group_norm(t.ones(2, 6, 3), 3, t.ones(5)),
    "group_norm_weight_rank": lambda t: _F(t).group_norm(t.ones(2, 6, 3), 3, t.ones(6, 1)),
    "group_norm_bias_size_shows_weight_shape": lambda t: _F(t).group_norm(
        t.ones(2, 6, 3), 3, None, t.ones(5)
    ),
    "group_norm_bias_size": lambda t: _F(t).group_norm(t.ones(2, 6, 3), 3, t.ones(6), t.ones(5)),
    "group_norm_rank": lambda t: _F(t).group_norm(t.ones(6), 3),
    "group_norm_one_value_per_group": lambda t: _F(t).group_norm(t.ones(1, 3), 3),
    "group_norm_zero_groups": lambda t: _F(t).group_norm(t.ones(2, 6, 3), 0),
    "group_norm_negative_groups": lambda t: _F(t).group_norm(t.ones(2, 6, 3), -3),
    "group_norm_mixed_dtypes": lambda t: _F(t).group_norm(t.ones(2, 6, dtype=t.float64), 3, t.ones(6)),
    "group_norm_integer_input": lambda t: _F(t).group_norm(t.ones(2, 6, dtype=t.int32), 3),
    "group_norm_module_groups": lambda t: t.nn.GroupNorm(4, 6),
    "instance_norm_one_spatial_element": lambda t: _F(t).instance_norm(t.ones(2, 6, 1)),
    "instance_norm_unbatched_functional": lambda t: _F(t).instance_norm(t.ones(6, 3)),
    "instance_norm_no_running_statistics": lambda t: _F(t).instance_norm(
        t.ones(2, 6, 3), use_input_stats=False
    ),
    "instance_norm_running_size": lambda t: _F(t).instance_norm(t.ones(2, 6, 3), t.zeros(5), t.ones(5)),
    "instance_norm_weight_size": lambda t: _F(t).instance_norm(t.ones(2, 6, 3), weight=t.ones(5)),
    "instance_norm_module_rank": lambda t: t.nn.InstanceNorm1d(6)(t.ones(2, 6, 3, 3)),
    "instance_norm_module_channels_with_affine": lambda t: t.nn.InstanceNorm2d(6, affine=True)(
        t.ones(2, 5, 3, 3)
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors(name):
    same_error(ERRORS[name])


def test_group_norm_empty_batch():
    same(lambda t: _F(t).group_norm(t.ones(0, 6, 3, requires_grad=True), 3))
