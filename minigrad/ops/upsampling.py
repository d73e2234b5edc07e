"""Upsampling: ATen's upsample kernels (nearest, nearest-exact, and linear in 1, 2 or 3 dimensions, bicubic
in 2), which torch.nn.functional.interpolate picks from the mode and the input's rank.

Each output position of a resized dimension reads one input position (nearest) or blends two neighbours
(linear) or four (cubic), so each dimension is a gather with weights, applied from the last dimension
backwards as ATen's CPU kernels nest them; the gradient scatters back over the same positions. Source
positions are computed as ATen computes them, in the same precision (float for the nearest modes and for
float inputs, double for double ones), so that the rounding at the borders between two sources is torch's.
"""

import math

import numpy as np

from .._core.arguments import invalid_arguments
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import upsampling as rows

__all__ = ["upsample", "upsample_backward", "upsample_vec"]


def _shape_str(shape):
    return "[" + ", ".join(str(n) for n in shape) + "]"


# ---- source positions -----------------------------------------------------------------------------------
def _scale_value(scale, in_size, out_size, dtype):
    """ATen's compute_scales_value: 1 / the given scale, or the sizes' ratio, in `dtype`."""
    if scale is not None and scale > 0:
        return dtype(1.0 / scale)
    return dtype(in_size) / dtype(out_size)


def _nearest(in_size, out_size, scale, exact, shortcuts):
    """(index, None): the input position each output position copies. With `shortcuts` (ATen's nearest_idx),
    an unchanged size copies and a doubled one repeats, whatever the scale: the CPU kernels of the nearest
    mode's gradients use it, and upsample_nearest2d's forward, but not the 1-d and 3-d forwards, so that for a
    scale such as 1.3 that leaves a size unchanged, torch's gradient of those is not their derivative."""
    if shortcuts and out_size == in_size:
        return np.arange(out_size), None
    if shortcuts and out_size == 2 * in_size:
        return np.arange(out_size) >> 1, None
    s = _scale_value(scale, in_size, out_size, np.float32)
    with silent():
        if exact:  # floorf((i + 0.5) * scale): the product in double, rounded to float
            source = np.floor(((np.arange(out_size) + 0.5) * np.float64(s)).astype(np.float32))
        else:  # floorf(i * scale), in float
            source = np.floor(np.arange(out_size, dtype=np.float32) * s)
    return np.minimum(source.astype(np.int64), in_size - 1), None


def _linear(in_size, out_size, scale, align_corners, dtype):
    """(indices, weights), each a pair: the two input positions each output position blends."""
    positions = np.arange(out_size)
    if in_size == out_size:  # ATen copies
        return (positions, positions), (np.ones(out_size, dtype), np.zeros(out_size, dtype))
    if align_corners:
        ratio = dtype(in_size - 1) / dtype(out_size - 1) if out_size > 1 else dtype(0)
        source = ratio * positions.astype(dtype)
    else:
        ratio = _scale_value(scale, in_size, out_size, dtype)
        source = ratio * (positions.astype(dtype) + dtype(0.5)) - dtype(0.5)
        source = np.where(source < 0, dtype(0), source).astype(dtype)
    index0 = np.minimum(np.floor(source).astype(np.int64), in_size - 1)
    lambda1 = np.clip(source - index0.astype(dtype), 0, 1).astype(dtype)
    index1 = index0 + (index0 < in_size - 1)
    return (index0, index1), (dtype(1) - lambda1, lambda1)


def _cubic_convolution(x, a, near):
    """The cubic convolution kernel (Keys) at distance x, for taps within 1 (`near`) or between 1 and 2."""
    if near:
        return ((a + 2) * x - (a + 3)) * x * x + 1
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a


