"""Normalization: ATen's native_batch_norm and native_layer_norm with their gradient ops, and batch_norm /
layer_norm as torch calls them (torch.batch_norm, torch.layer_norm; torch.nn.functional adds its checks).

Batch norm normalizes over every dimension but the channels (dimension 1), layer norm over the last
len(normalized_shape) dimensions. Statistics are computed in float64, as torch's CPU batch norm
accumulates in double, and rounded to the input's dtype. Training batch norm updates the running
statistics in place, without bumping their version (as ATen's kernel writes them).

The double backward of both (torch's batchnorm_double_backward / layer_norm_double_backward) is one
derivation, `_normalization_double_backward`: with xhat = (x - mean) * invstd and P(v) = v - mean(v) -
xhat * mean(v * xhat) over the normalized dimensions, the input's gradient is invstd * P(gamma * grad_out),
and P is symmetric; its derivatives follow from d<u, xhat>/dx = invstd * P(u).
"""

import numpy as np

from .._core.arguments import int_arg, int_list_arg, is_number, tensor_arg, type_error
from .._core.dtypes import SCALAR_TYPE_NAMES
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import normalization as rows
from .views import contiguous

__all__ = [
    "batch_norm",
    "group_norm",
    "instance_norm",
    "layer_norm",
    "native_batch_norm",
    "native_group_norm",
    "native_layer_norm",
]


def _shape_str(shape):
    return "[" + ", ".join(str(n) for n in shape) + "]"


def _check_mixed_dtypes(input, *params):
    """ATen's CPU check of the parameters' dtypes (only a float16 input may have float32 parameters)."""
    given = [p for p in params if p is not None]
    if all(p.dtype == input.dtype for p in given):
        return
    if input.dtype.name == "float32":
        raise RuntimeError("mixed dtype (CPU): expect parameter to have scalar type of Float")
    if input.dtype.name == "float16" and all(p.dtype.name == "float32" for p in given):
        return
    raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")


def _check_floating(input, kernel):
    if input._data.dtype.kind != "f":
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{SCALAR_TYPE_NAMES[input.dtype]}'")


def _channel_view(values, ndim):
    """A per-channel (C,) array shaped to broadcast along dimension 1 of an ndim-d array."""
    return values.reshape((1, -1) + (1,) * (ndim - 2)) if ndim > 1 else values


def _data(t):
    return None if t is None else t._data


# ---- native_batch_norm ----------------------------------------------------------------------------------
def native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps):
    """(output, save_mean, save_invstd); the saved statistics are empty in evaluation mode."""
    _check_mixed_dtypes(input, weight, bias, running_mean, running_var)
    _check_floating(input, "batch_norm")
    x = input._data
    dtype = x.dtype
    axes = (0,) + tuple(range(2, x.ndim))
    wide = x.astype(np.float64)
    with silent():
        if training:
            mean = wide.mean(axis=axes)
            var = np.square(wide - _channel_view(mean, x.ndim)).mean(axis=axes)
            invstd = 1.0 / np.sqrt(var + eps)
            count = x.size // x.shape[1] if x.ndim > 1 else x.size
            if running_mean is not None:
                update = momentum * mean + (1 - momentum) * running_mean._data
                np.copyto(running_mean._data, update, casting="unsafe")
            if running_var is not None:
                unbiased = var * count / (count - 1) if count > 1 else var * np.nan
                update = momentum * unbiased + (1 - momentum) * running_var._data
                np.copyto(running_var._data, update, casting="unsafe")
            saved = (mean.astype(dtype), invstd.astype(dtype))
        else:
            mean = running_mean._data.astype(np.float64)
            invstd = 1.0 / np.sqrt(running_var._data.astype(np.float64) + eps)
            saved = (np.empty(0, dtype), np.empty(0, dtype))
        scale = invstd if weight is None else invstd * weight._data
        shift = -mean * scale if bias is None else bias._data - mean * scale
        output = (wide * _channel_view(scale, x.ndim) + _channel_view(shift, x.ndim)).astype(dtype)
    return rows.NATIVE_BATCH_NORM.record(
        (output,) + saved, input, weight, bias, running_mean, running_var, training, momentum, eps
    )


