"""Every layer, container, loss, init function and nn.utils helper of minigrad.nn against torch.nn: seeded
initial weights, outputs, gradients, reprs and errors."""

import math

import pytest
import torch
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st

seeds = st.integers(0, 2**32 - 1)

# torch's thread pool spins on a loaded machine (100 small steps took seconds); one thread is also
# deterministic
torch.set_num_threads(1)


@settings(max_examples=20, deadline=None)
@given(
    seed=seeds,
    fan_in=st.integers(0, 12),
    fan_out=st.integers(1, 12),
    bias=st.booleans(),
    dtype=st.sampled_from(["float32", "float64"]),
)
def test_linear_is_initialised_from_torchs_stream(seed, fan_in, fan_out, bias, dtype):
    def body(t):
        t.manual_seed(seed)
        layer = t.nn.Linear(fan_in, fan_out, bias=bias, dtype=getattr(t, dtype))
        x = t.randn(3, fan_in, dtype=getattr(t, dtype), requires_grad=True)
        y = layer(x)
        y.pow(2).sum().backward()
        return [layer.weight, layer.bias, repr(layer), y, x.grad, layer.weight.grad, t.rand(1)]

    same(body)


def test_linear_on_batches_and_vectors():
    def body(t):
        t.manual_seed(1)
        layer = t.nn.Linear(4, 2)
        return [layer(t.randn(4)), layer(t.randn(2, 3, 4)), layer(t.randn(5, 4))]

    same(body)


@settings(max_examples=20, deadline=None)
@given(
    seed=seeds,
    shape=st.lists(st.integers(1, 6), min_size=2, max_size=4).map(tuple),
    mode=st.sampled_from(["fan_in", "fan_out", "FAN_IN"]),
    nonlinearity=st.sampled_from(["relu", "leaky_relu", "tanh", "linear", "sigmoid", "selu", "conv2d"]),
    a=st.floats(0, 1),
    gain=st.floats(0.1, 3),
)
def test_init_functions_draw_torchs_numbers(seed, shape, mode, nonlinearity, a, gain):
    def body(t):
        init = t.nn.init
        t.manual_seed(seed)
        g = t.Generator().manual_seed(seed + 1)
        return [
            init.kaiming_uniform_(t.empty(shape), a=a, mode=mode, nonlinearity=nonlinearity),
            init.kaiming_normal_(t.empty(shape), a=a, mode=mode, nonlinearity=nonlinearity),
            init.xavier_uniform_(t.empty(shape), gain=gain),
            init.xavier_normal_(t.empty(shape, dtype=t.float64), gain=gain, generator=g),
            init.uniform_(t.empty(shape), -gain, gain),
            init.normal_(t.empty(shape), 1.0, gain),
            init.constant_(t.empty(shape), gain),
            init.ones_(t.empty(shape)),
            init.zeros_(t.empty(shape)),
            init.calculate_gain(nonlinearity, a if nonlinearity == "leaky_relu" else None),
            init._calculate_fan_in_and_fan_out(t.empty(shape)),
        ]

    same(body)


def test_init_runs_without_recording_and_keeps_versions():
    def body(t):
        p = t.nn.Parameter(t.empty(3, 4))
        out = t.nn.init.kaiming_uniform_(p, a=math.sqrt(5))
        t.nn.init.eye_(p)
        return [out is p, p.grad_fn, p._version, p.requires_grad, p]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.nn.init.xavier_uniform_(t.empty(3)),
        lambda t: t.nn.init.kaiming_uniform_(t.empty(2, 2), mode="fan_avg"),
        lambda t: t.nn.init.calculate_gain("swish"),
        lambda t: t.nn.init.calculate_gain("leaky_relu", "a"),
        lambda t: t.nn.init.eye_(t.empty(2, 2, 2)),
    ],
)
def test_init_errors(call):
    same_error(call)


def test_init_of_an_empty_tensor_warns():
    same(lambda t: t.nn.init.kaiming_uniform_(t.empty(0, 3)))


