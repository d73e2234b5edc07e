"""The scoreboard: figures, pages, setup and the committed board, without running real engines."""

import copy
import json
import os
from pathlib import Path

import pytest

from conformance.report.model import CheckResult, SuiteResult
from conformance.scoreboard import main as scoreboard
from conformance.scoreboard.chart import svg
from conformance.scoreboard.collect import ENGINES, Engine, collect, coverage, extra_requirements, fidelity
from conformance.scoreboard.render import html, markdown
from conformance.scoreboard.setup import setup

ROOT = Path(__file__).resolve().parents[2]
BOARD = ROOT / "reports" / "scoreboard"

PRESENT = Engine(
    "Present", "present", "https://example.org/present", "module present", module="json", extra="peers"
)
MISSING = Engine(
    "Missing", "missing", "https://example.org/missing", "adapter", module="no_such_engine_xyz", extra="peers"
)


def check(cid, area, outcome, message=""):
    return CheckResult(id=cid, rule=cid.split("::")[0], area=area, outcome=outcome, message=message)


def fake_run(backend, profile, jobs):
    checks = [
        check("LEAF-001::a", "leaves", "pass"),
        check("LEAF-001::b", "leaves", "fail", "x.grad: torch None, backend 0"),
        check("LEAF-002::a", "leaves", "skip", "not applicable: Present has no grad_fn: none"),
        check("NEW-001::a", "area_to_come", "pass"),  # an area the catalog may gain: shown all the same
        check("NEW-001::b", "area_to_come", "error", "the engine's process died"),
        check("PROG-001::a", "programs", "skip", "cannot run in another Python environment: ..."),
    ]
    meta = {
        "backend": {"name": backend, "version": "1.2.3", "origin": "module present"},
        "torch_version": "2.13.0+cpu",
        "seed": 0,
    }
    rules = {c.rule: {"title": f"title of {c.rule}", "area": c.area} for c in checks}
    return SuiteResult(checks=checks, meta=meta, rules=rules)


@pytest.fixture
def data():
    entries, rules, _ = collect([PRESENT, MISSING], "ci", 1, run=fake_run)
    return {
        "suite_version": "0.1.0",
        "torch_version": "2.13.0+cpu",
        "profile": "ci",
        "seed": 0,
        "generated": "2026-12-07T18:00:00+00:00",
        "command": "conformance scoreboard",
        "seconds": 1.0,
        "engines": entries,
        "rules": rules,
    }


def test_coverage_is_the_implemented_share_and_fidelity_the_passed_share_of_the_judged(data):
    present, missing = data["engines"]
    assert present["totals"] == {"pass": 2, "fail": 1, "error": 1, "n/a": 1, "skip": 1}
    assert present["coverage"] == 5 / 6 and present["fidelity"] == 2 / 4
    assert present["areas"]["leaves"] == {"pass": 1, "fail": 1, "error": 0, "n/a": 1, "skip": 0}
    # the catalog's order, then others
    assert list(present["areas"]) == ["leaves", "programs", "area_to_come"]
    assert coverage({"pass": 0, "fail": 0, "error": 0, "n/a": 0, "skip": 0}) is None
    assert fidelity({"pass": 0, "fail": 0, "error": 0, "n/a": 3, "skip": 0}) is None
    assert missing == {
        "name": "Missing",
        "backend": "missing",
        "home": "https://example.org/missing",
        "how": "adapter",
        "install": 'pip install -e ".[peers]"',
        "installed": False,
    }
    # The rule book reads each check's raw outcome (an n/a is a skip there, not a failure).
    assert {c["id"]: c["outcome"] for c in present["checks"]}["LEAF-002::a"] == "skip"


def test_the_pages_show_version_figures_install_date_torch_and_every_area(data):
    md, page, chart = markdown(data), html(data), svg(data["engines"])
    assert "Run on 2026-12-07T18:00:00+00:00 with torch 2.13.0+cpu as the oracle" in md
    assert (
        "| [Present](https://example.org/present) | 1.2.3 | 83% | 50% | 2 | 1 | 1 | 1 | 1 | module present |"
        in md
    )
    assert '- Missing: `pip install -e ".[peers]"`' in md and "| Missing | not installed |" in md
    assert "| area_to_come | 50% of 2 (cov 100%) |" in md
    assert "- 1 × Present has no grad_fn: none" in md
    assert "`LEAF-001::b`: x.grad: torch None, backend 0" in md
    for text in ("1.2.3", "83%", "50%", "area_to_come", "conformance repro LEAF-001::b --backend present"):
        assert text in page
    assert "coverage 83%" in chart and ">50%</text>" in chart and "area_to_come" in chart
    assert "Not run here (not installed): Missing." in chart  # absent from the table, named below it


