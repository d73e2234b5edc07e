"""nn.Module against torch.nn.Module: registration by assignment and its errors, traversal, modes, zero_grad,
state dicts (keys, values, strict loading messages, the IncompatibleKeys result), dtype conversion, hooks
(forward, pre-forward, full backward and backward pre-hooks, removal, ordering), reprs, Parameter and
Buffer."""

import copy
import pickle

import pytest
import torch
from _compare import same, same_error

# torch's thread pool spins on a loaded machine (100 small steps took seconds); one thread is also
# deterministic
torch.set_num_threads(1)


def _net(t):
    nn = t.nn

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(3, 3)
            self.register_buffer("count", t.zeros(1))

        def forward(self, x):
            return t.tanh(self.lin(x))

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.first = nn.Linear(4, 3)
            self.blocks = nn.ModuleList([Block(), Block()])
            self.shared = self.first  # the same module twice
            self.head = nn.Sequential(nn.Linear(3, 2), nn.LogSoftmax(dim=1))
            self.table = nn.ModuleDict({"act": nn.ReLU(), "none": nn.Identity()})
            self.register_buffer("stats", t.ones(2))
            self.register_buffer("scratch", t.zeros(2), persistent=False)
            self.register_parameter("gain", nn.Parameter(t.tensor(1.5)))
            self.register_parameter("absent", None)

        def forward(self, x):
            x = self.table["act"](self.first(x))
            for block in self.blocks:
                x = block(x)
            return self.head(x) * self.gain

    t.manual_seed(0)
    return Net()


def test_repr_and_traversal():
    def body(t):
        net = _net(t)
        return [
            repr(net),
            [name for name, _ in net.named_parameters()],
            [name for name, _ in net.named_parameters(remove_duplicate=False)],
            [name for name, _ in net.named_buffers()],
            [name for name, _ in net.named_modules()],
            [name for name, _ in net.named_children()],
            [type(m).__name__ for m in net.modules()],
            [name for name, _ in net.named_parameters(prefix="model", recurse=False)],
            len(list(net.parameters())),
            len(list(net.buffers(recurse=False))),
            list(net.parameters())[1],
        ]

    same(body)


def test_state_dict_and_loading():
    def body(t):
        net = _net(t)
        state = net.state_dict()
        other = _net(t)
        with t.no_grad():
            for p in other.parameters():
                p.add_(1.0)
        result = other.load_state_dict(state)
        partial = {k: v for k, v in state.items() if not k.startswith("head")}
        partial["unknown.weight"] = t.ones(1)
        loose = other.load_state_dict(partial, strict=False)
        return [
            list(state.keys()),
            list(state.values()),
            str(result),
            repr(loose),
            loose.missing_keys,
            loose.unexpected_keys,
            list(other.state_dict(keep_vars=True).values())[0],
            list(other.parameters())[0],
            list(net.state_dict(prefix="p.").keys()),
        ]

    same(body)


@pytest.mark.parametrize(
    "edit",
    [
        lambda t, s: {k: v for k, v in s.items() if k != "first.weight"},
        lambda t, s: {**s, "extra": t.ones(1)},
        lambda t, s: {**s, "first.weight": t.ones(2, 2)},
        lambda t, s: {**s, "first.bias": 3},
        lambda t, s: {**s, "blocks.5.lin.weight": t.ones(1), "stats": t.ones(3)},
    ],
)
def test_strict_loading_errors(edit):
    def body(t):
        net = _net(t)
        return net.load_state_dict(edit(t, net.state_dict()))

    same_error(body)


def test_load_state_dict_wants_a_mapping():
    same_error(lambda t: _net(t).load_state_dict([1, 2]))


