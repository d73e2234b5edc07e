"""minigrad.optim against torch.optim: seeded 100-step training runs follow torch's loss trajectory, the
parameters and optimizer state end where torch's do, state dicts have torch's format and load back, steps
run without recording and bump the parameters' versions; schedulers give torch's learning rates and
warnings."""

import numpy as np
import pytest
import torch
from _compare import same, same_error

import minigrad

CONFIGS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 1e-3}),
    ("SGD", {"lr": 0.05, "momentum": 0.5, "dampening": 0.3, "maximize": True}),
    ("Adam", {}),
    ("Adam", {"lr": 0.01, "amsgrad": True, "weight_decay": 1e-2}),
    ("Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "maximize": True}),
    ("AdamW", {"lr": 0.01}),
    ("AdamW", {"lr": 0.01, "amsgrad": True, "weight_decay": 0.1}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 1e-3, "alpha": 0.9, "centered": True, "momentum": 0.8, "weight_decay": 1e-3}),
    ("Adagrad", {}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 1e-2, "weight_decay": 1e-3, "initial_accumulator_value": 0.1}),
]

# torch's thread pool spins on a loaded machine (100 small steps took seconds); one thread is also
# deterministic
torch.set_num_threads(1)


def _train(t, name, kwargs, dtype="float32", steps=100, closure=False):
    t.manual_seed(0)
    dt = getattr(t, dtype)
    model = t.nn.Sequential(t.nn.Linear(5, 12), t.nn.Tanh(), t.nn.Linear(12, 3)).to(dt)
    x = t.randn(40, 5, dtype=dt)
    y = t.randint(0, 3, (40,))
    optimizer = getattr(t.optim, name)(model.parameters(), **kwargs)
    losses = []
    for _ in range(steps):

        def compute():
            optimizer.zero_grad()
            loss = t.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            return loss

        if closure:
            loss = optimizer.step(compute)
        else:
            loss = compute()
            optimizer.step()
        losses.append(loss.item())
    return model, optimizer, losses


def _as_numbers(value):
    """Tensors (torch's or minigrad's) as float64 arrays, containers walked."""
    if isinstance(value, torch.Tensor | minigrad.Tensor):
        return np.array(
            value.detach().numpy() if isinstance(value, torch.Tensor) else value._data, np.float64
        )
    if isinstance(value, dict):
        return {k: _as_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_numbers(v) for v in value]
    return value


def _assert_close_tree(ref, got, rtol, atol, path="result"):
    if isinstance(ref, np.ndarray) or isinstance(ref, float):
        np.testing.assert_allclose(got, ref, rtol=rtol, atol=atol, err_msg=path)
    elif isinstance(ref, dict):
        assert ref.keys() == got.keys(), path
        for k in ref:
            _assert_close_tree(ref[k], got[k], rtol, atol, f"{path}[{k!r}]")
    elif isinstance(ref, list):
        assert len(ref) == len(got), path
        for i, (r, g) in enumerate(zip(ref, got)):
            _assert_close_tree(r, g, rtol, atol, f"{path}[{i}]")
    else:
        assert ref == got, f"{path}: torch {ref!r} != minigrad {got!r}"


