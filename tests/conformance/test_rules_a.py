"""The rules of the leaves, graph, backward, accumulation, nonleaf, retain_graph and detach areas.

The catalog-wide properties (examples run, bodies self-contained, checks deterministic on torch) are
in test_catalog.py. Here: the areas' own ids and claims, and a few checks run against deliberately
broken engines (torch wrapped with one behaviour changed) to show they can fail.
"""

import re
import types

import pytest
import torch

import conformance.rules.accumulation
import conformance.rules.backward
import conformance.rules.detach
import conformance.rules.graph
import conformance.rules.leaves
import conformance.rules.nonleaf
import conformance.rules.retain_graph  # noqa: F401  (importing registers the rules)
from conformance.catalog import REGISTRY
from conformance.observe import compare, run_body

PREFIXES = {
    "leaves": "LEAF",
    "graph": "GRAPH",
    "backward": "BWD",
    "accumulation": "ACCUM",
    "nonleaf": "NONLEAF",
    "retain_graph": "RETAIN",
    "detach": "DETACH",
}
RULES = [r for r in REGISTRY.rules.values() if r.area in PREFIXES]
CHECKS = [c for r in RULES for c in r.checks]


def test_catalog_size_and_ids():
    assert len(RULES) >= 35
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
    claims = {r.claim for r in RULES if r.claim is not None}
    assert {1, 2, 3, 4, 5, 6, 7} <= claims


# -- broken engines: torch with one behaviour changed ---------------------------------------------


def _adopt(value, cls):
    """Turn torch's plain tensors (alone or in a tuple) into ``cls`` without touching the graph."""
    for t in value if isinstance(value, (tuple, list)) else (value,):
        if type(t) is torch.Tensor:
            t.__class__ = cls  # as_subclass() would add an AliasBackward0 node to the graph
    return value


def _engine(**methods):
    """torch, except that its tensors are of a subclass whose given methods are replaced."""

    def __torch_function__(cls, func, types, args=(), kwargs=None):
        with torch._C.DisableTorchFunctionSubclass():
            return _adopt(func(*args, **(kwargs or {})), cls)

    body = dict(methods, __torch_function__=classmethod(__torch_function__))
    subclass = type("EngineTensor", (torch.Tensor,), body)
    engine = types.ModuleType("broken_torch")
    engine.__getattr__ = lambda name: getattr(torch, name)

    def wrap(factory):
        def make(*args, **kwargs):
            return _adopt(factory(*args, **kwargs), subclass)

        return make

    for name in ("tensor", "zeros", "ones", "full"):
        setattr(engine, name, wrap(getattr(torch, name)))
    return engine


def _overwriting_backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    stack = [self.grad_fn]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if hasattr(node, "variable"):
            node.variable.grad = None  # forget the old gradient: backward overwrites
        stack.extend(n for n, _ in node.next_functions)
    torch.Tensor.backward(self, gradient, retain_graph, create_graph, inputs)


def _implicit_ones_backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    gradient = torch.ones_like(self) if gradient is None else gradient
    torch.Tensor.backward(self, gradient, retain_graph, create_graph, inputs)


def _broadcasting_bwd(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    # the article's claim 5: accept any gradient that broadcasts to the output
    gradient = gradient.expand(self.shape) if gradient is not None else gradient
    torch.Tensor.backward(self, gradient, retain_graph, create_graph, inputs)


def _retaining_bwd(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
    torch.Tensor.backward(self, gradient, True, create_graph, inputs)


def _copying_detach(self):
    return torch.Tensor.detach(self).clone()


def _flowing_detach(self):
    # a detach that keeps the graph: gradients would flow through it
    return torch.Tensor.view_as(self, self)


SMALL = ((2,), [0.5, 1.0])
BROKEN = [  # (check id, drawn arguments, overridden Tensor method, broken implementation)
    ("ACCUM-001::k-passes", dict(passes=3, dtype="float32", data=SMALL), "backward", _overwriting_backward),
    ("BWD-002::shapes", dict(dtype="float64", shape=(3,)), "backward", _implicit_ones_backward),
    ("BWD-003::broadcastable", dict(dtype="float32", pair=((2, 3), (3,))), "backward", _broadcasting_bwd),
    ("RETAIN-001::ops", dict(op="x.exp()", dtype="float32", data=SMALL), "backward", _retaining_bwd),
    (
        "DETACH-002::in-place",
        dict(source="leaf", direction="detached->original", dtype="float32", data=SMALL),
        "detach",
        _copying_detach,
    ),
    ("DETACH-004::mixed", dict(detach_first=True, dtype="float64", data=SMALL), "detach", _flowing_detach),
]


@pytest.mark.parametrize("check_id, kwargs, method, broken", BROKEN, ids=[b[0] for b in BROKEN])
def test_check_catches_a_broken_engine(check_id, kwargs, method, broken):
    (check,) = [c for c in CHECKS if c.id == check_id]
    reference = run_body(check.body, torch, kwargs)
    # the wrapper alone changes nothing observable ...
    assert compare(reference, run_body(check.body, _engine(), kwargs)) == []
    # ... but the one broken behaviour is caught
    assert compare(reference, run_body(check.body, _engine(**{method: broken}), kwargs)) != []
