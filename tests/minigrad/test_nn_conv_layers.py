"""The convolution, pooling, normalization, embedding and activation layers of minigrad.nn against torch.nn:
seeded initial parameters and buffers, reprs, outputs, gradients, state dicts and constructor errors."""

import re

import pytest
import torch
from _compare import same, same_error

import minigrad

LAYERS = {
    "conv2d": ("Conv2d(3, 4, 3)", (2, 3, 6, 6)),
    "conv2d_options": (
        "Conv2d(4, 6, (3, 2), stride=(2, 1), padding=1, dilation=(1, 2), groups=2)",
        (2, 4, 7, 7),
    ),
    "conv2d_same_no_bias": ("Conv2d(2, 3, 4, padding='same', bias=False)", (1, 2, 5, 5)),
    "conv2d_valid": ("Conv2d(2, 3, 2, padding='valid')", (2, 5, 5)),
    "conv1d": ("Conv1d(3, 2, 3, stride=2, padding=1)", (2, 3, 9)),
    "conv1d_same": ("Conv1d(2, 2, 3, padding='same', dilation=2)", (2, 7)),
    "conv_transpose2d": ("ConvTranspose2d(3, 4, 3, stride=2, padding=1, output_padding=1)", (2, 3, 4, 4)),
    "conv_transpose2d_groups": ("ConvTranspose2d(4, 2, (2, 3), groups=2, bias=False, dilation=2)", (4, 3, 3)),
    "conv_transpose1d": ("ConvTranspose1d(2, 3, 4, stride=2)", (2, 2, 5)),
    "max_pool2d": ("MaxPool2d(2)", (2, 3, 6, 5)),
    "max_pool2d_options": ("MaxPool2d(3, stride=2, padding=1, dilation=1, ceil_mode=True)", (1, 2, 8, 7)),
    "max_pool1d": ("MaxPool1d(3, 2)", (2, 3, 9)),
    "avg_pool2d": ("AvgPool2d(2)", (2, 3, 6, 5)),
    "avg_pool2d_options": ("AvgPool2d((3, 2), stride=1, padding=1, count_include_pad=False)", (1, 2, 5, 5)),
    "avg_pool2d_divisor": ("AvgPool2d(2, divisor_override=3)", (1, 2, 4, 4)),
    "avg_pool1d": ("AvgPool1d(2, padding=1)", (2, 3, 5)),
    "adaptive_avg_pool2d": ("AdaptiveAvgPool2d((2, None))", (2, 3, 5, 4)),
    "adaptive_avg_pool2d_int": ("AdaptiveAvgPool2d(1)", (2, 3, 5, 4)),
    "adaptive_avg_pool1d": ("AdaptiveAvgPool1d(3)", (2, 3, 7)),
    "batch_norm1d": ("BatchNorm1d(3)", (5, 3)),
    "batch_norm1d_3d": ("BatchNorm1d(3, eps=1e-3, momentum=0.3)", (4, 3, 2)),
    "batch_norm1d_no_affine": ("BatchNorm1d(3, affine=False)", (5, 3)),
    "batch_norm2d": ("BatchNorm2d(3)", (2, 3, 4, 4)),
    "batch_norm2d_no_bias": ("BatchNorm2d(3, bias=False)", (2, 3, 4, 4)),
    "batch_norm2d_untracked": ("BatchNorm2d(3, track_running_stats=False)", (2, 3, 4, 4)),
    "batch_norm2d_cumulative": ("BatchNorm2d(3, momentum=None)", (2, 3, 4, 4)),
    "layer_norm": ("LayerNorm(4)", (2, 3, 4)),
    "layer_norm_shape": ("LayerNorm([3, 4], eps=1e-3)", (2, 3, 4)),
    "layer_norm_no_bias": ("LayerNorm(4, bias=False)", (3, 4)),
    "layer_norm_no_affine": ("LayerNorm((4,), elementwise_affine=False)", (3, 4)),
    "softplus": ("Softplus(beta=2, threshold=1)", (3, 4)),
    "elu": ("ELU(alpha=0.5)", (3, 4)),
    "celu": ("CELU()", (3, 4)),
    "selu": ("SELU()", (3, 4)),
    "log_sigmoid": ("LogSigmoid()", (3, 4)),
}