@pytest.mark.parametrize(("name", "kwargs"), CONFIGS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_training_follows_torchs_trajectory(name, kwargs, dtype):
    """100 steps. float64 runs agree at assert_close's float64 tolerance. float32 runs are compared at
    rtol = atol = 1e-4: the forward and backward kernels (BLAS sums in another order) differ from torch's in
    the last bits, and 100 steps of an adaptive optimizer amplify that (RMSprop's division by the root of a
    small running average most), while the updates themselves are computed as torch computes them; the
    optimizer's state at 1e-3 (below)."""

    def body(t):
        model, optimizer, losses = _train(t, name, kwargs, dtype)
        state = optimizer.state_dict()
        return [
            losses,
            list(model.parameters()),
            [p._version for p in model.parameters()],
            state["state"],
            state["param_groups"],
            repr(optimizer),
        ]

    if dtype == "float64":
        same(body)
        return
    ref, got = _as_numbers(body(torch)), _as_numbers(body(minigrad))
    _assert_close_tree(ref[:3] + ref[4:], got[:3] + got[4:], rtol=1e-4, atol=1e-4)
    # the optimizer's buffers sum gradients over running averages (centered RMSprop divides by the root of a
    # difference of two small averages): 1e-3
    _assert_close_tree(ref[3], got[3], rtol=1e-3, atol=1e-3)


@pytest.mark.parametrize(("name", "kwargs"), [CONFIGS[1], CONFIGS[5], CONFIGS[10]])
def test_step_with_closure(name, kwargs):
    same(lambda t: _train(t, name, kwargs, steps=20, closure=True)[2])


def test_step_records_nothing_and_skips_parameters_without_gradients():
    def body(t):
        a = t.nn.Parameter(t.ones(3))
        b = t.nn.Parameter(t.ones(2))
        optimizer = t.optim.Adam([a, b], lr=0.1)
        (a * 2).sum().backward()
        optimizer.step()
        return [a, b, a.grad_fn, a.is_leaf, a._version, b._version, list(optimizer.state_dict()["state"])]

    same(body)


def test_zero_grad():
    def body(t):
        p = t.nn.Parameter(t.ones(2))
        optimizer = t.optim.SGD([p], lr=0.1)
        (p * 3).sum().backward()
        optimizer.zero_grad(set_to_none=False)
        kept = p.grad
        optimizer.zero_grad()
        return [kept, p.grad]

    same(body)


def test_param_groups_and_add_param_group():
    def body(t):
        w = t.nn.Parameter(t.ones(2))
        b = t.nn.Parameter(t.zeros(2))
        extra = t.nn.Parameter(t.zeros(1))
        optimizer = t.optim.SGD([{"params": [w]}, {"params": b, "lr": 0.5}], lr=0.1, momentum=0.9)
        optimizer.add_param_group({"params": [extra], "momentum": 0.0})
        (w * b + extra).sum().backward()
        optimizer.step()
        named = t.optim.Adam([("w", t.nn.Parameter(t.ones(1)))])
        return [
            repr(optimizer),
            [g["lr"] for g in optimizer.param_groups],
            optimizer.state_dict(),
            [w, b, extra],
            optimizer.defaults,
            named.state_dict()["param_groups"],
        ]

    same(body)


@pytest.mark.parametrize(
    "call",
    [
        lambda t: t.optim.SGD([], lr=0.1),
        lambda t: t.optim.SGD(t.ones(2, requires_grad=True), lr=0.1),
        lambda t: t.optim.SGD([t.ones(2, requires_grad=True) * 2], lr=0.1),
        lambda t: t.optim.SGD([3.0], lr=0.1),
        lambda t: t.optim.SGD([{"params": {t.nn.Parameter(t.ones(1))}}], lr=0.1),
        lambda t: t.optim.SGD([t.nn.Parameter(t.ones(1))], lr=-1),
        lambda t: t.optim.SGD([t.nn.Parameter(t.ones(1))], lr=0.1, momentum=-1),
        lambda t: t.optim.SGD([t.nn.Parameter(t.ones(1))], lr=0.1, nesterov=True),
        lambda t: t.optim.Adam([t.nn.Parameter(t.ones(1))], betas=(1.0, 0.9)),
        lambda t: t.optim.Adam([t.nn.Parameter(t.ones(1))], eps=-1),
        lambda t: t.optim.AdamW([t.nn.Parameter(t.ones(1))], weight_decay=-1),
        lambda t: t.optim.RMSprop([t.nn.Parameter(t.ones(1))], alpha=-1),
        lambda t: t.optim.Adagrad([t.nn.Parameter(t.ones(1))], lr_decay=-1),
        lambda t: _two_groups_sharing(t),
        lambda t: t.optim.SGD([t.nn.Parameter(t.ones(1))], lr=0.1).add_param_group([1]),
    ],
)
def test_constructor_errors(call):
    same_error(call)


def _two_groups_sharing(t):
    p = t.nn.Parameter(t.ones(1))
    return t.optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)


def test_duplicate_parameters_warn():
    def body(t):
        p = t.nn.Parameter(t.ones(1))
        return len(t.optim.SGD([p, p], lr=0.1).param_groups[0]["params"])

    same(body)


@pytest.mark.parametrize(("name", "kwargs"), [CONFIGS[2], CONFIGS[5], CONFIGS[10], CONFIGS[12]])
def test_state_dict_round_trip_resumes_the_same_run(name, kwargs):
    def body(t):
        model, optimizer, _ = _train(t, name, kwargs, steps=10)
        saved = optimizer.state_dict()
        fresh = getattr(t.optim, name)(model.parameters(), **kwargs)
        fresh.load_state_dict(saved)
        x = t.randn(4, 5)
        for _ in range(5):
            fresh.zero_grad()
            model(x).pow(2).mean().backward()
            fresh.step()
        return [fresh.state_dict(), list(model.parameters())]

    same(body)


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: {**s, "param_groups": s["param_groups"] * 2},
        lambda s: {**s, "param_groups": [{**s["param_groups"][0], "params": [0]}]},
    ],
)
def test_load_state_dict_errors(edit):
    def body(t):
        _, optimizer, _ = _train(t, "SGD", {"lr": 0.1, "momentum": 0.9}, steps=1)
        optimizer.load_state_dict(edit(optimizer.state_dict()))

    same_error(body)


