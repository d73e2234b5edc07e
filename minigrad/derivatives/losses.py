"""Rows of the losses: mse_loss and nll_loss / nll_loss2d (torch's nll_loss_forward, two outputs), and their
gradients' own ops (their forwards: ops/losses.py).

nll_loss saves ignore_index as torch shows it (-100 as the uint64 2**64 - 100); its formulas take the signed
value the op passes privately. Its total_weight output is saved but not differentiable.
"""

from . import Derivative, at

# torch's at::Reduction
REDUCTION_NONE, REDUCTION_MEAN, REDUCTION_SUM = 0, 1, 2

MSE_LOSS = Derivative(
    "mse_loss(Tensor self, Tensor target, int reduction=1) -> Tensor",
    "MseLossBackward0",
    self=lambda grad, self, target, reduction: at.mse_loss_backward(grad, self, target, reduction),
    target=lambda grad, target, self, reduction: at.mse_loss_backward(grad, target, self, reduction),
    result=lambda self_t, target_t, self_p, target_p, reduction: at.apply_loss_reduction(
        at.mse_loss_backward(self_t, self_p, target_p, REDUCTION_NONE)
        + at.mse_loss_backward(target_t, target_p, self_p, REDUCTION_NONE),
        reduction,
    ),
)
MSE_LOSS_BACKWARD = Derivative(
    "mse_loss_backward(Tensor grad_output, Tensor self, Tensor target, int reduction) -> Tensor",
    "MseLossBackwardBackward0",
    grad_output=lambda grad, self, target, reduction: at.mse_loss_backward(grad, self, target, reduction),
    self=lambda grad, grad_output, self, reduction: at.mse_loss_double_backward(
        grad * grad_output, self, reduction
    ),
    target=lambda grad, grad_output, target, reduction: (
        -at.mse_loss_double_backward(grad * grad_output, target, reduction)
    ),
    result=lambda grad_output_t, self_t, target_t, grad_output_p, self_p, target_p, reduction: (
        at.mse_loss_double_backward(self_t * grad_output_p, self_p, reduction)
        - at.mse_loss_double_backward(target_t * grad_output_p, target_p, reduction)
        + at.mse_loss_backward(grad_output_t, self_p, target_p, reduction)
    ),
)
NLL_LOSS = Derivative(
    "nll_loss_forward(Tensor self, Tensor target, Tensor? weight, int reduction, SymInt ignore_index)"
    " -> (Tensor output, Tensor total_weight)",
    "NllLossBackward0",
    output_differentiability=(True, False),
    self=lambda grad, self, target, weight, reduction, ignore_index, total_weight, _ignore_index: (
        at.nll_loss_backward(grad, self, target, weight, reduction, _ignore_index, total_weight)
    ),
    output=lambda self_t, target, weight, reduction, _ignore_index: at.nll_loss(
        self_t, target, weight, reduction, _ignore_index
    ),
)


def _through_decomposition(backward):
    """The forward derivative of nll_loss(2d)_backward, which torch does not have a formula for: it runs the
    op's decomposition (torch/_decomp/decompositions_for_jvp.py), linear in grad_output and using only self's
    shape. So the tangent is the backward of grad_output's tangent, and none when grad_output has none."""

    def tangent(
        grad_output_fw_grad_defined,
        grad_output_t,
        self_p,
        target,
        weight,
        reduction,
        _ignore_index,
        total_weight,
    ):
        if not grad_output_fw_grad_defined:
            return None
        return getattr(at, backward)(
            grad_output_t, self_p.detach(), target, weight, reduction, _ignore_index, total_weight
        )

    return tangent


