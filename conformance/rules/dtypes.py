"""Broadcasting, dtypes and type promotion, and what they mean for gradients."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import (
    INT_DTYPES,
    broadcastable_tensor_data,
    float_dtypes,
    nonempty_shapes,
    scalars,
    shapes,
    tensor_data,
)

DOCS_BROADCASTING = "https://pytorch.org/docs/stable/notes/broadcasting.html"
DOCS_PROMOTION = "https://pytorch.org/docs/stable/tensor_attributes.html#type-promotion-doc"
DOCS_REQUIRES_GRAD = "https://pytorch.org/docs/stable/notes/autograd.html#setting-requires-grad"

BINARY_OPS = st.sampled_from(["add", "sub", "mul", "div", "maximum", "pow"])

BROADCAST_GRADS = Rule(
    id="DTYPE-001",
    area="dtypes",
    title="With broadcasting, each input's gradient is summed back to that input's shape",
    explanation="""
        Binary operations broadcast their operands to a common shape. In backward, the gradient for each
        operand is summed over the dimensions that broadcasting added or stretched, so a.grad always has
        a's shape and b.grad b's shape, whatever the output's shape.
    """,
    example="""
        import torch
        a = torch.ones(2, 3, requires_grad=True)
        b = torch.ones(3, requires_grad=True)
        (a * b).sum().backward()
        print(a.grad.shape, b.grad)
    """,
    source=DOCS_BROADCASTING,
)


@BROADCAST_GRADS.check("pairs", op=BINARY_OPS, dtype=float_dtypes(), pair=broadcastable_tensor_data(0.5, 3.0))
def broadcast_grads(torch, obs, op, dtype, pair):
    (shape_a, flat_a), (shape_b, flat_b) = pair
    dt = getattr(torch, dtype)
    a = torch.tensor(flat_a, dtype=dt).reshape(shape_a).requires_grad_()
    b = torch.tensor(flat_b, dtype=dt).reshape(shape_b).requires_grad_()
    if op == "maximum":
        out = torch.maximum(a, b)
    elif op == "pow":
        out = a**b  # bases are positive: values drawn from [0.5, 3]
    else:
        out = getattr(torch, op)(a, b)
    obs.record("out", out)
    (out * out).sum().backward()
    obs.record("a.grad", a.grad)
    obs.record("b.grad", b.grad)


SCALAR_OPERANDS = Rule(
    id="DTYPE-002",
    area="dtypes",
    title="A Python number operand keeps a float tensor's dtype and gets no gradient",
    explanation="""
        In tensor-with-number arithmetic (x * 2, 3 - x, x ** 2.5, 1 / x) the number takes the tensor's
        floating dtype: float32 stays float32 even though Python floats are double precision. The number
        is a constant, so the gradient flows only to the tensor, in the tensor's dtype.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = 3.5 - x * 2.0
        print(y.dtype, y.grad_fn)
        y.sum().backward()
        print(x.grad)
    """,
    source=DOCS_PROMOTION,
)


@SCALAR_OPERANDS.check(
    "number-operands",
    op=st.sampled_from(["add", "radd", "sub", "rsub", "mul", "rmul", "div", "rdiv", "pow", "rpow"]),
    number=scalars(),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0), low=0.5, high=3.0),
)
def number_operands(torch, obs, op, number, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    k = number if number != 0 else 1  # avoid 0 ** negative and x / 0
    y = {
        "add": lambda: x + k,
        "radd": lambda: k + x,
        "sub": lambda: x - k,
        "rsub": lambda: k - x,
        "mul": lambda: x * k,
        "rmul": lambda: k * x,
        "div": lambda: x / k,
        "rdiv": lambda: k / x,
        "pow": lambda: x**k,
        "rpow": lambda: abs(k) ** x,
    }[op]()
    obs.record("result", y)
    y.sum().backward()
    obs.record("x.grad", x.grad)


MIXED_FLOATS = Rule(
    id="DTYPE-003",
    area="dtypes",
    title="float32 with float64 gives float64, and each gradient has its own input's dtype",
    explanation="""
        Two tensors of different floating dtypes (and both at least 1-d, or both 0-d) promote to the wider
        one: float32 op float64 is float64. Backward casts each gradient back, so a float32 input gets a
        float32 .grad and a float64 input a float64 one. The gradients are computed in the result's
        dtype, so a float64 .grad of a float32 result (a 0-d float64 operand) has float32 precision:
        the checks compare gradient values at the result dtype's tolerance, and their dtypes exactly.
    """,
    example="""
        import torch
        a = torch.ones(2, dtype=torch.float32, requires_grad=True)
        b = torch.ones(2, dtype=torch.float64, requires_grad=True)
        c = a * b
        c.sum().backward()
        print(c.dtype, a.grad.dtype, b.grad.dtype)
    """,
    source=DOCS_PROMOTION,
)


@MIXED_FLOATS.check(
    "float32-float64",
    op=BINARY_OPS,
    swap=st.booleans(),
    pair=broadcastable_tensor_data(0.5, 3.0),
)
def mixed_float_dtypes(torch, obs, op, swap, pair):
    (shape_a, flat_a), (shape_b, flat_b) = pair
    dtype_a, dtype_b = (torch.float64, torch.float32) if swap else (torch.float32, torch.float64)
    a = torch.tensor(flat_a, dtype=dtype_a).reshape(shape_a).requires_grad_()
    b = torch.tensor(flat_b, dtype=dtype_b).reshape(shape_b).requires_grad_()
    if op == "maximum":
        out = torch.maximum(a, b)
    elif op == "pow":
        out = a**b
    else:
        out = getattr(torch, op)(a, b)
    obs.record("out", out)
    out.sum().backward()
    # each .grad's dtype exactly, and its values at the precision they were computed in (out's dtype): a
    # float64 gradient summed in float32 may differ from torch's in float32's last bit, as any float32 sum
    # in another order would
    for name, t in (("a", a), ("b", b)):
        obs.record(f"{name}.grad dtype", t.grad.dtype)
        obs.record(f"{name}.grad", t.grad.to(out.dtype))


INT_WITH_NUMBERS = Rule(
    id="DTYPE-004",
    area="dtypes",
    title="Integer tensors: a float number or true division gives the default float dtype",
    explanation="""
        An integer tensor combined with a Python int stays in its integer dtype; with a Python float, or
        under true division (/), the result is the default floating dtype (float32), while floor division
        (//) stays integer. Multiplying an integer tensor with a float tensor that requires grad gives a
        float result that requires grad; only the float tensor gets a gradient.
    """,
    example="""
        import torch
        i = torch.tensor([1, 2, 3])
        print((i + 1).dtype, (i * 1.5).dtype, (i / 2).dtype, (i // 2).dtype)
        x = torch.ones(3, requires_grad=True)
        (i * x).sum().backward()
        print(x.grad)
    """,
    source=DOCS_PROMOTION,
)


@INT_WITH_NUMBERS.check(
    "int-tensor",
    int_dtype=st.sampled_from(INT_DTYPES),
    op=st.sampled_from(["add", "mul", "truediv", "floordiv", "sub"]),
    number=scalars(1.0, 3.0),
    data=tensor_data(shapes(min_side=0)),
)
def int_tensor_with_numbers(torch, obs, int_dtype, op, number, data):
    shape, flat = data
    i = torch.tensor([int(v) for v in flat], dtype=getattr(torch, int_dtype)).reshape(shape)
    k = number if number != 0 else 2
    result = {
        "add": lambda: i + k,
        "mul": lambda: i * k,
        "truediv": lambda: i / k,
        "floordiv": lambda: i // k,
        "sub": lambda: i - k,
    }[op]()
    obs.record("result", result)


@INT_WITH_NUMBERS.check(
    "int-times-float-tensor",
    int_dtype=st.sampled_from(INT_DTYPES),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def int_times_float_tensor(torch, obs, int_dtype, dtype, data):
    shape, flat = data
    i = torch.tensor([int(v) for v in flat], dtype=getattr(torch, int_dtype)).reshape(shape)
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = i * x
    obs.record("product", y)
    y.sum().backward()
    obs.record("x.grad", x.grad)


ZERO_DIM_OPERANDS = Rule(
    id="DTYPE-005",
    area="dtypes",
    title="A 0-d tensor operand does not widen a dimensioned tensor of the same category",
    explanation="""
        Type promotion treats 0-d tensors like numbers when a dimensioned tensor is present: a float32
        vector times a float64 0-d tensor stays float32, but an integer vector with a float 0-d tensor
        takes the 0-d tensor's float dtype (a higher category). Between two 0-d tensors, ordinary
        promotion applies. Gradients still come back in each input's own dtype (computed in the
        result's, so s.grad below is float64 holding a float32 sum).
    """,
    example="""
        import torch
        v = torch.ones(3, requires_grad=True)
        s = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
        y = v * s
        y.sum().backward()
        print(y.dtype, s.grad)
        print((torch.tensor([1, 2]) * torch.tensor(1.5, dtype=torch.float64)).dtype)
    """,
    source=DOCS_PROMOTION,
)


@ZERO_DIM_OPERANDS.check(
    "zero-dim-float",
    tensor_dtype=float_dtypes(),
    scalar_dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
    scalar=st.floats(-3, 3, width=32),
)
def zero_dim_float_operand(torch, obs, tensor_dtype, scalar_dtype, data, scalar):
    shape, flat = data
    v = torch.tensor(flat, dtype=getattr(torch, tensor_dtype)).reshape(shape).requires_grad_()
    s = torch.tensor(scalar, dtype=getattr(torch, scalar_dtype), requires_grad=True)
    y = v * s + s
    obs.record("y", y)
    y.sum().backward()
    for name, t in (("v", v), ("s", s)):  # values at y's precision, dtypes exactly (see DTYPE-003)
        obs.record(f"{name}.grad dtype", t.grad.dtype)
        obs.record(f"{name}.grad", t.grad.to(y.dtype))


@ZERO_DIM_OPERANDS.check(
    "zero-dim-across-categories",
    int_dtype=st.sampled_from(INT_DTYPES),
    other=st.sampled_from(["float32", "float64", "int32", "int64"]),
    shape=nonempty_shapes(),
)
def zero_dim_across_categories(torch, obs, int_dtype, other, shape):
    i = torch.ones(shape, dtype=getattr(torch, int_dtype))
    s = torch.tensor(2, dtype=getattr(torch, other))
    obs.record("int tensor * 0-d", i * s)
    obs.record("0-d + int tensor", s + i)
    obs.record("int 0-d * 0-d", torch.tensor(3, dtype=getattr(torch, int_dtype)) * s)


INT_NO_GRAD = Rule(
    id="DTYPE-006",
    area="dtypes",
    title="Only floating point (and complex) tensors can require grad",
    explanation="""
        Gradients are only defined for floating point and complex tensors. Asking an integer or bool
        tensor to require grad raises: at creation "Only Tensors of floating point and complex dtype can
        require gradients", and with requires_grad_() "only Tensors of floating point dtype can require
        gradients". Operations with integer results (argmax, comparisons, .long()) on a tensor that
        requires grad give results that do not require grad and have no grad_fn.
    """,
    example="""
        import torch
        try:
            torch.tensor([1, 2], requires_grad=True)
        except RuntimeError as e:
            print(e)
        x = torch.tensor([0.5, -1.0], requires_grad=True)
        print((x > 0).requires_grad, x.argmax().grad_fn)
    """,
    source=DOCS_REQUIRES_GRAD,
)


@INT_NO_GRAD.check(
    "int-and-bool",
    dtype=st.sampled_from(["int32", "int64", "bool", "uint8"]),
    how=st.sampled_from(["constructor", "requires_grad_", "zeros"]),
)
def int_cannot_require_grad(torch, obs, dtype, how):
    dt = getattr(torch, dtype)
    with obs.raises(f"requires grad via {how}"):
        if how == "constructor":
            obs.record("tensor", torch.tensor([1, 0, 1], dtype=dt, requires_grad=True))
        elif how == "requires_grad_":
            obs.record("tensor", torch.tensor([1, 0, 1], dtype=dt).requires_grad_())
        else:
            obs.record("tensor", torch.zeros(3, dtype=dt, requires_grad=True))


@INT_NO_GRAD.check("integer-results", dtype=float_dtypes(), data=tensor_data(nonempty_shapes()))
def integer_results_untracked(torch, obs, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    obs.record("argmax", x.argmax())
    obs.record("x > 0", x > 0)
    obs.record("long()", (x * 2).long())
    obs.record("float back from int", (x * 2).long().to(getattr(torch, dtype)))
    obs.record("floor (stays float)", x.floor())


REDUCTION_DTYPES = Rule(
    id="DTYPE-007",
    area="dtypes",
    title="sum of integers is int64; mean of integers needs an explicit floating dtype",
    explanation="""
        sum() of an integer or bool tensor returns int64, so small integer types do not overflow. mean()
        is only defined for floating (and complex) results: on an integer tensor it raises "mean(): could
        not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long",
        unless dtype= is given. On float tensors both keep the dtype, and the mean of an empty tensor is
        nan.
    """,
    example="""
        import torch
        i = torch.tensor([1, 2], dtype=torch.int32)
        print(i.sum().dtype, i.mean(dtype=torch.float64))
        try:
            torch.tensor([1, 2]).mean()
        except RuntimeError as e:
            print(e)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.mean.html",
)


@REDUCTION_DTYPES.check(
    "sum-and-mean",
    dtype=st.sampled_from(["int32", "int64", "bool", "uint8", "float32", "float64"]),
    mean_dtype=st.sampled_from([None, "float32", "float64"]),
    data=tensor_data(shapes(min_side=0)),
)
def sum_and_mean_dtypes(torch, obs, dtype, mean_dtype, data):
    shape, flat = data
    t = torch.tensor([abs(int(v)) for v in flat], dtype=getattr(torch, dtype)).reshape(shape)  # uint8 too
    obs.record("sum", t.sum())
    with obs.raises("mean"):
        if mean_dtype is None:
            obs.record("mean()", t.mean())
        else:
            obs.record(f"mean(dtype={mean_dtype})", t.mean(dtype=getattr(torch, mean_dtype)))
