"""Convolution, pooling, normalization, embedding and their neighbours in torch.nn.functional against torch:
values and gradients (random upstream) in float32 and float64, and the errors bad arguments raise.

Gradients of every row, forward derivatives, saved sets and second order are in test_derivatives.py
(derivative_cases/{convolution,pooling,normalization,embedding}.py); this file covers what those cases do
not: dtypes, argument spellings and bad input."""

import numpy as np
import pytest
from _compare import same, same_error

DTYPES = ("float32", "float64")


def _t(t, shape, seed=0, dtype="float64", requires_grad=False):
    values = np.random.default_rng(seed).standard_normal(shape).tolist()
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=requires_grad)


def _with_grads(t, out, inputs, seed=7):
    """out, and the gradients of out with respect to the inputs that require grad for a random upstream."""
    wanted = [x for x in inputs if x is not None and x.requires_grad]
    upstream = _t(t, tuple(out.shape), seed, str(out.dtype).split(".")[1])
    return out, t.autograd.grad(out, wanted, upstream, allow_unused=True)


def _F(t):
    return t.nn.functional


# ---- values and gradients ----------------------------------------------------------------------------------
CONV = {
    "conv2d": (lambda t, x, w, b: _F(t).conv2d(x, w, b), (2, 3, 6, 5), (4, 3, 3, 3)),
    "conv2d_tuple_args": (
        lambda t, x, w, b: _F(t).conv2d(x, w, b, stride=(2, 1), padding=(1, 0), dilation=(2, 1)),
        (1, 3, 7, 6),
        (2, 3, 2, 3),
    ),
    "conv2d_groups": (lambda t, x, w, b: _F(t).conv2d(x, w, b, groups=3), (2, 6, 5, 5), (3, 2, 3, 3)),
    "conv2d_depthwise": (
        lambda t, x, w, b: _F(t).conv2d(x, w, b, padding=1, groups=4),
        (1, 4, 4, 4),
        (8, 1, 3, 3),
    ),
    "conv2d_same": (lambda t, x, w, b: _F(t).conv2d(x, w, b, padding="same"), (1, 2, 5, 6), (3, 2, 4, 3)),
    "conv2d_valid": (lambda t, x, w, b: _F(t).conv2d(x, w, b, padding="valid"), (1, 2, 5, 6), (3, 2, 4, 3)),
    "conv1d": (lambda t, x, w, b: _F(t).conv1d(x, w, b, stride=2, padding=2), (3, 2, 9), (4, 2, 3)),
    "conv1d_same_dilated": (
        lambda t, x, w, b: _F(t).conv1d(x, w, b, padding="same", dilation=2),
        (1, 2, 8),
        (2, 2, 4),
    ),
}


@pytest.mark.parametrize("name", sorted(CONV))
@pytest.mark.parametrize("dtype", DTYPES)
def test_convolution(name, dtype):
    fn, x_shape, w_shape = CONV[name]

    def body(t):
        x = _t(t, x_shape, 1, dtype, True)
        w = _t(t, w_shape, 2, dtype, True)
        b = _t(t, (w_shape[0],), 3, dtype, True)
        return _with_grads(t, fn(t, x, w, b), [x, w, b])

    same(body)


TRANSPOSED = {
    "conv_transpose2d": (lambda t, x, w, b: _F(t).conv_transpose2d(x, w, b), (2, 3, 4, 4), (3, 2, 3, 3), 1),
    "conv_transpose2d_options": (
        lambda t, x, w, b: _F(t).conv_transpose2d(x, w, b, (2, 3), (1, 0), (1, 2), 2, (2, 1)),
        (1, 4, 3, 4),
        (4, 3, 2, 3),
        2,
    ),
    "conv_transpose2d_unbatched": (
        lambda t, x, w, b: _F(t).conv_transpose2d(x, w, b, stride=2),
        (3, 2, 2),
        (3, 1, 2, 2),
        1,
    ),
    # output_padding below the dilation but not the stride: more output than the input's windows cover
    "conv_transpose2d_output_padding_dilation": (
        lambda t, x, w, b: _F(t).conv_transpose2d(x, w, b, (1, 3), 0, (1, 0), 2, (2, 1)),
        (3, 2, 6, 2),
        (2, 1, 2, 1),
        2,
    ),
    "conv_transpose1d": (
        lambda t, x, w, b: _F(t).conv_transpose1d(x, w, b, stride=2, padding=1, output_padding=1),
        (2, 3, 5),
        (3, 4, 3),
        1,
    ),
}


