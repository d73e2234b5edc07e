"""The `conformance` command: exit codes, one-line errors, reports, interruption, shards and merge."""

import io
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance import cli
from conformance.catalog import load_catalog
from conformance.runner import CATALOG_ENV
from tests.conformance.fake_backends import HANG, IMPORT_ERROR, WRONG
from tests.conformance.fake_rules import BASIC

ROOT = Path(__file__).resolve().parents[2]
REPORT_FILES = ("results.json", "report.md", "index.html", "junit.xml")


def conformance(*args, catalog=BASIC, timeout=600):
    """Run `python -m conformance ARGS` from the project root on the fake catalog."""
    env = {**os.environ, CATALOG_ENV: catalog}
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cli_main(monkeypatch, capsys):
    """Run the CLI in this process on the fake catalog (the workers are subprocesses anyway)."""
    monkeypatch.setenv(CATALOG_ENV, BASIC)

    def call(*args):
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return call


def one_line_error(proc_or_err: str) -> str:
    lines = proc_or_err.strip().splitlines()
    assert len(lines) == 1, proc_or_err
    assert lines[0].startswith("conformance: error: ") and "Traceback" not in proc_or_err
    return lines[0]


@pytest.fixture(scope="module")
def torch_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("torch-run")
    proc = conformance("run", "--backend", "torch", "--report-dir", str(out))
    return proc, out


def test_exit_0_when_everything_passes_with_summary_and_all_reports(torch_run):
    proc, out = torch_run
    assert proc.returncode == 0, proc.stderr
    assert "OK: the outcome matches the expectations" in proc.stdout
    assert "Operators" in proc.stdout and "total" in proc.stdout  # the per-area summary table
    for name in REPORT_FILES:
        assert (out / name).stat().st_size > 0
    data = json.loads((out / "results.json").read_text())
    assert data["totals"]["pass"] == 5 and data["interrupted"] is False


def test_exit_1_on_a_new_failure_and_the_reports_carry_the_reproducer(cli_main, tmp_path):
    code, out, err = cli_main("run", "--backend", WRONG, "--report-dir", str(tmp_path))
    assert code == 1, err
    assert "FAILED: 1 new failures" in out
    line = next(line for line in err.splitlines() if line.startswith("FAIL  TOPS-001::exp: "))
    # every differing field, then both sides of the first difference
    assert "y.grad_fn.node, y.grad_fn.next, y.values, x.grad.values differ: torch 'ExpBackward0'" in line
    assert line.endswith(", backend 'MulBackward0'")
    assert "def exp_and_grad(torch, obs, dtype, data):" in (tmp_path / "report.md").read_text()
    assert "def exp_and_grad(torch, obs, dtype, data):" in (tmp_path / "index.html").read_text()
    failure = ET.parse(tmp_path / "junit.xml").getroot().find(".//testcase[@name='exp']/failure")
    assert "def exp_and_grad" in failure.text


def test_expectations_turn_the_known_failure_into_xfail_and_a_pass_into_xpass(cli_main, tmp_path):
    expect = tmp_path / "expect.toml"
    expect.write_text('[[xfail]]\nid = "TOPS-001::exp"\nreason = "exp is off by half"\n')
    args = ("run", "--rules", "TOPS-001", "--expect", str(expect))
    code, out, err = cli_main(*args, "--backend", WRONG, "--report-dir", str(tmp_path / "a"))
    assert code == 0, out + err
    results = json.loads((tmp_path / "a" / "results.json").read_text())
    assert [(c["id"], c["outcome"], c["reason"]) for c in results["checks"]] == [
        ("TOPS-001::exp", "xfail", "exp is off by half")
    ]
    code, out, err = cli_main(*args, "--backend", "torch", "--report-dir", str(tmp_path / "b"))
    assert code == 1 and "1 unexpected passes" in out
    assert "XPASS TOPS-001::exp: passed, but the expectations file lists it as failing (exp is off" in err
    code, out, _ = cli_main(*args, "--backend", "torch", "--allow-xpass", "--report-dir", str(tmp_path / "c"))
    assert code == 0 and "1 unexpected pass allowed" in out


