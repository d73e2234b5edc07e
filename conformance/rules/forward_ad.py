"""Forward-mode AD: dual tensors carry a tangent through the forward computation."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.programs.interpret import load_forward_ad_decompositions  # noqa: F401 (loads them)
from conformance.strategies import float_dtypes, shapes, tensor_data

DOCS_FWAD = "https://pytorch.org/docs/stable/autograd.html#forward-mode-automatic-differentiation"
DOCS_TUTORIAL = "https://pytorch.org/tutorials/intermediate/forward_ad_usage.html"

JVP = Rule(
    id="FWAD-001",
    area="forward_ad",
    title="The tangent of a result is the Jacobian-vector product of the op at the primal",
    explanation="""
        Inside `with forward_ad.dual_level():`, make_dual(x, t) pairs a primal x with a tangent t of the
        same shape. Every op on dual tensors computes its value as usual and also the directional
        derivative of the value along the tangents: unpack_dual(f(x)) is (f(x), J_f(x) t), a named tuple
        with fields primal and tangent. Operands without a tangent count as constants; a result that
        depends on no dual has tangent None. The tangent has the primal's shape and follows the ops'
        type promotion.
    """,
    example="""
        import torch
        import torch.autograd.forward_ad as fwAD
        x = torch.tensor([0.0, 1.0, 2.0])
        with fwAD.dual_level():
            d = fwAD.make_dual(x, torch.ones(3))
            out = fwAD.unpack_dual(d.sin() * d)
            print(out.primal, out.tangent)
            print(fwAD.unpack_dual(x * 2).tangent)
    """,
    source=DOCS_FWAD,
)

JVP_FORMS = [
    "d.sin()", "d.exp() * d", "d * d", "d / (e.abs() + 1)", "e / d.exp()", "1 / (d * d + 1)",
    "d @ d.t() if d.dim() == 2 else d * e", "d.sum()", "d.mean(0) if d.dim() else d * 2", "torch.relu(d)",
    "d.tanh() + e", "d ** 3", "2 ** d", "d.sigmoid()", "torch.softmax(d, -1) if d.dim() else d.exp()",
    "d.reshape(-1)[0] if d.numel() else d.sum()", "d.clamp(-0.5, 0.5)", "torch.where(d > 0, d, e)",
    "d.abs()", "d.log1p().abs()", "torch.maximum(d, e)", "d.max()", "d.t() if d.dim() == 2 else -d",
    "d.expand(2, *d.shape)", "d.cumsum(0) if d.dim() else d", "torch.stack([d, e])",
    "torch.cat([d.reshape(-1), e.reshape(-1)])",
]  # fmt: skip


@JVP.check(
    "ops",
    forms=st.lists(
        st.sampled_from(JVP_FORMS), min_size=len(JVP_FORMS) // 2, max_size=len(JVP_FORMS), unique=True
    ),
    dtype=float_dtypes(),
    data=tensor_data(shapes(max_dims=2)),
    tangent_scale=st.sampled_from([1.0, -0.5, 2.0]),
    e_dual=st.booleans(),
)
def jvp_of_ops(torch, obs, forms, dtype, data, tangent_scale, e_dual):
    shape, flat = data
    fw = torch.autograd.forward_ad
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    with fw.dual_level():
        d = fw.make_dual(x, torch.ones_like(x) * tangent_scale + x * 0.25)
        e = x.flip(-1) if x.dim() else x * 0.5
        if e_dual:
            e = fw.make_dual(e, torch.full_like(e, 0.5))
        for form in forms:  # many forms per example: each example checks most of them
            with obs.raises(form):
                unpacked = fw.unpack_dual(eval(form, {"torch": torch, "d": d, "e": e}))
                obs.record(f"{form}: primal", unpacked.primal)
                obs.record(f"{form}: tangent", unpacked.tangent)
                obs.record(f"{form}: fields", tuple(type(unpacked)._fields))


LEVELS = Rule(
    id="FWAD-002",
    area="forward_ad",
    title="Dual tensors exist only inside dual_level; make_dual checks its arguments",
    explanation="""
        make_dual outside a dual_level raises RuntimeError ("no level exists, make sure to
        enter_dual_level() first"); levels do not nest ("Nested forward mode AD is not supported at the
        moment"). When the level exits, every tangent made in it is dropped: the tensors stay, with
        tangent None. The tangent must have the primal's size ("Trying to set a forward gradient that has
        a different size than that of the original Tensor"), and the primal must be floating point or
        complex (ValueError). unpack_dual of a tensor that is not dual gives (the tensor, None).
    """,
    example="""
        import torch
        import torch.autograd.forward_ad as fwAD
        x = torch.ones(2)
        with fwAD.dual_level():
            d = fwAD.make_dual(x, torch.ones(2))
            print(fwAD.unpack_dual(d).tangent)
        print(fwAD.unpack_dual(d).tangent)
        try:
            fwAD.make_dual(x, torch.ones(2))
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_FWAD,
)

LEVEL_SCENARIOS = [
    "outside a level", "after the level exits", "nested levels", "wrong tangent size", "integer primal",
    "tangent of another dtype", "not a dual", "exit the level by an exception", "tangent requires grad",
]  # fmt: skip


