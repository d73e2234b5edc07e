"""torch.autograd.functional: derivatives of whole functions (jacobian, hessian, vjp, jvp, hvp, vhp)."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import float_dtypes

DOCS = "https://pytorch.org/docs/stable/autograd.html#functional-higher-level-api"

# Functions of one or two tensors, as source (the body evaluates them with the engine as torch).
FUNCTIONS = [
    "lambda x: x.sin() * x",
    "lambda x: (x ** 2).sum()",
    "lambda x: x.exp().cumsum(0)",
    "lambda x: torch.softmax(x, 0)",
    "lambda x: x @ x if x.dim() == 1 else x @ x.t()",
    "lambda x, y: x * y.tanh()",
    "lambda x, y: (x.sin(), (x * y).sum())",
    "lambda x, y: (x - y).pow(2).sum()",
]
INPUTS = st.lists(st.sampled_from([0.5, -1.0, 2.0, 0.25, -0.75, 1.5]), min_size=3, max_size=3)

JACOBIAN = Rule(
    id="AFUNC-001",
    area="functional",
    title="jacobian and hessian: one block per (output, input), shaped output.shape + input.shape",
    explanation="""
        functional.jacobian(f, inputs) returns d f / d inputs. With one input and one output it is a
        tensor of shape output.shape + input.shape; with a tuple of inputs or outputs it is a tuple (or a
        tuple of tuples, outputs first) of such blocks. hessian(f, inputs) is the Jacobian of the
        gradient of a scalar function. The results do not require grad unless create_graph=True;
        vectorize=True computes the same values another way.
    """,
    example="""
        import torch
        from torch.autograd.functional import jacobian, hessian
        x = torch.tensor([0.5, -1.0, 2.0])
        print(jacobian(lambda t: t.sin() * t, x))
        print(hessian(lambda t: (t ** 3).sum(), x))
        print(jacobian(lambda a, b: (a * b, a.sum()), (x, x)))
    """,
    source=DOCS,
)


@JACOBIAN.check(
    "values",
    fn=st.sampled_from(FUNCTIONS),
    which=st.sampled_from(["jacobian", "hessian"]),
    x=INPUTS,
    y=INPUTS,
    create_graph=st.booleans(),
    vectorize=st.booleans(),
    dtype=float_dtypes(),
)
def jacobians(torch, obs, fn, which, x, y, create_graph, vectorize, dtype):
    f = eval(fn, {"torch": torch})
    dt = getattr(torch, dtype)
    inputs = (torch.tensor(x, dtype=dt), torch.tensor(y, dtype=dt))
    inputs = inputs if f.__code__.co_argcount == 2 else inputs[0]
    compute = getattr(torch.autograd.functional, which)
    with obs.raises(which):
        obs.record(which, compute(f, inputs, create_graph=create_graph, vectorize=vectorize))


PRODUCTS = Rule(
    id="AFUNC-002",
    area="functional",
    title="vjp, jvp, vhp and hvp return (function output, product) and check v's shape",
    explanation="""
        vjp(f, inputs, v) returns (f(inputs), v^T J) and jvp(f, inputs, v) returns (f(inputs), J v);
        vhp and hvp do the same with the Hessian of a scalar function. v must match the outputs (vjp) or
        the inputs (jvp, vhp, hvp) in shape; it may be omitted only when that side is a single tensor of
        one element ("The vector v can only be None if the input to the user-provided function is a
        single Tensor with a single element"). The function's output is returned detached.
    """,
    example="""
        import torch
        from torch.autograd.functional import vjp, jvp, hvp
        x = torch.tensor([0.5, -1.0, 2.0])
        print(vjp(lambda t: t ** 2, x, torch.ones(3)))
        print(jvp(lambda t: t ** 2, x, torch.ones(3)))
        print(hvp(lambda t: (t ** 3).sum(), x, torch.ones(3)))
    """,
    source=DOCS,
)


@PRODUCTS.check(
    "products",
    fn=st.sampled_from(FUNCTIONS),
    which=st.sampled_from(["vjp", "jvp", "vhp", "hvp"]),
    x=INPUTS,
    y=INPUTS,
    v_shape=st.sampled_from(["matching", "none", "wrong"]),
    create_graph=st.booleans(),
)
def products(torch, obs, fn, which, x, y, v_shape, create_graph):
    f = eval(fn, {"torch": torch})
    two = f.__code__.co_argcount == 2
    inputs = (torch.tensor(x), torch.tensor(y)) if two else torch.tensor(x)
    with obs.raises("output"):
        outputs = f(*inputs) if two else f(inputs)
    like = outputs if which == "vjp" else inputs  # v has the outputs' shapes for vjp, the inputs' otherwise
    if v_shape == "none":
        v = None
    elif v_shape == "wrong":
        v = tuple(torch.ones(4) for _ in like) if isinstance(like, tuple) else torch.ones(4)
    else:
        v = (
            tuple(torch.full_like(t, 0.5) for t in like)
            if isinstance(like, tuple)
            else torch.full_like(like, 0.5)
        )
    with obs.raises(which):
        obs.record(which, getattr(torch.autograd.functional, which)(f, inputs, v, create_graph=create_graph))


STRICT = Rule(
    id="AFUNC-003",
    area="functional",
    title="strict=True refuses outputs independent of an input; outputs must be tensors",
    explanation="""
        By default an output that does not depend on an input gets a zero block. With strict=True the
        functional API raises instead ("Output 0 of the user-provided function is independent of input
        0. This is not allowed in strict mode."); strict mode cannot be combined with vectorize=True.
        The user function must return a tensor or a tuple of tensors (TypeError otherwise), and the
        inputs must be tensors.
    """,
    example="""
        import torch
        from torch.autograd.functional import jacobian
        x = torch.ones(2)
        print(jacobian(lambda t: torch.zeros(2), x))
        try:
            jacobian(lambda t: torch.zeros(2), x, strict=True)
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS,
)

STRICT_CASES = [
    "independent output", "independent output, strict", "strict and vectorize", "output is a number",
    "output is a list", "input is a list of floats", "partly independent, strict", "detached output, strict",
]  # fmt: skip


@STRICT.check(
    "cases", case=st.sampled_from(STRICT_CASES), which=st.sampled_from(["jacobian", "hessian", "vjp", "jvp"])
)
def strict_mode(torch, obs, case, which):
    api = torch.autograd.functional
    x = torch.tensor([1.0, -2.0])
    fns = {
        "independent output": (lambda t: torch.zeros(()) + 1.0, {}),
        "independent output, strict": (lambda t: torch.zeros(()) + 1.0, {"strict": True}),
        "strict and vectorize": (lambda t: (t * t).sum(), {"strict": True, "vectorize": True}),
        "output is a number": (lambda t: 3.0, {}),
        "output is a list": (lambda t: [t * 2], {}),
        "input is a list of floats": (lambda t: t * 2, {}),
        "partly independent, strict": (lambda a, b: (a * 2).sum(), {"strict": True}),
        "detached output, strict": (lambda t: (t * 2).detach().sum(), {"strict": True}),
    }
    f, options = fns[case]
    inputs = [1.0, 2.0] if case == "input is a list of floats" else (x, x.clone()) if "partly" in case else x
    if which in ("vjp", "jvp"):
        options = {k: v for k, v in options.items() if k == "strict"}
        args = (f, inputs, None)
    else:
        args = (f, inputs)
    with obs.raises(which):
        obs.record(which, getattr(api, which)(*args, **options))
