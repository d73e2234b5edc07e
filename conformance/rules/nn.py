"""nn.Module, nn.Parameter and torch.optim where they meet autograd."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes

DOCS_PARAMETER = "https://pytorch.org/docs/stable/generated/torch.nn.parameter.Parameter.html"
DOCS_MODULE = "https://pytorch.org/docs/stable/generated/torch.nn.Module.html"
DOCS_OPTIM = "https://pytorch.org/docs/stable/optim.html"

PARAMETERS = Rule(
    id="NN-001",
    area="nn",
    title="A Parameter is a leaf that requires grad by default and shares its tensor's storage",
    explanation="""
        nn.Parameter(t) is a leaf tensor of class Parameter that requires grad (unless
        requires_grad=False), whatever t was: a tensor computed by autograd gives a Parameter with the
        same values and no grad_fn. It shares t's storage. Results of ops on a Parameter are plain
        tensors (not Parameters) with a grad_fn, and a module's parameters() yields its Parameters in
        registration order.
    """,
    example="""
        import torch
        t = torch.ones(2)
        p = torch.nn.Parameter(t)
        print(p, p.is_leaf, p.grad_fn)
        p.data[0] = 5.0
        print(t, type(p * 2).__name__, (p * 2).grad_fn)
        print(torch.nn.Parameter(torch.ones(1), requires_grad=False))
    """,
    source=DOCS_PARAMETER,
)

PARAMETER_SOURCES = [
    "torch.ones(3)",
    "torch.ones(3, requires_grad=True) * 2",
    "torch.arange(3.0)[1:]",
    "torch.zeros(2, 2).t()",
]


@PARAMETERS.check(
    "parameters",
    source=st.sampled_from(PARAMETER_SOURCES),
    requires_grad=st.sampled_from([None, True, False]),
    dtype=float_dtypes(),
)
def parameters(torch, obs, source, requires_grad, dtype):
    t = eval(source, {"torch": torch}).to(getattr(torch, dtype))
    options = {} if requires_grad is None else {"requires_grad": requires_grad}
    p = torch.nn.Parameter(t, **options)
    obs.record("parameter", p)
    obs.record("type", (type(p).__name__, isinstance(p, torch.Tensor)))
    with torch.no_grad():
        p[(0,) * p.dim()] = 7.0
    obs.record("source after writing the parameter", t)
    with obs.raises("p * 2"):
        result = p * 2
        obs.record("p * 2", result)
        obs.record("type of p * 2", type(result).__name__)
    module = torch.nn.Module()
    module.first = p
    module.second = torch.nn.Parameter(torch.zeros(1, dtype=getattr(torch, dtype)))
    obs.record("parameters()", [tuple(q.shape) for q in module.parameters()])
    obs.record("named_parameters()", [name for name, _ in module.named_parameters()])


ZERO_GRAD = Rule(
    id="NN-002",
    area="nn",
    title="zero_grad() sets .grad to None; frozen parameters get no gradient",
    explanation="""
        Module.zero_grad() and Optimizer.zero_grad() set every parameter's .grad to None (set_to_none=True
        is the default since torch 2.0), so the next backward makes fresh gradient tensors;
        zero_grad(set_to_none=False) zeroes the existing .grad in place (the same tensor, its _version
        bumped). A parameter with requires_grad=False (requires_grad_(False) on it or on the module)
        is skipped by backward and keeps whatever .grad it had.
    """,
    example="""
        import torch
        lin = torch.nn.Linear(2, 1)
        x = torch.ones(1, 2)
        lin(x).sum().backward()
        g = lin.weight.grad
        lin.zero_grad(set_to_none=False)
        print(lin.weight.grad, lin.weight.grad is g)
        lin.zero_grad()
        print(lin.weight.grad)
        lin.bias.requires_grad_(False)
        lin(x).sum().backward()
        print(lin.weight.grad, lin.bias.grad)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html",
)

ZERO_STEPS = [
    "backward", "model.zero_grad()", "model.zero_grad(set_to_none=False)", "opt.zero_grad()",
    "opt.zero_grad(set_to_none=False)", "model[0].weight.requires_grad_(False)",
    "model.requires_grad_(False)", "model.requires_grad_(True)", "model[2].bias.grad = None",
]  # fmt: skip