def test_loading_copies_in_place_and_assign_replaces():
    def body(t):
        lin = t.nn.Linear(2, 2)
        weight = lin.weight
        lin.load_state_dict({"weight": t.ones(2, 2), "bias": t.zeros(2)})
        kept = lin.weight is weight
        lin.load_state_dict({"weight": t.full((2, 2), 2.0), "bias": t.zeros(2)}, assign=True)
        return [kept, lin.weight is weight, lin.weight, type(lin.weight).__name__, weight._version]

    same(body)


def test_train_eval_zero_grad_requires_grad():
    def body(t):
        net = _net(t)
        out = net(t.randn(5, 4)).sum()
        out.backward()
        grads = [p.grad for p in net.parameters()]
        net.zero_grad(set_to_none=False)
        zeroed = [p.grad for p in net.parameters()]
        net.zero_grad()
        net.eval()
        modes = [m.training for m in net.modules()]
        net.train()
        net.requires_grad_(False)
        return [
            grads,
            zeroed,
            [p.grad for p in net.parameters()],
            modes,
            net.training,
            net.first.weight.requires_grad,
        ]

    same(body)


def test_dtype_conversion_keeps_parameter_objects():
    def body(t):
        net = _net(t)
        weight = net.first.weight
        net.double()
        converted = [weight is net.first.weight, net.first.weight.dtype, net.stats.dtype, net.gain]
        net.to(t.float32)
        net.float()
        return converted + [net.first.weight.dtype, type(net.first.weight).__name__, net(t.randn(2, 4))]

    same(body)


def test_to_rejects_integer_dtypes():
    same_error(lambda t: t.nn.Linear(2, 2).to(t.int64))


def test_apply_visits_children_first():
    def body(t):
        seen = []
        _net(t).apply(lambda m: seen.append(type(m).__name__))
        return seen

    same(body)


@pytest.mark.parametrize(
    "assign",
    [
        lambda t, m: setattr(m, "first", 3),
        lambda t, m: setattr(m, "gain", t.nn.Linear(1, 1)),
        lambda t, m: setattr(m, "gain", t.ones(1)),
        lambda t, m: setattr(m, "stats", 3),
        lambda t, m: m.register_buffer("first", t.ones(1)),
        lambda t, m: m.register_buffer("a.b", t.ones(1)),
        lambda t, m: m.register_buffer("", t.ones(1)),
        lambda t, m: m.register_buffer("x", [1]),
        lambda t, m: m.register_parameter("p", t.ones(1)),
        lambda t, m: m.register_parameter("p", t.nn.Parameter(t.ones(1)) * 2),
        lambda t, m: m.register_parameter(3, None),
        lambda t, m: m.add_module("x", 3),
        lambda t, m: m.add_module("a.b", t.nn.ReLU()),
        lambda t, m: m.add_module("stats", t.nn.ReLU()),
        lambda t, m: m.missing_attribute,
        lambda t, m: m.get_submodule("blocks.7"),
        lambda t, m: m.get_parameter("first.nothing"),
        lambda t, m: m.forward_unknown(),
        lambda t, m: t.nn.Module()(t.ones(1)),
        lambda t, m: t.nn.Module(3),
    ],
)
def test_registration_errors(assign):
    def body(t):
        return assign(t, _net(t))

    same_error(body)


def test_assignment_moves_between_registries():
    def body(t):
        net = _net(t)
        net.first = None  # a module slot set to None stays a module slot
        net.gain = None
        net.stats = t.full((2,), 3.0)
        net.plain = 3
        net.extra = t.nn.Parameter(t.zeros(2))
        net.extra = None
        net.other = t.zeros(1)
        net.other = t.nn.Linear(1, 1)  # a plain attribute becomes a module
        del net.stats
        del net.plain
        return [
            [n for n, _ in net.named_parameters()],
            [n for n, _ in net.named_buffers()],
            [n for n, _ in net.named_children()],
            list(net.state_dict().keys()),
            net.get_submodule("blocks.1.lin").weight.shape,
            net.get_parameter("blocks.0.lin.bias").shape,
            net.get_buffer("blocks.0.count"),
            hasattr(net, "stats"),
        ]

    same(body)


