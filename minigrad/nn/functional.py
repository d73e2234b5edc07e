"""torch.nn.functional: activations, softmax, linear and the common losses, with torch's signatures.

Each function follows torch's own decomposition (torch/nn/functional.py and ATen's Linear.cpp /
LossNLL.cpp), so the recorded graph has the same nodes: F.linear on a 2-d input is one AddmmBackward0,
cross_entropy is NllLossBackward0 over LogSoftmaxBackward0, and so on.
"""

import math
import warnings

import numpy as np

from .._core import grad_mode
from .._core.arguments import int_arg, is_number, type_error, type_name
from .._core.tensor import tangent_of
from ..ops import (
    Tensor,
    activations,
    arithmetic,
    broadcast_shapes,
    linalg,
    losses,
    make_output,
    normalization,
    pooling,
    reductions,
    tensor_arg,
    unary,
    upsampling,
)
from ..ops import dropout as _dropout
from ..ops import embedding as _embedding
from ..ops import inplace as inplace_op
from ..ops.arithmetic import div_scalar, mul_scalar
from ..ops.convolution import conv1d, conv2d, conv_transpose1d, conv_transpose2d
from ..ops.distances import cosine_similarity, pairwise_distance
from ..ops.linalg import addmm
from ..ops.losses import REDUCTION_MEAN, REDUCTION_NONE, REDUCTION_SUM
from ..ops.masked import masked_fill_
from ..ops.padding import pad
from ..ops.pooling import (
    adaptive_avg_pool1d,
    avg_pool1d,
    avg_pool2d,
    max_pool1d,
    max_pool1d_with_indices,
    max_pool2d,
)
from ..ops.signatures import check_out, write_out
from ..ops.softmax import implicit_softmax_dim
from ..ops.views import contiguous, expand, t, view

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "adaptive_avg_pool1d",
    "adaptive_avg_pool2d",
    "avg_pool1d",
    "avg_pool2d",
    "max_pool1d",
    "max_pool1d_with_indices",
    "max_pool2d",
    "max_pool2d_with_indices",
    "conv1d",
    "conv2d",
    "conv_transpose1d",
    "conv_transpose2d",
    "cosine_similarity",
    "cross_entropy",
    "celu",
    "elu",
    "elu_",
    "gelu",
    "group_norm",
    "instance_norm",
    "interpolate",
    "logsigmoid",
    "selu",
    "softplus",
    "leaky_relu",
    "leaky_relu_",
    "hardtanh",
    "hardtanh_",
    "relu6",
    "silu",
    "batch_norm",
    "dropout",
    "dropout1d",
    "dropout2d",
    "dropout3d",
    "alpha_dropout",
    "feature_alpha_dropout",
    "embedding",
    "huber_loss",
    "kl_div",
    "l1_loss",
    "layer_norm",
    "linear",
    "log_softmax",
    "mse_loss",
    "nll_loss",
    "normalize",
    "pairwise_distance",
    "one_hot",
    "pad",
    "relu",
    "sigmoid",
    "smooth_l1_loss",
    "softmax",
    "tanh",
    "upsample",
    "upsample_bilinear",
    "upsample_nearest",
]


# ---- activations -------------------------------------------------------------------------------------------
def _method_input(input, method):
    """torch.nn.functional calls `input.<method>(...)`: a non-Tensor raises Python's AttributeError, or
    whatever calling its attribute of that name raises (a numpy scalar's `size` is an int: "'int' object is
    not callable")."""
    if not isinstance(input, Tensor):
        if hasattr(input, method):
            getattr(input, method)()
        raise AttributeError(f"'{type_name(input)}' object has no attribute '{method}'")
    return input


def relu(input, inplace=False):
    return unary.relu_(input) if inplace else unary.relu(input)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    if inplace:
        return activations.leaky_relu_(input, negative_slope)
    return activations.leaky_relu(input, negative_slope)


def leaky_relu_(input, negative_slope=0.01):
    return activations.leaky_relu_(input, negative_slope)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    if min_val > max_val:  # torch checks in Python, before the op looks at its arguments
        raise ValueError("min_val cannot be greater than max_val")
    if inplace:
        return activations.hardtanh_(input, min_val, max_val)
    return activations.hardtanh(input, min_val, max_val)