def test_write_puts_the_four_files_and_no_reproducer_scripts(data, tmp_path):
    paths = scoreboard.write(str(tmp_path), data)
    assert sorted(os.listdir(tmp_path)) == ["areas.svg", "index.html", "scoreboard.json", "scoreboard.md"]
    assert len(paths) == 4 and json.loads((tmp_path / "scoreboard.json").read_text()) == data


def test_bad_out_and_unknown_engines_are_one_line_and_exit_2(tmp_path, capsys):
    from conformance.cli import main

    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["scoreboard", "--out", str(blocker / "board")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"conformance: error: cannot write to {blocker}/board") and err.count("\n") == 1
    assert scoreboard.scoreboard_main(["--out", str(tmp_path), "--engines", "nope"]) == 2
    assert "unknown engine nope; choose from minigrad, torch, paddle" in capsys.readouterr().out


def test_setup_installs_extras_environments_and_system_packages(monkeypatch, tmp_path):
    monkeypatch.setenv("CONFORMANCE_ENVS", str(tmp_path))
    needs_clang = Engine("C", "c", "h", "adapter", module="json", system=(("clang", "no-such-program-xyz"),))
    jtorch = next(e for e in ENGINES if e.backend == "jtorch")
    commands = []
    run = lambda command, **kwargs: commands.append(command)  # noqa: E731
    monkeypatch.setattr("conformance.scoreboard.setup._can_apt", lambda: True)
    assert setup([MISSING, needs_clang, jtorch, PRESENT], run=run, say=lambda line: None) == []
    assert ["apt-get", "install", "-y", "-qq", "clang"] in commands
    env_python = str(tmp_path / "jtorch" / "bin" / "python")
    assert [env_python, "-m", "pip", "install", "jittor==1.3.11.0", "jtorch==0.1.7"] in commands
    assert [env_python, "-c", "import torch"] in commands
    assert commands[-1][-4:] == extra_requirements("peers") == ["mygrad", "autograd", "micrograd", "tinygrad"]
    monkeypatch.setattr("conformance.scoreboard.setup._can_apt", lambda: False)
    assert setup([needs_clang], run=run, say=lambda line: None) == ["run as root: apt-get install clang"]


def test_every_engine_says_how_to_install_it():
    installs = {e.backend: e.install_command() for e in ENGINES}
    assert installs["paddle"] == 'pip install -e ".[paddle]"'
    assert installs["tinygrad"] == 'apt-get install clang && pip install -e ".[peers]"'
    assert installs["jtorch"] == "conformance scoreboard --setup --engines jtorch"
    assert extra_requirements("paddle") == ["paddlepaddle==3.3.1"]


def test_the_committed_scoreboard_judges_paddle_and_every_engine_it_lists():
    board = json.loads((BOARD / "scoreboard.json").read_text(encoding="utf-8"))
    engines = {e["backend"]: e for e in board["engines"]}
    assert set(engines) == {e.backend for e in ENGINES}
    paddle = engines["paddle"]
    assert paddle["installed"] and paddle["version"] and paddle["areas"] and paddle["coverage"] > 0
    assert engines["tinygrad"]["version"].endswith("(CPU device)")
    for e in engines.values():
        assert e["install"] and e["how"]
        assert not e.get("installed") or not e["interrupted"]
    assert sorted(p.name for p in BOARD.iterdir()) == [
        "areas.svg",
        "index.html",
        "scoreboard.json",
        "scoreboard.md",
    ]


def test_an_engine_run_on_a_smaller_catalog_is_named_in_the_header(data):
    mixed = copy.deepcopy(data)
    present = mixed["engines"][0]
    bigger = {
        **present,
        "name": "Bigger",
        "totals": {**present["totals"], "pass": present["totals"]["pass"] + 10},
    }
    mixed["engines"].insert(0, bigger)  # an engine rerun on a grown catalog beside one that was not
    assert "Not rerun on this catalog" in markdown(mixed) and "Present (6)" in markdown(mixed)
    assert "Not rerun on this catalog" not in markdown(data)
