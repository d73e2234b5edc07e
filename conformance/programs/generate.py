"""A hypothesis strategy for random autograd programs.

A program is a list of steps; a step is one Python statement over tensor variables ``v0, v1, ...``,
an optimizer ``opt`` and ``torch`` (for example ``"v2 = v0 * v1"``), the opening line of a with-block
(``ENTER_NO_GRAD``, and in extended programs ``ENTER_DUAL_LEVEL`` and ``ENTER_SAVED_HOOKS``) or a
marker ``"<leave KIND>"`` that closes the innermost block of that kind. Programs are plain data, so
hypothesis prints and shrinks them, and the same program means the same thing on every engine.

Each step kind draws its operands from a symbolic ``Model`` of the state, so most steps make sense;
some are drawn on purpose from all variables, so errors (in-place on a leaf, a second backward through
a freed graph, retain_grad on a tensor without grad) get exercised too.
"""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.programs.model import Model, Var, broadcast, promote

ENTER_NO_GRAD = "with torch.no_grad():"
EXIT_NO_GRAD = "<leave no_grad>"
ENTER_DUAL_LEVEL = "with torch.autograd.forward_ad.dual_level():"
EXIT_DUAL_LEVEL = "<leave dual_level>"
# Saved-tensor hooks that change what backward reads, so that running them is observable.
ENTER_SAVED_HOOKS = "with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t * 2.0):"
EXIT_SAVED_HOOKS = "<leave saved_tensors_hooks>"
# The kind of block each opening step opens; "<leave KIND>" closes the innermost block if it is a KIND.
BLOCKS = {ENTER_NO_GRAD: "no_grad", ENTER_DUAL_LEVEL: "dual_level", ENTER_SAVED_HOOKS: "saved_tensors_hooks"}

# Few shapes, so that operands often broadcast and matmul often fits.
SHAPES = [(), (2,), (3,), (1,), (2, 3), (3, 2), (1, 3), (2, 1)]
MAX_NO_GRAD_DEPTH = 2


def _halves():
    """Values like -1.5 or 2.0: readable in a reproducer, and sums of them are exact."""
    return st.integers(-4, 4).map(lambda k: k / 2)


def _values(draw, shape):
    """Nested lists (a float for 0-d) of the given shape."""
    strat = _halves()
    for side in reversed(shape):
        strat = st.lists(strat, min_size=side, max_size=side)
    return draw(strat)


def _tensor_literal(draw, shape, dtype, extra="") -> str:
    dtype_arg = "" if dtype == "float32" else f", dtype=torch.{dtype}"
    return f"torch.tensor({_values(draw, shape)!r}{dtype_arg}{extra})"


def _pick(draw, good: list[Var], everything: list[Var]) -> Var:
    """Mostly a sensible operand; now and then any variable, so error paths are fuzzed too."""
    pool = good if good and draw(st.integers(0, 5)) < 5 else everything
    return draw(st.sampled_from(pool))


def _kwargs(**flags) -> str:
    return "".join(f", {k}={v}" for k, v in flags.items() if v is not None)


# -- step kinds: each returns the step's source and updates the model ----------------------------


def new_leaf(draw, m: Model, requires_grad: bool | None = None) -> str:
    shape = draw(st.sampled_from(SHAPES))
    dtype = draw(st.sampled_from(["float32", "float32", "float32", "float64"]))
    if requires_grad is None:
        requires_grad = draw(st.integers(0, 2)) > 0  # mostly: graphs need leaves that require grad
    var = m.new_leaf(shape, dtype, requires_grad)
    flag = ", requires_grad=True" if requires_grad else ""
    return f"{var.name} = {_tensor_literal(draw, shape, dtype, flag)}"


UNARY = ["{} * 2.0", "-{}", "{}.exp()", "{}.tanh()", "{}.sigmoid()", "{}.relu()", "{} ** 2", "{}.sin()"]
UNARY += ["{}.abs()", "{}.clone()"]


def unary(draw, m: Model) -> str:
    a = draw(st.sampled_from(m.vars))
    form = draw(st.sampled_from(UNARY))
    out = m.result(a.shape, a.dtype, a)
    return f"{out.name} = {form.format(a.name)}"


def binary(draw, m: Model) -> str:
    a = draw(st.sampled_from(m.vars))
    b = draw(st.sampled_from([v for v in m.vars if broadcast(a.shape, v.shape) is not None]))
    op = draw(st.sampled_from(["+", "*", "-"]))
    out = m.result(broadcast(a.shape, b.shape), promote(a.dtype, b.dtype), a, b)
    return f"{out.name} = {a.name} {op} {b.name}"