def _batch_statistics(input, running_mean, running_var, save_mean, save_invstd, train, eps):
    """(mean, invstd) as float64 (C,) arrays: the batch's in training, the running ones in evaluation."""
    if train:
        return save_mean._data.astype(np.float64), save_invstd._data.astype(np.float64)
    with silent():
        return running_mean._data.astype(np.float64), 1.0 / np.sqrt(
            running_var._data.astype(np.float64) + eps
        )


def native_batch_norm_backward(
    grad_out, input, weight, running_mean, running_var, save_mean, save_invstd, train, eps, output_mask
):
    x = input._data
    dtype = x.dtype
    axes = (0,) + tuple(range(2, x.ndim))
    mean, invstd = _batch_statistics(input, running_mean, running_var, save_mean, save_invstd, train, eps)
    g = grad_out._data.astype(np.float64)
    centered = x.astype(np.float64) - _channel_view(mean, x.ndim)
    grad_input = grad_weight = grad_bias = None
    with silent():
        total = g.sum(axis=axes)
        dot = (g * centered).sum(axis=axes)
        if output_mask[0]:
            scale = invstd if weight is None else invstd * weight._data
            if train:
                count = x.size // x.shape[1]
                projection = centered * _channel_view(dot * invstd * invstd / count, x.ndim)
                grad = g - _channel_view(total / count, x.ndim) - projection
            else:
                grad = g
            grad_input = (grad * _channel_view(scale, x.ndim)).astype(dtype)
        if output_mask[1]:
            grad_weight = (dot * invstd).astype(dtype)
        if output_mask[2]:
            grad_bias = total.astype(dtype)
    return rows.NATIVE_BATCH_NORM_BACKWARD.record(
        (grad_input, grad_weight, grad_bias),
        grad_out,
        input,
        weight,
        running_mean,
        running_var,
        save_mean,
        save_invstd,
        train,
        eps,
        output_mask,
    )


def _stats_view(t, ndim):
    """A per-channel statistic as a tensor broadcasting along dimension 1."""
    return t.reshape((1, -1) + (1,) * (ndim - 2))


def batch_norm_jvp(
    input_p, input_t, weight_p, weight_t, bias_t, running_mean, running_var, result1, result2, training, eps
):
    """torch's batch_norm_jvp."""
    ndim = input_p.dim()
    dims = (0,) + tuple(range(2, ndim))
    if training:
        mean = _stats_view(result1, ndim)
        invstd = _stats_view(result2, ndim)
        centered_t = input_t - input_t.mean(dims, keepdim=True)
        invstd_t = -invstd.pow(3) * (centered_t * (input_p - mean)).mean(dims, keepdim=True)
        normalized_t = centered_t * invstd + (input_p - mean) * invstd_t
    else:
        mean = _stats_view(running_mean, ndim)
        invstd = _stats_view(at.add_scalar(running_var, eps).pow(-0.5), ndim)
        normalized_t = input_t * invstd
    result = normalized_t
    if weight_p is not None:
        result = result * _stats_view(weight_p, ndim) + (input_p - mean) * invstd * _stats_view(
            weight_t, ndim
        )
    if bias_t is not None:
        result = result + _stats_view(bias_t, ndim)
    return result


def batchnorm_double_backward(
    input,
    gamma,
    ggI,
    ggG,
    ggB,
    gO,
    running_mean,
    running_var,
    train,
    eps,
    save_mean,
    save_invstd,
    output_mask,
):
    ndim = input.dim()
    dims = (0,) + tuple(range(2, ndim))
    if train:
        mean, invstd = _stats_view(save_mean, ndim), _stats_view(save_invstd, ndim)
    else:
        mean = _stats_view(running_mean, ndim)
        invstd = _stats_view(at.add_scalar(running_var, eps).pow(-0.5), ndim)
    return _normalization_double_backward(
        input,
        None if gamma is None else _stats_view(gamma, ndim),
        ggI,
        None if ggG is None else _stats_view(ggG, ndim),
        None if ggB is None else _stats_view(ggB, ndim),
        gO,
        mean,
        invstd,
        dims,
        dims,
        train,
        output_mask,
    )


