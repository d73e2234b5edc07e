"""The rules of the areas torch.autograd has beyond the basics, and of numbers and kinks.

The catalog-wide properties (examples run, bodies self-contained, checks deterministic on torch) are in
test_catalog.py, and every area's broken backend (tests/broken_backends) is caught in
test_broken_backends.py. Here: the areas' ids, and what the numbers area must catch by construction.
"""

import re

import pytest
import torch

from conformance.catalog import load_catalog
from conformance.observe import compare, run_body

PREFIXES = {
    "forward_ad": "FWAD",
    "functional": "AFUNC",
    "anomaly": "ANOMALY",
    "inference": "INFER",
    "saved_hooks": "SAVED",
    "graph_api": "NODE",
    "reentrant": "REENTRANT",
    "serialization": "SERIAL",
    "nn": "NN",
    "numbers": "NUM",
    "kinks": "KINK",
}
CATALOG = load_catalog()
RULES = [r for r in CATALOG.rules.values() if r.area in PREFIXES]


def test_every_area_has_rules_with_its_prefix():
    for area, prefix in PREFIXES.items():
        rules = [r for r in RULES if r.area == area]
        assert len(rules) >= 3, area
        for rule in rules:
            assert re.fullmatch(rf"{prefix}-\d{{3}}", rule.id), rule.id
            assert rule.title and rule.explanation and rule.source.startswith("https://")
            assert rule.checks and all(c.strategies for c in rule.checks), rule.id


def test_every_area_has_a_broken_backend_that_names_one_of_its_checks():
    from tests import broken_backends

    caught = {
        __import__(f"tests.broken_backends.{name}", fromlist=["CAUGHT_BY"]).CAUGHT_BY
        for name in broken_backends.names()
    }
    for area, prefix in PREFIXES.items():
        assert any(check_id.startswith(prefix + "-") for check_id in caught), area


def check(check_id):
    return next(c for c in CATALOG.checks() if c.id == check_id)


class _Engine:
    """torch with some names replaced."""

    def __init__(self, **replaced):
        self.__dict__.update(replaced)

    def __getattr__(self, name):
        return getattr(torch, name)


# The divergences a fuzzer found in minigrad, each as one drawn example of a numbers check: torch and a
# wrong engine must differ on it.
def _uint8_division_wraps(data, dtype=None, **kwargs):
    """uint8 tensors whose true division by a Python int divides by the int narrowed to uint8."""
    t = torch.tensor(data, dtype=dtype, **kwargs)
    if t.dtype != torch.uint8:
        return t

    class Narrowing(torch.Tensor):
        def __truediv__(self, other):
            if type(other) is int:
                other = torch.tensor(other % 256, dtype=torch.uint8)
            return torch.Tensor.__truediv__(self.as_subclass(torch.Tensor), other)

    return t.as_subclass(Narrowing)


class _NoNumbersInside(torch.Tensor):
    def __contains__(self, element):
        raise TypeError("'in <tensor>' requires a tensor as left operand")


def _numbers_not_in_tensors(*args, **kwargs):
    return torch.tensor(*args, **kwargs).as_subclass(_NoNumbersInside)


@pytest.mark.parametrize(
    "check_id, kwargs, engine",
    [
        (
            "NUM-001::operators",
            dict(exprs=("t / s",), data=("uint8", (2,), [1, 200]), operands=(("int", 256),)),
            _Engine(tensor=_uint8_division_wraps),
        ),
        (
            "NUM-003::contains-and-convert",
            dict(data=("int64", (3,), [1, 2, 3]), needle=("int", 2), conversion="t.tolist()"),
            _Engine(tensor=_numbers_not_in_tensors),
        ),
    ],
)
def test_the_numbers_checks_catch_what_the_fuzzer_found(check_id, kwargs, engine):
    reference = run_body(check(check_id).body, torch, kwargs)
    assert compare(reference, run_body(check(check_id).body, engine, kwargs)) != []


def test_kinks_are_drawn_on_the_kink():
    """A relu computed as clamp(min=0) differs from torch only at 0; the kink check draws 0."""
    body = check("KINK-001::unary").body
    kwargs = dict(expr="torch.relu(x)", data=((2,), [0.0, 1.0]), grad=[1.0])
    clamping = _Engine(relu=lambda x: x.clamp(min=0))

    def grad_differences(kwargs):
        differences = compare(run_body(body, torch, kwargs), run_body(body, clamping, kwargs))
        return [d for d in differences if d.startswith("x.grad")]

    assert grad_differences(kwargs)
    assert not grad_differences(dict(kwargs, data=((2,), [0.5, 1.0])))
