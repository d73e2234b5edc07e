"""Forward-mode AD against torch: dual tensors through random programs (tangents, flags, reverse mode
through the tangents), make_dual / unpack_dual / the dual level and their errors, the tangent's layout
rules, views and in-place ops on dual tensors, grad modes, custom Functions' jvp (setup_context,
save_for_forward, mark_dirty, views, non-differentiable outputs and every check torch makes of what jvp
returns), and gradcheck(check_forward_ad=True) / gradgradcheck(check_fwd_over_rev=True)."""

import pytest
from _compare import same, same_error
from _graphs import SHAPES, make_inputs, programs
from hypothesis import given
from hypothesis import strategies as st


def _unpacked(t, outs):
    outs = outs if isinstance(outs, tuple | list) else (outs,)
    return [tuple(t.autograd.forward_ad.unpack_dual(o)) if isinstance(o, t.Tensor) else o for o in outs]


# ---- random programs ---------------------------------------------------------------------------------------
@given(
    program=programs(max_inputs=3, max_steps=6),
    shape=SHAPES,
    seed=st.integers(0, 2**16),
    dual=st.lists(st.booleans(), min_size=3, max_size=3),
    requires_grad=st.booleans(),
)
def test_programs(program, shape, seed, dual, requires_grad):
    """Tangents of every output (some inputs dual, some not), with the outputs' and tangents' flags; with
    inputs that require grad, reverse mode through the primal and the tangent."""

    def body(t):
        fw = t.autograd.forward_ad
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad)
        tangents = make_inputs(t, program.n_inputs, shape, seed + 1, requires_grad)
        with fw.dual_level():
            duals = [fw.make_dual(x, v) if d else x for x, v, d in zip(inputs, tangents, dual)]
            out = program(t, *duals)
            result = _unpacked(t, out)
            if requires_grad:
                primal, tangent = result[0]
                wrt = inputs + tangents
                result.append(t.autograd.grad(primal.sum(), wrt, allow_unused=True, retain_graph=True))
                if tangent is not None:
                    result.append(t.autograd.grad(tangent.sum(), wrt, allow_unused=True))
        return result, _unpacked(t, out)  # the tangents are gone once the level is left

    same(body)


# ---- the dual level, make_dual, unpack_dual ---------------------------------------------------------------
def _levels(t):
    """make_dual and unpack_dual at every level, outside and inside a dual level, and exiting levels."""
    fw = t.autograd.forward_ad
    out = []

    def attempt(f):
        try:
            r = f()
            out.append(("ok", tuple(x is None for x in r) if isinstance(r, tuple) else type(r).__name__))
        except Exception as e:  # noqa: BLE001 - the outcome is what is compared
            out.append((type(e).__name__, str(e)))

    for level in (-2, -1, 0, 1, 5):
        attempt(lambda level=level: fw.make_dual(t.ones(2), t.ones(2), level=level))
        attempt(lambda level=level: fw.unpack_dual(t.ones(2), level=level))
    attempt(lambda: fw.exit_dual_level())
    attempt(lambda: fw.exit_dual_level(level=-1))
    attempt(lambda: fw.exit_dual_level(level=0))
    with fw.dual_level():
        d = fw.make_dual(t.ones(2), t.ones(2))
        for level in (-2, -1, 0, 1, 5):
            attempt(lambda level=level: fw.make_dual(t.ones(2), t.ones(2), level=level))
            attempt(lambda level=level: fw.unpack_dual(t.ones(2), level=level))
            attempt(lambda level=level: fw.unpack_dual(d, level=level))
        attempt(lambda: fw.exit_dual_level(level=1))
        attempt(lambda: fw.exit_dual_level(level=-1))
    return out


def test_levels():
    same(_levels)


def test_current_level():
    """The module global _current_level (torch's own tests read it): -1 without a level, the level inside."""

    def body(t):
        fw = t.autograd.forward_ad
        seen = [fw._current_level]
        with fw.dual_level():
            seen.append(fw._current_level)
        seen.append(fw._current_level)
        level = fw.enter_dual_level()
        seen.append(fw._current_level)
        fw.exit_dual_level(level=level)
        return seen + [fw._current_level]

    same(body)


