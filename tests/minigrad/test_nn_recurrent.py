"""nn.RNNCell/GRUCell/LSTMCell and nn.RNN/GRU/LSTM against torch: seeded weights (torch's parameter names and
stream), outputs, final states, the whole recorded graph (node names and edges, breadth first), gradients of
the input, the initial states and every parameter, reprs, and torch's errors and warnings."""

import itertools

import numpy as np
import pytest
import torch
from _compare import same, same_error

import minigrad
from minigrad.ops.rnn import lstm_layer

torch.set_num_threads(1)


def graph(*tensors):
    """Every node behind `tensors`, breadth first, each once: (name, its next functions' names and slots)."""
    seen, order, queue = set(), [], [t.grad_fn for t in tensors if t.grad_fn is not None]
    while queue:
        node = queue.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        order.append(
            (node.name(), tuple(None if n is None else (n.name(), nr) for n, nr in node.next_functions))
        )
        queue += [n for n, _ in node.next_functions]
    return order


def _flat(result):
    if isinstance(result, tuple):
        return [t for r in result for t in _flat(r)]
    return [result]


def run_layer(t, cls, args, kwargs, shape, dtype, with_hidden=False, train=True):
    """A seeded layer run forward and backward: [outputs..., graph, grads of input, states, parameters]."""
    t.manual_seed(0)
    layer = cls(*args, dtype=getattr(t, dtype), **kwargs)
    layer.train(train)
    x = t.randn(*shape, dtype=getattr(t, dtype), requires_grad=True)
    hidden = None
    if with_hidden:
        hidden = with_hidden(t, getattr(t, dtype))
    result = layer(x) if hidden is None else layer(x, hidden)
    outputs = _flat(result)
    loss = sum((o * t.linspace(-1, 1, o.numel(), dtype=o.dtype).reshape(o.shape)).sum() for o in outputs)
    loss.backward()
    states = [] if hidden is None else [h.grad for h in _flat(hidden)]
    params = [(name, p, p.grad) for name, p in layer.named_parameters()]
    return [*outputs, graph(*outputs), x.grad, *states, params, repr(layer), t.rand(2)]


LAYERS = ["RNN", "GRU", "LSTM"]


@pytest.mark.parametrize("name", LAYERS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"num_layers": 2},
        {"bias": False},
        {"batch_first": True},
        {"bidirectional": True},
        {"num_layers": 2, "bidirectional": True, "batch_first": True},
        {"num_layers": 3, "dropout": 0.4},
    ],
    ids=lambda k: "-".join(f"{a}={b}" for a, b in k.items()) or "default",
)
def test_layers_match_torch(name, dtype, kwargs):
    shape = (3, 4, 2) if kwargs.get("batch_first") else (4, 3, 2)
    same(lambda t: run_layer(t, getattr(t.nn, name), (2, 3), kwargs, shape, dtype))