def _cubic(in_size, out_size, scale, align_corners, dtype):
    """(indices, weights), four each: the neighbours each output position blends (clamped to the input at
    its borders) and their weights, with ATen's A = -0.75."""
    positions = np.arange(out_size)
    if align_corners:
        ratio = dtype(in_size - 1) / dtype(out_size - 1) if out_size > 1 else dtype(0)
        source = ratio * positions.astype(dtype)
    else:  # (not clamped at 0, unlike linear)
        ratio = _scale_value(scale, in_size, out_size, dtype)
        source = ratio * (positions.astype(dtype) + dtype(0.5)) - dtype(0.5)
    index = np.minimum(np.floor(source).astype(np.int64), in_size - 1)
    t = np.clip(source - index.astype(dtype), 0, 1).astype(dtype)
    a = dtype(-0.75)
    one = dtype(1)
    weights = (
        _cubic_convolution(t + one, a, False),
        _cubic_convolution(t, a, True),
        _cubic_convolution(one - t, a, True),
        _cubic_convolution(one - t + one, a, False),
    )
    indices = tuple(np.clip(index - 1 + j, 0, in_size - 1) for j in range(4))
    return indices, tuple(w.astype(dtype) for w in weights)


def _sources(op, in_sizes, out_sizes, align_corners, scales, dtype, backward=False):
    """Per resized dimension, (indices, weights) (weights None for the nearest modes), for the forward
    kernel of `op` or its gradient's."""
    if op.startswith("upsample_nearest") or op.startswith("_upsample_nearest_exact"):
        exact = op.startswith("_upsample_nearest_exact")
        shortcuts = not exact and (backward or op == "upsample_nearest2d")
        return [_nearest(i, o, s, exact, shortcuts) for i, o, s in zip(in_sizes, out_sizes, scales)]
    interpolation = _cubic if op == "upsample_bicubic2d" else _linear
    return [interpolation(i, o, s, align_corners, dtype) for i, o, s in zip(in_sizes, out_sizes, scales)]


# ---- uint8 bilinear / bicubic: ATen's separable kernel in fixed point -------------------------------------
def _filter(x, cubic):
    x = abs(x)
    if not cubic:
        return 1.0 - x if x < 1.0 else 0.0
    a = (
        -0.75
    )  # (as the float kernels: ATen's uint8 path uses the antialiasing filters' -0.5 only with antialias)
    if x < 1.0:
        return ((a + 2) * x - (a + 3)) * x * x + 1
    if x < 2.0:
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return 0.0


def _int16_weights(in_size, out_size, align_corners, scale, cubic):
    """(first input position, taps, int16 weights (out, taps), precision) for one resized dimension: the
    float weights in double, the taps that fall outside the input folded onto the border ones, then scaled
    to int16 with as many fraction bits as the largest weight allows."""
    if align_corners:
        ratio = (in_size - 1) / (out_size - 1) if out_size > 1 else 0.0
    else:
        ratio = 1.0 / scale if scale is not None and scale > 0 else in_size / out_size
    interp = 4 if cubic else 2
    support = interp // 2
    starts = np.zeros(out_size, np.int64)
    sizes = np.zeros(out_size, np.int64)
    weights = np.zeros((out_size, interp))
    for i in range(out_size):
        source = ratio * i if align_corners else ratio * (i + 0.5) - 0.5
        if not cubic and not align_corners and source < 0:
            source = 0.0
        index = min(math.floor(source), in_size - 1)
        lam = min(max(source - index, 0.0), 1.0)
        low = index - support + 1
        starts[i] = max(low, 0)
        sizes[i] = min(max(min(index + support + 1, in_size) - starts[i], 0), interp)
        slot = 0
        for j in range(interp):
            if low + j <= 0:
                slot = 0
            elif low + j >= in_size - 1:
                slot = sizes[i] - 1
            weights[i, slot] += _filter((j + 1 - support) - lam, cubic)
            slot += 1
    largest = weights.max() if weights.size else 0.0
    precision = 0
    while precision < 22 and int(0.5 + largest * (1 << (precision + 1))) < (1 << 15):
        precision += 1
    scaled = weights * (1 << precision)
    fixed = np.where(scaled < 0, np.trunc(scaled - 0.5), np.trunc(scaled + 0.5)).astype(np.int64)
    return starts, sizes, fixed, precision