def _nested(t):
    with t.autograd.forward_ad.dual_level(), t.autograd.forward_ad.dual_level():
        pass


def _enter_twice(t):
    fw = t.autograd.forward_ad
    first = fw.enter_dual_level()
    try:
        fw.enter_dual_level()
    finally:
        fw.exit_dual_level(level=first)


def _in_level(fn):
    def body(t):
        with t.autograd.forward_ad.dual_level():
            return fn(t, t.autograd.forward_ad)

    return body


MAKE_DUAL_ERRORS = {
    "no level": lambda t: t.autograd.forward_ad.make_dual(t.ones(2), t.ones(2)),
    "nested levels": _nested,
    "entering twice": _enter_twice,
    "integer primal": _in_level(lambda t, fw: fw.make_dual(t.ones(2, dtype=t.long), t.ones(2))),
    "integer tangent": _in_level(lambda t, fw: fw.make_dual(t.ones(2), t.ones(2, dtype=t.long))),
    "bool tangent": _in_level(lambda t, fw: fw.make_dual(t.ones(2), t.ones(2, dtype=t.bool))),
    "other size": _in_level(lambda t, fw: fw.make_dual(t.ones(2), t.ones(3))),
    "broadcastable size": _in_level(lambda t, fw: fw.make_dual(t.ones(2, 2), t.ones(2))),
    "already dual": _in_level(lambda t, fw: fw.make_dual(fw.make_dual(t.ones(2), t.ones(2)), t.ones(2))),
    "already dual, other size": _in_level(
        lambda t, fw: fw.make_dual(fw.make_dual(t.ones(2), t.ones(2)), t.ones(3))
    ),
    "a view of a dual": _in_level(
        lambda t, fw: fw.make_dual(fw.make_dual(t.ones(2), t.ones(2))[:1], t.ones(1))
    ),
    "dual tangent": _in_level(lambda t, fw: fw.make_dual(t.ones(2), fw.make_dual(t.ones(2), t.ones(2)) * 2)),
    "dual tangent, other size": _in_level(
        lambda t, fw: fw.make_dual(t.ones(3), fw.make_dual(t.ones(2), t.ones(2)))
    ),
    "other level, already dual": _in_level(
        lambda t, fw: fw.make_dual(fw.make_dual(t.ones(2), t.ones(2)), t.ones(2), level=5)
    ),
}


@pytest.mark.parametrize("case", sorted(MAKE_DUAL_ERRORS))
def test_make_dual_errors(case):
    same_error(MAKE_DUAL_ERRORS[case])


LAYOUTS = {
    "same layout, other dtype": (lambda t: t.ones(3), lambda t: t.ones(3, dtype=t.float64)),
    "float16 tangent": (lambda t: t.ones(3), lambda t: t.ones(3, dtype=t.float16)),
    "strided tangent": (lambda t: t.ones(3), lambda t: t.arange(6.0, dtype=t.float64)[::2]),
    "transposed primal": (lambda t: t.ones(3, 2).t(), lambda t: t.arange(6.0, dtype=t.float64).view(2, 3)),
    "strides differ along a size-1 dimension": (lambda t: t.ones(1, 3), lambda t: t.ones(3, 1).t()),
    "primal offset": (lambda t: t.ones(4)[1:], lambda t: t.arange(3.0)),
    "tangent offset": (lambda t: t.ones(3), lambda t: t.arange(4.0)[1:]),
    "same offset, more memory": (lambda t: t.ones(4)[1:3], lambda t: t.arange(5.0)[1:3]),
    "primal in more memory": (lambda t: t.ones(2, 3)[:1], lambda t: t.ones(1, 3)),
    "one element of more memory": (lambda t: t.ones(1), lambda t: t.arange(3.0)[1:2]),
    "0-d": (lambda t: t.ones(()), lambda t: t.ones((), dtype=t.float64)),
    "empty": (lambda t: t.ones(0, 2), lambda t: t.ones(2, 0).t()),
    "expanded tangent": (lambda t: t.ones(3, 2), lambda t: t.arange(2.0).expand(3, 2)),
}