def hardtanh_(input, min_val=-1.0, max_val=1.0):
    return activations.hardtanh_(input, min_val, max_val)


def relu6(input, inplace=False):
    """hardtanh(input, 0, 6): torch's relu6 is hardtanh (HardtanhBackward0, saving the int bounds)."""
    return activations.hardtanh_(input, 0, 6) if inplace else activations.hardtanh(input, 0, 6)


def softplus(input, beta=1, threshold=20):
    return activations.softplus(input, beta, threshold)


def elu(input, alpha=1.0, inplace=False):
    return activations.elu_(input, alpha) if inplace else activations.elu(input, alpha)


def elu_(input, alpha=1.0):
    return activations.elu_(input, alpha)


def selu(input, inplace=False):
    return activations.selu_(input) if inplace else activations.selu(input)


def celu(input, alpha=1.0, inplace=False):
    return activations.celu_(input, alpha) if inplace else activations.celu(input, alpha)


def logsigmoid(input):
    return activations.log_sigmoid(input)


def gelu(input, approximate="none"):
    return activations.gelu(input, approximate)


def silu(input, inplace=False):
    if inplace:
        tensor_arg(input, "silu_")
        return inplace_op(input, activations.silu)
    return activations.silu(input)


def sigmoid(input):
    return _method_input(input, "sigmoid").sigmoid()


def tanh(input):
    return _method_input(input, "tanh").tanh()


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = implicit_softmax_dim("softmax", _method_input(input, "dim").dim(), _stacklevel)
    input = _method_input(input, "softmax")
    return input.softmax(dim) if dtype is None else input.softmax(dim, dtype=dtype)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    if dim is None:
        dim = implicit_softmax_dim("log_softmax", _method_input(input, "dim").dim(), _stacklevel)
    input = _method_input(input, "log_softmax")
    return input.log_softmax(dim) if dtype is None else input.log_softmax(dim, dtype=dtype)


# ---- linear ------------------------------------------------------------------------------------------------
def linear(input, weight, bias=None):
    """y = input @ weight.T + bias, decomposed like ATen's linear."""
    tensor_arg(input, "linear")
    tensor_arg(weight, "linear", "weight", 2)
    if bias is not None:
        tensor_arg(bias, "linear", "bias", 3)
    input_dim, weight_dim = input._data.ndim, weight._data.ndim
    if input_dim == 0 or weight_dim == 0:
        raise RuntimeError(
            f"both arguments to linear need to be at least 1D, but they are {input_dim}D and {weight_dim}D"
        )
    if bias is not None and input_dim == 2:
        return addmm(bias, input, t(weight))  # the fused op
    if bias is not None and _fusable_bias(bias) and input.is_contiguous():
        return _flatten_nd_linear(input, weight, bias)
    output = linalg.matmul(input, t(weight))
    if bias is not None:
        # torch adds out of place when the bias has a tangent (forward AD), in place otherwise
        output = output + bias if tangent_of(bias) is not None else output.add_(bias)
    return output


def _fusable_bias(bias):
    """ATen's is_bias_likely_fusable: one dimension that is not 1, contiguous."""
    shape = bias._data.shape
    return (len(shape) == 1 or sum(n != 1 for n in shape) == 1) and bias.is_contiguous()


def _flatten_nd_linear(input, weight, bias):
    """Fold all leading dimensions of a contiguous input into one, run addmm, and view the result back."""
    sizes = input._data.shape
    flattened = view(input, (int(np.prod(sizes[:-1])), sizes[-1]))
    result = addmm(bias, flattened, t(weight))
    return view(result, sizes[:-1] + (result._data.shape[1],))