ACTIVATIONS = [
    lambda t: t.nn.ReLU(),
    lambda t: t.nn.LeakyReLU(),
    lambda t: t.nn.LeakyReLU(0.2),
    lambda t: t.nn.Hardtanh(),
    lambda t: t.nn.Hardtanh(-0.5, 0.5),
    lambda t: t.nn.Hardtanh(min_value=-2),
    lambda t: t.nn.ReLU6(),
    lambda t: t.nn.SiLU(),
    lambda t: t.nn.GELU(),
    lambda t: t.nn.GELU("tanh"),
    lambda t: t.nn.Tanh(),
    lambda t: t.nn.Sigmoid(),
    lambda t: t.nn.Softmax(dim=1),
    lambda t: t.nn.Softmax(dim=-1),
    lambda t: t.nn.LogSoftmax(dim=0),
    lambda t: t.nn.Identity(3, unused=True),
    lambda t: t.nn.Flatten(),
    lambda t: t.nn.Flatten(0, 1),
    lambda t: t.nn.Unflatten(1, (2, 2)),
]


@pytest.mark.parametrize("make", ACTIVATIONS)
def test_activation_layers(make):
    def body(t):
        t.manual_seed(0)
        layer = make(t)
        x = t.randn(3, 4, requires_grad=True)
        y = layer(x)
        y.backward(t.ones_like(y))
        return [repr(layer), y, x.grad]

    same(body)


HARDTANH_VALUES = {
    "int bounds truncated": lambda t: t.nn.functional.hardtanh(t.tensor([3, -4, 0]), -0.5, 2.5),
    "uint8 relu6": lambda t: t.nn.functional.relu6(t.tensor([7, 255, 3], dtype=t.uint8)),
    "nan": lambda t: t.nn.functional.hardtanh(t.tensor([float("nan"), 3.0, -3.0])),
    "float16": lambda t: t.nn.functional.hardtanh(t.tensor([0.5, 3.0], dtype=t.float16)),
    "tensor bounds": lambda t: t.nn.functional.hardtanh(t.tensor([-2.0, 2.0]), t.tensor(0.0), 1.0),
    "equal bounds": lambda t: t.nn.functional.hardtanh(t.tensor([-2.0, 2.0]), 1, 1),
    "in place": lambda t: [t.nn.functional.hardtanh_(x := t.tensor([-3.0, 0.5]), -1, 1) is x, x, x._version],
    "relu6 grad_fn": lambda t: [
        (y := t.nn.functional.relu6(t.tensor([-1.0, 3.0, 7.0], requires_grad=True))).grad_fn._saved_min_val,
        y.grad_fn._saved_max_val,
        repr(t.nn.ReLU6(True)),
        repr(t.nn.Hardtanh(-2, 2, inplace=True)),
    ],
}


@pytest.mark.parametrize("case", HARDTANH_VALUES)
def test_hardtanh_values(case):
    same(HARDTANH_VALUES[case])


def test_relu_in_place_and_implicit_softmax_dim():
    def body(t):
        x = t.randn(2, 3) * 1
        y = t.nn.ReLU(inplace=True)(x)
        return [y is x, repr(t.nn.ReLU(True)), t.nn.Softmax()(t.ones(2, 3)), repr(t.nn.Softmax())]

    same(body)


def test_in_place_activations_and_their_errors():
    def body(t):
        t.manual_seed(0)  # (unseeded, the engines draw apart unless every earlier test kept them equal)
        x = t.randn(2, 3) * 1
        y = t.nn.LeakyReLU(0.1, inplace=True)(x)
        z = t.randn(3)
        w = t.nn.SiLU(inplace=True)(z)
        leaf = t.ones(2, requires_grad=True) * 1
        out = t.nn.functional.silu(leaf, inplace=True)
        return [
            y is x,
            y,
            w is z,
            w,
            repr(t.nn.LeakyReLU(0.2, True)),
            repr(t.nn.SiLU(True)),
            out.grad_fn.name(),
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.nn.functional.leaky_relu(t.tensor([1, 2])),
        lambda t: t.nn.functional.silu(t.tensor([1, 2])),
        lambda t: t.nn.functional.gelu(t.tensor([1, 2])),
        lambda t: t.nn.functional.gelu(t.ones(2), approximate="erf"),
        lambda t: t.nn.functional.leaky_relu(t.ones(2, requires_grad=True), inplace=True),
        lambda t: t.nn.functional.hardtanh(t.tensor([True, False])),
        lambda t: t.nn.functional.hardtanh(t.ones(2), 2.0, 1.0),
        lambda t: t.nn.functional.hardtanh([1.0]),
        lambda t: t.nn.functional.hardtanh(t.ones(2), "a", 1.0),
        lambda t: t.nn.functional.relu6(t.ones(2, requires_grad=True), inplace=True),
        lambda t: t.nn.Hardtanh(1.0, 1.0),
    ],
)
def test_activation_errors(call):
    same_error(call)


