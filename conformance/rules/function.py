"""Custom autograd.Function: user-defined forward and backward, and what autograd checks around them.

Each check body defines its Function subclass inside the body, so the reproducer is self-contained.
"""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import broadcastable_shapes, float_dtypes, shapes, tensor_data

DOCS_FUNCTION = "https://pytorch.org/docs/stable/autograd.html#function"
DOCS_EXTENDING = "https://pytorch.org/docs/stable/notes/extending.html"
DOCS_CTX = "https://pytorch.org/docs/stable/generated/torch.autograd.function.FunctionCtx.mark_dirty.html"

FORWARD_BACKWARD = Rule(
    id="FUNC-001",
    area="function",
    title="A custom Function's apply() runs forward untracked and records a <Name>Backward node",
    explanation="""
        A subclass of torch.autograd.Function defines static forward(ctx, *args) and
        backward(ctx, *grads) and is called through Class.apply(...). forward runs with grad mode off,
        so the operations inside it are not recorded. If any tensor input requires grad, the output
        requires grad and its grad_fn is a node named after the class, "<Class>Backward", whose inputs
        are those tensors' nodes; backward() then calls the user's backward. If no input requires grad,
        the output is a plain tensor.
    """,
    example="""
        import torch
        class Cube(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                ctx.save_for_backward(a)
                return a ** 3
            @staticmethod
            def backward(ctx, grad):
                (a,) = ctx.saved_tensors
                return grad * 3 * a ** 2
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = Cube.apply(x)
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """,
    source=DOCS_EXTENDING,
)


@FORWARD_BACKWARD.check(
    "cube", requires_grad=st.booleans(), dtype=float_dtypes(), data=tensor_data(shapes(min_side=0))
)
def cube_function(torch, obs, requires_grad, dtype, data):
    shape, flat = data

    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            obs.record("grad mode inside forward", torch.is_grad_enabled())
            inner = a * a
            obs.record("an op inside forward", inner)
            ctx.save_for_backward(a)
            return inner * a

        @staticmethod
        def backward(ctx, grad):
            obs.record("grad mode inside backward", torch.is_grad_enabled())
            obs.record("incoming gradient", grad)
            (a,) = ctx.saved_tensors
            return grad * 3 * a * a

    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_(requires_grad)
    y = Cube.apply(x)
    obs.record("output", y)
    obs.record("grad_fn class name", None if y.grad_fn is None else type(y.grad_fn).__name__)
    if requires_grad:
        (y * 2).sum().backward()
        obs.record("x.grad", x.grad)


SAVED_AND_NEEDS = Rule(
    id="FUNC-002",
    area="function",
    title="ctx.save_for_backward keeps tensors for backward; ctx.needs_input_grad tells which grads to make",
    explanation="""
        Tensors stored with ctx.save_for_backward(...) come back, in order, as ctx.saved_tensors in
        backward (None may be saved too). ctx.needs_input_grad is a tuple with one bool per forward
        argument, True where that argument is a tensor requiring grad; backward may return None for the
        others, and the inputs that do not require grad get no .grad.
    """,
    example="""
        import torch
        class Mul(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                ctx.save_for_backward(a, b)
                return a * b
            @staticmethod
            def backward(ctx, grad):
                a, b = ctx.saved_tensors
                print(ctx.needs_input_grad)
                need_a, need_b = ctx.needs_input_grad
                return (grad * b if need_a else None), (grad * a if need_b else None)
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        Mul.apply(x, torch.tensor([3.0, 4.0])).sum().backward()
        print(x.grad)
    """,
    source=DOCS_EXTENDING,
)


