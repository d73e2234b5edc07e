"""F.interpolate and the Upsample layers against torch: values and gradients in float32 and float64 (the
source positions are rounded as ATen rounds them, so float32 scales that land near a boundary between two
sources pick torch's), other dtypes, reprs, deprecation warnings, and the errors of bad arguments.

The rows' gradients, forward derivatives, saved values and second order are in test_derivatives.py
(derivative_cases/upsampling.py)."""

import numpy as np
import pytest
from _compare import same, same_error


def _t(t, shape, seed=0, dtype="float64", requires_grad=False):
    values = np.random.default_rng(seed).standard_normal(shape).tolist()
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=requires_grad)


def _with_grads(t, out, inputs, seed=7):
    upstream = _t(t, tuple(out.shape), seed, str(out.dtype).split(".")[1])
    return out, t.autograd.grad(out, inputs, upstream)


def _F(t):
    return t.nn.functional


RANK = {"nearest": None, "nearest-exact": None, "linear": 3, "bilinear": 4, "trilinear": 5, "bicubic": 4}
SHAPES = {3: (2, 2, 5), 4: (1, 2, 3, 5), 5: (1, 2, 2, 3, 4)}
RESIZES = [
    {"scale_factor": 2},
    {"scale_factor": 1.7},
    {"scale_factor": 0.6},
    {"scale_factor": 3.3},
    {"scale_factor": 1.3},  # some sizes come out unchanged: some of ATen's nearest kernels then copy
    {"scale_factor": 2.01},  # doubled sizes: some of ATen's nearest kernels then repeat each position
    {"size": 7},
    {"size": 2},
    {"scale_factor": 2.2, "recompute_scale_factor": True},
]


def _cases():
    for mode, rank in RANK.items():
        for ndim in (3, 4, 5) if rank is None else (rank,):
            for options in RESIZES:
                yield mode, ndim, options
            if rank is not None:
                yield mode, ndim, {"scale_factor": 1.7, "align_corners": True}
                yield mode, ndim, {"size": 1, "align_corners": True}
                yield mode, ndim, {"size": 6, "align_corners": True}


def test_nearest_gradient_is_torchs_where_it_is_not_the_derivative():
    """For a size the scale leaves unchanged, the 1-d forward reads floor(i / scale) but its gradient kernel
    copies: torch's gradient, not the derivative of its forward."""

    def body(t):
        x = _t(t, (1, 1, 3), 1, requires_grad=True)
        return _with_grads(t, _F(t).interpolate(x, scale_factor=1.3), [x])

    same(body)


@pytest.mark.parametrize("dtype", ("float32", "float64"))
@pytest.mark.parametrize("mode, ndim, options", list(_cases()))
def test_interpolate_values_and_gradients(mode, ndim, options, dtype):
    def body(t):
        x = _t(t, SHAPES[ndim], 1, dtype, requires_grad=True)
        return _with_grads(t, _F(t).interpolate(x, mode=mode, **options), [x])

    same(body)


@pytest.mark.parametrize(
    "options",
    [
        {"size": (3, 8)},
        {"scale_factor": (1.5, 2.0)},
        {"size": [4, 2], "mode": "bilinear", "align_corners": True},
        {"scale_factor": (0.5, 3), "mode": "bilinear"},
        {"size": 5, "mode": "area"},
        {"scale_factor": 0.5, "mode": "area"},
        {"size": np.int64(4)},
    ],
)
def test_interpolate_argument_spellings(options):
    def body(t):
        x = _t(t, (1, 2, 4, 4), 1, requires_grad=True)
        return _with_grads(t, _F(t).interpolate(x, **options), [x])

    same(body)


@pytest.mark.parametrize("mode", ("nearest", "nearest-exact"))
@pytest.mark.parametrize("ndim", (3, 4, 5))
def test_nearest_keeps_uint8(mode, ndim):
    def body(t):
        x = t.arange(int(np.prod(SHAPES[ndim]))).reshape(SHAPES[ndim]).to(t.uint8)
        return _F(t).interpolate(x, scale_factor=1.5, mode=mode)

    same(body)


@pytest.mark.parametrize("mode", ("bilinear", "bicubic"))
@pytest.mark.parametrize("channels", (3, 5))  # torch's vectorized uint8 kernel takes up to 4 channels
@pytest.mark.parametrize(
    "options",
    [
        {"scale_factor": 2},
        {"scale_factor": 0.7},
        {"size": (5, 3), "align_corners": True},
        {"size": (2, 7)},
        {"scale_factor": 1.3},  # the unchanged height is not resampled
    ],
)
def test_uint8_bilinear_and_bicubic_round_in_fixed_point(mode, channels, options):
    def body(t):
        values = np.random.default_rng(3).integers(0, 256, (2, channels, 4, 5))
        x = t.tensor(values.tolist(), dtype=t.uint8)
        return _F(t).interpolate(x, mode=mode, **options)

    same(body)


