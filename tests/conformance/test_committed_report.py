"""reports/minigrad/ is minigrad's current conformance report: the README's main command with
``--report-dir reports/minigrad``.

It must describe the catalog as it is now (every check, no stale ids), agree with the expectations file
(what fails there is exactly what the file lists), and be complete (not an interrupted run).
"""

import json
from pathlib import Path

import pytest

from conformance.catalog import load_catalog
from conformance.expectations import Expectations

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "reports" / "minigrad"
EXPECT = ROOT / "conformance" / "expectations" / "minigrad.toml"
REGENERATE = (
    "regenerate it with the README's main command and --report-dir reports/minigrad "
    "(conformance run --backend minigrad --profile ci ... --report-dir reports/minigrad)"
)


@pytest.fixture(scope="module")
def results():
    return json.loads((REPORT / "results.json").read_text(encoding="utf-8"))


def test_report_files_are_all_there():
    for name in ("results.json", "report.md", "index.html", "junit.xml"):
        assert (REPORT / name).is_file(), f"reports/minigrad/{name} is missing: {REGENERATE}"


def test_report_covers_exactly_the_catalog(results):
    catalog = {c.id for c in load_catalog().checks()}
    reported = {c["id"] for c in results["checks"]}
    assert not results["interrupted"], f"the committed report is from an interrupted run: {REGENERATE}"
    assert results["profile"] == "ci" and results["shard"] is None and results["rules"] is None
    assert not catalog - reported, (
        f"checks missing from the report: {sorted(catalog - reported)[:10]}; {REGENERATE}"
    )
    assert not reported - catalog, (
        f"the report names checks that no longer exist: {sorted(reported - catalog)[:10]}"
    )


def test_report_matches_the_expectations_file(results):
    catalog = load_catalog()
    expected = Expectations.load(str(EXPECT))
    expected.validate(catalog.rules, [c.id for c in catalog.checks()])
    failing = {c["id"] for c in results["checks"] if c["outcome"] in ("fail", "xfail", "error")}
    xfailed = {c["id"] for c in results["checks"] if c["outcome"] == "xfail"}
    assert results["gate_passed"], f"the committed report did not pass the gate: {REGENERATE}"
    assert results.get("outcome") == "passed" and "total" in results.get("coverage", {}), REGENERATE
    assert failing == xfailed, "every failure of minigrad is listed, with a reason, in the expectations file"
    for check_id in xfailed:
        entry = expected.lookup(check_id)
        assert entry is not None and entry.kind == "xfail" and entry.reason.strip(), check_id