@pytest.mark.parametrize("case", sorted(LAYOUTS))
def test_tangent_layout(case):
    """The tangent is kept as-is when laid out like the primal, else copied in the primal's layout and
    dtype."""
    primal, tangent = LAYOUTS[case]

    def body(t):
        fw = t.autograd.forward_ad
        given = tangent(t)
        with fw.dual_level():
            kept = fw.unpack_dual(fw.make_dual(primal(t), given)).tangent
            return kept, kept is given, kept.storage_offset(), given._version

    same(body)


def test_dual_identity_and_flags():
    def body(t):
        fw = t.autograd.forward_ad
        x = t.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
        v = t.ones(2, 3)
        with fw.dual_level() as level:
            d = fw.make_dual(x, v)
            primal, tangent = fw.unpack_dual(d)
            result = [
                level,
                tangent is v,
                d._base is x,
                primal._base is x,
                d.grad_fn.name(),
                d.is_leaf,
                primal.requires_grad,
                primal.grad_fn.name(),
                type(fw.unpack_dual(d)).__name__,
                fw.unpack_dual(d)._fields,
                fw.unpack_dual(primal).tangent is None,
            ]
            primal.add_(0)  # the primal is a view: the write is the dual's and x's too
            result += [d._version, x._version, fw.unpack_dual(d).tangent is v]
        after = fw.unpack_dual(d)
        return result, after, after.primal is d

    same(body)


def test_tangents_leave_with_the_level():
    def body(t):
        fw = t.autograd.forward_ad
        with fw.dual_level():
            d = fw.make_dual(t.tensor([1.0, 2.0]), t.tensor([3.0, 4.0]))
            e = d * 2
            v = d[1:]
        with fw.dual_level():
            return _unpacked(t, (d, e, v))

    same(body)


def test_dual_level_decorates():
    def body(t):
        fw = t.autograd.forward_ad

        @fw.dual_level()
        def f(x):
            return fw.unpack_dual(fw.make_dual(x, t.ones_like(x)) ** 2)

        return f(t.tensor([3.0])), fw.unpack_dual(t.ones(1))

    same(body)


# ---- views, in-place ops, grad modes ----------------------------------------------------------------------
VIEWS_AND_INPLACE = {
    "a view of a dual": lambda t, d, x: d.t()[1],
    "a view's tangent views the base's": lambda t, d, x: (
        d[0],
        t.autograd.forward_ad.unpack_dual(d[0]).tangent._base is t.autograd.forward_ad.unpack_dual(d).tangent,
    ),
    "in-place on a dual": lambda t, d, x: d.mul_(2).sin_(),
    "in-place by a dual": lambda t, d, x: x.mul_(d),
    "in-place by a dual into a view": lambda t, d, x: (x[0].mul_(d[1]), x, x[1]),
    "in-place on a view of a dual": lambda t, d, x: (d[0].exp_(), d),
    "base written after its view was taken": lambda t, d, x: _view_then_write(x, d),
    "detach and .data drop the tangent": lambda t, d, x: (d.detach(), d.data, d.detach().add_(1), d),
    "integer results have none": lambda t, d, x: (d > 0.5, d.argmax(), d.long()),
    "set .data": lambda t, d, x: _set_data(t, d),
}


def _view_then_write(x, d):
    view = x[1]
    x.add_(d)
    return view, x


def _set_data(t, d):
    d.data = t.zeros(2, 3)
    return d


@pytest.mark.parametrize("case", sorted(VIEWS_AND_INPLACE))
def test_views_and_inplace(case):
    def body(t):
        fw = t.autograd.forward_ad
        with fw.dual_level():
            d = fw.make_dual(
                t.tensor([[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]]), t.tensor([[1.0, -1.0, 2.0], [0.5, 3.0, -2.0]])
            )
            x = t.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
            return _unpacked(t, VIEWS_AND_INPLACE[case](t, d, x))

    same(body)


@pytest.mark.parametrize("op", ["clone", "copy_"])
def test_copies_carry_the_tangent(op):
    def body(t):
        fw = t.autograd.forward_ad
        with fw.dual_level():
            d = fw.make_dual(t.tensor([1.0, 2.0]), t.tensor([3.0, 4.0]))
            return _unpacked(t, d.clone() if op == "clone" else t.zeros(2).copy_(d))

    same(body)


