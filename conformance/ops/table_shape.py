"""Shape ops and views: reshape, view, transpose/t, permute, expand, squeeze, unsqueeze, flatten, cat,
stack, clone, contiguous, to/float/double."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.ops import forms as K
from conformance.ops import inputs as I
from conformance.ops.opinfo import OpInfo


def _a(draw, dtype, a_shape):
    return {"a": I.tensor(draw, dtype, a_shape)}


def _reshape_inputs(draw, dtype, form):
    a_shape = I.shape(draw, min_dims=2 if "transpose" in form else 0)
    return _a(draw, dtype, a_shape), {"shape": I.reshape_target(draw, a_shape)}


def _wrong_size(draw, form):
    a_shape = I.shape(draw, empty=False)
    return _a(draw, "float32", a_shape), {"shape": (I.numel(a_shape) + draw(st.integers(1, 3)),)}


def _transposed_2d(draw, form):
    a_shape = (draw(st.integers(2, 4)), draw(st.integers(2, 4)))
    return _a(draw, "float32", a_shape), {}


RESHAPE = OpInfo(
    name="RESHAPE",
    title="reshape: a view when the layout allows it, a copy otherwise",
    explanation="""reshape returns a view (ViewBackward0) of a contiguous tensor and copies a non-contiguous
    one (UnsafeViewBackward0 after CloneBackward0). One size may be -1 and is inferred.""",
    doc="torch.reshape",
    forms=(
        "a.reshape({shape})",
        "torch.reshape(a, {shape})",
        "a.reshape(-1)",
        "a.transpose(0, 1).reshape({shape})",
    ),
    inputs=_reshape_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.reshape({shape})", _wrong_size), ("a.reshape(-1, -1)", K.valid_dim)),
    example="a.reshape(3, 2)",
)

VIEW = OpInfo(
    name="VIEW",
    title="view: same data, new shape; fails on a layout it cannot express",
    explanation="""view never copies: it needs the sizes to multiply to the element count and a stride-
    compatible layout, so viewing a transposed matrix flat is an error that suggests reshape.""",
    doc="torch.Tensor.view",
    forms=("a.view({shape})", "a.view(-1)"),
    inputs=_reshape_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(
        ("a.view({shape})", _wrong_size),
        ("a.t().view(-1)", _transposed_2d),
        ("a.view(-1, -1)", K.valid_dim),
    ),
    example="a.view(6)",
)


def _transpose_inputs(draw, dtype, form):
    if "{d2}" in form:
        return K.unary()(draw, dtype, form)
    return _a(draw, dtype, I.shape(draw, max_dims=2)), {}  # t() takes at most 2 dims


def _three_dims(draw, form):
    return _a(draw, "float32", I.shape(draw, min_dims=3, empty=False)), {}


def _bad_second_dim(draw, form):
    a_shape = I.shape(draw, min_dims=1, empty=False)
    return _a(draw, "float32", a_shape), {"d": I.bad_dim(draw, len(a_shape))}


TRANSPOSE = OpInfo(
    name="TRANSPOSE",
    title="transpose(d0, d1) and t(): swapping two dims is a view",
    explanation="""transpose swaps two dims (TransposeBackward0) without copying; t() is transpose(0, 1)
    for at most 2 dims (TBackward0) and refuses more.""",
    doc="torch.transpose",
    forms=("torch.transpose(a, {d}, {d2})", "a.transpose({d}, {d2})", "a.t()", "torch.t(a)"),
    inputs=_transpose_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.transpose(0, {d})", _bad_second_dim), ("a.t()", _three_dims)),
    example="a.t()",
)


def _permute_inputs(draw, dtype, form):
    a_shape = I.shape(draw, min_dims=1)
    perm = draw(st.permutations(range(len(a_shape))))
    perm = tuple(d - len(a_shape) if draw(st.booleans()) else d for d in perm)
    return _a(draw, dtype, a_shape), {"perm": perm, "args": ", ".join(map(str, perm))}


def _bad_perm(draw, form):
    a_shape = I.shape(draw, min_dims=2, empty=False)
    repeated = (0,) * len(a_shape)
    short = tuple(range(len(a_shape) - 1))
    return _a(draw, "float32", a_shape), {"perm": draw(st.sampled_from([repeated, short]))}


PERMUTE = OpInfo(
    name="PERMUTE",
    title="permute: reorder all dims (a view)",
    explanation="""permute takes one entry per dim, each once (negative allowed); PermuteBackward0 applies
    the inverse permutation to the gradient.""",
    doc="torch.permute",
    forms=("a.permute({perm})", "a.permute({args})", "torch.permute(a, {perm})"),
    inputs=_permute_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.permute({perm})", _bad_perm),),
    example="a.permute(1, 0)",
)


def _expand_inputs(draw, dtype, form):
    a_shape = tuple(draw(st.lists(st.sampled_from([1, 1, 2, 3]), max_size=3)))
    target = [
        draw(st.sampled_from([1, 3])) if side == 1 else draw(st.sampled_from([side, -1])) for side in a_shape
    ]
    leading = draw(st.lists(st.integers(0, 3), min_size=0 if target else 1, max_size=2))
    shape = tuple(leading + target)
    return _a(draw, dtype, a_shape), {"shape": shape, "args": ", ".join(map(str, shape))}


def _bad_expand(draw, form):
    a_shape = (*I.shape(draw, empty=False), draw(st.integers(2, 3)))
    fewer, grown_side = a_shape[1:], (*a_shape[:-1], a_shape[-1] + 1)
    target = draw(st.sampled_from([fewer, grown_side]))
    return _a(draw, "float32", a_shape), {"shape": target}


EXPAND = OpInfo(
    name="EXPAND",
    title="expand: broadcast size-1 dims (and new leading dims) without copying",
    explanation="""expand repeats size-1 dims as a view (-1 keeps a size); backward sums the gradient
    over the expanded dims. Non-singleton sizes cannot change.""",
    doc="torch.Tensor.expand",
    forms=("a.expand({shape})", "a.expand({args})"),
    inputs=_expand_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.expand({shape})", _bad_expand),),
    example="a[:1].expand(3, 3)",
)


def _squeeze_inputs(draw, dtype, form):
    a_shape = tuple(
        draw(st.lists(st.sampled_from([1, 1, 2, 3]), min_size=2 if "{d2}" in form else 0, max_size=3))
    )
    fields = {}
    if "{d2}" in form:
        fields["d"], fields["d2"] = I.two_dims(draw, len(a_shape))
    else:
        fields["d"] = I.dim(draw, len(a_shape))
    return _a(draw, dtype, a_shape), fields


SQUEEZE = OpInfo(
    name="SQUEEZE",
    title="squeeze: drop size-1 dims (all, one, or a tuple)",
    explanation="""squeeze() drops every size-1 dim, squeeze(d) only dim d if its size is 1 (otherwise it
    is a no-op view), and squeeze((d0, d1)) several.""",
    doc="torch.squeeze",
    forms=("a.squeeze()", "a.squeeze({d})", "torch.squeeze(a, {d})", "a.squeeze(({d}, {d2}))"),
    inputs=_squeeze_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.squeeze({d})", K.bad_dim),),
    example="a[:1].squeeze(0)",
)


def _unsqueeze_inputs(draw, dtype, form):
    a_shape = I.shape(draw)
    return _a(draw, dtype, a_shape), {"d": draw(st.integers(-len(a_shape) - 1, len(a_shape)))}


def _bad_unsqueeze(draw, form):
    a_shape = I.shape(draw, empty=False)
    return _a(draw, "float32", a_shape), {"d": draw(st.sampled_from([len(a_shape) + 1, -len(a_shape) - 2]))}


UNSQUEEZE = OpInfo(
    name="UNSQUEEZE",
    title="unsqueeze: insert a size-1 dim (dims range over ndim + 1 positions)",
    explanation="unsqueeze(d) adds a size-1 dim at d, counted in the result: d ranges over [-ndim-1, ndim].",
    doc="torch.unsqueeze",
    forms=("a.unsqueeze({d})", "torch.unsqueeze(a, {d})"),
    inputs=_unsqueeze_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.unsqueeze({d})", _bad_unsqueeze),),
    example="a.unsqueeze(1)",
)


def _flatten_inputs(draw, dtype, form):
    a_shape = I.shape(draw)
    n = max(len(a_shape), 1)
    lo, hi = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2)))
    return _a(draw, dtype, a_shape), {"d": I.dim(draw, len(a_shape)), "lo": lo, "hi": hi - n}


def _start_after_end(draw, form):
    return _a(draw, "float32", I.shape(draw, min_dims=2, empty=False)), {}


FLATTEN = OpInfo(
    name="FLATTEN",
    title="flatten: merge a range of dims (a 0-d tensor becomes 1-d)",
    explanation="""flatten(start, end) merges dims start..end into one, as a view when possible; a 0-d tensor
    flattens to shape (1,).""",
    doc="torch.flatten",
    forms=("a.flatten()", "torch.flatten(a)", "a.flatten({d})", "torch.flatten(a, {lo}, {hi})"),
    inputs=_flatten_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.flatten({d})", K.bad_dim), ("a.flatten(1, 0)", _start_after_end)),
    example="a.flatten()",
)


def _joined_inputs(draw, dtype, form, stack):
    """Tensors a, b(, c) that cat along {d} (same sizes elsewhere) or stack (same shapes)."""
    names = ("a", "b", "c") if K.uses(form, "c") else ("a", "b")
    base = I.shape(draw, min_dims=0 if stack else 1)
    if stack:
        d = draw(st.integers(-len(base) - 1, len(base)))
    else:
        d = I.dim(draw, len(base)) if "{d}" in form else 0
    tensors = {}
    for name in names:
        own = list(base)
        if not stack:
            own[d] = draw(st.integers(0, 3))
        tensors[name] = I.tensor(draw, dtype, tuple(own))
    return tensors, {"d": d}


def _mismatched_list(draw, form):
    a_shape = I.shape(draw, min_dims=2, empty=False)
    b_shape = (a_shape[0], a_shape[1] + 1, *a_shape[2:]) if draw(st.booleans()) else a_shape[1:]
    return {"a": I.tensor(draw, "float32", a_shape), "b": I.tensor(draw, "float32", b_shape)}, {"d": 0}


def _nothing(draw, form):
    return {}, {}


CAT = OpInfo(
    name="CAT",
    title="cat: join tensors along an existing dim",
    explanation="""cat needs the same number of dims and equal sizes except along the joined dim (which may
    be 0); CatBackward0 slices the gradient back into pieces.""",
    doc="torch.cat",
    forms=("torch.cat([a, b])", "torch.cat([a, b, c], dim={d})", "torch.cat((a, b), {d})"),
    inputs=lambda draw, dtype, form: _joined_inputs(draw, dtype, form, stack=False),
    dtypes=I.FLOATS_AND_INT,
    errors=(("torch.cat([a, b], dim={d})", _mismatched_list), ("torch.cat([])", _nothing)),
    example="torch.cat([a, a * 2], dim=1)",
)

STACK = OpInfo(
    name="STACK",
    title="stack: join equal-shaped tensors along a new dim",
    explanation="""stack inserts a new dim (ranging over ndim + 1 positions, so 0-d tensors stack into 1-d)
    and needs identical shapes; StackBackward0 unbinds the gradient.""",
    doc="torch.stack",
    forms=("torch.stack([a, b])", "torch.stack([a, b, c], dim={d})", "torch.stack((a, b), {d})"),
    inputs=lambda draw, dtype, form: _joined_inputs(draw, dtype, form, stack=True),
    dtypes=I.FLOATS_AND_INT,
    errors=(("torch.stack([a, b], dim={d})", _mismatched_list), ("torch.stack([])", _nothing)),
    example="torch.stack([a, a * 2])",
)

CLONE = OpInfo(
    name="CLONE",
    title="clone: a copy that stays in the graph",
    explanation="clone copies the data but stays in the graph: CloneBackward0 passes the gradient through.",
    doc="torch.clone",
    forms=("a.clone()", "torch.clone(a)"),
    inputs=K.unary(),
    dtypes=I.FLOATS_AND_INT,
    example="a.clone()",
)

CONTIGUOUS = OpInfo(
    name="CONTIGUOUS",
    title="contiguous: the tensor itself if already contiguous, else a copy",
    explanation="""contiguous() returns self (same grad_fn, a leaf stays a leaf) when the layout is already
    contiguous, and a CloneBackward0 copy of a transposed tensor.""",
    doc="torch.Tensor.contiguous",
    forms=("a.contiguous()", "a.transpose(0, -1).contiguous()"),
    inputs=K.unary(),
    dtypes=I.FLOATS_AND_INT,
    example="a.t().contiguous()",
)


def _float_input(draw, form):
    return _a(draw, "float32", I.shape(draw)), {}


TO = OpInfo(
    name="TO",
    title="to(dtype), float(), double(): a no-op for the same dtype, ToCopyBackward0 otherwise",
    explanation="""Converting to the dtype a tensor already has returns the tensor itself (a leaf stays a
    leaf); converting to another dtype records ToCopyBackward0, whose gradient is cast back to the input
    dtype. An int result cannot require grad.""",
    doc="torch.Tensor.to",
    forms=(
        "a.to(torch.float64)",
        "a.to(torch.float32)",
        "a.to(dtype=torch.float64)",
        "a.double()",
        "a.float()",
    ),
    inputs=K.unary(),
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.to(torch.int64).requires_grad_()", _float_input),),
    example="a.double()",
)

OPS = [
    RESHAPE,
    VIEW,
    TRANSPOSE,
    PERMUTE,
    EXPAND,
    SQUEEZE,
    UNSQUEEZE,
    FLATTEN,
    CAT,
    STACK,
    CLONE,
    CONTIGUOUS,
    TO,
]
