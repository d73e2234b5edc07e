"""The same seed gives the same results: outcome, number of examples, and the reported example.

A check that fails only sometimes is a suite bug, so checks of each kind (a rule check, an op check,
the random-program check) run twice with one seed must agree exactly. On torch every check passes;
on a backend with a bug the failing example is shrunk, and shrinking must be reproducible too (its
budget counts examples, not seconds, so a busy machine reports the same example as an idle one).
"""

import torch

from conformance.catalog import load_catalog
from conformance.execute import run_check
from conformance.profiles import get_profile
from conformance.runner import run_suite
from tests.broken_backends import overwrite_grads

# One of each kind; the broken backend (.grad overwritten, not accumulated) fails the rule check and
# the program check.
CHECKS = ("ACCUM-001::k-passes", "OP-ADD::backward", "OPDB-exp::backward", "PROG-001::random-programs")
FAILING = ("ACCUM-001::k-passes", "PROG-001::random-programs")
SEED = 1


def catalog_check(check_id: str):
    return next(c for c in load_catalog().checks() if c.id == check_id)


def test_torch_gives_the_same_results_twice_with_one_seed():
    def outcomes():
        # a per-check limit far above what a loaded machine needs: only a real hang may reach it
        result = run_suite("torch", profile="ci", rules=",".join(CHECKS), seed=SEED, timeout=600)
        assert [c.id for c in result.checks] == sorted(CHECKS)
        return {c.id: (c.outcome, c.examples, c.kwargs, c.message) for c in result.checks}

    first = outcomes()
    assert first == outcomes()
    assert {outcome for outcome, *_ in first.values()} == {"pass"}
    assert all(examples > 1 for _, examples, *_ in first.values())


def test_a_failing_check_reports_the_same_smallest_example_twice():
    # In this process (a worker's start-up costs more than the checks): the same code path a worker runs.
    ci = get_profile("ci")
    for check_id in CHECKS:
        check = catalog_check(check_id)
        first, second = (run_check(check, torch, overwrite_grads, ci, SEED) for _ in range(2))
        for key in ("outcome", "examples", "kwargs", "message", "reproducer"):
            assert first[key] == second[key], (check_id, key)
        assert (first["outcome"] == "fail") == (check_id in FAILING), check_id


def test_the_shrink_budget_counts_examples_so_a_cut_short_shrink_is_reproducible():
    check = catalog_check("PROG-001::random-programs")
    ci = get_profile("ci")
    assert ci.shrink_seconds is None  # the reproducible profile shrinks by a count, never by the clock
    tiny = type(ci)(**{**ci.__dict__, "shrink_steps": 3})
    runs = [run_check(check, torch, overwrite_grads, tiny, SEED) for _ in range(2)]
    full = run_check(check, torch, overwrite_grads, ci, SEED)
    assert runs[0]["outcome"] == "fail" and "shrinking stopped" not in runs[0]["message"]
    assert (runs[0]["examples"], runs[0]["kwargs"]) == (runs[1]["examples"], runs[1]["kwargs"])
    # the budget did cut the shrink short: the full shrink went further and found a smaller program
    assert runs[0]["examples"] < full["examples"] and runs[0]["kwargs"] != full["kwargs"]