@SAVED_AND_NEEDS.check(
    "two-inputs",
    a_grad=st.booleans(),
    b_grad=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def saved_and_needs_input_grad(torch, obs, a_grad, b_grad, dtype, data):
    shape, flat = data

    class Mul(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, b, scale):
            ctx.save_for_backward(a, None, b)
            ctx.scale = scale
            return a * b * scale

        @staticmethod
        def backward(ctx, grad):
            a, nothing, b = ctx.saved_tensors
            obs.record("saved tensors", (a, nothing, b))
            obs.record("needs_input_grad", ctx.needs_input_grad)
            grad_a = grad * b * ctx.scale if ctx.needs_input_grad[0] else None
            grad_b = grad * a * ctx.scale if ctx.needs_input_grad[1] else None
            return grad_a, grad_b, None

    dt = getattr(torch, dtype)
    a = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_(a_grad)
    b = (torch.tensor(flat, dtype=dt).reshape(shape) + 1).requires_grad_(b_grad)
    out = Mul.apply(a, b, 2.0)
    obs.record("output", out)
    if out.requires_grad:
        out.sum().backward()
    obs.record("grads", (a.grad, b.grad))


@SAVED_AND_NEEDS.check("modified-after-save", dtype=float_dtypes(), data=tensor_data(shapes(min_dims=1)))
def saved_tensor_modified(torch, obs, dtype, data):
    shape, flat = data

    class Scale(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(b)
            return a * b

        @staticmethod
        def backward(ctx, grad):
            (b,) = ctx.saved_tensors
            return grad * b, None

    dt = getattr(torch, dtype)
    a = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    b = torch.ones(shape, dtype=dt)
    out = Scale.apply(a, b)
    obs.record("version before", b._version)
    b.mul_(3)
    obs.record("version after", b._version)
    with obs.raises("backward after the saved tensor changed"):
        out.sum().backward()
    obs.record("a.grad", a.grad)


GRADIENT_COUNT = Rule(
    id="FUNC-003",
    area="function",
    title="backward must return one gradient per forward input (extra trailing Nones are allowed)",
    explanation="""
        backward returns as many values as forward took arguments (ctx excluded), in the same order.
        Too few raise "function <Class>Backward returned an incorrect number of gradients (expected 2,
        got 1)". Extra values are accepted only if they are None; a tensor beyond the inputs is also an
        incorrect number of gradients.
    """,
    example="""
        import torch
        class Add(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a, b):
                return a + b
            @staticmethod
            def backward(ctx, grad):
                return grad
        x = torch.ones(2, requires_grad=True)
        try:
            Add.apply(x, x).sum().backward()
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_EXTENDING,
)


@GRADIENT_COUNT.check(
    "returned-count",
    returned=st.lists(st.sampled_from(["grad", "None"]), min_size=0, max_size=4),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def returned_gradient_count(torch, obs, returned, dtype, data):
    shape, flat = data

    class Add(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            return a + b

        @staticmethod
        def backward(ctx, grad):
            out = tuple(grad if r == "grad" else None for r in returned)
            return out[0] if len(out) == 1 else out

    dt = getattr(torch, dtype)
    a = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    b = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    with obs.raises("backward"):
        Add.apply(a, b).sum().backward()
    obs.record("grads", (a.grad, b.grad))


NON_TENSOR_INPUTS = Rule(
    id="FUNC-004",
    area="function",
    title="Non-tensor forward arguments get None as their gradient",
    explanation="""
        forward may take any Python values besides tensors (numbers, flags, shapes). They have no
        gradient: needs_input_grad is False for them and backward must return None in their position;
        returning a tensor there raises "function <Class>Backward returned a gradient different than None
        at position 2, but the corresponding forward input was not a Variable".
    """,
    example="""
        import torch
        class Scale(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a, k):
                ctx.k = k
                return a * k
            @staticmethod
            def backward(ctx, grad):
                return grad * ctx.k, None
        x = torch.ones(2, requires_grad=True)
        Scale.apply(x, 3.0).sum().backward()
        print(x.grad)
    """,
    source=DOCS_EXTENDING,
)


@NON_TENSOR_INPUTS.check(
    "scale",
    k=st.sampled_from([2, -0.5, 3.0]),
    return_tensor_for_k=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def non_tensor_inputs(torch, obs, k, return_tensor_for_k, dtype, data):
    shape, flat = data

    class Scale(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a, k, negate):
            ctx.k = -k if negate else k
            return a * ctx.k

        @staticmethod
        def backward(ctx, grad):
            obs.record("needs_input_grad", ctx.needs_input_grad)
            return grad * ctx.k, (grad.sum() if return_tensor_for_k else None), None

    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = Scale.apply(x, k, True)
    obs.record("output", y)
    with obs.raises("backward"):
        y.sum().backward()
    obs.record("x.grad", x.grad)


MARK_DIRTY = Rule(
    id="FUNC-005",
    area="function",
    title="ctx.mark_dirty declares an in-place forward; the input becomes the output",
    explanation="""
        A forward that modifies an input in place must say so with ctx.mark_dirty(tensor) and return
        that tensor. The returned object is the input itself, its version counter has gone up, and its
        grad_fn is now the Function's node. As with any in-place operation, a leaf that requires grad
        cannot be modified: "a leaf Variable that requires grad has been used in an in-place operation."
    """,
    example="""
        import torch
        class DoubleInPlace(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                a.mul_(2)
                ctx.mark_dirty(a)
                return a
            @staticmethod
            def backward(ctx, grad):
                return grad * 2
        x = torch.ones(2, requires_grad=True)
        y = x + 0
        out = DoubleInPlace.apply(y)
        print(out is y, y.grad_fn.name())
        out.sum().backward()
        print(x.grad)
    """,
    source=DOCS_CTX,
)


@MARK_DIRTY.check(
    "double-in-place",
    target=st.sampled_from(["nonleaf", "leaf", "plain"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def mark_dirty_in_place(torch, obs, target, dtype, data):
    shape, flat = data

    class DoubleInPlace(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            a.mul_(2)
            ctx.mark_dirty(a)
            return a

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_(target != "plain")
    y = x * 3 if target == "nonleaf" else x
    before = y._version
    with obs.raises("apply"):
        out = DoubleInPlace.apply(y)
        obs.record("output is the input", out is y)
        obs.record("version went up", y._version > before)
        obs.record("input after apply", y)
    if target == "nonleaf":
        (y * y).sum().backward()
        obs.record("x.grad", x.grad)


NON_DIFFERENTIABLE = Rule(
    id="FUNC-006",
    area="function",
    title="ctx.mark_non_differentiable outputs do not require grad; backward still gets a gradient slot",
    explanation="""
        Outputs marked with ctx.mark_non_differentiable (indices, masks, signs) have requires_grad=False
        even though the Function's inputs require grad. backward still receives one gradient per output:
        for a non-differentiable output it is a tensor of zeros, or None after
        ctx.set_materialize_grads(False).
    """,
    example="""
        import torch
        class ValueAndSign(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                sign = a.sign()
                ctx.mark_non_differentiable(sign)
                return a * 2, sign
            @staticmethod
            def backward(ctx, grad, grad_sign):
                print(grad_sign)
                return grad * 2
        x = torch.tensor([-1.0, 2.0], requires_grad=True)
        value, sign = ValueAndSign.apply(x)
        print(value.requires_grad, sign.requires_grad)
        value.sum().backward()
    """,
    source=DOCS_EXTENDING,
)


@NON_DIFFERENTIABLE.check(
    "value-and-sign", materialize=st.booleans(), dtype=float_dtypes(), data=tensor_data(shapes(min_side=0))
)
def non_differentiable_output(torch, obs, materialize, dtype, data):
    shape, flat = data

    class ValueAndSign(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            ctx.set_materialize_grads(materialize)
            sign = a.sign()
            ctx.mark_non_differentiable(sign)
            return a * 2, sign

        @staticmethod
        def backward(ctx, grad, grad_sign):
            obs.record("gradient slot of the non-differentiable output", grad_sign)
            return grad * 2

    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    value, sign = ValueAndSign.apply(x)
    obs.record("outputs", (value, sign))
    value.sum().backward()
    obs.record("x.grad", x.grad)


GRADIENT_VALIDATION = Rule(
    id="FUNC-007",
    area="function",
    title="Gradients returned by backward are summed to the input's shape if they broadcast, and cast",
    explanation="""
        Autograd checks each gradient a custom backward returns against its input. A gradient whose shape
        is the input's shape broadcast to something bigger is summed back to the input's shape; any other
        shape raises "Function <Class>Backward returned an invalid gradient at index 0 - got [2] but
        expected shape compatible with [3]". A gradient of another floating dtype is cast to the input's
        dtype.
    """,
    example="""
        import torch
        class Spread(torch.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a * 2
            @staticmethod
            def backward(ctx, grad):
                return torch.ones(2, 3, dtype=torch.float64)
        x = torch.ones(3, requires_grad=True)
        Spread.apply(x).sum().backward()
        print(x.grad)
    """,
    source=DOCS_EXTENDING,
)


@GRADIENT_VALIDATION.check(
    "returned-shape-and-dtype",
    shapes_pair=broadcastable_shapes(),
    dtype=float_dtypes(),
    grad_dtype=float_dtypes(),
)
def returned_gradient_shape(torch, obs, shapes_pair, dtype, grad_dtype):
    input_shape, grad_shape = shapes_pair

    class Spread(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, grad):
            n = 1
            for side in grad_shape:
                n *= side
            values = [float(i % 5) - 2.0 for i in range(n)]
            return torch.tensor(values, dtype=getattr(torch, grad_dtype)).reshape(grad_shape)

    x = torch.ones(input_shape, dtype=getattr(torch, dtype), requires_grad=True)
    with obs.raises("backward"):
        Spread.apply(x).sum().backward()
    obs.record("x.grad", x.grad)