def _normalization_double_backward(
    input, gamma, ggI, ggG, ggB, gO, mean, invstd, dims, parameter_dims, training, output_mask
):
    """(gradient of input, of gamma, of grad_out) for the gradients ggI, ggG, ggB (broadcastable, or None) of
    a normalization's (grad_input, grad_weight, grad_bias). `dims` are the normalized dimensions, the
    parameters are summed over `parameter_dims`; gamma (broadcastable) may be None for 1."""
    count = 1
    for d in dims:
        count *= input.shape[d]
    xhat = (input - mean) * invstd

    def project(v):  # P(v) over the normalized dimensions
        return v - v.mean(dims, keepdim=True) - xhat * (v * xhat).mean(dims, keepdim=True)

    def scaled(v):
        return v if gamma is None else gamma * v

    g = scaled(gO)
    grad_input = grad_gamma = gg_out = None
    if output_mask[0]:
        terms = []
        if ggI is not None and training:
            a = (ggI * g).sum(dims, keepdim=True)
            sum_ggI = ggI.sum(dims, keepdim=True)
            sum_g = g.sum(dims, keepdim=True)
            A = (ggI * xhat).sum(dims, keepdim=True)
            B = (g * xhat).mean(dims, keepdim=True)
            coefficient = a - sum_ggI * sum_g / count - A * B
            variance_term = -(coefficient * invstd * invstd / count) * xhat
            terms.append(variance_term - invstd * invstd * (B * project(ggI) + A * project(g) / count))
        if ggG is not None:
            terms.append(invstd * project(ggG * gO) if training else ggG * gO * invstd)
        for term in terms:  # (none: an undefined gradient, as torch's)
            grad_input = term if grad_input is None else grad_input + term
    if output_mask[1] and gamma is not None and ggI is not None:
        grad_gamma = (gO * invstd * (project(ggI) if training else ggI)).sum(parameter_dims)
    if output_mask[2]:
        terms = []
        if ggI is not None:
            terms.append(scaled(invstd * project(ggI)) if training else scaled(ggI) * invstd)
        if ggG is not None:
            terms.append(ggG * xhat)
        if ggB is not None:
            terms.append(ggB.expand(gO.shape))
        for term in terms:
            gg_out = term if gg_out is None else gg_out + term
    return grad_input, grad_gamma, gg_out


# ---- native_layer_norm ----------------------------------------------------------------------------------
def _check_layer_norm(input, normalized_shape, weight, bias):
    normalized_shape = tuple(normalized_shape)
    if not normalized_shape:
        raise RuntimeError(
            "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, "
            f"but got normalized_shape = {_shape_str(normalized_shape)}"
        )
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and tuple(t._data.shape) != normalized_shape:
            raise RuntimeError(
                f"Expected {name} to be of same shape as normalized_shape, but got {name} of shape "
                f"{_shape_str(t._data.shape)} and normalized_shape = {_shape_str(normalized_shape)}"
            )
    shape = input._data.shape
    k = len(normalized_shape)
    if len(shape) < k or tuple(shape[len(shape) - k :]) != normalized_shape:
        raise RuntimeError(
            f"Given normalized_shape={_shape_str(normalized_shape)}, expected input with shape "
            f"[*, {', '.join(map(str, normalized_shape))}], but got input of size{_shape_str(shape)}"
        )
    _check_mixed_dtypes(input, weight, bias)
    _check_floating(input, "LayerNormKernelImpl")


def native_layer_norm(input, normalized_shape, weight, bias, eps):
    """(output, mean, rstd); mean and rstd keep the normalized dimensions as size 1."""
    _check_layer_norm(input, normalized_shape, weight, bias)
    x = input._data
    dtype = x.dtype
    dims = tuple(range(x.ndim - len(normalized_shape), x.ndim))
    wide = x.astype(np.float64)
    with silent():
        mean = wide.mean(axis=dims, keepdims=True)
        var = np.square(wide - mean).mean(axis=dims, keepdims=True)
        rstd = 1.0 / np.sqrt(var + eps)
        output = (wide - mean) * rstd
        if weight is not None:
            output = output * weight._data
        if bias is not None:
            output = output + bias._data
    datas = (output.astype(dtype), mean.astype(dtype), rstd.astype(dtype))
    return rows.NATIVE_LAYER_NORM.record(datas, input, tuple(normalized_shape), weight, bias, eps)