# ---- reductions --------------------------------------------------------------------------------------------
def _legacy_reduction(size_average, reduce):
    """The deprecated size_average/reduce pair as a reduction string, with torch's warning."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = "mean" if size_average and reduce else ("sum" if reduce else "none")
    warnings.warn(
        f"size_average and reduce args will be deprecated, please use reduction='{reduction}' instead.",
        stacklevel=2,  # torch's points at the loss function, in this file
    )
    return reduction


def _reduction_enum(reduction):
    if reduction == "none":
        return REDUCTION_NONE
    if reduction == "mean":
        return REDUCTION_MEAN
    if reduction == "elementwise_mean":
        warnings.warn(
            "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.", stacklevel=2
        )
        return REDUCTION_MEAN
    if reduction == "sum":
        return REDUCTION_SUM
    raise ValueError(f"{reduction} is not a valid value for reduction")


# ---- mse_loss ----------------------------------------------------------------------------------------------
def _broadcast_pair(a, b):
    """torch.broadcast_tensors for two tensors: expand only the ones whose shape changes."""
    if a._data.shape == b._data.shape:
        return a, b
    shape = broadcast_shapes(a._data.shape, b._data.shape)
    return tuple(x if x._data.shape == shape else expand(x, shape) for x in (a, b))


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    if _method_input(target, "size").size() != _method_input(input, "size").size():
        warnings.warn(
            f"Using a target size ({target.size()}) that is different to the input size ({input.size()}). "
            "This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            stacklevel=2,
        )
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    expanded_input, expanded_target = _broadcast_pair(input, target)
    if weight is None:
        return losses.mse_loss(expanded_input, expanded_target, _reduction_enum(reduction))
    if weight.size() != input.size():
        raise ValueError("Weights and input must have the same size.")
    weighted = arithmetic.pow(expanded_input - expanded_target, 2) * weight
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return reductions.sum(weighted)
    if reduction == "mean":
        return reductions.sum(weighted) / reductions.sum(weight)
    raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")


# ---- nll_loss / cross_entropy ------------------------------------------------------------------------------
def _nll_loss_nd(input, target, weight, reduction, ignore_index):
    """ATen nll_loss_nd: 1-d/2-d inputs go to nll_loss, 4-d to nll_loss2d, others are viewed as 4-d."""
    _check_loss_args("nll_loss_nd", input, target, weight, ignore_index)
    ndim = input._data.ndim
    if ndim < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {ndim})")
    batch = target._data.shape[0] if target._data.ndim else 0
    if ndim != 1 and input._data.shape[0] != batch:
        raise ValueError(
            f"Expected input batch_size ({input._data.shape[0]}) to match target batch_size ({batch})."
        )
    if ndim <= 2:
        return losses.nll_loss(input, target, weight, reduction, ignore_index)
    if ndim == 4:
        return losses.nll_loss2d(input, target, weight, reduction, ignore_index)
    n, c = input._data.shape[:2]
    out_size = (n,) + input._data.shape[2:]
    if target._data.shape[1:] != input._data.shape[2:]:
        raise RuntimeError(
            f"Expected target size [{', '.join(map(str, out_size))}], got "
            f"[{', '.join(map(str, target._data.shape))}]"
        )
    input, target = contiguous(input), contiguous(target)
    input = view(input, (n, c, 1, -1) if input._data.size else (n, c, 0, 0))
    target = view(target, (n, 1, -1) if target._data.size else (n, 0, 0))
    out = losses.nll_loss2d(input, target, weight, reduction, ignore_index)
    return view(out, out_size) if reduction == REDUCTION_NONE else out


def _check_loss_args(fn, input, target, weight, ignore_index):
    """The arguments of ATen's nll_loss_nd / cross_entropy_loss, checked in their order."""
    tensor_arg(input, fn)
    tensor_arg(target, fn, "target", 2)
    if weight is not None:
        tensor_arg(weight, fn, "weight", 3)
    if type(ignore_index) is not int:
        int_arg(ignore_index, fn, "ignore_index", 5)


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    return _nll_loss_nd(input, target, weight, _reduction_enum(reduction), ignore_index)


def cross_entropy(
    input,
    target,
    weight=None,
    size_average=None,
    ignore_index=-100,
    reduce=None,
    reduction="mean",
    label_smoothing=0.0,
):
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    reduction = _reduction_enum(reduction)
    _check_loss_args("cross_entropy_loss", input, target, weight, ignore_index)
    if type(label_smoothing) is not float and not is_number(label_smoothing):
        raise type_error("cross_entropy_loss", "label_smoothing", 6, "float", label_smoothing)
    if input._data.shape == target._data.shape:
        # same shapes: the target holds class probabilities
        if target._data.dtype.kind != "f":
            raise RuntimeError(
                "Expected floating point type for target with class probabilities, got "
                + losses.scalar_name(target)
            )
        if ignore_index >= 0:
            raise RuntimeError("ignore_index is not supported for floating point target")
        return _cross_entropy_prob_target(input, target, weight, reduction, label_smoothing)
    if label_smoothing > 0.0:
        _check_label_smoothing(label_smoothing)
        return _cross_entropy_label_smoothing(input, target, weight, reduction, ignore_index, label_smoothing)
    class_dim = 0 if input._data.ndim == 1 else 1
    return _nll_loss_nd(_log_softmax(input, class_dim), target, weight, reduction, ignore_index)


