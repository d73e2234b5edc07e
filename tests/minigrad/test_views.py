"""Views (view reshape transpose t permute expand squeeze unsqueeze flatten unflatten select narrow unbind
contiguous T mT) and writing through views in place (CopySlices), differentially against torch."""

import numpy as np
import pytest
from _compare import same, same_error
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad


def run_with_grad(expr, shape=(3, 4, 5), seed=0):
    """fn(T) evaluating `expr` on y = leaf * 1, backpropagating a random upstream gradient."""

    def fn(T):
        leaf = T.tensor(np.random.default_rng(seed).standard_normal(shape), requires_grad=True)
        y = leaf * 1
        result = eval(expr, {"T": T, "y": y, "leaf": leaf})
        upstream = T.tensor(np.random.default_rng(seed + 1).standard_normal(tuple(result.shape)))
        result.backward(upstream)
        return result, result.grad_fn, leaf.grad, result._base is y, result.is_contiguous()

    return fn


def numeric_gradient_check(fn, shape, seed=0, eps=1e-6):
    """Compare minigrad's backward of fn (float64) with central finite differences of <fn(x), upstream>."""
    rng = np.random.default_rng(seed)
    x0 = rng.standard_normal(shape)
    x = minigrad.tensor(x0, requires_grad=True)
    out = fn(x)
    upstream = rng.standard_normal(tuple(out.shape))
    out.backward(minigrad.tensor(upstream))
    numeric = np.zeros_like(x0)
    for i in np.ndindex(*shape):
        plus, minus = x0.copy(), x0.copy()
        plus[i] += eps
        minus[i] -= eps
        f_plus = (fn(minigrad.tensor(plus))._data * upstream).sum()
        f_minus = (fn(minigrad.tensor(minus))._data * upstream).sum()
        numeric[i] = (f_plus - f_minus) / (2 * eps)
    np.testing.assert_allclose(x.grad._data, numeric, rtol=1e-5, atol=1e-6)


VIEW_EXPRS = [
    "y.view(12, 5)",
    "y.view(-1)",
    "y.view((2, -1, 5))",
    "y.reshape(-1)",
    "y.reshape(3, 4, 5)",
    "y.transpose(0, 2).reshape(-1)",
    "y[:, :, ::2].reshape(12, 3)",
    "y.view_as(T.zeros(60))",
    "y.reshape_as(T.zeros(5, 12))",
    "y.transpose(0, 2)",
    "y.transpose(1, 1)",
    "y.transpose(-1, 0)",
    "y[0].t()",
    "y[0, 0].t()",
    "y.permute(2, 0, 1)",
    "y.permute((1, 2, 0))",
    "y[:, :1].expand(2, 3, 4, 5)",
    "y.expand(3, 4, 5)",
    "y[:, :1].expand(-1, 6, -1)",
    "y[:, :1].expand_as(T.zeros(3, 4, 5))",
    "y[:, :1].squeeze()",
    "y[:, :1].squeeze(1)",
    "y[:, :1].squeeze(0)",
    "y[:, :1].squeeze((1, 2))",
    "y.unsqueeze(1)",
    "y.unsqueeze(-1)",
    "y.flatten()",
    "y.flatten(1)",
    "y.flatten(0, 0)",
    "y.transpose(0, 1).flatten()",
    "y.unflatten(2, (5, 1))",
    "y.unflatten(-1, (-1, 5))",
    "y.contiguous()",
    "y.transpose(0, 1).contiguous()",
    "y[0].T",
    "y.mT",
    "y.unbind(1)[1]",
    "y.unbind(-1)[0] * y.unbind(-1)[2]",
    "y.select(1, -1)",
    "y.narrow(2, 1, 3)",
    "y.narrow(0, -2, 2)",
    "T.transpose(y, 0, 1)",
    "T.reshape(y, (5, 12))",
    "T.squeeze(y[:1])",
    "T.unsqueeze(y, 0)",
    "T.permute(y, (2, 1, 0))",
    "T.flatten(y, 1, 2)",
    "T.t(y[0])",
    "T.select(y, 0, 1)",
    "T.narrow(y, 1, 0, 2)",
    "T.unbind(y)[2]",
]


@pytest.mark.parametrize("expr", VIEW_EXPRS)
def test_view_values_grads_and_graph(expr):
    same(run_with_grad(expr))


