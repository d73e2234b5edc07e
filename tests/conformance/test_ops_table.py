"""The hand-written op table and its checks (area "ops").

Every API op is checked, by the table or by torch's op database; the table's rules keep only the forms
the database does not check; every check is deterministic on torch (torch vs torch compares equal),
never raises out of its body, and uses only its parameters and builtins; every kept form runs on torch
with finite gradients (inputs stay inside the op's domain); every kept error template raises.
"""

import math
import re

import pytest
import torch
from hypothesis import given, settings

import conformance.rules.ops as table_rules
from conformance.catalog import REGISTRY
from conformance.observe import compare, run_body
from conformance.ops import OPS, bodies
from conformance.ops.inputs import FLOATS

pytestmark = pytest.mark.filterwarnings("ignore:Using a target size")  # mse_loss error cases warn first
FEW = settings(max_examples=5, deadline=None, derandomize=True, database=None)
RULES = [r for r in REGISTRY.rules.values() if r.area == "ops"]
CHECKS = [c for r in RULES for c in r.checks]
KEPT = [part for part in map(table_rules.handwritten_part, OPS) if part is not None]

# The API the table must cover, as data: each entry must match some op form (a regular expression).
FUNCTIONS = """add sub mul div neg pow exp log sqrt abs sin cos tanh sigmoid relu clamp maximum minimum
    where matmul mm sum mean max min amax amin prod softmax log_softmax logsumexp cat stack reshape transpose
    permute squeeze unsqueeze flatten""".split()
FUNCTIONAL = "relu sigmoid tanh softmax log_softmax mse_loss nll_loss cross_entropy linear".split()
METHODS = """view reshape transpose t permute expand squeeze unsqueeze flatten clone contiguous
    to float double""".split()
INPLACE = "add_ sub_ mul_ div_ pow_ zero_ fill_ copy_ clamp_".split()
COMPARISONS = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
OPERATORS = ["+", "-", "*", "/", "**"]
VARIANTS = {
    "sum()": r"^a\.sum\(\)$",
    "sum(dim)": r"sum\(a, dim=\{d\}\)",
    "sum(dim, keepdim=True)": r"sum\(dim=\{d\}, keepdim=True\)",
    "max()": r"^a\.max\(\)$",
    "max(dim)": r"max\(dim=\{d\}\)",
    "min(dim)": r"min\(dim=\{d\}\)",
    "pow tensor exponent": r"pow\(a, b\)",
    "pow scalar exponent": r"pow\(a, \{e\}\)",
    "clamp(min=)": r"^a\.clamp\(min=\{lo\}\)$",
    "clamp(max=)": r"^a\.clamp\(max=\{hi\}\)$",
    "clamp(both)": r"clamp\(a, min=\{lo\}, max=\{hi\}\)",
    "unary -": r"^-a$",
    "@": r"^a @ b$",
    "index: int": r"^a\[\{i\}\]$",
    "index: slice": r"^a\[\{sl\}\]$",
    "index: ints, slices, None, ...": r"^a\[\{ix\}\]$",
    "index: integer array": r"^a\[idx\]$",
    "index: list of ints": r"^a\[\{lst\}\]$",
    "index: boolean mask": r"^a\[m\]$",
}


def _api_patterns():
    patterns = {f"torch.{n}": rf"torch\.{n}\(" for n in FUNCTIONS}
    patterns |= {f"F.{n}": rf"F\.{n}\(" for n in FUNCTIONAL}
    patterns |= {f"Tensor.{n}": rf"\.{n}\(" for n in METHODS + INPLACE}
    for name, op in COMPARISONS.items():
        patterns |= {f"torch.{name}": rf"torch\.{name}\(", f"Tensor.{name}": rf"a\.{name}\("}
        patterns |= {f"a {op} b": rf"^a {re.escape(op)} b$", f"a {op} s": rf"^a {re.escape(op)} \{{s\}}$"}
        patterns[f"s {op} a"] = rf"^\{{s\}} {re.escape(op)} a$"
    for op in OPERATORS:
        patterns |= {f"a {op} b": rf"^a {re.escape(op)} b$", f"a {op} s": rf"^a {re.escape(op)} \{{[se]\}}$"}
        patterns[f"s {op} a"] = rf"^\{{s\}} {re.escape(op)} a$"
    return patterns | VARIANTS