@LEVELS.check("scenarios", scenario=st.sampled_from(LEVEL_SCENARIOS), dtype=float_dtypes())
def dual_levels(torch, obs, scenario, dtype):
    fw = torch.autograd.forward_ad
    x = torch.tensor([1.0, -2.0, 0.5], dtype=getattr(torch, dtype))
    with obs.raises(scenario):
        if scenario == "outside a level":
            fw.make_dual(x, torch.ones_like(x))
        elif scenario == "after the level exits":
            with fw.dual_level():
                d = fw.make_dual(x, torch.ones_like(x))
                y = d * 2
            obs.record("after: d", fw.unpack_dual(d))
            obs.record("after: y", fw.unpack_dual(y))
        elif scenario == "nested levels":
            with fw.dual_level():
                with fw.dual_level():
                    pass
        elif scenario == "wrong tangent size":
            with fw.dual_level():
                fw.make_dual(x, torch.ones(4))
        elif scenario == "integer primal":
            with fw.dual_level():
                fw.make_dual(torch.tensor([1, 2]), torch.ones(2))
        elif scenario == "tangent of another dtype":
            with fw.dual_level():
                other = torch.float64 if x.dtype == torch.float32 else torch.float32
                obs.record("unpacked", fw.unpack_dual(fw.make_dual(x, torch.ones(3, dtype=other)) * 2))
        elif scenario == "not a dual":
            with fw.dual_level():
                obs.record("unpacked", fw.unpack_dual(x))
        elif scenario == "exit the level by an exception":
            try:
                with fw.dual_level():
                    d = fw.make_dual(x, torch.ones_like(x))
                    raise KeyError("inside")
            except KeyError:
                pass
            obs.record("after: d", fw.unpack_dual(d))
            with fw.dual_level():  # a new level can be entered again
                obs.record("again", fw.unpack_dual(fw.make_dual(x, x) * x))
        else:
            with fw.dual_level():
                t = torch.ones_like(x).requires_grad_()
                d = fw.make_dual(x, t)
                obs.record("tangent", fw.unpack_dual(d.exp()).tangent)


INPLACE = Rule(
    id="FWAD-003",
    area="forward_ad",
    title="In-place ops and views carry tangents too",
    explanation="""
        An in-place op on a dual tensor updates its tangent with the op's derivative; an in-place op
        that writes a dual into a plain tensor makes that tensor dual. A view of a dual tensor is dual
        and its tangent is the same view of the tangent, so writing into the view in place changes the
        base's tangent.
    """,
    example="""
        import torch
        import torch.autograd.forward_ad as fwAD
        with fwAD.dual_level():
            d = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 1.0]))
            z = torch.zeros(2)
            z.add_(d * 3)
            print(fwAD.unpack_dual(z).tangent)
            v = d.clone()
            v[0].mul_(10)
            print(fwAD.unpack_dual(v).tangent)
    """,
    source=DOCS_TUTORIAL,
)

INPLACE_STEPS = [
    "d.mul_(2)", "d.add_(e)", "z.add_(d)", "z.copy_(d)", "d[0].mul_(3)", "d.view(-1)[1:].add_(e[1:])",
    "d.sin_()", "z[1:] = d[1:]", "d.t_() if d.dim() == 2 else d.neg_()", "d.clamp_(min=0.0)", "d.zero_()",
]  # fmt: skip


@INPLACE.check(
    "steps",
    steps=st.lists(st.sampled_from(INPLACE_STEPS), min_size=1, max_size=3),
    dtype=float_dtypes(),
    shape=st.sampled_from([(3,), (2, 2)]),
)
def inplace_tangents(torch, obs, steps, dtype, shape):
    fw = torch.autograd.forward_ad
    dt = getattr(torch, dtype)
    n = 1
    for side in shape:
        n *= side
    with fw.dual_level():
        base = torch.arange(n, dtype=dt).reshape(shape) - 1.0
        d = fw.make_dual(base, torch.ones(shape, dtype=dt)).clone()
        e = fw.make_dual(torch.ones(shape, dtype=dt), torch.full(shape, 2.0, dtype=dt))
        z = torch.zeros(shape, dtype=dt)
        for step in steps:
            with obs.raises(step):
                exec(step, {"d": d, "e": e, "z": z})
            obs.record(f"{step}: d", fw.unpack_dual(d))
            obs.record(f"{step}: z", fw.unpack_dual(z))


FUNCTIONS = Rule(
    id="FWAD-004",
    area="forward_ad",
    title="A custom Function needs jvp for forward mode; forward and reverse mode mix",
    explanation="""
        A custom autograd.Function used on dual tensors calls its jvp(ctx, *tangents) staticmethod to
        get the output tangents; without one it raises NotImplementedError ("You must implement the jvp
        function for custom autograd.Function to use it with forward mode AD"). ctx.save_for_forward
        keeps tensors for jvp. A tensor can be dual and require grad at once: backward still computes
        ordinary gradients, and the tangent is untouched by it.
    """,
    example="""
        import torch
        import torch.autograd.forward_ad as fwAD

        class Cube(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_forward(x)
                return x ** 3

            @staticmethod
            def backward(ctx, g):
                return g

            @staticmethod
            def jvp(ctx, t):
                (x,) = ctx.saved_tensors
                return 3 * x ** 2 * t

        with fwAD.dual_level():
            d = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.ones(2))
            print(fwAD.unpack_dual(Cube.apply(d)).tangent)
    """,
    source="https://pytorch.org/docs/stable/notes/extending.html#forward-mode-ad",
)


