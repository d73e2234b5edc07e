"""The recurrent layers: RNNCell, GRUCell, LSTMCell, RNN, GRU, LSTM, and the ATen functions they call
(torch.rnn_tanh_cell, torch.lstm, ...), decomposed as torch 2.13's CPU build decomposes them, so the recorded
graph has torch's nodes.

ATen's RNN.cpp on CPU: a cell is two linear layers and its gates (GRU and LSTM cut them with unsafe_chunk);
a layer projects the whole input sequence at once (linear over (seq, batch, input)), unbinds it along time,
runs the cell step by step and stacks the outputs (StackBackward0); layers stack with dropout between them,
bidirectional layers concatenate both directions' outputs. Float32 LSTMs are the exception: torch runs them
through oneDNN, one fused MkldnnRnnLayerBackward0 node per layer and direction (ops/rnn.py).

Parameters are torch's (`weight_ih_l0`, `bias_hh_l1_reverse`, ...), registered in torch's order and
initialised from the same random stream (uniform in +-1/sqrt(hidden_size)).
"""

import math
import numbers
import warnings

from ..._core import dtypes
from ..._core.tensor import Tensor
from ...ops import creation
from ...ops.joining import cat, stack
from ...ops.linalg import matmul
from ...ops.rnn import mkldnn_rnn_layer
from .. import functional as F
from .. import init
from ..parameter import Parameter
from ..utils.rnn import PackedSequence
from .module import Module

__all__ = [
    "GRU",
    "GRUCell",
    "LSTM",
    "LSTMCell",
    "RNN",
    "RNNBase",
    "RNNCell",
    "RNNCellBase",
    "gru",
    "gru_cell",
    "lstm",
    "lstm_cell",
    "rnn_relu",
    "rnn_relu_cell",
    "rnn_tanh",
    "rnn_tanh_cell",
]


# ---- cells (ATen's SimpleCell, GRUCell and LSTMCell) ----------------------------------------------------
class _Weights:
    """One layer-direction's parameters (ATen's CellParams): w_ih, w_hh, optional biases and projection."""

    __slots__ = ("w_ih", "w_hh", "b_ih", "b_hh", "w_hr")

    def __init__(self, w_ih, w_hh, b_ih=None, b_hh=None, w_hr=None):
        self.w_ih, self.w_hh, self.b_ih, self.b_hh, self.w_hr = w_ih, w_hh, b_ih, b_hh, w_hr

    def linear_ih(self, input):
        return F.linear(input, self.w_ih, self.b_ih)

    def linear_hh(self, hidden):
        return F.linear(hidden, self.w_hh, self.b_hh)


def _simple_step(nonlinearity):
    def step(input, hidden, weights, projected=False):
        # ATen: linear_hh(h).add_(linear_ih(x)), the hidden projection computed first
        gates = weights.linear_hh(hidden)
        return nonlinearity(gates + (input if projected else weights.linear_ih(input)))

    return step


_tanh_step = _simple_step(lambda x: x.tanh())
_relu_step = _simple_step(lambda x: x.relu())


def _gru_step(input, hidden, weights, projected=False):
    input_gates = (input if projected else weights.linear_ih(input)).unsafe_chunk(3, 1)
    hidden_gates = weights.linear_hh(hidden).unsafe_chunk(3, 1)
    reset_gate = (hidden_gates[0] + input_gates[0]).sigmoid()
    update_gate = (hidden_gates[1] + input_gates[1]).sigmoid()
    new_gate = (input_gates[2] + hidden_gates[2] * reset_gate).tanh()
    return (hidden - new_gate) * update_gate + new_gate


