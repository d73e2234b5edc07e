"""Cases for the normalization family (minigrad/derivatives/normalization.py). The gradient ops
(NativeBatchNormBackwardBackward0, NativeLayerNormBackwardBackward0) appear in the create_graph graphs, and
gradgradcheck differentiates them once more (torch's batchnorm_double_backward and
layer_norm_double_backward)."""

import numpy as np

from . import Case, rand


def F(T):
    return T.nn.functional


def _stats(T, c):
    """Running statistics (fresh for every call: training updates them)."""
    return T.tensor(np.linspace(-0.5, 0.5, c).tolist(), dtype=T.float64), T.tensor(
        np.linspace(0.5, 1.5, c).tolist(), dtype=T.float64
    )


def _batch_norm(training, affine=True, stats=True):
    def fn(T, x, *parameters):
        c = x.shape[1]
        mean, var = _stats(T, c) if stats else (None, None)
        weight, bias = parameters if affine else (None, None)
        return F(T).batch_norm(x, mean, var, weight, bias, training=training)

    return fn


CASES = {
    "batch_norm_training": Case(_batch_norm(True), (rand(4, 3), rand(3, seed=1), rand(3, seed=2))),
    "batch_norm_training_2d": Case(_batch_norm(True), (rand(2, 3, 2, 2), rand(3, seed=1), rand(3, seed=2))),
    "batch_norm_training_without_affine_or_stats": Case(
        _batch_norm(True, affine=False, stats=False), (rand(3, 2, 3),)
    ),
    "batch_norm_eval": Case(_batch_norm(False), (rand(4, 3, 2), rand(3, seed=1), rand(3, seed=2))),
    "batch_norm_eval_without_affine": Case(_batch_norm(False, affine=False), (rand(4, 3),)),
    "layer_norm": Case(
        lambda T, x, w, b: F(T).layer_norm(x, (4,), w, b), (rand(3, 4), rand(4, seed=1), rand(4, seed=2))
    ),
    "layer_norm_two_dims": Case(
        lambda T, x, w, b: F(T).layer_norm(x, (2, 3), w, b),
        (rand(2, 2, 3), rand(2, 3, seed=1), rand(2, 3, seed=2)),
    ),
    "layer_norm_without_affine": Case(lambda T, x: F(T).layer_norm(x, (3,)), (rand(2, 2, 3),)),
    "layer_norm_weight_only": Case(
        lambda T, x, w: F(T).layer_norm(x, (3,), w), (rand(4, 3), rand(3, seed=1))
    ),
}
