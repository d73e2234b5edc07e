"""The fused CPU attention kernel: aten::_scaled_dot_product_flash_attention_for_cpu and its backward
kernel, in numpy (row: derivatives/attention.py).

softmax(scale * q k^T + mask) v over (batch, heads, L, E) inputs (key and value may have fewer heads, a
divisor of the query's: grouped-query attention), with the row-wise logsumexp of the scaled,
masked scores as second output; is_causal keeps the lower triangle (key j <= query i). The backward is the
usual one: P = exp(S - logsumexp), dV = P^T dO, dS = P * (dO V^T - rowsum(dO * O)), dQ = scale dS K and
dK = scale dS^T Q.
"""

import math

import numpy as np

from .._core.fp import silent
from .._core.graph import NotImplementedNode, make_node
from .._core.tensor import make_output
from ..derivatives import at
from ..derivatives import attention as rows

__all__ = []


def _scale(query, scale):
    return 1.0 / math.sqrt(query.shape[-1]) if scale is None else scale


def _scores(q, k, is_causal, attn_mask, scale):
    scores = (q @ np.swapaxes(k, -1, -2)) * scale
    if attn_mask is not None:
        scores = scores + attn_mask._data
    if is_causal:
        rows_, cols = scores.shape[-2:]
        scores = np.where(np.tri(rows_, cols, dtype=bool), scores, -np.inf)
    return scores


def _grouped(q, kv):
    """Key or value heads repeated to the query's (grouped-query attention: q_heads / kv_heads each)."""
    return np.repeat(kv, q.shape[-3] // kv.shape[-3], axis=-3)


def _ungrouped(grad, kv):
    """The gradient of _grouped: each key or value head's share summed back."""
    heads = kv.shape[-3]
    return grad.reshape(grad.shape[:-3] + (heads, grad.shape[-3] // heads) + grad.shape[-2:]).sum(axis=-3)


def flash_attention_for_cpu(query, key, value, dropout_p=0.0, is_causal=False, attn_mask=None, scale=None):
    q = query._data
    k, v = _grouped(q, key._data), _grouped(q, value._data)
    factor = _scale(query, scale)
    with silent():
        scores = _scores(q, k, is_causal, attn_mask, factor)
        peak = np.max(scores, axis=-1, keepdims=True)
        peak = np.where(np.isfinite(peak), peak, 0)
        total = np.sum(np.exp(scores - peak), axis=-1, keepdims=True)
        logsumexp = (np.log(total) + peak)[..., 0]
        probs = np.exp(scores - peak) / total
        probs = np.where(total > 0, probs, 0)
        output = (probs @ v).astype(q.dtype)
    return rows.FLASH_ATTENTION_FOR_CPU.record(
        (output, logsumexp.astype(q.dtype)), query, key, value, dropout_p, is_causal, attn_mask, scale
    )


def flash_attention_for_cpu_backward(
    grad, query, key, value, output, logsumexp, dropout_p, is_causal, attn_mask, scale
):
    """The kernel's three gradients (a NotImplemented node under create_graph, as torch records)."""
    q = query._data
    k, v = _grouped(q, key._data), _grouped(q, value._data)
    factor = _scale(query, scale)
    go = grad._data
    with silent():
        scores = _scores(q, k, is_causal, attn_mask, factor)
        lse = logsumexp._data[..., None]
        probs = np.where(np.isfinite(lse), np.exp(scores - np.where(np.isfinite(lse), lse, 0)), 0)
        grad_value = np.swapaxes(probs, -1, -2) @ go
        grad_probs = go @ np.swapaxes(v, -1, -2)
        row_sum = np.sum(go * output._data, axis=-1, keepdims=True)
        grad_scores = probs * (grad_probs - row_sum)
        grad_query = (grad_scores @ k) * factor
        grad_key = _ungrouped((np.swapaxes(grad_scores, -1, -2) @ q) * factor, key._data)
        grad_value = _ungrouped(grad_value, value._data)
    inputs = (grad, query, key, value, output, logsumexp, attn_mask)
    node = make_node(NotImplementedNode, *[t for t in inputs if t is not None and t._requires_grad])
    if node is not None:
        node.op_name = "aten::_scaled_dot_product_flash_attention_for_cpu_backward"
    gradients = []
    for nr, g in enumerate((grad_query, grad_key, grad_value)):
        gradients.append(make_output(g.astype(q.dtype), node))
        gradients[-1]._output_nr = nr
    return tuple(gradients)


at.register(flash_attention_for_cpu_backward=flash_attention_for_cpu_backward)
