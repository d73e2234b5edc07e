"""In-place rules, version counters, detach sharing, custom Functions."""

import pytest
from _compare import same, same_error


def leaf(t, values=(1.0, 2.0, 3.0), **kwargs):
    return t.tensor(list(values), requires_grad=True, **kwargs)


@pytest.mark.parametrize(
    "body",
    [
        lambda t: leaf(t).add_(1),
        lambda t: t.ones(3, dtype=t.int64).add_(1.5),
        lambda t: t.ones(3, dtype=t.bool).add_(1),
        lambda t: t.ones(3).add_(t.ones(2, 3)),
    ],
)
def test_inplace_errors(body):
    same_error(body)


def test_inplace_rebases_grad_fn_and_bumps_versions():
    def body(t):
        x = leaf(t)
        y = x * 2
        old = y.grad_fn
        y.add_(1)
        y *= 3
        y /= 2
        y -= 1
        y **= 2
        versions = y._version
        rebased = y.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0]
        y.sum().backward()
        return y, versions, rebased.name(), old.name(), x.grad

    same(body)


def test_inplace_under_no_grad_on_leaf_and_into_plain_tensor():
    def body(t):
        x = leaf(t)
        with t.no_grad():
            x.mul_(2)
        a = t.ones(3)
        a.mul_(x)
        a.sum().backward()
        return x, x._version, a, x.grad

    same(body)


def test_detach_shares_storage_and_version_but_data_does_not_share_version():
    def body(t):
        x = leaf(t)
        d = x.detach()
        d.add_(1)
        v = x.data
        v.mul_(2)
        return x, d, x._version, d._version, v._version, d.requires_grad, d.is_leaf

    same(body)


def test_custom_function():
    def body(t):
        class Square(t.autograd.Function):
            @staticmethod
            def forward(ctx, a, k):
                ctx.save_for_backward(a)
                ctx.k = k
                return a * a * k

            @staticmethod
            def backward(ctx, g):
                (a,) = ctx.saved_tensors
                return g * 2 * a * ctx.k, None

        x = leaf(t)
        y = Square.apply(x, 3.0)
        name = y.grad_fn.name()
        y.sum().backward()
        return (
            y,
            name,
            x.grad,
            [n is None for n, _ in y.grad_fn.next_functions],
            len(y.grad_fn.next_functions),
        )

    same(body)


