"""Fault injection: the real CLI against backends that exit, segfault, hang, flood and fork.

At import, a run that could not judge the backend is one line and exit 2, with no report. Inside an
op, the fault is an ``error`` of that check and the run goes on. Either way no process outlives the
run, and the exit code is one the CLI documents (0, 1, 2, 130), never the backend's own.
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conformance.runner import CATALOG_ENV
from tests.conformance.fake_rules import BASIC
from tests.conformance.fault_backends import PACKAGE

ROOT = Path(__file__).resolve().parents[2]
IN_OPS = f"{PACKAGE}.in_ops"
DOCUMENTED = {0, 1, 2, 130}


def processes_marked(mark: str) -> list[int]:
    """Live processes whose environment carries ``mark`` (every process a run starts inherits it)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                environ = f.read()
            with open(f"/proc/{name}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if mark.encode() in environ and state != b"Z":
            found.append(int(name))
    return found


def assert_no_survivors(mark: str):
    # The CLI has returned; give the kernel a moment to finish killing what it was told to kill.
    for _ in range(50):
        if not processes_marked(mark):
            return
        time.sleep(0.1)
    raise AssertionError(f"processes outlived the run: {processes_marked(mark)}")


def conformance(*args, env=None, timeout=600, rules="TOPS-001"):
    """`python -m conformance run ...` on the fake catalog, with a mark to find its processes by."""
    mark = f"CONFORMANCE_FAULT_TEST={uuid.uuid4().hex}"
    environ = {**os.environ, CATALOG_ENV: BASIC, mark.split("=")[0]: mark.split("=")[1], **(env or {})}
    argv = [sys.executable, "-m", "conformance", "run", *(("--rules", rules) if rules else ()), *args]
    proc = subprocess.run(argv, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode in DOCUMENTED, (proc.returncode, proc.stderr[-2000:])
    assert_no_survivors(mark)
    return proc


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("conformance: error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    "backend, extra, reason",
    [
        ("exit0_at_import", (), "called sys.exit(0) while being imported"),
        ("os_exit0_at_import", (), "died while importing the backend"),
        ("segfault_at_import", (), "(killed by SIGSEGV)"),
        # a hang is deterministic: it never ends, so the limit can be short without depending on load
        ("hang_at_import", ("--import-timeout", "3"), "was still importing the backend"),
        ("getattr_raises", (), "RuntimeError: no __version__ here"),
    ],
)
def test_a_backend_that_dies_or_hangs_while_importing_is_one_line_and_exit_2(
    tmp_path, backend, extra, reason
):
    report_dir = tmp_path / "reports" / "here"
    proc = conformance("--backend", f"{PACKAGE}.{backend}", "--report-dir", str(report_dir), *extra)
    assert proc.returncode == 2
    assert (
        reason in one_line(proc.stderr)
        and "nothing was judged" in proc.stderr
        or backend
        in (
            "exit0_at_import",
            "getattr_raises",
        )
    )
    assert proc.stdout == ""  # no summary, no verdict
    assert not (tmp_path / "reports").exists()  # no report, not even an empty directory


def test_a_hang_at_import_ends_promptly_on_sigterm_with_nothing_left(tmp_path):
    mark = f"m{uuid.uuid4().hex}"
    env = {**os.environ, CATALOG_ENV: BASIC, "CONFORMANCE_FAULT_TEST": mark}
    argv = [sys.executable, "-m", "conformance", "run", "--backend", f"{PACKAGE}.hang_at_import"]
    proc = subprocess.Popen(
        [*argv, "--report-dir", str(tmp_path / "r")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    while len(processes_marked(mark)) < 2:  # the CLI and its worker, which is importing by now
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err
    assert "interrupted" in err.decode() and not (tmp_path / "r").exists()
    assert_no_survivors(mark)


def exp_result(report_dir: Path) -> dict:
    data = json.loads((report_dir / "results.json").read_text())
    return {c["id"]: c for c in data["checks"]}, data


@pytest.mark.parametrize(
    "fault, message",
    [
        ("sys_exit", "the backend called sys.exit(3) during the check"),
        ("os_exit", "the worker process died while running this check (exit code 7)"),
        ("segfault", "the worker process died while running this check (killed by SIGSEGV)"),
    ],
)
def test_a_backend_that_dies_inside_an_op_is_an_error_and_the_run_goes_on(tmp_path, fault, message):
    proc = conformance("--backend", IN_OPS, "--report-dir", str(tmp_path), env={"FAULT": fault}, rules=None)
    assert proc.returncode == 1, proc.stderr
    checks, data = exp_result(tmp_path)
    assert checks["TOPS-001::exp"]["outcome"] == "error"
    assert checks["TOPS-001::exp"]["message"].startswith(message)
    # every other check ran on a fresh worker and passed
    assert {i: c["outcome"] for i, c in checks.items() if i != "TOPS-001::exp"} == dict.fromkeys(
        ["TACC-001::two-backwards", "TLEAF-001::requires-grad", "TOPS-002::no-arguments", "TOPS-002::scalar"],
        "pass",
    )
    assert data["gate_passed"] is False and data["outcome"] == "failed"


def test_a_hang_inside_an_op_is_a_timeout_error_and_its_processes_are_ended(tmp_path):
    # hang_exp never returns: the limit ends it whatever the load
    proc = conformance(
        "--backend",
        "tests.conformance.fake_backends.hang_exp",
        "--timeout",
        "3",
        "--report-dir",
        str(tmp_path),
    )
    assert proc.returncode == 1
    checks, _ = exp_result(tmp_path)
    assert checks["TOPS-001::exp"]["outcome"] == "error"
    assert "timed out after 3 s" in checks["TOPS-001::exp"]["message"]


def test_an_exception_that_cannot_be_printed_is_a_failure_not_a_crash(tmp_path):
    proc = conformance("--backend", IN_OPS, "--report-dir", str(tmp_path), env={"FAULT": "bad_str"})
    assert proc.returncode == 1
    checks, _ = exp_result(tmp_path)
    assert checks["TOPS-001::exp"]["outcome"] == "fail"
    assert "<str() of the exception raised ValueError>" in checks["TOPS-001::exp"]["message"]


@pytest.mark.parametrize("fault", ["flood", "flood_crash"])
def test_a_flood_of_output_leaves_bounded_reports(tmp_path, fault):
    env = {"FAULT": fault, "FLOOD_MB": "64"}  # 64 MiB to each stream per call, several calls per check
    proc = conformance("--backend", IN_OPS, "--report-dir", str(tmp_path), env=env)
    checks, _ = exp_result(tmp_path)
    exp = checks["TOPS-001::exp"]
    if fault == "flood":
        assert proc.returncode == 0 and exp["outcome"] == "pass"
    else:
        assert proc.returncode == 1 and exp["outcome"] == "error"
        assert exp["message"].startswith("the worker process died while running this check (exit code 7)")
        assert "xxxx" in exp["message"]  # the tail of what it printed explains the crash
    assert len(exp["message"]) < 5_000
    for name in ("results.json", "report.md", "index.html", "junit.xml"):
        assert (tmp_path / name).stat().st_size < 200_000
    assert len(proc.stdout) + len(proc.stderr) < 20_000


def test_processes_a_backend_forks_are_ended_with_the_check_and_the_run_says_so(tmp_path):
    pids = tmp_path / "pids"
    env = {"FAULT": "fork", "FAULT_PIDS": str(pids)}
    proc = conformance("--backend", IN_OPS, "--report-dir", str(tmp_path / "r"), env=env)
    assert proc.returncode == 0, proc.stderr
    forked = [int(line) for line in pids.read_text().split()]
    assert forked  # the check did fork detached sleepers (setsid, double fork)
    for pid in forked:
        assert not os.path.exists(f"/proc/{pid}") or b") Z" in Path(f"/proc/{pid}/stat").read_bytes()
    _, data = exp_result(tmp_path / "r")
    # at least the sleepers (the count may include a middle process caught before it exited)
    assert data["orphans_ended"] >= len(forked)
    assert (
        f"the backend left {data['orphans_ended']} processes running after its checks; ended them"
        in proc.stdout
    )