@pytest.mark.parametrize("name", sorted(TRANSPOSED))
@pytest.mark.parametrize("dtype", DTYPES)
def test_transposed_convolution(name, dtype):
    fn, x_shape, w_shape, groups = TRANSPOSED[name]

    def body(t):
        x = _t(t, x_shape, 1, dtype, True)
        w = _t(t, w_shape, 2, dtype, True)
        b = _t(t, (w_shape[1] * groups,), 3, dtype, True)
        return _with_grads(t, fn(t, x, w, b), [x, w, b])

    same(body)


POOL = {
    "max_pool2d": (lambda t, x: _F(t).max_pool2d(x, 2), (2, 3, 6, 5)),
    "max_pool2d_stride_padding": (lambda t, x: _F(t).max_pool2d(x, 3, stride=2, padding=1), (1, 2, 7, 7)),
    "max_pool2d_ceil_dilation": (
        lambda t, x: _F(t).max_pool2d(x, (2, 3), dilation=(2, 1), ceil_mode=True),
        (2, 1, 7, 8),
    ),
    "max_pool2d_indices": (lambda t, x: _F(t).max_pool2d(x, 2, return_indices=True)[0], (1, 2, 4, 6)),
    "max_pool2d_unbatched": (lambda t, x: _F(t).max_pool2d(x, (2, 2), (1, 2)), (2, 5, 5)),
    "max_pool1d": (lambda t, x: _F(t).max_pool1d(x, 3, 2, 1), (2, 3, 9)),
    "avg_pool2d": (lambda t, x: _F(t).avg_pool2d(x, 2), (2, 3, 6, 5)),
    "avg_pool2d_options": (
        lambda t, x: _F(t).avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False),
        (1, 2, 8, 7),
    ),
    "avg_pool1d": (lambda t, x: _F(t).avg_pool1d(x, 3, 1, 1), (2, 3, 6)),
    "adaptive_avg_pool2d": (lambda t, x: _F(t).adaptive_avg_pool2d(x, (3, 2)), (2, 3, 7, 5)),
    "adaptive_avg_pool2d_none": (lambda t, x: _F(t).adaptive_avg_pool2d(x, (None, 2)), (2, 3, 7, 5)),
    "adaptive_avg_pool2d_one": (lambda t, x: _F(t).adaptive_avg_pool2d(x, 1), (2, 3, 4, 4)),
    "adaptive_avg_pool1d": (lambda t, x: _F(t).adaptive_avg_pool1d(x, 4), (2, 3, 9)),
}


@pytest.mark.parametrize("name", sorted(POOL))
@pytest.mark.parametrize("dtype", DTYPES)
def test_pooling(name, dtype):
    fn, shape = POOL[name]

    def body(t):
        x = _t(t, shape, 1, dtype, True)
        return _with_grads(t, fn(t, x), [x])

    same(body)


def test_max_pool2d_windows_wholly_in_the_padding():
    """ceil_mode with dilation can leave a window without an input element: torch gives -inf and an index
    outside the plane (its backward then writes out of bounds; minigrad's leaves the input's gradient 0)."""

    def body(t):
        x = _t(t, (1, 2, 1, 8), 1)
        return _F(t).max_pool2d(x, (3, 2), None, (1, 0), (2, 2), True, return_indices=True)

    same(body)


def test_max_pool2d_indices_values():
    def body(t):
        x = _t(t, (2, 2, 5, 6), 4)
        return _F(t).max_pool2d(x, 2, return_indices=True), _F(t).max_pool1d(x[0], 3, return_indices=True)

    same(body)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("shape", [(4, 3), (4, 3, 5), (2, 3, 4, 4)])
def test_batch_norm(dtype, training, shape):
    def body(t):
        x = _t(t, shape, 1, dtype, True)
        weight = _t(t, (3,), 2, dtype, True)
        bias = _t(t, (3,), 3, dtype, True)
        mean = _t(t, (3,), 4, dtype)
        var = _t(t, (3,), 5, dtype).abs() + 0.5
        out = _F(t).batch_norm(x, mean, var, weight, bias, training=training, momentum=0.3, eps=1e-3)
        return _with_grads(t, out, [x, weight, bias]), mean, var

    same(body)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("normalized_shape", [(5,), (4, 5), [3, 4, 5]])