def _lstm_step(input, hidden, weights, projected=False):
    hx, cx = hidden
    gates = weights.linear_hh(hx)
    gates = gates + (input if projected else weights.linear_ih(input))
    in_gate, forget_gate, cell_gate, out_gate = gates.unsafe_chunk(4, 1)
    in_gate, forget_gate = in_gate.sigmoid(), forget_gate.sigmoid()
    cell_gate, out_gate = cell_gate.tanh(), out_gate.sigmoid()
    cy = forget_gate * cx + in_gate * cell_gate
    hy = out_gate * cy.tanh()
    if weights.w_hr is not None:
        hy = matmul(hy, weights.w_hr.t())
    return hy, cy


def _check_cell_input(input, input_size):
    if input.shape[1] != input_size:
        raise RuntimeError(f"input has inconsistent input_size: got {input.shape[1]} expected {input_size}")


def _check_cell_hidden(input, hx, hidden_size, label):
    if input.shape[0] != hx.shape[0]:
        raise RuntimeError(
            f"Input batch size {input.shape[0]} doesn't match hidden{label} batch size {hx.shape[0]}"
        )
    if hx.shape[1] != hidden_size:
        raise RuntimeError(
            f"hidden{label} has inconsistent hidden_size: got {hx.shape[1]}, expected {hidden_size}"
        )


def _simple_cell(step):
    def cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
        _check_cell_input(input, w_ih.shape[1])
        _check_cell_hidden(input, hx, w_hh.shape[1], 0)
        return step(input, hx, _Weights(w_ih, w_hh, b_ih, b_hh))

    return cell


rnn_tanh_cell = _simple_cell(_tanh_step)
rnn_relu_cell = _simple_cell(_relu_step)
gru_cell = _simple_cell(_gru_step)


def lstm_cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
    if len(hx) != 2:
        raise RuntimeError("lstm_cell expects two hidden states")
    _check_cell_input(input, w_ih.shape[1])
    hidden_size = w_hh.shape[1]
    _check_cell_hidden(input, hx[0], hidden_size, 0)
    _check_cell_hidden(input, hx[1], hidden_size, 1)
    return _lstm_step(input, (hx[0], hx[1]), _Weights(w_ih, w_hh, b_ih, b_hh))


# ---- layers (ATen's FullLayer, ReversedFullLayer, BidirectionalLayer, apply_layer_stack) ----------------
def _gather_weights(params, has_biases, has_projections=False):
    per_layer = (4 if has_biases else 2) + (1 if has_projections else 0)
    if len(params) % per_layer:
        raise RuntimeError("got an incorrect number of RNN parameters")
    groups = []
    for start in range(0, len(params), per_layer):
        p = list(params[start : start + per_layer])
        w_hr = p.pop() if has_projections else None
        groups.append(_Weights(*p, w_hr=w_hr))
    return groups


def _run_layer(step, inputs, hidden, weights, reverse):
    """One direction over the sequence: the input projected at once and unbound along time (ATen's CPU
    path), the cell applied step by step, the outputs stacked."""
    projected = weights.linear_ih(inputs).unbind(0)
    outputs = [None] * len(projected)
    for t in reversed(range(len(projected))) if reverse else range(len(projected)):
        hidden = step(projected[t], hidden, weights, True)
        outputs[t] = hidden[0] if isinstance(hidden, tuple) else hidden
    if not outputs:
        raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
    return stack(outputs, 0), hidden


def _layer_stack(step, input, hiddens, weights, num_layers, dropout_p, train, bidirectional):
    """(output, final hiddens in torch's order: layer by layer, forward before reverse)."""
    directions = 2 if bidirectional else 1
    if len(hiddens) != num_layers * directions:
        raise RuntimeError("Expected more hidden states in stacked_rnn")
    if len(weights) != num_layers * directions:
        raise RuntimeError("Expected more weights in stacked_rnn")
    layer_input, finals = input, []
    for layer in range(num_layers):
        outputs = []
        for direction in range(directions):
            index = layer * directions + direction
            output, final = _run_layer(step, layer_input, hiddens[index], weights[index], direction == 1)
            outputs.append(output)
            finals.append(final)
        layer_input = outputs[0] if directions == 1 else cat(outputs, outputs[0].dim() - 1)
        if dropout_p != 0 and train and layer < num_layers - 1:
            layer_input = F.dropout(layer_input, dropout_p, True)
    return layer_input, finals