def reduce(draw, m: Model) -> str:
    a = draw(st.sampled_from(m.vars))
    forms = [("{}.sum()", ()), ("{}.mean()", ())]
    if a.dims:
        forms.append(("{}.sum(0)", a.shape[1:]))
    form, shape = draw(st.sampled_from(forms))
    out = m.result(shape, a.dtype, a)
    return f"{out.name} = {form.format(a.name)}"


def view(draw, m: Model) -> str:
    """reshape and t(): in torch these are views, so later in-place ops on them reach the base."""
    a = draw(st.sampled_from(m.vars))
    form, shape = draw(
        st.sampled_from([("{}.reshape(-1)", (_numel(a.shape),)), ("{}.t()", tuple(reversed(a.shape)))])
    )
    out = m.result(shape, a.dtype, a)
    return f"{out.name} = {form.format(a.name)}"


def index(draw, m: Model) -> str:
    """Indexing with an integer: a view too."""
    a = draw(st.sampled_from([v for v in m.vars if v.dims]))
    i = draw(st.integers(0, a.shape[0] - 1))
    out = m.result(a.shape[1:], a.dtype, a)
    return f"{out.name} = {a.name}[{i}]"


def _numel(shape) -> int:
    n = 1
    for side in shape:
        n *= side
    return n


def _matmul_pairs(m: Model) -> list[tuple[Var, Var]]:
    return [
        (a, b)
        for a in m.vars
        for b in m.vars
        if a.dims in (1, 2) and b.dims in (1, 2) and a.shape[-1] == b.shape[0] and a.dtype == b.dtype
    ]


def matmul(draw, m: Model) -> str:
    a, b = draw(st.sampled_from(_matmul_pairs(m)))
    out = m.result(a.shape[:-1] + b.shape[1:], a.dtype, a, b)
    return f"{out.name} = {a.name} @ {b.name}"


def detach(draw, m: Model) -> str:
    a = draw(st.sampled_from(m.vars))
    out = m.new_leaf(a.shape, a.dtype, requires_grad=False)
    return f"{out.name} = {a.name}.detach()"


def retain_grad(draw, m: Model) -> str:
    a = _pick(draw, [v for v in m.vars if v.requires_grad and not v.is_leaf], m.vars)
    return f"{a.name}.retain_grad()"


def requires_grad(draw, m: Model) -> str:
    a = _pick(draw, [v for v in m.vars if v.is_leaf and not v.requires_grad], m.vars)
    if a.is_leaf:
        a.requires_grad = True
    return f"{a.name}.requires_grad_()"


def enter_no_grad(draw, m: Model) -> str:
    m.blocks.append("no_grad")
    return ENTER_NO_GRAD


def exit_no_grad(draw, m: Model) -> str:
    m.blocks.pop()
    return EXIT_NO_GRAD


def _in_place_targets(m: Model) -> list[Var]:
    return [v for v in m.vars if not v.is_leaf or not v.requires_grad or not m.grad_enabled]


def in_place(draw, m: Model) -> str:
    """add_/mul_ on tensors where torch allows it (non-leaves; leaves without grad or under no_grad)."""
    a = _pick(draw, _in_place_targets(m), m.vars)
    method = draw(st.sampled_from(["add_", "mul_"]))
    fitting = [v for v in m.vars if broadcast(a.shape, v.shape) == a.shape]
    other = draw(st.sampled_from([None, *fitting]))
    if other is None:
        return f"{a.name}.{method}({draw(st.sampled_from(['1.0', '2.0', '-0.5']))})"
    if m.grad_enabled and other.requires_grad and not (a.is_leaf and a.requires_grad):
        a.requires_grad, a.is_leaf = True, False
    return f"{a.name}.{method}({other.name})"


def backward(draw, m: Model) -> str:
    a = _pick(draw, m.needing_grad(), m.vars)
    retain = draw(st.sampled_from([None, True, True, False]))  # mostly True: more backwards get through
    forms = ["sum", "gradient"] + (["plain"] if a.shape == () else [])
    form = draw(st.sampled_from(forms))
    for v in m.needing_grad():
        v.has_grad = v.has_grad or v.is_leaf
    args = [] if retain is None else [f"retain_graph={retain}"]
    if form == "gradient":
        args.insert(0, _tensor_literal(draw, a.shape, a.dtype))
    root = f"{a.name}.sum()" if form == "sum" else a.name
    return f"{root}.backward({', '.join(args)})"


