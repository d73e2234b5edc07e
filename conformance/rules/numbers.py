"""Numbers: integer and bool tensors, every kind of Python number as an operand, and out= arguments.

The float checks elsewhere draw moderate floats; these draw the inputs where engines go wrong quietly:
integer dtypes at their bounds, Python ints beyond them (``uint8_tensor / 256``), floats, bools,
``Fraction``, ``Decimal``, numpy scalars, 0-d tensors and complex numbers as operands, and ``out=``
tensors of the right and wrong shapes and dtypes. Torch decides what each gives: a value and dtype, or
an exception. The bodies live in ``_numbers_bodies`` (a reproducer carries that module whole).
"""

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.rules import _numbers_bodies as bodies
from conformance.strategies import EXACT_DTYPES, exact_tensor, numbers, operand_numbers, shapes

DOCS_PROMOTION = "https://pytorch.org/docs/stable/tensor_attributes.html#type-promotion-doc"
DOCS_OUT = "https://pytorch.org/docs/stable/notes/broadcasting.html#in-place-semantics"
DOCS_TENSOR = "https://pytorch.org/docs/stable/tensors.html"


def _checks(rule: Rule, name: str, body, **strategies):
    """Register ``body`` (a function of ``_numbers_bodies``) as a check whose reproducer is that module."""
    rule.check(name, **strategies)(body)
    rule.checks[-1].module_source = True