def test_grad_modes():
    """Forward AD ignores no_grad and enable_grad; inference mode and _set_fwd_grad_enabled(False) turn it
    off (ops propagate nothing, unpack_dual finds nothing)."""

    def body(t):
        fw = t.autograd.forward_ad
        with fw.dual_level():
            d = fw.make_dual(t.tensor([1.0, 2.0]), t.tensor([3.0, 4.0]))
            with t.no_grad():
                a = _unpacked(t, (d.exp(), d))
            with t.inference_mode():
                b = _unpacked(t, (d.exp(), d)), fw._is_fwd_grad_enabled()
            with fw._set_fwd_grad_enabled(False):
                c = _unpacked(t, (d.exp(), d)), fw._is_fwd_grad_enabled()
            return a, b, c, fw._is_fwd_grad_enabled(), _unpacked(t, d.exp())

    same(body)


# ---- ZeroTensors: the zero tangent of an input without one -----------------------------------------------
# A forward formula sees a missing tangent as a ZeroTensor (torch's _efficientzerotensor). Through mul it
# reaches the tangent's graph, so a gradient taken through the tangent can be one: it refuses numpy() and
# in-place writes, which is what a user observes. The observation records `_is_zerotensor()`.
_THROUGH_TANGENT = {
    "mul": lambda x0, d: x0 * d,
    "mul-scalar-first": lambda x0, d: x0.sum() * d,
    "tanh": lambda x0, d: x0 * d.tanh(),
    "exp": lambda x0, d: x0 * (d * 0.5).exp(),
    "pow": lambda x0, d: x0 * d**3,
    "log": lambda x0, d: x0 * (d * d + 1.0).log(),
    "sum": lambda x0, d: x0 * d.sum(),
    "sub": lambda x0, d: x0 * (d - x0),
    "rsub": lambda x0, d: x0 * (x0 - d),
    "scale": lambda x0, d: x0 * (d * 3.0 - 1.0),
    "add-self": lambda x0, d: x0 * (d + d),
    "div-scalar": lambda x0, d: x0 * (d / 3.0),
    "div-by-dual": lambda x0, d: x0 / (d * d + 1.0),
    "matmul": lambda x0, d: x0 @ d,
}