def test_layer_norm(dtype, normalized_shape):
    def body(t):
        x = _t(t, (2, 3, 4, 5), 1, dtype, True)
        weight = _t(t, normalized_shape, 2, dtype, True)
        bias = _t(t, normalized_shape, 3, dtype, True)
        return _with_grads(
            t, _F(t).layer_norm(x, normalized_shape, weight, bias, eps=1e-4), [x, weight, bias]
        )

    same(body)


@pytest.mark.parametrize("dtype", DTYPES)
def test_embedding(dtype):
    def body(t):
        weight = _t(t, (6, 4), 1, dtype, True)
        indices = t.tensor([[0, 5, 2, 2], [1, 0, 5, 3]])
        plain = _with_grads(t, _F(t).embedding(indices, weight), [weight])
        padded = _with_grads(t, _F(t).embedding(indices, weight, padding_idx=2), [weight])
        return plain, padded

    same(body)


def test_embedding_max_norm_renormalises_weight_in_place():
    def body(t):
        weight = _t(t, (5, 3), 1, requires_grad=True)
        with t.no_grad():
            weight.mul_(3)
        out = _F(t).embedding(t.tensor([1, 3, 1]), weight, max_norm=1.5)
        return _with_grads(t, out, [weight]), weight.detach().clone(), weight._version

    same(body)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "name, options",
    [
        ("softplus", {}),
        ("softplus", {"beta": 2.0, "threshold": 1.0}),
        ("elu", {}),
        ("elu", {"alpha": 0.3}),
        ("selu", {}),
        ("celu", {"alpha": 1.5}),
        ("logsigmoid", {}),
    ],
)
def test_activations(dtype, name, options):
    def body(t):
        x = _t(t, (3, 5), 1, dtype, True) * 3
        return _with_grads(t, getattr(_F(t), name)(x, **options), [x])

    same(body)


@pytest.mark.parametrize("name", ["elu", "selu", "celu"])
def test_activations_in_place(name):
    def body(t):
        x = _t(t, (3, 5), 1, requires_grad=True)
        y = x * 2
        out = getattr(_F(t), name)(y, inplace=True)
        return out is y, _with_grads(t, out, [x])

    same(body)


def test_pad():
    def body(t):
        x = _t(t, (2, 3, 4), 1, requires_grad=True)
        return _with_grads(t, _F(t).pad(x, (1, 2, 0, 1), value=0.5), [x]), _F(t).pad(x, (1, 1)).shape

    same(body)


