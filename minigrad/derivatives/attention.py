"""Rows of the attention family: _scaled_dot_product_flash_attention_for_cpu, the fused kernel torch 2.13's
CPU build runs scaled_dot_product_attention with for 4-d inputs without dropout (forward: ops/attention.py).

The logsumexp output has no gradient. The three gradients are one joint formula calling the backward kernel,
which, as torch's, has no derivative of its own (a create_graph backward records torch's NotImplemented
node), and there is no forward derivative.
"""

from . import Derivative, at


def _attention_gradients(grad, query, key, value, output, logsumexp, dropout_p, is_causal, attn_mask, scale):
    return at.flash_attention_for_cpu_backward(
        grad, query, key, value, output, logsumexp, dropout_p, is_causal, attn_mask, scale
    )


FLASH_ATTENTION_FOR_CPU = Derivative(
    "_scaled_dot_product_flash_attention_for_cpu(Tensor query, Tensor key, Tensor value, "
    "float dropout_p=0.0, bool is_causal=False, *, Tensor? attn_mask=None, float? scale=None) "
    "-> (Tensor output, Tensor logsumexp)",
    "ScaledDotProductFlashAttentionForCpuBackward0",
    output_differentiability=(True, False),
    **{"query, key, value": _attention_gradients},
)