def _log_softmax(input, dim):
    return input.log_softmax(dim, dtype=input.dtype)


def _check_label_smoothing(label_smoothing):
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")


def _class_weight_view(weight, ndim, class_dim):
    """weight viewed so that it broadcasts along the class dimension."""
    if ndim <= 1:
        return weight
    shape = [1] * ndim
    shape[class_dim] = weight._data.shape[0]
    return view(weight, tuple(shape))


def _cross_entropy_prob_target(input, target, weight, reduction, label_smoothing):
    class_dim = 0 if input._data.ndim == 1 else 1
    n_classes = input._data.shape[class_dim]
    if weight is not None and not (weight._data.ndim == 1 and weight._data.size == n_classes):
        raise RuntimeError(
            f"cross_entropy: weight tensor should be defined either for all {n_classes} classes or no "
            f"classes but got weight tensor of shape: [{', '.join(map(str, weight._data.shape))}]"
        )
    log_probs = _log_softmax(input, class_dim)
    if label_smoothing > 0.0:
        _check_label_smoothing(label_smoothing)
        target = mul_scalar(target, 1 - label_smoothing) + label_smoothing / n_classes
    products = log_probs * target
    if weight is not None:
        products = products * _class_weight_view(weight, log_probs._data.ndim, class_dim)
    if reduction == REDUCTION_NONE:
        return -reductions.sum(products, class_dim)
    total = -reductions.sum(products)
    if reduction == REDUCTION_SUM:
        return total
    if log_probs._data.size == 0:
        return -reductions.sum(products).fill_(float("nan"))
    return div_scalar(total, log_probs._data.size // n_classes)


def _cross_entropy_label_smoothing(input, target, weight, reduction, ignore_index, label_smoothing):
    class_dim = 0 if input._data.ndim == 1 else 1
    log_probs = _log_softmax(input, class_dim)
    nll = _nll_loss_nd(log_probs, target, weight, reduction, ignore_index)
    n_classes = log_probs._data.shape[class_dim]
    if weight is not None:
        smooth_loss = -reductions.sum(
            log_probs * _class_weight_view(weight, log_probs._data.ndim, class_dim), class_dim
        )
    else:
        smooth_loss = -reductions.sum(log_probs, class_dim)
    ignore_mask = target == ignore_index
    smooth_loss = masked_fill_(smooth_loss, ignore_mask, 0.0)
    if reduction == REDUCTION_MEAN:
        if weight is not None:
            kept = target._data[~ignore_mask._data].reshape(-1)
            denominator = make_output(np.asarray(weight._data[kept].sum(), weight._data.dtype), None)
        else:
            denominator = reductions.sum(make_output(~ignore_mask._data, None))
        smoothed = reductions.sum(smooth_loss) / denominator
    elif reduction == REDUCTION_SUM:
        smoothed = reductions.sum(smooth_loss)
    else:
        smoothed = smooth_loss
    return mul_scalar(nll, 1 - label_smoothing) + mul_scalar(smoothed, label_smoothing / n_classes)


# ---- l1_loss -----------------------------------------------------------------------------------------------
def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """ATen's l1_loss: |input - target|, then the reduction (MeanBackward0 over AbsBackward0)."""
    if _method_input(target, "size").size() != _method_input(input, "size").size():
        warnings.warn(
            f"Using a target size ({target.size()}) that is different to the input size ({input.size()}). "
            "This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            stacklevel=2,
        )
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    expanded_input, expanded_target = _broadcast_pair(input, target)
    if weight is not None:
        if weight.size() != input.size():
            raise ValueError("Weights and input must have the same size.")
        weighted = arithmetic.abs(expanded_input - expanded_target) * weight
        if reduction == "none":
            return weighted
        if reduction == "sum":
            return reductions.sum(weighted)
        if reduction == "mean":
            return reductions.sum(weighted) / reductions.sum(weight)
        raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")
    return _l1_loss(expanded_input, expanded_target, _reduction_enum(reduction))


def _l1_loss(expanded_input, expanded_target, reduction):
    losses = arithmetic.abs(expanded_input - expanded_target)
    if reduction == REDUCTION_MEAN:
        return reductions.mean(losses)
    if reduction == REDUCTION_SUM:
        return reductions.sum(losses)
    return losses


# ---- smooth_l1_loss / huber_loss / kl_div -----------------------------------------------------------------
def _warn_size_mismatch(input, target):
    if _method_input(target, "size").size() != _method_input(input, "size").size():
        warnings.warn(
            f"Using a target size ({target.size()}) that is different to the input size ({input.size()}). "
            "This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            stacklevel=3,
        )


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """ATen's smooth_l1_loss on the broadcast inputs; l1_loss's graph for beta == 0, as torch."""
    _warn_size_mismatch(input, target)
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    expanded_input, expanded_target = _broadcast_pair(input, target)
    if beta == 0.0:
        return _l1_loss(expanded_input, expanded_target, _reduction_enum(reduction))
    return losses.smooth_l1_loss(expanded_input, expanded_target, _reduction_enum(reduction), beta)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    _warn_size_mismatch(input, target)
    expanded_input, expanded_target = _broadcast_pair(input, target)
    if weight is None:
        return losses.huber_loss(expanded_input, expanded_target, _reduction_enum(reduction), delta)
    if weight.size() != input.size():
        raise ValueError("Weights and input must have the same size.")
    weighted = losses.huber_loss(expanded_input, expanded_target, REDUCTION_NONE, delta) * weight
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return reductions.sum(weighted)
    if reduction == "mean":
        return weighted.mean()
    raise ValueError(f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'.")


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """ATen's kl_div; 'batchmean' is its sum divided by the batch size."""
    if size_average is not None or reduce is not None:
        reduction_enum = _reduction_enum(_legacy_reduction(size_average, reduce))
    else:
        if reduction == "mean":
            warnings.warn(
                "reduction: 'mean' divides the total loss by both the batch size and the support size."
                "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
                stacklevel=2,
            )
        reduction_enum = _reduction_enum("sum" if reduction == "batchmean" else reduction)
    reduced = losses.kl_div(input, target, reduction_enum, log_target=log_target)
    if reduction == "batchmean" and input.dim() != 0:
        reduced = reduced / input.size()[0]
    return reduced


# ---- normalize ---------------------------------------------------------------------------------------------
def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(norm(input, p, dim), eps), the norm expanded back (torch's Python composite)."""
    if out is None:
        denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
        return input / denom
    denom = input.norm(p, dim, keepdim=True).clamp_min_(eps).expand_as(input)
    check_out("div", out, input, denom)
    return write_out(out, arithmetic.div(input, denom)._data)


# ---- dropout ----------------------------------------------------------------------------------------------
def _check_probability(p):
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def dropout(input, p=0.5, training=True, inplace=False):
    """ATen's dropout: input * (bernoulli_(1 - p) / (1 - p)), the mask drawn from torch's stream; the
    input itself when there is nothing to drop."""
    _check_probability(p)
    return (_dropout.dropout_ if inplace else _dropout.dropout)(input, p, training)


def alpha_dropout(input, p=0.5, training=False, inplace=False):
    _check_probability(p)
    return (_dropout.alpha_dropout_ if inplace else _dropout.alpha_dropout)(input, p, training)


def feature_alpha_dropout(input, p=0.5, training=False, inplace=False):
    _check_probability(p)
    return (_dropout.feature_alpha_dropout_ if inplace else _dropout.feature_alpha_dropout)(
        input, p, training
    )


def _feature_dropout(input, p, training, inplace):
    """ATen's feature_dropout: whole channels dropped, one bernoulli_(1 - p) draw per (sample, channel)."""
    return (_dropout.feature_dropout_ if inplace else _dropout.feature_dropout)(input, p, training)


def dropout1d(input, p=0.5, training=True, inplace=False):
    _check_probability(p)
    ndim = _method_input(input, "dim").dim()
    if ndim not in (2, 3):
        raise RuntimeError(
            f"dropout1d: Expected 2D or 3D input, but received a {ndim}D input. "
            "Note that dropout1d exists to provide channel-wise dropout on inputs with 1 "
            "spatial dimension, a channel dimension, and an optional batch dimension "
            "(i.e. 2D or 3D inputs)."
        )
    batched = ndim == 3
    if not batched:
        input = input.unsqueeze_(0) if inplace else input.unsqueeze(0)
    result = _feature_dropout(input, p, training, inplace)
    if not batched:
        result = result.squeeze_(0) if inplace else result.squeeze(0)
    return result


def dropout2d(input, p=0.5, training=True, inplace=False):
    _check_probability(p)
    ndim = _method_input(input, "dim").dim()
    if ndim not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {ndim}-D input to dropout2d, which is deprecated "
            "and will result in an error in a future release. To retain the behavior "
            "and silence this warning, please use dropout instead. Note that dropout2d "
            "exists to provide channel-wise dropout on inputs with 2 spatial dimensions, "
            "a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).",
            stacklevel=2,
        )
    if ndim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise "
            "1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C "
            "is the channel dim. This behavior will change in a future release to interpret the "
            "input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D "
            "channel-wise dropout behavior, please switch to using dropout1d instead.",
            stacklevel=2,
        )
    return _feature_dropout(input, p, training, inplace)


def dropout3d(input, p=0.5, training=True, inplace=False):
    _check_probability(p)
    ndim = _method_input(input, "dim").dim()
    if ndim not in (4, 5):
        warnings.warn(
            f"dropout3d: Received a {ndim}-D input to dropout3d, which is deprecated "
            "and will result in an error in a future release. To retain the behavior "
            "and silence this warning, please use dropout instead. Note that dropout3d "
            "exists to provide channel-wise dropout on inputs with 3 spatial dimensions, "
            "a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).",
            stacklevel=2,
        )
    batched = ndim == 5
    if not batched:
        input = input.unsqueeze_(0) if inplace else input.unsqueeze(0)
    result = _feature_dropout(input, p, training, inplace)
    if not batched:
        result = result.squeeze_(0) if inplace else result.squeeze(0)
    return result


# ---- one_hot -----------------------------------------------------------------------------------------------
def one_hot(tensor, num_classes=-1):
    """An int64 tensor with one more dimension of size num_classes (max + 1 when -1), 1 at each class."""
    tensor_arg(tensor, "one_hot")
    data = tensor._data
    if data.dtype != np.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    num_classes = int_arg(num_classes, "one_hot", "num_classes", 2)
    if data.size == 0:
        if num_classes <= 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        return make_output(np.zeros(data.shape + (num_classes,), dtype=np.int64), None)
    if data.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if num_classes == -1:
        num_classes = int(data.max()) + 1
    elif data.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    return make_output((data[..., None] == np.arange(num_classes)).astype(np.int64), None)


# ---- binary cross entropy ----------------------------------------------------------------------------------
def _infer_size(target_size, weight_size):
    """torch's _infer_size: the broadcast of two sizes, with its message when they do not broadcast."""
    ndim = max(len(target_size), len(weight_size))
    result = []
    for i in range(ndim - 1, -1, -1):
        offset = ndim - 1 - i
        a = target_size[len(target_size) - 1 - offset] if offset < len(target_size) else 1
        b = weight_size[len(weight_size) - 1 - offset] if offset < len(weight_size) else 1
        if a != b and a != 1 and b != 1:
            raise RuntimeError(
                f"Attempting to broadcast a dimension of length {b} at {-offset - 1}! Mismatching argument "
                f"at index 1 had torch.Size({list(weight_size)}); but expected shape should be "
                f"broadcastable to [{', '.join(map(str, target_size))}]"
            )
        result.insert(0, b if a == 1 else a)
    return tuple(result)


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    reduction_enum = _reduction_enum(reduction)
    if _method_input(target, "size").size() != _method_input(input, "size").size():
        raise ValueError(
            f"Using a target size ({target.size()}) that is different to the input size ({input.size()}) is "
            "deprecated. Please ensure they have the same size."
        )
    if weight is not None:
        weight = expand(weight, _infer_size(target.size(), _method_input(weight, "size").size()))
    return losses.binary_cross_entropy(input, target, weight, reduction_enum)


def binary_cross_entropy_with_logits(
    input, target, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None
):
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    reduction_enum = _reduction_enum(reduction)
    if _method_input(target, "size").size() != _method_input(input, "size").size():
        raise ValueError(f"Target size ({target.size()}) must be the same as input size ({input.size()})")
    return losses.binary_cross_entropy_with_logits(input, target, weight, pos_weight, reduction_enum)


# ---- pooling -----------------------------------------------------------------------------------------------
def max_pool2d_with_indices(
    input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False
):
    return pooling.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices=True)