def _hidden_slice(hidden, start, end):
    if isinstance(hidden, tuple):
        return tuple(h.narrow(0, start, end - start) for h in hidden)
    return hidden.narrow(0, start, end - start)


def _hidden_concat(hiddens):
    if isinstance(hiddens[0], tuple):
        return tuple(cat(list(parts), 0) for parts in zip(*hiddens))
    return cat(hiddens, 0)


def _run_packed_layer(step, data, batch_sizes, hidden, weights, reverse):
    """ATen's PackedLayer / ReversedPackedLayer: the batch shrinks as sequences end (their final states are
    sliced off the hidden state), or, backwards, grows as they start (their initial states concatenated)."""
    projected = weights.linear_ih(data)
    outputs = []
    if not reverse:
        finals, offset, last = [], 0, batch_sizes[0]
        for size in batch_sizes:
            step_input = projected.narrow(0, offset, size)
            offset += size
            if last > size:
                finals.append(_hidden_slice(hidden, size, last))
                hidden = _hidden_slice(hidden, 0, size)
            last = size
            hidden = step(step_input, hidden, weights, True)
            outputs.append(hidden[0] if isinstance(hidden, tuple) else hidden)
        finals.append(hidden)
        return cat(outputs, 0), _hidden_concat(finals[::-1])
    initial, offset, last = hidden, data.shape[0], batch_sizes[-1]
    hidden = _hidden_slice(initial, 0, last)
    for size in reversed(batch_sizes):
        if size > last:
            hidden = _hidden_concat([hidden, _hidden_slice(initial, last, size)])
        step_input = projected.narrow(0, offset - size, size)
        offset -= size
        last = size
        hidden = step(step_input, hidden, weights, True)
        outputs.append(hidden[0] if isinstance(hidden, tuple) else hidden)
    return cat(outputs[::-1], 0), hidden


def _packed_layer_stack(
    step, data, batch_sizes, hiddens, weights, num_layers, dropout_p, train, bidirectional
):
    """apply_layer_stack over packed data: (output data, final hiddens in torch's order)."""
    directions = 2 if bidirectional else 1
    sizes = [int(n) for n in batch_sizes]
    layer_input, finals = data, []
    for layer in range(num_layers):
        outputs = []
        for direction in range(directions):
            index = layer * directions + direction
            output, final = _run_packed_layer(
                step, layer_input, sizes, hiddens[index], weights[index], direction == 1
            )
            outputs.append(output)
            finals.append(final)
        layer_input = outputs[0] if directions == 1 else cat(outputs, -1)
        if dropout_p != 0 and train and layer < num_layers - 1:
            layer_input = F.dropout(layer_input, dropout_p, True)
    return layer_input, finals


def _rnn_with_concat(step):
    def rnn(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first):
        if isinstance(params, Tensor):  # the packed overload: (data, batch_sizes, hx, params, ...)
            data, batch_sizes, hx, params = input, hx, params, has_biases
            has_biases, num_layers, dropout, train, bidirectional = (
                num_layers,
                dropout,
                train,
                bidirectional,
                batch_first,
            )
            weights = _gather_weights(params, has_biases)
            output, finals = _packed_layer_stack(
                step, data, batch_sizes, hx.unbind(0), weights, num_layers, dropout, train, bidirectional
            )
            return output, stack(finals, 0)
        if batch_first:
            input = input.transpose(0, 1)
        weights = _gather_weights(params, has_biases)
        output, finals = _layer_stack(
            step, input, hx.unbind(0), weights, num_layers, dropout, train, bidirectional
        )
        if batch_first:
            output.transpose_(0, 1)  # ATen turns the output around in place (TransposeBackward1)
        return output, stack(finals, 0)

    return rnn