def _uint8_pass(data, axis, in_size, out_size, align_corners, scale, cubic):
    starts, sizes, weights, precision = _int16_weights(in_size, out_size, align_corners, scale, cubic)
    moved = np.moveaxis(data, axis, -1).astype(np.int64)
    total = np.full(moved.shape[:-1] + (out_size,), 1 << (precision - 1), np.int64)
    for j in range(weights.shape[1]):
        positions = np.minimum(starts + j, in_size - 1)
        used = np.where(j < sizes, weights[:, j], 0)
        total += moved[..., positions] * used
    return np.moveaxis(np.clip(total >> precision, 0, 255).astype(np.uint8), -1, axis)


def _uint8_separable(data, output_size, align_corners, scales, cubic):
    """The last dimension first, then the others backwards, each only if its size changes, through uint8
    intermediates (ATen's separable_upsample_generic_Nd_kernel_impl). (For more than 4 channels and an
    output 1 wide, torch's kernel repeats the first row instead: minigrad computes the interpolation.)"""
    out = data
    for d in reversed(range(len(output_size))):
        axis = 2 + d
        if out.shape[axis] != output_size[d]:
            out = _uint8_pass(out, axis, out.shape[axis], output_size[d], align_corners, scales[d], cubic)
    return np.ascontiguousarray(out)


def _opmath(dtype):
    """The precision ATen computes a floating dtype in."""
    return np.float64 if dtype == np.float64 else np.float32


# ---- the kernels ----------------------------------------------------------------------------------------
def _check(op, input_shape, output_size):
    """ATen's upsample_{1,2,3}d_common_check and the meta functions' emptiness check."""
    dims = len(output_size)
    if len(input_shape) != dims + 2:
        raise RuntimeError(f"It is expected input_size equals to {dims + 2}, but got size {len(input_shape)}")
    spatial = input_shape[2:]
    if any(n <= 0 for n in spatial) or any(n <= 0 for n in output_size):
        names = ("W",) if dims == 1 else ("H", "W") if dims == 2 else ("D", "H", "W")
        given = ", ".join(f"{n}: {v}" for n, v in zip(names, spatial))
        wanted = ", ".join(f"{n}: {v}" for n, v in zip(names, output_size))
        joint = " and output" if dims == 1 else " output"
        raise RuntimeError(
            f"Input and output sizes should be greater than 0, but got input ({given}){joint} ({wanted})"
        )
    if 0 in input_shape[1:]:
        raise RuntimeError(
            f"Non-empty {dims + 2}D data tensor expected but got a tensor with sizes "
            f"{_shape_str(input_shape)}"
        )


def _check_dtype(op, input):
    """The dtypes ATen's CPU kernels take: floating ones, and uint8 for nearest, bilinear and bicubic."""
    data = input._data
    if data.dtype.kind == "f":
        return
    dims = int(op[-2])
    linear = not op.startswith(("upsample_nearest", "_upsample_nearest_exact"))
    if data.dtype == np.uint8 and not linear:
        return
    if data.dtype == np.uint8 and op in ("upsample_bilinear2d", "upsample_bicubic2d"):
        return
    if op == "upsample_bicubic2d":
        kernel = "compute_indices_weights_cubic"
    elif dims == 2:
        kernel = "upsample_bilinear2d_channels_last" if linear else "upsample_nearest2d_channels_last"
    else:
        kernel = "compute_indices_weights_linear" if linear else "compute_indices_weights_nearest"
    raise NotImplementedError(f"\"{kernel}\" not implemented for '{SCALAR_TYPE_NAMES[input.dtype]}'")


