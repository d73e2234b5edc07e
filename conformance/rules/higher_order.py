"""torch.autograd.grad and higher-order derivatives: gradients as return values, gradients of gradients."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes, nonempty_shapes, shapes, tensor_data

DOCS_GRAD = "https://pytorch.org/docs/stable/generated/torch.autograd.grad.html"
DOCS_FUNCTIONAL = "https://pytorch.org/docs/stable/autograd.html#functional-higher-level-api"

FUNCTIONS = st.sampled_from(["cube", "sin", "exp", "x*sin", "square+x"])

GRAD_RETURNS = Rule(
    id="HIGHER-001",
    area="higher_order",
    title="autograd.grad returns the gradients as a tuple and leaves .grad alone",
    explanation="""
        torch.autograd.grad(outputs, inputs) computes the gradients of outputs with respect to inputs and
        returns them, one per input, as a tuple (also for a single input). Unlike backward(), it does not
        accumulate into .grad: a leaf's .grad stays None, or keeps whatever an earlier backward() left.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        g = torch.autograd.grad((x * x).sum(), x)
        print(g, x.grad)
    """,
    source=DOCS_GRAD,
)


@GRAD_RETURNS.check(
    "returns-tuple",
    as_list=st.booleans(),
    backward_first=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def grad_returns_tuple(torch, obs, as_list, backward_first, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    if backward_first:
        (x * 3).sum().backward()
    y = (x * x * w).sum()
    grads = torch.autograd.grad(y, [x, w] if as_list else x)
    obs.record("type and length", (type(grads).__name__, len(grads)))
    obs.record("grads", grads)
    obs.record(".grad after autograd.grad", (x.grad, w.grad))


UNUSED_INPUTS = Rule(
    id="HIGHER-002",
    area="higher_order",
    title="An input the outputs do not depend on is an error, unless allow_unused=True (then None)",
    explanation="""
        If one of the inputs was not used to compute the outputs, autograd.grad raises "The differentiated
        Tensor at index 1 appears to not have been used in the graph. Set allow_unused=True if this is the
        desired behavior." With allow_unused=True its gradient is None; with materialize_grads=True it is
        a tensor of zeros instead (and allow_unused=False together with materialize_grads=True is a
        ValueError).
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        u = torch.ones(2, requires_grad=True)
        y = (x * 2).sum()
        print(torch.autograd.grad(y, [x, u], allow_unused=True, retain_graph=True))
        print(torch.autograd.grad(y, [x, u], materialize_grads=True))
    """,
    source=DOCS_GRAD,
)


@UNUSED_INPUTS.check(
    "unused",
    unused_position=st.integers(0, 2),
    option=st.sampled_from(["default", "allow_unused", "materialize", "both", "conflict"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def unused_inputs(torch, obs, unused_position, option, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    used = [torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_() for _ in range(2)]
    unused = torch.ones(3, dtype=dt, requires_grad=True)
    inputs = list(used)
    inputs.insert(unused_position, unused)
    y = (used[0] * used[1]).sum()
    kwargs = {
        "default": {},
        "allow_unused": {"allow_unused": True},
        "materialize": {"materialize_grads": True},
        "both": {"allow_unused": True, "materialize_grads": True},
        "conflict": {"allow_unused": False, "materialize_grads": True},
    }[option]
    with obs.raises(f"grad with {option}"):
        obs.record("grads", torch.autograd.grad(y, inputs, **kwargs))


CREATE_GRAPH = Rule(
    id="HIGHER-003",
    area="higher_order",
    title="create_graph=True makes the gradient differentiable: gradients of gradients",
    explanation="""
        With create_graph=True, autograd.grad records the backward computation itself, so the returned
        gradient requires grad and has a grad_fn. Differentiating it again gives the second derivative
        (d²/dx² x³ = 6x), and so on. Without create_graph the gradient is a constant: requires_grad=False.
        A derivative that no longer depends on x (the second derivative of x² + x is 2) has no graph
        even with create_graph=True, so differentiating it once more raises "element 0 of tensors does
        not require grad and does not have a grad_fn".
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (g,) = torch.autograd.grad((x ** 3).sum(), x, create_graph=True)
        (g2,) = torch.autograd.grad(g.sum(), x)
        print(g, g2)
    """,
    source=DOCS_GRAD,
)


@CREATE_GRAPH.check(
    "derivatives",
    fn=FUNCTIONS,
    order=st.integers(1, 3),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def repeated_derivatives(torch, obs, fn, order, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    if fn == "cube":
        y = x**3
    elif fn == "sin":
        y = x.sin()
    elif fn == "exp":
        y = x.exp()
    elif fn == "x*sin":
        y = x * x.sin()
    else:
        y = x * x + x
    current = y
    for k in range(1, order + 1):
        with obs.raises(f"derivative {k}"):  # x*x+x: the 2nd derivative is constant, with no graph
            (current,) = torch.autograd.grad(current.sum(), x, create_graph=k < order)
            obs.record(f"derivative {k}", current)


@CREATE_GRAPH.check("backward-of-grad", dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def backward_of_grad(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    (g,) = torch.autograd.grad((x**3).sum(), x, create_graph=True)
    obs.record("x.grad after grad", x.grad)
    (g * g).sum().backward()  # d/dx sum((3x²)²) = 36x³
    obs.record("x.grad after backward of the gradient", x.grad)


GRAD_OUTPUTS = Rule(
    id="HIGHER-004",
    area="higher_order",
    title="Non-scalar outputs need grad_outputs; the result is the vector-Jacobian product",
    explanation="""
        autograd.grad can create the output gradient implicitly only when the output has exactly one
        element (a 0-d tensor, or shape [1]); otherwise it raises "grad can be implicitly created only for
        scalar outputs". grad_outputs supplies the vector v of the vector-Jacobian product, and must have
        the output's shape ("Mismatch in shape: grad_output[0] has a shape of ...").
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * x
        print(torch.autograd.grad(y, x, grad_outputs=torch.tensor([1.0, 0.5, 0.0])))
    """,
    source=DOCS_GRAD,
)


@GRAD_OUTPUTS.check(
    "vjp",
    give=st.sampled_from(["none", "same-shape", "flattened", "ones-of-1"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def grad_outputs_vjp(torch, obs, give, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    y = x * x.sin()
    v = torch.tensor([float(i % 3) - 0.5 for i in range(len(flat))], dtype=dt)
    with obs.raises(f"grad_outputs={give}"):
        if give == "none":
            obs.record("grad", torch.autograd.grad(y, x))
        elif give == "same-shape":
            obs.record("grad", torch.autograd.grad(y, x, grad_outputs=v.reshape(shape)))
        elif give == "flattened":
            obs.record("grad", torch.autograd.grad(y, x, grad_outputs=v))
        else:
            obs.record("grad", torch.autograd.grad(y, x, grad_outputs=torch.ones(1, dtype=dt)))


RETAIN_FOLLOWS_CREATE = Rule(
    id="HIGHER-005",
    area="higher_order",
    title="autograd.grad frees the graph unless retain_graph or create_graph is set",
    explanation="""
        retain_graph defaults to the value of create_graph. After a plain autograd.grad call the saved
        tensors are freed and a second call through the same graph raises "Trying to backward through the
        graph a second time ...". With create_graph=True (or retain_graph=True) the graph is kept and the
        call can be repeated, giving the same gradient.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x.exp().sum()
        torch.autograd.grad(y, x, create_graph=True)
        print(torch.autograd.grad(y, x))
        try:
            torch.autograd.grad(y, x)
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_GRAD,
)


