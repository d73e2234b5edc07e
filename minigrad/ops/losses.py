"""The ATen losses under torch.nn.functional: mse_loss, nll_loss (torch's nll_loss_forward) and nll_loss2d,
binary_cross_entropy(_with_logits), with the gradients' own ops mse_loss_backward, nll_loss(2d)_backward and
binary_cross_entropy_backward (the others' gradients are composites, as in torch's FunctionsManual).

Forwards only: what each saves and how it differentiates is its row in derivatives/losses.py.
"""

import numpy as np

from .._core import grad_mode
from .._core.dtypes import SCALAR_TYPE_NAMES, result_type
from .._core.fp import silent
from .._core.layout import in_torch_layout
from ..derivatives import at
from ..derivatives import losses as rows
from ..derivatives.losses import REDUCTION_MEAN, REDUCTION_NONE, REDUCTION_SUM
from . import make_output
from .reductions import saved_dim
from .signatures import parse, signatures

__all__ = [
    "REDUCTION_MEAN",
    "REDUCTION_NONE",
    "REDUCTION_SUM",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "huber_loss",
    "kl_div",
    "mse_loss",
    "nll_loss",
    "nll_loss2d",
    "smooth_l1_loss",
]


def scalar_name(t):
    return SCALAR_TYPE_NAMES[t.dtype]


