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
from conformance.report.atomic import ReportDirError, ReportDirLock, write_directory

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
    assert "| Gradient accumulation | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 2 | 100% | 50% |" in md
    # a failing rule links to its failure's details, which come before the summary
    assert "### fail (1)" in md and "- [`ACCUM-002`](#check-accum-002--three) three passes" in md
    assert md.index('<a id="check-accum-002--three">') < md.index("## Summary")
    assert "`repro/ACCUM-002__three.py` beside this report, or `conformance repro ACCUM-002::three`" in md
    # the reproducer holds four backticks, so its fence is five: the block cannot end early
    assert "`````python\n" + REPRO.rstrip() + "\n`````" in md
    assert "Expected to fail because: known" in md


def test_html_is_one_self_contained_page(written):
    page = (written / "index.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<style>" in page and 'class="bar"' in page
    assert "&lt;b&gt;html&lt;/b&gt; &amp; xml" in page  # the reproducer, escaped


def test_a_failing_html_report_opens_with_its_failures(written):
    page = (written / "index.html").read_text()
    body = page[page.index("<body>") :]
    # right after the title and the verdict: the failures, open, each with its difference, its smallest
    # example and its reproducer (inline, named by its file beside the report and by the command that makes
    # it: a committed report keeps no repro/ directory, so a link to it would break), before the summary
    first_section = body.index("<h2>")
    assert body[first_section:].startswith("<h2>Errors") and body.index("<h2>Failures") < body.index(
        "Summary"
    )
    failure = body[body.index('<details id="check-accum-002--three" open>') :].split("</details>")[0]
    assert "x.grad: torch 1, backend 2" in failure and "data=((2,), [0.0, 0.0])" in failure
    assert "<code>repro/ACCUM-002__three.py</code> beside this report" in failure
    assert "<code>conformance repro ACCUM-002::three</code>" in failure
    assert '<a href="#check-accum-002--three"><code>ACCUM-002</code></a>' in body  # from the rule list
    assert (written / "repro" / "ACCUM-002__three.py").read_text() == REPRO
    assert "It passed" in body  # the xpass says what passed


def test_an_interrupted_run_is_red_in_every_report(tmp_path):
    result = sample(ids={"ACCUM-001::two"})  # it passed, but the run was stopped after it
    result.meta.update(interrupted=True, selected=6)
    write_reports(result, str(tmp_path))
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["gate_passed"] is False and data["outcome"] == "interrupted"
    assert "INTERRUPTED: the run was stopped after 1 of 6 checks" in (tmp_path / "report.md").read_text()
    assert "INTERRUPTED: the run was stopped after 1 of 6 checks" in (tmp_path / "index.html").read_text()
    root = ET.parse(tmp_path / "junit.xml").getroot()
    assert root.get("errors") == "1"
    assert root.find(".//testcase[@name='interrupted']/error").get("type") == "interrupted"


def test_coverage_counts_n_a_as_not_implemented(tmp_path):
    result = sample(ids={"ACCUM-001::two", "OP-EXP::backward"})
    result.checks.append(
        CheckResult("OP-LOG::forward", "OP-LOG", "ops", "skip", 0.0, 0, "not applicable: no torch.log")
    )
    coverage = result.coverage()
    assert coverage["ops"].to_dict() == {
        "checks": 2,
        "implemented": 1,
        "not_applicable": 1,
        "passed": 0,
        "coverage": 0.5,
        "fidelity": 0.0,
    }
    assert (coverage["total"].coverage, coverage["total"].fidelity) == (2 / 3, 1 / 2)
    write_reports(result, str(tmp_path))
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["coverage"]["total"]["implemented"] == 2 and data["coverage"]["accumulation"]["fidelity"] == 1


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
        "n/a",
        "total",
        "coverage",
        "fidelity",
    ]
    # no check is n/a: all 6 implemented; pass and xpass are 2 of them
    assert table.splitlines()[-1].split() == ["total", "1", "1", "1", "1", "1", "1", "0", "6", "100%", "33%"]


def test_the_report_files_are_switched_in_as_one_set(tmp_path, monkeypatch):
    target = tmp_path / "out"
    previous_mask = os.umask(0o022)
    try:
        write_directory(str(target), {"results.json": "old\n", "report.md": "old\n"})
    finally:
        os.umask(previous_mask)
    assert (target / "results.json").stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
    assert target.stat().st_mode & 0o777 == 0o755
    old_inode = target.stat().st_ino
    write_directory(str(target), {"results.json": "new\n", "repro/A__b.py": "print()\n"})
    # one new directory: no file of the old set is left beside the new ones, nothing staged lingers
    assert sorted(os.listdir(target)) == ["repro", "results.json"] and target.stat().st_ino != old_inode
    assert os.listdir(tmp_path) == ["out"]

    real_open = open

    def disk_full(path, *args, **kwargs):
        if str(path).endswith("report.md"):
            raise OSError(28, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", disk_full)
    with pytest.raises(OSError):
        write_directory(str(target), {"results.json": "newer\n", "report.md": "newer\n"})
    assert (target / "results.json").read_text() == "new\n" and os.listdir(tmp_path) == ["out"]


def test_a_directory_that_holds_other_files_is_never_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ReportDirError, match="notes.txt"):
        write_directory(str(tmp_path), {"results.json": "{}"})
    with pytest.raises(ReportDirError, match="not reports"):
        ReportDirLock(str(tmp_path)).__enter__()
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_a_report_directory_is_held_by_one_run_at_a_time(tmp_path):
    target = tmp_path / "a" / "b"
    with ReportDirLock(str(target)):
        assert target.is_dir()
        with pytest.raises(ReportDirError, match="another conformance run is writing"):
            ReportDirLock(str(target)).__enter__()
    # it made a/ and a/b/, and the run wrote nothing: both are gone again
    assert os.listdir(tmp_path) == []
    with ReportDirLock(str(target)):
        write_directory(str(target), {"results.json": "{}"})
    assert os.listdir(target) == ["results.json"]


def test_load_explains_what_is_wrong(tmp_path):
    with pytest.raises(ResultsError, match="no results.json"):
        load(str(tmp_path))
    (tmp_path / "results.json").write_text("{")
    with pytest.raises(ResultsError, match="not valid JSON"):
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
    with pytest.raises(MergeError, match="different profiles"):
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
