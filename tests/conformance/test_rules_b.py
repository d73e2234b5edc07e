"""The rules of the grad_mode, inplace, higher_order, hooks, function and dtypes areas.

The catalog-wide properties (examples run, bodies self-contained, checks deterministic on torch) are
in test_catalog.py. Here: the areas' own ids and claims, and a few checks run against small broken
engines (torch with one behaviour changed) to show they can fail.
"""

import re
import types

import pytest
import torch

import conformance.rules.dtypes
import conformance.rules.function
import conformance.rules.grad_mode
import conformance.rules.higher_order
import conformance.rules.hooks
import conformance.rules.inplace  # noqa: F401  (importing registers the rules)
from conformance.catalog import REGISTRY
from conformance.observe import compare, run_body

PREFIXES = {
    "grad_mode": "MODE",
    "inplace": "INPLACE",
    "higher_order": "HIGHER",
    "hooks": "HOOK",
    "function": "FUNC",
    "dtypes": "DTYPE",
}
RULES = [r for r in REGISTRY.rules.values() if r.area in PREFIXES]
CHECKS = [c for r in RULES for c in r.checks]


def test_catalog_size_and_ids():
    assert len(RULES) >= 32
    for area in PREFIXES:
        assert len([r for r in RULES if r.area == area]) >= 5, area
    for rule in RULES:
        assert re.fullmatch(rf"{PREFIXES[rule.area]}-\d{{3}}", rule.id), rule.id
        assert 1 <= len(rule.checks) <= 3, rule.id
        names = [c.name for c in rule.checks]
        assert len(names) == len(set(names)), rule.id
        assert rule.title and rule.explanation and rule.source.startswith("https://")
        if rule.verdict is not None:
            assert rule.verdict == "agrees" or rule.verdict.startswith("differs: "), rule.id
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids))


def test_claims_covered():
    assert {2, 8} <= {r.claim for r in RULES if r.claim is not None}


# -- broken engines: torch with one behaviour changed ---------------------------------------------


def _engine(**replaced):
    """A module that is torch except for the replaced attributes (``autograd.grad`` reaches inside)."""
    engine = types.ModuleType("broken_torch")
    engine.__getattr__ = lambda name: getattr(torch, name)
    autograd = types.ModuleType("broken_autograd")
    autograd.__getattr__ = lambda name: getattr(torch.autograd, name)
    engine.autograd = autograd
    for name, value in replaced.items():
        owner, _, attr = name.rpartition(".")
        setattr(autograd if owner == "autograd" else engine, attr, value)
    return engine


class _NotRestoringSetGradEnabled:
    """set_grad_enabled whose with-block forgets to restore the previous mode."""

    def __init__(self, mode):
        torch.set_grad_enabled(mode)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _always_allow_unused(outputs, inputs, **kwargs):
    return torch.autograd.grad(outputs, inputs, **{**kwargs, "allow_unused": True})


def _grad_that_accumulates(outputs, inputs, **kwargs):
    grads = torch.autograd.grad(outputs, inputs, **{**kwargs, "retain_graph": True})
    torch.autograd.backward(outputs, inputs=inputs)  # also fills .grad, like backward() would
    return grads


def _float32_only_tensor(data, dtype=None, **kwargs):
    return torch.tensor(data, dtype=torch.float32 if dtype == torch.float64 else dtype, **kwargs)


def _ignored_inference_mode(*args, **kwargs):
    return torch.no_grad(*args, **kwargs)


SMALL = ((2,), [0.5, 1.0])
BROKEN = [  # (check id, drawn arguments, replaced attributes)
    ("MODE-001::ops-inside", dict(op="mul", dtype="float32", data=SMALL), {"no_grad": torch.enable_grad}),
    (
        "MODE-005::as-context",
        dict(mode=False, outer=True, dtype="float64"),
        {"set_grad_enabled": _NotRestoringSetGradEnabled},
    ),
    (
        "MODE-009::inference-tensors",
        dict(dtype="float32", data=SMALL),
        {"inference_mode": _ignored_inference_mode},
    ),
    (
        "HIGHER-001::returns-tuple",
        dict(as_list=False, backward_first=False, dtype="float32", data=SMALL),
        {"autograd.grad": _grad_that_accumulates},
    ),
    (
        "HIGHER-002::unused",
        dict(unused_position=1, option="default", dtype="float64", data=SMALL),
        {"autograd.grad": _always_allow_unused},
    ),
    (
        "DTYPE-003::float32-float64",
        dict(op="mul", swap=False, pair=(SMALL, ((), [2.0]))),
        {"tensor": _float32_only_tensor},
    ),
]


@pytest.mark.parametrize("check_id, kwargs, replaced", BROKEN, ids=[b[0] for b in BROKEN])
def test_check_catches_a_broken_engine(check_id, kwargs, replaced):
    (check,) = [c for c in CHECKS if c.id == check_id]
    reference = run_body(check.body, torch, kwargs)
    try:
        # the wrapper alone changes nothing observable ...
        assert compare(reference, run_body(check.body, _engine(), kwargs)) == []
        # ... but the one broken behaviour is caught
        assert compare(reference, run_body(check.body, _engine(**replaced), kwargs)) != []
    finally:
        torch.set_grad_enabled(True)  # a broken engine may leave torch's grad mode off