def _list_with_default(out_size, defaults):
    """torch's _list_with_default: None entries of an output size stand for the input's sizes."""
    if isinstance(out_size, int):
        return out_size
    if len(defaults) <= len(out_size):
        raise ValueError(f"Input dimension should be at least {len(out_size) + 1}")
    return [v if v is not None else d for v, d in zip(out_size, defaults[-len(out_size) :])]


def adaptive_avg_pool2d(input, output_size):
    return pooling.adaptive_avg_pool2d(
        input, _list_with_default(output_size, _method_input(input, "size").size())
    )


# ---- embedding ---------------------------------------------------------------------------------------------
def embedding(
    input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False
):
    """The rows of `weight` that `input` indexes; padding_idx's row gets no gradient; rows picked are first
    renormalised to max_norm (in place, without recording) when it is given."""
    if padding_idx is not None:
        if padding_idx > 0:
            if padding_idx >= _method_input(weight, "size").size(0):
                raise AssertionError("Padding_idx must be within num_embeddings")
        elif padding_idx < 0:
            if padding_idx < -_method_input(weight, "size").size(0):
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx = weight.size(0) + padding_idx
    else:
        padding_idx = -1
    if max_norm is not None:
        input = _method_input(input, "contiguous").contiguous()
        with grad_mode.no_grad():
            _embedding.embedding_renorm_(weight, input, max_norm, norm_type)
    return _embedding.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse)