def upsample(op, input, output_size, align_corners, scales):
    """The kernel `op` (an upsample op's name) on input, recorded with its row."""
    output_size = tuple(output_size)
    data = input._data
    _check(op, data.shape, output_size)
    _check_dtype(op, input)
    extra = () if align_corners is None else (align_corners,)
    if data.dtype == np.uint8 and op in ("upsample_bilinear2d", "upsample_bicubic2d"):
        out = _uint8_separable(data, output_size, align_corners, scales, op == "upsample_bicubic2d")
        return rows.ROWS[op].record(out, input, output_size, *extra, *scales)
    opmath = _opmath(data.dtype) if data.dtype.kind == "f" else None
    out = data if opmath is None else data.astype(opmath)
    dims = len(output_size)
    sources = _sources(op, data.shape[2:], output_size, align_corners, scales, opmath or np.float32)
    for d in reversed(range(dims)):
        axis = 2 + d
        indices, weights = sources[d]
        if weights is None:
            out = np.take(out, indices, axis=axis)
        else:
            shape = (-1,) + (1,) * (out.ndim - axis - 1)
            taps = [
                np.take(out, index, axis=axis) * weight.reshape(shape)
                for index, weight in zip(indices, weights)
            ]
            out = taps[0]
            for tap in taps[1:]:
                out = out + tap
    out = out.astype(data.dtype, copy=False)
    return rows.ROWS[op].record(out, input, output_size, *extra, *scales)


def upsample_backward(op, grad_output, output_size, input_size, align_corners, scales):
    """The transpose of `op`: grad_output scattered back onto input_size."""
    output_size, input_size = tuple(output_size), tuple(input_size)
    data = grad_output._data
    opmath = _opmath(data.dtype)
    grad = data.astype(opmath)
    dims = len(output_size)
    sources = _sources(op, input_size[2:], output_size, align_corners, scales, opmath, backward=True)
    for d in range(dims):
        axis = 2 + d
        indices, weights = sources[d]
        moved = np.moveaxis(grad, axis, -1)
        scattered = np.zeros(moved.shape[:-1] + (input_size[axis],), opmath)
        flat_in = scattered.reshape(-1, input_size[axis])
        flat_grad = moved.reshape(-1, moved.shape[-1])
        if weights is None:
            np.add.at(flat_in, (slice(None), indices), flat_grad)
        else:
            for index, weight in zip(indices, weights):
                np.add.at(flat_in, (slice(None), index), flat_grad * weight)
        grad = np.moveaxis(flat_in.reshape(scattered.shape), -1, axis)
    grad = np.ascontiguousarray(grad).astype(data.dtype, copy=False)
    extra = () if align_corners is None else (align_corners,)
    return rows.ROWS[f"{op}_backward"].record(grad, grad_output, output_size, input_size, *extra, *scales)


def _check_vec_arguments(op, dims, input, output_size, scale_factors):
    """The Python binding's parsing: a list of ints or None, and a list of floats or None."""

    def valid(value, kind):
        return value is None or (isinstance(value, list | tuple) and all(isinstance(v, kind) for v in value))

    if valid(output_size, int | np.integer) and valid(scale_factors, int | float | np.integer | np.floating):
        return
    scales = ", ".join(f"float {s} = None" for s in rows._SCALES[dims])
    align = (
        "bool align_corners, " if not op.startswith(("upsample_nearest", "_upsample_nearest_exact")) else ""
    )
    raise invalid_arguments(
        op,
        (input, output_size, *([None] if align else []), scale_factors),
        {},
        [
            f"(Tensor input, tuple of ints output_size, {align}tuple of floats scale_factors)",
            f"(Tensor input, tuple of ints output_size, {align}{scales}, *, Tensor out = None)",
        ],
    )


def upsample_vec(op, input, output_size, scale_factors, align_corners=None):
    """The `.vec` overload F.interpolate calls: an output size, or one scale factor per dimension (the size
    then truncates size * factor, and the kernel keeps the factor)."""
    dims = input._data.ndim - 2
    _check_vec_arguments(op, dims, input, output_size, scale_factors)
    if output_size is not None:
        sizes, scales = tuple(output_size), (None,) * dims
    else:
        shape = input._data.shape
        sizes = tuple(int(shape[2 + i] * float(f)) for i, f in enumerate(scale_factors))
        scales = tuple(float(f) for f in scale_factors)
    return upsample(op, input, sizes, align_corners, scales)


at.register(upsample=upsample, upsample_backward=upsample_backward)
