"""Pooling: ATen's max_pool2d_with_indices, avg_pool2d and adaptive_avg_pool2d (with their gradient ops),
and the functional forms torch.nn.functional builds on them (max_pool1d/2d with return_indices,
avg_pool1d/2d, adaptive_avg_pool1d/2d).

Windows are strided views of the padded input (numpy's sliding_window_view), so a pooling is one reduction
over the window axes; gradients add back one kernel offset at a time.
"""

import numpy as np

from .._core.arguments import int_list_arg, tensor_arg
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import pooling as rows
from .reductions import mean
from .views import squeeze, unsqueeze

__all__ = [
    "adaptive_avg_pool1d",
    "adaptive_avg_pool2d",
    "avg_pool1d",
    "avg_pool2d",
    "max_pool1d",
    "max_pool1d_with_indices",
    "max_pool2d",
    "max_pool2d_with_indices",
]


def _shape_str(shape):
    return "[" + ", ".join(str(n) for n in shape) + "]"


def _c_div(a, b):
    """C++'s integer division (toward zero), as torch's checks compute it."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


# ---- shapes and checks (ATen's Pool.h) ---------------------------------------------------------------------
def _pair_params(fn, kernel_size, stride, padding, dilation=None):
    """(kH, kW), (dH, dW), (padH, padW), (dilationH, dilationW) with ATen's messages for wrong lengths."""
    if len(kernel_size) not in (1, 2):
        raise RuntimeError(f"{fn}: kernel_size must either be a single int, or a tuple of two ints")
    kernel = (kernel_size[0], kernel_size[-1])
    if len(stride) not in (0, 1, 2):
        raise RuntimeError(f"{fn}: stride must either be omitted, a single int, or a tuple of two ints")
    steps = kernel if not stride else (stride[0], stride[-1])
    if len(padding) not in (1, 2):
        raise RuntimeError(f"{fn}: padding must either be a single int, or a tuple of two ints")
    pads = (padding[0], padding[-1])
    dilations = (1, 1)
    if dilation is not None:
        if len(dilation) not in (1, 2):
            raise RuntimeError(f"{fn}: dilation must be either a single int, or a tuple of two ints")
        dilations = (dilation[0], dilation[-1])
    return kernel, steps, pads, dilations


