"""Op checks generated from torch's own op database (conformance.ops.opdb, conformance.rules.opdb).

The database is read at run time and nothing about an op is restated here: the tests check the
machinery (reading entries, carrying samples as plain data, judging what torch reproduces), run a
sample of the generated checks on torch (the whole database with -m slow), and show that a broken or
incomplete engine is failed or found not applicable, with a reproducer that stands alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
import torch

from conformance.catalog import AREAS, load_catalog
from conformance.execute import run_check
from conformance.expectations import Expectation, Expectations, ExpectationsError
from conformance.observe import compare, run_body
from conformance.ops import opdb, opdb_bodies
from conformance.profiles import get_profile
from conformance.runner import matches, run_suite, shard_ids

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog()
SPECS = opdb.specs()
BY_KEY = {spec.key: spec for spec in SPECS}
GENERATED = [c for c in CATALOG.checks() if c.rule.generated]
CI = get_profile("ci")


def check(check_id: str):
    return next(c for c in GENERATED if c.id == check_id)


def test_the_database_is_read_at_run_time():
    database = opdb.op_db()
    assert len(database) >= 600 and len(SPECS) >= 600
    assert {spec.rule_id for spec in SPECS} == {r.id for r in CATALOG.rules.values() if r.generated}
    for spec in SPECS:
        aspects = spec.aspects()
        assert spec.area in AREAS and spec.area.startswith("op_")
        assert ("forward-ad" in aspects) <= spec.info.supports_forward_ad
        assert ("gradgrad" in aspects) <= spec.info.supports_gradgrad
        assert ("backward" in aspects) <= spec.info.supports_autograd
        assert set(spec.dtypes) <= set(opdb.FLOAT_DTYPES + opdb.EXACT_DTYPES)
    # the aspects the database says exist are generated, for most entries
    assert sum("forward-ad" in s.aspects() for s in SPECS) >= 450
    assert sum("errors" in s.aspects() for s in SPECS) >= 150
    assert sum("inplace" in s.aspects() for s in SPECS) >= 100


def test_check_ids_are_stable_names_of_entries_and_aspects():
    for c in GENERATED:
        assert re.fullmatch(
            r"OPDB-[\w.]+(@[\w.-]+)?::(forward|method|inplace|operator|aliases|backward|grad-fn|forward-ad|gradgrad|errors)",
            c.id,
        ), c.id
    assert "OPDB-nn.functional.relu::backward" in {c.id for c in GENERATED}
    assert "OPDB-polygamma@polygamma_n_1::forward" in {c.id for c in GENERATED}


def test_the_database_lambdas_are_carried_as_their_own_source():
    spec = BY_KEY["polygamma@polygamma_n_1"]
    assert spec.function == "lambda x, n, **kwargs: torch.polygamma(n, x, **kwargs)"
    fn = opdb_bodies.op_callable(torch, spec.function)
    x = torch.tensor([0.5, 2.0])
    assert torch.equal(fn(x, 1), torch.polygamma(1, x))
    assert BY_KEY["abs"].function == "torch.abs" and BY_KEY["abs"].method == "Tensor.abs"
    assert BY_KEY["T"].function == "lambda x: x.T" and BY_KEY["T"].method is None
    assert BY_KEY["__radd__"].function is None and BY_KEY["__radd__"].method == "Tensor.__radd__"


@pytest.mark.parametrize(
    "key", ["abs", "cat", "nn.functional.conv2d", "__getitem__", "linalg.svd", "where", "to"]
)
def test_samples_travel_as_plain_data_and_come_back_the_same(key):
    spec = BY_KEY[key]
    raw = opdb.raw_samples(spec, "float32", True, 0, 6)
    assert raw
    for sample in raw:
        encoded = opdb.encode_sample(sample)
        assert eval(repr(encoded), {"nan": float("nan"), "inf": float("inf")}) is not None  # literals
        inp, args, kwargs = opdb_bodies.unpack(torch, encoded, mark=lambda t: t.requires_grad_())
        rebuilt = torch.utils._pytree.tree_leaves((inp, args, kwargs))
        original = torch.utils._pytree.tree_leaves((sample.input, tuple(sample.args), dict(sample.kwargs)))
        assert len(rebuilt) == len(original)
        for a, b in zip(rebuilt, original):
            if isinstance(b, torch.Tensor):
                assert a.dtype == b.dtype and a.shape == b.shape and a.requires_grad == b.requires_grad
                assert torch.equal(a.detach(), b.detach()) or (a.isnan() == b.isnan()).all()
            else:
                assert a == b or type(a) is type(b)


def test_torch_values_that_torch_itself_does_not_reproduce_are_not_compared():
    assert not opdb.behaviour(BY_KEY["empty"]).reproducible
    assert not opdb.behaviour(BY_KEY["new_empty"]).reproducible
    assert opdb.behaviour(BY_KEY["nn.functional.dropout"]).random
    assert opdb.behaviour(BY_KEY["abs"]) == opdb.Behaviour(reproducible=True, random=False)


def test_samples_are_reproducible_from_the_run_seed():
    spec = BY_KEY["addmm"]
    first = [opdb.encode_sample(s) for s in opdb.raw_samples(spec, "float64", True, 7, 4)]
    opdb.raw_samples.cache_clear()
    again = [opdb.encode_sample(s) for s in opdb.raw_samples(spec, "float64", True, 7, 4)]
    other = [opdb.encode_sample(s) for s in opdb.raw_samples(spec, "float64", True, 8, 4)]
    assert repr(first) == repr(again) and repr(first) != repr(other)


# A sample of the generated checks (every 12th entry, all its aspects) on torch, as `conformance run`
# runs them; the whole database with -m slow.
SAMPLED_KEYS = {spec.key for spec in SPECS[::12]}


def _run_on_torch(checks):
    bad = []
    for c in checks:
        result = run_check(c, torch, torch, CI, 0)
        if result["outcome"] != "pass" or result["examples"] < 1:
            bad.append(
                f"{c.id}: {result['outcome']} ({result['examples']} examples): {result['message'][:300]}"
            )
    return bad


@pytest.mark.parametrize("key", sorted(SAMPLED_KEYS))
def test_a_sample_of_op_checks_passes_on_torch(key):
    assert _run_on_torch([c for c in GENERATED if c.rule.spec.key == key]) == []


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(BY_KEY))
def test_every_op_check_passes_on_torch(key):
    assert _run_on_torch([c for c in GENERATED if c.rule.spec.key == key]) == []


# -- engines that differ from torch ----------------------------------------------------------------


class _Changed(types.ModuleType):
    """A namespace that is ``wrapped`` (torch or one of its submodules) except for some names."""

    def __init__(self, wrapped, missing=(), **overrides):
        super().__init__(f"changed {wrapped.__name__}")
        self._wrapped, self._missing = wrapped, set(missing)
        self.__dict__.update(overrides)

    def __getattr__(self, name):
        if name in self._missing:
            raise AttributeError(name)
        return getattr(self._wrapped, name)


def test_an_op_the_backend_lacks_is_not_applicable_and_named():
    engine = _Changed(torch, special=_Changed(torch.special, missing=["entr"]))
    result = run_check(check("OPDB-special.entr::forward"), torch, engine, CI, 0)
    assert result["outcome"] == "skip" and "torch.special.entr" in result["message"], result
    # ... while the ops it has are still checked
    assert run_check(check("OPDB-special.i0e::forward"), torch, engine, CI, 0)["outcome"] == "pass"


def test_forward_ad_missing_makes_only_the_forward_ad_checks_not_applicable():
    engine = _Changed(torch, autograd=_Changed(torch.autograd, missing=["forward_ad"]))
    result = run_check(check("OPDB-sin::forward-ad"), torch, engine, CI, 0)
    assert result["outcome"] == "skip" and "torch.autograd.forward_ad" in result["message"]
    assert run_check(check("OPDB-sin::backward"), torch, engine, CI, 0)["outcome"] == "pass"


def _exp_off_by_a_little(x, *args, **kwargs):
    return torch.exp(x, *args, **kwargs) * 1.001


@pytest.mark.parametrize("aspect", ["forward", "backward", "forward-ad"])
def test_a_wrong_op_fails_with_a_reproducer_that_shows_it(aspect, tmp_path):
    module = tmp_path / "exp_off.py"
    module.write_text(
        "import torch\n"
        "def __getattr__(name):\n"
        "    return getattr(torch, name)\n"
        "def exp(x, *args, **kwargs):\n"
        "    return torch.exp(x, *args, **kwargs) * 1.001\n"
    )
    engine = _Changed(torch, exp=_exp_off_by_a_little)
    result = run_check(check(f"OPDB-exp::{aspect}"), torch, engine, CI, 0)
    assert result["outcome"] == "fail", result
    script = tmp_path / "repro.py"
    script.write_text(result["reproducer"])
    runs = [
        subprocess.run(
            [sys.executable, str(script), *argv], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        for argv in ([], ["exp_off"])
    ]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    assert runs[0].stdout.strip() and runs[0].stdout != runs[1].stdout


def test_the_reproducer_carries_the_sample_as_literals():
    engine = _Changed(torch, exp=_exp_off_by_a_little)
    result = run_check(check("OPDB-exp::forward"), torch, engine, CI, 0)
    assert "def forward(torch, obs, calls, sample" in result["reproducer"]
    assert "'tensor': ['" in result["reproducer"] and "torch.exp" in result["reproducer"]


def test_a_missing_tensor_method_is_not_applicable():
    class NoAbsMethod(torch.Tensor):
        def __getattribute__(self, name):
            if name == "abs_":
                raise AttributeError(name)
            return super().__getattribute__(name)

    def tensor(*args, **kwargs):
        return torch.tensor(*args, **kwargs).as_subclass(NoAbsMethod)

    engine = _Changed(torch, tensor=tensor)
    result = run_check(check("OPDB-abs::inplace"), torch, engine, CI, 0)
    assert result["outcome"] == "skip" and "abs_" in result["message"], result


# -- selection, shards and expectations over generated ops -----------------------------------------


def test_rules_patterns_shards_and_expectations_work_over_generated_ops():
    ids = [c.id for c in GENERATED]
    chosen = [i for i in ids if matches("opdb-ABS", i)]
    assert chosen and all(i.startswith("OPDB-abs::") for i in chosen)
    assert [i for i in ids if matches("OPDB-*::forward-ad", i)] == [
        i for i in ids if i.endswith("::forward-ad")
    ]
    halves = shard_ids(ids, (1, 2)) + shard_ids(ids, (2, 2))
    assert sorted(halves) == sorted(ids)
    rule_of = {c.id: c.rule.id for c in CATALOG.checks()}
    known = Expectations([Expectation("xfail", "OPDB-abs::backward", "a reason")])
    known.validate(list(CATALOG.rules), rule_of)  # a generated id is known
    assert known.lookup("OPDB-abs::backward").reason == "a reason"
    with pytest.raises(ExpectationsError):
        Expectations([Expectation("xfail", "OPDB-no_such_op::forward", "a reason")]).validate(
            list(CATALOG.rules), rule_of
        )


def test_a_run_over_generated_ops_with_shards_and_expectations(tmp_path):
    expect = tmp_path / "expect.toml"
    expect.write_text('[[xfail]]\nid = "OPDB-exp::forward"\nreason = "this engine multiplies by 1.001"\n')
    rules = "OPDB-exp,OPDB-abs::forward"
    engine_dir = tmp_path / "engines"
    engine_dir.mkdir()
    (engine_dir / "exp_off_engine.py").write_text(
        "import torch\n"
        "def __getattr__(name):\n"
        "    return getattr(torch, name)\n"
        "def exp(x, *args, **kwargs):\n"
        "    return torch.exp(x, *args, **kwargs) * 1.001\n"
    )
    sys.path.insert(0, str(engine_dir))
    try:
        shards = [
            run_suite("exp_off_engine", profile="ci", rules=rules, shard=f"{i}/2", expect=str(expect))
            for i in (1, 2)
        ]
    finally:
        sys.path.remove(str(engine_dir))
    outcomes = {c.id: c.outcome for result in shards for c in result.checks}
    assert outcomes["OPDB-exp::forward"] == "xfail"
    assert outcomes["OPDB-abs::forward"] == "pass"
    assert outcomes["OPDB-exp::backward"] == "fail"
    assert {c.area for result in shards for c in result.checks} == {"op_unary"}


def test_deterministic_and_comparable_on_torch_for_one_body_of_each_kind():
    for check_id in (
        "OPDB-addmm::forward",
        "OPDB-addmm::backward",
        "OPDB-addmm::forward-ad",
        "OPDB-addmm::gradgrad",
    ):
        examples = list(check(check_id).examples(CI, 0))
        assert examples
        for kwargs in examples:
            first = run_body(check(check_id).body, torch, kwargs)
            assert "<body raised>" not in [label for label, _ in first], first[-1]
            assert compare(first, run_body(check(check_id).body, torch, kwargs)) == []