@pytest.mark.parametrize("name", sorted(LAYERS))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_layer(name, dtype):
    """Seeded construction, repr, two training steps' outputs and gradients, then evaluation, and the state
    dict (running statistics included)."""
    spec, shape = LAYERS[name]

    def body(t):
        t.manual_seed(5)
        layer = eval(f"t.nn.{spec}")
        layer.to(getattr(t, dtype))
        results = [repr(layer), [(n, p) for n, p in layer.named_parameters()]]
        for _ in range(2):
            x = t.randn(shape, dtype=getattr(t, dtype), requires_grad=True)
            y = layer(x)
            y.mul(t.randn(y.shape, dtype=y.dtype)).sum().backward()
            results += [y, x.grad, [p.grad for p in layer.parameters()]]
        layer.eval()
        with t.no_grad():
            results.append(layer(t.randn(shape, dtype=getattr(t, dtype))))
        results.append(dict(layer.state_dict()))
        return results

    same(body)


def test_embedding_layer():
    def body(t):
        t.manual_seed(2)
        plain = t.nn.Embedding(6, 3)
        padded = t.nn.Embedding(6, 3, padding_idx=-2, max_norm=1.0, norm_type=1.0, scale_grad_by_freq=True)
        indices = t.tensor([[1, 4, 4], [0, 5, 1]])
        out = plain(indices) + padded(indices)
        out.sum().backward()
        return [repr(plain), repr(padded), padded.padding_idx, plain.weight, padded.weight, out] + [
            plain.weight.grad,
            padded.weight.grad,
        ]

    same(body)


def test_embedding_from_pretrained():
    def body(t):
        table = t.tensor([[0.5, 1.0], [2.0, -1.0], [0.0, 3.0]])
        frozen = t.nn.Embedding.from_pretrained(table, padding_idx=1)
        trained = t.nn.Embedding.from_pretrained(table, freeze=False)
        out = trained(t.tensor([2, 2, 0]))
        out.sum().backward()
        return [repr(frozen), frozen.weight.requires_grad, frozen(t.tensor([1, 2])), out, trained.weight.grad]

    same(body)


def test_batch_norm_state_dict_round_trip_and_old_version():
    def body(t):
        t.manual_seed(0)
        bn = t.nn.BatchNorm1d(2)
        bn(t.randn(4, 2))
        state = bn.state_dict()
        fresh = t.nn.BatchNorm1d(2)
        loaded = fresh.load_state_dict(state)
        old = {k: v for k, v in state.items() if k != "num_batches_tracked"}
        old_style = t.nn.BatchNorm1d(2)
        old_style._load_from_state_dict(old, "", {"version": 1}, True, [], [], [])
        return [str(loaded), dict(fresh.state_dict()), old_style.num_batches_tracked, state._metadata[""]]

    same(body)


def test_batch_norm_eval_uses_running_statistics_and_batch_ones_without_them():
    def body(t):
        t.manual_seed(1)
        tracked = t.nn.BatchNorm2d(2).eval()
        untracked = t.nn.BatchNorm2d(2, track_running_stats=False).eval()
        x = t.randn(3, 2, 2, 2) * 3 + 1
        return [tracked(x), untracked(x), tracked.num_batches_tracked, untracked.running_mean]

    same(body)


def test_conv_transpose_output_size():
    def body(t):
        t.manual_seed(4)
        up = t.nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)
        x = t.randn(1, 2, 4, 4)
        return [up(x).shape, up(x, output_size=[8, 8]).shape, up(x, output_size=(1, 3, 8, 7)).shape]

    same(body)


