"""The bodies of the op checks generated from torch's op database (``conformance.ops.opdb``).

This module is also a reproducer's source: a failing check's script is this file followed by a call
with the failing sample written as literals. So it uses the standard library only, and every engine
call goes through the ``torch`` it is given (the real torch, or the backend under test).

A *sample* is plain data, ``{"input": ..., "args": (...), "kwargs": {...}}``, in which a tensor is
written ``{"tensor": [dtype, shape, flat values, requires_grad]}`` and other torch values as
``{"dtype": "float32"}``, ``{"size": [2, 3]}``, ``{"slice": [0, None, 2]}`` and so on (see ``build``);
real dicts are ``{"dict": {...}}``. An op is named by a *call*:

- ``"torch.nn.functional.relu"``: a function of the engine's namespace;
- ``"Tensor.abs_"``: a method of the sample's input;
- ``"operator.iadd"``: a Python operator applied to the sample's input and arguments;
- ``"lambda x, n, **kwargs: torch.polygamma(n, x, **kwargs)"``: the database's own wrapper, verbatim.

What the engine lacks (a function, a method, a dtype, forward-mode AD) raises ``NotApplicable``
naming it: the check is not applicable to that engine rather than failed.
"""

import ast
import builtins
import operator
import random

try:
    from conformance.backends import NotApplicable
except ImportError:  # a reproducer run where the suite is not installed

    class NotApplicable(BaseException):  # noqa: N818 (the suite's name for it)
        def __init__(self, reason):
            super().__init__(reason)
            self.reason = reason


def need(torch, path):
    """``torch.<path>`` on the engine, or NotApplicable naming it."""
    found = torch
    for part in path.split("."):
        try:
            found = getattr(found, part)
        except AttributeError:
            raise NotApplicable(f"the backend has no torch.{path}") from None
    return found


def build(torch, value, mark=None):
    """The engine's value for an encoded sample value. Tensors are fresh leaves; those the sample
    marks as requiring grad are passed through ``mark`` (requires_grad_, make_dual) when given."""
    if isinstance(value, dict) and len(value) == 1:
        ((kind, data),) = value.items()
        if kind == "tensor":
            dtype, shape, flat, requires_grad = data
            t = torch.tensor(flat, dtype=need(torch, dtype)).reshape(shape)
            return mark(t) if requires_grad and mark is not None else t
        if kind == "dtype" or kind == "memory_format" or kind == "layout":
            return need(torch, data)
        if kind == "size":
            return need(torch, "Size")(data)
        if kind == "device":
            return need(torch, "device")(data)
        if kind == "slice":
            return slice(*data)
        if kind == "ellipsis":
            return ...
        if kind == "complex":
            return complex(*data)
        if kind == "dict":
            return {k: build(torch, v, mark) for k, v in data.items()}
        if kind == "object":  # an options dataclass or a module of torch's, by its constructor arguments
            path, arguments = data
            return need(torch, path)(**build(torch, arguments, mark))
        raise ValueError(f"unknown encoded value {kind!r}")
    if isinstance(value, list):
        return [build(torch, v, mark) for v in value]
    if isinstance(value, tuple):
        return tuple(build(torch, v, mark) for v in value)
    return value


def unpack(torch, sample, mark=None):
    """``(input, args, kwargs)`` of a sample, built on the engine."""
    return (
        build(torch, sample["input"], mark),
        build(torch, sample["args"], mark),
        build(torch, sample["kwargs"], mark),
    )


def is_tensor(value):
    return hasattr(value, "shape") and hasattr(value, "requires_grad") and not isinstance(value, type)