rnn_tanh = _rnn_with_concat(_tanh_step)
rnn_relu = _rnn_with_concat(_relu_step)
gru = _rnn_with_concat(_gru_step)


def _uses_mkldnn(input):
    """ATen's use_mkldnn for CPU tensors: float32 (minigrad has no bfloat16) and not empty."""
    return input.dtype is dtypes.float32 and input.numel() != 0


def lstm(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first):
    if isinstance(hx, Tensor):  # the packed overload: (data, batch_sizes, hx, params, ...), never oneDNN's
        data, batch_sizes, hx, params = input, hx, params, has_biases
        has_biases, num_layers, dropout, train, bidirectional = (
            num_layers,
            dropout,
            train,
            bidirectional,
            batch_first,
        )
        if len(hx) != 2:
            raise RuntimeError("lstm expects two hidden states")
        weights = _gather_weights(params, has_biases, hx[0].shape[2] != hx[1].shape[2])
        hiddens = list(zip(hx[0].unbind(0), hx[1].unbind(0)))
        output, finals = _packed_layer_stack(
            _lstm_step, data, batch_sizes, hiddens, weights, num_layers, dropout, train, bidirectional
        )
        return output, stack([h for h, _ in finals], 0), stack([c for _, c in finals], 0)
    if len(hx) != 2:
        raise RuntimeError("lstm expects two hidden states")
    has_projections = hx[0].shape[2] != hx[1].shape[2]
    if _uses_mkldnn(input):
        if not has_projections:
            return _lstm_mkldnn(
                input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first
            )
        _warn_projections_once()
    if batch_first:
        input = input.transpose(0, 1)
    weights = _gather_weights(params, has_biases, has_projections)
    hiddens = list(zip(hx[0].unbind(0), hx[1].unbind(0)))
    output, finals = _layer_stack(
        _lstm_step, input, hiddens, weights, num_layers, dropout, train, bidirectional
    )
    if batch_first:
        output = output.transpose(0, 1)  # out of place here, unlike RNN's and GRU's (as ATen's lstm)
    return output, stack([h for h, _ in finals], 0), stack([c for _, c in finals], 0)


_projection_warning = []  # TORCH_WARN_ONCE: once per process, as torch's


def _warn_projections_once():
    if not _projection_warning:
        _projection_warning.append(True)
        warnings.warn(
            "LSTM with projections is not supported with oneDNN. Using default implementation.",
            UserWarning,
            stacklevel=4,
        )


def _lstm_mkldnn(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first):
    """ATen's mkldnn_impl: one fused mkldnn_rnn_layer per layer and direction."""
    hx_all, cx_all = hx
    hidden_size = hx_all.shape[2]
    per_layer = 4 if has_biases else 2
    directions = 2 if bidirectional else 1
    layer_input = input.transpose(0, 1) if batch_first else input
    layer_hy, layer_cy = [], []
    for layer in range(num_layers):
        outputs, layer_input = [], layer_input.contiguous()
        for direction in range(directions):
            index = layer * directions + direction
            w = list(params[index * per_layer : (index + 1) * per_layer])
            if not has_biases:
                w += [creation.zeros(w[0].shape[0], dtype=w[0].dtype) for _ in range(2)]
            output, hy, cy, _ = mkldnn_rnn_layer(
                layer_input,
                *w,
                hx_all.select(0, index),
                cx_all.select(0, index),
                direction == 1,
                [],
                2,
                hidden_size,
                num_layers,
                has_biases,
                bidirectional,
                batch_first,
                train,
            )
            outputs.append(output)
            layer_hy.append(hy)
            layer_cy.append(cy)
        layer_input = outputs[0] if directions == 1 else cat(outputs, -1)
        if dropout != 0 and train and layer < num_layers - 1:
            layer_input = F.dropout(layer_input, dropout, True)
    output = layer_input.transpose(0, 1) if batch_first else layer_input
    return output, stack(layer_hy, 0), stack(layer_cy, 0)