@RETAIN_FOLLOWS_CREATE.check(
    "second-call",
    create_graph=st.booleans(),
    retain_graph=st.sampled_from([None, False, True]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def second_grad_call(torch, obs, create_graph, retain_graph, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x.exp().sum()  # exp saves its result, so a freed graph cannot be reused
    (first,) = torch.autograd.grad(y, x, create_graph=create_graph, retain_graph=retain_graph)
    obs.record("first", first)
    with obs.raises("second call"):
        obs.record("second", torch.autograd.grad(y, x))


NEEDS_GRAPH = Rule(
    id="HIGHER-006",
    area="higher_order",
    title="autograd.grad needs outputs with history and inputs that require grad",
    explanation="""
        If an output does not require grad, autograd.grad raises "element 0 of tensors does not require
        grad and does not have a grad_fn". If an input does not require grad it raises "One of the
        differentiated Tensors does not require grad". Both are RuntimeErrors raised before any gradient
        is computed.
    """,
    example="""
        import torch
        c = torch.ones(2)
        x = torch.ones(2, requires_grad=True)
        for out, inp in [((c * 2).sum(), c), ((x * 2).sum(), c)]:
            try:
                torch.autograd.grad(out, inp)
            except RuntimeError as e:
                print(e)
    """,
    source=DOCS_GRAD,
)


@NEEDS_GRAPH.check(
    "missing-requires-grad",
    output_tracked=st.booleans(),
    input_tracked=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def grad_needs_tracking(torch, obs, output_tracked, input_tracked, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    c = torch.tensor(flat, dtype=dt).reshape(shape)
    out = (x * x).sum() if output_tracked else (c * c).sum()
    with obs.raises("grad"):
        obs.record("grads", torch.autograd.grad(out, x if input_tracked else c))


FUNCTIONAL = Rule(
    id="HIGHER-007",
    area="higher_order",
    title="functional.jacobian and functional.hessian build full derivative matrices",
    explanation="""
        torch.autograd.functional.jacobian(f, x) returns the Jacobian of f at x with shape
        f(x).shape + x.shape; for several inputs it returns one block per input. hessian(f, x) of a
        scalar function returns the matrix of second derivatives with shape x.shape + x.shape. The results
        are constants (requires_grad=False) unless create_graph=True.
    """,
    example="""
        import torch
        from torch.autograd.functional import hessian, jacobian
        x = torch.tensor([1.0, 2.0])
        print(jacobian(lambda t: t ** 2, x))
        print(hessian(lambda t: (t ** 3).sum(), x))
    """,
    source=DOCS_FUNCTIONAL,
)


@FUNCTIONAL.check("jacobian", fn=FUNCTIONS, dtype=float_dtypes(), data=tensor_data(shapes(max_dims=2)))
def functional_jacobian(torch, obs, fn, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)

    def f(t):
        if fn == "cube":
            return t**3
        if fn == "sin":
            return t.sin()
        if fn == "exp":
            return t.exp()
        if fn == "x*sin":
            return t * t.sin()
        return t * t + t

    obs.record("jacobian", torch.autograd.functional.jacobian(f, x))
    obs.record(
        "jacobian of a * b, one block per input",
        torch.autograd.functional.jacobian(lambda a, b: a * b, (x, x)),
    )


@FUNCTIONAL.check(
    "hessian", fn=FUNCTIONS, dtype=float_dtypes(), data=tensor_data(nonempty_shapes(max_dims=2))
)
def functional_hessian(torch, obs, fn, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)

    def f(t):
        if fn == "cube":
            return (t**3).sum()
        if fn == "sin":
            return t.sin().sum()
        if fn == "exp":
            return t.exp().sum()
        if fn == "x*sin":
            return (t * t.sin()).sum()
        return (t * t + t).sum()

    obs.record("hessian", torch.autograd.functional.hessian(f, x))