def tensors_in(value):
    """The tensors in a value (looking into tuples, lists and dicts), in order."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if is_tensor(item):
            found.append(item)
        elif isinstance(item, (tuple, list)):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
    return found


def lambda_needs(source):
    """What a lambda from the database uses: ``torch.<path>`` names, and the attributes it reads of
    anything else (its tensors' methods, such as ``x.clone().resize_``)."""
    paths, attributes, inside_torch_paths = [], [], set()
    for node in ast.walk(ast.parse(source, mode="eval")):
        if not isinstance(node, ast.Attribute) or id(node) in inside_torch_paths:
            continue
        chain, inner, parts = [node.attr], node.value, [node]
        while isinstance(inner, ast.Attribute):
            chain.append(inner.attr)
            parts.append(inner)
            inner = inner.value
        if isinstance(inner, ast.Name) and inner.id == "torch":
            paths.append(".".join(reversed(chain)))
            inside_torch_paths.update(id(p) for p in parts)
        else:
            attributes.append(node.attr)
    return paths, attributes


def op_callable(torch, call):
    """The callable a call names, as ``f(input, *args, **kwargs)`` on the engine."""
    if call.startswith("Tensor."):
        name = call[len("Tensor.") :]

        def method(self, *args, **kwargs):
            if is_tensor(self) and not hasattr(self, name):
                raise NotApplicable(f"the backend's tensors have no method {name}")
            return getattr(self, name)(*args, **kwargs)

        return method
    if call.startswith("operator."):
        name = call[len("operator.") :]
        dunder = f"__{name.rstrip('_')}__"  # operator.and_ is a & b: Tensor.__and__

        def python_operator(first, *args):
            if is_tensor(first) and not hasattr(first, dunder):
                raise NotApplicable(f"the backend's tensors have no {dunder} (the operator of {call})")
            return getattr(operator, name)(first, *args)

        return python_operator
    if call.startswith("lambda"):
        paths, attributes = lambda_needs(call)
        for path in paths:
            need(torch, path)

        def passed_through(op, *args, **kwargs):  # the database's RNG wrapper: we seed before every call
            return op(*args, **kwargs)

        wrapped = eval(call, {"torch": torch, "wrapper_set_seed": passed_through, "__builtins__": builtins})

        def with_attributes(first, *args, **kwargs):
            for name in attributes:
                if is_tensor(first) and not hasattr(first, name):
                    raise NotApplicable(f"the backend's tensors have no attribute {name}")
            return wrapped(first, *args, **kwargs)

        return with_attributes
    return need(torch, call[len("torch.") :])


def invoke(torch, obs, label, fn, inp, args, kwargs, random=False):
    """Call the op (a ``random`` one with torch's RNG seeded first); an exception is recorded (both
    engines must raise alike). Returns a one-element list holding the output, or [] when it raised."""
    if random:
        need(torch, "manual_seed")(0)
    result = []
    with obs.raises(label):
        result.append(fn(inp, *args, **kwargs))
    return result


def shown(value, values=True):
    """What is compared of an output. A sparse tensor shows its layout and its dense values; without
    ``values`` (outputs torch itself does not reproduce, such as uninitialized memory) every tensor
    shows only its shape and dtype."""
    if is_tensor(value):
        layout = str(getattr(value, "layout", "torch.strided"))
        if not values:
            return ("tensor", tuple(int(s) for s in value.shape), str(value.dtype))
        return value if layout == "torch.strided" else (layout, value.to_dense())
    if isinstance(value, (tuple, list)):
        return tuple(shown(v, values) for v in value)
    return value


def materialized(tensors):
    """clone() of each tensor (None stays None): torch hands out some zero gradients and tangents as
    lazy "zero tensors" whose values cannot be read until they are copied."""
    return [None if t is None else t.clone() for t in tensors]


def noise(torch, like, seed, index):
    """A reproducible tensor of ``like``'s shape and dtype: an upstream gradient or a tangent."""
    rng = random.Random(f"{seed}:{index}")
    n = 1
    for side in like.shape:
        n *= int(side)
    values = [rng.randint(-8, 8) / 4 for _ in range(n)]
    return torch.tensor(values, dtype=like.dtype).reshape(tuple(like.shape))


# -- the check bodies --------------------------------------------------------------------------


def forward(torch, obs, calls, sample, values=True, inplace=False, random=False):
    """Each call on a fresh copy of the sample: the output (values, dtype, shape, flags) or the error;
    for an in-place call also whether it returned its input, and the input afterwards."""
    for call in calls:
        fn = op_callable(torch, call)
        inp, args, kwargs = unpack(torch, sample, mark=lambda t: t.requires_grad_())
        result = invoke(torch, obs, call, fn, inp, args, kwargs, random)
        if result:
            out = result[0]
            obs.record(f"{call}: output", shown(out, values))
            if inplace:
                obs.record(f"{call}: returned its input", out is inp)
                obs.record(f"{call}: input afterwards", shown(inp, values))


def backward(torch, obs, call, sample, seed, random=False):
    """Gradients of the outputs that require grad, for reproducible upstream gradients, with respect
    to every input the sample marks as requiring grad (None where torch says unused)."""
    grad = need(torch, "autograd.grad")
    fn = op_callable(torch, call)
    inp, args, kwargs = unpack(torch, sample, mark=lambda t: t.requires_grad_())
    leaves = [t for t in tensors_in([inp, args, kwargs]) if t.requires_grad]
    result = invoke(torch, obs, call, fn, inp, args, kwargs, random)
    if not result:
        return
    outs = [t for t in tensors_in(result[0]) if t.requires_grad]
    obs.record("outputs that require grad", len(outs))
    if outs:
        upstream = [noise(torch, t, seed, i) for i, t in enumerate(outs)]
        with obs.raises("autograd.grad"):
            obs.record("gradients", materialized(grad(outs, leaves, upstream, allow_unused=True)))


def grad_fn(torch, obs, call, sample, random=False):
    """Each output's requires_grad and grad_fn (its name and the names of its next_functions)."""
    fn = op_callable(torch, call)
    inp, args, kwargs = unpack(torch, sample, mark=lambda t: t.requires_grad_())
    result = invoke(torch, obs, call, fn, inp, args, kwargs, random)
    if result:
        obs.record("outputs", [(t.requires_grad, t.grad_fn) for t in tensors_in(result[0])])


def forward_ad(torch, obs, call, sample, seed, random=False):
    """Forward-mode AD: the tangents of the outputs for reproducible tangents of the inputs the sample
    marks as differentiable, through torch.autograd.forward_ad's dual tensors."""
    fw = need(torch, "autograd.forward_ad")
    fn = op_callable(torch, call)
    with fw.dual_level():
        duals = []

        def dual(t):
            duals.append(fw.make_dual(t, noise(torch, t, seed, len(duals))))
            return duals[-1]

        inp, args, kwargs = unpack(torch, sample, mark=dual)
        result = invoke(torch, obs, call, fn, inp, args, kwargs, random)
        if result:
            obs.record("tangents", materialized([fw.unpack_dual(t)[1] for t in tensors_in(result[0])]))


def gradgrad(torch, obs, call, sample, seed, random=False):
    """Second order: the gradient of (first-order gradients . v) with respect to the inputs, the
    first-order gradients taken with create_graph=True."""
    grad = need(torch, "autograd.grad")
    fn = op_callable(torch, call)
    inp, args, kwargs = unpack(torch, sample, mark=lambda t: t.requires_grad_())
    leaves = [t for t in tensors_in([inp, args, kwargs]) if t.requires_grad]
    result = invoke(torch, obs, call, fn, inp, args, kwargs, random)
    if not result:
        return
    outs = [t for t in tensors_in(result[0]) if t.requires_grad]
    if not outs:
        obs.record("outputs that require grad", 0)
        return
    upstream = [noise(torch, t, seed, i) for i, t in enumerate(outs)]
    firsts = []
    with obs.raises("autograd.grad(create_graph=True)"):
        firsts = [
            g for g in grad(outs, leaves, upstream, create_graph=True, allow_unused=True) if g is not None
        ]
    differentiable = [g for g in firsts if g.requires_grad]
    obs.record("first-order gradients that require grad", len(differentiable))
    if differentiable:
        v = [noise(torch, g, seed + 1, i) for i, g in enumerate(differentiable)]
        with obs.raises("second autograd.grad"):
            obs.record(
                "second-order gradients", materialized(grad(differentiable, leaves, v, allow_unused=True))
            )