# ---- modules ------------------------------------------------------------------------------------------
_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


class RNNBase(Module):
    """The parameters, checks and repr shared by RNN, GRU and LSTM (torch's RNNBase)."""

    __constants__ = [
        "mode",
        "input_size",
        "hidden_size",
        "num_layers",
        "bias",
        "batch_first",
        "dropout",
        "bidirectional",
        "proj_size",
    ]

    def __init__(
        self,
        mode,
        input_size,
        hidden_size,
        num_layers=1,
        bias=True,
        batch_first=False,
        dropout=0.0,
        bidirectional=False,
        proj_size=0,
        device=None,
        dtype=None,
    ):
        super().__init__()
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        directions = 2 if bidirectional else 1
        if not isinstance(dropout, numbers.Number) or not 0 <= dropout <= 1 or isinstance(dropout, bool):
            raise ValueError(
                "dropout should be a number in range [0, 1] representing the probability of an element being "
                "zeroed"
            )
        if dropout > 0 and num_layers == 1:
            warnings.warn(
                "dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                f"num_layers greater than 1, but got dropout={dropout} and num_layers={num_layers}",
                stacklevel=3,
            )
        if not isinstance(bias, bool):
            raise TypeError(f"bias should be of type bool, got: {type(bias).__name__}")
        if not isinstance(batch_first, bool):
            raise TypeError(f"batch_first should be of type bool, got: {type(batch_first).__name__}")
        if not isinstance(input_size, int):
            raise TypeError(f"input_size should be of type int, got: {type(input_size).__name__}")
        if input_size <= 0:
            raise ValueError("input_size must be greater than zero")
        if not isinstance(hidden_size, int):
            raise TypeError(f"hidden_size should be of type int, got: {type(hidden_size).__name__}")
        if hidden_size <= 0:
            raise ValueError("hidden_size must be greater than zero")
        if num_layers <= 0:
            raise ValueError("num_layers must be greater than zero")
        if proj_size < 0:
            raise ValueError("proj_size should be a positive integer or zero to disable projections")
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        if mode not in _GATES:
            raise ValueError("Unrecognized RNN mode: " + mode)
        gate_size = _GATES[mode] * hidden_size
        real_hidden_size = proj_size if proj_size > 0 else hidden_size
        factory = {"device": device, "dtype": dtype}
        self._flat_weights_names = []
        self._all_weights = []
        for layer in range(num_layers):
            for direction in range(directions):
                layer_input_size = input_size if layer == 0 else real_hidden_size * directions
                shapes = [(gate_size, layer_input_size), (gate_size, real_hidden_size)]
                names = ["weight_ih_l{}{}", "weight_hh_l{}{}"]
                if bias:
                    shapes += [(gate_size,), (gate_size,)]
                    names += ["bias_ih_l{}{}", "bias_hh_l{}{}"]
                if proj_size > 0:
                    shapes.append((proj_size, hidden_size))
                    names.append("weight_hr_l{}{}")
                suffix = "_reverse" if direction == 1 else ""
                names = [n.format(layer, suffix) for n in names]
                for name, shape in zip(names, shapes):
                    setattr(self, name, Parameter(creation.empty(shape, **factory)))
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    @property
    def _flat_weights(self):
        return [getattr(self, name, None) for name in self._flat_weights_names]

    @property
    def all_weights(self):
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self):
        """cuDNN's weight compaction; nothing to do on the CPU, as in torch."""

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def check_input(self, input, batch_sizes):
        weight_dtype = self._flat_weights[0].dtype
        if input.dtype != weight_dtype:
            raise ValueError(
                f"RNN input dtype ({input.dtype}) does not match weight dtype ({weight_dtype}). "
                f"Convert input: "
                f"input.to({weight_dtype}), or convert model: model.to({input.dtype})"
            )
        expected_input_dim = 2 if batch_sizes is not None else 3
        if input.dim() != expected_input_dim:
            raise RuntimeError(f"input must have {expected_input_dim} dimensions, got {input.dim()}")
        if self.input_size != input.size(-1):
            raise RuntimeError(
                "input.size(-1) must be equal to input_size. "
                f"Expected {self.input_size}, got {input.size(-1)}"
            )

    def _mini_batch(self, input):
        return input.size(0) if self.batch_first else input.size(1)

    def get_expected_hidden_size(self, input, batch_sizes):
        directions = 2 if self.bidirectional else 1
        size = self.proj_size if self.proj_size > 0 else self.hidden_size
        return (self.num_layers * directions, self._mini_batch_of(input, batch_sizes), size)

    def check_hidden_size(self, hx, expected_hidden_size, msg="Expected hidden size {}, got {}"):
        if tuple(hx.size()) != expected_hidden_size:
            raise RuntimeError(msg.format(expected_hidden_size, list(hx.size())))

    def check_forward_args(self, input, hidden, batch_sizes):
        self.check_input(input, batch_sizes)
        self.check_hidden_size(hidden, self.get_expected_hidden_size(input, batch_sizes))

    def permute_hidden(self, hx, permutation):
        return hx if permutation is None else hx.index_select(1, permutation)

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s

    def _zeros_hidden(self, input, size):
        directions = 2 if self.bidirectional else 1
        shape = (self.num_layers * directions, self._mini_batch(input), size)
        return creation.zeros(shape, dtype=input.dtype, device=input.device)

    def _batched(self, input, hx, name):
        """torch's handling of unbatched input: (input, hx, is_batched), an unbatched pair unsqueezed."""
        if input.dim() not in (2, 3):
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.dim()}D tensor instead")
        is_batched = input.dim() == 3
        if not is_batched:
            input = input.unsqueeze(0 if self.batch_first else 1)
            if hx is not None:
                if hx.dim() != 2:
                    raise RuntimeError(
                        f"For unbatched 2-D input, hx should also be 2-D but got {hx.dim()}-D tensor"
                    )
                hx = hx.unsqueeze(1)
        elif hx is not None and hx.dim() != 3:
            raise RuntimeError(f"For batched 3-D input, hx should also be 3-D but got {hx.dim()}-D tensor")
        return input, hx, is_batched

    def _run_packed(self, function, packed, hx, real_hidden_size=None):
        """A PackedSequence through the layers: sorted by length for them, the results put back in order."""
        data, batch_sizes, sorted_indices, unsorted_indices = packed
        directions = 2 if self.bidirectional else 1
        if hx is None:
            size = (self.num_layers * directions, int(batch_sizes[0]))
            hx = creation.zeros(size + (real_hidden_size or self.hidden_size,), dtype=data.dtype)
            if real_hidden_size is not None:
                hx = (hx, creation.zeros(size + (self.hidden_size,), dtype=data.dtype))
        else:
            hx = self.permute_hidden(hx, sorted_indices)
        if real_hidden_size is None:  # torch's LSTM does not check packed input's states (its kernel fails)
            self.check_forward_args(data, hx, batch_sizes)
        args = (self.bias, self.num_layers, self.dropout, self.training, self.bidirectional)
        output, *hidden = function(data, batch_sizes, hx, self._flat_weights, *args)
        hidden = hidden[0] if len(hidden) == 1 else tuple(hidden)
        packed_output = PackedSequence(output, batch_sizes, sorted_indices, unsorted_indices)
        return packed_output, self.permute_hidden(hidden, unsorted_indices)

    def _mini_batch_of(self, input, batch_sizes):
        return int(batch_sizes[0]) if batch_sizes is not None else self._mini_batch(input)

    def _run_single_hidden(self, function, input, hx, name):
        if isinstance(input, PackedSequence):
            return self._run_packed(function, input, hx)
        input, hx, is_batched = self._batched(input, hx, name)
        if hx is None:
            hx = self._zeros_hidden(input, self.hidden_size)
        self.check_forward_args(input, hx, None)
        output, hidden = function(
            input,
            hx,
            self._flat_weights,
            self.bias,
            self.num_layers,
            self.dropout,
            self.training,
            self.bidirectional,
            self.batch_first,
        )
        if not is_batched:
            output = output.squeeze(0 if self.batch_first else 1)
            hidden = hidden.squeeze(1)
        return output, hidden