# nll_loss's gradient is linear in grad_output, and piecewise constant in self
NLL_LOSS_BACKWARD = Derivative(
    "nll_loss_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, int reduction,"
    " SymInt ignore_index, Tensor total_weight) -> Tensor",
    "NllLossBackwardBackward0",
    grad_output=lambda grad, target, weight, reduction, ignore_index, _ignore_index: at.nll_loss(
        grad, target, weight, reduction, _ignore_index
    ),
    self=lambda grad: at.zeros_like(grad),
    result=_through_decomposition("nll_loss_backward"),
)
NLL_LOSS2D = Derivative(
    "nll_loss2d_forward(Tensor self, Tensor target, Tensor? weight, int reduction, SymInt ignore_index)"
    " -> (Tensor output, Tensor total_weight)",
    "NllLoss2DBackward0",
    output_differentiability=(True, False),
    self=lambda grad, self, target, weight, reduction, ignore_index, total_weight, _ignore_index: (
        at.nll_loss2d_backward(grad, self, target, weight, reduction, _ignore_index, total_weight)
    ),
    output=lambda self_t, target, weight, reduction, _ignore_index: at.nll_loss2d(
        self_t, target, weight, reduction, _ignore_index
    ),
)
NLL_LOSS2D_BACKWARD = Derivative(
    "nll_loss2d_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight, int reduction,"
    " SymInt ignore_index, Tensor total_weight) -> Tensor",
    "NllLoss2DBackwardBackward0",
    grad_output=lambda grad, target, weight, reduction, ignore_index, _ignore_index: at.nll_loss2d(
        grad, target, weight, reduction, _ignore_index
    ),
    self=lambda grad: at.zeros_like(grad),
    result=_through_decomposition("nll_loss2d_backward"),
)


# ---- binary cross entropy ----------------------------------------------------------------------------------
def _bce_tangent(self_t, target_t, self_p, target_p, weight, reduction):
    """Linear in the tangents: each input's unreduced gradient applied to its tangent, then reduced."""
    return at.apply_loss_reduction(
        at.binary_cross_entropy_backward(self_t, self_p, target_p, weight, REDUCTION_NONE)
        + at.binary_cross_entropy_target_backward(target_t, self_p, target_p, weight, REDUCTION_NONE),
        reduction,
    )


BINARY_CROSS_ENTROPY = Derivative(
    "binary_cross_entropy(Tensor self, Tensor target, Tensor? weight=None, int reduction=1) -> Tensor",
    "BinaryCrossEntropyBackward0",
    self=lambda grad, self, target, weight, reduction: at.binary_cross_entropy_backward(
        grad, self, target, weight, reduction
    ),
    target=lambda grad, self, target, weight, reduction: at.binary_cross_entropy_target_backward(
        grad, self, target, weight, reduction
    ),
    result=_bce_tangent,
)


def _bce_backward_tangent(
    grad_output_t, self_t, target_t, grad_output_p, self_p, target_p, weight, reduction
):
    return (
        at.binary_cross_entropy_double_backward(grad_output_p, self_t, self_p, target_p, weight, reduction)
        + at.binary_cross_entropy_double_backward_target(
            target_t, grad_output_p, self_p, target_p, weight, reduction
        )
        + at.binary_cross_entropy_double_backward_grad_output(
            grad_output_t, self_p, target_p, weight, reduction
        )
    )


BINARY_CROSS_ENTROPY_BACKWARD = Derivative(
    "binary_cross_entropy_backward(Tensor grad_output, Tensor self, Tensor target, Tensor? weight=None, "
    "int reduction=1) -> Tensor",
    "BinaryCrossEntropyBackwardBackward0",
    self=lambda grad, grad_output, self, target, weight, reduction: at.binary_cross_entropy_double_backward(
        grad_output, grad, self, target, weight, reduction
    ),
    target=lambda grad, grad_output, self, target, weight, reduction: (
        at.binary_cross_entropy_double_backward_target(grad, grad_output, self, target, weight, reduction)
    ),
    grad_output=lambda grad, self, target, weight, reduction: (
        at.binary_cross_entropy_double_backward_grad_output(grad, self, target, weight, reduction)
    ),
    result=_bce_backward_tangent,
)


def _bce_with_logits_tangent(self_t, target_t, self_p, target_p, weight, pos_weight, reduction):
    return at.apply_loss_reduction(
        at.binary_cross_entropy_with_logits_backward(
            self_t, self_p, target_p, weight, pos_weight, REDUCTION_NONE
        )
        + at.binary_cross_entropy_with_logits_target_backward(
            target_t, self_p, target_p, weight, pos_weight, REDUCTION_NONE
        ),
        reduction,
    )