def autograd_grad(draw, m: Model) -> str:
    out = _pick(draw, m.needing_grad(), m.vars)
    in_graph = [v for v in m.vars if v.name in out.ancestors or v is out]
    candidates = in_graph if draw(st.integers(0, 5)) < 5 else m.needing_grad() or m.vars
    inputs = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique_by=lambda v: v.name))
    retain = draw(st.sampled_from([None, True]))
    create = draw(st.sampled_from([None, True]))
    unused = draw(st.sampled_from([None, True]))
    target = out.name if out.shape == () else f"{out.name}.sum()"
    results = [m.new_leaf(v.shape, v.dtype, requires_grad=bool(create)) for v in inputs]
    for r in results:
        r.is_leaf = not create  # with create_graph the grads are part of a graph themselves
    names = ", ".join(r.name for r in results)
    flags = _kwargs(retain_graph=retain, create_graph=create, allow_unused=unused)
    return f"[{names}] = torch.autograd.grad({target}, [{', '.join(v.name for v in inputs)}]{flags})"


def zero_grad(draw, m: Model) -> str:
    a = _pick(draw, [v for v in m.vars if v.has_grad], m.vars)
    if draw(st.booleans()):
        a.has_grad = False
        return f"{a.name}.grad = None"
    return f"{a.name}.grad.zero_()"


def hook(draw, m: Model) -> str:
    a = _pick(draw, m.needing_grad(), m.vars)
    factor = draw(st.sampled_from(["2.0", "0.5", "-1.0", "3.0"]))
    return f"{a.name}.register_hook(lambda g: g * {factor})"


# -- the steps of extended programs: forward AD, node hooks, saved-tensor hooks, optimizers ---------


def enter_dual_level(draw, m: Model) -> str:
    m.blocks.append("dual_level")
    return ENTER_DUAL_LEVEL


def exit_block(draw, m: Model) -> str:
    """Close the innermost block, whatever its kind."""
    kind = m.blocks.pop()
    if kind == "dual_level":
        for v in m.vars:  # leaving the level drops every tangent
            v.dual = False
    return f"<leave {kind}>"


def _floats(m: Model) -> list[Var]:
    return [v for v in m.vars if v.dtype.startswith("float")]


def make_dual(draw, m: Model) -> str:
    """A dual tensor from a variable and a literal tangent (its shape, sometimes another dtype)."""
    a = draw(st.sampled_from(_floats(m)))
    tangent_dtype = a.dtype if draw(st.integers(0, 4)) else "float64"
    out = m.result(a.shape, a.dtype, a)
    out.dual = True
    tangent = _tensor_literal(draw, a.shape, tangent_dtype)
    return f"{out.name} = torch.autograd.forward_ad.make_dual({a.name}, {tangent})"


def unpack_tangent(draw, m: Model) -> str:
    a = _pick(draw, [v for v in m.vars if v.dual], m.vars)
    out = m.new_leaf(a.shape, a.dtype, requires_grad=False)
    return f"{out.name} = torch.autograd.forward_ad.unpack_dual({a.name}).tangent"


def enter_saved_hooks(draw, m: Model) -> str:
    m.blocks.append("saved_tensors_hooks")
    return ENTER_SAVED_HOOKS


def _non_leaves(m: Model) -> list[Var]:
    return [v for v in m.vars if v.requires_grad and not v.is_leaf]


def node_hook(draw, m: Model) -> str:
    """A hook on a node that scales the gradients the node computed (its grad_inputs)."""
    a = _pick(draw, _non_leaves(m), m.vars)
    factor = draw(st.sampled_from(["2.0", "0.5", "-1.0"]))
    scaled = f"tuple(None if g is None else g * {factor} for g in gi)"
    return f"{a.name}.grad_fn.register_hook(lambda gi, go: {scaled})"


def node_prehook(draw, m: Model) -> str:
    """A prehook on a node that scales the gradients the node receives (its grad_outputs)."""
    a = _pick(draw, _non_leaves(m), m.vars)
    factor = draw(st.sampled_from(["2.0", "0.5", "-1.0"]))
    scaled = f"tuple(None if g is None else g * {factor} for g in go)"
    return f"{a.name}.grad_fn.register_prehook(lambda go: {scaled})"


def make_optimizer(draw, m: Model) -> str:
    leaves = [v for v in m.vars if v.is_leaf and v.requires_grad]
    chosen = draw(st.lists(st.sampled_from(leaves), min_size=1, max_size=2, unique_by=lambda v: v.name))
    m.has_optimizer = True
    kind = draw(
        st.sampled_from(["SGD(params, lr=0.1)", "SGD(params, lr=0.1, momentum=0.9)", "Adam(params, lr=0.1)"])
    )
    return f"opt = torch.optim.{kind.replace('params', '[' + ', '.join(v.name for v in chosen) + ']')}"


def optimizer_step(draw, m: Model) -> str:
    return draw(
        st.sampled_from(["opt.step()", "opt.zero_grad()", "opt.step()", "opt.zero_grad(set_to_none=False)"])
    )


