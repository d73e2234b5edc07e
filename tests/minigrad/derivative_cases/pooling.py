"""Cases for the pooling family (minigrad/derivatives/pooling.py). The gradients' own ops
(MaxPool2DWithIndicesBackwardBackward0, ...) appear in the create_graph graphs of the first-order cases.
Max pooling's inputs are distinct values, so that finite differences never cross a tie."""

import numpy as np

from . import Case, rand


def _distinct(*shape, seed=0):
    """Values spaced apart (a permutation of a grid): no two in a window are close."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    return (rng.permutation(n) * 0.25 - n / 8).reshape(shape).astype(np.float64)


def F(T):
    return T.nn.functional


CASES = {
    "max_pool2d": Case(lambda T, x: F(T).max_pool2d(x, 2), (_distinct(2, 2, 4, 5),)),
    "max_pool2d_padded_strided_dilated_ceil": Case(
        lambda T, x: F(T).max_pool2d(x, (3, 2), stride=(2, 1), padding=1, dilation=(1, 2), ceil_mode=True),
        (_distinct(1, 2, 6, 6, seed=1),),
    ),
    "max_pool2d_indices": Case(
        lambda T, x: F(T).max_pool2d(x, 2, return_indices=True), (_distinct(2, 5, 4, seed=2),)
    ),
    "max_pool1d": Case(
        lambda T, x: F(T).max_pool1d(x, 3, stride=2, padding=1), (_distinct(2, 3, 7, seed=3),)
    ),
    "avg_pool2d": Case(lambda T, x: F(T).avg_pool2d(x, 2), (rand(2, 2, 4, 5),)),
    "avg_pool2d_padded_ceil_exclude_pad": Case(
        lambda T, x: F(T).avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
        (rand(1, 2, 6, 5),),
    ),
    "avg_pool2d_divisor": Case(lambda T, x: F(T).avg_pool2d(x, (2, 3), divisor_override=4), (rand(2, 5, 6),)),
    "avg_pool1d": Case(lambda T, x: F(T).avg_pool1d(x, 2, padding=1), (rand(2, 3, 5),)),
    "adaptive_avg_pool2d": Case(lambda T, x: F(T).adaptive_avg_pool2d(x, (2, 3)), (rand(2, 2, 5, 7),)),
    "adaptive_avg_pool2d_to_one": Case(lambda T, x: F(T).adaptive_avg_pool2d(x, 1), (rand(2, 2, 3, 3),)),
    "adaptive_avg_pool1d": Case(lambda T, x: F(T).adaptive_avg_pool1d(x, 3), (rand(2, 7),)),
}