@pytest.mark.parametrize("mode", ("nearest", "linear"))
def test_interpolate_half_and_empty_batch(mode):
    def body(t):
        x = _t(t, (2, 3, 4), 1, "float16")
        return _F(t).interpolate(x, scale_factor=2, mode=mode), _F(t).interpolate(
            t.ones(0, 2, 3), size=5, mode=mode
        )

    same(body)


@pytest.mark.parametrize("name", ["upsample", "upsample_nearest", "upsample_bilinear"])
def test_deprecated_spellings_warn(name):
    same(lambda t: getattr(_F(t), name)(_t(t, (1, 1, 2, 3)), scale_factor=2))


@pytest.mark.parametrize(
    "build",
    [
        lambda nn: nn.Upsample(scale_factor=2),
        lambda nn: nn.Upsample(size=(3, 5), mode="bilinear"),
        lambda nn: nn.Upsample(scale_factor=(1.5, 2), mode="bilinear", align_corners=True),
        lambda nn: nn.Upsample(size=5, mode="nearest-exact"),
        lambda nn: nn.UpsamplingNearest2d(scale_factor=2),
        lambda nn: nn.UpsamplingBilinear2d(size=(4, 6)),
    ],
)
def test_upsample_modules(build):
    def body(t):
        m = build(t.nn)
        x = _t(t, (1, 2, 3, 4), 1, "float32", requires_grad=True)
        return repr(m), m.scale_factor, _with_grads(t, m(x), [x])

    same(body)


def test_upsample_in_a_decoder_trains():
    def body(t):
        t.manual_seed(0)
        model = t.nn.Sequential(
            t.nn.Conv2d(1, 2, 3, padding=1), t.nn.Upsample(scale_factor=2, mode="bilinear")
        )
        optimizer = t.optim.Adam(model.parameters(), lr=0.01)
        x, target = _t(t, (2, 1, 3, 3), 1, "float32"), _t(t, (2, 2, 6, 6), 2, "float32")
        losses = []
        for _ in range(5):
            optimizer.zero_grad()
            loss = _F(t).mse_loss(model(x), target)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        return losses

    same(body)


ERRORS = {
    "align_corners_with_nearest": lambda t: _F(t).interpolate(
        t.ones(1, 1, 3), scale_factor=2, align_corners=True
    ),
    "size_and_scale": lambda t: _F(t).interpolate(t.ones(1, 1, 3), size=4, scale_factor=2),
    "neither_size_nor_scale": lambda t: _F(t).interpolate(t.ones(1, 1, 3)),
    "size_length": lambda t: _F(t).interpolate(t.ones(1, 1, 3), size=(4, 4)),
    "scale_length": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), scale_factor=(2, 2, 2)),
    "float_size": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), size=(4.0, 4.0)),
    "recompute_with_size": lambda t: _F(t).interpolate(t.ones(1, 1, 3), size=4, recompute_scale_factor=True),
    "zero_output": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 4), scale_factor=0.3),
    "negative_scale": lambda t: _F(t).interpolate(t.ones(1, 1, 5), scale_factor=-1.0, mode="linear"),
    "zero_size_3d": lambda t: _F(t).interpolate(t.ones(1, 1, 2, 3, 4), size=0, mode="trilinear"),
    "empty_channels": lambda t: _F(t).interpolate(t.ones(1, 0, 3, 4), scale_factor=2, mode="bilinear"),
    "bilinear_on_3d": lambda t: _F(t).interpolate(t.ones(1, 1, 3), scale_factor=2, mode="bilinear"),
    "linear_on_4d": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), scale_factor=2, mode="linear"),
    "trilinear_on_4d": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), scale_factor=2, mode="trilinear"),
    "two_dimensional_input": lambda t: _F(t).interpolate(t.ones(2, 3), scale_factor=2),
    "unknown_mode": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), scale_factor=2, mode="cubic"),
    "antialias_with_nearest": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), scale_factor=2, antialias=True),
    "long_nearest_1d": lambda t: _F(t).interpolate(t.ones(1, 1, 3, dtype=t.int64), scale_factor=2),
    "long_nearest_2d": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3, dtype=t.int64), scale_factor=2),
    "bool_bilinear": lambda t: _F(t).interpolate(
        t.ones(1, 1, 3, 3, dtype=t.bool), scale_factor=2, mode="bilinear"
    ),
    "uint8_trilinear": lambda t: _F(t).interpolate(
        t.ones(1, 1, 2, 2, 3, dtype=t.uint8), scale_factor=2, mode="trilinear"
    ),
    "uint8_linear": lambda t: _F(t).interpolate(
        t.ones(1, 1, 3, dtype=t.uint8), scale_factor=2, mode="linear"
    ),
    "string_scale": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), scale_factor="ab"),
    "string_size": lambda t: _F(t).interpolate(t.ones(1, 1, 3, 3), size="ab"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors(name):
    same_error(ERRORS[name])
