"""The fused LSTM layer of torch's CPU build: aten::mkldnn_rnn_layer (float32 only, as oneDNN's), and its
gradient, backpropagation through time written with minigrad ops (row: derivatives/rnn.py).

One layer, one direction: input (seq, batch, input_size), gates in torch's order (input, forget, cell,
output), `reverse` runs the sequence from its end. The fourth output stands for oneDNN's workspace: torch's
is an opaque uint8 buffer; minigrad's holds the activated gates, (seq, batch, 4 * hidden), and, like torch's,
has no gradient.
"""

import numpy as np

from .._core import dtypes
from .._core.arguments import tensor_arg
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import rnn as rows
from .joining import cat, stack
from .linalg import matmul

__all__ = ["mkldnn_rnn_layer", "pack_padded_sequence"]

_LSTM_MODE = 2


def _sigmoid(x):
    with silent():
        return 1 / (1 + np.exp(-x))


def mkldnn_rnn_layer(
    input,
    weight0,
    weight1,
    weight2,
    weight3,
    hx_,
    cx_,
    reverse,
    batch_sizes,
    mode,
    hidden_size,
    num_layers,
    has_biases,
    bidirectional,
    batch_first,
    train,
):
    """One LSTM layer over a whole sequence: (output, h_n, c_n, workspace)."""
    tensors = (input, weight0, weight1, weight2, weight3, hx_, cx_)
    for position, tensor in enumerate(tensors, 1):
        tensor_arg(tensor, "mkldnn_rnn_layer", position=position)
    if any(t.dtype is not dtypes.float32 for t in tensors):
        raise RuntimeError("get_mkldnn_dtype: unsupported data type")
    if mode != _LSTM_MODE:
        raise RuntimeError(
            "could not create a primitive descriptor for the LSTM forward propagation primitive. Run "
            "workload with environment variable ONEDNN_VERBOSE=all to get additional diagnostic information."
        )
    return lstm_layer(
        *tensors,
        reverse,
        batch_sizes,
        mode,
        hidden_size,
        num_layers,
        has_biases,
        bidirectional,
        batch_first,
        train,
    )


def lstm_layer(
    input,
    w_ih,
    w_hh,
    b_ih,
    b_hh,
    hx,
    cx,
    reverse,
    batch_sizes,
    mode,
    hidden_size,
    num_layers,
    has_biases,
    bidirectional,
    batch_first,
    train,
):
    """mkldnn_rnn_layer without its dtype check (the tests run it in float64 for finite differences)."""
    x = input._data
    dtype = x.dtype
    steps = x.shape[0]
    projected = x @ w_ih._data.T + (b_ih._data + b_hh._data)
    w_hh_t = w_hh._data.T
    h, c = hx._data, cx._data
    output = np.empty((steps, h.shape[0], h.shape[1]), dtype)
    workspace = np.empty((steps, h.shape[0], 4 * h.shape[1]), dtype)
    for t in reversed(range(steps)) if reverse else range(steps):
        gates = projected[t] + h @ w_hh_t
        i, f, g, o = np.split(gates, 4, axis=1)
        i, f, g, o = _sigmoid(i), _sigmoid(f), np.tanh(g), _sigmoid(o)
        c = f * c + i * g
        h = o * np.tanh(c)
        output[t] = h
        workspace[t] = np.concatenate((i, f, g, o), axis=1)
    datas = (output, h.astype(dtype), c.astype(dtype), workspace)
    return rows.MKLDNN_RNN_LAYER.record(
        datas,
        input,
        w_ih,
        w_hh,
        b_ih,
        b_hh,
        hx,
        cx,
        reverse,
        tuple(batch_sizes),
        mode,
        hidden_size,
        num_layers,
        has_biases,
        bidirectional,
        batch_first,
        train,
    )