# Each kind with when it applies and how often it is drawn. Shrinking moves towards the first entry.
KINDS = [
    (new_leaf, lambda m: True, 3),
    (unary, lambda m: m.vars, 2),
    (binary, lambda m: m.vars, 3),
    (reduce, lambda m: m.vars, 1),
    (view, lambda m: m.vars, 1),
    (index, lambda m: any(v.dims for v in m.vars), 1),
    (matmul, lambda m: _matmul_pairs(m), 1),
    (detach, lambda m: m.vars, 1),
    (retain_grad, lambda m: m.vars, 1),
    (requires_grad, lambda m: m.vars, 1),
    (enter_no_grad, lambda m: m.no_grad_depth < MAX_NO_GRAD_DEPTH, 2),
    (exit_no_grad, lambda m: m.blocks[-1:] == ["no_grad"], 2),
    (in_place, _in_place_targets, 2),
    (backward, lambda m: m.needing_grad(), 8),
    (autograd_grad, lambda m: m.needing_grad(), 2),
    (zero_grad, lambda m: m.vars, 1),
    (hook, lambda m: m.needing_grad(), 1),
]

# The steps extended programs add: dual tensors, node hooks, saved-tensor hooks and optimizer steps.
EXTENDED_KINDS = [
    (enter_dual_level, lambda m: not m.in_dual_level and _floats(m), 4),
    (exit_block, lambda m: m.blocks, 3),
    (make_dual, lambda m: m.in_dual_level and _floats(m), 12),
    (unpack_tangent, lambda m: m.in_dual_level and m.vars, 5),
    (enter_saved_hooks, lambda m: "saved_tensors_hooks" not in m.blocks, 2),
    (node_hook, _non_leaves, 3),
    (node_prehook, _non_leaves, 3),
    (make_optimizer, lambda m: not m.has_optimizer and any(v.is_leaf and v.requires_grad for v in m.vars), 3),
    (optimizer_step, lambda m: m.has_optimizer, 4),
]


# Inside a dual level or a block of saved-tensor hooks, extended programs mostly compute (and make
# duals), so that what the block changes is used before the block ends.
INSIDE_BLOCK_KINDS = {
    "dual_level": [
        (make_dual, _floats, 4),
        (unpack_tangent, lambda m: m.vars, 2),
        (unary, lambda m: m.vars, 3),
    ]
    + [(binary, lambda m: m.vars, 3), (reduce, lambda m: m.vars, 1), (exit_block, lambda m: m.blocks, 1)],
    "saved_tensors_hooks": [
        (unary, lambda m: m.vars, 3),
        (binary, lambda m: m.vars, 3),
        (matmul, _matmul_pairs, 1),
    ]
    + [
        (reduce, lambda m: m.vars, 1),
        (exit_block, lambda m: m.blocks, 2),
        (backward, lambda m: m.needing_grad(), 1),
    ],
}


def _weighted(kinds):
    return [(kind, applies) for kind, applies, weight in kinds for _ in range(weight)]


_WEIGHTED_KINDS = _weighted(KINDS)
_WEIGHTED_EXTENDED = _weighted(KINDS + EXTENDED_KINDS)
_WEIGHTED_INSIDE = {kind: _weighted(kinds) for kind, kinds in INSIDE_BLOCK_KINDS.items()}


@st.composite
def _step(draw, model: Model, extended: bool = False) -> str:
    """One step, drawn as one hypothesis span (its choices are contiguous), so the shrinker can
    delete whole steps."""
    if not extended:
        kinds = _WEIGHTED_KINDS
    else:
        kinds = _WEIGHTED_INSIDE.get(model.blocks[-1] if model.blocks else None, _WEIGHTED_EXTENDED)
    kind, applies = draw(st.sampled_from(kinds))
    if applies(model):
        return kind(draw, model)
    # A kind that does not fit the state yet (backward before any tensor needs grad) makes a leaf
    # that needs grad instead. Every choice keeps its meaning whatever came before, which helps the
    # shrinker delete earlier steps.
    return new_leaf(draw, model, requires_grad=True)


@st.composite
def programs(draw, max_steps: int = 12, extended: bool = False) -> list[str]:
    """A random autograd program of 1 to max_steps steps (see the module docstring); ``extended``
    programs also use forward AD, node hooks, saved-tensor hooks and optimizers."""
    model = Model()
    if not extended:
        return [draw(_step(model)) for _ in range(draw(st.integers(1, max_steps)))]
    # Extended programs start from two leaves that need grad, so that the new kinds apply at once, and
    # end with a backward pass (and an optimizer step, if there is an optimizer), so that what hooks
    # and saved-tensor hooks do to it shows.
    start = [new_leaf(draw, model, requires_grad=True) for _ in range(2)]
    steps = [draw(_step(model, extended)) for _ in range(draw(st.integers(1, max_steps)))]
    return start + steps + [backward(draw, model)] + (["opt.step()"] if model.has_optimizer else [])
