"""Area "ops": one rule per op-table entry, with generic forward / backward / errors checks.

Each check draws a case ``(expr, inputs)`` from the entry and evaluates it with the shared bodies in
``conformance.ops.bodies``. ``expr`` and ``inputs`` come from one shared draw (``st.shared``) so the
reproducer shows them as two readable literals.
"""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.catalog import Rule
from conformance.ops import OPS, bodies
from conformance.ops.inputs import FLOATS

DOCS = "https://pytorch.org/docs/stable/generated/{}.html"

# Values of the upstream gradient; the backward body repeats them to fill the output's shape.
UPSTREAM = st.lists(st.floats(-2.0, 2.0, allow_nan=False, width=32), min_size=1, max_size=6)


def _case_kwargs(key: str, cases) -> dict:
    shared = st.shared(cases, key=key)
    return {"expr": shared.map(lambda case: case[0]), "inputs": shared.map(lambda case: case[1])}


def register(op) -> Rule:
    rule = Rule(
        id=op.rule_id,
        area="ops",
        title=op.title,
        explanation=op.explanation,
        example=op.example_source(),
        source=DOCS.format(op.doc),
    )
    rule.check("forward", **_case_kwargs(f"{rule.id}::forward", op.cases()))(bodies.forward)
    if op.differentiable:
        floats = tuple(d for d in op.dtypes if d in FLOATS)
        rule.check("backward", grad=UPSTREAM, **_case_kwargs(f"{rule.id}::backward", op.cases(floats)))(
            bodies.backward
        )
    if op.errors:
        rule.check("errors", **_case_kwargs(f"{rule.id}::errors", op.error_cases()))(bodies.errors)
    return rule


RULES = [register(op) for op in OPS]