def mkldnn_rnn_layer_backward(
    input, w_ih, w_hh, b_ih, b_hh, hx, cx, grad_output, grad_hy, grad_cy, reverse, output_mask
):
    """The seven gradients (input, w_ih, w_hh, b_ih, b_hh, hx, cx): the layer recomputed with minigrad ops
    (so that a create_graph backward differentiates through it), then backpropagated step by step."""
    steps = input.shape[0]
    order = list(reversed(range(steps))) if reverse else list(range(steps))
    projected = matmul(input, w_ih.t()) + b_ih + b_hh
    h, c = hx, cx
    saved = {}
    for t in order:
        gates = projected[t] + h.mm(w_hh.t())
        i, f, g, o = gates.chunk(4, 1)
        i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
        c_next = f * c + i * g
        tanh_c = c_next.tanh()
        saved[t] = (h, c, i, f, g, o, tanh_c)
        h, c = o * tanh_c, c_next
    grad_h = grad_hy if grad_hy is not None else h.new_zeros(h.shape)
    grad_c = grad_cy if grad_cy is not None else c.new_zeros(c.shape)
    grad_gates = [None] * steps
    grad_w_hh = None
    for t in reversed(order):
        h_prev, c_prev, i, f, g, o, tanh_c = saved[t]
        if grad_output is not None:
            grad_h = grad_h + grad_output[t]
        grad_c = grad_c + grad_h * o * (1 - tanh_c * tanh_c)
        step = cat(
            [
                grad_c * g * i * (1 - i),
                grad_c * c_prev * f * (1 - f),
                grad_c * i * (1 - g * g),
                grad_h * tanh_c * o * (1 - o),
            ],
            1,
        )
        grad_gates[t] = step
        contribution = step.t().mm(h_prev)
        grad_w_hh = contribution if grad_w_hh is None else grad_w_hh + contribution
        grad_h = step.mm(w_hh)
        grad_c = grad_c * f
    all_gates = stack(grad_gates, 0)
    flat_gates = all_gates.reshape(-1, all_gates.shape[-1])
    grad_bias = flat_gates.sum(0)
    gradients = (
        matmul(all_gates, w_ih),
        flat_gates.t().mm(input.reshape(-1, input.shape[-1])),
        grad_w_hh,
        grad_bias,
        grad_bias,
        grad_h,
        grad_c,
    )
    return tuple(g if needed else None for g, needed in zip(gradients, output_mask))


def pack_padded_sequence(input, lengths, batch_first):
    """aten::_pack_padded_sequence: (data, batch_sizes) of a padded (seq, batch, *) input (batch first if
    asked) whose lengths decrease."""
    lengths_data = [int(n) for n in lengths._data.reshape(-1)]
    if input.numel() == 0:
        raise RuntimeError("Cannot pack empty tensors.")
    x = np.swapaxes(input._data, 0, 1) if batch_first else input._data
    batch_size = x.shape[1]
    if len(lengths_data) != batch_size:
        raise RuntimeError(
            f"Expected `len(lengths)` to be equal to batch_size, but got {len(lengths_data)} "
            f"(batch_size={batch_size})"
        )
    if lengths_data[-1] <= 0:
        raise RuntimeError(
            "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0"
        )
    if any(a < b for a, b in zip(lengths_data, lengths_data[1:])):
        raise RuntimeError(
            "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can "
            "pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this "
            "requirement if you do not need ONNX exportability."
        )
    batch_sizes = [sum(1 for n in lengths_data if n > t) for t in range(lengths_data[0])]
    data = np.concatenate([x[t, :size] for t, size in enumerate(batch_sizes)], axis=0)
    sizes = np.array(batch_sizes, dtype=np.int64)
    return rows.PACK_PADDED_SEQUENCE.record((data, sizes), input, lengths, batch_first)


def pack_padded_sequence_backward(grad, input_sizes, batch_sizes, batch_first):
    """ATen's _pack_padded_sequence_backward: the packed rows copied back into zeros of the padded shape
    (with minigrad ops, so that it is differentiable)."""
    sizes = list(input_sizes)
    if batch_first:
        sizes[0], sizes[1] = sizes[1], sizes[0]
    grad_input = grad.new_zeros(sizes)
    offset = 0
    for step, size in enumerate(int(n) for n in batch_sizes._data):
        grad_input[step][:size].copy_(grad[offset : offset + size])
        offset += size
    return grad_input.transpose(0, 1) if batch_first else grad_input


at.register(
    mkldnn_rnn_layer_backward=mkldnn_rnn_layer_backward,
    pack_padded_sequence=pack_padded_sequence,
    pack_padded_sequence_backward=pack_padded_sequence_backward,
)
