"""Convolutions: ATen's convolution (and its gradient op convolution_backward), conv1d/conv2d with torch's
argument handling (unbatched inputs, padding='same'/'valid', groups), and constant_pad_nd.

The arithmetic is im2col on numpy: the padded input's sliding windows (a strided view), one matrix product
per group; the input's gradient scatters the columns back (col2im), one strided add per kernel offset.
A transposed convolution is the input gradient of the convolution whose weight it holds.
"""

import os

import numpy as np

from .._core.arguments import NOT_GIVEN, int_arg, int_list_arg, invalid_arguments, is_int
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.fp import silent
from .._core.warn_once import warn_once
from ..derivatives import at
from ..derivatives import convolution as rows
from . import Tensor
from .reductions import saved_dim
from .views import squeeze, unsqueeze

__all__ = ["constant_pad_nd", "conv1d", "conv2d", "convolution", "convolution_backward"]

_SIGNATURES = (
    "(Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, tuple of ints padding = 0, "
    "tuple of ints dilation = 1, int groups = 1)",
    '(Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, str padding = "valid", '
    "tuple of ints dilation = 1, int groups = 1)",
)
_SAME_PADDING_COPY = (
    "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the "
    "input be created (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/Convolution.cpp:1101.)"
)


def _shape_str(shape):
    return "[" + ", ".join(str(n) for n in shape) + "]"


# ---- the arithmetic ----------------------------------------------------------------------------------------
def _compute_dtype(dtype):
    """float16 is multiplied in float32 (numpy has no fast half matmul); everything else as it is."""
    return np.float32 if dtype == np.float16 else dtype


def _windows(padded, kernel, stride, dilation):
    """(N, C, *out, *kernel): every kernel-sized window of a padded (N, C, *spatial) array, a strided view."""
    spatial = tuple(range(2, 2 + len(kernel)))
    extent = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation))
    windows = np.lib.stride_tricks.sliding_window_view(padded, extent, axis=spatial)
    steps = tuple(slice(None, None, s) for s in stride) + tuple(slice(None, None, d) for d in dilation)
    return windows[(slice(None), slice(None)) + steps]


