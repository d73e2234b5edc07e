"""The three generic op check bodies. Each evaluates a case's expression on the engine it is given.

They are self-contained (parameters and builtins only) because a failure's reproducer is the body's
source with the drawn ``expr`` and ``inputs`` filled in. ``F`` (torch.nn.functional) is looked up only
when the expression uses it, so an engine without it fails only those checks. Float inputs are leaves
that require grad; int and bool inputs (indices, targets, masks) never do.
"""


def forward(torch, obs, expr, inputs):
    env = {"torch": torch}
    if "F." in expr:
        env["F"] = torch.nn.functional
    for name, (dtype, shape, flat) in inputs.items():
        env[name] = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
        if dtype.startswith("float"):
            env[name].requires_grad_()
    obs.record(expr, eval(expr, env))


def backward(torch, obs, expr, inputs, grad):
    env = {"torch": torch}
    if "F." in expr:
        env["F"] = torch.nn.functional
    for name, (dtype, shape, flat) in inputs.items():
        env[name] = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
        if dtype.startswith("float"):
            env[name].requires_grad_()
    out = eval(expr, env)
    if isinstance(out, tuple):  # (values, indices) of max/min over a dim: the values carry the gradient
        out = out[0]
    # The upstream gradient: the drawn values repeated to fill the output's shape.
    n = out.numel()
    upstream = torch.tensor((grad * (n // len(grad) + 1))[:n], dtype=out.dtype).reshape(out.shape)
    out.backward(upstream)
    for name, (dtype, _shape, _flat) in inputs.items():
        if dtype.startswith("float"):
            obs.record(f"{name}.grad", env[name].grad)


def errors(torch, obs, expr, inputs):
    env = {"torch": torch}
    if "F." in expr:
        env["F"] = torch.nn.functional
    for name, (dtype, shape, flat) in inputs.items():
        env[name] = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
        if dtype.startswith("float"):
            env[name].requires_grad_()
    with obs.raises(expr):
        obs.record("unexpected result", eval(expr, env))