def test_zero_dim_and_empty_views():
    same(run_with_grad("y[0, 0, 0].view(1, 1)"))
    same(run_with_grad("y[0, 0, 0].reshape(-1)"))
    same(run_with_grad("y[0, 0, 0].unsqueeze(0)"))
    same(run_with_grad("y[0, 0, 0].flatten()"))
    same(run_with_grad("y[0, 0, 0].squeeze()"))
    same(run_with_grad("y[:, 4:].view(3, 0, 5)"))
    same(run_with_grad("y[:, 4:].reshape(-1, 5)"))
    same(run_with_grad("y[:, 4:].permute(2, 1, 0)"))


def test_views_share_memory_and_version():
    def fn(T):
        x = T.zeros(2, 3)
        v = x.view(6)
        w = x.t()
        v.add_(1)
        w[0, 1] = 7.0
        return x, v, w, x._version, v._version, w._version, v._base is x, w._base is x, w.is_contiguous()

    same(fn)


def test_view_of_view_has_root_base():
    def fn(T):
        x = T.ones(2, 3, requires_grad=True) * 1
        v = x[0]
        w = v[1:]
        return w._base is x, v._base is x, x._base is None

    same(fn)


def test_saved_attributes():
    def fn(T):
        y = T.ones(3, 1, 5, requires_grad=True) * 1
        results = []
        for r in (
            y.view(15),
            y.transpose(0, 2),
            y.permute(2, 0, 1),
            y.expand(2, 3, 4, 5),
            y.squeeze(),
            y.squeeze(1),
        ):
            results.append(
                r.grad_fn._saved_self_sym_sizes if hasattr(r.grad_fn, "_saved_self_sym_sizes") else None
            )
        results.append((y.transpose(0, 2).grad_fn._saved_dim0, y.transpose(0, 2).grad_fn._saved_dim1))
        results.append(y.permute(2, 0, 1).grad_fn._saved_dims)
        results.append((y.squeeze(1).grad_fn._saved_dim, y.squeeze((1,)).grad_fn._saved_dim))
        results.append(y.unsqueeze(0).grad_fn._saved_dim)
        select = y[2].grad_fn
        results.append((select._saved_dim, select._saved_index, select._saved_self_sym_sizes))
        sl = y[1:].grad_fn
        results.append((sl._saved_dim, sl._saved_start, sl._saved_end, sl._saved_step))
        results.append(y.unbind(0)[0].grad_fn._saved_dim)
        return tuple(results)

    same(fn)


def test_negative_dims_are_saved_as_given():
    def fn(T):
        leaf = T.ones(3, 1, 5, requires_grad=True)
        y = leaf * 1
        views = (y.transpose(-1, 0), y.permute(-1, 0, -2), y.squeeze(-2), y.squeeze((-2, 0)), y.unsqueeze(-1))
        saved = [(v.grad_fn._saved_dim0, v.grad_fn._saved_dim1) for v in views[:1]]
        saved += [views[1].grad_fn._saved_dims] + [v.grad_fn._saved_dim for v in views[2:]]
        grads = T.autograd.grad(sum(v.sum() * (i + 1) for i, v in enumerate(views)), leaf)
        return saved, grads, T.tensor(2.0, requires_grad=True).squeeze(-1).grad_fn._saved_dim

    same(fn)


VIEW_ERRORS = [
    "y.view(7, -1)",
    "y.view(-1, -1)",
    "y.view(2, 5)",
    "y.view(0, -1)",
    "y.transpose(0, 1).view(-1)",
    "y.reshape(7, -1)",
    "y.transpose(0, 3)",
    "y.permute(0, 1)",
    "y.permute(0, 1, 1)",
    "y.expand(3, 4)",
    "y.expand(2, 4, 5)",
    "y.expand(-1, 3, 4, 5)",
    "y.squeeze(3)",
    "y.unsqueeze(4)",
    "y.unsqueeze(-5)",
    "y.flatten(2, 1)",
    "y.unflatten(1, (3, 2))",
    "y.t()",
    "y[0].view(3)",
    "y.select(0, 5)",
    "y.narrow(1, 2, 3)",
]


@pytest.mark.parametrize("expr", VIEW_ERRORS)
def test_view_errors(expr):
    same_error(lambda T: eval(expr, {"y": T.ones(3, 4, 5)}))