# ---- errors ------------------------------------------------------------------------------------------------
ERRORS = {
    "conv2d_channels": lambda t: _F(t).conv2d(t.ones(1, 3, 5, 5), t.ones(2, 2, 3, 3)),
    "conv2d_rank": lambda t: _F(t).conv2d(t.ones(5, 5), t.ones(2, 1, 3, 3)),
    "conv2d_kernel_too_big": lambda t: _F(t).conv2d(t.ones(1, 1, 2, 2), t.ones(1, 1, 3, 3)),
    "conv2d_bias_size": lambda t: _F(t).conv2d(t.ones(1, 1, 4, 4), t.ones(2, 1, 3, 3), t.ones(3)),
    "conv2d_groups_divisible": lambda t: _F(t).conv2d(t.ones(1, 4, 4, 4), t.ones(3, 2, 3, 3), groups=2),
    "conv2d_dtype": lambda t: _F(t).conv2d(t.ones(1, 1, 4, 4), t.ones(1, 1, 3, 3, dtype=t.float64)),
    "conv2d_same_strided": lambda t: _F(t).conv2d(
        t.ones(1, 1, 4, 4), t.ones(1, 1, 3, 3), padding="same", stride=2
    ),
    "conv2d_bad_padding_string": lambda t: _F(t).conv2d(
        t.ones(1, 1, 4, 4), t.ones(1, 1, 3, 3), padding="full"
    ),
    "conv2d_negative_padding": lambda t: _F(t).conv2d(t.ones(1, 1, 4, 4), t.ones(1, 1, 3, 3), padding=-1),
    "conv2d_zero_stride": lambda t: _F(t).conv2d(t.ones(1, 1, 4, 4), t.ones(1, 1, 3, 3), stride=0),
    "conv_transpose2d_output_padding": lambda t: _F(t).conv_transpose2d(
        t.ones(1, 2, 3, 3), t.ones(2, 2, 2, 2), stride=2, output_padding=2
    ),
    "conv_transpose1d_output_padding": lambda t: _F(t).conv_transpose1d(
        t.ones(1, 2, 3), t.ones(2, 2, 2), output_padding=1
    ),
    "conv_transpose2d_output_too_small": lambda t: _F(t).conv_transpose2d(
        t.ones(1, 2, 4, 3, dtype=t.float64), t.ones(2, 2, 1, 1, dtype=t.float64), padding=2
    ),
    "conv_transpose1d_output_too_small": lambda t: _F(t).conv_transpose1d(
        t.ones(1, 2, 4), t.ones(2, 2, 1), padding=2
    ),
    # not a 1x1 kernel: for those, whether torch takes oneDNN depends on its thread count
    "conv_transpose2d_negative_output_onednn": lambda t: _F(t).conv_transpose2d(
        t.ones(2, 2, 1, 1), t.ones(2, 2, 2, 2), padding=2
    ),
    # output_padding reaching the stride: ATen's slow kernel, whatever the size
    "conv_transpose2d_output_too_small_big_output_padding": lambda t: _F(t).conv_transpose2d(
        t.ones(3, 4, 7, 4), t.ones(4, 3, 1, 1), None, 1, (0, 2), (1, 0), 2, 2
    ),
    "conv_transpose2d_channels": lambda t: _F(t).conv_transpose2d(t.ones(1, 3, 3, 3), t.ones(2, 2, 2, 2)),
    "conv_transpose2d_rank": lambda t: _F(t).conv_transpose2d(t.ones(3, 3), t.ones(2, 2, 2, 2)),
    "conv_transpose2d_stride_type": lambda t: _F(t).conv_transpose2d(
        t.ones(1, 2, 3, 3), t.ones(2, 2, 2, 2), None, "a"
    ),
    "conv_transpose2d_stride_keyword_type": lambda t: _F(t).conv_transpose2d(
        t.ones(1, 2, 3, 3), t.ones(2, 2, 2, 2), stride="a"
    ),
    "conv_transpose2d_groups_type": lambda t: _F(t).conv_transpose2d(
        t.ones(1, 2, 3, 3), t.ones(2, 2, 2, 2), None, 1, 0, 0, 1.5
    ),
    "conv_transpose2d_unknown_keyword": lambda t: _F(t).conv_transpose2d(
        t.ones(1, 2, 3, 3), t.ones(2, 2, 2, 2), strides=1
    ),
    "conv1d_rank": lambda t: _F(t).conv1d(t.ones(1, 2, 3, 4), t.ones(1, 2, 3)),
    "max_pool2d_pad_too_big": lambda t: _F(t).max_pool2d(t.ones(1, 1, 6, 6), 2, padding=2),
    "max_pool2d_output_too_small": lambda t: _F(t).max_pool2d(t.ones(1, 1, 2, 2), 3),
    "max_pool2d_rank": lambda t: _F(t).max_pool2d(t.ones(6, 6), 2),
    "max_pool2d_zero_kernel": lambda t: _F(t).max_pool2d(t.ones(1, 1, 6, 6), 0),
    "avg_pool2d_pad_too_big": lambda t: _F(t).avg_pool2d(t.ones(1, 1, 6, 6), 2, padding=2),
    "avg_pool2d_rank": lambda t: _F(t).avg_pool2d(t.ones(6), 2),
    "adaptive_avg_pool2d_rank": lambda t: _F(t).adaptive_avg_pool2d(t.ones(6), 2),
    "batch_norm_one_value_per_channel": lambda t: _F(t).batch_norm(t.ones(1, 3), None, None, training=True),
    "batch_norm_running_size": lambda t: _F(t).batch_norm(t.ones(4, 3), t.zeros(2), t.ones(2)),
    "batch_norm_weight_size": lambda t: _F(t).batch_norm(t.ones(4, 3), t.zeros(3), t.ones(3), t.ones(2)),
    "layer_norm_shape": lambda t: _F(t).layer_norm(t.ones(2, 3), (4,)),
    "layer_norm_weight_shape": lambda t: _F(t).layer_norm(t.ones(2, 3), (3,), t.ones(2)),
    "embedding_float_indices": lambda t: _F(t).embedding(t.ones(2), t.ones(4, 3)),
    "embedding_out_of_range": lambda t: _F(t).embedding(t.tensor([4]), t.ones(4, 3)),
    "embedding_negative_index": lambda t: _F(t).embedding(t.tensor([-1]), t.ones(4, 3)),
    "embedding_padding_idx": lambda t: _F(t).embedding(t.tensor([1]), t.ones(4, 3), padding_idx=4),
    "embedding_weight_rank": lambda t: _F(t).embedding(t.tensor([1]), t.ones(4)),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors(name):
    same_error(ERRORS[name])


@pytest.mark.parametrize(
    "input_shape, weight_shape, options",
    [
        ((1, 1, 4, 4), (1, 1, 3, 3), {}),  # small: ATen's own kernel checks the dtypes
        ((2, 3, 5, 4), (4, 3, 3, 2), {}),  # a batch: oneDNN's check
        ((1, 4, 5, 5), (2, 2, 2, 2), {"groups": 2}),
        ((1, 4, 5, 5), (2, 4, 4, 4), {}),
        ((1, 1, 150, 150), (2, 1, 3, 3), {}),
        ((2, 3, 5), (2, 3, 3), {}),
        ((1, 3, 5), (2, 3, 3), {}),
        ((3, 5, 5), (2, 3, 3, 3), {}),
    ],
)
@pytest.mark.parametrize("weight_dtype", ["float64", "int64"])
def test_convolution_dtype_mismatch(input_shape, weight_shape, options, weight_dtype):
    def body(t):
        conv = _F(t).conv2d if len(weight_shape) == 4 else _F(t).conv1d
        weight = t.ones(weight_shape, dtype=getattr(t, weight_dtype))
        return conv(t.ones(input_shape), weight, **options)

    same_error(body)


# ---- binary cross entropy ----------------------------------------------------------------------------------
def _probabilities(t, shape, seed, dtype="float64", requires_grad=False):
    values = (np.random.default_rng(seed).random(shape) * 0.98 + 0.01).tolist()
    return t.tensor(values, dtype=getattr(t, dtype), requires_grad=requires_grad)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weighted", [False, True])
def test_binary_cross_entropy(dtype, reduction, weighted):
    def body(t):
        x = _probabilities(t, (3, 4), 1, dtype, True)
        target = _probabilities(t, (3, 4), 2, dtype, True)
        weight = _probabilities(t, (4,), 3, dtype) if weighted else None
        out = _F(t).binary_cross_entropy(x, target, weight, reduction=reduction)
        module = t.nn.BCELoss(weight=weight, reduction=reduction)(x, target)
        return _with_grads(t, out, [x, target]), module, repr(t.nn.BCELoss())

    same(body)


def test_binary_cross_entropy_saturates_at_100():
    def body(t):
        x = t.tensor([0.0, 1.0, 1e-50, 0.5], dtype=t.float64, requires_grad=True)
        target = t.tensor([1.0, 0.0, 1.0, 0.5], dtype=t.float64)
        return _with_grads(t, _F(t).binary_cross_entropy(x, target, reduction="none"), [x])

    same(body)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weights", ["none", "weight", "pos_weight", "both"])
def test_binary_cross_entropy_with_logits(dtype, reduction, weights):
    def body(t):
        x = _t(t, (3, 4), 1, dtype, True) * 4
        target = _probabilities(t, (3, 4), 2, dtype, True)
        weight = _probabilities(t, (4,), 3, dtype) if weights in ("weight", "both") else None
        pos_weight = _probabilities(t, (4,), 4, dtype) * 3 if weights in ("pos_weight", "both") else None
        out = _F(t).binary_cross_entropy_with_logits(
            x, target, weight, reduction=reduction, pos_weight=pos_weight
        )
        module = t.nn.BCEWithLogitsLoss(weight, reduction=reduction, pos_weight=pos_weight)
        return _with_grads(t, out, [x, target]), module(x, target), dict(module.state_dict())

    same(body)


def test_binary_cross_entropy_with_logits_is_stable_for_large_logits():
    def body(t):
        x = t.tensor([-200.0, 300.0, 50.0, -50.0], requires_grad=True)
        target = t.tensor([1.0, 0.0, 1.0, 0.0])
        return _with_grads(t, _F(t).binary_cross_entropy_with_logits(x, target, reduction="none"), [x])

    same(body)


def test_binary_cross_entropy_legacy_reduction_warns():
    def body(t):
        x = _probabilities(t, (4,), 1)
        return _F(t).binary_cross_entropy(x, x, size_average=False), t.nn.BCELoss(reduce=False)(x, x)

    same(body)


def test_binary_cross_entropy_target_second_order_graph():
    def body(t):
        x = _probabilities(t, (3,), 1, requires_grad=True)
        target = _probabilities(t, (3,), 2, requires_grad=True)
        grad = t.autograd.grad(_F(t).binary_cross_entropy(x, target), target, create_graph=True)[0]
        return grad.grad_fn.next_functions[0][0].next_functions

    same(body)


BCE_ERRORS = {
    "bce_out_of_range": lambda t: _F(t).binary_cross_entropy(t.tensor([1.5]), t.tensor([1.0])),
    "bce_nan": lambda t: _F(t).binary_cross_entropy(t.tensor([float("nan")]), t.tensor([1.0])),
    "bce_size": lambda t: _F(t).binary_cross_entropy(t.tensor([0.5, 0.5]), t.tensor([1.0])),
    "bce_dtype": lambda t: _F(t).binary_cross_entropy(t.tensor([0.5], dtype=t.float64), t.tensor([1.0])),
    "bce_weight_broadcast": lambda t: _F(t).binary_cross_entropy(t.ones(3) / 2, t.ones(3), t.ones(2)),
    "bce_weight_requires_grad": lambda t: _F(t).binary_cross_entropy(
        t.ones(3) / 2, t.ones(3), t.ones(3, requires_grad=True)
    ),
    "bce_reduction": lambda t: _F(t).binary_cross_entropy(t.ones(3) / 2, t.ones(3), reduction="avg"),
    "bce_with_logits_size": lambda t: _F(t).binary_cross_entropy_with_logits(t.ones(3), t.ones(2)),
    "bce_with_logits_long_target": lambda t: _F(t).binary_cross_entropy_with_logits(
        t.ones(3, dtype=t.long), t.ones(3, dtype=t.long)
    ),
    "bce_with_logits_long_input": lambda t: _F(t).binary_cross_entropy_with_logits(
        t.ones(3, dtype=t.long), t.ones(3)
    ),
    "bce_long": lambda t: _F(t).binary_cross_entropy(t.ones(3, dtype=t.long), t.ones(3, dtype=t.long)),
    "bce_with_logits_pos_weight_requires_grad": lambda t: _F(t).binary_cross_entropy_with_logits(
        t.ones(3), t.ones(3), pos_weight=t.ones(3, requires_grad=True)
    ),
}


@pytest.mark.parametrize("name", sorted(BCE_ERRORS))
def test_binary_cross_entropy_errors(name):
    same_error(BCE_ERRORS[name])


MAX_POOL1D_BAD_ARGUMENTS = [
    dict(kernel_size=2, stride=50, padding=-1),
    dict(kernel_size=2, padding=2),
    dict(kernel_size=0),
    dict(kernel_size=2, stride=0),
    dict(kernel_size=2, dilation=0),
    dict(kernel_size=20),
    dict(kernel_size=(2, 2)),
    dict(kernel_size=2, padding=(1, 1)),
    dict(kernel_size=2, stride=(1, 1)),
    dict(kernel_size=2, dilation=(1, 1)),
]


@pytest.mark.parametrize("return_indices", [False, True])
@pytest.mark.parametrize("shape", [(0, 1, 49), (2, 3, 9), (3, 9), (2, 0, 9), (1, 2, 3, 4)])
@pytest.mark.parametrize("arguments", MAX_POOL1D_BAD_ARGUMENTS, ids=repr)
def test_max_pool1d_bad_arguments(arguments, shape, return_indices):
    # with return_indices torch's max_pool1d_with_indices checks the rank and the argument lengths itself,
    # then leaves the rest to max_pool2d_with_indices (its messages: "pad must be non-negative, ...");
    # without it, max_pool1d has a message of its own for each
    same(lambda t: _F(t).max_pool1d(t.ones(shape), return_indices=return_indices, **arguments))