def _output_size(size, kernel, pad, stride, dilation, ceil_mode):
    """ATen's pooling_output_shape, with its checks."""
    if stride == 0:
        raise RuntimeError("stride should not be zero")
    if pad < 0:
        raise RuntimeError(f"pad must be non-negative, but got pad: {pad}")
    if pad > _c_div((kernel - 1) * dilation + 1, 2):
        raise RuntimeError(
            f"pad should be at most half of effective kernel size, but got pad={pad}, "
            f"kernel_size={kernel} and "
            f"dilation={dilation}"
        )
    out = (size + 2 * pad - dilation * (kernel - 1) - 1 + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (out - 1) * stride >= size + pad:
        out -= 1  # the last window must start inside the input or its left padding
    return out


def _shape_check(input, kernel, stride, pad, dilation, out):
    """ATen's pool2d_shape_check."""
    (kh, kw), (dh, dw), (ph, pw), (lh, lw) = kernel, stride, pad, dilation
    if kw <= 0 or kh <= 0:
        raise RuntimeError(f"kernel size should be greater than zero, but got kH: {kh} kW: {kw}")
    if dw <= 0 or dh <= 0:
        raise RuntimeError(f"stride should be greater than zero, but got dH: {dh} dW: {dw}")
    if lh <= 0 or lw <= 0:
        raise RuntimeError(f"dilation should be greater than zero, but got dilationH: {lh} dilationW: {lw}")
    shape = input._data.shape
    valid = len(shape) >= 3 and shape[1] != 0 and shape[2] != 0
    if not ((len(shape) == 3 and shape[0] != 0 and valid) or (len(shape) == 4 and valid and shape[3] != 0)):
        raise RuntimeError(
            "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:"
            + _shape_str(shape)
        )
    if kw // 2 < pw or kh // 2 < ph:
        raise RuntimeError(
            f"pad should be smaller than or equal to half of kernel size, but got padW = {pw}, padH = {ph}, "
            f"kW = {kw}, kH = {kh}"
        )
    if out[0] < 1 or out[1] < 1:
        planes, height, width = shape[-3:]
        raise RuntimeError(
            f"Given input size: ({planes}x{height}x{width}). Calculated output size: "
            f"({planes}x{out[0]}x{out[1]})."
            " Output size is too small"
        )


def _geometry(fn, input, kernel_size, stride, padding, dilation, ceil_mode):
    kernel, steps, pads, dilations = _pair_params(fn, kernel_size, stride, padding, dilation)
    if input._data.ndim not in (3, 4):
        if fn == "avg_pool2d":
            input._data.shape[-3:]  # noqa: B018  (torch reads size(-3) first: an IndexError for 2-d input)
            if input._data.ndim < 3:
                raise IndexError(
                    f"Dimension out of range (expected to be in range of [{-input._data.ndim}, "
                    f"{input._data.ndim - 1}], but got -3)"
                )
        else:
            raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    height, width = input._data.shape[-2:]
    out = (
        _output_size(height, kernel[0], pads[0], steps[0], dilations[0], ceil_mode),
        _output_size(width, kernel[1], pads[1], steps[1], dilations[1], ceil_mode),
    )
    _shape_check(input, kernel, steps, pads, dilations, out)
    return kernel, steps, pads, dilations, out


def _padded(data, pads, out, kernel, steps, dilations, fill):
    """data (..., H, W) padded with `fill` on every side as far as the windows reach."""
    widths = [(0, 0)] * (data.ndim - 2)
    for size, p, o, k, s, d in zip(data.shape[-2:], pads, out, kernel, steps, dilations):
        reach = (o - 1) * s + d * (k - 1) + 1  # the padded extent the windows cover
        widths.append((p, max(reach - size - p, 0)))
    return np.pad(data, widths, constant_values=fill)


def _windows(padded, kernel, steps, dilations, out):
    """(..., outH, outW, kH, kW) view of the windows."""
    extent = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilations))
    windows = np.lib.stride_tricks.sliding_window_view(padded, extent, axis=(-2, -1))
    windows = windows[..., :: steps[0], :: steps[1], :: dilations[0], :: dilations[1]]
    return windows[..., : out[0], : out[1], :, :]


def _kernel_offsets(kernel, steps, dilations, out):
    """For each kernel offset: the (rows, columns) slices of the padded input its window elements occupy."""
    for i, j in np.ndindex(*kernel):
        rows_ = slice(i * dilations[0], i * dilations[0] + steps[0] * (out[0] - 1) + 1, steps[0])
        cols = slice(j * dilations[1], j * dilations[1] + steps[1] * (out[1] - 1) + 1, steps[1])
        yield (i, j), rows_, cols


# ---- max_pool2d_with_indices -------------------------------------------------------------------------------
def _lowest(dtype):
    return -np.inf if dtype.kind == "f" else np.iinfo(dtype).min