def test_table_covers_the_api():
    forms = [form for op in OPS for form in op.forms]
    patterns = _api_patterns()
    missing = [api for api, pattern in patterns.items() if not any(re.search(pattern, f) for f in forms)]
    assert not missing, f"API not covered by any op form: {missing}"


def test_every_form_is_checked_by_the_table_or_by_the_database():
    kept = {form for part in KEPT for form in part.forms}
    for op in OPS:
        for form in op.forms:
            assert (form in kept) != table_rules.covered_by_database(form), form


def test_the_table_keeps_only_what_the_database_does_not_check():
    kept = [form for part in KEPT for form in part.forms]
    assert kept and not any(table_rules.covered_by_database(f) for f in kept)
    # Python operators, Python numbers as operands and indexing stay; plain calls of database ops go
    for form in ("a + b", "{s} - a", "a ** {e}", "a @ b", "-a", "abs(a)", "a[m]", "a > {s}"):
        assert form in kept, form
    for form in (
        "torch.exp(a)",
        "a.sum(dim={d}, keepdim=True)",
        "F.softmax(a, dim={d})",
        "torch.cat([a, b])",
    ):
        assert table_rules.covered_by_database(form) and form not in kept, form


def test_rules_and_checks():
    assert len(RULES) == len(KEPT) >= 40
    assert 80 <= len(CHECKS) <= 250
    for rule in RULES:
        assert re.fullmatch(r"OP-[A-Z_]+(-[A-Z]+)?", rule.id), rule.id
        assert {c.name for c in rule.checks} <= {"forward", "backward", "errors"}
        assert rule.title and rule.explanation and rule.source.startswith("https://pytorch.org/docs/")


def _flat_values(values):
    stack = [values]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        else:
            yield v


def _assert_sound(check_name, records):
    """What a run on torch must look like: no exception out of the body, errors raised, grads finite."""
    labels = [label for label, _ in records]
    assert "<body raised>" not in labels, records[-1]
    if check_name == "errors":
        assert records[-1][1]["raised"] is not None, f"no error: {records}"
    if check_name == "backward":
        for label, obs in records:
            assert obs is not None, f"{label} is None"
            assert all(math.isfinite(v) for v in _flat_values(obs["values"])), f"{label}: {obs['values']}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_check_is_deterministic_on_torch(check):
    @FEW
    @given(**check.strategies)
    def run(**kwargs):
        first = run_body(check.body, torch, kwargs)
        _assert_sound(check.name, first)
        assert compare(first, run_body(check.body, torch, kwargs)) == []

    run()


@pytest.mark.parametrize("op", KEPT, ids=lambda op: op.rule_id)
def test_every_form_runs_on_torch(op):
    """Each form and error template on its own, so none hides behind its neighbours in sampling."""
    floats = tuple(d for d in op.dtypes if d in FLOATS)
    runs = [("forward", bodies.forward, op.cases(forms=[form]), False) for form in op.forms]
    if op.differentiable:
        runs += [("backward", bodies.backward, op.cases(floats, forms=[form]), True) for form in op.forms]
    runs += [("errors", bodies.errors, op.error_cases([error]), False) for error in op.errors]
    for name, body, cases, needs_grad in runs:
        _run_on_torch(name, body, cases, needs_grad)


def _run_on_torch(name, body, cases, needs_grad):
    @settings(max_examples=3, deadline=None, derandomize=True, database=None)
    @given(case=cases)
    def run(case):
        kwargs = {"expr": case[0], "inputs": case[1]} | ({"grad": [0.5, -1.0, 2.0]} if needs_grad else {})
        _assert_sound(name, run_body(body, torch, kwargs))

    run()


class _ExpOff:
    """torch with exp one part in a thousand off: the forward check must see it."""

    def __getattr__(self, name):
        return getattr(torch, name)

    def exp(self, x):
        return torch.exp(x) * 1.001


def test_a_wrong_engine_is_caught():
    kwargs = {"expr": "torch.exp(a)", "inputs": {"a": ("float32", (2,), [0.5, -1.0])}}
    assert compare(run_body(bodies.forward, torch, kwargs), run_body(bodies.forward, _ExpOff(), kwargs))
