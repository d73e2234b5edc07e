"""Cases for the losses (minigrad/derivatives/losses.py). Their gradients' own ops (MseLossBackwardBackward0,
NllLossBackwardBackward0...) appear in the create_graph graphs every case builds."""

import numpy as np

from . import Case, rand

TARGET = np.array([0, 3, 1])
SPATIAL_TARGET = np.array([[[0, 2], [1, 1]], [[2, 0], [-100, 1]]])


def _weight(T):
    return T.tensor([0.5, 1.5, 2.0, 1.0], dtype=T.float64)


CASES = {
    "mse_loss": Case(lambda T, a, b: T.nn.functional.mse_loss(a, b), (rand(2, 3), rand(2, 3, seed=1))),
    "mse_loss_sum": Case(
        lambda T, a, b: T.nn.functional.mse_loss(a, b, reduction="sum"), (rand(3), rand(3, seed=1))
    ),
    "mse_loss_none": Case(
        lambda T, a, b: T.nn.functional.mse_loss(a, b, reduction="none"), (rand(2, 3), rand(2, 3, seed=1))
    ),
    "nll_loss": Case(lambda T, a, t: T.nn.functional.nll_loss(a, t), (rand(3, 4), TARGET)),
    "nll_loss_weighted_sum": Case(
        lambda T, a, t: T.nn.functional.nll_loss(a, t, weight=_weight(T), reduction="sum"),
        (rand(3, 4), TARGET),
    ),
    "nll_loss_none_ignore_index": Case(
        lambda T, a, t: T.nn.functional.nll_loss(a, t, reduction="none", ignore_index=3), (rand(3, 4), TARGET)
    ),
    "nll_loss_one_sample": Case(lambda T, a, t: T.nn.functional.nll_loss(a, t), (rand(4), np.array(2))),
    "nll_loss2d": Case(lambda T, a, t: T.nn.functional.nll_loss(a, t), (rand(2, 3, 2, 2), SPATIAL_TARGET)),
    # composite: nll_loss over log_softmax
    "cross_entropy": Case(lambda T, a, t: T.nn.functional.cross_entropy(a, t), (rand(3, 4), TARGET)),
    "cross_entropy_label_smoothing": Case(
        lambda T, a, t: T.nn.functional.cross_entropy(a, t, label_smoothing=0.2), (rand(3, 4), TARGET)
    ),
    "nll_loss2d_weighted_none": Case(
        lambda T, a, t: T.nn.functional.nll_loss(a, t, weight=_weight(T)[:3], reduction="none"),
        (rand(2, 3, 2, 2), SPATIAL_TARGET),
    ),
}


def mse_loss_gradient(T, a):
    """The gradient of a mean mse_loss (MseLossBackwardBackward0), whose own gradient is torch's
    mse_loss_double_backward (MulBackward1, DivBackward1)."""
    b = T.tensor(rand(2, 3, seed=1).tolist(), dtype=T.float64)
    return T.autograd.grad(T.nn.functional.mse_loss(a, b), a, create_graph=True)[0]


CASES["mse_loss_second_order"] = Case(mse_loss_gradient, (rand(2, 3),), forward_ad=False)


def _probabilities(*shape, seed=0):
    return np.random.default_rng(seed).random(shape) * 0.8 + 0.1


def _bce(weighted=False, **options):
    """binary_cross_entropy against a constant target (a target that requires grad: the case below)."""

    def fn(T, x):
        target = T.tensor(_probabilities(*x.shape, seed=9).tolist(), dtype=T.float64)
        weight = T.tensor(_probabilities(*x.shape, seed=1).tolist(), dtype=T.float64) if weighted else None
        return T.nn.functional.binary_cross_entropy(x, target, weight, **options)

    return fn


def _bce_with_logits(weighted, **options):
    def fn(T, x, target):
        weight = T.tensor([0.5, 2.0, 1.5], dtype=T.float64) if weighted else None
        return T.nn.functional.binary_cross_entropy_with_logits(x, target, weight, **options)

    return fn


