"""backward(): when the gradient argument may be omitted, what shape it must have, and what it means."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import broadcastable_shapes, float_dtypes, shapes, tensor_data

DOCS_BACKWARD = "https://pytorch.org/docs/stable/generated/torch.Tensor.backward.html"
DOCS_AUTOGRAD_BACKWARD = "https://pytorch.org/docs/stable/generated/torch.autograd.backward.html"

SCALAR_ROOT = Rule(
    id="BWD-001",
    area="backward",
    title="backward() on a scalar needs no argument and fills every leaf's .grad",
    explanation="""
        For a scalar (0-d) result, backward() uses an implicit gradient of 1 and computes the
        derivative of that scalar with respect to every leaf that requires grad, storing it in .grad.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        w = torch.tensor(2.0, requires_grad=True)
        loss = (w * x * x).sum()
        loss.backward()
        print(x.grad, w.grad)
    """,
    claim=5,
    verdict="agrees",
    source=DOCS_BACKWARD,
)


@SCALAR_ROOT.check(
    "reductions",
    reduce=st.sampled_from(["sum", "mean"]),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def scalar_root(torch, obs, reduce, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.tensor(1.5, dtype=dt, requires_grad=True)
    loss = getattr(w * x * x, reduce)()
    obs.record("loss", loss)
    with obs.raises("backward()"):
        loss.backward()
    obs.record("x.grad", x.grad)
    obs.record("w.grad", w.grad)


IMPLICIT_GRADIENT = Rule(
    id="BWD-002",
    area="backward",
    title="The gradient may be omitted exactly when the output has one element",
    explanation="""
        "Scalar" means one element: backward() without a gradient works for shapes like (), (1,) or
        (1, 1). Any other output, an empty one included, raises
        "grad can be implicitly created only for scalar outputs".
    """,
    example="""
        import torch
        x = torch.ones(1, 1, requires_grad=True)
        (x * 2).backward()
        print(x.grad)
        try:
            (torch.ones(3, requires_grad=True) * 2).backward()
        except RuntimeError as e:
            print(e)
    """,
    claim=5,
    verdict="agrees",
    source=DOCS_BACKWARD,
)


@IMPLICIT_GRADIENT.check("shapes", dtype=float_dtypes(), shape=shapes(min_side=0, max_side=2))
def implicit_gradient(torch, obs, dtype, shape):
    x = torch.full(shape, 2.0, dtype=getattr(torch, dtype), requires_grad=True)
    y = x * 3
    with obs.raises("backward() without gradient"):
        y.backward()
    obs.record("x.grad", x.grad)


EXACT_SHAPE = Rule(
    id="BWD-003",
    area="backward",
    title="backward(gradient) needs exactly the output's shape; a broadcastable shape is an error",
    explanation="""
        The article says the gradient argument may have the output's shape "or a broadcastable shape".
        Torch checks the shape exactly: a gradient that would broadcast (say (3,) for an output of shape
        (2, 3), or (1,) for a 0-d output) raises "Mismatch in shape: grad_output[0] has a shape of ...".
    """,
    example="""
        import torch
        x = torch.ones(2, 3, requires_grad=True)
        y = x * 2
        try:
            y.backward(torch.ones(3))
        except RuntimeError as e:
            print(e)
        y.backward(torch.ones(2, 3))
        print(x.grad)
    """,
    claim=5,
    verdict="differs: the gradient must have exactly the output's shape; broadcastable shapes raise",
    source="https://github.com/pytorch/pytorch/blob/main/torch/autograd/__init__.py",
)


@EXACT_SHAPE.check("broadcastable", dtype=float_dtypes(), pair=broadcastable_shapes())
def broadcastable_gradient(torch, obs, dtype, pair):
    out_shape, grad_shape = pair
    dt = getattr(torch, dtype)
    x = torch.ones(out_shape, dtype=dt, requires_grad=True)
    y = x * 2
    with obs.raises("backward(gradient)"):
        y.backward(torch.full(grad_shape, 3.0, dtype=dt))
    obs.record("x.grad", x.grad)


VECTOR_JACOBIAN = Rule(
    id="BWD-004",
    area="backward",
    title="y.backward(v) computes the vector-Jacobian product: the same as (y * v).sum().backward()",
    explanation="""
        For a non-scalar y, the gradient argument v weights each output element: the leaves receive
        v^T J, the gradient of the scalar (y * v).sum(). Passing ones gives the gradient of y.sum().
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        (x * x).backward(torch.tensor([1.0, 10.0]))
        print(x.grad)
    """,
    source=DOCS_BACKWARD,
)


@VECTOR_JACOBIAN.check(
    "weights",
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
    weight=st.floats(-2, 2, width=32),
)
def vector_jacobian(torch, obs, dtype, data, weight):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    v = torch.tensor(flat, dtype=dt).reshape(shape) * weight + 1
    x.sin().mul(x).backward(v)
    obs.record("via backward(v)", x.grad)
    x.grad = None
    (x.sin().mul(x) * v).sum().backward()
    obs.record("via (y * v).sum()", x.grad)


NOTHING_TO_DIFFERENTIATE = Rule(
    id="BWD-005",
    area="backward",
    title="backward() on a tensor that doesn't require grad raises; on a leaf that does, it sets .grad",
    explanation="""
        backward() needs a tensor that requires grad. Without one there is no graph, and torch raises
        "element 0 of tensors does not require grad and does not have a grad_fn". A leaf that
        requires grad can be the root itself: its .grad becomes the gradient passed in.
    """,
    example="""
        import torch
        try:
            torch.ones(2).sum().backward()
        except RuntimeError as e:
            print(e)
        x = torch.ones(2, requires_grad=True)
        x.backward(torch.tensor([3.0, 4.0]))
        print(x.grad)
    """,
    source=DOCS_BACKWARD,
)


@NOTHING_TO_DIFFERENTIATE.check("untracked", dtype=float_dtypes(), data=tensor_data())
def untracked_backward(torch, obs, dtype, data):
    shape, flat = data
    t = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    with obs.raises("sum().backward()"):
        (t * 2).sum().backward()
    with obs.raises("backward(ones)"):
        t.backward(torch.ones(shape, dtype=getattr(torch, dtype)))
    obs.record("t.grad", t.grad)


@NOTHING_TO_DIFFERENTIATE.check("leaf-root", dtype=float_dtypes(), data=tensor_data())
def leaf_as_root(torch, obs, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.zeros(shape, dtype=dt, requires_grad=True)
    gradient = torch.tensor(flat, dtype=dt).reshape(shape)
    x.backward(gradient)
    obs.record("x.grad", x.grad)
    gradient.add_(1)  # .grad is a copy: changing the tensor passed in afterwards does not show
    obs.record("x.grad after changing the gradient passed", x.grad)


INPUTS_ARGUMENT = Rule(
    id="BWD-006",
    area="backward",
    title="backward(inputs=...) only accumulates into the listed tensors",
    explanation="""
        With inputs=[...], backward() computes and stores gradients for those tensors only; other leaves
        keep their .grad. A non-leaf listed in inputs gets its .grad filled too (and reports
        retains_grad). An empty list is an error.
    """,
    example="""
        import torch
        x = torch.ones(2, requires_grad=True)
        w = torch.ones(2, requires_grad=True)
        h = x * 3
        (h * w).sum().backward(inputs=[w, h])
        print(x.grad, w.grad, h.grad)
    """,
    source=DOCS_BACKWARD,
)


@INPUTS_ARGUMENT.check(
    "subsets",
    chosen=st.lists(st.sampled_from(["x", "w", "h"]), min_size=1, max_size=3, unique=True),
    dtype=float_dtypes(),
    data=tensor_data(),
)
def inputs_subset(torch, obs, chosen, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    x = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    w = torch.full(shape, 0.5, dtype=dt, requires_grad=True)
    h = x * 3
    named = {"x": x, "w": w, "h": h}
    (h * w).sum().backward(inputs=[named[n] for n in chosen])
    obs.record("x.grad", x.grad)
    obs.record("w.grad", w.grad)
    obs.record("h.retains_grad", h.retains_grad)
    with obs.warns("reading h.grad"):
        obs.record("h.grad", h.grad)
    with obs.raises("inputs=[]"):
        (h * w).sum().backward(inputs=[])


SEVERAL_ROOTS = Rule(
    id="BWD-007",
    area="backward",
    title="autograd.backward() takes several roots with one gradient each and sums their contributions",
    explanation="""
        torch.autograd.backward(tensors, grad_tensors) backpropagates from all roots at once and adds the
        results in the leaves' .grad. Each root needs its gradient (None is allowed for one-element roots);
        a count mismatch raises "got N tensors and M gradients".
    """,
    example="""
        import torch
        a = torch.ones(2, requires_grad=True)
        torch.autograd.backward([a * 2, (a * 3).sum()], grad_tensors=[torch.tensor([1.0, 2.0]), None])
        print(a.grad)
    """,
    source=DOCS_AUTOGRAD_BACKWARD,
)


@SEVERAL_ROOTS.check(
    "roots",
    count=st.integers(1, 3),
    dtype=float_dtypes(),
    data=tensor_data(),
    scalar_with_none=st.booleans(),
)
def several_roots(torch, obs, count, dtype, data, scalar_with_none):
    shape, flat = data
    dt = getattr(torch, dtype)
    a = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    roots = [a * (k + 2) for k in range(count)]
    grads = [torch.full(shape, k + 1.0, dtype=dt) for k in range(count)]
    roots.append((a * a).sum())
    grads.append(None if scalar_with_none else torch.tensor(1.0, dtype=dt))
    with obs.raises("backward(several roots)"):
        torch.autograd.backward(roots, grad_tensors=grads)
    obs.record("a.grad", a.grad)
    with obs.raises("too few gradients"):
        torch.autograd.backward([a * 2, a * 3], grad_tensors=[torch.ones(shape, dtype=dt)])
    with obs.raises("no gradients for non-scalar roots"):
        torch.autograd.backward([a * 2, a * 3])