def test_buffer_class():
    def body(t):
        m = t.nn.Module()
        m.a = t.nn.Buffer(t.ones(2))
        m.b = t.nn.Buffer(t.zeros(1), persistent=False)
        return [list(m.state_dict().keys()), [n for n, _ in m.named_buffers()]]

    same(body)


def test_forward_hooks():
    def body(t):
        calls = []
        lin = t.nn.Linear(3, 2)
        h1 = lin.register_forward_pre_hook(lambda m, args: calls.append(("pre", len(args))))
        lin.register_forward_pre_hook(lambda m, args: (args[0] * 2,))
        lin.register_forward_pre_hook(
            lambda m, args, kwargs: calls.append(("pre-kw", sorted(kwargs))), with_kwargs=True
        )
        lin.register_forward_hook(lambda m, args, out: out + 1)
        lin.register_forward_hook(lambda m, args, out: calls.append(("first",)), prepend=True)
        lin.register_forward_hook(
            lambda m, args, kwargs, out: calls.append(("kw", out.shape)), with_kwargs=True
        )
        x = t.ones(1, 3)
        y1 = lin(x)
        h1.remove()
        y2 = lin(x)
        return [calls, y1, y2]

    same(body)


def test_full_backward_hooks_see_module_gradients():
    def body(t):
        seen = []
        lin = t.nn.Linear(3, 2)

        def hook(module, grad_input, grad_output):
            seen.append(("hook", grad_input, grad_output))
            return (grad_input[0] * 10,)

        def pre_hook(module, grad_output):
            seen.append(("pre", grad_output))
            return (grad_output[0] * 2,)

        lin.register_full_backward_hook(hook)
        lin.register_full_backward_pre_hook(pre_hook)
        x = t.randn(4, 3, requires_grad=True)
        y = lin(x)
        y.pow(2).sum().backward()
        return [seen, x.grad, lin.weight.grad, y.grad_fn.name()]

    same(body)


def test_full_backward_hook_when_no_input_requires_grad_warns():
    def body(t):
        seen = []
        lin = t.nn.Linear(3, 2)
        lin.register_full_backward_hook(lambda m, gi, go: seen.append((gi, go)))
        lin(t.randn(2, 3)).sum().backward()
        return seen

    same(body)


def test_mixing_backward_hook_kinds_raises():
    def body(t):
        lin = t.nn.Linear(3, 2)
        lin.register_full_backward_hook(lambda m, gi, go: None)
        return lin.register_backward_hook(lambda m, gi, go: None)

    same_error(body)


def test_parameter_basics():
    def body(t):
        data = t.ones(2, 2)
        p = t.nn.Parameter(data)
        frozen = t.nn.Parameter(t.zeros(3), requires_grad=False)
        with t.no_grad():
            data.add_(1.0)  # shares storage and version counter with its data
        return [
            repr(p),
            str(frozen),
            repr(t.nn.Parameter()),
            p.is_leaf,
            p.requires_grad,
            p._version,
            isinstance(p, t.Tensor),
            type(p * 2).__name__,
            type(p.data).__name__,
            p.grad_fn,
            (p * 2).grad_fn.name(),
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [lambda t: t.nn.Parameter(t.tensor([1])), lambda t: t.nn.Parameter(3), lambda t: t.nn.Parameter([1.0])],
)
def test_parameter_errors(call):
    same_error(call)


def test_deepcopy_and_pickle_of_modules():
    def body(t):
        net = _net(t)
        net(t.randn(2, 4)).sum().backward()
        clone = copy.deepcopy(net)
        restored = pickle.loads(pickle.dumps(net.first))
        return [
            clone.first.weight is net.first.weight,
            clone.shared is clone.first,
            type(clone.first.weight).__name__,
            clone.first.weight,
            clone.first.weight.grad,
            restored.weight,
            repr(restored),
        ]

    same(body)
