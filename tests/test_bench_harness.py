"""The benchmark harness (benchmarks/) works end to end at tiny sizes, and minigrad's tiny graph stays
within 2x torch's time (the timing-marked regression guard).

This module doubles as a deliberately half-written engine adapter (ADAPTER below), which a worker process
imports to show that a missing feature, a crash or a hang becomes "n/a (reason)" instead of a failed run.
"""

import dataclasses
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree

import pytest

from benchmarks import cli
from benchmarks.chart import write_chart
from benchmarks.engines import EngineSpec
from benchmarks.goals import evaluate_goals
from benchmarks.process import ROOT
from benchmarks.runner import run_workload
from benchmarks.suite import run_benchmarks
from benchmarks.workloads import WORKLOADS

GUARD_RATIO = 2.0


class _HalfWrittenEngine:
    """An adapter that fails in the ways an unfinished engine does."""

    def info(self):
        return {}

    def to_numpy(self, value):
        return value

    def tiny(self, params):
        raise AttributeError("module 'halfgrad' has no attribute 'relu'")

    def chain(self, params):
        os._exit(3)

    def held(self, params):
        time.sleep(60)


ADAPTER = _HalfWrittenEngine()
HALF_WRITTEN = EngineSpec("halfgrad", "json", "halfgrad", "tests.test_bench_harness")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    """One real CLI run: minigrad, torch and numpy on the tiny graph and a short chain, 5 repetitions."""
    out = tmp_path_factory.mktemp("bench")
    command = [sys.executable, "-m", "benchmarks", "--quick", "--engines", "minigrad,torch,numpy"]
    command += ["--workloads", "tiny,chain", "--repeats", "5", "--set", "tiny.iterations=400"]
    command += ["--set", "chain.nodes=300", "--threads", "1", "--out", str(out)]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    return out, json.loads((out / "bench.json").read_text())


def test_cli_writes_json_markdown_and_chart(quick_run):
    out, report = quick_run
    assert set(report["workloads"]) == {"tiny", "chain"}
    for name in ("tiny", "chain"):
        results = report["workloads"][name]["results"]
        assert list(results) == ["minigrad", "torch", "numpy"]
        for engine in ("torch", "numpy"):
            assert results[engine]["status"] == "ok"
            assert results[engine]["repeats"] == 5
            assert results[engine]["min"] <= results[engine]["median"] <= results[engine]["max"]
        assert results["torch"]["ratio_to_torch"] == 1.0
        assert results["torch"]["info"]["threads"] == 1  # --threads reached the worker
    markdown = (out / "bench.md").read_text()
    torch_line = f"torch: {report['machine']['versions']['torch']}"
    for text in ("## Goals", "tiny graph <= 0.5x torch", "## tiny:", "ratio to torch", "BLAS", torch_line):
        assert text in markdown
    assert report["chart"] and (out / report["chart"]).stat().st_size > 0
    assert "cpu_count" in report["machine"] and "OPENBLAS_CORETYPE" in report["machine"]["blas_env"]


def test_numpy_by_hand_gradients_agree_with_torch(quick_run):
    _, report = quick_run
    for entry in report["workloads"].values():
        assert entry["results"]["numpy"]["check_matches_torch"] is True


def test_every_workload_runs_on_numpy_by_hand():
    small = {
        "tiny": {"iterations": 5},
        "mlp": {"batch": 8, "width": 16, "classes": 3, "steps": 2},
        "chain": {"nodes": 50},
        "held": {"elements": 200_000, "steps": 8},
        "train": {"steps": 40, "probe": 10},
    }
    report = run_benchmarks(["numpy"], list(small), repeats=2, overrides=small, log=lambda line: None)
    for name in small:
        result = report["workloads"][name]["results"]["numpy"]
        assert result["status"] == "ok", (name, result["reason"])
        assert result["repeats"] == (1 if name == "train" else 2)
    held = report["workloads"]["held"]["results"]["numpy"]["metrics"]
    # 7 saved 800 kB inputs before, 3 gradients after: the measurement must see the release.
    assert held["held_before_backward"] > held["held_after_backward"]
    assert set(report["workloads"]["train"]["results"]["numpy"]["metrics"]) == {"rss_at_probe", "rss_at_end"}


def test_engine_not_installed_is_reported_not_run():
    ghost = EngineSpec("ghost", "no_such_module_for_the_bench", "ghost", "benchmarks.engines.numpy_engine")
    results = run_workload(WORKLOADS["tiny"], [ghost], 1, {"iterations": 5})
    assert results["ghost"]["status"] == "not installed"


