"""Cases for the attention family (minigrad/derivatives/attention.py) and _safe_softmax
(derivatives/softmax.py), both reached through scaled_dot_product_attention: 4-d inputs without dropout
take torch's fused CPU kernel (whose backward has no derivative and which has no forward derivative), 3-d
ones the math composite."""

import numpy as np

from . import Case, rand


def _sdpa(**kwargs):
    def fn(T, q, k, v, *mask):
        extra = {"attn_mask": mask[0]} if mask else {}
        return T.nn.functional.scaled_dot_product_attention(q, k, v, **extra, **kwargs)

    return fn


_4D = (rand(1, 2, 3, 4), rand(1, 2, 5, 4, seed=1), rand(1, 2, 5, 4, seed=2))
_3D = (rand(2, 3, 4), rand(2, 5, 4, seed=1), rand(2, 5, 4, seed=2))
_BOOL_MASK = np.array([[True, False, True, True, False], [False, False, False, False, False], [True] * 5])

CASES = {
    "flash": Case(_sdpa(), _4D, gradgradcheck=False, forward_ad=False),
    "flash_causal_scaled": Case(_sdpa(is_causal=True, scale=0.3), _4D, gradgradcheck=False, forward_ad=False),
    "flash_bool_mask": Case(_sdpa(), (*_4D, _BOOL_MASK[:, :5]), gradgradcheck=False, forward_ad=False),
    "math_safe_softmax": Case(_sdpa(), _3D),
    "math_causal": Case(_sdpa(is_causal=True), _3D),
    "math_fully_masked_row": Case(_sdpa(), (*_3D, _BOOL_MASK)),
}