# the shape argument as torch's parser reads it: varargs only for methods, keywords, ambiguous -1
SHAPE_ARGUMENTS = [
    "T.reshape(x, (4,))",
    "T.reshape(input=x, shape=[4])",
    "T.reshape(x, 2, 2)",
    "T.reshape(x, 4)",
    "T.reshape(x)",
    "x.reshape(shape=(4,))",
    "x.reshape(shape=4)",
    "x.reshape(4, shape=(4,))",
    "x.reshape()",
    "x.reshape(2.0, 2)",
    "x.reshape(True, 4)",
    "x.reshape(2, True)",
    "x.reshape(2, -3)",
    "T.permute(x, 1, 0)",
    "T.permute(x, dims=(1, 0))",
    "x.permute(dims=[1, 0])",
    "x.permute(0.0, 1)",
    "x.view(size=(4,))",
    "x.view(size=4)",
    "x.view(4, size=(4,))",
    "x.view(2.0, 2)",
    "x.view()",
    "x.expand(size=(2, 2))",
    "x.expand(size=2)",
    "x.expand()",
    "x.expand(2, 2, implicit=True)",
    "e.reshape(0, -1)",
    "e.view(-1, 0)",
    "x.reshape(0, -1)",
    "x.unsqueeze(1).squeeze((1, 1))",
    "x.unsqueeze(1).squeeze((1, -2))",
    "x.unsqueeze(1).squeeze((0, 0, 5))",
    "T.tensor(3.0).squeeze((0, -1))",
]


@pytest.mark.parametrize("expr", SHAPE_ARGUMENTS)
def test_shape_arguments_parse_like_torch(expr):
    same(lambda T: eval(expr, {"T": T, "x": T.ones(2, 2), "e": T.ones(0, 3)}))


# ---- in-place writes through views -------------------------------------------------------------------------
def run_inplace(body, seed=0):
    def fn(T):
        rng = np.random.default_rng(seed)
        leaf = T.tensor(rng.standard_normal((3, 4)), requires_grad=True)
        other = T.tensor(rng.standard_normal((4,)), requires_grad=True)
        ns = {"T": T, "leaf": leaf, "other": other}
        exec(body, ns)
        x = ns["x"]
        upstream = T.tensor(np.random.default_rng(seed + 1).standard_normal(tuple(x.shape)))
        (x * upstream).sum().backward()
        v = ns.get("v")
        return x, x._version, leaf.grad, other.grad, v, None if v is None else v.grad_fn

    return fn


INPLACE_BODIES = [
    "x = leaf * 1; v = x[1:]; v.mul_(2)",
    "x = leaf * 2; v = x.view(12); v.add_(1)",
    "x = leaf * 1; v = x.t(); v.mul_(3)",
    "x = leaf * 1; v = x[:, 1]; v.mul_(x[:, 2].detach())",
    "x = leaf * 1; v = x[1:]; v.mul_(other)",
    "x = leaf * 1; v = x.unsqueeze(0); v.sub_(other)",
    "x = leaf * 1; v = x.transpose(0, 1)[1:3]; v.mul_(v.detach())",
    "x = T.zeros(3, 4); v = x[1]; v.add_(other)",
    "x = leaf.exp(); v = x[::2]; v.mul_(x[::2].detach() + 1)",
]


@pytest.mark.parametrize("body", INPLACE_BODIES)
def test_inplace_through_view(body):
    same(run_inplace(body))


@pytest.mark.parametrize(
    "body",
    [
        "x = leaf * 1; v = x[0]; w = v[1:]; w.add_(other[:3])",
        "x = leaf * 1; v = x[0]; x.mul_(2)",
    ],
)
def test_stale_sibling_view_grad_fn(body):
    same(run_inplace(body))


INPLACE_ERRORS = [
    "v = leaf[0]; v.add_(1)",
    "v = leaf.view(12); v.add_(1)",
    "x = leaf * 1; v = x.unbind(0)[0]; v.add_(1)",
]


@pytest.mark.parametrize("body", INPLACE_ERRORS)
def test_inplace_view_errors(body):
    def fn(T):
        exec(body, {"leaf": T.ones(3, 4, requires_grad=True)})

    same_error(fn)


def test_inplace_view_without_grad_mode():
    def fn(T):
        leaf = T.ones(3, 4, requires_grad=True)
        with T.no_grad():
            v = leaf[0]
            v.mul_(3)
        return leaf, leaf._version

    same(fn)