def test_dropout_draws_torchs_mask_in_training_only():
    def body(t):
        t.manual_seed(7)
        drop = t.nn.Dropout(0.3)
        x = t.randn(4, 5, requires_grad=True)
        y = drop(x)
        y.sum().backward()
        drop.eval()
        z = drop(x)
        return [
            repr(drop),
            y,
            x.grad,
            z is x,
            t.nn.functional.dropout(x, 1.0),
            t.nn.functional.dropout(x, 0.0) is x,
        ]

    same(body)


@pytest.mark.parametrize("p", [-0.1, 1.5])
def test_dropout_probability_errors(p):
    same_error(lambda t: t.nn.Dropout(p))


LOSSES = [
    ("MSELoss", {}),
    ("MSELoss", {"reduction": "sum"}),
    ("MSELoss", {"reduction": "none"}),
    ("L1Loss", {}),
    ("L1Loss", {"reduction": "sum"}),
    ("L1Loss", {"reduction": "none"}),
]


@pytest.mark.parametrize(("name", "kwargs"), LOSSES)
def test_regression_losses(name, kwargs):
    def body(t):
        t.manual_seed(2)
        loss_fn = getattr(t.nn, name)(**kwargs)
        x = t.randn(3, 4, requires_grad=True)
        y = t.randn(3, 4)
        loss = loss_fn(x, y)
        loss.backward(t.ones_like(loss))
        return [repr(loss_fn), loss, x.grad, loss_fn.reduction]

    same(body)


CLASSIFICATION_LOSSES = [
    ("CrossEntropyLoss", {}),
    ("CrossEntropyLoss", {"reduction": "sum"}),
    ("CrossEntropyLoss", {"reduction": "none", "ignore_index": 1}),
    ("CrossEntropyLoss", {"label_smoothing": 0.2}),
    ("CrossEntropyLoss", {"label_smoothing": 0.1, "ignore_index": 0, "reduction": "mean"}),
    ("CrossEntropyLoss", {"weight": "weights"}),
    ("NLLLoss", {}),
    ("NLLLoss", {"reduction": "sum", "ignore_index": 2}),
    ("NLLLoss", {"weight": "weights"}),
]


@pytest.mark.parametrize(("name", "kwargs"), CLASSIFICATION_LOSSES)
def test_classification_losses(name, kwargs):
    def body(t):
        t.manual_seed(3)
        options = dict(kwargs)
        if options.get("weight") == "weights":
            options["weight"] = t.tensor([0.2, 1.0, 3.0, 0.5])
        loss_fn = getattr(t.nn, name)(**options)
        logits = t.randn(6, 4, requires_grad=True)
        target = t.tensor([0, 1, 2, 3, 1, 0])
        inputs = logits if name == "CrossEntropyLoss" else logits.log_softmax(1)
        loss = loss_fn(inputs, target)
        loss.backward(t.ones_like(loss))
        return [repr(loss_fn), loss, logits.grad, [n for n, _ in loss_fn.named_buffers()]]

    same(body)


def test_cross_entropy_with_probabilities_and_images():
    def body(t):
        t.manual_seed(4)
        loss_fn = t.nn.CrossEntropyLoss()
        logits = t.randn(2, 3, 4, 4, requires_grad=True)
        target = t.randint(0, 3, (2, 4, 4))
        probs = t.randn(5, 3).softmax(1)
        x = t.randn(5, 3, requires_grad=True)
        return [loss_fn(logits, target), loss_fn(x, probs)]

    same(body)


def test_legacy_loss_arguments_warn():
    same(lambda t: t.nn.MSELoss(size_average=False).reduction)