def _columns(input, kernel, stride, padding, dilation, groups, out_spatial=None):
    """(groups, N * out positions, C/groups * kernel size) and the output's spatial shape; `out_spatial`
    keeps only the first windows (a transposed convolution's output_padding leaves more than its input
    had)."""
    if any(padding):
        input = np.pad(input, [(0, 0), (0, 0)] + [(p, p) for p in padding])
    windows = _windows(input, kernel, stride, dilation)
    if out_spatial is not None:
        windows = windows[(slice(None), slice(None)) + tuple(slice(0, n) for n in out_spatial)]
    n, c = windows.shape[:2]
    out = windows.shape[2 : 2 + len(kernel)]
    d = len(kernel)
    windows = windows.reshape((n, groups, c // groups) + windows.shape[2:])
    # (groups, N, *out, C/groups, *kernel)
    order = (1, 0) + tuple(range(3, 3 + d)) + (2,) + tuple(range(3 + d, 3 + 2 * d))
    columns = windows.transpose(order).reshape(groups, n * int(np.prod(out)), -1)
    return columns, out


def _forward(input, weight, stride, padding, dilation, groups, out_spatial=None):
    """The convolution of (N, C, *spatial) input with (O, C/groups, *kernel) weight: (N, O, *out)."""
    kernel = weight.shape[2:]
    columns, out = _columns(input, kernel, stride, padding, dilation, groups, out_spatial)
    o = weight.shape[0]
    w = weight.reshape(groups, o // groups, -1)
    result = np.matmul(columns, w.transpose(0, 2, 1))  # (groups, N * out, O/groups)
    n = input.shape[0]
    result = result.reshape((groups, n) + out + (o // groups,))
    order = (1, 0, 2 + len(out)) + tuple(range(2, 2 + len(out)))
    return result.transpose(order).reshape((n, o) + out)


def _input_gradient(grad_output, weight, input_spatial, stride, padding, dilation, groups):
    """The gradient of a convolution's (N, C, *input_spatial) input: the columns of grad_output @ weight,
    added back into the windows they came from."""
    n, o = grad_output.shape[:2]
    out = grad_output.shape[2:]
    kernel = weight.shape[2:]
    d = len(kernel)
    c = weight.shape[1] * groups
    g = (
        grad_output.reshape((n, groups, o // groups, -1))
        .transpose(1, 0, 3, 2)
        .reshape(groups, -1, o // groups)
    )
    columns = np.matmul(g, weight.reshape(groups, o // groups, -1))  # (groups, N * out, C/groups * kernel)
    columns = columns.reshape((groups, n) + out + (c // groups,) + kernel)
    # (N, C, *kernel, *out)
    order = (1, 0, 2 + d) + tuple(range(3 + d, 3 + 2 * d)) + tuple(range(2, 2 + d))
    columns = columns.transpose(order).reshape((n, c) + kernel + out)
    padded = np.zeros((n, c) + tuple(s + 2 * p for s, p in zip(input_spatial, padding)), columns.dtype)
    for offset in np.ndindex(*kernel):
        region = tuple(
            slice(k * dl, k * dl + st * (size - 1) + 1, st)
            for k, dl, st, size in zip(offset, dilation, stride, out)
        )
        padded[(slice(None), slice(None)) + region] += columns[(slice(None), slice(None)) + offset]
    inner = tuple(slice(p, p + s) for p, s in zip(padding, input_spatial))
    return padded[(slice(None), slice(None)) + inner]


def _weight_gradient(input, grad_output, kernel, stride, padding, dilation, groups):
    """The gradient of a convolution's (O, C/groups, *kernel) weight: grad_output's columns times the
    input's."""
    columns, _ = _columns(input, kernel, stride, padding, dilation, groups, grad_output.shape[2:])
    n, o = grad_output.shape[:2]
    g = (
        grad_output.reshape((n, groups, o // groups, -1))
        .transpose(1, 2, 0, 3)
        .reshape(groups, o // groups, -1)
    )
    return np.matmul(g, columns).reshape((o, -1) + tuple(kernel))


def _transposed_output_spatial(input_spatial, kernel, stride, padding, dilation, output_padding):
    return tuple(
        (i - 1) * s - 2 * p + d * (k - 1) + op + 1
        for i, k, s, p, d, op in zip(input_spatial, kernel, stride, padding, dilation, output_padding)
    )


# ---- argument checks, as ATen's convolution makes them -----------------------------------------------------
def _expand(values, name, dims):
    """ATen's expand_param_if_needed: one value for every spatial dimension."""
    values = tuple(values)
    if len(values) == 1:
        return values * dims
    if len(values) != dims:
        raise RuntimeError(
            f"expected {name} to be a single integer value or a list of {dims} values to match the "
            f"convolution dimensions, but got {name}={_shape_str(values)}"
        )
    return values


def _check_output_padding(output_padding, stride, dilation):
    """A transposed convolution's output_padding must be below its stride or its dilation; ATen sees a 1-d
    convolution as a 2-d one of height 1."""
    if all(p < s or p < d for p, s, d in zip(output_padding, stride, dilation)):
        return
    lead = 2 - len(output_padding)
    padding, stride, dilation = (
        (0,) * lead + tuple(output_padding),
        (1,) * lead + stride,
        (1,) * lead + dilation,
    )
    raise RuntimeError(
        "output padding must be smaller than either stride or dilation, but got "
        f"output_padding_height: {padding[0]} output_padding_width: {padding[1]} stride_height: {stride[0]} "
        f"stride_width: {stride[1]} dilation_height: {dilation[0]} dilation_width: {dilation[1]}"
    )


def _check_transposed_output(input, weight, spatial, stride, dilation, groups, output_padding):
    """ATen's slow transposed convolution wants at least one output position per dimension (seeing 1-d as
    2-d of height 1); oneDNN takes an empty output and fails only on a negative size."""
    if _uses_onednn(input, weight, stride, dilation, groups, output_padding):
        if any(s < 0 for s in spatial):
            raise RuntimeError("could not construct a memory descriptor using a format tag")
        return
    if all(s >= 1 for s in spatial):
        return
    lead = (1,) * (2 - len(spatial))
    given = lead + tuple(input._data.shape[2:])
    raise RuntimeError(
        f"Given input size per channel: ({' x '.join(map(str, given))}). Calculated output size per channel: "
        f"({' x '.join(map(str, lead + tuple(spatial)))}). Output size is too small"
    )


def _check_bias_dtype(input, bias):
    if bias is not None and bias.dtype != input.dtype:
        raise RuntimeError(
            f"Input type ({input.dtype._cpp}) and bias type ({bias.dtype._cpp}) should be the same"
        )


def _uses_onednn(input, weight, stride, dilation, groups, output_padding=None):
    """Whether ATen's CPU convolution picks its oneDNN backend (ConvParams::use_mkldnn): always for float16;
    for float32 unless the convolution is small. Only errors show the choice (mismatched dtypes, a
    transposed convolution's too-small output).
    1-d convolutions are seen as 2-d with a height of 1. A transposed convolution (its output_padding given)
    whose output_padding reaches its stride never uses it."""
    if output_padding is not None and any(p >= s for p, s in zip(output_padding, stride)):
        return False
    if input.dtype.name == "float16":
        return True
    if input.dtype.name != "float32":
        return False
    shape = input._data.shape
    n, c, h, w = shape if len(shape) == 4 else (shape[0], shape[1], 1, int(np.prod(shape[2:])))
    kernel = weight._data.shape[2:]
    kernel_h, kernel_w = (kernel[0], kernel[-1]) if len(kernel) == 2 else (1, kernel[-1])
    # torch's condition names its thread count; a 1x1 kernel is the one case where it decides
    worth_threads = (
        any(s != 1 for s in stride)
        or any(d != 1 for d in dilation)
        or n >= 16
        or kernel_h != 1
        or kernel_w != 1
        or (os.cpu_count() or 1) > 1
    )
    big_enough = groups > 1 or (kernel_h > 3 and kernel_w > 3) or n > 1 or n * c * h * w > 20480
    return worth_threads and big_enough


def _check_weight_dtype(input, weight, stride, dilation, groups, output_padding):
    if weight.dtype == input.dtype:
        if input.dtype.name == "bool":
            raise NotImplementedError("\"slow_conv2d_cpu\" not implemented for 'Bool'")
        return
    if _uses_onednn(input, weight, stride, dilation, groups, output_padding):  # the oneDNN path's check
        raise RuntimeError(
            f"Input type (torch.{input.dtype._legacy}) and weight type (torch.{weight.dtype._legacy}) "
            "should be the same or input should be a MKLDNN tensor and weight is a dense tensor"
        )
    raise RuntimeError(
        f"expected scalar type {SCALAR_TYPE_NAMES[input.dtype]} but found {SCALAR_TYPE_NAMES[weight.dtype]}"
    )


def _check_shapes(input, weight, bias, padding, dilation, groups, transposed):
    shape, w = input._data.shape, weight._data.shape
    if w[0] < groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be at least {groups} at dimension 0, but got "
            f"weight of size {_shape_str(w)} instead"
        )
    if w[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, but got "
            f"weight of size [{_shape_str(w)}] instead"
        )
    if transposed:
        if shape[1] != w[0]:
            raise RuntimeError(
                f"Given transposed=1, weight of size {_shape_str(w)}, expected input{_shape_str(shape)} "
                f"to have {w[0]} channels, but got {shape[1]} channels instead"
            )
        out_channels = w[1] * groups
        if bias is not None and (bias._data.ndim != 1 or bias._data.shape[0] != out_channels):
            raise RuntimeError(
                f"Given transposed=1, weight of size {_shape_str(w)}, expected bias to be 1-dimensional with "
                f"{out_channels} elements, but got bias of size {_shape_str(bias._data.shape)} instead"
            )
        return
    if shape[1] != w[1] * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {_shape_str(w)}, expected input{_shape_str(shape)} to "
            f"have {w[1] * groups} channels, but got {shape[1]} channels instead"
        )
    if bias is not None and (bias._data.ndim != 1 or bias._data.shape[0] != w[0]):
        raise RuntimeError(
            f"Given weight of size {_shape_str(w)}, expected bias to be 1-dimensional with {w[0]} "
            f"elements, but got bias of size {_shape_str(bias._data.shape)} instead"
        )
    padded = [s + 2 * p for s, p in zip(shape[2:], padding)]
    extent = [d * (k - 1) + 1 for k, d in zip(w[2:], dilation)]
    if any(p < e for p, e in zip(padded, extent)):
        raise RuntimeError(
            f"Calculated padded input size per channel: ({' x '.join(map(str, padded))}). Kernel size: "
            f"({' x '.join(map(str, extent))}). Kernel size can't be greater than actual input size"
        )


# ---- ATen's convolution and its gradient op ----------------------------------------------------------------
def convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding, groups):
    """ATen's convolution of an (N, C, *spatial) input (no unbatched form: conv1d/conv2d add the batch)."""
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    dims = weight._data.ndim - 2
    stride = _expand(stride, "stride", dims)
    padding = _expand(padding, "padding", dims)
    dilation = _expand(dilation, "dilation", dims)
    output_padding = _expand(output_padding, "output_padding", dims)
    _check_bias_dtype(input, bias)
    if any(p < 0 for p in padding):
        raise RuntimeError("negative padding is not supported")
    if any(p < 0 for p in output_padding):
        raise RuntimeError("negative output_padding is not supported")
    if transposed and dims <= 2:
        _check_output_padding(output_padding, stride, dilation)
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(d <= 0 for d in dilation):
        raise RuntimeError("non-positive dilation is not supported")
    if input._data.ndim != weight._data.ndim:
        raise RuntimeError(
            f"Expected {weight._data.ndim}-dimensional input for {weight._data.ndim}-dimensional weight "
            f"{_shape_str(weight._data.shape)}, but got {input._data.ndim}-dimensional input of size "
            f"{_shape_str(input._data.shape)} instead"
        )
    _check_shapes(input, weight, bias, padding, dilation, groups, transposed)
    _check_weight_dtype(input, weight, stride, dilation, groups, output_padding if transposed else None)
    dtype = input._data.dtype
    x = input._data.astype(_compute_dtype(dtype), copy=False)
    w = weight._data.astype(_compute_dtype(dtype), copy=False)
    with silent():
        if transposed:
            spatial = _transposed_output_spatial(
                x.shape[2:], w.shape[2:], stride, padding, dilation, output_padding
            )
            _check_transposed_output(input, weight, spatial, stride, dilation, groups, output_padding)
            data = _input_gradient(x, w, spatial, stride, padding, dilation, groups)
        else:
            data = _forward(x, w, stride, padding, dilation, groups)
        if bias is not None:
            data = data + bias._data.reshape((-1,) + (1,) * dims)
    params = (stride, padding, dilation, transposed, output_padding, groups)
    return rows.CONVOLUTION.record(np.ascontiguousarray(data, dtype), input, weight, bias, *params)


def convolution_backward(
    grad_output,
    input,
    weight,
    bias_sizes,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
    output_mask,
):
    """(grad_input, grad_weight, grad_bias) of a convolution, None for each output_mask leaves out."""
    dtype = input._data.dtype
    compute = _compute_dtype(dtype)
    g = grad_output._data.astype(compute, copy=False)
    x = input._data.astype(compute, copy=False)
    w = weight._data.astype(compute, copy=False)
    kernel = w.shape[2:]
    grad_input = grad_weight = grad_bias = None
    with silent():
        if output_mask[0]:
            if transposed:  # the input gradient of a transposed convolution is the convolution
                grad_input = _forward(g, w, stride, padding, dilation, groups, x.shape[2:])
            else:
                grad_input = _input_gradient(g, w, x.shape[2:], stride, padding, dilation, groups)
        if output_mask[1]:
            if transposed:
                grad_weight = _weight_gradient(g, x, kernel, stride, padding, dilation, groups)
            else:
                grad_weight = _weight_gradient(x, g, kernel, stride, padding, dilation, groups)
        if output_mask[2]:
            grad_bias = g.sum(axis=(0,) + tuple(range(2, g.ndim)))
    datas = tuple(
        None if d is None else np.ascontiguousarray(d, dtype) for d in (grad_input, grad_weight, grad_bias)
    )
    return rows.CONVOLUTION_BACKWARD.record(
        datas,
        grad_output,
        input,
        weight,
        bias_sizes,
        stride,
        padding,
        dilation,
        transposed,
        output_padding,
        groups,
        output_mask,
    )


def convolution_double_backward(
    ggI,
    ggW,
    ggb,
    grad_output,
    weight,
    input,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
    mask,
):
    """torch's _convolution_double_backward: the gradients of convolution_backward's outputs (ggI, ggW,
    ggb, any of them None) with respect to (grad_output, input, weight), those `mask` asks for.

    convolution_backward is bilinear: grad_input in (grad_output, weight), grad_weight in (grad_output,
    input), grad_bias linear in grad_output. So grad_output's gradient is the convolution of ggI with the
    weight plus that of the input with ggW plus ggb; the input's is the input gradient of grad_output
    through ggW; the weight's is the weight gradient of grad_output through ggI."""
    params = (stride, padding, dilation, transposed, output_padding, groups)
    gg_output = grad_input = grad_weight = None
    if mask[0]:
        if ggI is not None:
            gg_output = convolution(ggI, weight, None, *params)
        if ggW is not None:
            part = convolution(input, ggW, None, *params)
            gg_output = part if gg_output is None else gg_output + part
        if ggb is not None:
            shape = (1, -1) + (1,) * (grad_output._data.ndim - 2)
            part = ggb.reshape(shape).expand(grad_output._data.shape)
            gg_output = part if gg_output is None else gg_output + part
    if mask[1] and ggW is not None:
        grad_input = convolution_backward(grad_output, input, ggW, None, *params, (True, False, False))[0]
    if mask[2] and ggI is not None:
        grad_weight = convolution_backward(grad_output, ggI, weight, None, *params, (False, True, False))[1]
    return gg_output, grad_input, grad_weight


def convolution_backward_jvp_grad_bias(grad_output_t, grad_bias):
    if grad_bias is None:
        return None
    return grad_output_t.sum((0,) + tuple(range(2, grad_output_t.dim())))


# ---- constant_pad_nd ---------------------------------------------------------------------------------------
def constant_pad_nd(input, pad, value=0):
    """Pads (or, for negative amounts, crops) the last len(pad) // 2 dimensions, the last one first."""
    shape = input._data.shape
    if len(pad) % 2:
        raise RuntimeError(f"Length of pad must be even but instead it equals {len(pad)}")
    if len(pad) // 2 > len(shape):
        raise RuntimeError(  # (sic: torch's message runs the numbers into the words)
            "Length of pad should be no more than twice the number of dimensions of the input. Pad length is "
            f"{len(pad)}while the input has {len(shape)}dimensions."
        )
    widths = [(0, 0)] * len(shape)
    for i in range(len(pad) // 2):
        widths[len(shape) - 1 - i] = (pad[2 * i], pad[2 * i + 1])
    new_shape = tuple(s + a + b for s, (a, b) in zip(shape, widths))
    if any(s + min(a, 0) + min(b, 0) < 0 for s, (a, b) in zip(shape, widths)):
        raise RuntimeError("narrow(): length must be non-negative.")
    data = np.full(new_shape, value, input._data.dtype)
    source = tuple(slice(max(-a, 0), s - max(-b, 0)) for s, (a, b) in zip(shape, widths))
    target = tuple(slice(max(a, 0), max(a, 0) + sl.stop - sl.start) for (a, _), sl in zip(widths, source))
    data[target] = input._data[source]
    return rows.CONSTANT_PAD_ND.record(data, input, saved_dim(tuple(pad)), value, _pad=tuple(pad))


def constant_pad_nd_backward(grad, pad):
    return constant_pad_nd(grad, tuple(-p for p in pad), 0)


# ---- conv1d / conv2d ------------------------------------------------------------------------------------
def _int_list(value, name, dims, fn, args, kwargs):
    if is_int(value):
        return (int(value),) * dims
    if isinstance(value, tuple | list) and all(is_int(v) for v in value):
        return tuple(int(v) for v in value)
    raise invalid_arguments(fn, args, kwargs, _SIGNATURES)


def _conv_nd(fn, dims, input, weight, bias, stride, padding, dilation, groups):
    given = {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups}
    kwargs = {k: v for k, v in given.items() if v is not NOT_GIVEN}
    args = (input, weight) if bias is NOT_GIVEN else (input, weight, bias)
    bias = None if bias is NOT_GIVEN else bias
    if not isinstance(input, Tensor) or not isinstance(weight, Tensor):
        raise invalid_arguments(fn, args, kwargs, _SIGNATURES)
    if bias is not None and not isinstance(bias, Tensor):
        raise invalid_arguments(fn, args, kwargs, _SIGNATURES)
    stride = _int_list(1 if stride is NOT_GIVEN else stride, "stride", dims, fn, args, kwargs)
    dilation = _int_list(1 if dilation is NOT_GIVEN else dilation, "dilation", dims, fn, args, kwargs)
    groups = 1 if groups is NOT_GIVEN else groups
    if not is_int(groups):
        raise invalid_arguments(fn, args, kwargs, _SIGNATURES)
    groups = int(groups)
    padding = 0 if padding is NOT_GIVEN else padding
    if not isinstance(padding, str):
        padding = _int_list(padding, "padding", dims, fn, args, kwargs)
    ndim = input._data.ndim
    if ndim not in (dims + 1, dims + 2):
        raise RuntimeError(
            f"Expected {dims + 1}D (unbatched) or {dims + 2}D (batched) input to {fn}, but got input of "
            f"size: {_shape_str(input._data.shape)}"
        )
    batched = ndim == dims + 2
    if not batched:
        input = unsqueeze(input, 0)
    if isinstance(padding, str):
        output = _convolution_mode(input, weight, bias, stride, padding, dilation, groups)
    else:
        output = convolution(input, weight, bias, stride, padding, dilation, False, (0,) * dims, groups)
    return output if batched else squeeze(output, 0)


def _convolution_mode(input, weight, bias, stride, padding, dilation, groups):
    """ATen's _convolution_mode: padding='valid' is no padding; 'same' pads so that the output keeps the
    input's size, symmetrically when it can, else padding the input first by the odd part."""
    dims = weight._data.ndim - 2
    if padding == "valid":
        return convolution(input, weight, bias, stride, (0,) * dims, dilation, False, (0,) * dims, groups)
    if padding != "same":
        raise RuntimeError(f"Invalid padding string: '{padding}'")
    if any(s != 1 for s in _expand(stride, "stride", dims)):
        raise RuntimeError("padding='same' is not supported for strided convolutions")
    dilation = _expand(dilation, "dilation", dims)
    left, right = [], []
    for k, d in zip(weight._data.shape[2:], dilation):
        total = d * (k - 1)
        left.append(total // 2)
        right.append(total - total // 2)
    if left != right:
        warn_once(_SAME_PADDING_COPY, stacklevel=4)
        pad = [0] * (2 * dims)
        for i in range(dims):
            delta = right[i] - left[i]
            pad[2 * (dims - 1 - i) + 1] = delta  # F.pad's order: the last dimension first
        input = constant_pad_nd(input, tuple(pad), 0)
    return convolution(input, weight, bias, stride, tuple(left), dilation, False, (0,) * dims, groups)


def conv1d(
    input, weight, bias=NOT_GIVEN, stride=NOT_GIVEN, padding=NOT_GIVEN, dilation=NOT_GIVEN, groups=NOT_GIVEN
):
    return _conv_nd("conv1d", 1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(
    input, weight, bias=NOT_GIVEN, stride=NOT_GIVEN, padding=NOT_GIVEN, dilation=NOT_GIVEN, groups=NOT_GIVEN
):
    return _conv_nd("conv2d", 2, input, weight, bias, stride, padding, dilation, groups)


_TRANSPOSED_SIGNATURES = (
    "(Tensor input, Tensor weight, Tensor bias = None, tuple of ints stride = 1, tuple of ints padding = 0, "
    "tuple of ints output_padding = 0, int groups = 1, tuple of ints dilation = 1)",
)


_TRANSPOSED_PARAMETERS = (
    "input",
    "weight",
    "bias",
    "stride",
    "padding",
    "output_padding",
    "groups",
    "dilation",
)


def _conv_transpose_nd(fn, dims, args, kwargs):
    """ATen's conv_transpose1d/2d: the convolution with transposed=True, on a batched or unbatched input.
    Arguments are bound here because torch's messages say whether one was given by position."""
    unknown = [k for k in kwargs if k not in _TRANSPOSED_PARAMETERS]
    if unknown:
        raise TypeError(f"{fn}() got an unexpected keyword argument '{unknown[0]}'")
    if len(args) > len(_TRANSPOSED_PARAMETERS):
        raise invalid_arguments(fn, args, kwargs, _TRANSPOSED_SIGNATURES)
    given = dict(zip(_TRANSPOSED_PARAMETERS, args), **kwargs)
    input, weight, bias = given.get("input"), given.get("weight"), given.get("bias")
    if not isinstance(input, Tensor) or not isinstance(weight, Tensor):
        raise invalid_arguments(fn, args, kwargs, _TRANSPOSED_SIGNATURES)
    if bias is not None and not isinstance(bias, Tensor):
        raise invalid_arguments(fn, args, kwargs, _TRANSPOSED_SIGNATURES)

    def position(name):
        return None if name in kwargs else _TRANSPOSED_PARAMETERS.index(name) + 1

    lists = {}
    for name, default in (("stride", 1), ("padding", 0), ("output_padding", 0), ("dilation", 1)):
        lists[name] = int_list_arg(given.get(name, default), fn, name, position(name))
    groups = int_arg(given.get("groups", 1), fn, "groups", position("groups"))
    ndim = input._data.ndim
    if ndim not in (dims + 1, dims + 2):
        raise RuntimeError(
            f"Expected {dims + 1}D (unbatched) or {dims + 2}D (batched) input to {fn}, but got input of "
            f"size: {_shape_str(input._data.shape)}"
        )
    batched = ndim == dims + 2
    if not batched:
        input = unsqueeze(input, 0)
    output = convolution(
        input,
        weight,
        bias,
        lists["stride"],
        lists["padding"],
        lists["dilation"],
        True,
        lists["output_padding"],
        groups,
    )
    return output if batched else squeeze(output, 0)


def conv_transpose1d(*args, **kwargs):
    """conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
    dilation=1)"""
    return _conv_transpose_nd("conv_transpose1d", 1, args, kwargs)


def conv_transpose2d(*args, **kwargs):
    """conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
    dilation=1)"""
    return _conv_transpose_nd("conv_transpose2d", 2, args, kwargs)


at.register(
    convolution=convolution,
    convolution_backward=convolution_backward,
    convolution_double_backward=convolution_double_backward,
    convolution_backward_jvp_grad_bias=convolution_backward_jvp_grad_bias,
    constant_pad_nd=constant_pad_nd,
    constant_pad_nd_backward=constant_pad_nd_backward,
)
