"""Rows of the recurrent family: mkldnn_rnn_layer, the fused LSTM layer torch 2.13's CPU build runs for
float32 nn.LSTM (one MkldnnRnnLayerBackward0 per layer and direction; forward: ops/rnn.py).

Its seven inputs' gradients are one joint formula, as in derivatives.yaml; torch computes them with oneDNN
(or, under create_graph, with differentiable ops); minigrad recomputes the layer with its own ops and
backpropagates through time with them, so a second derivative exists here too. The fourth output is
oneDNN's workspace, which has no gradient. torch has no forward derivative for this op.
"""

from . import Derivative, at


def _layer_gradients(
    grads,
    input,
    weight0,
    weight1,
    weight2,
    weight3,
    hx_,
    cx_,
    result0,
    result1,
    result2,
    result3,
    reverse,
    mode,
    hidden_size,
    num_layers,
    has_biases,
    train,
    bidirectional,
    batch_sizes,
    batch_first,
    output_mask,
):
    return at.mkldnn_rnn_layer_backward(
        input,
        weight0,
        weight1,
        weight2,
        weight3,
        hx_,
        cx_,
        grads[0],
        grads[1],
        grads[2],
        reverse,
        output_mask,
    )


MKLDNN_RNN_LAYER = Derivative(
    "mkldnn_rnn_layer(Tensor input, Tensor weight0, Tensor weight1, Tensor weight2, Tensor weight3, "
    "Tensor hx_, Tensor cx_, bool reverse, int[] batch_sizes, int mode, int hidden_size, int num_layers, "
    "bool has_biases, bool bidirectional, bool batch_first, bool train) -> (Tensor, Tensor, Tensor, Tensor)",
    "MkldnnRnnLayerBackward0",
    output_differentiability=(True, True, True, False),
    **{"input, weight0, weight1, weight2, weight3, hx_, cx_": _layer_gradients},
)


# pack_padded_sequence's packing: the time steps' live rows, one after another (forward: ops/rnn.py); no
# forward derivative, as torch
PACK_PADDED_SEQUENCE = Derivative(
    "_pack_padded_sequence(Tensor input, Tensor lengths, bool batch_first) -> (Tensor, Tensor)",
    "PackPaddedSequenceBackward0",
    output_differentiability=(True, False),
    input=lambda grad, input_sym_sizes, result1, batch_first: at.pack_padded_sequence_backward(
        grad, input_sym_sizes, result1, batch_first
    ),
)
