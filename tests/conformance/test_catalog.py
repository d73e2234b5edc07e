"""The whole catalog: well-formed rules, runnable examples, self-contained and deterministic checks.

These hold for every rule module; the per-area test modules add what is special to their areas (the
broken engines each area's checks must catch, the op table's input domains, the program fuzzer).
"""

import ast
import builtins
import contextlib
import dis
import importlib
import inspect
import io
import re
import sys
import types
import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.catalog import AREAS, load_catalog
from conformance.observe import compare, run_body
from conformance.rulebook.claims import CLAIMS

CATALOG = load_catalog()
ALL_RULES = list(CATALOG.rules.values())
CHECKS = CATALOG.checks()
# Rules generated from torch's op database have their own tests (test_opdb); here, every tenth of them.
RULES = [r for r in ALL_RULES if not r.generated] + [r for r in ALL_RULES if r.generated][::10]
# Bodies that interpret data (random programs) have their own reproducer and their own tests; bodies
# whose reproducer is their whole module are checked module by module.
SELF_CONTAINED = [c for c in CHECKS if c.script is None and not c.module_source]
MODULE_SOURCED = sorted({c.body.__module__ for c in CHECKS if c.module_source})
# The op table's checks get the same determinism test, with its input-domain assertions, in test_ops_table;
# the generated ones (given examples, no strategies) theirs in test_opdb.
RULE_CHECKS = [c for c in CHECKS if c.script is None and c.area != "ops" and c.examples is None]


def test_catalog_shape():
    assert len(ALL_RULES) >= 60
    assert {r.area for r in ALL_RULES} == set(AREAS)
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids))


def test_every_check_is_in_a_known_area():
    assert all(c.area in AREAS for c in CHECKS)
    # every area but the random programs has at least three rules
    for area in AREAS:
        assert area == "programs" or len([r for r in ALL_RULES if r.area == area]) >= 3, area


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_well_formed(rule):
    pattern = r"OPDB-[\w.]+(@[\w.-]+)?" if rule.generated else r"[A-Z]+(-[A-Z_]+)*-(\d{3}|[A-Z_]+)"
    assert re.fullmatch(pattern, rule.id), rule.id
    assert rule.checks, f"{rule.id} has no checks"
    assert len({c.name for c in rule.checks}) == len(rule.checks), f"{rule.id} repeats a check name"
    assert rule.title and rule.explanation and rule.source.startswith("https://"), rule.id
    if rule.verdict is not None:
        assert rule.claim in CLAIMS, rule.id
        assert rule.verdict == "agrees" or rule.verdict.startswith("differs: "), rule.id


def test_every_claim_of_the_article_has_a_rule():
    assert {r.claim for r in RULES if r.claim is not None} == set(CLAIMS)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_example_runs_on_torch_and_prints(rule):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # some examples show torch's warnings on purpose
        exec(compile(rule.example, f"<{rule.id} example>", "exec"), {"__name__": "__example__"})
    assert out.getvalue().strip(), f"{rule.id}'s example printed nothing"
    assert torch.is_grad_enabled(), f"{rule.id}'s example left grad mode off"


def _code_objects(code):
    stack = [code]
    while stack:
        c = stack.pop()
        yield c
        stack.extend(k for k in c.co_consts if isinstance(k, types.CodeType))


@pytest.mark.parametrize("check", SELF_CONTAINED, ids=lambda c: c.id)
def test_body_is_self_contained(check):
    """A reproducer is the body's source plus its arguments, so a body may use nothing else."""
    assert check.body.__closure__ is None, f"{check.id} closes over outer variables"
    for code in _code_objects(check.body.__code__):
        own = {ins.argval for ins in dis.get_instructions(code) if ins.opname == "STORE_NAME"}  # class bodies
        for ins in dis.get_instructions(code):
            if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME") and ins.argval not in own:
                assert hasattr(builtins, ins.argval), f"{check.id} uses global {ins.argval!r}"
            # `import torch...` in a body finds the real torch, whatever engine the body was given as torch
            if ins.opname == "IMPORT_NAME":
                top = ins.argval.split(".")[0]
                assert top != "torch", f"{check.id} imports {ins.argval}, not the engine it was given"


@pytest.mark.parametrize("module", MODULE_SOURCED)
def test_a_module_that_is_a_reproducer_imports_only_the_standard_library(module):
    """Its source is a reproducer's, so it may import the standard library and numpy, and the suite's
    NotApplicable only with a fallback for a script run without the suite."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            allowed = top in sys.stdlib_module_names or top == "numpy" or name == "conformance.backends"
            assert allowed, f"{module} imports {name}"


@pytest.mark.parametrize("check", RULE_CHECKS, ids=lambda c: c.id)
def test_check_is_deterministic_on_torch(check):
    """torch against itself: identical observations, nothing escaping the body, grad mode restored."""

    @settings(max_examples=5, deadline=None)
    @given(kwargs=st.fixed_dictionaries(check.strategies))
    def property(kwargs):
        first = run_body(check.body, torch, kwargs)
        assert first, "the body recorded nothing"
        assert not [v for label, v in first if label == "<body raised>"], first[-1]
        assert compare(first, run_body(check.body, torch, kwargs)) == []
        assert torch.is_grad_enabled(), "the body left grad mode switched off"

    property()