@FUNCTIONS.check(
    "custom-function-and-backward", has_jvp=st.booleans(), requires_grad=st.booleans(), dtype=float_dtypes()
)
def functions_and_reverse(torch, obs, has_jvp, requires_grad, dtype):
    fw = torch.autograd.forward_ad

    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            ctx.save_for_forward(x)
            return x**3

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 3 * x**2 * g

    if has_jvp:

        def jvp(ctx, t):
            (x,) = ctx.saved_tensors
            return 3 * x**2 * t

        Cube.jvp = staticmethod(jvp)
    x = torch.tensor([1.0, -2.0, 0.5], dtype=getattr(torch, dtype), requires_grad=requires_grad)
    with fw.dual_level():
        d = fw.make_dual(x, torch.ones_like(x))
        with obs.raises("apply"):
            out = Cube.apply(d)
            obs.record("unpacked", fw.unpack_dual(out))
            if requires_grad:
                out.sum().backward()
                obs.record("x.grad", x.grad)
                obs.record("tangent after backward", fw.unpack_dual(out).tangent)


ZERO_TANGENTS = Rule(
    id="FWAD-005",
    area="forward_ad",
    title="A missing tangent is a ZeroTensor, and gradients taken through a tangent can be one",
    explanation="""
        When an op has a dual input and an input without a tangent, its forward formula uses a ZeroTensor
        (torch._efficientzerotensor: zeros without memory) for the missing tangent. A ZeroTensor stays one
        through views, mul by anything, div as the dividend and add/sub of two of them; other ops make plain
        zeros of it. So in forward-over-reverse code, where the tangent's own graph is differentiated, the
        gradient along a path through that ZeroTensor is one too: it prints as zeros, but numpy() raises
        "Cannot convert a ZeroTensor to numpy", and once it is some leaf's .grad, the next backward that
        accumulates into it in place raises "ZeroTensors are immutable". Gradients that also receive a plain
        contribution are plain (the sum materializes them).
    """,
    example="""
        import torch
        import torch.autograd.forward_ad as fwAD
        x0 = torch.tensor(2.0, requires_grad=True)
        x1 = torch.tensor(3.0, requires_grad=True)
        with fwAD.dual_level():
            out = x0 * fwAD.make_dual(x1, torch.tensor(1.0))  # x0 has no tangent
            tangent = fwAD.unpack_dual(out).tangent           # 1 * x0 + ZeroTensor * x1
            g0, g1 = torch.autograd.grad(tangent, [x0, x1])
            print(g0, g1)                                     # tensor(1.) tensor(0.)
            try:
                g1.numpy()
            except RuntimeError as e:
                print(e)
    """,
    source="https://github.com/pytorch/pytorch/blob/v2.13.0/aten/src/ATen/ZeroTensorFallback.cpp",
)

ZERO_TANGENT_FORMS = [
    "x0 * d", "x0 * d.tanh()", "x0 * (d * 3.0 - 1.0)", "x0 * (d - x0)", "x0 * (x0 - d)", "x0 * d.sum()",
    "x0 * (d / 3.0)", "x0 / (d * d + 1.0)",
]  # fmt: skip


@ZERO_TANGENTS.check(
    "gradients-through-tangents",
    form=st.sampled_from(ZERO_TANGENT_FORMS),
    dtype=float_dtypes(),
    shape=st.sampled_from([(), (3,)]),
    twice=st.booleans(),
)
def zero_tangent_gradients(torch, obs, form, dtype, shape, twice):
    fw = torch.autograd.forward_ad
    dt = getattr(torch, dtype)
    x0 = torch.full(shape, 0.5, dtype=dt).requires_grad_()
    x1 = torch.full(shape, -1.5, dtype=dt).requires_grad_()
    with fw.dual_level():
        out = eval(form, {"x0": x0, "d": fw.make_dual(x1, torch.ones(shape, dtype=dt))})
        tangent = fw.unpack_dual(out).tangent
        if twice:  # into .grad, then once more: in place into whatever the first backward left there
            with obs.raises("backward twice"):
                tangent.sum().backward(retain_graph=True)
                obs.record("grads after one backward", (x0.grad, x1.grad))
                tangent.sum().backward()
                obs.record("grads after two", (x0.grad, x1.grad))
            return
        grads = torch.autograd.grad(tangent.sum(), [x0, x1])
        obs.record("grads", grads)
        for i, g in enumerate(grads):
            with obs.raises(f"grad {i}.numpy()"):
                obs.record(f"grad {i}.numpy() values", g.numpy().tolist())
