"""optim.LBFGS against torch: seeded trajectories (losses, parameters, the whole state dict after every step)
with and without the strong Wolfe line search, short histories, max_iter/max_eval limits, closures that count
their calls, a tensor lr, state dict round trips, and torch's errors."""

import pytest
import torch
from _compare import same, same_error

torch.set_num_threads(1)


def _rosenbrock(t, xy):
    return (1 - xy[0]) ** 2 + 100 * (xy[1] - xy[0] ** 2) ** 2


def _state(optimizer):
    state = optimizer.state_dict()
    return [state["param_groups"], {k: dict(v) for k, v in state["state"].items()}]


def _run(t, options, steps, problem="rosenbrock", dtype="float64"):
    t.manual_seed(0)
    dt = getattr(t, dtype)
    if problem == "rosenbrock":
        params = [t.tensor([-1.5, 2.0], dtype=dt, requires_grad=True)]

        def loss_fn():
            return _rosenbrock(t, params[0])
    else:  # a small regression: a Linear layer's two parameters
        layer = t.nn.Linear(3, 2).to(dt)
        params = list(layer.parameters())
        x, y = t.randn(8, 3, dtype=dt), t.randn(8, 2, dtype=dt)

        def loss_fn():
            return t.nn.functional.mse_loss(layer(x), y)

    optimizer = t.optim.LBFGS(params, **options)
    calls = []

    def closure():
        optimizer.zero_grad()
        loss = loss_fn()
        loss.backward()
        calls.append(loss.item())
        return loss

    trajectory = []
    for _ in range(steps):
        returned = optimizer.step(closure)
        trajectory.append([returned, [p.detach().clone() for p in params], len(calls), _state(optimizer)])
    return [trajectory, t.tensor(calls, dtype=dt), repr(optimizer)]


OPTIONS = {
    "defaults": {},
    "strong wolfe": {"line_search_fn": "strong_wolfe"},
    "short history, small lr": {"history_size": 3, "lr": 0.1, "max_iter": 7},
    "wolfe, short history": {"line_search_fn": "strong_wolfe", "history_size": 2, "max_iter": 10},
    "max_eval": {"max_iter": 30, "max_eval": 12, "line_search_fn": "strong_wolfe"},
    "one iteration": {"max_iter": 1},
    "loose tolerances": {"tolerance_grad": 1e-3, "tolerance_change": 1e-4},
}


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("problem", ["rosenbrock", "regression"])
def test_lbfgs_follows_torch(options, problem):
    # Rosenbrock's valley amplifies the last bits of a dot product (BLAS and numpy sum in other orders) past
    # float tolerance after some 60 iterations: two steps of up to 20 stay well inside it
    same(lambda t: _run(t, OPTIONS[options], 2 if problem == "rosenbrock" else 4, problem))


def test_lbfgs_with_a_tensor_lr():
    options = {"line_search_fn": "strong_wolfe", "max_iter": 4}
    same(lambda t: _run(t, {"lr": t.tensor([0.5], dtype=t.float64), **options}, 2, "regression"))


def test_lbfgs_in_float32():
    # a few iterations only: the two-loop recursion's dot products cancel, and in float32 their last bits
    # (BLAS and numpy sum in other orders) soon exceed float32's tolerance
    same(lambda t: _run(t, {"max_iter": 3}, 1, "regression", "float32"))


def test_lbfgs_state_dict_round_trip():
    def body(t):
        t.manual_seed(0)
        w = t.randn(4, dtype=t.float64, requires_grad=True)
        target = t.randn(4, dtype=t.float64)

        def make():
            return t.optim.LBFGS([w], history_size=3, max_iter=3)

        def closure():
            first.zero_grad()
            loss = ((w - target) ** 4).sum()
            loss.backward()
            return loss

        first = make()
        first.step(closure)
        second = make()
        second.load_state_dict(first.state_dict())
        first = second
        first.step(closure)
        return [w, _state(first)]

    same(body)


def test_lbfgs_stops_at_once_at_a_minimum():
    def body(t):
        w = t.zeros(3, requires_grad=True)
        optimizer = t.optim.LBFGS([w])

        def closure():
            optimizer.zero_grad()
            loss = (w**2).sum()
            loss.backward()
            return loss

        return [optimizer.step(closure), _state(optimizer)]

    same(body)


@pytest.mark.parametrize(
    "make",
    [
        lambda t, w: t.optim.LBFGS([w], lr=-1),
        lambda t, w: t.optim.LBFGS([w], lr=t.tensor([1.0, 2.0])),
        lambda t, w: t.optim.LBFGS([{"params": [w]}, {"params": [t.zeros(1, requires_grad=True)]}]),
        lambda t, w: t.optim.LBFGS([w], line_search_fn="backtracking").step(
            lambda: (w**2).sum().backward() or (w**2).sum()
        ),
    ],
)
def test_lbfgs_errors(make):
    same_error(lambda t: make(t, t.ones(2, requires_grad=True)))