@ZERO_GRAD.check(
    "steps", steps=st.lists(st.sampled_from(ZERO_STEPS), min_size=1, max_size=5), dtype=float_dtypes()
)
def zero_grads(torch, obs, steps, dtype):
    dt = getattr(torch, dtype)
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Tanh(), torch.nn.Linear(2, 1)).to(dt)
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.copy_(torch.linspace(-1.0, 1.0, p.numel(), dtype=dt).reshape(p.shape) * (i + 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x = torch.tensor([[1.0, -2.0, 0.5], [0.25, 1.0, -1.0]], dtype=dt)
    for step in ["backward", *steps]:
        kept = [p.grad for p in model.parameters()]
        with obs.raises(step):
            if step == "backward":
                model(x).pow(2).sum().backward()
            else:
                exec(step, {"model": model, "opt": opt})
        obs.record(f"after {step}: grads", [p.grad for p in model.parameters()])
        obs.record(
            f"after {step}: same grad tensors",
            [g is not None and p.grad is g for p, g in zip(model.parameters(), kept)],
        )


STEP = Rule(
    id="NN-003",
    area="nn",
    title="optimizer.step() updates parameters in place without recording a graph",
    explanation="""
        An optimizer's step() runs under no_grad: it changes each parameter in place (its _version goes
        up), the parameter stays a leaf with grad_fn None and requires_grad True, and nothing of the
        update is recorded. Parameters whose .grad is None are skipped. The update is torch's formula for
        the optimizer (SGD with momentum, dampening, nesterov and weight_decay; Adam, AdamW, RMSprop,
        Adagrad), so parameter values after a few steps are the same on any engine.
    """,
    example="""
        import torch
        w = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
        opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
        for _ in range(2):
            opt.zero_grad()
            (w ** 2).sum().backward()
            before = w._version
            opt.step()
            print(w, w._version - before, w.grad_fn)
    """,
    source=DOCS_OPTIM,
)

OPTIMIZERS = [
    "torch.optim.SGD(params, lr=0.1)", "torch.optim.SGD(params, lr=0.1, momentum=0.9)",
    "torch.optim.SGD(params, lr=0.05, momentum=0.5, nesterov=True, weight_decay=0.01)",
    "torch.optim.Adam(params, lr=0.1)", "torch.optim.AdamW(params, lr=0.1, weight_decay=0.1)",
    "torch.optim.RMSprop(params, lr=0.01)", "torch.optim.Adagrad(params, lr=0.1)",
    "torch.optim.Adam(params, lr=0.1, amsgrad=True)",
]  # fmt: skip


@STEP.check(
    "steps",
    optimizer=st.sampled_from(OPTIMIZERS),
    steps=st.integers(1, 3),
    second_has_grad=st.booleans(),
    dtype=float_dtypes(),
)
def optimizer_steps(torch, obs, optimizer, steps, second_has_grad, dtype):
    dt = getattr(torch, dtype)
    w = torch.nn.Parameter(torch.tensor([1.0, -2.0, 0.5], dtype=dt))
    b = torch.nn.Parameter(torch.tensor([0.25], dtype=dt))
    params = [w, b]
    opt = eval(optimizer, {"torch": torch, "params": params})
    for i in range(steps):
        opt.zero_grad()
        loss = (w**2).sum() * 0.5 + w.sum()
        if second_has_grad:
            loss = loss + (b * w).sum()
        loss.backward()
        versions = (w._version, b._version)
        opt.step()
        obs.record(f"step {i}: w", w)
        obs.record(f"step {i}: b", b)
        obs.record(f"step {i}: version bumps", (w._version - versions[0], b._version - versions[1]))
        obs.record(f"step {i}: leaves", (w.is_leaf, w.grad_fn, b.is_leaf))


MODULE_HOOKS = Rule(
    id="NN-004",
    area="nn",
    title="Module hooks: forward hooks see outputs; full backward hooks see and may replace grad_input",
    explanation="""
        register_forward_pre_hook(fn(module, args)) and register_forward_hook(fn(module, args, output))
        run around forward and may replace the arguments or the output. register_full_backward_pre_hook
        (fn(module, grad_output)) runs when the gradient of the module's outputs is known;
        register_full_backward_hook(fn(module, grad_input, grad_output)) when the gradient with respect
        to the module's inputs is, and a returned tuple replaces grad_input. When no input requires grad
        the backward hook still fires, with grad_input (None,), and torch warns that it is "firing when
        gradients are computed with respect to module outputs since no inputs require gradients".
    """,
    example="""
        import torch
        lin = torch.nn.Linear(2, 1)
        x = torch.ones(1, 2, requires_grad=True)
        lin.register_forward_hook(lambda m, args, out: print("output", out.shape))
        lin.register_full_backward_pre_hook(lambda m, go: print("grad_output", go))
        lin.register_full_backward_hook(lambda m, gi, go: (gi[0] * 0,))
        lin(x).sum().backward()
        print(x.grad)
    """,
    source=DOCS_MODULE,
)


@MODULE_HOOKS.check(
    "hooks",
    input_requires_grad=st.booleans(),
    replace=st.sampled_from(["nothing", "grad_input", "output", "args", "grad_output"]),
    dtype=float_dtypes(),
)
def module_hooks(torch, obs, input_requires_grad, replace, dtype):
    import warnings

    dt = getattr(torch, dtype)
    lin = torch.nn.Linear(2, 2).to(dt)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[1.0, -1.0], [0.5, 2.0]], dtype=dt))
        lin.bias.copy_(torch.tensor([0.25, -0.5], dtype=dt))
    x = torch.tensor([[1.0, 2.0]], dtype=dt, requires_grad=input_requires_grad)
    log = []

    def forward_pre(m, args):
        log.append(("forward pre", args))
        return (args[0] * 2,) if replace == "args" else None

    def forward_hook(m, args, out):
        log.append(("forward", out))
        return out * 3 if replace == "output" else None

    def backward_pre(m, grad_output):
        log.append(("backward pre", grad_output))
        return (grad_output[0] * 5,) if replace == "grad_output" else None

    def backward_hook(m, grad_input, grad_output):
        log.append(("backward", grad_input, grad_output))
        return tuple(None if g is None else g * 0 for g in grad_input) if replace == "grad_input" else None

    lin.register_forward_pre_hook(forward_pre)
    lin.register_forward_hook(forward_hook)
    lin.register_full_backward_pre_hook(backward_pre)
    lin.register_full_backward_hook(backward_hook)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = lin(x)
        (out * torch.tensor([[1.0, -1.0]], dtype=dt)).sum().backward()
    obs.record("warnings", [(w.category.__name__, str(w.message)) for w in caught])
    obs.record("log", log)
    obs.record("x.grad", x.grad)
    obs.record("weight.grad", lin.weight.grad)