def _empty_windows(chosen, indices, empty, lowest, size, out, steps, pads, dilations):
    """torch's kernel for a window without an input element: the value is its -inf start, the index its
    first row and column stepped out of the padding (which lies outside the input)."""
    starts = []
    for o, s, p, d in zip(out, steps, pads, dilations):
        start = np.arange(o) * s - p
        starts.append(np.where(start < 0, start + d * ((-start + d - 1) // d), start))
    first = starts[0][:, None] * size[1] + starts[1][None, :]
    chosen = np.where(empty, chosen.dtype.type(lowest), chosen)
    return chosen, np.where(empty, first, indices)


def max_pool2d_with_indices(input, kernel_size, stride=(), padding=(0,), dilation=(1,), ceil_mode=False):
    kernel, steps, pads, dilations, out = _geometry(
        "max_pool2d", input, kernel_size, stride, padding, dilation, ceil_mode
    )
    data = input._data
    if data.dtype == np.bool_:
        raise NotImplementedError("\"max_pool2d\" not implemented for 'Bool'")
    height, width = data.shape[-2:]
    values = _windows(_padded(data, pads, out, kernel, steps, dilations, 0), kernel, steps, dilations, out)
    # flat input positions of every window element; -1 in the padding
    positions = np.arange(height * width).reshape(height, width)
    positions = _padded(positions, pads, out, kernel, steps, dilations, -1)
    positions = _windows(positions, kernel, steps, dilations, out).reshape(out + (-1,))
    shape = values.shape[:-2] + (values.shape[-2] * values.shape[-1],)
    values = values.reshape(shape)
    valid = positions >= 0
    lowest = _lowest(data.dtype)
    with silent():
        candidates = np.where(valid, values, lowest)
        best = candidates.max(axis=-1, keepdims=True)
        # torch's CPU kernel keeps the first maximum, and takes a NaN whenever it meets one (the last)
        first = np.argmax((candidates == best) & valid, axis=-1)
        if data.dtype.kind == "f":
            nans = np.isnan(candidates) & valid
            last_nan = nans.shape[-1] - 1 - np.argmax(nans[..., ::-1], axis=-1)
            first = np.where(nans.any(axis=-1), last_nan, first)
    chosen = np.take_along_axis(values, first[..., None], axis=-1)[..., 0]
    indices = np.broadcast_to(positions, shape)
    indices = np.take_along_axis(indices, first[..., None], axis=-1)[..., 0].astype(np.int64)
    empty = ~valid.any(axis=-1)
    if empty.any():  # ceil_mode with dilation: a window wholly in the padding
        chosen, indices = _empty_windows(
            chosen, indices, empty, lowest, (height, width), out, steps, pads, dilations
        )
    output, index = rows.MAX_POOL2D_WITH_INDICES.record(
        (np.ascontiguousarray(chosen), np.ascontiguousarray(indices)),
        input,
        tuple(kernel_size),
        tuple(stride),
        tuple(padding),
        tuple(dilation),
        ceil_mode,
    )
    return output, index


def max_pool2d_with_indices_backward(
    grad_output, self, kernel_size, stride, padding, dilation, ceil_mode, indices
):
    """grad_output added into the input positions `indices` name (each plane's flat H * W index)."""
    shape = self._data.shape
    planes = int(np.prod(shape[:-2], dtype=np.int64))
    flat = np.zeros((planes, shape[-2] * shape[-1]), grad_output._data.dtype)
    grads = grad_output._data.reshape(planes, -1)
    where = indices._data.reshape(planes, -1)
    # an empty window's index lies outside the input (torch writes past the plane there): it gets nothing
    inside = (where >= 0) & (where < flat.shape[1])
    rows_ = np.broadcast_to(np.arange(planes)[:, None], where.shape)
    np.add.at(flat, (rows_[inside], where[inside]), grads[inside])
    return rows.MAX_POOL2D_WITH_INDICES_BACKWARD.record(
        flat.reshape(shape), grad_output, self, kernel_size, stride, padding, dilation, ceil_mode, indices
    )


def max_pool_double_backward(grad, indices, dim):
    """torch's max_pool_double_backward: grad read at the maxima's positions, shaped like the indices."""
    flat = grad.flatten(-dim)
    return at.gather(flat, -1, indices.flatten(-dim)).view_as(indices)


# ---- avg_pool2d --------------------------------------------------------------------------------------------
def _avg_divisors(size, out, kernel, stride, pad, count_include_pad):
    """Per output position along one dimension: the window's length counted as torch counts it."""
    starts = np.arange(out) * stride - pad
    ends = np.minimum(starts + kernel, size + pad)
    if count_include_pad:
        return ends - starts
    return np.minimum(ends, size) - np.maximum(starts, 0)


def _avg_geometry(input, kernel_size, stride, padding, ceil_mode, divisor_override):
    if divisor_override is not None and divisor_override == 0:
        _pair_params("avg_pool2d", kernel_size, stride, padding)
        raise RuntimeError("divisor must be not zero")
    return _geometry("avg_pool2d", input, kernel_size, stride, padding, None, ceil_mode)


def _divisor(input, out, kernel, steps, pads, count_include_pad, divisor_override):
    if divisor_override is not None:
        return divisor_override
    height, width = input._data.shape[-2:]
    rows_ = _avg_divisors(height, out[0], kernel[0], steps[0], pads[0], count_include_pad)
    cols = _avg_divisors(width, out[1], kernel[1], steps[1], pads[1], count_include_pad)
    return np.outer(rows_, cols)


def avg_pool2d(
    input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None
):
    tensor_arg(input, "avg_pool2d")
    kernel_size = _int_array(kernel_size, "avg_pool2d", "kernel_size", 2, 2)
    stride = () if stride is None else _int_array(stride, "avg_pool2d", "stride", 3, 2)
    padding = _int_array(padding, "avg_pool2d", "padding", 4, 2)
    kernel, steps, pads, dilations, out = _avg_geometry(
        input, kernel_size, stride, padding, ceil_mode, divisor_override
    )
    data = input._data
    if data.dtype == np.bool_:
        raise NotImplementedError("\"avg_pool2d\" not implemented for 'Bool'")
    windows = _windows(_padded(data, pads, out, kernel, steps, dilations, 0), kernel, steps, dilations, out)
    divisor = _divisor(input, out, kernel, steps, pads, count_include_pad, divisor_override)
    with silent():
        if data.dtype.kind == "f":
            result = (windows.sum(axis=(-2, -1)) / divisor).astype(data.dtype)
        else:  # integer division toward zero, as in C++
            result = np.trunc(windows.sum(axis=(-2, -1), dtype=np.int64) / divisor).astype(data.dtype)
    return rows.AVG_POOL2D.record(
        np.ascontiguousarray(result),
        input,
        tuple(kernel_size),
        tuple(stride),
        tuple(padding),
        ceil_mode,
        count_include_pad,
        divisor_override,
    )


def avg_pool2d_backward(
    grad_output, self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override
):
    """Every window's gradient divided by its divisor, added back over the window's input positions."""
    kernel, steps, pads, dilations, out = _avg_geometry(
        self, kernel_size, stride, padding, ceil_mode, divisor_override
    )
    divisor = _divisor(self, out, kernel, steps, pads, count_include_pad, divisor_override)
    share = grad_output._data / divisor
    shape = self._data.shape
    padded = _padded(np.zeros(shape, share.dtype), pads, out, kernel, steps, dilations, 0)
    for _, rows_, cols in _kernel_offsets(kernel, steps, dilations, out):
        padded[..., rows_, cols] += share
    height, width = shape[-2:]
    data = padded[..., pads[0] : pads[0] + height, pads[1] : pads[1] + width].astype(grad_output._data.dtype)
    return rows.AVG_POOL2D_BACKWARD.record(
        np.ascontiguousarray(data),
        grad_output,
        self,
        kernel_size,
        stride,
        padding,
        ceil_mode,
        count_include_pad,
        divisor_override,
    )


# ---- adaptive_avg_pool2d -----------------------------------------------------------------------------------
def _adaptive_ranges(size, out):
    """[(start, end)] of each output position's window: floor(i * size / out) to ceil((i + 1) * size / "
    "out)."""
    return [((i * size) // out, -(-((i + 1) * size) // out)) for i in range(out)]


def _adaptive_avg_pool2d(input, output_size):
    data = input._data
    if data.ndim not in (3, 4):
        raise RuntimeError(
            f"adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got {_shape_str(data.shape)}"
        )
    if data.dtype.kind != "f":
        raise NotImplementedError(
            f"\"adaptive_avg_pool2d\" not implemented for '{SCALAR_TYPE_NAMES[input.dtype]}'"
        )
    out_h, out_w = output_size
    height, width = data.shape[-2:]
    result = np.empty(data.shape[:-2] + (out_h, out_w), data.dtype)
    with silent():
        for i, (h0, h1) in enumerate(_adaptive_ranges(height, out_h)):
            for j, (w0, w1) in enumerate(_adaptive_ranges(width, out_w)):
                result[..., i, j] = data[..., h0:h1, w0:w1].mean(axis=(-2, -1))
    return rows.ADAPTIVE_AVG_POOL2D.record(result, input, tuple(output_size))


def adaptive_avg_pool2d_backward(grad_output, self):
    grad = grad_output._data
    height, width = self._data.shape[-2:]
    out_h, out_w = grad.shape[-2:]
    data = np.zeros(self._data.shape, grad.dtype)
    for i, (h0, h1) in enumerate(_adaptive_ranges(height, out_h)):
        for j, (w0, w1) in enumerate(_adaptive_ranges(width, out_w)):
            area = (h1 - h0) * (w1 - w0)
            data[..., h0:h1, w0:w1] += (grad[..., i, j] / area)[..., None, None]
    return rows.ADAPTIVE_AVG_POOL2D_BACKWARD.record(data, grad_output, self)


def adaptive_avg_pool2d(input, output_size):
    """ATen's adaptive_avg_pool2d: a 1 x 1 output is the mean over the last two dimensions (MeanBackward1)."""
    tensor_arg(input, "adaptive_avg_pool2d")
    output_size = _int_array(output_size, "adaptive_avg_pool2d", "output_size", 2, 2)
    if len(output_size) != 2:
        raise RuntimeError("adaptive_avg_pool2d: output_size must be 2")
    if output_size[0] < 0 or output_size[1] < 0:
        raise RuntimeError(
            "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received "
            f"{{{output_size[0]}, {output_size[1]}}}"
        )
    if tuple(output_size) == (1, 1):
        return mean(input, (-1, -2), keepdim=True)
    return _adaptive_avg_pool2d(input, output_size)


# ---- the functional forms -------------------------------------------------------------------------------
def _int_array(value, fn, name, position, size):
    """An int[size] argument as torch's parser reads it: one int stands for `size` of them."""
    if type(value) is int:
        return (value,) * size
    return int_list_arg(value, fn, name, position)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """torch.nn.functional.max_pool2d (torch.max_pool2d without return_indices)."""
    fn = "max_pool2d_with_indices" if return_indices else "max_pool2d"
    tensor_arg(input, fn, "input" if return_indices else "self")
    output, indices = max_pool2d_with_indices(
        input,
        _int_array(kernel_size, fn, "kernel_size", 2, 2),
        () if stride is None else _int_array(stride, fn, "stride", 3, 2),
        _int_array(padding, fn, "padding", 4, 2),
        _int_array(dilation, fn, "dilation", 5, 2),
        ceil_mode,
    )
    return (output, indices) if return_indices else output


def _check_max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode):
    """ATen's checks of max_pool1d's arguments."""
    shape = input._data.shape
    if not (
        (len(shape) == 2 and shape[0] != 0 and shape[1] != 0) or (len(shape) == 3 and shape[1] and shape[2])
    ):
        raise RuntimeError(
            "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, "
            "but got:" + _shape_str(shape)
        )
    if len(kernel_size) != 1:
        raise RuntimeError(
            "max_pool1d() kernel_size must be an int, list of ints or tuple of ints of size 1 but got size "
            f"{len(kernel_size)}"
        )
    if len(stride) > 1:
        raise RuntimeError(
            "max_pool1d() stride must be None, an int, list of ints, or tuple of ints of size 1 but got size "
            f"{len(stride)}"
        )
    if len(padding) != 1:
        raise RuntimeError(
            "max_pool1d() padding must be an int, list of ints, or tuple of ints of size 1 but got size "
            f"{len(padding)}"
        )
    if len(dilation) != 1:
        raise RuntimeError(
            "max_pool1d() dilation must be an int, list of ints or tuple of ints of size 1 but got size "
            f"{len(dilation)}"
        )
    kernel, step, pad, dil = kernel_size[0], (stride or kernel_size)[0], padding[0], dilation[0]
    if kernel <= 0:
        raise RuntimeError(f"max_pool1d() kernel_size must be greater than zero, but got {kernel}")
    if step <= 0:
        raise RuntimeError(f"max_pool1d() stride must be greater than zero, but got {step}")
    if pad < 0:
        raise RuntimeError(f"max_pool1d() padding must be non-negative, but got {pad}")
    if pad > kernel // 2:
        raise RuntimeError(
            f"max_pool1d() padding should be at most half of kernel size, but got padding={pad} and "
            f"kernel_size={kernel}"
        )
    if dil <= 0:
        raise RuntimeError(f"max_pool1d() dilation must be greater than zero, but got {dil}")
    out = _output_size(shape[-1], kernel, pad, step, dil, ceil_mode)
    if out <= 0:
        raise RuntimeError(f"max_pool1d() Invalid computed output size: {out}")
    return kernel, step, pad, dil


def _check_max_pool1d_with_indices(input, kernel_size, stride, padding, dilation):
    _expect_2_or_3_dims(input, "max_pool1d")
    stride = stride or kernel_size
    for name, values in (
        ("kernel_size", kernel_size),
        ("stride", stride),
        ("padding", padding),
        ("dilation", dilation),
    ):
        if len(values) != 1:
            raise RuntimeError(f"max_pool1d() argument '{name}' should contain one int (got {len(values)})")
    return kernel_size[0], stride[0], padding[0], dilation[0]


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """ATen's max_pool1d(_with_indices): max_pool2d over the input with a height of 1."""
    fn = "max_pool1d_with_indices" if return_indices else "max_pool1d"
    tensor_arg(input, fn, "input" if return_indices else "self")
    arguments = (
        _int_array(kernel_size, fn, "kernel_size", 2, 1),
        () if stride is None else _int_array(stride, fn, "stride", 3, 1),
        _int_array(padding, fn, "padding", 4, 1),
        _int_array(dilation, fn, "dilation", 5, 1),
    )
    if return_indices:  # ATen's max_pool1d_with_indices: its own checks, then max_pool2d_with_indices's
        kernel, step, pad, dil = _check_max_pool1d_with_indices(input, *arguments)
    else:
        kernel, step, pad, dil = _check_max_pool1d(input, *arguments, ceil_mode)
    output, indices = max_pool2d_with_indices(
        unsqueeze(input, -2), (1, kernel), (1, step), (0, pad), (1, dil), ceil_mode
    )
    output = squeeze(output, -2)
    return (output, squeeze(indices, -2)) if return_indices else output


def max_pool1d_with_indices(
    input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False
):
    return max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def _expect_2_or_3_dims(input, fn):
    if input._data.ndim not in (2, 3):
        raise RuntimeError(
            f"Expected 2 to 3 dimensions, but got {input._data.ndim}-dimensional tensor for argument #1 "
            f"'self' (while checking arguments for {fn})"
        )


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """ATen's avg_pool1d: avg_pool2d over the input with a height of 1."""
    tensor_arg(input, "avg_pool1d")
    kernel_size = _int_array(kernel_size, "avg_pool1d", "kernel_size", 2, 1)
    stride = () if stride is None else _int_array(stride, "avg_pool1d", "stride", 3, 1)
    padding = _int_array(padding, "avg_pool1d", "padding", 4, 1)
    _expect_2_or_3_dims(input, "avg_pool1d")
    for name, values in (
        ("kernel_size", kernel_size),
        ("stride", stride or kernel_size),
        ("padding", padding),
    ):
        if len(values) != 1:
            raise RuntimeError(f"avg_pool1d() argument '{name}' should contain one int (got {len(values)})")
    output = avg_pool2d(
        unsqueeze(input, -2),
        (1, kernel_size[0]),
        (1, (stride or kernel_size)[0]),
        (0, padding[0]),
        ceil_mode,
        count_include_pad,
    )
    return squeeze(output, -2)


def adaptive_avg_pool1d(input, output_size):
    """ATen's adaptive_avg_pool1d: adaptive_avg_pool2d over the input with a height of 1."""
    tensor_arg(input, "adaptive_avg_pool1d")
    output_size = _int_array(output_size, "adaptive_avg_pool1d", "output_size", 2, 1)
    _expect_2_or_3_dims(input, "adaptive_avg_pool1d")
    if len(output_size) != 1:
        raise RuntimeError(
            f"adaptive_avg_pool1d() argument 'output_size' should contain one int (got {len(output_size)})"
        )
    return squeeze(adaptive_avg_pool2d(unsqueeze(input, -2), (1, output_size[0])), -2)


at.register(
    max_pool2d_with_indices_backward=max_pool2d_with_indices_backward,
    max_pool_double_backward=max_pool_double_backward,
    avg_pool2d=avg_pool2d,
    avg_pool2d_backward=avg_pool2d_backward,
    adaptive_avg_pool2d=_adaptive_avg_pool2d,
    adaptive_avg_pool2d_backward=adaptive_avg_pool2d_backward,
)