# its gradients are composites of other ops (torch's FunctionsManual), so second order goes through those
BINARY_CROSS_ENTROPY_WITH_LOGITS = Derivative(
    "binary_cross_entropy_with_logits(Tensor self, Tensor target, Tensor? weight=None, "
    "Tensor? pos_weight=None, int reduction=1) -> Tensor",
    "BinaryCrossEntropyWithLogitsBackward0",
    self=lambda grad, self, target, weight, pos_weight, reduction: (
        at.binary_cross_entropy_with_logits_backward(grad, self, target, weight, pos_weight, reduction)
    ),
    target=lambda grad, self, target, weight, pos_weight, reduction: (
        at.binary_cross_entropy_with_logits_target_backward(grad, self, target, weight, pos_weight, reduction)
    ),
    result=_bce_with_logits_tangent,
)


# ---- smooth_l1_loss / huber_loss ---------------------------------------------------------------------------
# Both are quadratic near zero and linear beyond beta (delta); their gradients are ops of their own, whose
# derivatives in self and target are composites (torch's smooth_l1_loss_double_backward...)
def _pointwise_loss_tangent(backward):
    def tangent(self_t, target_t, self_p, target_p, reduction, beta):
        return at.apply_loss_reduction(
            getattr(at, backward)(self_t, self_p, target_p, REDUCTION_NONE, beta)
            + getattr(at, backward)(target_t, target_p, self_p, REDUCTION_NONE, beta),
            reduction,
        )

    return tangent


SMOOTH_L1_LOSS = Derivative(
    "smooth_l1_loss(Tensor self, Tensor target, int reduction=1, float beta=1.0) -> Tensor",
    "SmoothL1LossBackward0",
    self=lambda grad, self, target, reduction, beta: at.smooth_l1_loss_backward(
        grad, self, target, reduction, beta
    ),
    target=lambda grad, target, self, reduction, beta: at.smooth_l1_loss_backward(
        grad, target, self, reduction, beta
    ),
    result=_pointwise_loss_tangent("smooth_l1_loss_backward"),
)
SMOOTH_L1_LOSS_BACKWARD = Derivative(
    "smooth_l1_loss_backward(Tensor grad_output, Tensor self, Tensor target, int reduction, float beta)"
    " -> Tensor",
    "SmoothL1LossBackwardBackward0",
    grad_output=lambda grad, self, target, reduction, beta: at.smooth_l1_loss_backward(
        grad, self, target, reduction, beta
    ),
    self=lambda grad, grad_output, self, target, reduction, beta: at.smooth_l1_loss_double_backward(
        grad * grad_output, self, target, reduction, beta
    ),
    target=lambda grad, grad_output, self, target, reduction, beta: (
        -at.smooth_l1_loss_double_backward(grad * grad_output, self, target, reduction, beta)
    ),
    result=lambda grad_output_t, self_t, target_t, grad_output_p, self_p, target_p, reduction, beta: (
        at.smooth_l1_loss_double_backward(self_t * grad_output_p, self_p, target_p, reduction, beta)
        - at.smooth_l1_loss_double_backward(target_t * grad_output_p, self_p, target_p, reduction, beta)
        + at.smooth_l1_loss_backward(grad_output_t, self_p, target_p, reduction, beta)
    ),
)
HUBER_LOSS = Derivative(
    "huber_loss(Tensor self, Tensor target, int reduction=1, float delta=1.0) -> Tensor",
    "HuberLossBackward0",
    self=lambda grad, self, target, reduction, delta: at.huber_loss_backward(
        grad, self, target, reduction, delta
    ),
    target=lambda grad, target, self, reduction, delta: at.huber_loss_backward(
        grad, target, self, reduction, delta
    ),
    result=lambda self_t, target_t, self_p, target_p, reduction, delta: _pointwise_loss_tangent(
        "huber_loss_backward"
    )(self_t, target_t, self_p, target_p, reduction, delta),
)
# torch has no forward derivative for huber_loss_backward
HUBER_LOSS_BACKWARD = Derivative(
    "huber_loss_backward(Tensor grad_output, Tensor self, Tensor target, int reduction, float delta)"
    " -> Tensor",
    "HuberLossBackwardBackward0",
    grad_output=lambda grad, grad_output, self, target, reduction, delta: (
        at.huber_loss_double_backward_grad_output(grad, grad_output, self, target, reduction, delta)
    ),
    self=lambda grad, grad_output, self, target, reduction, delta: at.huber_loss_double_backward(
        grad * grad_output, self, target, reduction, delta
    ),
    target=lambda grad, grad_output, self, target, reduction, delta: (
        -at.huber_loss_double_backward(grad * grad_output, self, target, reduction, delta)
    ),
)