CONSTRUCTOR_ERRORS = {
    "conv_transpose_padding_mode": lambda t: t.nn.ConvTranspose2d(2, 2, 3, padding_mode="reflect"),
    "conv_transpose_output_size_range": lambda t: t.nn.ConvTranspose2d(2, 3, 3, stride=2)(
        t.ones(1, 2, 4, 4), output_size=[12, 12]
    ),
    "conv_transpose_output_size_length": lambda t: t.nn.ConvTranspose1d(2, 3, 3)(
        t.ones(1, 2, 4), output_size=[1, 2, 3, 4]
    ),
    "conv_groups_zero": lambda t: t.nn.Conv2d(2, 2, 3, groups=0),
    "conv_in_channels_groups": lambda t: t.nn.Conv2d(3, 4, 3, groups=2),
    "conv_out_channels_groups": lambda t: t.nn.Conv2d(4, 3, 3, groups=2),
    "conv_padding_string": lambda t: t.nn.Conv2d(2, 2, 3, padding="full"),
    "conv_same_strided": lambda t: t.nn.Conv1d(2, 2, 3, stride=2, padding="same"),
    "batch_norm1d_input": lambda t: t.nn.BatchNorm1d(3)(t.ones(2, 3, 4, 4)),
    "batch_norm2d_input": lambda t: t.nn.BatchNorm2d(3)(t.ones(2, 3)),
    "batch_norm_one_value": lambda t: t.nn.BatchNorm1d(3)(t.ones(1, 3)),
    "embedding_padding_idx": lambda t: t.nn.Embedding(3, 2, padding_idx=3),
    "embedding_negative_padding_idx": lambda t: t.nn.Embedding(3, 2, padding_idx=-4),
    "embedding_weight_shape": lambda t: t.nn.Embedding(3, 2, _weight=t.ones(2, 3)),
    "embedding_pretrained_rank": lambda t: t.nn.Embedding.from_pretrained(t.ones(3)),
    "layer_norm_input": lambda t: t.nn.LayerNorm(4)(t.ones(2, 3)),
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTOR_ERRORS))
def test_errors(name):
    same_error(CONSTRUCTOR_ERRORS[name])


def test_conv_padding_mode_error_names_the_modes():
    """torch prints the valid modes as a set, whose order comes from its compiled module (not this process):
    compare the type, the set's members and the rest of the message."""
    messages = []
    for t in (torch, minigrad):
        with pytest.raises(ValueError) as caught:
            t.nn.Conv2d(2, 2, 3, padding_mode="mirror")
        messages.append(str(caught.value))
    members = [sorted(re.findall(r"'(\w+)'", m.split("}")[0])) for m in messages]
    assert members[0] == members[1]
    assert [re.sub(r"\{.*\}", "{}", m) for m in messages] == [re.sub(r"\{.*\}", "{}", messages[0])] * 2


@pytest.mark.parametrize(
    "spec, shape",
    [
        ("Dropout2d()", (2, 3, 4, 4)),
        ("Dropout2d(p=0.3, inplace=True)", (3, 4, 2, 2)),
        ("Dropout2d(0.5)", (2, 3, 5)),  # 3-d: channel-wise 1-d dropout, with torch's warning
        ("Dropout2d(0.5)", (4, 6)),  # 2-d: deprecated, with torch's warning
        ("Dropout1d(0.4)", (2, 3, 5)),
        ("Dropout1d(0.4)", (3, 5)),
        ("Dropout1d(1.0)", (2, 3, 5)),
        ("Dropout2d(0.0)", (2, 3, 2, 2)),
    ],
)
def test_channel_dropout_draws_torchs_stream(spec, shape):
    def body(t):
        t.manual_seed(11)
        layer = eval(f"t.nn.{spec}")
        x = t.randn(shape, requires_grad=True)
        y = layer(x * 1)
        y.mul(t.randn(y.shape)).sum().backward()
        layer.eval()
        return [repr(layer), y, x.grad, layer(x), t.rand(2)]

    same(body)


CHANNEL_DROPOUT_ERRORS = {
    "dropout1d_rank": lambda t: t.nn.functional.dropout1d(t.ones(2, 3, 4, 5)),
    "dropout2d_probability": lambda t: t.nn.functional.dropout2d(t.ones(2, 3, 4, 5), p=1.5),
    "dropout2d_module_probability": lambda t: t.nn.Dropout2d(-0.1),
    "dropout2d_one_dim": lambda t: t.nn.functional.dropout2d(t.ones(5)),
}


@pytest.mark.parametrize("name", sorted(CHANNEL_DROPOUT_ERRORS))
def test_channel_dropout_errors(name):
    same_error(CHANNEL_DROPOUT_ERRORS[name])