# ---- normalization -----------------------------------------------------------------------------------------
def _verify_batch_size(size):
    values = size[0]
    for n in size[2:]:
        values *= n
    if values == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input size {size}")


def batch_norm(
    input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5
):
    if training:
        _verify_batch_size(_method_input(input, "size").size())
    return normalization.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    return normalization.layer_norm(input, normalized_shape, weight, bias, eps)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    if _method_input(input, "dim").dim() < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received {input.dim()}")
    size = input.size()
    _verify_batch_size([size[0] * size[1] // num_groups, num_groups] + list(size[2:]))
    return normalization.group_norm(input, num_groups, weight, bias, eps)


def _verify_spatial_size(size):
    values = 1
    for n in size[2:]:
        values *= n
    if values == 1:
        raise ValueError(f"Expected more than 1 spatial element when training, got input size {size}")


def instance_norm(
    input,
    running_mean=None,
    running_var=None,
    weight=None,
    bias=None,
    use_input_stats=True,
    momentum=0.1,
    eps=1e-5,
):
    if use_input_stats:
        _verify_spatial_size(_method_input(input, "size").size())
    return normalization.instance_norm(
        input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps
    )


# ---- interpolation -----------------------------------------------------------------------------------------
_INTERPOLATION_MODES = "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"
_UPSAMPLE_KERNELS = {
    ("nearest", 3): "upsample_nearest1d",
    ("nearest", 4): "upsample_nearest2d",
    ("nearest", 5): "upsample_nearest3d",
    ("nearest-exact", 3): "_upsample_nearest_exact1d",
    ("nearest-exact", 4): "_upsample_nearest_exact2d",
    ("nearest-exact", 5): "_upsample_nearest_exact3d",
    ("linear", 3): "upsample_linear1d",
    ("bilinear", 4): "upsample_bilinear2d",
    ("trilinear", 5): "upsample_trilinear3d",
    ("bicubic", 4): "upsample_bicubic2d",
}
_LINEAR_MODE_RANKS = {"linear": 3, "bilinear": 4, "trilinear": 5}


def _is_integer(x):
    return isinstance(x, int | np.integer) or (isinstance(x, Tensor) and not x.is_floating_point())


def _interpolation_sizes(input, size, scale_factor, dim):
    """(output_size, scale_factors): exactly one is a list of one entry per spatial dimension."""
    spatial = list(input.shape[2:])
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if not isinstance(size, list | tuple):
            return [size for _ in range(dim)], None
        if len(size) != dim:
            raise ValueError(
                "Input and output must have the same number of spatial dimensions, but got input with "
                f"spatial dimensions of {spatial} and output size of {size}. Please provide input tensor in "
                "(N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format."
            )
        if not all(_is_integer(x) for x in size):
            raise TypeError(
                "expected size to be one of int or Tuple[int] or Tuple[int, int] or Tuple[int, int, int], "
                f"but got size with types {[type(x) for x in size]}"
            )
        return size, None
    if scale_factor is not None:
        if not isinstance(scale_factor, list | tuple):
            return None, [scale_factor for _ in range(dim)]
        if len(scale_factor) != dim:
            raise ValueError(
                "Input and scale_factor must have the same number of spatial dimensions, but got input with "
                f"spatial dimensions of {spatial} and scale_factor of shape {scale_factor}. Please provide "
                "input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format."
            )
        return None, scale_factor
    raise ValueError("either size or scale_factor should be defined")


def interpolate(
    input,
    size=None,
    scale_factor=None,
    mode="nearest",
    align_corners=None,
    recompute_scale_factor=None,
    antialias=False,
):
    """torch's checks, then the upsample kernel of the mode and the input's rank ('area': adaptive average
    pooling). minigrad has no antialiased kernels, no lanczos, and no area mode on 5-d inputs."""
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError(
                "align_corners option can only be set with the interpolating modes: linear | bilinear | "
                "bicubic | trilinear"
            )
    elif align_corners is None:
        align_corners = False
    ndim = _method_input(input, "dim").dim()
    dim = ndim - 2
    output_size, scale_factors = _interpolation_sizes(input, size, scale_factor, dim)
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if mode == "area" and output_size is None:
        recompute_scale_factor = True
    if recompute_scale_factor:
        output_size = [math.floor(input.size(i + 2) * scale_factors[i]) for i in range(dim)]
        scale_factors = None
    if antialias and not (mode in ("bilinear", "bicubic", "lanczos") and ndim == 4):
        raise ValueError(
            "Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and requires a 4-D "
            "tensor as input"
        )
    kernel = _UPSAMPLE_KERNELS.get((mode, ndim))
    if kernel is not None and not antialias:
        if output_size is not None:
            output_size = [int(n) if _is_integer(n) else n for n in output_size]
        corners = None if mode in ("nearest", "nearest-exact") else align_corners
        return upsampling.upsample_vec(kernel, input, output_size, scale_factors, corners)
    if mode == "area" and ndim == 3:
        return adaptive_avg_pool1d(input, output_size)
    if mode == "area" and ndim == 4:
        return adaptive_avg_pool2d(input, output_size)
    if ndim in (3, 4, 5) and (mode in ("area", "lanczos") or antialias):
        antialiased = " with antialias" if antialias else ""
        raise NotImplementedError(f"minigrad has no '{mode}' interpolation{antialiased} of {ndim}-d inputs")
    if mode in _LINEAR_MODE_RANKS and ndim in (3, 4, 5):
        raise NotImplementedError(
            f"Got {ndim}D input, but {mode} mode needs {_LINEAR_MODE_RANKS[mode]}D input"
        )
    raise NotImplementedError(
        f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {ndim}D) for the modes: "
        f"{_INTERPOLATION_MODES} (got {mode})"
    )


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    warnings.warn(
        "`nn.functional.upsample` is deprecated. Use `nn.functional.interpolate` instead.", stacklevel=2
    )
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    warnings.warn(
        "`nn.functional.upsample_nearest` is deprecated. Use `nn.functional.interpolate` instead.",
        stacklevel=2,
    )
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input, size=None, scale_factor=None):
    warnings.warn(
        "`nn.functional.upsample_bilinear` is deprecated. Use `nn.functional.interpolate` instead.",
        stacklevel=2,
    )
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)
