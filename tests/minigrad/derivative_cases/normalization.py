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


def _group_norm(groups, affine=True):
    def fn(T, x, *parameters):
        weight, bias = parameters if affine else (None, None)
        return F(T).group_norm(x, groups, weight, bias)

    return fn


def _native_group_norm(T, x, w, b):
    """All three outputs: the statistics are differentiable in torch, through the same node."""
    n, c = x.shape[0], x.shape[1]
    return T.native_group_norm(x, w, b, n, c, x.numel() // (n * c), 2, 1e-5)


def _instance_norm(affine=True, stats=False):
    def fn(T, x, *parameters):
        weight, bias = parameters if affine else (None, None)
        mean, var = _stats(T, x.shape[1]) if stats else (None, None)
        return F(T).instance_norm(x, mean, var, weight, bias)

    return fn


# torch's create_graph gradient of native_group_norm is infinitely_differentiable_native_group_norm_backward,
# a composite whose every intermediate op is a node; minigrad's formula is its own composite (same values,
# other intermediate nodes), so these cases compare values, not the second-order graph's node names.
_GROUP_NORM = {"second_order_graph": False}
CASES.update(
    {
        "group_norm": Case(_group_norm(2), (rand(2, 4, 3), rand(4, seed=1), rand(4, seed=2)), **_GROUP_NORM),
        "group_norm_2d": Case(
            _group_norm(3), (rand(2, 6, 2, 2), rand(6, seed=1), rand(6, seed=2)), **_GROUP_NORM
        ),
        "group_norm_without_affine": Case(_group_norm(1, affine=False), (rand(3, 2, 3),), **_GROUP_NORM),
        "group_norm_one_group_per_channel": Case(
            _group_norm(4, affine=False), (rand(2, 4, 5),), **_GROUP_NORM
        ),
        "native_group_norm_statistics": Case(
            _native_group_norm, (rand(2, 4, 3), rand(4, seed=1), rand(4, seed=2)), **_GROUP_NORM
        ),
        "instance_norm": Case(_instance_norm(), (rand(2, 3, 4), rand(3, seed=1), rand(3, seed=2))),
        "instance_norm_2d_with_running_stats": Case(
            _instance_norm(stats=True), (rand(2, 2, 2, 3), rand(2, seed=1), rand(2, seed=2))
        ),
        "instance_norm_without_affine": Case(_instance_norm(affine=False), (rand(3, 2, 4),)),
    }
)