@pytest.mark.parametrize(
    "args, expected",
    [
        (["run", "--backend", "no_such_backend_xyz"], "backend 'no_such_backend_xyz' not found"),
        (
            ["run", "--backend", IMPORT_ERROR],
            "failed to import: RuntimeError: this backend is broken on purpose",
        ),
        (["run", "--backend", "torch", "--shard", "3/2"], "bad --shard '3/2'"),
        (["run", "--backend", "torch", "-n", "zero"], "bad -n 'zero'"),
        (["run", "--profile", "fast"], "argument --profile: invalid choice: 'fast'"),
        (["run", "--expect", "/nonexistent.toml", "--backend", "torch"], "does not exist"),
        (
            ["run", "--expect", str(ROOT / "conformance" / "cli.py"), "--backend", "torch"],
            "is not valid TOML",
        ),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["explain", "NOPE-999"], "unknown rule 'NOPE-999'"),
        (["report", "/nonexistent/dir"], "no results.json in /nonexistent/dir"),
    ],
)
def test_exit_2_with_one_line_for_usage_errors_found_before_running(args, expected, capsys):
    assert cli.main(args) == 2
    assert expected in one_line_error(capsys.readouterr().err)


def test_exit_2_for_errors_that_need_the_catalog(cli_main, tmp_path):
    code, _, err = cli_main("run", "--backend", "torch", "--rules", "NOPE-*")
    assert code == 2 and "--rules 'NOPE-*' matches no rule or check id" in one_line_error(err)
    expect = tmp_path / "e.toml"
    expect.write_text('[[xfail]]\nid = "TOPS-404::gone"\nreason = "renamed"\n')
    code, _, err = cli_main("run", "--backend", "torch", "--expect", str(expect))
    assert code == 2 and "unknown id 'TOPS-404::gone'" in one_line_error(err)


def test_a_closed_pipe_ends_list_quietly(monkeypatch):
    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

        def fileno(self):
            raise io.UnsupportedOperation("fileno")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())  # `conformance list | head -1` after head exits
    assert cli.main(["list"]) == 0


def test_repeated_rules_options_select_the_union(cli_main, tmp_path):
    rules = ("--rules", "TLEAF-*", "--rules", "TOPS-001")
    code, _, err = cli_main("run", "--backend", "torch", *rules, "--report-dir", str(tmp_path))
    assert code == 0, err
    rules = {c["rule"] for c in json.loads((tmp_path / "results.json").read_text())["checks"]}
    assert rules == {"TLEAF-001", "TOPS-001"}