@pytest.mark.parametrize("shape", [(), (3,)], ids=["0d", "1d"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", sorted(_THROUGH_TANGENT))
def test_gradients_through_a_tangent_can_be_zero_tensors(case, dtype, shape):
    def body(t):
        dt = getattr(t, dtype)
        gen = t.Generator().manual_seed(0)
        x0 = t.randn(shape, dtype=dt, generator=gen).requires_grad_()
        x1 = t.randn(shape, dtype=dt, generator=gen).requires_grad_()
        v = t.randn(shape, dtype=dt, generator=gen)
        with t.autograd.forward_ad.dual_level():
            out = _THROUGH_TANGENT[case](x0, t.autograd.forward_ad.make_dual(x1, v))
            primal, tangent = t.autograd.forward_ad.unpack_dual(out)
            grads = t.autograd.grad(tangent.sum(), [x0, x1], allow_unused=True)
        return tangent, grads

    same(body)


def test_a_zero_tensor_gradient_left_in_grad_refuses_the_next_accumulation():
    def body(t):
        x0 = t.tensor(2.0, requires_grad=True)
        x1 = t.tensor(3.0, requires_grad=True)
        with t.autograd.forward_ad.dual_level():
            out = x0 * t.autograd.forward_ad.make_dual(x1, t.tensor(1.0))
            tangent = t.autograd.forward_ad.unpack_dual(out)[1]
            tangent.backward(retain_graph=True)
            first = (x0.grad, x1.grad)
            tangent.backward()  # adds into x1.grad, a ZeroTensor, in place
        return first

    same_error(body)


_ZERO_TENSOR_OPS = {
    "mul": lambda t, z, x: (z * x, x * z, z * 2, z * z),
    "div": lambda t, z, x: (z / x, x / z, z / 2.0, z / z),
    "add-sub": lambda t, z, x: (z + x, x - z, z + z, z - z, t.add(z, z, alpha=2), z + 1),
    "views": lambda t, z, x: (
        z.view(3, 1),
        z.unsqueeze(0).t(),
        z[1:],
        z.expand(2, 3),
        z.detach(),
        z.reshape(3),
    ),
    "materialized": lambda t, z, x: (
        -z,
        z.clone(),
        z.sum(),
        z.exp(),
        z.float(),
        t.cat([z, z]),
        t.zeros_like(z),
    ),
    "same-tensor": lambda t, z, x: (z.contiguous(), z.double(), z.to(t.float64)),
    "dot": lambda t, z, x: (z.dot(x), t.outer(z, x)),
    "print": lambda t, z, x: (repr(z), str(z * x), z[0].item(), float(z[1])),
    "numpy": lambda t, z, x: z.numpy(),
    "numpy-force": lambda t, z, x: z.numpy(force=True).tolist(),
    "tolist": lambda t, z, x: z.tolist(),
    "inplace": lambda t, z, x: z.add_(1),
    "inplace-other": lambda t, z, x: x.clone().mul_(z),
    "out": lambda t, z, x: t.add(x, x, out=z),
    "zero_": lambda t, z, x: z.zero_(),
    "requires_grad_": lambda t, z, x: (z.requires_grad_() * x).grad_fn.name(),
}


@pytest.mark.parametrize("case", sorted(_ZERO_TENSOR_OPS))
def test_zero_tensor_ops(case):
    """Which ops keep a ZeroTensor one (views, mul, div of one, add and sub of two), which make plain zeros
    of it, and what it refuses."""

    def body(t):
        z = t._efficientzerotensor(3, dtype=t.float64)
        x = t.tensor([1.0, -2.0, 3.0], dtype=t.float64)
        return _ZERO_TENSOR_OPS[case](t, z, x), z

    same(body)


# ---- custom Functions --------------------------------------------------------------------------------------
def _functions(t):
    class Mul(t.autograd.Function):
        @staticmethod
        def forward(ctx, x, y, k=2.0):
            ctx.save_for_forward(x, y)
            ctx.save_for_backward(x, y)
            ctx.k = k
            return x * y * k

        @staticmethod
        def backward(ctx, g):
            x, y = ctx.saved_tensors
            return g * y * ctx.k, g * x * ctx.k, None

        @staticmethod
        def jvp(ctx, xt, yt, kt):
            x, y = ctx.saved_tensors
            return ctx.k * (xt * y + x * yt) + (0.0 if kt is None else 1.0)

    class ExpTwice(t.autograd.Function):  # the setup_context style
        @staticmethod
        def forward(x, scale):
            return x.exp() * scale, x * 2

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.scale = inputs[1]
            ctx.save_for_forward(output[0])

        @staticmethod
        def jvp(ctx, xt, st):
            (e,) = ctx.saved_tensors
            return e * xt, xt * 2

        @staticmethod
        def vjp(ctx, g1, g2):
            (e,) = ctx.saved_tensors
            return g1 * e + g2 * 2, None

    class WithDefaults(t.autograd.Function):
        @classmethod
        def forward(cls, ctx, x, k=3.0, *, flag=None):
            return x * k

        @classmethod
        def backward(cls, ctx, g):
            return g * 3, None

        @classmethod
        def jvp(cls, ctx, xt, kt):
            return xt * 3 if kt is None else None

    return {"Mul": Mul, "ExpTwice": ExpTwice, "WithDefaults": WithDefaults}


def _function(t, forward, jvp, backward=lambda ctx, *g: g[0]):
    return type(
        "F",
        (t.autograd.Function,),
        {"forward": staticmethod(forward), "backward": staticmethod(backward), "jvp": staticmethod(jvp)},
    )


def _dirty_forward(ctx, x):
    ctx.mark_dirty(x)
    return x.mul_(2)


def _non_differentiable_first(ctx, x):
    a = x * 2
    ctx.mark_non_differentiable(a)
    return a, x * 3


def _saves_for_forward(*what):
    def forward(ctx, x):
        ctx.save_for_forward(*[x if w == "x" else w for w in what])
        return x * 2

    return forward


def _saved_product(ctx, xt):
    return ctx.saved_tensors[0] * xt


def _modified_copy(ctx, xt):
    xt.mul_(2)
    return xt.clone()


JVP_CASES = {
    "two inputs": lambda t, F, x, y: F["Mul"].apply(x, y),
    "one dual input, a number": lambda t, F, x, y: F["Mul"].apply(x, t.ones(3, dtype=t.float64), 3.0),
    "keyword argument": lambda t, F, x, y: F["Mul"].apply(x, y=y),
    "setup_context": lambda t, F, x, y: F["ExpTwice"].apply(x, 2.0),
    "classmethods with defaults": lambda t, F, x, y: F["WithDefaults"].apply(x),
    "no dual input: jvp not called": lambda t, F, x, y: _function(t, lambda ctx, a: a * 2, None).apply(
        t.ones(3)
    ),
    "no jvp": lambda t, F, x, y: type(
        "NoJvp",
        (t.autograd.Function,),
        {"forward": staticmethod(lambda ctx, a: a * 2), "backward": staticmethod(lambda ctx, g: g)},
    ).apply(x),
    "too many tangents": lambda t, F, x, y: _function(
        t, lambda ctx, a: a * 2, lambda ctx, xt: (xt, xt)
    ).apply(x),
    "a number as tangent": lambda t, F, x, y: _function(t, lambda ctx, a: a * 2, lambda ctx, xt: 3.0).apply(
        x
    ),
    "a list as tangent": lambda t, F, x, y: _function(t, lambda ctx, a: a * 2, lambda ctx, xt: [xt]).apply(x),
    "a number among the tangents": lambda t, F, x, y: _function(
        t, lambda ctx, a: a * 2, lambda ctx, xt: (xt, 2)
    ).apply(x),
    "None for a differentiable output": lambda t, F, x, y: _function(
        t, lambda ctx, a: a * 2, lambda ctx, xt: None
    ).apply(x),
    "other size": lambda t, F, x, y: _function(t, lambda ctx, a: a * 2, lambda ctx, xt: xt.sum()).apply(x),
    "other dtype": lambda t, F, x, y: _function(t, lambda ctx, a: a * 2, lambda ctx, xt: xt.float()).apply(x),
    "integer tangent": lambda t, F, x, y: _function(t, lambda ctx, a: a * 2, lambda ctx, xt: xt.long()).apply(
        x
    ),
    "other layout": lambda t, F, x, y: _function(
        t, lambda ctx, a: a * 2, lambda ctx, xt: t.ones(3, 2, dtype=t.float32).t()[0]
    ).apply(x),
    "a dual tangent": lambda t, F, x, y: _function(t, lambda ctx, a: a * 2, lambda ctx, xt: y).apply(x),
    "a non-tensor output": lambda t, F, x, y: _function(
        t, lambda ctx, a: (a * 2, 5), lambda ctx, xt: (xt, None)
    ).apply(x),
    "a tangent for a non-tensor output": lambda t, F, x, y: _function(
        t, lambda ctx, a: (a * 2, 5), lambda ctx, xt: (xt, xt)
    ).apply(x),
    "a tangent for an integer output": lambda t, F, x, y: _function(
        t, lambda ctx, a: (a * 2, a.long()), lambda ctx, xt: (xt, xt)
    ).apply(x),
    "None for an integer output": lambda t, F, x, y: _function(
        t, lambda ctx, a: (a * 2, a.long()), lambda ctx, xt: (xt, None)
    ).apply(x),
    "a tangent for a non-differentiable output": lambda t, F, x, y: _function(
        t, _non_differentiable_first, lambda ctx, xt: (xt, xt)
    ).apply(x),
    "None for a non-differentiable output": lambda t, F, x, y: _function(
        t, _non_differentiable_first, lambda ctx, xt: (None, xt * 3)
    ).apply(x),
    "saved for backward only": lambda t, F, x, y: _function(
        t, lambda ctx, a: ctx.save_for_backward(a) or a * 2, _saved_product
    ).apply(x),
    "saved for forward twice": lambda t, F, x, y: _function(
        t, _saves_for_forward("x", "x"), _saved_product
    ).apply(x),
    "saved a number for forward": lambda t, F, x, y: _function(
        t, _saves_for_forward("x", 3), _saved_product
    ).apply(x),
    "saved None for forward": lambda t, F, x, y: _function(
        t,
        _saves_for_forward(None, "x"),
        lambda ctx, xt: ctx.saved_tensors[1] * xt + (ctx.saved_tensors[0] is None),
    ).apply(x),
    # in place (mark_dirty)
    "dirty, tangent modified in place": lambda t, F, x, y: _function(
        t, _dirty_forward, lambda ctx, xt: xt.mul_(2)
    ).apply(x),
    "dirty, new tangent": lambda t, F, x, y: _function(t, _dirty_forward, lambda ctx, xt: xt * 2).apply(x),
    "dirty, modified but a copy returned": lambda t, F, x, y: _function(
        t, _dirty_forward, _modified_copy
    ).apply(x),
    "dirty, other tangent modified": lambda t, F, x, y: _function(
        t,
        lambda ctx, a, b: ctx.mark_dirty(a) or a.add_(b),
        lambda ctx, at, bt: bt.mul_(1),
    ).apply(x, y),
    "dirty, input without a tangent": lambda t, F, x, y: _function(
        t, lambda ctx, a, b: ctx.mark_dirty(a) or a.add_(b), lambda ctx, at, bt: at.add_(bt)
    ).apply(t.zeros(3, dtype=t.float64), y),
    "dirty, a view without a tangent": lambda t, F, x, y: _dirty_view(t, y),
    # views
    "an input returned as-is, its tangent as-is": lambda t, F, x, y: _function(
        t, lambda ctx, a: a, lambda ctx, xt: xt
    ).apply(x),
    "an input returned as-is, a view of its tangent": lambda t, F, x, y: _function(
        t, lambda ctx, a: a, lambda ctx, xt: xt[:]
    ).apply(x),
    "a view, a view of the tangent": lambda t, F, x, y: _function(
        t, lambda ctx, a: a[:2][1:], lambda ctx, xt: xt[:2][1:]
    ).apply(x),
    "a view, a view of another tensor": lambda t, F, x, y: _function(
        t, lambda ctx, a: a.view_as(a), lambda ctx, xt: xt.clone().view_as(xt)
    ).apply(x),
    "a view, no view": lambda t, F, x, y: _function(
        t, lambda ctx, a: a.view_as(a), lambda ctx, xt: xt * 1
    ).apply(x),
    "two views, one tangent not a view": lambda t, F, x, y: _function(
        t, lambda ctx, a: (a[:1], a[1:]), lambda ctx, xt: (xt[:1].clone(), xt[1:])
    ).apply(x),
    "a view of an input without a tangent": lambda t, F, x, y: _view_of_plain(t, y),
    "an input whose tangent is a view": lambda t, F, x, y: _tangent_is_view(t, lambda ctx, xt: xt[:2]),
    "an input whose tangent is a view, a view of a copy": lambda t, F, x, y: _tangent_is_view(
        t, lambda ctx, xt: xt.clone()[:2]
    ),
}


def _dirty_view(t, y):
    base = t.zeros(4, dtype=t.float64)
    F = _function(t, lambda ctx, a, b: ctx.mark_dirty(a) or a.add_(b), lambda ctx, at, bt: at.add_(bt))
    return F.apply(base[1:], y), base


def _view_of_plain(t, y):
    """The first output views an input without a tangent: torch gives it (and that input) one as an in-place
    op would, and sets no tangent on the outputs after it."""
    x = t.zeros(3, dtype=t.float64)

    def forward(ctx, a, b):
        return a[:1], b * 2

    F = _function(t, forward, lambda ctx, at, bt: (at[:1] + 1, bt * 2), lambda ctx, ga, gb: (None, None))
    a, b = F.apply(x, y)
    return a, b, x


def _tangent_is_view(t, jvp):
    fw = t.autograd.forward_ad
    x = fw.make_dual(t.ones(3, dtype=t.float64), t.arange(4.0, dtype=t.float64)[:3])
    return _function(t, lambda ctx, a: a[:2], jvp).apply(x)


@pytest.mark.parametrize("case", sorted(JVP_CASES))
def test_custom_function_jvp(case):
    def body(t):
        fw = t.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(
                t.tensor([0.5, 1.0, 1.5], dtype=t.float64), t.tensor([1.0, -1.0, 2.0], dtype=t.float64)
            )
            y = fw.make_dual(
                t.tensor([2.0, 0.5, -1.0], dtype=t.float64), t.tensor([0.5, 0.25, 3.0], dtype=t.float64)
            )
            out = JVP_CASES[case](t, _functions(t), x, y)
            return _unpacked(t, out), _unpacked(t, (x, y))

    same(body)


@given(
    program=programs(max_inputs=2, max_steps=4, max_outputs=1),
    shape=SHAPES,
    seed=st.integers(0, 2**16),
    requires_grad=st.booleans(),
)
def test_custom_function_around_programs(program, shape, seed, requires_grad):
    """A Function whose jvp runs the program on dual inputs of its own (forward AD inside jvp is off in
    torch, so it unpacks nothing) against the program's own tangents."""

    def body(t):
        fw = t.autograd.forward_ad

        class Wrapped(t.autograd.Function):
            @staticmethod
            def forward(ctx, *xs):
                ctx.save_for_forward(*xs)
                return program(t, *xs)

            @staticmethod
            def backward(ctx, g):
                return (g,) * program.n_inputs

            @staticmethod
            def jvp(ctx, *tangents):
                inner = fw.unpack_dual(program(t, *ctx.saved_tensors)).tangent
                return program(t, *tangents) * 0 + (0.0 if inner is None else 1.0)

        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad)
        tangents = make_inputs(t, program.n_inputs, shape, seed + 1)
        with fw.dual_level():
            duals = [fw.make_dual(x, v) for x, v in zip(inputs, tangents)]
            return _unpacked(t, Wrapped.apply(*duals)), _unpacked(t, program(t, *duals))

    same(body)


# ---- gradcheck ---------------------------------------------------------------------------------------------
@given(program=programs(max_inputs=2, max_steps=4), shape=SHAPES, seed=st.integers(0, 2**16))
def test_gradcheck_forward_over_random_programs(program, shape, seed):
    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad=True)
        fn = lambda *a: program(t, *a)  # noqa: E731
        return (
            t.autograd.gradcheck(fn, inputs, check_forward_ad=True),
            t.autograd.gradcheck(fn, inputs, check_forward_ad=True, check_backward_ad=False),
            t.autograd.gradgradcheck(fn, inputs, check_fwd_over_rev=True),
            t.autograd.gradgradcheck(fn, inputs, check_fwd_over_rev=True, check_rev_over_rev=False),
        )

    same(body)


