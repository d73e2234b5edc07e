"""Input functions shared by many table entries: ``inputs(draw, dtype, form) -> (tensors, fields)``."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from conformance.ops import inputs as I


def uses(form: str, name: str) -> bool:
    """Whether a template refers to the tensor (or field) ``name``."""
    return re.search(rf"\b{name}\b", form) is not None


def unary(domain=I.REAL, min_dims=0, empty=True, distinct=False):
    """One tensor ``a`` of any small shape; fields ``{d}``/``{d2}`` (valid dims) when the form has them."""

    def draw_inputs(draw, dtype, form):
        need_two = "{d2}" in form
        a_shape = I.shape(draw, min_dims=max(min_dims, 2 if need_two else 0), empty=empty)
        fields = {}
        if need_two:
            fields["d"], fields["d2"] = I.two_dims(draw, len(a_shape))
        elif "{d}" in form:
            fields["d"] = I.dim(draw, len(a_shape))
        return {"a": I.tensor(draw, dtype, a_shape, domain, distinct)}, fields

    return draw_inputs


def binary(a_domain=I.REAL, b_domain=I.REAL, scalars=I.SCALARS, distinct=False):
    """``a`` and ``b`` of broadcastable shapes, or ``a`` and a Python scalar ``{s}``."""

    def draw_inputs(draw, dtype, form):
        fields = {"s": I.pick(draw, scalars)} if "{s}" in form else {}
        if not uses(form, "b"):
            return {"a": I.tensor(draw, dtype, I.shape(draw), a_domain, distinct)}, fields
        a_shape, b_shape = I.broadcast_shapes(draw)
        if distinct:
            a, b = I.tensors_distinct(draw, dtype, [a_shape, b_shape], a_domain)
        else:
            a, b = I.tensor(draw, dtype, a_shape, a_domain), I.tensor(draw, dtype, b_shape, b_domain)
        return {"a": a, "b": b}, fields

    return draw_inputs


def mismatched(draw, form):
    """Error inputs: ``a`` and ``b`` whose shapes do not broadcast (a ``c`` mask too, if used)."""
    a_shape, b_shape = I.mismatched_shapes(draw)
    tensors = {"a": I.tensor(draw, "float32", a_shape), "b": I.tensor(draw, "float32", b_shape)}
    if uses(form, "c"):
        tensors["c"] = I.tensor(draw, "bool", a_shape)
    return tensors, {}


def bad_dim(draw, form):
    """Error inputs: ``a`` of any shape and ``{d}`` out of its dim range."""
    a_shape = I.shape(draw, empty=False)
    return {"a": I.tensor(draw, "float32", a_shape)}, {"d": I.bad_dim(draw, len(a_shape))}


def int_input(draw, form):
    """Error inputs: an int64 ``a`` for ops that need floats, ``{d}`` a valid dim."""
    a_shape = I.shape(draw, empty=False)
    return {"a": I.tensor(draw, "int64", a_shape)}, {"d": I.dim(draw, len(a_shape))}


def valid_dim(draw, form):
    """Error inputs: a float ``a`` and a valid ``{d}`` (the error is elsewhere, e.g. a repeated dim)."""
    a_shape = I.shape(draw, empty=False)
    return {"a": I.tensor(draw, "float32", a_shape)}, {"d": I.dim(draw, len(a_shape))}


def empty_input(draw, form):
    """Error inputs: an ``a`` with no elements."""
    a_shape = list(I.shape(draw, min_dims=1, empty=False))
    a_shape[draw(st.integers(0, len(a_shape) - 1))] = 0
    return {"a": I.tensor(draw, "float32", tuple(a_shape))}, {}
