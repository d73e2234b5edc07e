"""Reductions: sum, mean, max/min (full and over a dim), amax/amin, prod, softmax, log_softmax, logsumexp."""

from __future__ import annotations

from conformance.ops import forms as K
from conformance.ops import inputs as I
from conformance.ops.opinfo import OpInfo


def _reduction(
    name, title, explanation, forms, doc, errors, domain=I.REAL, dtypes=I.FLOATS_AND_INT, example=None, **kw
):
    return OpInfo(
        name=name,
        title=title,
        explanation=explanation,
        doc=doc,
        forms=forms,
        inputs=K.unary(domain, **kw),
        dtypes=dtypes,
        errors=errors,
        example=example or forms[-1].format(d=1, d2=0),
    )


def _dim_forms(fn):
    """The call forms of a reduction that takes a dim, a tuple of dims and keepdim."""
    return (
        f"a.{fn}()",
        f"torch.{fn}(a)",
        f"a.{fn}({{d}})",
        f"torch.{fn}(a, dim={{d}})",
        f"a.{fn}(dim={{d}}, keepdim=True)",
        f"torch.{fn}(a, ({{d}}, {{d2}}))",
        f"a.{fn}(dim=({{d}}, {{d2}}), keepdim=True)",
    )


def _max_min(fn):
    return _reduction(
        fn.upper(),
        f"{fn}: {fn}() over everything vs {fn}(dim) returning (values, indices)",
        f"""`a.{fn}()` reduces everything to a 0-d tensor ({fn.capitalize()}Backward1); `a.{fn}(dim)` returns
        a named tuple (values, indices) and only the values are differentiable ({fn.capitalize()}Backward0).
        The gradient goes to the {fn}imal element; values are drawn without ties (at a tie the full
        reduction splits the gradient evenly). A full {fn}() of an empty tensor is an
        error.""",
        (
            f"a.{fn}()",
            f"torch.{fn}(a)",
            f"a.{fn}(dim={{d}})",
            f"torch.{fn}(a, {{d}})",
            f"a.{fn}({{d}}, keepdim=True)",
        ),
        f"torch.{fn}",
        ((f"a.{fn}(dim={{d}})", K.bad_dim), (f"a.{fn}()", K.empty_input)),
        domain=I.WIDE_INTS,
        example=f"a.{fn}()",
        empty=False,
        distinct=True,
    )


def _amax_amin(fn):
    return _reduction(
        fn.upper(),
        f"{fn}: over all dims, one dim, or a tuple of dims",
        f"""Like {fn[1:]}() but returns only values and accepts several dims; at ties it splits the gradient
        evenly between the tied elements, so values here are drawn distinct.""",
        (
            f"a.{fn}()",
            f"torch.{fn}(a)",
            f"torch.{fn}(a, dim={{d}})",
            f"a.{fn}({{d}}, keepdim=True)",
            f"torch.{fn}(a, dim=({{d}}, {{d2}}))",
        ),
        f"torch.{fn}",
        (
            (f"torch.{fn}(a, dim={{d}})", K.bad_dim),
            (f"a.{fn}()", K.empty_input),
            (f"a.{fn}(dim=({{d}}, {{d}}))", K.valid_dim),
        ),
        domain=I.WIDE_INTS,
        empty=False,
        distinct=True,
    )


def _softmax(fn, node):
    return _reduction(
        fn.upper(),
        f"{fn}: torch.{fn}, Tensor.{fn}, F.{fn}",
        f"""Normalises along one dim (a 0-d input takes dim 0 or -1); {node} computes the gradient from the
        saved result.""",
        (f"torch.{fn}(a, dim={{d}})", f"a.{fn}({{d}})", f"F.{fn}(a, dim={{d}})"),
        f"torch.nn.functional.{fn}",
        ((f"F.{fn}(a, dim={{d}})", K.bad_dim), (f"a.{fn}({{d}})", K.bad_dim)),
        dtypes=I.FLOATS,
    )


OPS = [
    _reduction(
        "SUM",
        "sum: sum() vs sum(dim) vs sum(dim, keepdim=True), int inputs sum to int64",
        """A full sum records SumBackward0, a sum over dims SumBackward1; backward expands the upstream
        gradient back over the reduced dims. Summing ints gives int64; an empty sum is 0.""",
        _dim_forms("sum"),
        "torch.sum",
        (("a.sum(dim={d})", K.bad_dim), ("a.sum(dim=({d}, {d}))", K.valid_dim)),
    ),
    _reduction(
        "MEAN",
        "mean: full or over dims, keepdim; float inputs only",
        """Like sum divided by the count (MeanBackward0 / MeanBackward1). An int input is an error, and the
        mean of no elements is nan.""",
        _dim_forms("mean"),
        "torch.mean",
        (("a.mean(dim={d})", K.bad_dim), ("a.mean()", K.int_input), ("torch.mean(a, {d})", K.int_input)),
        dtypes=I.FLOATS,
    ),
    _max_min("max"),
    _max_min("min"),
    _amax_amin("amax"),
    _amax_amin("amin"),
    _reduction(
        "PROD",
        "prod: full or over one dim, keepdim",
        """Product of elements; each input's gradient is the product of the others. Inputs are nonzero
        and moderate (torch has a separate path for zeros).""",
        ("a.prod()", "torch.prod(a)", "a.prod({d})", "torch.prod(a, dim={d}, keepdim=True)"),
        "torch.prod",
        (("a.prod({d})", K.bad_dim),),
        domain=I.MODERATE,
    ),
    _softmax("softmax", "SoftmaxBackward0"),
    _softmax("log_softmax", "LogSoftmaxBackward0"),
    _reduction(
        "LOGSUMEXP",
        "logsumexp: over one dim or a tuple of dims, keepdim",
        """log(sum(exp(a))) computed stably; the gradient is softmax(a) along the reduced dims times the
        upstream gradient. Int inputs give a float result.""",
        ("torch.logsumexp(a, dim={d})", "a.logsumexp({d}, keepdim=True)", "torch.logsumexp(a, ({d}, {d2}))"),
        "torch.logsumexp",
        (("torch.logsumexp(a, dim={d})", K.bad_dim),),
    ),
]