# ---- hypothesis: random shapes and view chains -------------------------------------------------------------
shapes = st.lists(st.integers(1, 4), min_size=1, max_size=4).map(tuple)


@settings(max_examples=40, deadline=None)
@given(shape=shapes, data=st.data())
def test_random_view_chains(shape, data):
    ndim = len(shape)
    steps = []
    for _ in range(data.draw(st.integers(1, 3))):
        kind = data.draw(
            st.sampled_from(["transpose", "permute", "reshape", "unsqueeze", "squeeze", "expand", "flat"])
        )
        steps.append((kind, data.draw(st.randoms(use_true_random=False)).random()))
    dtype = data.draw(st.sampled_from(["float32", "float64"]))

    def apply(T, t):
        for kind, r in steps:
            n = t.dim()
            if kind == "transpose" and n:
                t = t.transpose(int(r * n), int((r * 7) % 1 * n))
            elif kind == "permute":
                t = t.permute(*np.random.default_rng(int(r * 1000)).permutation(n).tolist())
            elif kind == "reshape":
                t = t.reshape(-1, *t.shape[2:]) if n >= 2 else t.reshape(1, -1)
            elif kind == "unsqueeze":
                t = t.unsqueeze(int(r * (n + 1)))
            elif kind == "squeeze":
                t = t.squeeze()
            elif kind == "expand":
                t = t.unsqueeze(0).expand(2, *t.shape)
            else:
                t = t.flatten()
        return t

    def fn(T):
        leaf = T.tensor(
            np.random.default_rng(ndim).standard_normal(shape), dtype=getattr(T, dtype), requires_grad=True
        )
        out = apply(T, leaf * 1)
        upstream = T.tensor(
            np.random.default_rng(1).standard_normal(tuple(out.shape)), dtype=getattr(T, dtype)
        )
        out.backward(upstream)
        return out, out.grad_fn, leaf.grad, out.is_contiguous()

    same(fn)


# ---- backward formulas: finite differences (float64) and double backward against torch ---------------------
FORMULAS = [
    lambda t: t.view(6, 2).exp(),
    lambda t: t.transpose(0, 1).reshape(-1) * t.reshape(-1),
    lambda t: t.permute(1, 2, 0).exp(),
    lambda t: t[:, :1].expand(2, 3, 2) * t,
    lambda t: t.unsqueeze(1).squeeze(1) ** 2,
    lambda t: t.select(1, 2) * t.narrow(1, 0, 1).squeeze(1),
    lambda t: t.unbind(2)[0] * t.unbind(2)[1],
    lambda t: t.flatten(1).unflatten(1, (2, 3)) ** 3,
]


@pytest.mark.parametrize("index", range(len(FORMULAS)))
def test_backward_formula_numerically(index):
    numeric_gradient_check(FORMULAS[index], (2, 3, 2))


@pytest.mark.parametrize("index", range(len(FORMULAS)))
def test_double_backward(index):
    def fn(T):
        x = T.tensor(np.random.default_rng(3).standard_normal((2, 3, 2)), requires_grad=True)
        out = FORMULAS[index](x)
        (g,) = T.autograd.grad((out * out).sum(), x, create_graph=True)
        (gg,) = T.autograd.grad(g.sum(), x)
        return g, gg

    same(fn)


# ---- in-place views: transpose_ t_ squeeze_ unsqueeze_ swapdims_ swapaxes_ ---------------------------------
IN_PLACE_VIEWS = {
    "transpose_": lambda y: y.transpose_(0, -1),
    "swapdims_": lambda y: y.swapdims_(1, 0),
    "swapaxes_": lambda y: y.swapaxes_(axis0=0, axis1=2),
    "t_ of a 2-d view": lambda y: y[0].t_(),
    "squeeze_": lambda y: y.squeeze_(),
    "squeeze_ dim": lambda y: y.squeeze_(-2),
    "squeeze_ dim of size 2": lambda y: y.squeeze_(0),
    "squeeze_ dims": lambda y: y.squeeze_((1, 0)),
    "squeeze_ dims one by one": lambda y: y.squeeze_(1, 0),
    "unsqueeze_": lambda y: y.unsqueeze_(3),
    "unsqueeze_ negative": lambda y: y.unsqueeze_(-1),
}


def _saved(node):
    return sorted((k, str(getattr(node, k))) for k in dir(node) if k.startswith("_saved_"))