def test_exit_2_with_one_line_when_the_report_dir_cannot_be_written(torch_run, cli_main, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, _, err = cli_main("run", "--backend", "torch", "--report-dir", str(blocker / "sub"))
    assert code == 2 and f"cannot write the reports to {blocker / 'sub'}" in one_line_error(err)
    code, _, err = cli_main("merge", str(torch_run[1]), "--out", str(blocker / "merged"))
    assert code == 2 and "pass another --out" in one_line_error(err)


def assert_complete_or_absent(directory: Path):
    if (directory / "results.json").exists():
        json.loads((directory / "results.json").read_text())
    if (directory / "junit.xml").exists():
        ET.parse(directory / "junit.xml")
    if (directory / "index.html").exists():
        assert (directory / "index.html").read_text().rstrip().endswith("</html>")
    assert not [p for p in directory.iterdir() if p.name.endswith(".tmp")] if directory.exists() else True


def test_an_interrupted_run_leaves_complete_reports_marked_interrupted(tmp_path):
    env = {**os.environ, CATALOG_ENV: BASIC}
    cmd = [sys.executable, "-m", "conformance", "run", "--backend", HANG, "--report-dir", str(tmp_path)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    while line and not line.startswith("["):  # the first status line: the workers are up, checks run
        line = proc.stderr.readline()
    assert line.startswith("["), "the run ended before showing progress"
    time.sleep(1.0)  # TACC, TLEAF pass; TOPS-001::exp hangs
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err
    assert_complete_or_absent(tmp_path)
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["interrupted"] is True and results["selected"] == 5
    assert len(results["checks"]) < 5
    assert "INTERRUPTED" in out and "INTERRUPTED" in (tmp_path / "report.md").read_text()
    assert results["gate_passed"] is False and results["outcome"] == "interrupted"

    # SIGTERM at any moment leaves the complete report or none, and ends the run promptly. These
    # moments fall while Python starts, while torch imports (where a KeyboardInterrupt raised by a
    # handler used to be swallowed, leaving the run to hang) and while the workers start.
    for delay in (0.2, 0.35, 0.5, 0.8, 1.2):
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode in (130, -signal.SIGTERM), (delay, proc.returncode, err[-2000:])
        assert_complete_or_absent(tmp_path)


def test_shards_merge_into_the_same_result_as_the_full_run(torch_run, cli_main, tmp_path):
    _, full = torch_run
    for i in (1, 2):
        shard = ("--shard", f"{i}/2", "--seed", "7")  # shards of one run share its seed
        code, _, err = cli_main("run", "--backend", "torch", *shard, "--report-dir", str(tmp_path / f"s{i}"))
        assert code == 0, err
    code, _, _ = cli_main(
        "merge", str(tmp_path / "s1"), str(tmp_path / "s2"), "--out", str(tmp_path / "merged")
    )
    assert code == 0

    def ids(directory):
        return [c["id"] for c in json.loads((directory / "results.json").read_text())["checks"]]

    assert ids(tmp_path / "merged") == ids(full)
    assert not set(ids(tmp_path / "s1")) & set(ids(tmp_path / "s2"))
    for name in REPORT_FILES:
        assert (tmp_path / "merged" / name).exists()


def test_report_rerenders_from_results_json(torch_run, tmp_path, capsys):
    _, out = torch_run
    (tmp_path / "results.json").write_text((out / "results.json").read_text())
    assert cli.main(["report", str(tmp_path)]) == 0
    assert "OK: the outcome matches" in capsys.readouterr().out
    for name in REPORT_FILES:
        assert (tmp_path / name).exists()


def test_list_and_explain_the_real_catalog(capsys):
    rule = next(iter(load_catalog().rules.values()))
    assert cli.main(["list", "--area", rule.area]) == 0
    listed = capsys.readouterr().out
    assert rule.id in listed and rule.title in listed
    assert cli.main(["explain", rule.id]) == 0
    explained = capsys.readouterr().out
    assert rule.title in explained and rule.explanation.splitlines()[0] in explained


def real_catalog_subset() -> str:
    """The first check of every area: a quick sample of the real catalog."""
    firsts = {}
    for check in sorted(load_catalog().checks(), key=lambda c: c.id):
        firsts.setdefault(check.area, check.id)
    return ",".join(firsts.values())


@pytest.mark.parametrize("rules", [pytest.param("sample"), pytest.param(None, marks=pytest.mark.slow)])
def test_torch_passes_the_real_catalog(rules, tmp_path, request):
    """torch is the oracle, so it must pass every check: a check that fails on torch is broken."""
    if rules is None and "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the whole catalog takes minutes: opt in with -m slow")
    pattern = real_catalog_subset() if rules == "sample" else None
    args = [
        "run",
        "--backend",
        "torch",
        "--profile",
        "ci",
        "-n",
        "1" if pattern else "2",
        "--report-dir",
        str(tmp_path),
        "--timeout",
        "600",  # far above what a check needs on a loaded machine: only a hang may reach it
    ]
    proc = conformance(*args, *(["--rules", pattern] if pattern else []), catalog="", timeout=1800)
    results = json.loads((tmp_path / "results.json").read_text())
    bad = [(c["id"], c["outcome"], c["message"][:200]) for c in results["checks"] if c["outcome"] != "pass"]
    assert proc.returncode == 0 and not bad, bad


def _results(directory: Path, **meta) -> str:
    """A small valid report in ``directory`` (a shard of a seed-0 ci run unless ``meta`` says otherwise)."""
    from conformance.report import write_reports
    from tests.conformance.test_reports import sample

    result = sample(meta.pop("shard", "1/2"), meta.pop("ids", None))
    result.meta.update(meta)
    write_reports(result, str(directory))
    return str(directory)


def _bad_results(directory: Path, text) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "results.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text if isinstance(text, str) else json.dumps(text))
    return str(directory)


def _valid_dict(**changes) -> dict:
    from tests.conformance.test_reports import sample

    data = sample().to_dict()
    data.update(changes)
    return data


BAD_ARGUMENTS = {
    # run
    "timeout nan": (["run", "--timeout", "nan"], "bad --timeout 'nan'"),
    "timeout negative": (["run", "--timeout", "-1"], "bad --timeout '-1'"),
    "timeout zero": (["run", "--timeout", "0"], "bad --timeout '0'"),
    "timeout inf": (["run", "--timeout", "inf"], "bad --timeout 'inf'"),
    "timeout word": (["run", "--timeout", "soon"], "bad --timeout 'soon'"),
    "import timeout nan": (["run", "--import-timeout", "nan"], "bad --import-timeout 'nan'"),
    "shard 0/0": (["run", "--backend", "torch", "--shard", "0/0"], "bad --shard '0/0'"),
    "shard 3/2": (["run", "--backend", "torch", "--shard", "3/2"], "bad --shard '3/2'"),
    "shard 1/0": (["run", "--backend", "torch", "--shard", "1/0"], "bad --shard '1/0'"),
    "jobs 0": (["run", "--backend", "torch", "-n", "0"], "bad -n '0'"),
    "seed word": (["run", "--seed", "x"], "argument --seed: invalid int value"),
    "expect dir": (lambda t: ["run", "--backend", "torch", "--expect", str(t)], "cannot read expectations"),
    "expect not utf-8": (
        lambda t: ["run", "--backend", "torch", "--expect", _write(t / "e.toml", b"\xff\xfe[[xfail]]")],
        "is not UTF-8 text",
    ),
    "empty backend": (["run", "--backend", ""], "give a backend"),
    # report
    "report truncated": (
        lambda t: ["report", _bad_results(t, '{"schema_version": 1, "che')],
        "not valid JSON",
    ),
    "report binary": (lambda t: ["report", _bad_results(t, b"\x00\xff\xfe\x01")], "not UTF-8"),
    "report a list": (lambda t: ["report", _bad_results(t, [1, 2])], "not an object"),
    "report checks not a list": (lambda t: ["report", _bad_results(t, _valid_dict(checks="x"))], "'checks'"),
    "report check not an object": (
        lambda t: ["report", _bad_results(t, _valid_dict(checks=[1]))],
        "not an object",
    ),
    "report unknown outcome": (
        lambda t: [
            "report",
            _bad_results(t, _valid_dict(checks=[{**_valid_dict()["checks"][0], "outcome": "meh"}])),
        ],
        "unknown outcome 'meh'",
    ),
    "report wrong duration": (
        lambda t: [
            "report",
            _bad_results(t, _valid_dict(checks=[{**_valid_dict()["checks"][0], "duration": "x"}])),
        ],
        "'duration' is str",
    ),
    "report future schema": (
        lambda t: ["report", _bad_results(t, _valid_dict(schema_version=99))],
        "written by a newer suite (schema_version 99",
    ),
    "report no dir": (lambda t: ["report", str(t / "nowhere")], "no results.json"),
    # merge
    "merge seeds": (
        lambda t: ["merge", _results(t / "a"), _results(t / "b", shard="2/2", seed=1), "--out", str(t / "m")],
        "different seeds",
    ),
    "merge profiles": (
        lambda t: [
            "merge",
            _results(t / "a"),
            _results(t / "b", shard="2/2", profile="dev"),
            "--out",
            str(t / "m"),
        ],
        "different profiles",
    ),
    "merge backends": (
        lambda t: [
            "merge",
            _results(t / "a"),
            _results(t / "b", shard="2/2", backend={"name": "torch", "version": "2"}),
            "--out",
            str(t / "m"),
        ],
        "different backends",
    ),
    "merge torch versions": (
        lambda t: [
            "merge",
            _results(t / "a"),
            _results(t / "b", shard="2/2", torch_version="2.0"),
            "--out",
            str(t / "m"),
        ],
        "different torch versions",
    ),
    "merge suite versions": (
        lambda t: [
            "merge",
            _results(t / "a"),
            _results(t / "b", shard="2/2", suite_version="9"),
            "--out",
            str(t / "m"),
        ],
        "different suite versions",
    ),
    "merge selections": (
        lambda t: [
            "merge",
            _results(t / "a"),
            _results(t / "b", shard="2/2", rules="OP-*"),
            "--out",
            str(t / "m"),
        ],
        "different rule selections",
    ),
    "merge missing shard": (
        lambda t: ["merge", _results(t / "a"), "--out", str(t / "m")],
        "shard 2/2 is missing",
    ),
    "merge counts": (
        lambda t: [
            "merge",
            _results(t / "a", ids={"ACCUM-001::two"}, selected=1, matched=6),
            _results(t / "b", shard="2/2", ids={"OP-EXP::forward"}, selected=1, matched=6),
            "--out",
            str(t / "m"),
        ],
        "selected 2 checks between them, but their run matched 6",
    ),
    "merge empty shard": (
        lambda t: [
            "merge",
            _results(t / "a"),
            _results(t / "b", shard="2/2", ids=set()),
            "--out",
            str(t / "m"),
        ],
        "ran 0 checks",
    ),
    # the other commands
    "rulebook out": (lambda t: ["rulebook", "--out", _write(t / "f", b"") + "/book"], "is not a directory"),
    "rulebook timeout": (["rulebook", "--timeout", "nan"], "bad --timeout 'nan'"),
    "scoreboard out": (
        lambda t: ["scoreboard", "--out", _write(t / "f", b"") + "/board"],
        "is not a directory",
    ),
    "scoreboard jobs": (["scoreboard", "-n", "0"], "bad -n '0'"),
    "scoreboard profile": (["scoreboard", "--profile", "fast"], "invalid choice: 'fast'"),
    "explain timeout": (["explain", "BWD-003", "--timeout", "-1"], "bad --timeout '-1'"),
    "explain nothing": (["explain"], "give a RULE_ID or --area AREA"),
    "repro out": (lambda t: ["repro", "TOPS-001::exp", "--out", str(t)], "cannot write"),
    "repro timeout": (["repro", "TOPS-001::exp", "--timeout", "nan"], "bad --timeout 'nan'"),
    "list area": (["list", "--area", "nope"], "invalid choice: 'nope'"),
    "no command": ([], "the following arguments are required: command"),
}


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("case", list(BAD_ARGUMENTS))
def test_every_bad_argument_is_one_line_and_exit_2(case, tmp_path, capsys, monkeypatch):
    # The fake catalog only where the check runs in a worker process: imported here, its rules would
    # join this process's catalog registry and every later test in it would see them.
    args = BAD_ARGUMENTS[case][0]
    if callable(args) or args[:1] in (["run"], ["repro"]):
        monkeypatch.setenv(CATALOG_ENV, BASIC)
    args, expected = BAD_ARGUMENTS[case]
    args = args(tmp_path) if callable(args) else args
    assert cli.main(args) == 2
    assert expected in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "m").exists()  # a refused merge writes nothing


