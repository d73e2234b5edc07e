"""Pointwise math: arithmetic (functions, methods, Python operators), unary functions, clamp, where."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.ops import forms as K
from conformance.ops import inputs as I
from conformance.ops.opinfo import OpInfo

AB = {
    "a": "torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)",
    "b": "torch.tensor([2.0, -0.5, 1.25], requires_grad=True)",
}


def _bool_input(draw, form):
    return {"a": I.tensor(draw, "bool", I.shape(draw, empty=False))}, {}


def _int_negative_power(draw, form):
    a = I.tensor(draw, "int64", I.shape(draw, empty=False), I.POSITIVE)
    return {"a": a}, {"k": I.pick(draw, (-1, -2))}


def _binary_op(name, title, explanation, forms, doc, a_domain=I.REAL, b_domain=I.REAL, scalars=I.SCALARS):
    return OpInfo(
        name=name,
        title=title,
        explanation=explanation,
        doc=doc,
        forms=forms,
        inputs=K.binary(a_domain, b_domain, scalars),
        dtypes=I.FLOATS_AND_INT,
        errors=((forms[0], K.mismatched), (forms[2], K.mismatched)),
        example=forms[0],
        example_inputs=AB,
    )


# The example's input where an op is checked on positive inputs only (the default one has negatives)
POSITIVE_EXAMPLE = {"a": "torch.tensor([[0.5, 1.0, 2.0], [1.5, 0.25, 4.0]], requires_grad=True)"}


def _unary_op(name, title, explanation, forms, doc, domain=I.REAL, errors=()):
    return OpInfo(
        name=name,
        title=title,
        explanation=explanation,
        doc=doc,
        forms=forms,
        inputs=K.unary(domain),
        dtypes=I.FLOATS_AND_INT,
        errors=errors,
        example=forms[0],
        example_inputs=POSITIVE_EXAMPLE if domain is I.POSITIVE else None,
    )


ARITHMETIC = [
    _binary_op(
        "ADD",
        "add: torch.add, Tensor.add, + with a tensor or a scalar on either side",
        """Adds elementwise after broadcasting; `alpha` scales the second operand. Backward sums the
        upstream gradient over the broadcast dimensions so each input's .grad has the input's shape.""",
        ("torch.add(a, b)", "a.add(b)", "a + b", "a + {s}", "{s} + a", "torch.add(a, b, alpha=2)"),
        "torch.add",
    ),
    _binary_op(
        "SUB",
        "sub: torch.sub, Tensor.sub, - with a tensor or a scalar on either side",
        """Subtracts elementwise after broadcasting (`alpha` scales the subtrahend); the gradient of the
        second operand is the negated upstream gradient, reduced to its shape.""",
        ("torch.sub(a, b)", "a.sub(b)", "a - b", "a - {s}", "{s} - a", "torch.sub(a, b, alpha=2)"),
        "torch.sub",
    ),
    _binary_op(
        "MUL",
        "mul: torch.mul, Tensor.mul, * with a tensor or a scalar on either side",
        """Multiplies elementwise after broadcasting; each input's gradient is the upstream gradient
        times the other input, summed back to the input's shape.""",
        ("torch.mul(a, b)", "a.mul(b)", "a * b", "a * {s}", "{s} * a"),
        "torch.mul",
    ),
    _binary_op(
        "DIV",
        "div: torch.div, Tensor.div, / with a tensor or a scalar on either side",
        """True division, even for int inputs (the result is float). The divisor's gradient is
        -grad * a / b**2; divisors here are kept away from zero.""",
        ("torch.div(a, b)", "a.div(b)", "a / b", "a / {s}", "{s} / a", "torch.div(a, {s})"),
        "torch.div",
        a_domain=I.NONZERO,
        b_domain=I.NONZERO,
        scalars=I.NONZERO_SCALARS,
    ),
    _unary_op(
        "NEG",
        "neg: torch.neg, Tensor.neg and unary -",
        """Negates elementwise; NegBackward0 passes the negated gradient. Negating a bool tensor is an
        error that points to `~` instead.""",
        ("torch.neg(a)", "a.neg()", "-a"),
        "torch.neg",
        errors=(("-a", _bool_input), ("torch.neg(a)", _bool_input)),
    ),
]