WITH_NUMBERS = Rule(
    id="NUM-001",
    area="numbers",
    title="Integer and bool tensors with Python numbers: torch's values, dtypes and errors",
    explanation="""
        A Python number next to a tensor does not decide the result's dtype unless it is of a higher
        category: uint8 + 300 stays uint8 (and wraps), uint8 / 256 is a float division (true division
        of integers gives the default float dtype), int8 * 2.5 is float32, bool + True stays bool, and
        a complex number makes the result complex. A 0-d tensor counts like a number of its category;
        numpy scalars count like Python numbers. Ints that do not fit in 64 bits raise OverflowError;
        Fraction and Decimal are not numbers to torch (TypeError); integers to negative integer powers
        raise, as does integer division by zero. In-place forms must produce their tensor's dtype or
        raise ("result type Float can't be cast to the desired output type Long") and then leave the
        tensor as it was.
    """,
    example="""
        import torch
        u = torch.tensor([1, 200, 255], dtype=torch.uint8)
        print(u / 256)
        print(u + 300)
        print(u * 2.5)
        print(torch.tensor([True]) + True)
        try:
            u.add_(0.5)
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_PROMOTION,
)

NUMBER_EXPRESSIONS = [
    "t + s", "s + t", "t - s", "s - t", "t * s", "t / s", "s / t", "t // s", "s // t", "t % s", "t ** s",
    "s ** t", "t & s", "t | s", "t ^ s", "t << s", "t >> s", "t == s", "t < s", "t >= s", "-t",
    "torch.add(t, s)", "torch.sub(t, s, alpha=2)", "torch.div(t, s, rounding_mode='floor')",
    "torch.div(t, s, rounding_mode='trunc')", "torch.remainder(t, s)", "torch.fmod(t, s)",
    "torch.pow(t, s)", "torch.clamp(t, min=s)", "torch.where(t > 1, t, s)", "torch.full_like(t, s)",
    "torch.mul(t, s)", "t.add_(s)", "t.mul_(s)", "t.div_(s)", "t.sub_(s)", "t.fill_(s)", "t.clamp_(max=s)",
    "t.masked_fill(t > 0, s)",
]  # fmt: skip

# Every expression with three numbers on each drawn tensor: drawing one expression and one number
# per example leaves most pairs untried in the ci profile's examples.
_checks(
    WITH_NUMBERS,
    "operators",
    bodies.with_numbers,
    exprs=st.just(tuple(NUMBER_EXPRESSIONS)),
    data=exact_tensor(),
    operands=operand_numbers(),
)


TWO_TENSORS = Rule(
    id="NUM-002",
    area="numbers",
    title="Two tensors of integer, bool and float dtypes: promotion, wrapping, errors",
    explanation="""
        Between two tensors of the same category the wider dtype wins (int8 + int16 is int16; uint8 +
        int8 is int16, since neither holds the other), a float tensor beats any integer one, and bool
        is the lowest category. Arithmetic wraps in the result dtype (int8 127 + 1 is -128). Bitwise
        operators refuse floats, subtraction and negation refuse bools, and integer division or
        remainder by zero raises RuntimeError: ZeroDivisionError. A 0-d tensor yields to a dimensioned
        tensor of the same category (int64 0-d + int8 tensor is int8). cat and where promote the same way.
    """,
    example="""
        import torch
        a = torch.tensor([127, -128], dtype=torch.int8)
        b = torch.tensor([1, 1], dtype=torch.uint8)
        print(a + b, (a + a.new_ones(2)).dtype)
        print(torch.cat([a, torch.tensor([1.5])]))
        print(torch.tensor([True, False]) * torch.tensor([3, 4], dtype=torch.int16))
    """,
    source=DOCS_PROMOTION,
)

TENSOR_EXPRESSIONS = [
    "a + b", "a - b", "a * b", "a / b", "a // b", "a % b", "a ** b", "a & b", "a | b", "a ^ b", "a << b",
    "a >> b", "a == b", "a > b", "torch.maximum(a, b)", "torch.minimum(a, b)", "torch.where(a > 0, a, b)",
    "torch.cat([a.reshape(-1), b.reshape(-1)])", "torch.stack([a, b])", "torch.atan2(a, b)", "a.add_(b)",
    "torch.bitwise_and(a, b)", "torch.logical_xor(a, b)", "torch.true_divide(a, b)",
    "torch.floor_divide(a, b)",
]  # fmt: skip
ANY_DTYPE = st.sampled_from([*EXACT_DTYPES, "float32", "float64"])
SAME_SHAPE = shapes(max_dims=2, max_side=3)


@st.composite
def _tensor_pair(draw):
    """Two tensors of one shape (or a 0-d second one), of any two dtypes."""
    shape = draw(SAME_SHAPE)
    first = draw(exact_tensor(ANY_DTYPE.filter(lambda d: not d.startswith("float")), st.just(shape)))
    second_shape = draw(st.sampled_from([shape, ()]))
    second_dtype = draw(ANY_DTYPE)
    if second_dtype.startswith("float"):
        n = 1
        for side in second_shape:
            n *= side
        flat = draw(st.lists(st.sampled_from([0.0, -1.5, 2.0, 0.5, 100.0]), min_size=n, max_size=n))
        return first, (second_dtype, second_shape, flat)
    return first, draw(exact_tensor(st.just(second_dtype), st.just(second_shape)))


WITH_PAIRS = st.shared(_tensor_pair(), key="NUM-002 pair")
_checks(
    TWO_TENSORS,
    "operators",
    bodies.two_tensors,
    expr=st.sampled_from(TENSOR_EXPRESSIONS),
    a=WITH_PAIRS.map(lambda p: p[0]),
    b=WITH_PAIRS.map(lambda p: p[1]),
)


CONTAINS = Rule(
    id="NUM-003",
    area="numbers",
    title="`x in t` and converting a tensor to a Python number",
    explanation="""
        `x in t` is (t == x).any(): a number or a tensor is looked for among the elements, and the
        answer is a bool, whatever the dtypes; a string is refused with RuntimeError ("Tensor.__contains__
        only supports Tensor or scalar"). int(t), float(t) and complex(t) need exactly one element
        (ValueError: "only one element tensors can be converted to Python scalars"), t.item() too
        (RuntimeError: "a Tensor with 3 elements cannot be converted to Scalar"), and bool(t) calls more
        than one value, or none, ambiguous. operator.index(t) (t as a list index) needs an integer
        tensor with one element (TypeError); len() of a 0-d tensor is a TypeError.
    """,
    example="""
        import operator
        import torch
        t = torch.tensor([1, 2, 3], dtype=torch.uint8)
        print(2 in t, 2.0 in t, 5 in t, torch.tensor(3) in t)
        print(int(torch.tensor([7])), float(torch.tensor(2, dtype=torch.int8)), torch.tensor([True]).item())
        for convert in (int, bool, operator.index):
            try:
                convert(t)
            except (ValueError, RuntimeError, TypeError) as e:
                print(type(e).__name__, e)
    """,
    source=DOCS_TENSOR,
)

CONVERSIONS = [
    "int(t)",
    "float(t)",
    "bool(t)",
    "complex(t)",
    "t.item()",
    "operator.index(t)",
    "t.tolist()",
    "len(t)",
]
_checks(
    CONTAINS,
    "contains-and-convert",
    bodies.contains,
    data=exact_tensor(shape_strategy=shapes(max_dims=2, max_side=3, min_side=0)),
    needle=st.one_of(numbers(), st.just(("int", 0)), st.just(("str", "a"))),
    conversion=st.sampled_from(CONVERSIONS),
)


CONSTRUCT = Rule(
    id="NUM-004",
    area="numbers",
    title="Making integer and bool tensors from Python numbers in and out of the dtype's range",
    explanation="""
        torch.tensor(v, dtype=...) casts v into the dtype: a negative int becomes a uint8 by wrapping
        (-1 is 255), but a value beyond the range of the Python-int conversion raises ("value cannot be
        converted to type uint8 without overflow"); floats are truncated towards zero, and nan or inf
        into an integer dtype raise. torch.full, fill_ and item assignment (t[0] = v) check the range
        ("value cannot be converted to type uint8_t without overflow") rather than wrap. Any non-zero
        number is True in a bool tensor.
    """,
    example="""
        import torch
        print(torch.tensor(-1, dtype=torch.uint8), torch.tensor([2.7, -2.7], dtype=torch.int32))
        u8 = torch.uint8
        for make in (lambda: torch.tensor([300], dtype=u8), lambda: torch.full((2,), 300, dtype=u8)):
            try:
                print(make())
            except RuntimeError as e:
                print(e)
    """,
    source="https://pytorch.org/docs/stable/generated/torch.tensor.html",
)

CONSTRUCTIONS = [
    "torch.tensor(v, dtype=dt)", "torch.tensor([v, 1], dtype=dt)", "torch.full((2,), v, dtype=dt)",
    "torch.zeros(2, dtype=dt).fill_(v)", "t[0] = v", "torch.as_tensor([v], dtype=dt)",
    "torch.scalar_tensor(v, dtype=dt)", "torch.tensor([1, 2], dtype=dt).new_full((2,), v)",
]  # fmt: skip
_checks(
    CONSTRUCT,
    "from-numbers",
    bodies.construct,
    expr=st.sampled_from(CONSTRUCTIONS),
    dtype=st.sampled_from(EXACT_DTYPES),
    value=numbers().filter(lambda n: n[0] in ("int", "float", "bool", "numpy")),
)


OUT = Rule(
    id="NUM-005",
    area="numbers",
    title="out= arguments: the result is written into out, which is returned",
    explanation="""
        An op given out=o writes its result into o and returns o itself. When o has the wrong shape it
        is resized to the result's shape (with a UserWarning if o had elements: "An output with one or
        more elements was resized since it had shape [...]"); when o's dtype cannot hold the result's
        dtype, the op raises ("result type Float can't be cast to the desired output type Long") and o
        is left alone. If an input requires grad, out= is refused: "functions with out=... arguments
        don't support automatic differentiation, but one of the arguments requires grad."
    """,
    example="""
        import torch
        o = torch.zeros(2)
        r = torch.cat([torch.ones(2), torch.full((1,), 2.0)], out=o)
        print(r is o, o)
        try:
            torch.add(torch.ones(2), 0.5, out=torch.zeros(2, dtype=torch.long))
        except RuntimeError as e:
            print(e)
    """,
    source=DOCS_OUT,
)

OUT_EXPRESSIONS = [
    "torch.add(a, b, out=o)", "torch.mul(a, b, out=o)", "torch.sub(a, b, out=o)", "torch.div(a, b, out=o)",
    "torch.cat([a, b], out=o)", "torch.neg(a, out=o)", "torch.abs(a, out=o)", "torch.exp(a, out=o)",
    "torch.sum(a, 0, out=o)", "torch.clamp(a, min=0, out=o)", "torch.maximum(a, b, out=o)",
    "torch.where(a > 0, a, b, out=o)", "torch.matmul(a, b, out=o)", "torch.arange(3, out=o)",
]  # fmt: skip
OUT_DTYPES = st.sampled_from(["float32", "float64", "int64"])


@st.composite
def _out_case(draw):
    """Inputs a and b of one (2-d, square) shape and dtype, and an out tensor of some shape and dtype."""
    side = draw(st.integers(1, 3))
    shape = (side, side)
    dtype = draw(OUT_DTYPES)
    values = st.sampled_from([0, 1, -2, 3]) if dtype == "int64" else st.sampled_from([0.0, 1.5, -2.0, 0.25])
    a, b = (
        (dtype, shape, draw(st.lists(values, min_size=side * side, max_size=side * side))) for _ in range(2)
    )
    out_shape = draw(st.sampled_from([shape, (0,), (1,), (side * side * 2,), (side, side, 1)]))
    out_dtype = draw(st.sampled_from([dtype, "float32", "float64", "int64", "bool"]))
    n = 1
    for s in out_shape:
        n *= s
    out = (out_dtype, out_shape, [False if out_dtype == "bool" else 7] * n)
    return a, b, out


OUT_CASES = st.shared(_out_case(), key="NUM-005 case")
_checks(
    OUT,
    "out",
    bodies.out_argument,
    expr=st.sampled_from(OUT_EXPRESSIONS),
    a=OUT_CASES.map(lambda c: c[0]),
    b=OUT_CASES.map(lambda c: c[1]),
    out=OUT_CASES.map(lambda c: c[2]),
    requires_grad=st.booleans(),
)
