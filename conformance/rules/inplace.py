"""In-place operations: version counters, what autograd forbids, and how the graph is rewritten."""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.strategies import (
    broadcastable_tensor_data,
    float_dtypes,
    nonempty_shapes,
    shapes,
    tensor_data,
)

DOCS_INPLACE = "https://pytorch.org/docs/stable/notes/autograd.html#in-place-operations-with-autograd"
DOCS_VERSION = "https://pytorch.org/docs/stable/notes/autograd.html#in-place-correctness-checks"
DERIVATIVES_YAML = "https://github.com/pytorch/pytorch/blob/main/tools/autograd/derivatives.yaml"

STEPS = st.lists(
    st.sampled_from(["add_", "mul_", "zero_", "fill_", "setitem", "iadd", "clamp_", "copy_", "add", "clone"]),
    min_size=1,
    max_size=6,
)

VERSION_COUNTER = Rule(
    id="INPLACE-001",
    area="inplace",
    title="Every in-place operation bumps the tensor's version counter, which views share",
    explanation="""
        Each tensor carries a version counter (tensor._version) that goes up by one with every in-place
        operation (add_, mul_, zero_, +=, item assignment, copy_ ...). Out-of-place operations leave it
        alone. Views (view, slicing, transpose, detach) share the counter with their base, so modifying
        either is seen by both; a clone has its own. Autograd uses the counter to detect saved tensors
        that were modified (INPLACE-003).
    """,
    example="""
        import torch
        x = torch.zeros(4)
        v = x.view(2, 2)
        print(x._version)
        v.add_(1)
        x[0] = 5
        print(x._version, v._version, x.clone()._version)
    """,
    source=DOCS_VERSION,
)


@VERSION_COUNTER.check("steps", steps=STEPS, dtype=float_dtypes(), data=tensor_data(shapes(min_side=0)))
def version_steps(torch, obs, steps, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    obs.record("fresh version", x._version)
    for step in steps:
        if step == "add_":
            x.add_(1)
        elif step == "mul_":
            x.mul_(2)
        elif step == "zero_":
            x.zero_()
        elif step == "fill_":
            x.fill_(0.5)
        elif step == "setitem":
            x[...] = 3.0
        elif step == "iadd":
            x += 1
        elif step == "clamp_":
            x.clamp_(-1, 1)
        elif step == "copy_":
            x.copy_(x * 0 + 2)
        elif step == "add":
            obs.record("out-of-place result's version", (x + 1)._version)
        else:
            obs.record("clone's version", x.clone()._version)
        obs.record(f"after {step}", (x._version, x))


@VERSION_COUNTER.check(
    "views-share",
    view=st.sampled_from(["view", "slice", "transpose", "detach", "reshape"]),
    modify_view=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(nonempty_shapes()),
)
def views_share_version(torch, obs, view, modify_view, dtype, data):
    shape, flat = data
    base = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape)
    if view == "view":
        v = base.view(-1)
    elif view == "slice":
        v = base[0]
    elif view == "transpose":
        v = base.transpose(0, -1)
    elif view == "detach":
        v = base.detach()
    else:
        v = base.reshape(shape)
    copy = base.clone()
    (v if modify_view else base).mul_(3)
    obs.record("versions: base, view, clone", (base._version, v._version, copy._version))
    obs.record("base", base)
    obs.record("view", v)


LEAF_IN_PLACE = Rule(
    id="INPLACE-002",
    area="inplace",
    title="In-place on a leaf that requires grad fails in grad mode and works under no_grad",
    explanation="""
        A leaf that requires grad cannot be changed in place while grad mode is on: autograd would lose
        the value it needs to differentiate, so torch raises "a leaf Variable that requires grad is being
        used in an in-place operation" (or "a view of a leaf Variable ..." for its views) and leaves the
        tensor as it was. Under torch.no_grad() the update is allowed and is what an optimizer step does
        (w -= lr * w.grad): afterwards w is still a leaf that requires grad and has no grad_fn.
    """,
    example="""
        import torch
        w = torch.ones(3, requires_grad=True)
        (w * w).sum().backward()
        try:
            w -= 0.1 * w.grad
        except RuntimeError as e:
            print(e)
        with torch.no_grad():
            w -= 0.1 * w.grad
        print(w, w.is_leaf, w.grad_fn)
    """,
    source=DOCS_INPLACE,
)


