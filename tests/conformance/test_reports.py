"""Reports rendered from a result: content, self-containment, atomic writes, load and merge."""

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest

from conformance.report import (
    SCHEMA_VERSION,
    CheckResult,
    MergeError,
    ResultsError,
    SuiteResult,
    load,
    merge,
    summary_table,
    write_reports,
)
from conformance.report.atomic import write_atomically

REPRO = 'def body(torch, obs):\n    print("```` fences inside <b>html</b> & xml \\x01")\n'


def sample(shard=None, ids=None) -> SuiteResult:
    checks = [
        CheckResult("ACCUM-001::two", "ACCUM-001", "accumulation", "pass", 0.5, 25),
        CheckResult(
            "ACCUM-002::three",
            "ACCUM-002",
            "accumulation",
            "fail",
            0.7,
            12,
            "x.grad: torch 1, backend 2",
            REPRO,
            "data=((2,), [0.0, 0.0])",
        ),
        CheckResult("OP-EXP::forward", "OP-EXP", "ops", "xfail", 0.1, 3, "y: differs", REPRO, "k=1", "known"),
        CheckResult("OP-EXP::backward", "OP-EXP", "ops", "error", 60.0, 0, "timed out after 60 s"),
        CheckResult("OP-LOG::forward", "OP-LOG", "ops", "skip", 0.0, 0, "skipped", reason="needs scipy"),
        CheckResult("OP-LOG::backward", "OP-LOG", "ops", "xpass", 0.2, 25, reason="was broken"),
    ]
    if ids is not None:
        checks = [c for c in checks if c.id in ids]
    meta = {
        "suite_version": "0.1.0",
        "torch_version": "2.13.0",
        "backend": {"name": "minigrad", "version": "0.1", "origin": "module x"},
        "platform": "Linux",
        "python": "3.11.7",
        "profile": "ci",
        "seed": 0,
        "started": "2026-01-01T00:00:00+00:00",
        "finished": "2026-01-01T00:01:00+00:00",
        "interrupted": False,
        "shard": shard,
        "allow_xpass": False,
    }
    rules = {
        "ACCUM-001": {"title": "adds into .grad", "area": "accumulation"},
        "ACCUM-002": {"title": "three passes", "area": "accumulation"},
        "OP-EXP": {"title": "exp", "area": "ops"},
        "OP-LOG": {"title": "log", "area": "ops"},
    }
    return SuiteResult(checks=checks, meta=meta, rules=rules)


@pytest.fixture
def written(tmp_path):
    write_reports(sample(), str(tmp_path))
    return tmp_path


def test_results_json_is_versioned_and_round_trips(written):
    data = json.loads((written / "results.json").read_text())
    assert next(iter(data)) == "schema_version" and data["schema_version"] == SCHEMA_VERSION
    for key in (
        "suite_version",
        "torch_version",
        "backend",
        "platform",
        "python",
        "profile",
        "seed",
        "started",
        "finished",
        "interrupted",
    ):
        assert key in data
    assert data["totals"] == {"pass": 1, "fail": 1, "xfail": 1, "xpass": 1, "error": 1, "skip": 1}
    assert data["gate_passed"] is False
    check = next(c for c in data["checks"] if c["id"] == "ACCUM-002::three")
    assert set(check) >= {"id", "rule", "area", "outcome", "duration", "examples", "message", "reproducer"}
    again = load(str(written))
    assert again.by_id() == sample().by_id() and again.rules == sample().rules


def test_markdown_has_summary_rules_by_outcome_and_failures_with_reproducers(written):
    md = (written / "report.md").read_text()
    assert "| Gradient accumulation | 1 | 1 | 0 | 0 | 0 | 0 | 2 |" in md
    assert "### fail (1)" in md and "- `ACCUM-002` three passes" in md
    # the reproducer holds four backticks, so its fence is five: the block cannot end early
    assert "`````python\n" + REPRO.rstrip() + "\n`````" in md
    assert "Expected to fail because: known" in md


def test_html_is_one_self_contained_page(written):
    page = (written / "index.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<style>" in page and 'class="bar"' in page
    assert "<details><summary>" in page and "&lt;b&gt;html&lt;/b&gt; &amp; xml" in page  # escaped reproducer


def test_junit_has_one_testcase_per_check(written):
    root = ET.parse(written / "junit.xml").getroot()
    cases = root.findall(".//testcase")
    assert len(cases) == 6
    by_name = {(c.get("classname"), c.get("name")): c for c in cases}
    assert by_name[("accumulation.ACCUM-002", "three")].find("failure") is not None
    assert "def body" in by_name[("accumulation.ACCUM-002", "three")].find("failure").text
    assert by_name[("ops.OP-EXP", "backward")].find("error") is not None
    assert by_name[("ops.OP-EXP", "forward")].find("skipped") is not None
    assert by_name[("ops.OP-LOG", "backward")].find("failure") is not None  # xpass fails the gate
    assert root.get("tests") == "6" and root.get("failures") == "2" and root.get("errors") == "1"


def test_summary_table_lists_areas_and_totals():
    table = summary_table(sample())
    assert table.splitlines()[0].split() == [
        "area",
        "pass",
        "fail",
        "xfail",
        "xpass",
        "error",
        "skip",
        "total",
    ]
    assert table.splitlines()[-1].split() == ["total", "1", "1", "1", "1", "1", "1", "6"]


def test_writes_are_atomic(tmp_path, monkeypatch):
    target = tmp_path / "results.json"
    previous_mask = os.umask(0o022)
    try:
        write_atomically(str(target), "old\n")
    finally:
        os.umask(previous_mask)
    assert target.stat().st_mode & 0o777 == 0o644  # an ordinary file, not mkstemp's private 0600

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(str(target), "new\n")
    assert target.read_text() == "old\n" and os.listdir(tmp_path) == ["results.json"]


def test_load_explains_what_is_wrong(tmp_path):
    with pytest.raises(ResultsError, match="no results.json"):
        load(str(tmp_path))
    (tmp_path / "results.json").write_text("{")
    with pytest.raises(ResultsError, match="cannot read"):
        load(str(tmp_path))
    (tmp_path / "results.json").write_text('{"schema_version": 99}')
    with pytest.raises(ResultsError, match="schema_version 99"):
        load(str(tmp_path))


def test_merge_of_shards_is_the_whole():
    whole = sample()
    ids = sorted(whole.by_id())
    shards = [sample("1/2", ids[0::2]), sample("2/2", ids[1::2])]
    merged = merge(shards)
    assert merged.by_id() == whole.by_id()
    assert merged.meta["merged_from"] == ["1/2", "2/2"] and merged.meta["shard"] is None
    with pytest.raises(MergeError, match="more than one"):
        merge([shards[0], shards[0]])
    other = sample("2/2", ids[1::2])
    other.meta["profile"] = "dev"
    with pytest.raises(MergeError, match="different profile"):
        merge([shards[0], other])


def test_merge_refuses_missing_shards_and_sums_selected():
    whole = sample()
    ids = sorted(whole.by_id())
    shards = [sample("1/2", ids[0::2]), sample("2/2", ids[1::2])]
    for shard in shards:
        shard.meta["selected"] = len(shard.checks)
    assert merge(shards).meta["selected"] == len(ids)
    with pytest.raises(MergeError, match="shard 2/2 is missing"):
        merge([shards[0]])
    with pytest.raises(MergeError, match="different splits"):
        merge([shards[0], sample("2/3", ids[1::2])])
