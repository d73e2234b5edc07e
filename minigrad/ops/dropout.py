"""ATen's dropout family: dropout, feature_dropout (whole channels), alpha_dropout and
feature_alpha_dropout (SELU's self-normalising dropout), each with its in-place form. Composites as in torch's
Dropout.cpp: the noise is drawn with bernoulli_(1 - p) from torch's stream (one draw per element, or per
(sample, channel) for the feature forms), then the input is multiplied by it (MulBackward0), and for the
alpha forms shifted by a tensor (AddBackward0). nn.functional's dropouts check p and call these."""

import math

import numpy as np

from .._core import grad_mode
from . import make_output
from .creation import empty, empty_like
from .signatures import parse, signatures

_SELU_ALPHA = 1.7580993408473766  # torch's alpha for alpha dropout (SELU's -scale * alpha)


def _noise(input, p, feature):
    """bernoulli_(1 - p) noise of input's dtype: input's shape, or (N, C, 1, ...) for feature dropout."""
    if feature:
        if input._data.ndim < 2:
            raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
        shape = input._data.shape[:2] + (1,) * (input._data.ndim - 2)
        return empty(shape, dtype=input.dtype).bernoulli_(1 - p)
    return empty_like(input).bernoulli_(1 - p)


def _dropout_impl(input, p, train, feature, alpha, in_place):
    if not 0 <= p <= 1:
        raise RuntimeError(f"dropout probability has to be between 0 and 1, but got {p}")
    if p == 0 or not train or input._data.size == 0:
        return input
    if p == 1:
        zero = make_output(np.zeros((), input._data.dtype), None)
        return input.mul_(zero) if in_place else input * zero
    with grad_mode.no_grad():  # (the noise never requires grad; this only skips the checks)
        noise = _noise(input, p, feature)
        if alpha:
            a = 1.0 / math.sqrt((_SELU_ALPHA * _SELU_ALPHA * p + 1) * (1 - p))
            shift = noise.add(-1).mul_(_SELU_ALPHA * a).add_(_SELU_ALPHA * a * p)
            noise.mul_(a)
        else:
            noise.div_(1 - p)
    result = input.mul_(noise) if in_place else input * noise
    return result.add_(shift) if alpha else result


_SIGNATURE = signatures("(Tensor input, float p, bool train)")


def _variant(name, feature, alpha, in_place):
    def op(*args, **kwargs):
        _, v = parse(name, _SIGNATURE, args, kwargs)
        return _dropout_impl(v["input"], float(v["p"]), v["train"], feature, alpha, in_place)

    op.__name__ = name
    return op


dropout = _variant("dropout", False, False, False)
dropout_ = _variant("dropout_", False, False, True)
feature_dropout = _variant("feature_dropout", True, False, False)
feature_dropout_ = _variant("feature_dropout_", True, False, True)
alpha_dropout = _variant("alpha_dropout", False, True, False)
alpha_dropout_ = _variant("alpha_dropout_", False, True, True)
feature_alpha_dropout = _variant("feature_alpha_dropout", True, True, False)
feature_alpha_dropout_ = _variant("feature_alpha_dropout_", True, True, True)