def _pos_weight(T):
    return T.tensor([1.0, 3.0, 0.5], dtype=T.float64)


CASES.update(
    {
        "binary_cross_entropy": Case(_bce(), (_probabilities(2, 3),)),
        "binary_cross_entropy_weighted_sum": Case(
            _bce(weighted=True, reduction="sum"), (_probabilities(2, 3),)
        ),
        "binary_cross_entropy_none": Case(_bce(reduction="none"), (_probabilities(4),)),
        "binary_cross_entropy_with_logits": Case(_bce_with_logits(False), (rand(2, 3), _probabilities(2, 3))),
        "binary_cross_entropy_with_logits_weighted_none": Case(
            _bce_with_logits(True, reduction="none"), (rand(2, 3), _probabilities(2, 3))
        ),
        "binary_cross_entropy_with_logits_pos_weight": Case(
            lambda T, x, t: T.nn.functional.binary_cross_entropy_with_logits(x, t, pos_weight=_pos_weight(T)),
            (rand(4, 3), _probabilities(4, 3)),
        ),
        "binary_cross_entropy_with_logits_pos_weight_sum": Case(
            lambda T, x, t: T.nn.functional.binary_cross_entropy_with_logits(
                x, t, weight=_pos_weight(T), pos_weight=_pos_weight(T), reduction="sum"
            ),
            (rand(2, 3), _probabilities(2, 3)),
        ),
    }
)
CASES["binary_cross_entropy_target"] = Case(
    lambda T, x, t: T.nn.functional.binary_cross_entropy(x, t),
    (_probabilities(2, 3), _probabilities(2, 3, seed=3)),
)


def _smooth(*shape, seed=0):
    """Differences of rand values kept away from the loss's kink at |x - t| = 1 (beta, delta)."""
    return rand(*shape, seed=seed) * 0.4


def _regression(loss, **options):
    return lambda T, a, b: getattr(T.nn.functional, loss)(a, b, **options)


CASES.update(
    {
        "smooth_l1_loss": Case(_regression("smooth_l1_loss"), (_smooth(2, 3), rand(2, 3, seed=1))),
        "smooth_l1_loss_beta_sum": Case(
            _regression("smooth_l1_loss", beta=0.3, reduction="sum"), (rand(4), rand(4, seed=2))
        ),
        "smooth_l1_loss_none": Case(
            _regression("smooth_l1_loss", reduction="none", beta=2.0), (rand(2, 3), rand(2, 3, seed=3))
        ),
        "huber_loss": Case(_regression("huber_loss"), (_smooth(2, 3), rand(2, 3, seed=1))),
        "huber_loss_delta_none": Case(
            _regression("huber_loss", delta=0.3, reduction="none"), (rand(4), rand(4, seed=2))
        ),
        # torch has no forward derivative for huber_loss_backward
        "huber_loss_second_order": Case(
            lambda T, a, b: T.autograd.grad(
                T.nn.functional.huber_loss(a, b, delta=0.5, reduction="sum"),
                [x for x in (a, b) if x.requires_grad],
                create_graph=True,
            ),
            (rand(4), rand(4, seed=5)),
            forward_ad=False,
        ),
        "kl_div_batchmean": Case(
            lambda T, a, b: T.nn.functional.kl_div(a, b, reduction="batchmean"),
            (rand(2, 3), _probabilities(2, 3, seed=4)),
        ),
        "kl_div_log_target_none": Case(
            lambda T, a, b: T.nn.functional.kl_div(a, b, reduction="none", log_target=True),
            (rand(2, 3), rand(2, 3, seed=5)),
        ),
        "kl_div_sum": Case(lambda T, a, b: T.kl_div(a, b, 2), (rand(3), _probabilities(3, seed=6))),
    }
)