def _wrong_jvp(t):
    return _function(t, lambda ctx, a: a * 2, lambda ctx, xt: xt * 3, backward=lambda ctx, g: g * 2)


GRADCHECK_ERRORS = {
    "wrong jvp": lambda t: t.autograd.gradcheck(
        _wrong_jvp(t).apply, (t.ones(3, dtype=t.float64, requires_grad=True),), check_forward_ad=True
    ),
    "no jvp": lambda t: t.autograd.gradcheck(
        type(
            "NoJvp",
            (t.autograd.Function,),
            {"forward": staticmethod(lambda ctx, a: a * 2), "backward": staticmethod(lambda ctx, g: g * 2)},
        ).apply,
        (t.ones(3, dtype=t.float64, requires_grad=True),),
        check_forward_ad=True,
    ),
    "neither mode": lambda t: t.autograd.gradcheck(
        lambda a: a * 2, (t.ones(1, dtype=t.float64, requires_grad=True),), check_backward_ad=False
    ),
    "batched forward without forward": lambda t: t.autograd.gradcheck(
        lambda a: a * 2, (t.ones(1, dtype=t.float64, requires_grad=True),), check_batched_forward_grad=True
    ),
    "gradgradcheck: neither mode": lambda t: t.autograd.gradgradcheck(
        lambda a: a * 2, (t.ones(1, dtype=t.float64, requires_grad=True),), check_rev_over_rev=False
    ),
}


@pytest.mark.parametrize("case", sorted(GRADCHECK_ERRORS))
def test_gradcheck_errors(case):
    same_error(GRADCHECK_ERRORS[case])


def test_gradcheck_wrong_jvp_without_raising():
    same(
        lambda t: t.autograd.gradcheck(
            _wrong_jvp(t).apply,
            (t.ones(3, dtype=t.float64, requires_grad=True),),
            check_forward_ad=True,
            raise_exception=False,
        )
    )