@pytest.mark.parametrize("name", LAYERS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_layers_with_initial_states_and_unbatched_input(name, dtype):
    directions, layers = 2, 2

    def hidden(t, dt):
        shape = (directions * layers, 3)
        h = t.randn(*shape, dtype=dt, requires_grad=True)
        if name == "LSTM":
            return (h, t.randn(*shape, dtype=dt, requires_grad=True))
        return h

    kwargs = {"num_layers": layers, "bidirectional": True}
    same(lambda t: run_layer(t, getattr(t.nn, name), (2, 3), kwargs, (5, 2), dtype, with_hidden=hidden))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_lstm_with_projections(dtype):
    def hidden(t, dt):
        return (
            t.randn(2, 3, 2, dtype=dt, requires_grad=True),
            t.randn(2, 3, 4, dtype=dt, requires_grad=True),
        )

    kwargs = {"proj_size": 2, "num_layers": 2}
    same(
        lambda t: run_layer(t, t.nn.LSTM, (2, 4), kwargs, (4, 3, 2), dtype, with_hidden=hidden),
        check_warnings=False,  # torch warns once per process that oneDNN cannot project (float32)
    )


def test_rnn_relu_and_eval_mode_skip_dropout():
    kwargs = {"nonlinearity": "relu", "num_layers": 2, "dropout": 0.5}
    same(lambda t: run_layer(t, t.nn.RNN, (2, 3), kwargs, (4, 3, 2), "float64", train=False))
    same(lambda t: run_layer(t, t.nn.RNN, (2, 3, 2, "relu"), {}, (4, 3, 2), "float64"))


@pytest.mark.parametrize("name", ["RNNCell", "GRUCell", "LSTMCell"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("bias", [True, False])
def test_cells_match_torch(name, dtype, bias):
    same(lambda t: run_layer(t, getattr(t.nn, name), (2, 3), {"bias": bias}, (4, 2), dtype))
    same(lambda t: run_layer(t, getattr(t.nn, name), (2, 3), {"bias": bias}, (2,), dtype))


@pytest.mark.parametrize("name", ["RNNCell", "GRUCell", "LSTMCell"])
def test_cells_with_given_hidden_states(name):
    def hidden(t, dt):
        h = t.randn(4, 3, dtype=dt, requires_grad=True)
        return (h, t.randn(4, 3, dtype=dt, requires_grad=True)) if name == "LSTMCell" else h

    same(lambda t: run_layer(t, getattr(t.nn, name), (2, 3), {}, (4, 2), "float64", with_hidden=hidden))
    kwargs = {"nonlinearity": "relu"} if name == "RNNCell" else {}
    same(lambda t: run_layer(t, getattr(t.nn, name), (2, 3), kwargs, (4, 2), "float32", with_hidden=hidden))


def test_parameters_names_shapes_and_stream():
    def body(t):
        t.manual_seed(0)
        lstm = t.nn.LSTM(3, 4)
        gru = t.nn.GRU(3, 5, num_layers=2, bidirectional=True, bias=False)
        rnn = t.nn.RNN(2, 3, 2, "relu", False, True, 0.0, True)
        cell = t.nn.LSTMCell(3, 2, bias=False)
        return [
            [(n, p) for n, p in m.named_parameters()] + [repr(m), list(m.state_dict())]
            for m in (lstm, gru, rnn, cell)
        ] + [[[tuple(w.shape) for w in ws] for ws in gru.all_weights], rnn.nonlinearity, t.rand(1)]

    same(body)


def test_reprs():
    def body(t):
        return [
            repr(t.nn.RNN(3, 4, 2, "relu", False, True, 0.5, True)),
            repr(t.nn.LSTM(3, 4, proj_size=2)),
            repr(t.nn.GRU(3, 4, dropout=0.25, num_layers=2)),
            repr(t.nn.RNNCell(3, 4, False, "relu")),
            repr(t.nn.GRUCell(3, 4)),
            repr(t.nn.Sequential(t.nn.LSTM(2, 3, batch_first=True), t.nn.LSTMCell(3, 3))),
        ]

    same(body)


def test_double_and_to_keep_the_layer_working():
    def body(t):
        t.manual_seed(0)
        lstm = t.nn.LSTM(2, 3).double()
        out, (h, c) = lstm(t.randn(4, 1, 2, dtype=t.float64))
        return [out, h, c, [p.dtype for p in lstm.parameters()]]

    same(body)


def test_no_grad_forward_records_nothing():
    def body(t):
        t.manual_seed(0)
        lstm, gru = t.nn.LSTM(2, 3), t.nn.GRU(2, 3)
        x = t.randn(4, 1, 2)
        with t.no_grad():
            return [lstm(x), gru(x)]

    same(body)


def test_second_derivatives():
    def body(t):
        t.manual_seed(0)
        results = []
        for layer in (t.nn.RNN(2, 3), t.nn.GRU(2, 3), t.nn.LSTM(2, 3), t.nn.LSTM(2, 3).double()):
            dtype = layer.weight_ih_l0.dtype
            x = t.randn(3, 2, 2, dtype=dtype, requires_grad=True)
            out = layer(x)[0]
            (g,) = t.autograd.grad(out.pow(2).sum(), x, create_graph=True)
            (gg,) = t.autograd.grad(g.pow(2).sum(), x)
            # the fused float32 LSTM's first gradient is built of other ops than torch's (its differentiable
            # oneDNN backward): its values are compared, not its graph
            fused = dtype == t.float32 and isinstance(layer, t.nn.LSTM)
            results += [g.detach() if fused else g, gg]
        return results

    assert same(body)[0] == "ok"


def test_fused_lstm_layer_gradcheck():
    """The MkldnnRnnLayerBackward0 formulas by finite differences (float64: minigrad's layer without the dtype
    check torch's oneDNN kernel has), forward and reverse, first and second order."""
    rng = np.random.default_rng(0)
    shapes = [(3, 2, 2), (12, 2), (12, 3), (12,), (12,), (2, 3), (2, 3)]
    inputs = [minigrad.tensor(rng.standard_normal(s), requires_grad=True) for s in shapes]
    for reverse in (False, True):

        def fn(*xs, reverse=reverse):
            return lstm_layer(*xs, reverse, (), 2, 3, 1, True, False, False, True)[:3]

        assert minigrad.autograd.gradcheck(fn, inputs, check_forward_ad=False)
        assert minigrad.autograd.gradgradcheck(fn, inputs)


def test_fused_lstm_layer_node_and_saved_values():
    def body(t):
        t.manual_seed(0)
        x = t.randn(3, 2, 2, requires_grad=True)
        ws = [t.randn(12, 2), t.randn(12, 3), t.randn(12), t.randn(12)]
        ws = [w.requires_grad_() for w in ws]
        h, c = t.randn(2, 3, requires_grad=True), t.randn(2, 3)
        out = t.mkldnn_rnn_layer(x, *ws, h, c, True, [], 2, 3, 1, True, False, False, True)
        node = out[0].grad_fn
        saved = [
            getattr(node, f"_saved_{n}") for n in ("input", "weight0", "hx_", "cx_", "result0", "result1")
        ]
        scalars = [
            getattr(node, f"_saved_{n}")
            for n in ("reverse", "batch_sizes", "mode", "hidden_size", "num_layers", "has_biases", "train")
        ]
        grads = t.autograd.grad(out[0].sum() + out[1].sum() * 2 + out[2].sum() * 3, [x, *ws, h])
        return [out[:3], out[3].requires_grad, node.name(), saved, scalars, grads]

    same(body)


def test_fused_lstm_layer_errors():
    def layer(t, dtype=None, mode=2):
        x = t.randn(3, 2, 2, dtype=dtype)
        ws = [t.randn(12, 2), t.randn(12, 3), t.randn(12), t.randn(12)]
        return t.mkldnn_rnn_layer(
            x, *ws, t.randn(2, 3), t.randn(2, 3), False, [], mode, 3, 1, True, False, False, True
        )

    same_error(lambda t: layer(t, t.float64))
    same_error(lambda t: layer(t, mode=0))


def test_forward_ad_of_the_fused_layer_is_torchs_not_implemented():
    def body(t):
        fwad = t.autograd.forward_ad
        with fwad.dual_level():
            x = fwad.make_dual(t.randn(3, 1, 2), t.randn(3, 1, 2))
            return t.nn.LSTM(2, 3)(x)

    same_error(body)


BAD_CELL_CALLS = {
    "input size": lambda t, m, H: m(t.randn(2, 5)),
    "batch mismatch": lambda t, m, H: m(t.randn(2, 3), H(t, (3, 4), (2, 4))),
    "hidden size": lambda t, m, H: m(t.randn(2, 3), H(t, (2, 5), (2, 4))),
    "cell batch": lambda t, m, H: m(t.randn(2, 3), H(t, (2, 4), (3, 4))),
    "cell size": lambda t, m, H: m(t.randn(2, 3), H(t, (2, 4), (2, 5))),
    "unbatched input, batched hidden": lambda t, m, H: m(t.randn(3), H(t, (2, 4), (2, 4))),
    "3-d input": lambda t, m, H: m(t.randn(2, 3, 1)),
    "3-d hidden": lambda t, m, H: m(t.randn(2, 3), H(t, (1, 2, 4), (1, 2, 4))),
    "dtype": lambda t, m, H: m(t.randn(2, 3, dtype=t.float64)),
}


@pytest.mark.parametrize(
    ("name", "case"), list(itertools.product(["RNNCell", "GRUCell", "LSTMCell"], BAD_CELL_CALLS))
)
def test_cells_reject_bad_input_as_torch(name, case):
    if case.startswith("cell") and name != "LSTMCell":
        pytest.skip("only an LSTM cell has a cell state")

    def hidden(t, h_shape, c_shape):
        return (t.randn(*h_shape), t.randn(*c_shape)) if name == "LSTMCell" else t.randn(*h_shape)

    same_error(lambda t: BAD_CELL_CALLS[case](t, getattr(t.nn, name)(3, 4), hidden))


BAD_LAYER_CALLS = {
    "input size": lambda t, m, H: m(t.randn(5, 2, 4)),
    "dtype": lambda t, m, H: m(t.randn(5, 2, 3, dtype=t.float64)),
    "empty sequence": lambda t, m, H: m(t.randn(0, 2, 3)),
    "hidden batch": lambda t, m, H: m(t.randn(5, 2, 3), H(t, (1, 3, 4), (1, 2, 4))),
    "cell size": lambda t, m, H: m(t.randn(5, 2, 3), H(t, (1, 2, 4), (1, 2, 5))),
    "2-d hidden, 3-d input": lambda t, m, H: m(t.randn(5, 2, 3), H(t, (2, 4), (2, 4))),
    "3-d hidden, 2-d input": lambda t, m, H: m(t.randn(5, 3), H(t, (1, 2, 4), (1, 2, 4))),
    "1-d input": lambda t, m, H: m(t.randn(5)),
    "4-d input": lambda t, m, H: m(t.randn(5, 1, 1, 3)),
}


@pytest.mark.parametrize(("name", "case"), list(itertools.product(LAYERS, BAD_LAYER_CALLS)))
def test_layers_reject_bad_input_as_torch(name, case):
    if case.startswith("cell") and name != "LSTM":
        pytest.skip("only an LSTM has a cell state")

    def hidden(t, h_shape, c_shape):
        return (t.randn(*h_shape), t.randn(*c_shape)) if name == "LSTM" else t.randn(*h_shape)

    same_error(lambda t: BAD_LAYER_CALLS[case](t, getattr(t.nn, name)(3, 4), hidden))


def test_empty_batch_runs():
    same(lambda t: [t.nn.RNN(3, 4)(t.randn(5, 0, 3)), t.nn.LSTM(3, 4)(t.randn(5, 0, 3))])


@pytest.mark.parametrize(
    "make",
    [
        lambda t: t.nn.RNN(3, 4, nonlinearity="sigmoid"),
        lambda t: t.nn.GRU(3, 4, proj_size=2),
        lambda t: t.nn.RNN(3, 4, proj_size=2),
        lambda t: t.nn.LSTM(3, 4, proj_size=4),
        lambda t: t.nn.LSTM(3, 4, proj_size=-1),
        lambda t: t.nn.LSTM(3, 0),
        lambda t: t.nn.LSTM(0, 3),
        lambda t: t.nn.LSTM(3, 4, num_layers=0),
        lambda t: t.nn.LSTM(3, 4, dropout=1.5),
        lambda t: t.nn.LSTM(3, 4, dropout=True),
        lambda t: t.nn.LSTM(3, 4, bias=1),
        lambda t: t.nn.LSTM(3, 4, batch_first=None),
        lambda t: t.nn.LSTM(3.0, 4),
        lambda t: t.nn.GRU(3, "4"),
        lambda t: t.nn.RNNCell(3, 4, nonlinearity="gelu")(t.randn(2, 3)),
        lambda t: t.nn.RNNCell(3, -1),
        lambda t: t.nn.GRUCell(3, 4)(t.randn(2, 3), t.randn(1, 1, 4)),
        lambda t: t.nn.LSTMCell(3, 4)(t.randn(2, 3), (t.randn(2, 4), t.randn(1, 2, 4))),
    ],
)
def test_constructor_and_argument_errors(make):
    same_error(make)


def test_dropout_with_one_layer_warns_as_torch():
    same(lambda t: repr(t.nn.LSTM(3, 4, dropout=0.5)))


def test_training_loop_follows_torch():
    """A seeded LSTM regressor trained with Adam for 30 steps prints torch's losses."""

    def body(t):
        t.manual_seed(0)
        lstm, head = t.nn.LSTM(2, 8, batch_first=True, num_layers=2), t.nn.Linear(8, 1)
        params = list(lstm.parameters()) + list(head.parameters())
        opt = t.optim.Adam(params, lr=0.01)
        x, y = t.randn(4, 6, 2), t.randn(4, 1)
        losses = []
        for _ in range(30):
            opt.zero_grad()
            out, _ = lstm(x)
            loss = t.nn.functional.mse_loss(head(out[:, -1]), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        return t.tensor(losses)

    same(body)


@pytest.mark.parametrize("name", LAYERS)
def test_forward_ad_through_the_decomposed_layers(name):
    """float64 layers are decomposed into ops with forward derivatives, as torch's."""

    def body(t):
        t.manual_seed(0)
        layer = getattr(t.nn, name)(2, 3, num_layers=2, bidirectional=True).double()
        fwad = t.autograd.forward_ad
        with fwad.dual_level():
            x = fwad.make_dual(t.randn(4, 2, 2, dtype=t.float64), t.randn(4, 2, 2, dtype=t.float64))
            out = fwad.unpack_dual(layer(x)[0])
            return [out.primal.detach(), out.tangent]

    same(body)


# ---- packed sequences ---------------------------------------------------------------------------------
def run_packed(t, name, options, enforce_sorted, batch_first, dtype, with_hidden):
    t.manual_seed(0)
    rnn_utils = t.nn.utils.rnn
    dt = getattr(t, dtype)
    layer = getattr(t.nn, name)(2, 3, dtype=dt, **options)
    lengths = [4, 3, 1] if enforce_sorted else [4, 2, 3]
    x = t.randn(*((3, 4, 2) if batch_first else (4, 3, 2)), dtype=dt, requires_grad=True)
    packed = rnn_utils.pack_padded_sequence(
        x, lengths, batch_first=batch_first, enforce_sorted=enforce_sorted
    )
    hidden = None
    if with_hidden:
        states = (2 if options.get("bidirectional") else 1) * options.get("num_layers", 1)
        h = t.randn(states, 3, 3, dtype=dt, requires_grad=True)
        hidden = (h, t.randn(states, 3, 3, dtype=dt)) if name == "LSTM" else h
    out, final = layer(packed) if hidden is None else layer(packed, hidden)
    padded, out_lengths = rnn_utils.pad_packed_sequence(out, batch_first=batch_first)
    finals = list(final) if isinstance(final, tuple) else [final]
    (padded.pow(2).sum() + sum(f.sum() for f in finals)).backward()
    return [
        list(packed),
        [out.data, out.batch_sizes],
        graph(out.data, *finals),
        padded,
        out_lengths,
        finals,
        x.grad,
        [(n, p.grad) for n, p in layer.named_parameters()],
    ]


@pytest.mark.parametrize("name", LAYERS)
@pytest.mark.parametrize(
    "options", [{}, {"num_layers": 2, "bidirectional": True}], ids=["one layer", "2 bidir"]
)
@pytest.mark.parametrize("enforce_sorted", [True, False])
@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_packed_sequences_through_the_layers(name, options, enforce_sorted, batch_first, dtype):
    """Packed input never takes oneDNN's fused layer in torch: every layer decomposes (PackedLayer)."""
    same(lambda t: run_packed(t, name, options, enforce_sorted, batch_first, dtype, not enforce_sorted))


def test_pad_pack_helpers():
    def body(t):
        t.manual_seed(0)
        rnn_utils = t.nn.utils.rnn
        seqs = [t.randn(n, 2, requires_grad=True) for n in (3, 1, 2)]
        padded = rnn_utils.pad_sequence(seqs)
        left = rnn_utils.pad_sequence(seqs, batch_first=True, padding_value=-1.0, padding_side="left")
        packed = rnn_utils.pack_sequence(seqs, enforce_sorted=False)
        unpacked = rnn_utils.unpack_sequence(packed)
        long_padded, lengths = rnn_utils.pad_packed_sequence(packed, total_length=5, padding_value=7.0)
        (
            padded.sum() + left.pow(2).sum() + sum(u.pow(3).sum() for u in unpacked) + long_padded.sum()
        ).backward()
        return [
            padded,
            left,
            list(packed),
            unpacked,
            long_padded,
            lengths,
            [s.grad for s in seqs],
            graph(padded),
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t, u: u.pack_padded_sequence(t.randn(4, 3, 2), [4, 3]),
        lambda t, u: u.pack_padded_sequence(t.randn(4, 3, 2), [4, 3, 0]),
        lambda t, u: u.pack_padded_sequence(t.randn(4, 3, 2), [2, 3, 1]),
        lambda t, u: u.pad_packed_sequence(
            u.pack_padded_sequence(t.randn(4, 3, 2), [4, 3, 1]), total_length=2
        ),
        lambda t, u: u.pad_sequence([]),
        lambda t, u: u.pad_sequence(5),
        lambda t, u: u.pad_sequence([t.randn(2)], padding_side="middle"),
        lambda t, u: t.nn.LSTM(2, 3)(
            u.pack_padded_sequence(t.randn(4, 3, 2), [4, 3, 1]), (t.zeros(1, 2, 3),) * 2
        ),
    ],
)
def test_packing_errors(call):
    same_error(lambda t: call(t, t.nn.utils.rnn))


def test_unpad_sequence_turns_its_input_around_in_place_as_torch():
    def body(t):
        seqs = [t.randn(n, 2) for n in (3, 1, 2)]
        padded = t.nn.utils.rnn.pad_sequence(seqs)
        pieces = t.nn.utils.rnn.unpad_sequence(padded, t.tensor([3, 1, 2]))
        return [pieces, tuple(padded.shape), padded.is_contiguous()]

    same(body)