class RNN(RNNBase):
    """An Elman RNN: h_t = tanh (or relu)(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            self.nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            self.nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if self.nonlinearity == "tanh":
            mode = "RNN_TANH"
        elif self.nonlinearity == "relu":
            mode = "RNN_RELU"
        else:
            raise ValueError(f"Unknown nonlinearity '{self.nonlinearity}'. Select from 'tanh' or 'relu'.")
        super().__init__(mode, *args, **kwargs)

    def forward(self, input, hx=None):
        function = rnn_tanh if self.mode == "RNN_TANH" else rnn_relu
        return self._run_single_hidden(function, input, hx, "RNN")


class GRU(RNNBase):
    """A gated recurrent unit layer (torch's gate order: reset, update, new)."""

    def __init__(self, *args, **kwargs):
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)

    def forward(self, input, hx=None):
        if isinstance(input, PackedSequence):
            return self._run_packed(gru, input, hx)
        if input.dim() not in (2, 3):  # GRU's message says "2D" without "tensor"
            raise ValueError(f"GRU: Expected input to be 2D or 3D, got {input.dim()}D instead")
        return self._run_single_hidden(gru, input, hx, "GRU")


class LSTM(RNNBase):
    """A long short-term memory layer (gates: input, forget, cell, output), with optional projections."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)

    def get_expected_cell_size(self, input, batch_sizes):
        directions = 2 if self.bidirectional else 1
        return (self.num_layers * directions, self._mini_batch_of(input, batch_sizes), self.hidden_size)

    def check_forward_args(self, input, hidden, batch_sizes):
        self.check_input(input, batch_sizes)
        self.check_hidden_size(
            hidden[0], self.get_expected_hidden_size(input, batch_sizes), "Expected hidden[0] size {}, got {}"
        )
        self.check_hidden_size(
            hidden[1], self.get_expected_cell_size(input, batch_sizes), "Expected hidden[1] size {}, got {}"
        )

    def permute_hidden(self, hx, permutation):
        if permutation is None:
            return hx
        return hx[0].index_select(1, permutation), hx[1].index_select(1, permutation)

    def forward(self, input, hx=None):
        if isinstance(input, PackedSequence):
            real_hidden_size = self.proj_size if self.proj_size > 0 else self.hidden_size
            return self._run_packed(lstm, input, hx, real_hidden_size)
        if input.dim() not in (2, 3):
            raise ValueError(f"LSTM: Expected input to be 2D or 3D, got {input.dim()}D instead")
        is_batched = input.dim() == 3
        batch_dim = 0 if self.batch_first else 1
        if not is_batched:
            input = input.unsqueeze(batch_dim)
        if hx is None:
            real_hidden_size = self.proj_size if self.proj_size > 0 else self.hidden_size
            hx = (self._zeros_hidden(input, real_hidden_size), self._zeros_hidden(input, self.hidden_size))
        else:
            if is_batched and (hx[0].dim() != 3 or hx[1].dim() != 3):
                raise RuntimeError(
                    "For batched 3-D input, hx and cx should also be 3-D but got "
                    f"({hx[0].dim()}-D, {hx[1].dim()}-D) tensors"
                )
            if not is_batched:
                if hx[0].dim() != 2 or hx[1].dim() != 2:
                    raise RuntimeError(
                        "For unbatched 2-D input, hx and cx should also be 2-D but got "
                        f"({hx[0].dim()}-D, {hx[1].dim()}-D) tensors"
                    )
                hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
        self.check_forward_args(input, hx, None)
        output, hy, cy = lstm(
            input,
            hx,
            self._flat_weights,
            self.bias,
            self.num_layers,
            self.dropout,
            self.training,
            self.bidirectional,
            self.batch_first,
        )
        if not is_batched:
            return output.squeeze(batch_dim), (hy.squeeze(1), cy.squeeze(1))
        return output, (hy, cy)


class RNNCellBase(Module):
    """The parameters and repr shared by the cells: weight_ih, weight_hh, bias_ih, bias_hh."""

    __constants__ = ["input_size", "hidden_size", "bias"]

    def __init__(self, input_size, hidden_size, bias, num_chunks, device=None, dtype=None):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        factory = {"device": device, "dtype": dtype}
        self.weight_ih = Parameter(creation.empty((num_chunks * hidden_size, input_size), **factory))
        self.weight_hh = Parameter(creation.empty((num_chunks * hidden_size, hidden_size), **factory))
        if bias:
            self.bias_ih = Parameter(creation.empty(num_chunks * hidden_size, **factory))
            self.bias_hh = Parameter(creation.empty(num_chunks * hidden_size, **factory))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self):
        s = f"{self.input_size}, {self.hidden_size}"
        if "bias" in self.__dict__ and self.bias is not True:
            s += f", bias={self.bias}"
        if "nonlinearity" in self.__dict__ and self.nonlinearity != "tanh":
            s += f", nonlinearity={self.nonlinearity}"
        return s

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _batched(self, input, name):
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        return input.dim() == 2

    def _single_hidden(self, cell, input, hx, name):
        is_batched = self._batched(input, name)
        if hx is not None and hx.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected hidden to be 1D or 2D, got {hx.dim()}D instead")
        if not is_batched:
            input = input.unsqueeze(0)
        if hx is None:
            hx = creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype, device=input.device)
        elif not is_batched:
            hx = hx.unsqueeze(0)
        result = cell(input, hx, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh)
        return result if is_batched else result.squeeze(0)


class RNNCell(RNNCellBase):
    __constants__ = ["input_size", "hidden_size", "bias", "nonlinearity"]

    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh", device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=1, device=device, dtype=dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input, hx=None):
        # torch checks the input's dimensions first, and the nonlinearity only when it calls the cell
        cells = {"tanh": rnn_tanh_cell, "relu": rnn_relu_cell}

        def cell(*args):
            if self.nonlinearity not in cells:
                raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
            return cells[self.nonlinearity](*args)

        return self._single_hidden(cell, input, hx, "RNNCell")


class GRUCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=3, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        return self._single_hidden(gru_cell, input, hx, "GRUCell")


class LSTMCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, device=None, dtype=None):
        super().__init__(input_size, hidden_size, bias, num_chunks=4, device=device, dtype=dtype)

    def forward(self, input, hx=None):
        is_batched = self._batched(input, "LSTMCell")
        if hx is not None:
            for index, value in enumerate(hx):
                if value.dim() not in (1, 2):
                    raise ValueError(
                        f"LSTMCell: Expected hx[{index}] to be 1D or 2D, got {value.dim()}D instead"
                    )
        if not is_batched:
            input = input.unsqueeze(0)
        if hx is None:
            zeros = creation.zeros(input.size(0), self.hidden_size, dtype=input.dtype, device=input.device)
            hx = (zeros, zeros)
        elif not is_batched:
            hx = (hx[0].unsqueeze(0), hx[1].unsqueeze(0))
        hy, cy = lstm_cell(input, hx, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh)
        return (hy, cy) if is_batched else (hy.squeeze(0), cy.squeeze(0))
