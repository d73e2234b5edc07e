"""Area "ops": the hand-written op table, for what torch's op database does not cover.

Ops are checked from torch's own OpInfo database (``conformance.rules.opdb``). The hand-written table
(``conformance.ops``) keeps only the forms the database does not test: Python operators and builtins
(``a + b``, ``-a``, ``abs(a)``, ``a @ b``, comparisons), Python numbers as operands (``a * {s}``,
``{s} ** a``), indexing, and calls on intermediate results. A form that is a plain call of an op the
installed database covers (``torch.exp(a)``, ``a.sum(dim={d})``, ``F.softmax(a, dim={d})``) is left to
the database; which forms those are is computed from the database, not listed here. An entry keeps its
error templates only where the database has no error inputs for the op on the CPU.

Each check draws a case ``(expr, inputs)`` from the entry and evaluates it with the shared bodies in
``conformance.ops.bodies``. ``expr`` and ``inputs`` come from one shared draw (``st.shared``) so the
reproducer shows them as two readable literals.
"""

from __future__ import annotations

import ast
import dataclasses
import functools

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.ops import OPS, bodies, opdb
from conformance.ops.inputs import FLOATS

DOCS = "https://pytorch.org/docs/stable/generated/{}.html"

# Values of the upstream gradient; the backward body repeats them to fill the output's shape.
UPSTREAM = st.lists(st.floats(-2.0, 2.0, allow_nan=False, width=32), min_size=1, max_size=6)


def _case_kwargs(key: str, cases) -> dict:
    shared = st.shared(cases, key=key)
    return {"expr": shared.map(lambda case: case[0]), "inputs": shared.map(lambda case: case[1])}


@functools.cache
def database_calls() -> frozenset[str]:
    """The calls torch's op database checks: ``torch.<path>`` functions and ``Tensor.<name>`` methods,
    with their in-place variants and aliases."""
    calls = set()
    for spec in opdb.specs():
        calls.update(c for c in (spec.function, spec.method, spec.inplace, *spec.aliases) if c)
    return frozenset(calls)


@functools.cache
def database_error_ops() -> frozenset[str]:
    """The calls whose database entry has error inputs for the CPU."""
    return frozenset(spec.primary for spec in opdb.specs() if "errors" in spec.aspects())


NUMBER_FIELDS = ("{s}", "{e}", "{k}", "{lo}", "{hi}")  # the table's Python-number placeholders


def _call_name(node: ast.Call) -> str | None:
    """``torch.exp``, ``torch.nn.functional.softmax`` or ``Tensor.sum`` for a call node, else None."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return None  # a builtin such as abs(a)
    if isinstance(func.value, ast.Name) and func.value.id == "torch":
        return f"torch.{func.attr}"
    if isinstance(func.value, ast.Name) and func.value.id == "F":
        return f"torch.nn.functional.{func.attr}"
    return f"Tensor.{func.attr}"


def covered_by_database(form: str) -> bool:
    """Whether a form is nothing but calls of ops torch's op database checks, with tensor operands."""
    if any(field in form for field in NUMBER_FIELDS):
        return False
    tree = _parse(form)
    if not isinstance(tree, ast.Call):
        return False  # an operator, indexing or a literal
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    others = [
        n for n in ast.walk(tree) if isinstance(n, (ast.BinOp, ast.UnaryOp, ast.Compare, ast.Subscript))
    ]
    return not others and all(_call_name(c) in database_calls() for c in calls)


def _parse(template: str) -> ast.expr:
    return ast.parse(template.replace("{", "_").replace("}", "_"), mode="eval").body


def errors_covered_by_database(template: str) -> bool:
    """Whether an error template calls an op whose database entry has error inputs for the CPU."""
    tree = _parse(template)
    return isinstance(tree, ast.Call) and _call_name(tree) in database_error_ops()


def handwritten_part(op):
    """The entry without the forms and error templates the database checks (None when nothing is left)."""
    forms = tuple(f for f in op.forms if not covered_by_database(f))
    errors = tuple(e for e in op.errors if not errors_covered_by_database(e[0]))
    if not forms and not errors:
        return None
    return dataclasses.replace(op, forms=forms, errors=errors)


def register(op) -> Rule:
    rule = Rule(
        id=op.rule_id,
        area="ops",
        title=op.title,
        explanation=op.explanation,
        example=op.example_source(),
        source=DOCS.format(op.doc),
    )
    if op.forms:
        rule.check("forward", **_case_kwargs(f"{rule.id}::forward", op.cases()))(bodies.forward)
    if op.forms and op.differentiable:
        floats = tuple(d for d in op.dtypes if d in FLOATS)
        rule.check("backward", grad=UPSTREAM, **_case_kwargs(f"{rule.id}::backward", op.cases(floats)))(
            bodies.backward
        )
    if op.errors:
        rule.check("errors", **_case_kwargs(f"{rule.id}::errors", op.error_cases()))(bodies.errors)
    return rule


RULES = [register(part) for part in map(handwritten_part, OPS) if part is not None]