def test_step_hooks():
    def body(t):
        calls = []
        p = t.nn.Parameter(t.ones(1))
        optimizer = t.optim.SGD([p], lr=0.1)
        pre = optimizer.register_step_pre_hook(lambda opt, args, kwargs: calls.append("pre"))
        optimizer.register_step_post_hook(lambda opt, args, kwargs: calls.append("post"))
        p.sum().backward()
        optimizer.step()
        pre.remove()
        optimizer.step()
        return [calls, p]

    same(body)


SCHEDULERS = [
    ("StepLR", {"step_size": 3, "gamma": 0.5}),
    ("MultiStepLR", {"milestones": [2, 5, 5, 8], "gamma": 0.3}),
    ("ExponentialLR", {"gamma": 0.9}),
    ("CosineAnnealingLR", {"T_max": 5, "eta_min": 0.001}),
    ("LambdaLR", {"lr_lambda": lambda epoch: 0.95**epoch}),
    ("MultiplicativeLR", {"lr_lambda": lambda epoch: 0.9}),
    ("LinearLR", {"start_factor": 0.25, "total_iters": 4}),
]


@pytest.mark.parametrize(("name", "kwargs"), SCHEDULERS)
def test_schedulers_give_torchs_learning_rates(name, kwargs):
    def body(t):
        p = t.nn.Parameter(t.ones(2))
        optimizer = t.optim.SGD([{"params": [p]}, {"params": [t.nn.Parameter(t.ones(1))], "lr": 0.5}], lr=0.1)
        scheduler = getattr(t.optim.lr_scheduler, name)(optimizer, **kwargs)
        lrs = []
        for _ in range(12):
            p.sum().backward()
            optimizer.step()
            scheduler.step()
            lrs.append(scheduler.get_last_lr())
        state = scheduler.state_dict()
        state.pop("lr_lambdas", None)
        return [lrs, [g["lr"] for g in optimizer.param_groups], state["last_epoch"], state["base_lrs"], p]

    same(body)


def test_scheduler_step_before_optimizer_step_warns():
    def body(t):
        p = t.nn.Parameter(t.ones(1))
        optimizer = t.optim.SGD([p], lr=0.1)
        scheduler = t.optim.lr_scheduler.StepLR(optimizer, 1)
        scheduler.step()
        return scheduler.get_last_lr()

    same(body)


def test_scheduler_get_lr_outside_step_and_epoch_argument_warn():
    def body(t):
        p = t.nn.Parameter(t.ones(1))
        optimizer = t.optim.SGD([p], lr=0.1)
        scheduler = t.optim.lr_scheduler.ExponentialLR(optimizer, 0.5)
        optimizer.step()
        scheduler.step(3)
        return [scheduler.get_lr(), scheduler.get_last_lr()]

    same(body)


def test_reduce_lr_on_plateau():
    def body(t):
        p = t.nn.Parameter(t.ones(1))
        optimizer = t.optim.Adam([p], lr=0.1)
        scheduler = t.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=2, factor=0.5, cooldown=1)
        lrs = []
        for metric in [1.0, 0.9, 0.95, 0.96, 0.97, 0.99, 0.98, 0.97, 0.5, 0.6, 0.7, 0.8]:
            scheduler.step(metric)
            lrs.append(optimizer.param_groups[0]["lr"])
        return [lrs, scheduler.best, scheduler.num_bad_epochs, scheduler.get_last_lr()]

    same(body)


def test_scheduler_requires_an_optimizer():
    same_error(lambda t: t.optim.lr_scheduler.StepLR(object(), 1))


def test_user_optimizers_get_step_hooks_but_not_no_grad():
    def body(t):
        calls = []

        class PlainSGD(t.optim.Optimizer):
            def __init__(self, params, lr=0.01):
                super().__init__(params, {"lr": lr})

            def step(self, closure=None):
                for group in self.param_groups:
                    for p in group["params"]:
                        if p.grad is not None:
                            p.add_(p.grad, alpha=-group["lr"])

        class NoGradSGD(PlainSGD):
            @t.no_grad()
            def step(self, closure=None):
                return super().step(closure)

        p = t.nn.Parameter(t.ones(3))
        (p * 2).sum().backward()
        optimizer = NoGradSGD([p], lr=0.5)
        optimizer.register_step_post_hook(lambda *args: calls.append("post"))
        optimizer.step()
        try:
            PlainSGD([p]).step()
        except RuntimeError as error:
            calls.append(str(error))
        return [p, calls, repr(optimizer)]

    same(body)
