"""Rows of the convolution family: convolution (torch's one op behind conv1d/conv2d), its gradient op
convolution_backward, and constant_pad_nd (padding='same' with an even kernel pads the input first).
Forwards: ops/convolution.py.

convolution's three gradients are one joint formula, as in derivatives.yaml, computing only those its
output_mask asks for; so are convolution_backward's (torch's _convolution_double_backward). torch saves the
bias by its sizes only (`bias_sym_sizes_opt`).
"""

from . import Derivative, at

_PARAMETERS = (
    "SymInt[] stride, SymInt[] padding, SymInt[] dilation, bool transposed, SymInt[] output_padding, "
    "SymInt groups"
)


def _convolution_gradients(
    grad,
    input,
    weight,
    bias_sym_sizes_opt,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
    output_mask,
):
    params = (stride, padding, dilation, transposed, output_padding, groups)
    return at.convolution_backward(grad, input, weight, bias_sym_sizes_opt, *params, output_mask)


def _convolution_tangent(
    input_p,
    input_t,
    weight_p,
    weight_t,
    bias_t,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
):
    """torch's convolution_jvp: linear in input and bias, and in weight."""
    params = (stride, padding, dilation, transposed, output_padding, groups)
    return at.convolution(input_t, weight_p, None, *params) + at.convolution(
        input_p, weight_t, bias_t, *params
    )


CONVOLUTION = Derivative(
    f"convolution(Tensor input, Tensor weight, Tensor? bias, {_PARAMETERS}) -> Tensor",
    "ConvolutionBackward0",
    **{"input, weight, bias": _convolution_gradients},
    result=_convolution_tangent,
)


def _double_backward(
    grads,
    grad_output,
    weight,
    input,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
    output_mask,
):
    params = (stride, padding, dilation, transposed, output_padding, groups)
    return at.convolution_double_backward(*grads, grad_output, weight, input, *params, output_mask)


def _input_gradient_tangent(
    grad_output_p,
    grad_output_t,
    input_p,
    weight_p,
    weight_t,
    bias_sizes,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
):
    """The input's gradient is bilinear in (grad_output, weight)."""
    params = (bias_sizes, stride, padding, dilation, transposed, output_padding, groups, (True, False, False))
    return (
        at.convolution_backward(grad_output_p, input_p, weight_t, *params)[0]
        + at.convolution_backward(grad_output_t, input_p, weight_p, *params)[0]
    )


def _weight_gradient_tangent(
    grad_output_p,
    grad_output_t,
    input_p,
    input_t,
    weight_p,
    bias_sizes,
    stride,
    padding,
    dilation,
    transposed,
    output_padding,
    groups,
):
    """The weight's gradient is bilinear in (grad_output, input)."""
    params = (bias_sizes, stride, padding, dilation, transposed, output_padding, groups, (False, True, False))
    return (
        at.convolution_backward(grad_output_p, input_t, weight_p, *params)[1]
        + at.convolution_backward(grad_output_t, input_p, weight_p, *params)[1]
    )


CONVOLUTION_BACKWARD = Derivative(
    f"convolution_backward(Tensor grad_output, Tensor input, Tensor weight, SymInt[]? bias_sizes, "
    f"{_PARAMETERS}, bool[3] output_mask) -> (Tensor, Tensor, Tensor)",
    "ConvolutionBackwardBackward0",
    **{"grad_output, input, weight": _double_backward},
    result0=_input_gradient_tangent,
    result1=_weight_gradient_tangent,
    result2=lambda grad_output_t, result2: at.convolution_backward_jvp_grad_bias(grad_output_t, result2),
)

CONSTANT_PAD_ND = Derivative(
    "constant_pad_nd(Tensor self, SymInt[] pad, Scalar value=0) -> Tensor",
    "ConstantPadNdBackward0",
    self=lambda grad, pad, _pad: at.constant_pad_nd_backward(grad, _pad),  # torch shows pad as uint64
    result=lambda self_t, _pad: at.constant_pad_nd(self_t, _pad, 0),
)
