"""In-place ops on a non-leaf (a clone): add_ sub_ mul_ div_ pow_ zero_ fill_ copy_ clamp_.

In-place ops on a leaf that requires grad are errors, so every form works on ``a.clone()``; the
result's grad_fn is the in-place op's node, and backward flows through it into the clone and ``a``.
"""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.ops import forms as K
from conformance.ops import inputs as I
from conformance.ops.opinfo import OpInfo
from conformance.ops.table_math import AB, AWAY_FROM_BOUNDS, CLAMP_BOUNDS


def _into_a(a_domain=I.REAL, b_domain=I.REAL, scalars=I.SCALARS):
    """``a`` and a ``b`` that broadcasts to a's shape (in-place results keep a's shape), or a scalar."""

    def draw_inputs(draw, dtype, form):
        a_shape = I.shape(draw)
        b_shape = tuple(
            draw(st.sampled_from([side, 1])) for side in a_shape[draw(st.integers(0, len(a_shape))) :]
        )
        tensors = {
            "a": I.tensor(draw, dtype, a_shape, a_domain),
            "b": I.tensor(draw, dtype, b_shape, b_domain),
        }
        if not K.uses(form, "b"):
            del tensors["b"]
        if not dtype.startswith("float"):  # a float scalar cannot be written into an int tensor
            return tensors, {"s": I.pick(draw, [s for s in scalars if isinstance(s, int)])}
        return tensors, {"s": I.pick(draw, scalars)}

    return draw_inputs


def _leaf(draw, form):
    a_shape = I.shape(draw, empty=False)
    return {"a": I.tensor(draw, "float32", a_shape), "b": I.tensor(draw, "float32", a_shape)}, {"s": 2}


def _grows(draw, form):
    """b has more dims than a: the in-place result cannot take the broadcast shape."""
    a_shape = I.shape(draw, max_dims=2, empty=False)
    b_shape = (2, *a_shape)
    return {"a": I.tensor(draw, "float32", a_shape), "b": I.tensor(draw, "float32", b_shape)}, {"s": 2}


def _float_into_int(draw, form):
    a_shape = I.shape(draw, empty=False)
    return {"a": I.tensor(draw, "int64", a_shape), "b": I.tensor(draw, "float32", a_shape)}, {"s": 0.5}


def _inplace(
    name, method, title, explanation, forms, inputs, dtypes=I.FLOATS_AND_INT, errors=None, example=None
):
    return OpInfo(
        name=f"{name}-INPLACE",
        title=title,
        explanation=explanation,
        doc=f"torch.Tensor.{method}",
        forms=forms,
        inputs=inputs,
        dtypes=dtypes,
        errors=errors
        if errors is not None
        else (
            (f"a.{method}(b)", _leaf),
            (f"a.clone().{method}(b)", _grows),
            (f"a.clone().{method}(b)", _float_into_int),
        ),
        example=example or forms[0],
        example_inputs=AB,
    )


_INPLACE_NOTE = """The result keeps a's shape and dtype, so b must broadcast to a's shape and a float
    result cannot be written into an int tensor; a leaf that requires grad refuses in-place ops."""

OPS = [
    _inplace(
        "ADD",
        "add_",
        "add_: in-place addition (tensor or scalar, alpha)",
        "a.clone().add_(b) records AddBackward0 on the clone's new version. " + _INPLACE_NOTE,
        ("a.clone().add_(b)", "a.clone().add_({s})", "a.clone().add_(b, alpha=2)"),
        _into_a(),
    ),
    _inplace(
        "SUB",
        "sub_",
        "sub_: in-place subtraction (tensor or scalar, alpha)",
        "Like sub but writes into a; SubBackward0 negates b's gradient. " + _INPLACE_NOTE,
        ("a.clone().sub_(b)", "a.clone().sub_({s})", "a.clone().sub_(b, alpha=2)"),
        _into_a(),
    ),
    _inplace(
        "MUL",
        "mul_",
        "mul_: in-place multiplication",
        "MulBackward0 saves the original a (before the write) for b's gradient. " + _INPLACE_NOTE,
        ("a.clone().mul_(b)", "a.clone().mul_({s})"),
        _into_a(),
    ),
    _inplace(
        "DIV",
        "div_",
        "div_: in-place true division (float tensors only)",
        "True division cannot write into an int tensor. " + _INPLACE_NOTE,
        ("a.clone().div_(b)", "a.clone().div_({s})"),
        _into_a(b_domain=I.NONZERO, scalars=I.NONZERO_SCALARS),
        dtypes=I.FLOATS,
    ),
    _inplace(
        "POW",
        "pow_",
        "pow_: in-place power with a tensor or scalar exponent",
        "Bases are positive so every power is defined. " + _INPLACE_NOTE,
        ("a.clone().pow_(b)", "a.clone().pow_({s})"),
        _into_a(a_domain=I.POSITIVE, b_domain=I.EXPONENT, scalars=(2, 3, 0.5, -1.0)),
        dtypes=I.FLOATS,
    ),
    _inplace(
        "ZERO",
        "zero_",
        "zero_: overwrite with zeros; the gradient to what came before is zero",
        "zero_() records ZeroBackward0: nothing flows back into the overwritten values.",
        ("a.clone().zero_()", "(a * 2).zero_()"),
        _into_a(),
        errors=(("a.zero_()", _leaf),),
    ),
    _inplace(
        "FILL",
        "fill_",
        "fill_: overwrite with a scalar or a 0-d tensor",
        """fill_(number) records FillBackward2 (no gradient to the old values); fill_ with a 0-d tensor
        records FillBackward3 and the value receives the sum of the gradient. A value with dims is an
        error.""",
        ("a.clone().fill_({s})", "a.clone().fill_(b.sum())"),
        _into_a(),
        errors=(("a.fill_({s})", _leaf), ("a.clone().fill_(b)", _grows)),
        example="a.clone().fill_(b.sum())",
    ),
    _inplace(
        "COPY",
        "copy_",
        "copy_: overwrite with another tensor's values (broadcast, any dtype)",
        """copy_(b) records CopyBackwards: a's old values get no gradient, b gets the gradient summed over
        broadcast dims and cast to b's dtype. A float source may be copied into an int tensor.""",
        ("a.clone().copy_(b)", "a.clone().copy_(b.double())"),
        _into_a(),
        errors=(("a.copy_(b)", _leaf), ("a.clone().copy_(b)", _grows)),
    ),
]


def _clamp_inputs(draw, dtype, form):
    lo, hi = sorted(draw(st.lists(st.sampled_from(CLAMP_BOUNDS), min_size=2, max_size=2, unique=True)))
    return {"a": I.tensor(draw, dtype, I.shape(draw), AWAY_FROM_BOUNDS)}, {"lo": lo, "hi": hi}


OPS.append(
    _inplace(
        "CLAMP",
        "clamp_",
        "clamp_: in-place clamp with min, max or both",
        "Like clamp, written into a; neither bound is an error, and so is a leaf that requires grad.",
        ("a.clone().clamp_(min={lo})", "a.clone().clamp_(max={hi})", "a.clone().clamp_({lo}, {hi})"),
        _clamp_inputs,
        dtypes=I.FLOATS,
        errors=(("a.clamp_(min=0.0)", _leaf), ("a.clone().clamp_()", _leaf)),
        example="a.clone().clamp_(min=0.0)",
    )
)