@pytest.mark.parametrize("case", IN_PLACE_VIEWS)
def test_in_place_views(case):
    def body(T):
        leaf = T.arange(6.0).reshape(2, 1, 3).requires_grad_()
        y = leaf * 1
        result = IN_PLACE_VIEWS[case](y)
        weights = T.arange(float(result.numel())).reshape(result.shape)
        return (
            result,
            result._version,
            result.is_contiguous(),
            _saved(result.grad_fn),
            T.autograd.grad((result * weights).sum(), leaf),
        )

    same(body)


def test_in_place_view_on_a_view_and_the_views_beside_it():
    """The view changed keeps its new node; the other views of its base regenerate theirs
    (AsStridedBackward0), as do the views of a base that changes."""

    def body(T):
        leaf = T.arange(6.0).reshape(2, 3).requires_grad_()
        y = leaf * 1
        v, w = y[0], y[1]
        v.unsqueeze_(0)
        first = (v.grad_fn, w.grad_fn, y.grad_fn, y._version)
        z = leaf * 1
        u = z[0]
        z.t_()
        second = (u.grad_fn, z.grad_fn, T.autograd.grad(u.sum() * 2 + z.sum(), leaf))
        s = leaf * 1
        part = s[:, :2]
        part.t_()
        part.mul_(2)
        return first, second, part.grad_fn, s.grad_fn, part[0].grad_fn, T.autograd.grad(s.sum(), leaf)

    same(body)


def test_in_place_views_without_a_graph():
    def body(T):
        leaf = T.randn(2, 3, generator=T.Generator().manual_seed(0), requires_grad=True)
        with T.no_grad():
            leaf.t_()
            view = leaf[0]
            view.unsqueeze_(0)
        plain = T.ones(2, 1)
        alias = plain.detach()
        alias.squeeze_()
        return leaf, leaf.is_leaf, leaf._version, view, plain.shape, alias, plain._version

    same(body)


def test_in_place_view_bumps_the_version_saved_tensors_check():
    def body(T):
        leaf = T.ones(2, 3, requires_grad=True)
        y = leaf * 1
        z = y.sin()
        y.t_()
        z.sum().backward()

    same_error(body)


def test_in_place_view_forward_ad():
    def body(T):
        fwad = T.autograd.forward_ad
        with fwad.dual_level():
            tangent = T.arange(6.0).reshape(2, 3)
            dual = fwad.make_dual(T.ones(2, 3), tangent) * 1
            dual.t_().unsqueeze_(0)
            return fwad.unpack_dual(dual).tangent

    same(body)


IN_PLACE_VIEW_ERRORS = {
    "leaf": lambda T: T.ones(2, 3, requires_grad=True).t_(),
    "view of a leaf": lambda T: T.ones(2, 3, requires_grad=True)[0].unsqueeze_(0),
    "output of unbind": lambda T: (T.ones(2, 3, requires_grad=True) * 1).unbind(0)[0].unsqueeze_(0),
    "t_ of 3-d": lambda T: T.ones(2, 3, 4).t_(),
    "t_ with an argument": lambda T: T.ones(2, 3).t_(1),
    "transpose_ dim": lambda T: T.ones(2, 3).transpose_(0, 2),
    "transpose_ one dim": lambda T: T.ones(2, 3).transpose_(0),
    "swapaxes_ string": lambda T: T.ones(2, 3).swapaxes_("a", 1),
    "squeeze_ dim": lambda T: T.ones(2, 3).squeeze_(5),
    "squeeze_ repeated dims": lambda T: T.ones(2, 3).squeeze_((0, 0)),
    "squeeze_ string": lambda T: T.ones(2, 3).squeeze_("a"),
    "unsqueeze_ dim": lambda T: T.ones(2, 3).unsqueeze_(3),
    "unsqueeze_ missing": lambda T: T.ones(2, 3).unsqueeze_(),
}


@pytest.mark.parametrize("case", IN_PLACE_VIEW_ERRORS)
def test_in_place_view_errors(case):
    same_error(IN_PLACE_VIEW_ERRORS[case])


def test_in_place_view_of_a_view_made_in_no_grad():
    def body(T):
        y = T.ones(2, 3, requires_grad=True) * 1
        with T.no_grad():
            view = y[0]
        view.unsqueeze_(0)

    same_error(body)