def test_sequential_editing():
    def body(t):
        nn = t.nn
        seq = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
        reprs = [repr(seq), repr(seq[1:]), repr(seq[-1]), len(seq)]
        seq.append(nn.Sigmoid())
        seq.insert(1, nn.Tanh())
        del seq[2]
        seq[0] = nn.Linear(2, 3)
        popped = seq.pop(-1)
        seq.extend([nn.Identity()])
        combined = seq + nn.Sequential(nn.ReLU())
        named = nn.Sequential(
            __import__("collections").OrderedDict([("inp", nn.Linear(2, 2)), ("act", nn.ReLU())])
        )
        return reprs + [
            repr(seq),
            repr(popped),
            repr(combined),
            repr(named),
            repr(seq * 2),
            list(seq._modules),
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.nn.Sequential(t.nn.ReLU())[3],
        lambda t: t.nn.ModuleList([t.nn.ReLU()])[-2],
        lambda t: t.nn.Sequential(t.nn.ReLU()) + [t.nn.ReLU()],
        lambda t: t.nn.Sequential(t.nn.ReLU()) * 0,
        lambda t: t.nn.ModuleList(3),
        lambda t: t.nn.ModuleDict({"a": t.nn.ReLU()})["b"],
        lambda t: t.nn.ModuleDict([("a",)]),
        lambda t: t.nn.Sequential(3),
    ],
)
def test_container_errors(call):
    same_error(call)


def test_module_list_and_dict():
    def body(t):
        nn = t.nn
        layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])
        layers.append(nn.ReLU())
        layers.extend([nn.ReLU(), nn.Tanh(), nn.ReLU()])
        layers.insert(0, nn.Sigmoid())
        folded = repr(layers)
        del layers[1]
        sliced = repr(layers[::2])
        table = nn.ModuleDict({"b": nn.ReLU(), "a": nn.Tanh()})
        table.update([("c", nn.Identity())])
        table["d"] = nn.Linear(1, 1)
        removed = table.pop("a")
        return [
            folded,
            sliced,
            repr(nn.ModuleList()),
            len(layers),
            repr(table),
            list(table.keys()),
            "b" in table,
            repr(removed),
            [n for n, _ in table.named_parameters()],
            repr(nn.ParameterList([nn.Parameter(t.ones(2, 3)), t.zeros(1)])),
        ]

    same(body)


def test_clip_grad_norm_and_value():
    def body(t):
        t.manual_seed(5)
        model = t.nn.Sequential(t.nn.Linear(4, 4), t.nn.Linear(4, 1))
        model(t.randn(8, 4)).pow(2).sum().backward()
        grads = [p.grad.clone() for p in model.parameters()]
        total = t.nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.5)
        clipped = [p.grad.clone() for p in model.parameters()]
        inf_norm = t.nn.utils.clip_grad_norm_(model.parameters(), 0.1, norm_type=float("inf"))
        t.nn.utils.clip_grad_value_(model.parameters(), 0.01)
        vector = t.nn.utils.parameters_to_vector(model.parameters())
        t.nn.utils.vector_to_parameters(vector * 2, model.parameters())
        return [grads, total, clipped, inf_norm, [p.grad for p in model.parameters()], vector, model[1].bias]

    same(body)


def test_one_hot():
    def body(t):
        F = t.nn.functional
        return [F.one_hot(t.tensor([0, 2, 1])), F.one_hot(t.tensor([[1], [3]]), 5), F.one_hot(t.tensor(2), 3)]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.nn.functional.one_hot(t.tensor([0.0, 1.0])),
        lambda t: t.nn.functional.one_hot(t.tensor([0, 3]), 2),
        lambda t: t.nn.functional.one_hot(t.tensor([-1, 0])),
        lambda t: t.nn.functional.one_hot(t.tensor([], dtype=t.int64)),
    ],
)
def test_one_hot_errors(call):
    same_error(call)


@pytest.mark.parametrize(
    "make",
    [
        "nn.Hardsigmoid()",
        "nn.Hardswish(True)",
        "nn.Threshold(0.1, 20)",
        "nn.Threshold(0.1, 20, True)",
        "nn.Softshrink()",
        "nn.Hardshrink(0.3)",
        "nn.Hardsigmoid(inplace=True)",
        "nn.Softshrink(lambd=0.25)",
    ],  # fmt: skip
)
def test_hard_activation_modules(make):
    def body(T):
        module = eval(make, {"nn": T.nn})
        x = T.tensor([-4.0, -0.2, 0.0, 0.2, 0.3, 2.0, 3.5], requires_grad=True)
        y = module(x * 1)
        y.sum().backward()
        return repr(module), y, x.grad, module.__constants__

    same(body)