@pytest.mark.parametrize(
    "workload, reason",
    [
        ("tiny", "AttributeError: module 'halfgrad' has no attribute 'relu'"),
        ("mlp", "no mlp workload for this engine"),
        ("chain", "worker exited with code 3"),
        ("held", "timed out after 2 s"),
    ],
)
def test_half_written_engine_gets_na_with_the_reason(workload, reason):
    quick_limits = dataclasses.replace(
        WORKLOADS[workload], setup_timeout=2.0 if workload == "held" else 600.0
    )
    params = quick_limits.params(quick=True)
    results = run_workload(quick_limits, [HALF_WRITTEN], 1, params)
    assert results["halfgrad"]["status"] == "n/a"
    assert reason in results["halfgrad"]["reason"]


def test_svg_chart_when_matplotlib_is_not_used(quick_run, tmp_path):
    _, report = quick_run
    assert write_chart(report, tmp_path, prefer_matplotlib=False) == "bench.svg"
    svg = ElementTree.parse(tmp_path / "bench.svg").getroot()
    titles = [element.text for element in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert "torch: 1x" in titles
    assert any(title.startswith("numpy: ") for title in titles)


def _result(median, ratio=None, status="ok", reason=None):
    return {"status": status, "reason": reason, "median": median, "ratio_to_torch": ratio}


def _tiny_report(**results):
    return {"workloads": {"tiny": {"unit": "us", "params": {}, "results": results}}}


def test_tiny_goal_needs_half_of_torch_and_every_peer_beaten():
    torch = _result(10.0, 1.0)
    met = evaluate_goals(_tiny_report(minigrad=_result(4.0, 0.4), torch=torch, mygrad=_result(20.0, 2.0)))[0]
    assert met["met"] is True
    peer_faster = _tiny_report(minigrad=_result(4.0, 0.4), torch=torch, micrograd=_result(3.0, 0.3))
    assert evaluate_goals(peer_faster)[0]["met"] is False
    too_slow = evaluate_goals(_tiny_report(minigrad=_result(6.0, 0.6), torch=torch))[0]
    assert too_slow["met"] is False
    broken = _tiny_report(minigrad=_result(None, status="n/a", reason="AttributeError: x"), torch=torch)
    assert evaluate_goals(broken)[0]["met"] is False
    assert evaluate_goals(_tiny_report(minigrad=_result(4.0)))[0]["met"] is None  # torch not run


def test_cli_rejects_unknown_engine_and_bad_sizes():
    with pytest.raises(SystemExit):
        cli.main(["--engines", "minigrad,nosuchengine"])
    with pytest.raises(SystemExit):
        cli.main(["--set", "chain.nodes=many"])


@pytest.mark.timing
def test_minigrad_tiny_graph_within_2x_torch(quick_run):
    _, report = quick_run
    mine = report["workloads"]["tiny"]["results"]["minigrad"]
    if mine["status"] != "ok":
        pytest.skip(f"minigrad cannot run the tiny graph yet: {mine['status']} ({mine['reason']})")
    torch = report["workloads"]["tiny"]["results"]["torch"]
    assert mine["ratio_to_torch"] <= GUARD_RATIO, (
        f"minigrad tiny graph {mine['median']:.1f} us/iter is {mine['ratio_to_torch']:.2f}x torch's "
        f"{torch['median']:.1f} us/iter (limit {GUARD_RATIO}x); samples {mine['samples']} vs "
        f"{torch['samples']}"
    )


def test_suite_speed_times_a_real_conformance_run():
    """bench.md reports the conformance suite's own speed: a real `conformance run` timed from outside."""
    from benchmarks.suite_speed import measure_suite_speed, render_suite_speed

    speed = measure_suite_speed("dev", 1, rules="LEAF-001")
    assert speed["status"] == "ok" and speed["exit_code"] == 0, speed
    assert speed["checks"] >= 1 and speed["outcomes"] == {"pass": speed["checks"]}
    assert speed["examples"] >= speed["checks"] and speed["wall_s"] > 0
    assert speed["checks_per_s"] == round(speed["checks"] / speed["wall_s"], 1)
    table = render_suite_speed(speed)
    assert f"| dev | 1 | {speed['checks']} |" in table and "LEAF-001" in table