def native_layer_norm_backward(grad_out, input, normalized_shape, mean, rstd, weight, bias, output_mask):
    x = input._data
    dtype = x.dtype
    dims = tuple(range(x.ndim - len(normalized_shape), x.ndim))
    batch = tuple(range(x.ndim - len(normalized_shape)))
    g = grad_out._data.astype(np.float64)
    with silent():
        xhat = (x.astype(np.float64) - mean._data) * rstd._data
        grad_input = grad_weight = grad_bias = None
        if output_mask[0]:
            scaled = g if weight is None else g * weight._data
            projection = (
                scaled
                - scaled.mean(axis=dims, keepdims=True)
                - xhat * (scaled * xhat).mean(axis=dims, keepdims=True)
            )
            grad_input = (projection * rstd._data).astype(dtype)
        if output_mask[1] and weight is not None:
            grad_weight = (g * xhat).sum(axis=batch).astype(dtype)
        if output_mask[2] and bias is not None:
            grad_bias = g.sum(axis=batch).astype(dtype)
    return rows.NATIVE_LAYER_NORM_BACKWARD.record(
        (grad_input, grad_weight, grad_bias),
        grad_out,
        input,
        tuple(normalized_shape),
        mean,
        rstd,
        weight,
        bias,
        output_mask,
    )


def layer_norm_jvp(input_p, input_t, weight_p, weight_t, bias_t, mean, rstd, normalized_shape):
    """torch's layer_norm_jvp."""
    ndim = input_p.dim()
    dims = tuple(range(ndim - len(normalized_shape), ndim))
    centered_t = input_t - input_t.mean(dims, keepdim=True)
    rstd_t = -rstd.pow(3) * (centered_t * (input_p - mean)).mean(dims, keepdim=True)
    result = centered_t * rstd + (input_p - mean) * rstd_t
    if weight_p is not None:
        result = result * weight_p + (input_p - mean) * rstd * weight_t
    if bias_t is not None:
        result = result + bias_t
    return result


def layer_norm_double_backward(input, gamma, ggI, ggG, ggB, gO, mean, rstd, normalized_shape, output_mask):
    ndim = input.dim()
    dims = tuple(range(ndim - len(normalized_shape), ndim))
    batch = tuple(range(ndim - len(normalized_shape)))
    return _normalization_double_backward(
        input, gamma, ggI, ggG, ggB, gO, mean, rstd, dims, batch, True, output_mask
    )


# ---- native_group_norm ----------------------------------------------------------------------------------
def _check_group_norm(input, weight, bias, C, group):
    """ATen's check_group_norm_inputs (whose bias message shows the weight's shape, as torch's does)."""
    if group <= 0:
        raise RuntimeError(f"Expected num groups to be greater than 0, got {group}")
    shape = _shape_str(input._data.shape)
    if C % group:
        raise RuntimeError(
            "Expected number of channels in input to be divisible by num_groups, but got input of shape "
            f"{shape} and num_groups={group}"
        )
    weight_shape = _shape_str((0,) if weight is None else weight._data.shape)
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and (t._data.ndim != 1 or t._data.size != C):
            raise RuntimeError(
                f"Expected {name} to be a vector of size equal to the number of channels in input, but got "
                f"{name} of shape {weight_shape} and input of shape {shape}"
            )