STATE = Rule(
    id="NN-005",
    area="nn",
    title="state_dict gives detached tensors sharing storage; load_state_dict copies in place",
    explanation="""
        module.state_dict() maps names to tensors that share the parameters' storage but are detached
        (requires_grad False, no grad_fn), so writing into them changes the module. load_state_dict
        copies the given values into the existing parameters in place, without recording a graph: the
        Parameters stay the same objects (an optimizer holding them keeps working), their _version goes
        up, and their .grad is untouched. Missing or unexpected keys raise with strict=True (default).
    """,
    example="""
        import torch
        lin = torch.nn.Linear(2, 1)
        sd = lin.state_dict()
        print({k: (v.requires_grad, v.grad_fn) for k, v in sd.items()})
        w = lin.weight
        lin.load_state_dict({"weight": torch.ones(1, 2), "bias": torch.zeros(1)})
        print(lin.weight is w, lin.weight)
    """,
    source="https://pytorch.org/tutorials/beginner/saving_loading_models.html",
)


@STATE.check(
    "state-dict",
    load=st.sampled_from(
        ["complete", "missing key", "extra key", "wrong shape", "requires grad values", "non-strict"]
    ),
    dtype=float_dtypes(),
)
def state_dicts(torch, obs, load, dtype):
    dt = getattr(torch, dtype)
    lin = torch.nn.Linear(2, 1).to(dt)
    with torch.no_grad():
        lin.weight.copy_(torch.tensor([[1.0, -1.0]], dtype=dt))
        lin.bias.fill_(0.5)
    lin(torch.ones(1, 2, dtype=dt)).sum().backward()
    sd = lin.state_dict()
    obs.record("state_dict", {k: v for k, v in sd.items()})
    sd["bias"].mul_(2)
    obs.record("bias after writing the state_dict", lin.bias)
    weight, version = lin.weight, lin.weight._version
    new = {"weight": torch.tensor([[3.0, 4.0]], dtype=dt), "bias": torch.tensor([-1.0], dtype=dt)}
    options = {}
    if load == "missing key":
        del new["bias"]
    elif load == "extra key":
        new["other"] = torch.zeros(1)
    elif load == "wrong shape":
        new["weight"] = torch.zeros(2, 2, dtype=dt)
    elif load == "requires grad values":
        new = {k: v.requires_grad_() for k, v in new.items()}
    elif load == "non-strict":
        del new["bias"]
        options["strict"] = False
    with obs.raises("load_state_dict"):
        result = lin.load_state_dict(new, **options)
        obs.record("missing and unexpected", (list(result.missing_keys), list(result.unexpected_keys)))
    obs.record("same parameter object", lin.weight is weight)
    obs.record("weight", lin.weight)
    obs.record("weight version bump", lin.weight._version - version)
    obs.record("weight.grad", lin.weight.grad)