def _shape_str(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


def apply_loss_reduction(unreduced, reduction):
    if reduction == REDUCTION_MEAN:
        return unreduced.mean()
    if reduction == REDUCTION_SUM:
        return unreduced.sum()
    return unreduced


# ---- mse_loss ----------------------------------------------------------------------------------------------
def mse_loss(input, target, reduction=REDUCTION_MEAN):
    """ATen mse_loss on same-shape tensors (torch.nn.functional.mse_loss broadcasts first)."""
    dtype = result_type(input, target)
    if dtype.kind != "f":
        raise NotImplementedError(f"\"mse_cpu\" not implemented for '{scalar_name(input)}'")
    # computed in the promoted dtype; the node keeps the inputs as they are (the engine casts their grads)
    with silent():  # overflow, inf - inf and the mean of nothing: silently, as in torch
        squared = np.square(input._data.astype(dtype, copy=False) - target._data.astype(dtype, copy=False))
        if reduction == REDUCTION_MEAN:
            result = np.mean(squared) if squared.size else np.array(np.nan, dtype)
        elif reduction == REDUCTION_SUM:
            result = np.sum(squared)
        elif input._data.flags.c_contiguous and target._data.flags.c_contiguous:
            result = squared
        else:
            result = in_torch_layout(squared, (input._data, target._data))
    return rows.MSE_LOSS.record(np.asarray(result, dtype), input, target, reduction)


def mse_loss_backward(grad_output, input, target, reduction):
    """d mse_loss / d input: norm * (input - target) * grad_output, norm = 2 (/ numel for 'mean')."""
    dtype = result_type(input, target)
    norm = 2.0 / input._data.size if reduction == REDUCTION_MEAN and input._data.size else 2.0
    difference = input._data.astype(dtype, copy=False) - target._data.astype(dtype, copy=False)
    value = dtype.type(norm) * difference * grad_output._data.astype(dtype, copy=False)
    return rows.MSE_LOSS_BACKWARD.record(value, grad_output, input, target, reduction)


def mse_loss_double_backward(grad, input, reduction):
    """torch's: 2 * grad, divided by input's numel for 'mean'."""
    grad_input = at.mul_scalar(grad, 2)
    if reduction == REDUCTION_MEAN:
        grad_input = at.div_scalar(grad_input, input._data.size)
    return grad_input


# ---- nll_loss / nll_loss2d ---------------------------------------------------------------------------------
def _class_axis_target(target, ndim):
    """target with a class axis inserted where the input has it (axis 1, or 0 for 1-d input)."""
    return target.reshape(-1) if ndim == 1 else np.expand_dims(target, 1)


def _picked_weights(input, target, weight, ignore_index):
    """weight[target] per target element (1 without weights), 0 where target == ignore_index."""
    valid = target != ignore_index
    safe = np.where(valid, target, 0).astype(np.int64)
    picked = np.ones(safe.shape, input.dtype) if weight is None else weight._data[safe]
    return np.where(valid, picked, 0).astype(input.dtype)


def _one_hot(target, shape, values, valid):
    """An array of `shape` holding values[...] at the target class of every valid element and 0 elsewhere
    (a +0: torch writes nothing for an ignored element, so its -0 * grad never appears)."""
    ndim = len(shape)
    out = np.zeros(shape, values.dtype)
    index = _class_axis_target(np.where(valid, target, 0).astype(np.int64), ndim)
    values = np.where(valid, values, 0).astype(values.dtype, copy=False)
    np.put_along_axis(out, index, _class_axis_target(values, ndim), axis=0 if ndim == 1 else 1)
    return out


def _nll_backward_data(grad_output, input, target, weight, reduction, ignore_index, total_weight):
    """d nll_loss / d input: -weight[target] * grad_output (/ total_weight for 'mean') at target classes."""
    labels = target._data
    coefficients = -_picked_weights(input._data, labels, weight, ignore_index)
    grad = grad_output._data
    if reduction == REDUCTION_MEAN:
        with silent():
            grad = grad / total_weight._data
    elif reduction == REDUCTION_NONE and input._data.ndim > 1:
        grad = np.expand_dims(grad, 1)
    if not np.any(labels != ignore_index):
        return np.zeros(input._data.shape, input._data.dtype)  # torch writes nothing: not 0 * grad / 0
    value = _one_hot(labels, input._data.shape, coefficients, labels != ignore_index) * grad
    return value.astype(input._data.dtype, copy=False)


def nll_loss_backward(grad_output, input, target, weight, reduction, ignore_index, total_weight):
    if input._data.ndim == 1 and target._data.ndim == 1 and input._data.shape[0] != target._data.shape[0]:
        # torch's nll_loss_backward rejects the (C,) input with (1,) target that its forward accepts
        raise RuntimeError(
            f"size mismatch (got input: {_shape_str(input._data.shape)}, target: "
            f"{_shape_str(target._data.shape)})"
        )
    value = _nll_backward_data(grad_output, input, target, weight, reduction, ignore_index, total_weight)
    return rows.NLL_LOSS_BACKWARD.record(
        value,
        grad_output,
        input,
        target,
        weight,
        reduction,
        saved_dim(ignore_index),
        total_weight,
        _ignore_index=ignore_index,
    )


def nll_loss2d_backward(grad_output, input, target, weight, reduction, ignore_index, total_weight):
    value = _nll_backward_data(grad_output, input, target, weight, reduction, ignore_index, total_weight)
    return rows.NLL_LOSS2D_BACKWARD.record(
        value,
        grad_output,
        input,
        target,
        weight,
        reduction,
        saved_dim(ignore_index),
        total_weight,
        _ignore_index=ignore_index,
    )


def _check_target_dtype(target):
    if target._data.dtype not in (np.int64, np.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {scalar_name(target)}")


def _check_bounds(target, n_classes, ignore_index):
    bad = (target != ignore_index) & ((target < 0) | (target >= n_classes))
    if np.any(bad):
        raise IndexError(f"Target {int(target[bad].reshape(-1)[0])} is out of bounds.")


def _check_float_input(input, kernel):
    if input._data.dtype.kind != "f":
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{scalar_name(input)}'")


def _check_weight_dtype(input, weight):
    if weight is not None and weight._data.dtype != input._data.dtype:
        raise RuntimeError(f"expected scalar type {scalar_name(input)} but found {scalar_name(weight)}")


def _check_weight_no_grad(weight, fn, argument="weight"):
    if weight is not None and weight._requires_grad and grad_mode.state.grad_enabled:
        raise RuntimeError(
            f"The function '{fn}' is not differentiable with respect to argument '{argument}'. This input "
            "cannot have requires_grad True."
        )


def _reduce(losses, picked, reduction, dtype, batched):
    """(output, total_weight) of the weighted negative log likelihoods `losses`."""
    total_weight = np.asarray(picked.sum(), dtype)
    if reduction == REDUCTION_NONE:
        # torch leaves total_weight at 0 for unreduced batches but still computes it for one sample
        return losses.astype(dtype, copy=False), (np.zeros((), dtype) if batched else total_weight)
    total = np.asarray(losses.sum(), dtype)
    if reduction == REDUCTION_SUM:
        return total, total_weight
    with silent():
        return np.asarray(total / total_weight, dtype), total_weight


def _nll_forward(row, input, target, weight, reduction, ignore_index):
    """(output, total_weight) of torch's nll_loss_forward / nll_loss2d_forward; the caller gets the output."""
    data, labels = input._data, target._data
    picked = _picked_weights(data, labels, weight, ignore_index)
    if data.size and labels.size:
        safe = np.where(labels != ignore_index, labels, 0).astype(np.int64)
        axis = 0 if data.ndim == 1 else 1
        chosen = np.take_along_axis(data, _class_axis_target(safe, data.ndim), axis=axis)
        chosen = chosen.reshape(labels.shape) if data.ndim > 1 else chosen.reshape(())
    else:
        chosen = np.zeros(labels.shape if data.ndim > 1 else (), data.dtype)
    losses = -(chosen * picked.reshape(chosen.shape))
    outputs = _reduce(losses, picked, reduction, data.dtype, data.ndim > 1)
    output, _ = row.record(
        outputs, input, target, weight, reduction, saved_dim(ignore_index), _ignore_index=ignore_index
    )
    return output


def nll_loss(input, target, weight=None, reduction=REDUCTION_MEAN, ignore_index=-100):
    """ATen nll_loss: 1-d input with 0-d/1-d target, or (N, C) input with (N,) target."""
    _check_weight_no_grad(weight, "nll_loss_forward")
    if not 1 <= input._data.ndim <= 2:
        raise RuntimeError("input tensor should be 1D or 2D")
    if target._data.ndim > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    _check_target_dtype(target)
    if input._data.ndim == 1 and target._data.ndim == 1 and target._data.shape[0] != 1:
        raise ValueError(
            f"For 1D input, 1D target must have size 1, but got target size: {target._data.shape[0]}"
        )
    if input._data.ndim == 2 and input._data.shape[0] != target._data.shape[0]:
        raise RuntimeError(
            f"size mismatch (got input: {_shape_str(input._data.shape)}, target: "
            f"{_shape_str(target._data.shape)})"
        )
    n_classes = input._data.shape[-1]
    if weight is not None and not (weight._data.ndim == 1 and weight._data.size == n_classes):
        raise RuntimeError(
            f"weight tensor should be defined either for all {n_classes} classes or no classes but got "
            f"weight tensor of shape: {_shape_str(weight._data.shape)}"
        )
    _check_float_input(input, "nll_loss_out_frame")
    _check_weight_dtype(input, weight)
    _check_bounds(target._data, n_classes, ignore_index)
    return _nll_forward(rows.NLL_LOSS, input, target, weight, reduction, ignore_index)


def nll_loss2d(input, target, weight=None, reduction=REDUCTION_MEAN, ignore_index=-100):
    """ATen nll_loss2d: (N, C, H, W) input with (N, H, W) target."""
    _check_weight_no_grad(weight, "nll_loss2d_forward")
    if target._data.ndim != 3:
        raise RuntimeError(
            "only batches of spatial targets supported (3D tensors) but got targets of dimension: "
            f"{target._data.ndim}"
        )
    _check_target_dtype(target)
    if input._data.ndim != 4:
        raise RuntimeError(
            f"only batches of spatial inputs supported (4D tensors), but got input of dimension: "
            f"{input._data.ndim}"
        )
    shape, target_shape = input._data.shape, target._data.shape
    if shape[0] != target_shape[0] or shape[2:] != target_shape[1:]:
        raise RuntimeError(
            f"size mismatch (got input: {_shape_str(shape)} , target: {_shape_str(target_shape)}"
        )
    n_classes = shape[1]
    if weight is not None and weight._data.size != n_classes:
        raise RuntimeError("weight tensor should be defined either for all or no classes")
    _check_float_input(input, "nll_loss2d_forward_out_frame")
    if target._data.dtype != np.int64:
        raise RuntimeError(f"expected scalar type Long but found {scalar_name(target)}")
    _check_weight_dtype(input, weight)
    _check_bounds(target._data, n_classes, ignore_index)
    return _nll_forward(rows.NLL_LOSS2D, input, target, weight, reduction, ignore_index)


# ---- binary cross entropy ----------------------------------------------------------------------------------
_BCE_EPSILON = 1e-12  # torch's bound on x * (1 - x) in binary_cross_entropy's gradients


def _reduced(losses, reduction, dtype):
    with silent():
        if reduction == REDUCTION_MEAN:
            return np.asarray(np.mean(losses) if losses.size else np.nan, dtype)
        if reduction == REDUCTION_SUM:
            return np.asarray(np.sum(losses), dtype)
        return np.asarray(losses, dtype)


def binary_cross_entropy(input, target, weight=None, reduction=REDUCTION_MEAN):
    """ATen binary_cross_entropy: -w * (t * log(x) + (1 - t) * log(1 - x)), each log bounded below by -100."""
    _check_float_input(input, "binary_cross_entropy")
    if target._data.dtype != input._data.dtype:
        raise RuntimeError(f"Found dtype {scalar_name(target)} but expected {scalar_name(input)}")
    _check_weight_no_grad(weight, "binary_cross_entropy")
    x, t = input._data, target._data
    dtype = x.dtype
    with silent():
        if not np.all((x >= 0) & (x <= 1)):
            raise RuntimeError("all elements of input should be between 0 and 1")
        losses = (t - 1) * np.maximum(np.log1p(-x), -100) - t * np.maximum(np.log(x), -100)
        if weight is not None:
            losses = losses * weight._data.astype(dtype, copy=False)
    result = _reduced(losses, reduction, dtype)
    return rows.BINARY_CROSS_ENTROPY.record(result, input, target, weight, reduction)


def _mean_scale(reduction, input):
    return 1.0 / input._data.size if reduction == REDUCTION_MEAN and input._data.size else 1.0


def binary_cross_entropy_backward(grad_output, input, target, weight, reduction):
    """grad * (x - t) / max(x * (1 - x), 1e-12) * w (/ numel for 'mean')."""
    x, t = input._data, target._data
    with silent():
        data = grad_output._data * (x - t) / np.maximum((1 - x) * x, _BCE_EPSILON)
        if weight is not None:
            data = data * weight._data
        data = np.asarray(data * _mean_scale(reduction, input), x.dtype)
    return rows.BINARY_CROSS_ENTROPY_BACKWARD.record(data, grad_output, input, target, weight, reduction)


def binary_cross_entropy_target_backward(grad, input, target, weight, reduction):
    """-logit(x) * grad * w (/ numel for 'mean'): a create_graph=True graph goes through logit
    (LogitBackward0), as torch's."""
    gradient = -input.logit() * grad
    if weight is not None:
        gradient = gradient * weight
    if reduction == REDUCTION_MEAN:
        gradient = at.div_scalar(gradient, target._data.size)
    return gradient


def binary_cross_entropy_double_backward(grad_output, grad, input, target, weight, reduction):
    """torch's: the derivative of binary_cross_entropy_backward in the input."""
    eps = _BCE_EPSILON
    gradient = (input * input - 2 * input * target + target) / (
        (input + eps).pow(2) * (1 - input + eps).pow(2)
    )
    gradient = gradient * (grad * grad_output)
    if weight is not None:
        gradient = gradient * weight
    if reduction == REDUCTION_MEAN:
        gradient = at.div_scalar(gradient, input._data.size)
    return gradient


def binary_cross_entropy_double_backward_grad_output(grad, input, target, weight, reduction):
    """torch's: binary_cross_entropy_backward is linear in grad_output. Elementwise, also for a reduced loss
    (the engine sums a gradient down to the 0-d grad_output, as torch's does; a forward derivative keeps
    it elementwise)."""
    eps = _BCE_EPSILON
    gradient = (input - target) / ((input + eps) * (1 - input + eps)) * grad
    if weight is not None:
        gradient = gradient * weight
    if reduction == REDUCTION_MEAN:
        return at.div_scalar(gradient, input._data.size)
    return gradient


def binary_cross_entropy_double_backward_target(grad, grad_output, input, target, weight, reduction):
    """torch's: -grad * grad_output / max(x * (1 - x), 1e-12) * w (/ numel for 'mean')."""
    gradient = -grad * grad_output
    if weight is not None:
        gradient = gradient * weight
    denominator = (1 - input) * input
    with grad_mode.no_grad():
        denominator = denominator.clamp_min(_BCE_EPSILON)
    gradient = gradient / denominator
    if reduction == REDUCTION_MEAN:
        gradient = at.div_scalar(gradient, input._data.size)
    return gradient


def _log_sigmoid(x):
    with silent():
        return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


def binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction=REDUCTION_MEAN):
    """ATen's: (1 - t) * x - log_sigmoid(x) * (1 + (pos_weight - 1) * t), times weight, reduced; computed
    with the stable log_sigmoid, so no bound is needed."""
    _check_weight_no_grad(weight, "binary_cross_entropy_with_logits")
    _check_weight_no_grad(pos_weight, "binary_cross_entropy_with_logits", "pos_weight")
    _check_float_input(input, "log_sigmoid_cpu")  # the composite's first op
    dtype = result_type(*(t for t in (input, target, weight, pos_weight) if t is not None))
    x = input._data.astype(dtype, copy=False)
    t = target._data.astype(dtype, copy=False)
    with silent():
        log_sigmoid = _log_sigmoid(x)
        if pos_weight is not None:
            log_sigmoid = log_sigmoid * ((pos_weight._data.astype(dtype, copy=False) - 1) * t + 1)
        losses = (1 - t) * x - log_sigmoid
        if weight is not None:
            losses = losses * weight._data.astype(dtype, copy=False)
    result = _reduced(losses, reduction, dtype)
    return rows.BINARY_CROSS_ENTROPY_WITH_LOGITS.record(result, input, target, weight, pos_weight, reduction)


def binary_cross_entropy_with_logits_backward(grad, input, target, weight, pos_weight, reduction):
    """torch's: (sigmoid(x) * (1 + (pw - 1) * t) - pw * t) * grad * w (/ numel for 'mean')."""
    if pos_weight is not None:
        scaled = pos_weight * target
        gradient = (at.add_scalar(scaled, 1) - target) * input.sigmoid() - scaled
    else:
        gradient = input.sigmoid() - target
    gradient = gradient * grad
    if weight is not None:
        gradient = gradient * weight
    if reduction == REDUCTION_MEAN:
        gradient = at.div_scalar(gradient, input._data.size)
    return gradient


def binary_cross_entropy_with_logits_target_backward(grad, input, target, weight, pos_weight, reduction):
    """torch's: (log_sigmoid(-x) - pw * log_sigmoid(x)) * grad * w, or -x * grad * w without pos_weight."""
    if pos_weight is not None:
        gradient = at.log_sigmoid(-input) - at.log_sigmoid(input) * pos_weight
    else:
        gradient = -input
    gradient = gradient * grad
    if weight is not None:
        gradient = gradient * weight
    if reduction == REDUCTION_MEAN:
        gradient = at.div_scalar(gradient, target._data.size)
    return gradient


# ---- kl_div -----------------------------------------------------------------------------------------------
# torch's Python binding reads the schema's default `reduction=Mean` as the int 0 (atoi of "Mean"), so
# torch.kl_div(input, target) does not reduce; nn.functional.kl_div always passes one
_KL_DIV = signatures("(Tensor input, Tensor target, int reduction = 0, *, bool log_target = False)")


def kl_div(*args, **kwargs):
    """ATen's composite: exp(t) * (t - x) for a log target, else xlogy(t, t) - t * x; then reduced."""
    _, values = parse("kl_div", _KL_DIV, args, kwargs)
    input, target = values["input"], values["target"]
    if input._data.dtype.kind not in "fc" or target._data.dtype.kind not in "fc":
        raise RuntimeError("kl_div: Integral inputs not supported.")
    # C++ evaluates the right operand of `a - b` / `a * b` first (GCC): it records its node first, which
    # decides the order the engine runs the two and so the order gradients reach target
    if values["log_target"]:
        difference = target - input
        output = target.exp() * difference
    else:
        product = target * input
        output = at.xlogy(target, target) - product
    return apply_loss_reduction(output, values["reduction"])


# ---- smooth_l1_loss / huber_loss ---------------------------------------------------------------------------
def _pointwise_loss_difference(input, target, dtype):
    return input._data.astype(dtype, copy=False) - target._data.astype(dtype, copy=False)


def smooth_l1_loss(input, target, reduction=REDUCTION_MEAN, beta=1.0):
    """ATen smooth_l1_loss on same-shape tensors: 0.5 * x**2 / beta where |x| < beta, else |x| - 0.5 * beta
    (x = input - target), computed in the promoted dtype."""
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    dtype = result_type(input, target)
    if dtype.kind != "f":
        raise NotImplementedError(f"\"smooth_l1_cpu\" not implemented for '{scalar_name(input)}'")
    with silent():
        z = np.abs(_pointwise_loss_difference(input, target, dtype))
        beta_ = dtype.type(beta)
        losses = np.where(z < beta_, dtype.type(0.5) * z * z / beta_, z - dtype.type(0.5) * beta_)
    return rows.SMOOTH_L1_LOSS.record(_reduced(losses, reduction, dtype), input, target, reduction, beta)


def huber_loss(input, target, reduction=REDUCTION_MEAN, delta=1.0):
    """ATen huber_loss: 0.5 * x**2 where |x| < delta, else delta * (|x| - 0.5 * delta); in input's dtype."""
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    _check_float_input(input, "huber_cpu")
    dtype = input._data.dtype
    with silent():
        z = np.abs(_pointwise_loss_difference(input, target, result_type(input, target))).astype(dtype)
        delta_ = dtype.type(delta)
        half = dtype.type(0.5)
        losses = np.where(z < delta_, half * z * z, delta_ * (z - half * delta_))
    return rows.HUBER_LOSS.record(_reduced(losses, reduction, dtype), input, target, reduction, delta)


def _pointwise_loss_gradient(grad_output, input, target, reduction, bound, beyond, inside):
    """norm * grad * (-beyond where x <= -bound, beyond where x >= bound, inside(x) between), in input's
    dtype (norm: 1 / numel for 'mean')."""
    dtype = input._data.dtype
    x = _pointwise_loss_difference(input, target, dtype)
    norm = dtype.type(_mean_scale(reduction, input))
    grad = np.broadcast_to(grad_output._data.astype(dtype, copy=False), x.shape)
    bound = dtype.type(bound)
    with silent():
        value = np.where(
            x <= -bound,
            -norm * grad * beyond,
            np.where(x >= bound, norm * grad * beyond, inside(norm, x, grad)),
        )
    return np.asarray(value, dtype)


def smooth_l1_loss_backward(grad_output, input, target, reduction, beta):
    beta_ = input._data.dtype.type(beta)
    value = _pointwise_loss_gradient(
        grad_output, input, target, reduction, beta, 1, lambda norm, x, grad: norm * x * grad / beta_
    )
    return rows.SMOOTH_L1_LOSS_BACKWARD.record(value, grad_output, input, target, reduction, beta)


def huber_loss_backward(grad_output, input, target, reduction, delta):
    value = _pointwise_loss_gradient(
        grad_output,
        input,
        target,
        reduction,
        delta,
        input._data.dtype.type(delta),
        lambda norm, x, grad: norm * x * grad,
    )
    return rows.HUBER_LOSS_BACKWARD.record(value, grad_output, input, target, reduction, delta)


def _inside(input, target, bound):
    """|input - target| < bound, as a tensor that records nothing."""
    with grad_mode.no_grad():
        return (input - target).abs() < bound


def smooth_l1_loss_double_backward(grad, input, target, reduction, beta):
    """torch's: grad * (|x| < beta) / beta (/ numel for 'mean'); zeros for beta == 0."""
    if beta == 0:
        return make_output(np.zeros(grad._data.shape, grad._data.dtype), None)
    gradient = at.div_scalar(grad * _inside(input, target, beta).type_as(grad), beta)
    if reduction == REDUCTION_MEAN:
        gradient = at.div_scalar(gradient, input._data.size)
    return gradient


def huber_loss_double_backward(grad, input, target, reduction, delta):
    """torch's: grad * (|x| < delta) (/ numel for 'mean')."""
    gradient = grad * _inside(input, target, delta)
    if reduction == REDUCTION_MEAN:
        gradient = at.div_scalar(gradient, input._data.size)
    return gradient


def huber_loss_double_backward_grad_output(grad, grad_output, input, target, reduction, delta):
    """torch's: huber_loss_backward is linear in grad_output."""
    if reduction == REDUCTION_NONE:
        return huber_loss_backward(grad, input, target, reduction, delta)
    ones = make_output(np.ones(grad_output._data.shape, grad_output._data.dtype), None)
    return (huber_loss_backward(ones, input, target, reduction, delta) * grad).sum()


at.register(
    smooth_l1_loss_backward=smooth_l1_loss_backward,
    smooth_l1_loss_double_backward=smooth_l1_loss_double_backward,
    huber_loss_backward=huber_loss_backward,
    huber_loss_double_backward=huber_loss_double_backward,
    huber_loss_double_backward_grad_output=huber_loss_double_backward_grad_output,
)
at.register(
    binary_cross_entropy_backward=binary_cross_entropy_backward,
    binary_cross_entropy_target_backward=binary_cross_entropy_target_backward,
    binary_cross_entropy_double_backward=binary_cross_entropy_double_backward,
    binary_cross_entropy_double_backward_grad_output=binary_cross_entropy_double_backward_grad_output,
    binary_cross_entropy_double_backward_target=binary_cross_entropy_double_backward_target,
    binary_cross_entropy_with_logits_backward=binary_cross_entropy_with_logits_backward,
    binary_cross_entropy_with_logits_target_backward=binary_cross_entropy_with_logits_target_backward,
    apply_loss_reduction=apply_loss_reduction,
    mse_loss_backward=mse_loss_backward,
    mse_loss_double_backward=mse_loss_double_backward,
    nll_loss=nll_loss,
    nll_loss2d=nll_loss2d,
    nll_loss_backward=nll_loss_backward,
    nll_loss2d_backward=nll_loss2d_backward,
)
