"""Rows of the normalization family: native_batch_norm and native_layer_norm (three outputs each: the
normalized input, and the mean and inverse standard deviation it saves, which have no gradient), their
gradient ops, and native_group_norm, whose statistics are differentiable outputs as in torch (forwards:
ops/normalization.py).

Each op's three gradients are one joint formula, as in derivatives.yaml. The gradient ops' inputs torch
does not differentiate (the saved statistics) are edges whose formulas raise torch's not_implemented.
"""

from . import Derivative, at


def _not_implemented(name):
    def formula(grad):
        raise NotImplementedError(f"the derivative for '{name}' is not implemented. ")

    return formula


def _batch_norm_gradients(
    grad, input, weight, running_mean, running_var, result1, result2, training, eps, output_mask
):
    return at.native_batch_norm_backward(
        grad, input, weight, running_mean, running_var, result1, result2, training, eps, output_mask
    )


def _batch_norm_tangent(
    input_p, input_t, weight_p, weight_t, bias_t, running_mean, running_var, result1, result2, training, eps
):
    return at.batch_norm_jvp(
        input_p,
        input_t,
        weight_p,
        weight_t,
        bias_t,
        running_mean,
        running_var,
        result1,
        result2,
        training,
        eps,
    )


NATIVE_BATCH_NORM = Derivative(
    "native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? "
    "running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)",
    "NativeBatchNormBackward0",
    output_differentiability=(True, False, False),
    **{"input, weight, bias": _batch_norm_gradients},
    result0=_batch_norm_tangent,
)


def _batch_norm_double_backward(
    grads, input, weight, grad_out, running_mean, running_var, train, eps, save_mean, save_invstd, output_mask
):
    return at.batchnorm_double_backward(
        input,
        weight,
        *grads,
        grad_out,
        running_mean,
        running_var,
        train,
        eps,
        save_mean,
        save_invstd,
        output_mask,
    )


NATIVE_BATCH_NORM_BACKWARD = Derivative(
    "native_batch_norm_backward(Tensor grad_out, Tensor input, Tensor? weight, Tensor? running_mean, "
    "Tensor? running_var, Tensor? save_mean, Tensor? save_invstd, bool train, float eps, bool[3] "
    "output_mask) -> (Tensor, Tensor, Tensor)",
    "NativeBatchNormBackwardBackward0",
    **{"input, weight, grad_out": _batch_norm_double_backward},
    save_mean=_not_implemented("native_batch_norm_backward save_mean"),
    save_invstd=_not_implemented("native_batch_norm_backward save_invstd"),
)


def _layer_norm_gradients(grad, input, normalized_shape, result1, result2, weight, bias, output_mask):
    return at.native_layer_norm_backward(
        grad, input, normalized_shape, result1, result2, weight, bias, output_mask
    )


def _layer_norm_tangent(input_p, input_t, weight_p, weight_t, bias_t, result1, result2, normalized_shape):
    return at.layer_norm_jvp(input_p, input_t, weight_p, weight_t, bias_t, result1, result2, normalized_shape)


NATIVE_LAYER_NORM = Derivative(
    "native_layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight, Tensor? bias, float eps) "
    "-> (Tensor, Tensor, Tensor)",
    "NativeLayerNormBackward0",
    output_differentiability=(True, False, False),
    **{"input, weight, bias": _layer_norm_gradients},
    result0=_layer_norm_tangent,
)


def _layer_norm_double_backward(grads, input, weight, grad_out, mean, rstd, normalized_shape, output_mask):
    return at.layer_norm_double_backward(
        input, weight, *grads, grad_out, mean, rstd, normalized_shape, output_mask
    )


NATIVE_LAYER_NORM_BACKWARD = Derivative(
    "native_layer_norm_backward(Tensor grad_out, Tensor input, SymInt[] normalized_shape, Tensor mean, "
    "Tensor rstd, Tensor? weight, Tensor? bias, bool[3] output_mask) -> (Tensor, Tensor, Tensor)",
    "NativeLayerNormBackwardBackward0",
    **{"input, weight, grad_out": _layer_norm_double_backward},
    mean=_not_implemented("native_layer_norm_backward mean"),
    rstd=_not_implemented("native_layer_norm_backward rstd"),
    bias=lambda grad: None,
)


def _group_norm_gradients(grads, input, result1, result2, weight, N, C, HxW, group, eps, output_mask):
    return at.group_norm_backward(grads, input, result1, result2, weight, group, eps, output_mask)


NATIVE_GROUP_NORM = Derivative(
    "native_group_norm(Tensor input, Tensor? weight, Tensor? bias, SymInt N, SymInt C, SymInt HxW, "
    "int group, float eps) -> (Tensor, Tensor, Tensor)",
    "NativeGroupNormBackward0",
    **{"input, weight, bias": _group_norm_gradients},
    result0=lambda input_p, input_t, weight_p, weight_t, bias_t, result1, result2, group: at.group_norm_jvp(
        input_p, input_t, weight_p, weight_t, bias_t, result1, result2, group
    ),
    result1=lambda input_t, group: at.group_norm_mean_jvp(input_t, group),
    result2=lambda input_p, input_t, result1, result2, group: at.group_norm_invstd_jvp(
        input_p, input_t, result1, result2, group
    ),
)