@LEAF_IN_PLACE.check(
    "sgd-step",
    op=st.sampled_from(["add_", "mul_", "zero_", "isub", "setitem", "copy_"]),
    lr=st.sampled_from([0.5, 0.1, 0.01]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def leaf_sgd_step(torch, obs, op, lr, dtype, data):
    shape, flat = data
    w = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()

    def modify(t):
        if op == "add_":
            t.add_(1)
        elif op == "mul_":
            t.mul_(2)
        elif op == "zero_":
            t.zero_()
        elif op == "isub":
            t -= 1
        elif op == "setitem":
            t[...] = 0.0
        else:
            t.copy_(t * 0)

    with obs.raises(f"{op} in grad mode"):
        modify(w)
    obs.record("w after the refused op", (w._version, w))
    (w * w).sum().backward()
    with torch.no_grad():
        w -= lr * w.grad
        modify(w)
    obs.record("w after the no_grad update", w)
    obs.record("w.grad", w.grad)


@LEAF_IN_PLACE.check("views-of-a-leaf", dtype=float_dtypes(), data=tensor_data(nonempty_shapes()))
def leaf_views_in_place(torch, obs, dtype, data):
    shape, flat = data
    w = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    with obs.raises("in-place on a view of the leaf"):
        w[0].mul_(2)
    with torch.no_grad():
        quiet_view = w[0]
    with obs.raises("in-place in grad mode on a view made under no_grad"):
        quiet_view.mul_(2)
    with torch.no_grad():
        w[0].mul_(2)
    obs.record("w after view and in-place both under no_grad", w)


SAVED_TENSOR_MODIFIED = Rule(
    id="INPLACE-003",
    area="inplace",
    title="Modifying a tensor saved for backward makes backward fail, with the versions in the message",
    explanation="""
        Many operations save tensors for their backward: sin saves its input, exp, tanh and sigmoid their
        output, pow its input. Changing such a tensor in place afterwards bumps its version counter, and
        backward() refuses to use stale values: "one of the variables needed for gradient computation has
        been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of AddBackward0,
        is at version 1; expected version 0 instead. ..." The forward itself succeeds; the error comes at
        backward time.
    """,
    example="""
        import torch
        x = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)
        y = x.exp()
        y.add_(1)
        try:
            y.sum().backward()
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_VERSION,
)


@SAVED_TENSOR_MODIFIED.check(
    "modify-then-backward",
    op=st.sampled_from(["exp", "tanh", "sigmoid", "sin-of-intermediate", "pow-of-intermediate"]),
    modify=st.sampled_from(["add_", "mul_", "zero_"]),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def modify_saved_then_backward(torch, obs, op, modify, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    if op in ("exp", "tanh", "sigmoid"):
        saved = out = getattr(x, op)()  # these save their result
    else:
        saved = x * 2
        out = saved.sin() if op.startswith("sin") else saved**2
    getattr(saved, modify)(*([] if modify == "zero_" else [3]))
    obs.record("modified tensor", saved)
    with obs.raises("backward"):
        out.sum().backward()
    obs.record("x.grad", x.grad)


UNSAVED_INPUTS = Rule(
    id="INPLACE-004",
    area="inplace",
    title="Modifying a tensor the operation did not save is fine",
    explanation="""
        Only tensors an operation saves for backward are checked. Addition saves nothing, so both its
        inputs may be changed in place afterwards. Multiplication a * b saves b only if a needs a
        gradient, and a only if b needs one (tools/autograd/derivatives.yaml): changing the factor that
        was not saved is harmless, changing a saved one makes backward fail.
    """,
    example="""
        import torch
        w = torch.ones(3, requires_grad=True)
        a = w * 2
        b = torch.full((3,), 5.0)
        out = a * b
        a.add_(1)  # a was not saved: b needs no grad
        out.sum().backward()
        print(w.grad)
    """,
    source=DERIVATIVES_YAML,
)


@UNSAVED_INPUTS.check(
    "add-and-mul",
    op=st.sampled_from(["add", "mul"]),
    modify=st.sampled_from(["a", "b"]),
    b_requires_grad=st.booleans(),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0)),
)
def modify_unsaved_inputs(torch, obs, op, modify, b_requires_grad, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    w = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    v = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_(b_requires_grad)
    a = w * 2
    b = v + 1 if b_requires_grad else v
    out = a + b if op == "add" else a * b
    (a if modify == "a" else b).mul_(0.5)
    with obs.raises("backward"):
        out.sum().backward()
    obs.record("w.grad", w.grad)
    obs.record("v.grad", v.grad)


NONLEAF_GRAD_FN = Rule(
    id="INPLACE-005",
    area="inplace",
    title="In-place on a non-leaf rewrites its grad_fn, and gradients follow the new history",
    explanation="""
        A tensor computed from others may be changed in place in grad mode. It stays the same Python
        object, but its grad_fn becomes the in-place operation's node (MulBackward0 becomes AddBackward0
        after add_, and so on), with the old grad_fn as its input. backward() then differentiates the
        whole chain, in-place steps included, unless a step saved its own result (exp_ does) and a later
        in-place step changed it (INPLACE-003).
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x * 2
        print(y.grad_fn)
        y.add_(1)
        y.mul_(3)
        print(y.grad_fn, y.grad_fn.next_functions)
        y.sum().backward()
        print(x.grad)
    """,
    source=DOCS_INPLACE,
)


@NONLEAF_GRAD_FN.check(
    "chain",
    steps=st.lists(
        st.sampled_from(["add_", "mul_", "sub_", "div_", "neg_", "exp_", "pow_"]), min_size=1, max_size=4
    ),
    dtype=float_dtypes(),
    data=tensor_data(shapes(min_side=0), low=-1.0, high=1.0),
)
def nonleaf_in_place_chain(torch, obs, steps, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 2
    same = y
    obs.record("before", y)
    for step in steps:
        if step in ("neg_", "exp_"):
            getattr(y, step)()
        elif step == "pow_":
            y.pow_(2)
        else:
            getattr(y, step)(1.5)
        obs.record(f"after {step}", y)
    obs.record("still the same object", y is same)
    with obs.raises("backward"):  # exp_ saves its result: a later in-place step invalidates it
        y.sum().backward()
    obs.record("x.grad", x.grad)


AUGMENTED_ASSIGNMENT = Rule(
    id="INPLACE-006",
    area="inplace",
    title="`y += t` is in place, unlike `y = y + t`, and cannot change y's shape or dtype",
    explanation="""
        Augmented assignment on a tensor calls the in-place method: the tensor object is kept, its
        version goes up and (for a non-leaf) its grad_fn changes. `y = y + t` builds a new tensor and
        leaves the old one untouched. Because the result is written into y, broadcasting may not grow
        y ("output with shape [3] doesn't match the broadcast shape [2, 3]"), and the result type must
        fit y's dtype ("result type Float can't be cast to the desired output type Long").
    """,
    example="""
        import torch
        x = torch.ones(3, requires_grad=True)
        y = x * 1
        alias = y
        y += 2
        print(alias is y, y._version, y.grad_fn)
        try:
            y += torch.ones(2, 3)
        except RuntimeError as e:
            print(e)
    """,
    source="https://pytorch.org/docs/stable/tensor_view.html",
)


@AUGMENTED_ASSIGNMENT.check(
    "iadd-vs-add", dtype=float_dtypes(), pair=broadcastable_tensor_data(), in_place=st.booleans()
)
def augmented_vs_plain(torch, obs, dtype, pair, in_place):
    (shape_a, flat_a), (shape_b, flat_b) = pair
    dt = getattr(torch, dtype)
    x = torch.tensor(flat_a, dtype=dt).reshape(shape_a).requires_grad_()
    t = torch.tensor(flat_b, dtype=dt).reshape(shape_b).requires_grad_()
    y = x * 1
    before = y
    with obs.raises("y += t" if in_place else "y = y + t"):
        if in_place:
            y += t
        else:
            y = y + t
    obs.record("same object as before", y is before)
    obs.record("old object", (before._version, before))
    obs.record("y", y)
    y.sum().backward()
    obs.record("grads", (x.grad, t.grad))


@AUGMENTED_ASSIGNMENT.check(
    "int-tensor", int_dtype=st.sampled_from(["int32", "int64"]), operand=st.sampled_from([2, 1.5, True])
)
def augmented_int_tensor(torch, obs, int_dtype, operand):
    i = torch.tensor([1, 2, 3], dtype=getattr(torch, int_dtype))
    with obs.raises(f"i += {operand!r}"):
        i += operand
    obs.record("i", (i._version, i))
    with obs.raises(f"i * {operand!r} (out of place)"):
        obs.record("product", i * operand)


SETITEM = Rule(
    id="INPLACE-007",
    area="inplace",
    title="Item assignment is an in-place copy recorded as CopySlices",
    explanation="""
        `t[i] = value` copies into a slice of t in place. If value requires grad, t becomes a non-leaf
        that requires grad, with grad_fn CopySlices (named "torch::autograd::CopySlices"), and gradients
        flow into value; the overwritten elements get zero gradient from the rest of the graph. The same
        happens on a non-leaf (its old history stays an input of CopySlices). On a leaf that requires
        grad the assignment is refused, like any in-place operation on it.
    """,
    example="""
        import torch
        w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        t = torch.zeros(3)
        t[1] = w[0] * 5
        print(t.requires_grad, t.is_leaf, t.grad_fn.name())
        t.sum().backward()
        print(w.grad)
    """,
    source="https://pytorch.org/docs/stable/notes/autograd.html#in-place-operations-with-autograd",
)


@SETITEM.check(
    "into-plain-tensor",
    index=st.integers(0, 3),
    scale=st.sampled_from([2.0, -1.0, 0.5]),
    dtype=float_dtypes(),
    data=tensor_data(nonempty_shapes()),
)
def setitem_into_plain(torch, obs, index, scale, dtype, data):
    shape, flat = data
    dt = getattr(torch, dtype)
    w = torch.tensor(flat, dtype=dt).reshape(shape).requires_grad_()
    t = torch.zeros(shape, dtype=dt)
    i = index % shape[0]
    t[i] = w[i] * scale
    obs.record("t", t)
    (t * t).sum().backward()
    obs.record("w.grad", w.grad)


@SETITEM.check(
    "into-nonleaf-and-leaf",
    index=st.integers(0, 3),
    dtype=float_dtypes(),
    data=tensor_data(nonempty_shapes()),
)
def setitem_into_nonleaf(torch, obs, index, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    i = index % shape[0]
    y = x * 3
    y[i] = 0.0
    obs.record("y", y)
    y.sum().backward()
    obs.record("x.grad", x.grad)
    with obs.raises("assigning into the leaf"):
        x[i] = 1.0
    obs.record("x", x)


VIEW_OF_NONLEAF = Rule(
    id="INPLACE-008",
    area="inplace",
    title="In-place on a view of a non-leaf rewrites the base's history too",
    explanation="""
        A view shares memory with its base, so an in-place change through the view changes the base.
        Autograd follows: the base's grad_fn becomes CopySlices, and backward() through the base
        differentiates the in-place step for the viewed elements only.
    """,
    example="""
        import torch
        x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 2
        y[1:].mul_(3)
        print(y, y.grad_fn.name())
        y.sum().backward()
        print(x.grad)
    """,
    source=DOCS_INPLACE,
)


@VIEW_OF_NONLEAF.check(
    "modify-through-view",
    view=st.sampled_from(["first", "tail", "flat"]),
    dtype=float_dtypes(),
    data=tensor_data(nonempty_shapes()),
)
def modify_through_view(torch, obs, view, dtype, data):
    shape, flat = data
    x = torch.tensor(flat, dtype=getattr(torch, dtype)).reshape(shape).requires_grad_()
    y = x * 2
    if view == "first":
        v = y[0]
    elif view == "tail":
        v = y[1:]
    else:
        v = y.view(-1)
    v.mul_(3)
    obs.record("base after the view changed", y)
    obs.record("versions: base, view", (y._version, v._version))
    (y * y).sum().backward()
    obs.record("x.grad", x.grad)


EXPANDED = Rule(
    id="INPLACE-009",
    area="inplace",
    title="In-place arithmetic refuses an expanded tensor, such as the gradient sum() hands back",
    explanation="""
        expand() makes no copy: several elements share one memory location (stride 0). The gradient
        that sum() passes back is such a tensor, an expanded view of one number, and so is what a hook
        or autograd.grad() gives you for it. In-place arithmetic, copy_ and item assignment into it fail
        ("more than one element of the written-to tensor refers to a single memory location"); fill_ and
        zero_ are allowed and write through to the shared memory. clone() first to get a tensor of your
        own.
    """,
    example="""
        import torch
        x = torch.ones(3, requires_grad=True)
        g, = torch.autograd.grad(x.sum(), x)
        try:
            g.add_(1)
        except RuntimeError as e:
            print(e)
        print(g.clone().add_(1))
        base = torch.zeros(2, 1)
        base.expand(2, 3).fill_(7)
        print(base)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.Tensor.expand.html",
)


@EXPANDED.check(
    "write-into-expanded",
    source=st.sampled_from(["expand", "grad-of-sum", "hook-on-sum"]),
    op=st.sampled_from(["add_", "mul_", "copy_", "setitem", "fill_", "zero_", "clone-then-add_"]),
    dtype=float_dtypes(),
    rows=st.integers(1, 3),
    cols=st.integers(2, 4),
)
def write_into_expanded(torch, obs, source, op, dtype, rows, cols):
    dt = getattr(torch, dtype)

    def write(t):
        if op == "add_":
            return t.add_(1)
        if op == "mul_":
            return t.mul_(2)
        if op == "copy_":
            return t.copy_(torch.ones(t.shape, dtype=dt))
        if op == "setitem":
            t[0] = 5.0
            return t
        if op == "fill_":
            return t.fill_(3)
        if op == "zero_":
            return t.zero_()
        return t.clone().add_(1)

    if source == "expand":
        base = torch.ones(rows, 1, dtype=dt)
        with obs.raises(f"{op} on base.expand(rows, cols)"):
            obs.record("result", write(base.expand(rows, cols)))
        obs.record("base afterwards", base)
    elif source == "grad-of-sum":
        x = torch.ones(rows, cols, dtype=dt, requires_grad=True)
        (g,) = torch.autograd.grad(x.sum(), x)
        with obs.raises(f"{op} on the gradient of sum()"):
            obs.record("result", write(g))
        obs.record("gradient afterwards", g)
    else:
        x = torch.ones(rows, cols, dtype=dt, requires_grad=True)
        x.register_hook(lambda g: write(g) * 1)
        with obs.raises(f"{op} inside a hook on the gradient of sum()"):
            x.sum().backward()
        obs.record("x.grad", x.grad)


NO_GRAD_VIEW = Rule(
    id="INPLACE-010",
    area="inplace",
    title="A view made under no_grad is unusable once its base is changed in place with grad mode on",
    explanation="""
        A view made inside no_grad() is not tracked. If its base (or another view of that base) is then
        changed in place with grad mode on, that change is recorded for the base, and autograd cannot
        tell whether the untracked view should share the new history. torch refuses to guess: from then
        on, anything that needs the view's grad_fn (reading grad_fn or is_leaf, using the view in an op)
        raises "A view was created in no_grad mode and its base or another view of its base has been
        modified inplace with grad mode enabled". requires_grad, values and detach() still work. Make
        the view and the in-place change both inside no_grad() or both outside it.
    """,
    example="""
        import torch
        x = torch.ones(3, requires_grad=True)
        y = x * 2
        with torch.no_grad():
            v = y[:2]
        y.add_(1)
        print(v.requires_grad, v.detach())
        try:
            v.grad_fn
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_INPLACE,
)


@NO_GRAD_VIEW.check(
    "view-then-base-in-place",
    view=st.sampled_from(["slice", "index", "reshape", "t"]),
    written=st.sampled_from(["base", "another view"]),
    write_mode=st.sampled_from(["grad mode on", "no_grad"]),
    dtype=float_dtypes(),
)
def view_then_base_in_place(torch, obs, view, written, write_mode, dtype):
    x = torch.ones(2, 3, dtype=getattr(torch, dtype), requires_grad=True)
    y = x * 2
    with torch.no_grad():
        v = {"slice": lambda: y[:1], "index": lambda: y[0], "reshape": lambda: y.reshape(-1), "t": y.t}[
            view
        ]()
    target = y if written == "base" else y[1]
    if write_mode == "no_grad":
        with torch.no_grad():
            target.add_(1)
    else:
        target.add_(1)
    obs.record("versions: base, view", (y._version, v._version))
    obs.record("v.requires_grad", v.requires_grad)
    obs.record("v.detach()", v.detach())
    with obs.raises("reading v.grad_fn"):
        obs.record("v.grad_fn", v.grad_fn)
    with obs.raises("reading v.is_leaf"):
        obs.record("v.is_leaf", v.is_leaf)
    with obs.raises("v * 2"):
        obs.record("v * 2", v * 2)
    with obs.raises("backward through the base"):
        y.sum().backward()
        obs.record("x.grad", x.grad)
