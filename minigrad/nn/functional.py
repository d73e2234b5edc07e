"""torch.nn.functional: activations, softmax, linear and the common losses, with torch's signatures.

Each function follows torch's own decomposition (torch/nn/functional.py and ATen's Linear.cpp /
LossNLL.cpp), so the recorded graph has the same nodes: F.linear on a 2-d input is one AddmmBackward0,
cross_entropy is NllLossBackward0 over LogSoftmaxBackward0, and so on.
"""

import math
import warnings

import numpy as np

from .._core import dtypes, grad_mode
from .._core.arguments import int_arg, is_number, type_error, type_name
from .._core.tensor import tangent_of
from ..ops import (
    Tensor,
    activations,
    arithmetic,
    broadcast_shapes,
    creation,
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
from ..ops.attention import flash_attention_for_cpu
from ..ops.convolution import conv1d, conv2d, conv_transpose1d, conv_transpose2d
from ..ops.distances import cosine_similarity, pairwise_distance
from ..ops.joining import cat
from ..ops.linalg import addmm, baddbmm, bmm, matmul
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
from ..ops.scattering import index_select
from ..ops.signatures import check_out, write_out
from ..ops.softmax import implicit_softmax_dim, safe_softmax
from ..ops.views import contiguous, expand, t, view

__all__ = [
    "multi_head_attention_forward",
    "scaled_dot_product_attention",
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
    "hardsigmoid",
    "hardswish",
    "threshold",
    "threshold_",
    "softshrink",
    "hardshrink",
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


def hardsigmoid(input, inplace=False):
    return activations.hardsigmoid_(input) if inplace else activations.hardsigmoid(input)


def hardswish(input, inplace=False):
    return activations.hardswish_(input) if inplace else activations.hardswish(input)


def threshold(input, threshold, value, inplace=False):
    if inplace:
        return activations.threshold_(input, threshold, value)
    return activations.threshold(input, threshold, value)


def threshold_(input, threshold, value):
    return activations.threshold_(input, threshold, value)


def softshrink(input, lambd=0.5):
    return activations.softshrink(input, lambd)


def hardshrink(input, lambd=0.5):
    return activations.hardshrink(input, lambd)


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


# ---- attention ---------------------------------------------------------------------------------------------
# scaled_dot_product_attention as torch 2.13's CPU build dispatches it, and multi_head_attention_forward
# (nn.MultiheadAttention's forward) as torch/nn/functional.py computes it.
#
# ATen picks one of two implementations: the fused flash kernel (one ScaledDotProductFlashAttentionForCpu-
# Backward0 node: ops/attention.py) for 4-d float inputs with equal head sizes, unit last strides, non-empty
# sequences, no dropout and a mask of shape (L, S) or broadcastable (B|1, H|1, L|1, S|1) that does not
# require grad; otherwise the math composite (_scaled_dot_product_attention_math), decomposed here in its
# order: q and k^T each scaled by sqrt(scale), matmul, the mask added, _safe_softmax, dropout from torch's
# stream, matmul with v. A bool mask becomes a float one first (0 where True, -inf where False).
_DTYPE_NAMES = {
    dtypes.float32: "float",
    dtypes.float64: "double",
    dtypes.int64: "long int",
    dtypes.int32: "int",
}


def _dtype_name(dtype):
    return _DTYPE_NAMES.get(dtype, str(dtype).replace("torch.", ""))


def _validate(query, key, value, attn_mask, dropout_p, is_causal):
    if not (query.dtype == key.dtype == value.dtype):
        raise RuntimeError(
            "Expected query, key, and value to have the same dtype, but got query.dtype: "
            f"{_dtype_name(query.dtype)} key.dtype: {_dtype_name(key.dtype)} and value.dtype: "
            f"{_dtype_name(value.dtype)} instead."
        )
    if min(query.dim(), key.dim(), value.dim()) < 2:
        raise RuntimeError(
            "Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: "
            f"{query.dim()} key.dim: {key.dim()} and value.dim: {value.dim()} instead."
        )
    if attn_mask is not None and attn_mask.dtype not in (dtypes.bool, query.dtype):
        raise RuntimeError(
            "Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: "
            f"{_dtype_name(attn_mask.dtype)} and  query.dtype: {_dtype_name(query.dtype)} instead."
        )
    if not 0.0 <= dropout_p <= 1.0:
        raise RuntimeError(f"dropout probability has to be between 0 and 1, but got {dropout_p}")


def _float_mask(mask, dtype):
    """ATen's convert_boolean_attn_mask: a bool mask as 0 (attend) and -inf (do not)."""
    if mask is None or mask.dtype is not dtypes.bool:
        return mask
    return make_output(np.where(mask._data, 0.0, -np.inf).astype(dtype.numpy), None)


def _flash_applies(query, key, value, mask, dropout_p, enable_gqa):
    if dropout_p != 0.0 or not (query.dim() == key.dim() == value.dim() == 4):
        return False
    if query.dtype not in (dtypes.float32, dtypes.float64):
        return False
    q_shape, k_shape, v_shape = query.shape, key.shape, value.shape
    if not (q_shape[0] == k_shape[0] == v_shape[0]):
        return False
    heads_equal = q_shape[1] == k_shape[1] == v_shape[1]
    grouped = enable_gqa and k_shape[1] == v_shape[1] and k_shape[1] and q_shape[1] % k_shape[1] == 0
    if not (heads_equal or grouped):
        return False
    if mask is not None:
        if mask.requires_grad or mask.dim() not in (2, 4):
            return False
        if mask.shape[-2] not in (q_shape[2], 1) or mask.shape[-1] not in (k_shape[2], 1):
            return False
        if mask.dim() == 4 and (mask.shape[0] not in (1, q_shape[0]) or mask.shape[1] not in (1, q_shape[1])):
            return False
    if not (q_shape[-1] == k_shape[-1] == v_shape[-1]) or not q_shape[2] or not k_shape[2]:
        return False
    return all(t.stride(-1) == 1 for t in (query, key, value))


def _repeat_heads(query, key, value, enable_gqa):
    """The math path's grouped-query attention: key and value heads repeated to the query's."""
    if not enable_gqa:
        return key, value
    q_heads, k_heads, v_heads = query.shape[-3], key.shape[-3], value.shape[-3]
    if q_heads == k_heads == v_heads:
        return key, value
    if q_heads % k_heads or q_heads % v_heads:
        raise RuntimeError("Number of heads in key and value must divide the number of heads in query")

    def repeat(t, heads):
        index = creation.tensor(np.repeat(np.arange(heads), q_heads // heads), dtype=dtypes.int64)
        return index_select(t, -3, index)

    return repeat(key, k_heads), repeat(value, v_heads)


def scaled_dot_product_attention(
    query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False
):
    for position, (name, tensor) in enumerate((("query", query), ("key", key), ("value", value)), 1):
        tensor_arg(tensor, "scaled_dot_product_attention", name, position)
    _validate(query, key, value, attn_mask, dropout_p, is_causal)
    mask = _float_mask(attn_mask, query.dtype)
    if not (query.numel() and key.numel() and value.numel()):
        # torch's empty case: zeros, still connected to every input (through their sums times 0)
        total = query.sum() + key.sum() + value.sum()
        shape = tuple(query.shape[:-1]) + (value.shape[-1],)
        return creation.zeros(shape, dtype=query.dtype) + mul_scalar(total, 0)
    if _flash_applies(query, key, value, mask, dropout_p, enable_gqa):
        output, _ = flash_attention_for_cpu(
            query, key, value, dropout_p, is_causal, attn_mask=mask, scale=scale
        )
        return output
    if is_causal:
        if mask is not None:
            raise RuntimeError(
                "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True"
            )
        causal = np.tri(query.shape[-2], key.shape[-2], dtype=bool)
        mask = make_output(np.where(causal, 0.0, -np.inf).astype(query.dtype.numpy), None)
    negative = scale is not None and scale < 0
    factor = math.sqrt(1.0 / math.sqrt(query.shape[-1]) if scale is None else abs(scale))
    # C++ multiplies by a Scalar (mul.Scalar: MulBackward1), not by a wrapped number as Python's * does
    query = mul_scalar(query, 0.0 - factor if negative else factor)
    key, value = _repeat_heads(query, key, value, enable_gqa)
    attn = matmul(query, mul_scalar(key.transpose(-2, -1), factor))
    if mask is not None:
        attn = attn + mask
    attn = safe_softmax(attn, -1)
    if dropout_p > 0.0:
        attn = dropout(attn, dropout_p, True)
    return matmul(attn, value)


# ---- multi_head_attention_forward (torch/nn/functional.py's, step for step) ------------------------------
def _mha_shape_check(query, key, value, key_padding_mask, attn_mask, num_heads):
    if query.dim() == 3:
        if key.dim() != 3 or value.dim() != 3:
            raise AssertionError(
                "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found "
                f"{key.dim()}-D and {value.dim()}-D tensors respectively"
            )
        if key_padding_mask is not None and key_padding_mask.dim() != 2:
            raise AssertionError(
                "For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but found "
                f"{key_padding_mask.dim()}-D tensor instead"
            )
        if attn_mask is not None and attn_mask.dim() not in (2, 3):
            raise AssertionError(
                "For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found "
                f"{attn_mask.dim()}-D tensor instead"
            )
        return True
    if query.dim() == 2:
        if key.dim() != 2 or value.dim() != 2:
            raise AssertionError(
                "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found "
                f"{key.dim()}-D and {value.dim()}-D tensors respectively"
            )
        if key_padding_mask is not None and key_padding_mask.dim() != 1:
            raise AssertionError(
                "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D but found "
                f"{key_padding_mask.dim()}-D tensor instead"
            )
        if attn_mask is not None:
            if attn_mask.dim() not in (2, 3):
                raise AssertionError(
                    "For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found "
                    f"{attn_mask.dim()}-D tensor instead"
                )
            expected_shape = (num_heads, query.shape[0], key.shape[0])
            if attn_mask.dim() == 3 and tuple(attn_mask.shape) != expected_shape:
                raise AssertionError(
                    f"Expected `attn_mask` shape to be {expected_shape} but got {attn_mask.shape}"
                )
        return False
    raise AssertionError(
        f"query should be unbatched 2D or batched 3D tensor but received {query.dim()}-D query tensor"
    )


def _canonical_mask(mask, mask_name, other_type, other_name, target_type, check_other=True):
    """A bool mask as a float one of target_type (-inf where True); float masks pass through."""
    if mask is None:
        return None
    is_float = mask.is_floating_point()
    if mask.dtype is not dtypes.bool and not is_float:
        raise AssertionError(f"only bool and floating types of {mask_name} are supported")
    if check_other and other_type is not None and mask.dtype != other_type:
        warnings.warn(
            f"Support for mismatched {mask_name} and {other_name} is deprecated. "
            "Use same type for both instead.",
            stacklevel=3,
        )
    if not is_float:
        mask = creation.zeros_like(mask, dtype=target_type).masked_fill_(mask, float("-inf"))
    return mask


def _none_or_dtype(input):
    return None if input is None else input.dtype


def _in_projection_packed(q, k, v, w, b, linear):
    size = q.size(-1)
    if k is v:
        if q is k:
            proj = linear(q, w, b)
            proj = proj.unflatten(-1, (3, size)).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous()
            return proj[0], proj[1], proj[2]
        w_q, w_kv = w.split([size, size * 2])
        b_q, b_kv = (None, None) if b is None else b.split([size, size * 2])
        q_proj = linear(q, w_q, b_q)
        kv_proj = linear(k, w_kv, b_kv)
        kv_proj = kv_proj.unflatten(-1, (2, size)).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous()
        return q_proj, kv_proj[0], kv_proj[1]
    w_q, w_k, w_v = w.chunk(3)
    b_q, b_k, b_v = (None, None, None) if b is None else b.chunk(3)
    return linear(q, w_q, b_q), linear(k, w_k, b_k), linear(v, w_v, b_v)


def _in_projection(q, k, v, w_q, w_k, w_v, b_q, b_k, b_v, linear):
    eq, ek, ev = q.size(-1), k.size(-1), v.size(-1)
    for name, tensor, shape in (
        ("query weights", w_q, (eq, eq)),
        ("key weights", w_k, (eq, ek)),
        ("value weights", w_v, (eq, ev)),
        ("query bias", b_q, (eq,)),
        ("key bias", b_k, (eq,)),
        ("value bias", b_v, (eq,)),
    ):
        if tensor is not None and tuple(tensor.shape) != shape:
            raise AssertionError(f"expecting {name} shape of {shape}, but got {tensor.shape}")
    return linear(q, w_q, b_q), linear(k, w_k, b_k), linear(v, w_v, b_v)


def multi_head_attention_forward(
    query,
    key,
    value,
    embed_dim_to_check,
    num_heads,
    in_proj_weight,
    in_proj_bias,
    bias_k,
    bias_v,
    add_zero_attn,
    dropout_p,
    out_proj_weight,
    out_proj_bias,
    training=True,
    key_padding_mask=None,
    need_weights=True,
    attn_mask=None,
    use_separate_proj_weight=False,
    q_proj_weight=None,
    k_proj_weight=None,
    v_proj_weight=None,
    static_k=None,
    static_v=None,
    average_attn_weights=True,
    is_causal=False,
):
    is_batched = _mha_shape_check(query, key, value, key_padding_mask, attn_mask, num_heads)
    if not is_batched:
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    tgt_len, bsz, embed_dim = query.shape
    src_len = key.shape[0]
    key_padding_mask = _canonical_mask(
        key_padding_mask, "key_padding_mask", _none_or_dtype(attn_mask), "attn_mask", query.dtype
    )
    if is_causal and attn_mask is None:
        raise RuntimeError(
            "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method "
            "`generate_square_subsequent_mask` to create this mask."
        )
    if is_causal and key_padding_mask is None and not need_weights:
        attn_mask = None  # scaled_dot_product_attention makes the causal mask itself
    else:
        attn_mask = _canonical_mask(attn_mask, "attn_mask", None, "", query.dtype, check_other=False)
        if key_padding_mask is not None:
            is_causal = False
    if embed_dim != embed_dim_to_check:
        raise AssertionError(
            f"was expecting embedding dimension of {embed_dim_to_check}, but got {embed_dim}"
        )
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise AssertionError(f"embed_dim {embed_dim} not divisible by num_heads {num_heads}")
    if use_separate_proj_weight:
        if key.shape[:2] != value.shape[:2]:
            raise AssertionError(
                f"key's sequence and batch dims {key.shape[:2]} do not match value's {value.shape[:2]}"
            )
    elif key.shape != value.shape:
        raise AssertionError(f"key shape {key.shape} does not match value shape {value.shape}")
    if not use_separate_proj_weight:
        if in_proj_weight is None:
            raise AssertionError("use_separate_proj_weight is False but in_proj_weight is None")
        q, k, v = _in_projection_packed(query, key, value, in_proj_weight, in_proj_bias, linear)
    else:
        for name, weight in (("q", q_proj_weight), ("k", k_proj_weight), ("v", v_proj_weight)):
            if weight is None:
                raise AssertionError(f"use_separate_proj_weight is True but {name}_proj_weight is None")
        b_q, b_k, b_v = (None, None, None) if in_proj_bias is None else in_proj_bias.chunk(3)
        q, k, v = _in_projection(
            query, key, value, q_proj_weight, k_proj_weight, v_proj_weight, b_q, b_k, b_v, linear
        )
    if attn_mask is not None:
        if attn_mask.dim() == 2:
            if tuple(attn_mask.shape) != (tgt_len, src_len):
                raise RuntimeError(
                    f"The shape of the 2D attn_mask is {attn_mask.shape}, but should be {(tgt_len, src_len)}."
                )
            attn_mask = attn_mask.unsqueeze(0)
        elif attn_mask.dim() == 3:
            expected = (bsz * num_heads, tgt_len, src_len)
            if tuple(attn_mask.shape) != expected:
                raise RuntimeError(
                    f"The shape of the 3D attn_mask is {attn_mask.shape}, but should be {expected}."
                )
        else:
            raise RuntimeError(f"attn_mask's dimension {attn_mask.dim()} is not supported")
    if bias_k is not None and bias_v is not None:
        if static_k is not None:
            raise AssertionError("bias cannot be added to static key.")
        if static_v is not None:
            raise AssertionError("bias cannot be added to static value.")
        k = cat([k, bias_k.repeat(1, bsz, 1)])
        v = cat([v, bias_v.repeat(1, bsz, 1)])
        if attn_mask is not None:
            attn_mask = pad(attn_mask, (0, 1))
        if key_padding_mask is not None:
            key_padding_mask = pad(key_padding_mask, (0, 1))
    elif bias_k is not None:
        raise AssertionError("bias_k is set but bias_v is None")
    elif bias_v is not None:
        raise AssertionError("bias_v is set but bias_k is None")
    q = q.view(tgt_len, bsz * num_heads, head_dim).transpose(0, 1)
    k = _heads(k, static_k, "static_k", bsz * num_heads, head_dim)
    v = _heads(v, static_v, "static_v", bsz * num_heads, head_dim)
    if add_zero_attn:
        zero_attn_shape = (bsz * num_heads, 1, head_dim)
        k = cat([k, creation.zeros(zero_attn_shape, dtype=k.dtype, device=k.device)], dim=1)
        v = cat([v, creation.zeros(zero_attn_shape, dtype=v.dtype, device=v.device)], dim=1)
        if attn_mask is not None:
            attn_mask = pad(attn_mask, (0, 1))
        if key_padding_mask is not None:
            key_padding_mask = pad(key_padding_mask, (0, 1))
    src_len = k.size(1)
    if key_padding_mask is not None:
        if key_padding_mask.shape[0] != bsz:
            raise AssertionError(
                f"Expected key_padded_mask.shape[0] to be {bsz}, but got {key_padding_mask.shape[0]}"
            )
        if key_padding_mask.shape[1] != src_len:
            raise AssertionError(
                f"Expected key_padded_mask.shape[1] to be {src_len}, but got {key_padding_mask.shape[1]}"
            )
        key_padding_mask = (
            key_padding_mask.view(bsz, 1, 1, src_len)
            .expand(-1, num_heads, -1, -1)
            .reshape(bsz * num_heads, 1, src_len)
        )
        attn_mask = key_padding_mask if attn_mask is None else attn_mask + key_padding_mask
    if not training:
        dropout_p = 0.0
    if need_weights:
        q_scaled = q * math.sqrt(1.0 / float(q.shape[2]))
        if is_causal and attn_mask is None:
            raise AssertionError("FIXME: is_causal not implemented for need_weights")
        if attn_mask is not None:
            weights = baddbmm(attn_mask, q_scaled, k.transpose(-2, -1))
        else:
            weights = bmm(q_scaled, k.transpose(-2, -1))
        weights = softmax(weights, dim=-1)
        if dropout_p > 0.0:
            weights = dropout(weights, p=dropout_p)
        attn_output = bmm(weights, v)
        attn_output = attn_output.transpose(0, 1).reshape(tgt_len * bsz, embed_dim)
        attn_output = linear(attn_output, out_proj_weight, out_proj_bias)
        attn_output = attn_output.view(tgt_len, bsz, attn_output.size(1))
        weights = weights.view(bsz, num_heads, tgt_len, src_len)
        if average_attn_weights:
            weights = weights.mean(dim=1)
        if not is_batched:
            attn_output, weights = attn_output.squeeze(1), weights.squeeze(0)
        return attn_output, weights
    if attn_mask is not None:
        if attn_mask.size(0) == 1 and attn_mask.dim() == 3:
            attn_mask = attn_mask.unsqueeze(0)
        else:
            attn_mask = attn_mask.view(bsz, num_heads, -1, src_len)
    q = q.view(bsz, num_heads, tgt_len, head_dim)
    k = k.view(bsz, num_heads, src_len, head_dim)
    v = v.view(bsz, num_heads, src_len, head_dim)
    attn_output = scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal)
    attn_output = attn_output.permute(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
    attn_output = linear(attn_output, out_proj_weight, out_proj_bias)
    attn_output = attn_output.view(tgt_len, bsz, attn_output.size(1))
    if not is_batched:
        attn_output = attn_output.squeeze(1)
    return attn_output, None


def _heads(projected, static, name, batch_heads, head_dim):
    """k or v split into heads, (batch * heads, S, head_dim); or the given static one, checked."""
    if static is None:
        return projected.view(projected.shape[0], batch_heads, head_dim).transpose(0, 1)
    if static.size(0) != batch_heads:
        raise AssertionError(f"expecting {name}.size(0) of {batch_heads}, but got {static.size(0)}")
    if static.size(2) != head_dim:
        raise AssertionError(f"expecting {name}.size(2) of {head_dim}, but got {static.size(2)}")
    return static


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