def _pow_inputs(draw, dtype, form):
    if K.uses(form, "b"):  # tensor exponent: the base stays positive so every real power is defined
        a_shape, b_shape = I.broadcast_shapes(draw)
        return {
            "a": I.tensor(draw, dtype, a_shape, I.POSITIVE),
            "b": I.tensor(draw, dtype, b_shape, I.EXPONENT),
        }, {}
    fields = {
        "e": I.pick(draw, (2, 3, 0.5, -1.0, 1.5, 0)),
        "k": I.pick(draw, (2, 3)),
        "s": I.pick(draw, I.POSITIVE_SCALARS),
    }
    domain = I.POSITIVE if "{e}" in form else I.REAL  # integer powers {k} and scalar bases {s} take any a
    return {"a": I.tensor(draw, dtype, I.shape(draw), domain)}, fields


POW = OpInfo(
    name="POW",
    title="pow: tensor or scalar exponent, scalar base (rpow), ** on either side",
    explanation="""`a ** b` with a tensor exponent differentiates through both base and exponent
    (PowBackward1); a scalar exponent gives PowBackward0 and a scalar base `s ** a` gives PowBackward2.
    Int tensors cannot be raised to negative int scalar powers.""",
    doc="torch.pow",
    forms=(
        "torch.pow(a, b)",
        "a.pow(b)",
        "a ** b",
        "a ** {e}",
        "torch.pow(a, {e})",
        "a.pow({e})",
        "a ** {k}",
        "{s} ** a",
        "torch.pow({s}, a)",
    ),
    inputs=_pow_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(
        ("a ** {k}", _int_negative_power),
        ("torch.pow(a, {k})", _int_negative_power),
        ("a ** b", K.mismatched),
    ),
    example="a ** 2",
)

UNARY = [
    _unary_op(
        "EXP",
        "exp: torch.exp, Tensor.exp",
        "e**x elementwise; its backward reuses the result.",
        ("torch.exp(a)", "a.exp()"),
        "torch.exp",
    ),
    _unary_op(
        "LOG",
        "log: torch.log, Tensor.log (positive inputs)",
        "Natural logarithm; the gradient is grad / a. Inputs are drawn positive, inside the domain.",
        ("torch.log(a)", "a.log()"),
        "torch.log",
        I.POSITIVE,
    ),
    _unary_op(
        "SQRT",
        "sqrt: torch.sqrt, Tensor.sqrt (positive inputs)",
        "Square root; the gradient is grad / (2 * sqrt(a)), finite for the positive inputs drawn.",
        ("torch.sqrt(a)", "a.sqrt()"),
        "torch.sqrt",
        I.POSITIVE,
    ),
    _unary_op(
        "ABS",
        "abs: torch.abs, Tensor.abs, builtin abs()",
        "Absolute value; the gradient is grad * sign(a). Inputs avoid 0, where abs has no derivative.",
        ("torch.abs(a)", "a.abs()", "abs(a)"),
        "torch.abs",
        I.NONZERO,
    ),
    _unary_op(
        "SIN",
        "sin: torch.sin, Tensor.sin",
        "Sine; the gradient is grad * cos(a).",
        ("torch.sin(a)", "a.sin()"),
        "torch.sin",
    ),
    _unary_op(
        "COS",
        "cos: torch.cos, Tensor.cos",
        "Cosine; the gradient is -grad * sin(a).",
        ("torch.cos(a)", "a.cos()"),
        "torch.cos",
    ),
    _unary_op(
        "TANH",
        "tanh: torch.tanh, Tensor.tanh, F.tanh",
        "Hyperbolic tangent; TanhBackward0 computes grad * (1 - out**2) from the saved result.",
        ("torch.tanh(a)", "a.tanh()", "F.tanh(a)"),
        "torch.tanh",
    ),
    _unary_op(
        "SIGMOID",
        "sigmoid: torch.sigmoid, Tensor.sigmoid, F.sigmoid",
        "Logistic function; SigmoidBackward0 computes grad * out * (1 - out) from the saved result.",
        ("torch.sigmoid(a)", "a.sigmoid()", "F.sigmoid(a)"),
        "torch.sigmoid",
    ),
    _unary_op(
        "RELU",
        "relu: torch.relu, Tensor.relu, F.relu",
        "max(a, 0) elementwise, keeping int dtypes; inputs avoid 0, where the derivative is a convention.",
        ("torch.relu(a)", "a.relu()", "F.relu(a)"),
        "torch.nn.functional.relu",
        I.NONZERO,
    ),
]