def test_report_without_a_directory_uses_the_newest_report(torch_run, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report"]) == 2
    assert "no report found" in one_line_error(capsys.readouterr().err)
    _, full = torch_run
    for name in ("older", "newer"):
        (tmp_path / "conformance-reports" / name).mkdir(parents=True)
        (tmp_path / "conformance-reports" / name / "results.json").write_text(
            (full / "results.json").read_text()
        )
        time.sleep(0.05)  # distinct modification times: which is newer is decided here, not by the load
    assert cli.main(["report"]) == 0
    assert "conformance-reports/newer/" in capsys.readouterr().out


def test_report_exits_as_run_does(tmp_path, capsys):
    assert cli.main(["report", _results(tmp_path / "failing", shard=None)]) == 1
    assert "FAILED" in capsys.readouterr().out
    assert cli.main(["report", _results(tmp_path / "stopped", shard=None, interrupted=True)]) == 130


def test_two_runs_into_one_report_dir_do_not_both_write(tmp_path):
    env = {**os.environ, CATALOG_ENV: BASIC}
    cmd = [sys.executable, "-m", "conformance", "run", "--backend", HANG, "--report-dir", str(tmp_path)]
    first = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    line = first.stderr.readline()
    while line and not line.startswith("["):  # the first run holds the directory and runs checks
        line = first.stderr.readline()
    second = conformance("run", "--backend", "torch", "--report-dir", str(tmp_path))
    first.send_signal(signal.SIGINT)
    first.communicate(timeout=300)
    assert second.returncode == 2
    assert "another conformance run is writing its reports to" in one_line_error(second.stderr)
    assert json.loads((tmp_path / "results.json").read_text())["backend"]["name"] == HANG  # the first's


def test_version_and_a_missing_suite_extra(capsys, monkeypatch):
    import conformance as package

    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"conformance {package.__version__}"
    real_find_spec = cli.importlib.util.find_spec
    monkeypatch.setattr(
        cli.importlib.util, "find_spec", lambda name: None if name == "torch" else real_find_spec(name)
    )
    assert cli.main(["run"]) == 2
    assert "pip install 'minigrad-conformance[suite]'" in one_line_error(capsys.readouterr().err)


def test_repro_makes_the_reproducer_of_one_check_on_demand(cli_main, tmp_path):
    code, out, err = cli_main("repro", "TOPS-001::exp", "--backend", WRONG)
    assert code == 1, err
    assert out.startswith('"""Reproducer for TOPS-001::exp') and "def exp_and_grad(torch, obs" in out
    script = tmp_path / "exp.py"
    code, out, err = cli_main("repro", "TOPS-001::exp", "--backend", WRONG, "--out", str(script))
    assert code == 1 and out == "" and f"reproducer: {script}" in err
    on_torch = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    on_backend = subprocess.run(
        [sys.executable, str(script), WRONG], capture_output=True, text=True, timeout=600
    )
    assert on_torch.stdout.startswith("y: ") and on_torch.stdout != on_backend.stdout
    code, out, err = cli_main("repro", "TOPS-001::exp", "--backend", "torch")
    assert code == 0 and out == "" and "passes on torch" in err
    code, _, err = cli_main("repro", "TOPS-002", "--backend", "torch")
    assert code == 2 and "is a rule with several checks" in one_line_error(err)
    code, _, err = cli_main("repro", "NOPE-1::x", "--backend", "torch")
    assert code == 2 and "matches no rule or check id" in one_line_error(err)