def native_group_norm(input, weight, bias, N, C, HxW, group, eps):
    """(output, mean, rstd): the input's channels in `group` groups, each (sample, group) normalized over
    its channels and positions; mean and rstd are (N, group), in the parameters' dtype."""
    _check_group_norm(input, weight, bias, C, group)
    _check_mixed_dtypes(input, weight, bias)
    _check_floating(input, "GroupNormKernelImpl")
    x = input._data
    if x.size != N * C * HxW:
        raise RuntimeError("Expected X.numel() == N * C * HxW to be true, but got false.")
    stats_dtype = next((p._data.dtype for p in (weight, bias) if p is not None), x.dtype)
    grouped = x.astype(np.float64).reshape(N, group, C // group * HxW)
    with silent():
        mean = grouped.mean(axis=2, keepdims=True)
        var = np.maximum(np.square(grouped - mean).mean(axis=2, keepdims=True), 0.0)
        rstd = 1.0 / np.sqrt(var + eps)
        output = ((grouped - mean) * rstd).reshape(N, C, HxW)
        if weight is not None:
            output = output * weight._data.reshape(-1, 1)
        if bias is not None:
            output = output + bias._data.reshape(-1, 1)
    datas = (
        output.reshape(x.shape).astype(x.dtype),
        mean.reshape(N, group).astype(stats_dtype),
        rstd.reshape(N, group).astype(stats_dtype),
    )
    return rows.NATIVE_GROUP_NORM.record(datas, input, weight, bias, N, C, HxW, group, eps)


def _grouped(t, group):
    """(N, C, *) as (N, group, C // group, positions)."""
    positions = 1
    for n in t.shape[2:]:
        positions *= n
    return t.reshape((t.shape[0], group, t.shape[1] // group, positions))


def _group_stats(stat, group):
    return stat.reshape((stat.shape[0], group, 1, 1))


def group_norm_backward(grads, input, mean, rstd, weight, group, eps, output_mask):
    """The gradients of native_group_norm's (input, weight, bias) for the gradients of its (output, mean,
    rstd), with minigrad ops so that they are differentiable again. With xhat the normalized input and g the
    output's gradient scaled by weight: d input = rstd * (g - mean(g) - xhat * mean(g * xhat)) per group,
    plus the statistics' gradients through d mean / dx = 1 / M and d rstd / dx = -rstd^3 (x - mean) / M."""
    grad_out, grad_mean, grad_rstd = grads
    x = _grouped(input, group)
    mean, rstd = _group_stats(mean, group), _group_stats(rstd, group)
    count = x.shape[2] * x.shape[3]
    centered = x - mean
    xhat = centered * rstd
    dy = None if grad_out is None else _grouped(grad_out, group)
    grad_input = grad_weight = grad_bias = None
    if output_mask[0]:
        terms = []
        if dy is not None:
            g = dy if weight is None else dy * weight.reshape((1, group, -1, 1))
            g_mean = g.mean((2, 3), keepdim=True)
            terms.append(rstd * (g - g_mean - xhat * (g * xhat).mean((2, 3), keepdim=True)))
        if grad_mean is not None:
            terms.append((_group_stats(grad_mean, group) / count).expand(x.shape))
        if grad_rstd is not None:
            terms.append(-(rstd * rstd * rstd) * centered * _group_stats(grad_rstd, group) / count)
        for term in terms:
            grad_input = term if grad_input is None else grad_input + term
        if grad_input is not None:
            grad_input = grad_input.reshape(input.shape)
    if dy is not None and weight is not None:
        if output_mask[1]:
            grad_weight = (dy * xhat).sum((0, 3)).reshape(weight.shape)
        if output_mask[2]:
            grad_bias = dy.sum((0, 3)).reshape(weight.shape)
    return grad_input, grad_weight, grad_bias


def group_norm_mean_jvp(input_t, group):
    return _grouped(input_t, group).mean((2, 3))


def group_norm_invstd_jvp(input_p, input_t, mean, rstd, group):
    centered = _grouped(input_p, group) - _group_stats(mean, group)
    return -(rstd * rstd * rstd) * (centered * _grouped(input_t, group)).mean((2, 3))


def group_norm_jvp(input_p, input_t, weight_p, weight_t, bias_t, mean, rstd, group):
    x, x_t = _grouped(input_p, group), _grouped(input_t, group)
    centered = x - _group_stats(mean, group)
    rstd_g = _group_stats(rstd, group)
    rstd_t = _group_stats(group_norm_invstd_jvp(input_p, input_t, mean, rstd, group), group)
    normalized_t = ((x_t - x_t.mean((2, 3), keepdim=True)) * rstd_g + centered * rstd_t).reshape(
        input_p.shape
    )
    if weight_p is None:
        result = normalized_t
    else:
        channel = (1, -1) + (1,) * (input_p.dim() - 2)
        normalized = (centered * rstd_g).reshape(input_p.shape)
        result = normalized_t * weight_p.reshape(channel) + normalized * weight_t.reshape(channel)
    if bias_t is not None:
        result = result + bias_t.reshape((1, -1) + (1,) * (input_p.dim() - 2))
    return result


# ---- batch_norm / layer_norm as torch calls them -----------------------------------------------------------
def _check_features(name, expected, t):
    if t is not None and t._data.size != expected:
        raise RuntimeError(f"{name} should contain {expected} elements not {t._data.size}")


def _float_arg(value, fn, name, position):
    if type(value) is float or is_number(value):
        return float(value)
    raise type_error(fn, name, position, "float", value)


def batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled=False):
    """torch.batch_norm: its checks, then native_batch_norm's output."""
    tensor_arg(input, "batch_norm", "input", 1)
    for position, (name, t) in enumerate(
        (("weight", weight), ("bias", bias), ("running_mean", running_mean), ("running_var", running_var)), 2
    ):
        if t is not None:
            tensor_arg(t, "batch_norm", name, position)
    momentum = _float_arg(momentum, "batch_norm", "momentum", 7)
    eps = _float_arg(eps, "batch_norm", "eps", 8)
    features = input._data.shape[1] if input._data.ndim > 1 else 0
    if input._data.size == 0:  # ATen's shortcut for an empty batch
        output = input.clone()
        if weight is not None:
            output = output * weight[0]
        if bias is not None:
            output = output + bias[0]
        return output
    if running_mean is not None:
        _check_features("running_mean", features, running_mean)
    elif not training:
        raise RuntimeError("running_mean must be defined in evaluation mode")
    if running_var is not None:
        _check_features("running_var", features, running_var)
    elif not training:
        raise RuntimeError("running_var must be defined in evaluation mode")
    _check_features("weight", features, weight)
    _check_features("bias", features, bias)
    return native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps)[0]


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5, cudnn_enable=True):
    """torch.layer_norm: native_layer_norm's output."""
    tensor_arg(input, "layer_norm", "input", 1)
    normalized_shape = int_list_arg(normalized_shape, "layer_norm", "normalized_shape", 2, allow_int=False)
    for position, (name, t) in enumerate((("weight", weight), ("bias", bias)), 3):
        if t is not None:
            tensor_arg(t, "layer_norm", name, position)
    eps = _float_arg(eps, "layer_norm", "eps", 5)
    return native_layer_norm(input, normalized_shape, weight, bias, eps)[0]


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5, cudnn_enabled=True):
    """torch.group_norm: ATen's checks, then native_group_norm's output on the contiguous input."""
    tensor_arg(input, "group_norm", "input", 1)
    num_groups = int_arg(num_groups, "group_norm", "num_groups", 2)
    for position, (name, t) in enumerate((("weight", weight), ("bias", bias)), 3):
        if t is not None:
            tensor_arg(t, "group_norm", name, position)
    eps = _float_arg(eps, "group_norm", "eps", 5)
    shape = input._data.shape
    N, C = shape[0], shape[1]
    HxW = int(np.prod(shape[2:], dtype=np.int64))
    _check_group_norm(input, weight, bias, C, num_groups)
    weight = None if weight is None else contiguous(weight)
    bias = None if bias is None else contiguous(bias)
    return native_group_norm(contiguous(input), weight, bias, N, C, HxW, num_groups, eps)[0]


