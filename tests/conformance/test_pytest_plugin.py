"""The pytest plugin: `pytest --conformance-backend=NAME` collects the checks as items.

Each run is a real pytest in a subprocess, in an empty directory (so only the checks are collected),
with the same outcomes as `conformance run` on the same backend.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conformance.runner import CATALOG_ENV, run_suite
from tests.conformance.fake_backends import HANG, IMPORT_ERROR, WRONG
from tests.conformance.fake_rules import BASIC

ROOT = Path(__file__).resolve().parents[2]


def pytest_run(tmp_path: Path, *args, catalog=BASIC, name="junit.xml"):
    """pytest with the plugin in ``tmp_path``; returns (process, {check id: outcome} from JUnit XML)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(CATALOG_ENV, None)
    if catalog:
        env[CATALOG_ENV] = catalog
    junit = tmp_path / name
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", f"--junitxml={junit}", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    outcomes = {}
    if junit.exists():
        for case in ET.parse(junit).getroot().iter("testcase"):
            check_id = case.get("classname").removeprefix("conformance.") + "::" + case.get("name")
            kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
            outcomes[check_id] = kinds[0] if kinds else "passed"
            if kinds and kinds[0] == "skipped" and "xfail" in (case.find("skipped").get("type") or ""):
                outcomes[check_id] = "xfail"
    return proc, outcomes


def test_checks_are_items_with_the_outcomes_of_conformance_run(tmp_path):
    proc, outcomes = pytest_run(tmp_path, f"--conformance-backend={WRONG}", "-n", "2")
    assert proc.returncode == 1, proc.stdout[-3000:]
    suite = run_suite(WRONG, profile="ci", catalog=[BASIC])
    assert outcomes == {c.id: "passed" if c.outcome == "pass" else "failure" for c in suite.checks}
    assert outcomes["TOPS-001::exp"] == "failure"
    # the failure shows the difference, the smallest example and the reproducer, as the reports do
    case = next(
        c for c in ET.parse(tmp_path / "junit.xml").getroot().iter("testcase") if c.get("name") == "exp"
    )
    text = case.find("failure").text
    assert "y.values" in text and "Smallest failing example: " in text
    assert suite.by_id()["TOPS-001::exp"].kwargs in text
    assert "def exp_and_grad(torch, obs, dtype, data):" in text
    assert "conformance: backend tests.conformance.fake_backends.wrong_exp, profile ci, seed 0" in proc.stdout


def test_k_lf_and_x_select_as_pytest_does(tmp_path):
    backend = f"--conformance-backend={WRONG}"
    proc, outcomes = pytest_run(tmp_path, backend, "-k", "TOPS-001 or leaves")
    assert outcomes == {"TLEAF-001::requires-grad": "passed", "TOPS-001::exp": "failure"}, proc.stdout[-2000:]
    proc, outcomes = pytest_run(tmp_path, backend, "--lf", name="lf.xml")
    assert outcomes == {"TOPS-001::exp": "failure"}, proc.stdout[-2000:]  # only the last failure again
    proc, outcomes = pytest_run(tmp_path, backend, "-x", "-k", "ops", name="x.xml")
    assert list(outcomes.values()).count("failure") == 1 and "stopping after 1 failures" in proc.stdout


def test_expectations_and_reproducer_files_work_as_for_conformance_run(tmp_path):
    expect = tmp_path / "expect.toml"
    expect.write_text('[[xfail]]\nid = "TOPS-001::exp"\nreason = "exp is off by half"\n')
    args = (f"--conformance-expect={expect}", f"--conformance-repro-dir={tmp_path / 'r'}", "-k", "TOPS-001")
    proc, outcomes = pytest_run(tmp_path, f"--conformance-backend={WRONG}", *args)
    assert proc.returncode == 0 and outcomes == {"TOPS-001::exp": "xfail"}, proc.stdout[-2000:]
    assert "def exp_and_grad" in (tmp_path / "r" / "repro" / "TOPS-001__exp.py").read_text()
    proc, outcomes = pytest_run(tmp_path, "--conformance-backend=torch", *args, name="torch.xml")
    assert proc.returncode == 1 and outcomes == {"TOPS-001::exp": "failure"}
    assert "XPASS: it passed" in proc.stdout


def test_a_hang_is_that_checks_error_and_a_backend_that_does_not_import_is_a_usage_error(tmp_path):
    # hang_exp never returns, so a short limit is deterministic; the other checks selected are trivial
    # (ones + k), so they cannot reach it however busy the machine is
    args = (f"--conformance-backend={HANG}", "--conformance-timeout=3", "-k", "TOPS")
    proc, outcomes = pytest_run(tmp_path, *args)
    assert outcomes.pop("TOPS-001::exp") == "failure" and set(outcomes.values()) == {"passed"}
    assert "timed out after 3 s" in proc.stdout
    proc, outcomes = pytest_run(tmp_path, f"--conformance-backend={IMPORT_ERROR}", name="e.xml")
    assert proc.returncode == 4 and not outcomes  # pytest's usage error: nothing ran
    assert "this backend is broken on purpose" in proc.stderr and "Traceback" not in proc.stderr


def test_a_broken_backend_fails_its_rule_through_pytest(tmp_path):
    # the real catalog; the backend overwrites .grad instead of accumulating into it
    rule = "ACCUM-001"
    backend = "--conformance-backend=tests.broken_backends.overwrite_grads"
    proc, outcomes = pytest_run(tmp_path, backend, "-k", rule, "--conformance-timeout=600", catalog=None)
    assert outcomes and all(check.startswith(rule + "::") for check in outcomes), proc.stdout[-2000:]
    assert "failure" in outcomes.values() and proc.returncode == 1