def test_custom_function_errors():
    def wrong_count(t):
        class Bad(t.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                return a * b

            @staticmethod
            def backward(ctx, g):
                return g

        x = leaf(t)
        Bad.apply(x, x).sum().backward()

    def modified_saved(t):
        class Keep(t.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                ctx.save_for_backward(a)
                return a * 2

            @staticmethod
            def backward(ctx, g):
                (a,) = ctx.saved_tensors
                return g * a

        y = leaf(t) * 1
        out = Keep.apply(y)
        y.add_(1)
        out.sum().backward()

    def saved_output_modified(t):
        class Out(t.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                o = a * 2
                ctx.save_for_backward(o)
                return o

            @staticmethod
            def backward(ctx, g):
                (o,) = ctx.saved_tensors
                return g * o

        o = Out.apply(leaf(t))
        with t.no_grad():
            o.mul_(2)
        o.sum().backward()

    same_error(wrong_count)
    same_error(modified_saved)
    same_error(saved_output_modified)


def _dirty_function(t, returns_input):
    class AddOne(t.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            a.add_(1)
            ctx.mark_dirty(a)
            return a if returns_input else a * 1

        @staticmethod
        def backward(ctx, g):
            return g

    return AddOne


@pytest.mark.parametrize("grad", [True, False])
def test_custom_function_mark_dirty_counts_the_write_again(grad):
    def body(t):
        b = leaf(t) * 1 if grad else t.ones(3)
        c = _dirty_function(t, returns_input=True).apply(b)
        return c is b, c, b._version, c._version

    same(body)


@pytest.mark.parametrize("grad", [True, False])
def test_custom_function_dirty_input_must_be_returned(grad):
    def body(t):
        with t.set_grad_enabled(grad):
            return _dirty_function(t, returns_input=False).apply(leaf(t) * 1)

    same_error(body)


def test_custom_function_returning_its_input_without_a_graph():
    def body(t):
        class Identity(t.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a

            @staticmethod
            def backward(ctx, g):
                return g

        plain = t.ones(2)
        r = Identity.apply(plain)
        with t.no_grad():
            x = leaf(t)
            s = Identity.apply(x)
        return r is plain, r, s is x, s, x.requires_grad

    same(body)


@pytest.mark.parametrize(
    "body",
    [
        # sum()'s gradient is an expanded tensor: one memory location for every element
        lambda t: _grad_of_sum(t).add_(1),
        lambda t: _grad_of_sum(t).mul_(2),
        lambda t: _grad_of_sum(t).copy_(t.ones(2, 3)),
        lambda t: _grad_of_sum(t).__setitem__(0, 5.0),
        lambda t: t.ones(1).expand(3).add_(1),
        lambda t: t.ones(2, 1).expand(2, 3).T.sub_(1),
        lambda t: _hooked_sum_backward(t, lambda g: g.mul_(2)),
    ],
)
def test_inplace_into_expanded_tensors_is_refused(body):
    same_error(body)


def _leaf23(t):
    return t.ones(2, 3, requires_grad=True)


def _grad_of_sum(t):
    x = _leaf23(t)
    return t.autograd.grad(x.sum(), x)[0]


def _hooked_sum_backward(t, hook):
    x = t.ones(3, requires_grad=True)
    x.register_hook(hook)
    x.sum().backward()
    return x.grad


def test_fills_write_through_expanded_tensors():
    """fill_, zero_ and masked_fill_ (with torch's deprecation warning) accept an expanded tensor and write
    through to the memory it shares; expand() of a one-element dim stays writable like torch's."""

    def body(t):
        base = t.ones(2, 1)
        seen = [base.expand(2, 3).fill_(2), base.clone()]
        seen += [base.expand(2, 3).T.zero_(), base.clone()]
        seen += [base.expand(2, 3).masked_fill_(t.tensor([[True, False, False], [False, False, False]]), 7.0)]
        seen += [base.clone(), base.expand(2, 1).add_(1), base.clone()]
        grad = _grad_of_sum(t)
        seen += [grad.fill_(3), grad.sum(), grad._version]
        one = t.ones(1, requires_grad=True)
        (g,) = t.autograd.grad(one.sum(), one)
        seen += [g.add_(1), _hooked_sum_backward(t, lambda g: g * 2)]
        return seen

    same(body)


def test_custom_function_instance_warns_and_calling_it_raises():
    def body(t):
        class Double(t.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        instance = Double()
        via_instance = instance.apply(leaf(t))
        try:
            instance(leaf(t))
        except RuntimeError as e:
            return via_instance, str(e)

    same(body)


def test_custom_function_node_repr():
    def body(t):
        node = _dirty_function(t, returns_input=True).apply(leaf(t) * 1).grad_fn
        return repr(node).split(" at 0x")[0], repr(node.next_functions[0][0]).split(" at 0x")[0]

    same(body)


def _view_functions(t):
    class ViewOut(t.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a.view(-1)

        @staticmethod
        def backward(ctx, g):
            return g.view(3)

    class Identity(t.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a

        @staticmethod
        def backward(ctx, g):
            return g

    class Halves(t.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a[:1], a[1:]

        @staticmethod
        def backward(ctx, g1, g2):
            return t.cat([g1, g2])

    return ViewOut, Identity, Halves


@pytest.mark.parametrize(
    "body",
    [
        lambda t, fns: fns[0].apply(leaf(t)).add_(1),
        lambda t, fns: fns[0].apply(leaf(t))[1:].add_(1),
        lambda t, fns: fns[1].apply(leaf(t) * 1).mul_(2),
        lambda t, fns: fns[2].apply(leaf(t) * 1)[0].mul_(2),
    ],
)
def test_custom_function_view_outputs_refuse_in_place_writes(body):
    same_error(lambda t: body(t, _view_functions(t)))


def test_custom_function_view_outputs_work_otherwise():
    def body(t):
        view_out, identity, _ = _view_functions(t)
        x = leaf(t)
        v = view_out.apply(x)
        v.sum().backward()
        with t.no_grad():
            written = view_out.apply(x).add_(1)
        plain = view_out.apply(t.ones(3)).add_(1)
        return v, x.grad, written, plain, view_out.apply(x).clone().add_(1), identity.apply(x)

    same(body)


@pytest.mark.parametrize("saved", [lambda t: 3, lambda t: [t.ones(1)], lambda t: "x"])
def test_custom_function_saves_tensors_only(saved):
    def body(t):
        class Save(t.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                ctx.save_for_backward(a, None, saved(t))
                return a * 2

            @staticmethod
            def backward(ctx, g):
                return g

        return Save.apply(leaf(t))

    same_error(body)