CLAMP_BOUNDS = (-1.5, -0.5, 0.5, 1.5)
# Values never within 0.05 of a bound: the gradient at a bound is a convention, not a derivative.
AWAY_FROM_BOUNDS = (
    I.REAL[0].filter(lambda x: min(abs(x - bound) for bound in CLAMP_BOUNDS) > 0.05),
    I.REAL[1],
)


def _clamp_inputs(draw, dtype, form):
    lo, hi = sorted(draw(st.lists(st.sampled_from(CLAMP_BOUNDS), min_size=2, max_size=2, unique=True)))
    return {"a": I.tensor(draw, dtype, I.shape(draw), AWAY_FROM_BOUNDS)}, {"lo": lo, "hi": hi}


def _no_bounds(draw, form):
    return {"a": I.tensor(draw, "float32", I.shape(draw))}, {}


CLAMP = OpInfo(
    name="CLAMP",
    title="clamp: min only, max only, or both",
    explanation="""Clamps into [min, max]; the gradient passes where the input was inside the bounds and
    is 0 where it was clamped. Calling it with neither bound is an error.""",
    doc="torch.clamp",
    forms=(
        "a.clamp(min={lo})",
        "a.clamp(max={hi})",
        "a.clamp({lo}, {hi})",
        "torch.clamp(a, min={lo}, max={hi})",
        "torch.clamp(a, max={hi})",
    ),
    inputs=_clamp_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("a.clamp()", _no_bounds), ("torch.clamp(a)", _no_bounds)),
    example="a.clamp(min=-0.5, max=1.0)",
)


def _extremum(name, fn):
    return OpInfo(
        name=name,
        title=f"{fn}: torch.{fn}, Tensor.{fn}, torch.{fn[:3]}(a, b)",
        explanation=f"""Elementwise {fn} of two broadcast tensors; the upstream gradient goes to whichever
        input won. Values are drawn without ties (at a tie torch splits the gradient in half).""",
        doc=f"torch.{fn}",
        forms=(f"torch.{fn}(a, b)", f"a.{fn}(b)", f"torch.{fn[:3]}(a, b)"),
        inputs=K.binary(I.WIDE_INTS, I.WIDE_INTS, distinct=True),
        dtypes=I.FLOATS_AND_INT,
        errors=((f"torch.{fn}(a, b)", K.mismatched),),
        example=f"torch.{fn}(a, b)",
        example_inputs=AB,
    )


def _where_inputs(draw, dtype, form):
    c_shape, a_shape, b_shape = I.broadcast_shapes(draw, count=3)
    tensors = {"c": I.tensor(draw, "bool", c_shape), "a": I.tensor(draw, dtype, a_shape)}
    if K.uses(form, "b"):
        tensors["b"] = I.tensor(draw, dtype, b_shape)
    return tensors, {"s": I.pick(draw, I.SCALARS)}


def _int_condition(draw, form):
    a_shape = I.shape(draw, empty=False)
    return {"c": I.tensor(draw, "int64", a_shape), "a": I.tensor(draw, "float32", a_shape)}, {}


WHERE = OpInfo(
    name="WHERE",
    title="where: torch.where(cond, a, b), Tensor.where, scalar branches",
    explanation="""Picks from `a` where the bool condition holds and from `b` elsewhere, broadcasting all
    three; each branch's gradient is the upstream gradient masked to where it was picked. The condition
    must be a bool tensor.""",
    doc="torch.where",
    forms=("torch.where(c, a, b)", "a.where(c, b)", "torch.where(c, a, {s})"),
    inputs=_where_inputs,
    dtypes=I.FLOATS_AND_INT,
    errors=(("torch.where(c, a, b)", K.mismatched), ("torch.where(c, a, a)", _int_condition)),
    example="torch.where(a > 0, a, b)",
    example_inputs=AB,
)

OPS = [
    *ARITHMETIC,
    POW,
    *UNARY,
    CLAMP,
    _extremum("MAXIMUM", "maximum"),
    _extremum("MINIMUM", "minimum"),
    WHERE,
]