def _repeat_if_defined(t, times):
    return None if t is None else t.repeat(times)


def instance_norm(
    input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps, cudnn_enabled=False
):
    """torch.instance_norm as ATen computes it: batch norm of the input viewed as one sample of N * C
    channels, with the parameters and running statistics repeated N times; the running statistics then
    take the mean of their N updated copies."""
    tensor_arg(input, "instance_norm", "input", 1)
    if not use_input_stats and (running_mean is None or running_var is None):
        raise RuntimeError(
            "Expected running_mean and running_var to be defined when use_input_stats is false"
        )
    shape = input._data.shape
    b, c = shape[0], shape[1]
    weight_, bias_ = _repeat_if_defined(weight, b), _repeat_if_defined(bias, b)
    running_mean_, running_var_ = _repeat_if_defined(running_mean, b), _repeat_if_defined(running_var, b)
    reshaped = contiguous(input).view((1, b * c) + tuple(shape[2:]))
    out = batch_norm(reshaped, weight_, bias_, running_mean_, running_var_, use_input_stats, momentum, eps)
    if running_mean is not None:
        running_mean.copy_(running_mean_.view((b, c)).mean(0, False))
    if running_var is not None:
        running_var.copy_(running_var_.view((b, c)).mean(0, False))
    return out.view(shape)


at.register(
    group_norm_backward=group_norm_backward,
    group_norm_jvp=group_norm_jvp,
    group_norm_mean_jvp=group_norm_mean_jvp,
    group_norm_invstd_jvp=group_norm_invstd_jvp,
    native_batch_norm_backward=native_batch_norm_backward,
    batch_norm_jvp=batch_norm_jvp,
    batchnorm_double_backward=batchnorm_double_backward,
    native_layer_norm_backward=native_layer_norm_backward,
    layer_norm_jvp=layer_norm_jvp,
    layer_norm_double_backward=layer_norm_double_backward,
)
