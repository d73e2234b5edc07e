"""Indexing ``a[...]``: basic (ints, slices, None, Ellipsis), integer arrays, and boolean masks."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.ops import forms as K
from conformance.ops import inputs as I
from conformance.ops.opinfo import OpInfo


def _int_for(draw, side):
    return draw(st.integers(-side, side - 1))


def _slice(draw):
    """A slice literal with a positive step; bounds may run past the end (they clamp)."""
    bound = st.one_of(st.none(), st.integers(-5, 5))
    start, stop, step = draw(bound), draw(bound), draw(st.sampled_from([None, 1, 2, 3]))
    text = f"{'' if start is None else start}:{'' if stop is None else stop}"
    return text if step is None else f"{text}:{step}"


def _mixed_index(draw, a_shape):
    """Ints, slices and ':' for the leading dims, maybe a None, maybe a trailing '...'."""
    parts = []
    for side in a_shape[: draw(st.integers(0, len(a_shape)))]:
        kind = draw(st.sampled_from(["int", "slice", "all"]))
        if kind == "int":
            parts.append(str(_int_for(draw, side)))
        else:
            parts.append(_slice(draw) if kind == "slice" else ":")
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), "None")
    if not parts or draw(st.booleans()):
        parts.append("...")
    return ", ".join(parts)


def _basic_inputs(draw, dtype, form):
    a_shape = I.shape(draw, min_dims=1, empty=False)
    fields = {"i": _int_for(draw, a_shape[0]), "sl": _slice(draw), "ix": _mixed_index(draw, a_shape)}
    if "..., {i}" in form:
        fields["i"] = _int_for(draw, a_shape[-1])
    return {"a": I.tensor(draw, dtype, a_shape)}, fields


def _basic_errors(draw, form):
    a_shape = I.shape(draw, min_dims=1, empty=False)
    fields = {
        "i": draw(st.sampled_from([a_shape[0], a_shape[0] + 2, -a_shape[0] - 1])),
        "step": draw(st.sampled_from([-1, -2])),
        "ix": ", ".join(["0"] * (len(a_shape) + 1)),
    }
    return {"a": I.tensor(draw, "float32", a_shape)}, fields


BASIC = OpInfo(
    name="INDEX-BASIC",
    title="basic indexing: ints select (SelectBackward0), slices view (SliceBackward0), None adds a dim",
    explanation="""An int removes a dim, a slice keeps it (bounds past the end clamp, steps must be positive),
    None inserts a size-1 dim and ... stands for the remaining dims. All are views; backward scatters the
    gradient into zeros of the input's shape.""",
    doc="torch.Tensor.__getitem__",
    forms=("a[{i}]", "a[{sl}]", "a[{ix}]", "a[..., {i}]", "a[None]", "a[{sl}, None]"),
    inputs=_basic_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(
        ("a[{i}]", _basic_errors),
        ("a[::{step}]", _basic_errors),
        ("a[{ix}]", _basic_errors),
        ("a[1.5]", _basic_errors),
    ),
    example="a[1, 1:]",
)


def _index_tensor(draw, side, dims=None):
    shape = dims if dims is not None else tuple(draw(st.lists(st.integers(0, 3), min_size=1, max_size=2)))
    return (
        "int64",
        shape,
        draw(st.lists(st.integers(-side, side - 1), min_size=I.numel(shape), max_size=I.numel(shape))),
    )


def _advanced_inputs(draw, dtype, form):
    a_shape = I.shape(draw, min_dims=2 if "idx, jdx" in form or "[:, idx]" in form else 1, empty=False)
    tensors = {"a": I.tensor(draw, dtype, a_shape)}
    if "[:, idx]" in form:
        tensors["idx"] = _index_tensor(draw, a_shape[1])
    elif "jdx" in form:
        tensors["idx"] = _index_tensor(draw, a_shape[0])
        tensors["jdx"] = _index_tensor(draw, a_shape[1], dims=tensors["idx"][1])
    elif "idx" in form:
        tensors["idx"] = _index_tensor(draw, a_shape[0])
    positions = draw(st.lists(st.integers(-a_shape[0], a_shape[0] - 1), min_size=1, max_size=4))
    return tensors, {"lst": positions}


def _advanced_errors(draw, form):
    a_shape = I.shape(draw, min_dims=1, empty=False)
    bad = draw(st.sampled_from([a_shape[0], -a_shape[0] - 1]))
    positions = [*draw(st.lists(st.integers(0, a_shape[0] - 1), max_size=2)), bad]
    return {"a": I.tensor(draw, "float32", a_shape), "idx": ("int64", (len(positions),), positions)}, {
        "lst": positions
    }


ADVANCED = OpInfo(
    name="INDEX-ADVANCED",
    title="integer-array indexing: gathers copies; repeated indices accumulate in backward",
    explanation="""Indexing with an int64 tensor or a list of ints gathers rows into a new tensor
    (IndexBackward0, not a view); several index tensors are used together elementwise. Backward adds
    the gradient into every position picked, so an index repeated k times gets k contributions.""",
    doc="torch.Tensor.__getitem__",
    forms=("a[idx]", "a[{lst}]", "a[:, idx]", "a[idx, jdx]"),
    inputs=_advanced_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(
        ("a[idx]", _advanced_errors),
        ("a[{lst}]", _advanced_errors),
        ("a[idx.float()]", _advanced_errors),
    ),
    example="a[[0, 1, 0]]",
)


def _mask_inputs(draw, dtype, form):
    a_shape = I.shape(draw)
    tensors = {"a": I.tensor(draw, dtype, a_shape)}
    if K.uses(form, "m"):  # the mask covers the leading dims (all of them, for a 0-d a)
        mask_shape = a_shape[: draw(st.integers(0 if not a_shape else 1, len(a_shape)))]
        tensors["m"] = I.tensor(draw, "bool", mask_shape)
    return tensors, {"s": I.pick(draw, I.SCALARS)}


def _mask_errors(draw, form):
    a_shape = I.shape(draw, min_dims=1, empty=False)
    wrong = (a_shape[0] + 1, *a_shape[1:])
    return {"a": I.tensor(draw, "float32", a_shape), "m": I.tensor(draw, "bool", wrong)}, {}


MASK = OpInfo(
    name="INDEX-MASK",
    title="boolean-mask indexing: selects the True positions into a 1-d result (per masked dims)",
    explanation="""A bool mask covering the leading dims selects the positions where it is True, flattening
    those dims into one; the result is a copy (IndexBackward0). The mask's shape must match the dims it
    covers.""",
    doc="torch.Tensor.__getitem__",
    forms=("a[m]", "a[a > {s}]"),
    inputs=_mask_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a[m]", _mask_errors),),
    example="a[a > 0]",
)

OPS = [BASIC, ADVANCED, MASK]
