"""The rule book: generated from the catalog, committed, and checked for staleness and completeness."""

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance.catalog import load_catalog
from conformance.explain import run_examples
from conformance.rulebook.book import catalog_hash, load_scoreboard, rule_outcomes, stored_hash
from conformance.rulebook.claims import CLAIMS
from conformance.runner import CATALOG_ENV
from tests.conformance.fake_rules import BASIC

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "reports" / "rulebook"
GENERATE = [
    sys.executable,
    "-c",
    "import sys; from conformance.rulebook import rulebook_main; sys.exit(rulebook_main(sys.argv[1:]))",
]
REGENERATE = "regenerate it with `conformance rulebook` (python -m conformance rulebook) and commit it"


@pytest.fixture(scope="module")
def rules():
    return [r for r in load_catalog().rules.values() if not r.generated]


@pytest.fixture(scope="module")
def committed_html():
    return (BOOK / "index.html").read_text(encoding="utf-8")


def test_committed_rule_book_is_current(rules):
    current = catalog_hash(rules)
    for name in ("index.html", "rulebook.md"):
        assert stored_hash(str(BOOK / name)) == current, f"reports/rulebook/{name} is stale: {REGENERATE}"


def test_committed_rule_book_has_every_rule(rules, committed_html):
    markdown = (BOOK / "rulebook.md").read_text(encoding="utf-8")
    for rule in rules:
        assert f'id="{rule.id}"' in committed_html and html.escape(rule.title) in committed_html
        assert f'<a id="{rule.id}"></a>' in markdown


def _claim_card(committed_html: str, number: int) -> str:
    start = committed_html.index(f'id="claim-{number}"')
    return committed_html[start : committed_html.index("</article>", start)]


def test_every_claim_has_torch_verdict_and_an_example_output(rules, committed_html):
    for number, claim in CLAIMS.items():
        covering = [r for r in rules if r.claim == number]
        assert covering, f"no rule covers the article's claim {number}"
        card = _claim_card(committed_html, number)
        assert html.escape(claim.chinese) in card and re.search(r"torch (agrees|differs)", card)
        for rule in covering:
            assert html.escape(rule.verdict) in card
        assert re.search(r'<pre class="out">[^<]+</pre>', card), f"claim {number} shows no output"


def test_claim_examples_print_now_what_the_book_shows(rules, committed_html):
    """The outputs in the book were produced by running the examples: running them now gives the same."""
    covering = [r for r in rules if r.claim is not None]
    for rule, run in zip(covering, run_examples([r.example for r in covering], "torch", timeout=300)):
        assert run.status in ("ok", "raised")
        shown = f'<pre class="out">{html.escape(run.output)}</pre>'
        assert shown in committed_html, f"{rule.id}: torch now prints {run.output!r}; {REGENERATE}"


def test_graph_rules_show_torch_and_minigrad_pictures(rules, committed_html):
    for rule in (r for r in rules if r.graph_of):
        start = committed_html.index(f'id="{rule.id}"')
        card = committed_html[start : committed_html.index("</article>", start)]
        for engine in ("torch", "minigrad"):
            assert f"{engine}: the graph behind" in card
        assert card.count("<svg") == 2 or "dot -Tsvg" in card


def test_the_hash_follows_what_the_book_prints():
    check = SimpleNamespace(id="X-001::c")
    rule = SimpleNamespace(
        id="X-001",
        area="graph",
        title="t",
        explanation="e",
        example="print(1)\n",
        claim=None,
        verdict=None,
        source="",
        graph_of=None,
        checks=[check],
    )
    base = catalog_hash([rule])
    assert catalog_hash([rule]) == base
    for field, value in [("title", "t2"), ("example", "print(2)\n"), ("id", "X-002"), ("graph_of", "y")]:
        changed = SimpleNamespace(**{**vars(rule), field: value})
        assert catalog_hash([changed]) != base, field


def test_rule_outcomes_and_scoreboard_shapes(tmp_path):
    checks = [
        {"rule": "A-001", "outcome": "pass"},
        {"rule": "A-001", "outcome": "fail"},
        {"rule": "B-001", "outcome": "pass"},
        {"id": "C-001::x", "outcome": "skip"},
    ]
    checks.append({"id": "D-001::y", "outcome": "skip", "message": "not applicable: no hooks"})
    checks.append({"id": "E-001::z", "outcome": "xfail"})
    assert rule_outcomes(checks) == {
        "A-001": "fail",
        "B-001": "pass",
        "C-001": "skip",
        "D-001": "n/a",
        "E-001": "fail",
    }
    board = tmp_path / "scoreboard.json"
    # the scoreboard stores a check's kind under "kind" (the book once read "outcome" and saw failures)
    board.write_text(
        '{"engines": [{"name": "e1", "checks": [{"rule": "A-001", "kind": "pass"}]},'
        ' {"name": "e2", "rules": {"A-001": "n/a"}, "checks": [{"rule": "A-001", "kind": "fail"}]}]}'
    )
    assert load_scoreboard(str(board)) == {"e1": {"A-001": "pass"}, "e2": {"A-001": "n/a"}}
    assert load_scoreboard(str(tmp_path / "missing.json")) == {}


def test_the_committed_book_shows_the_scoreboards_cell_for_every_engine_and_rule():
    board = json.loads((ROOT / "reports" / "scoreboard" / "scoreboard.json").read_text(encoding="utf-8"))
    book = (ROOT / "reports" / "rulebook" / "rulebook.md").read_text(encoding="utf-8")
    shown: dict[str, dict[str, str]] = {}
    header = None
    for line in book.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| Rule |"):
            header = cells
        elif header and line.startswith("| [") and len(cells) == len(header):
            rule = cells[0][1:].split("]")[0]
            shown[rule] = dict(zip(header[3:], cells[3:]))
    assert shown, "the book has no rule tables"
    compared = 0
    for engine in board["engines"]:
        for rule, cells in shown.items():
            expected = engine.get("rules", {}).get(rule, "not run") if engine.get("installed") else "not run"
            assert cells.get(engine["name"]) == expected, (
                engine["name"],
                rule,
                "regenerate: conformance rulebook",
            )
            compared += 1
    assert compared == len(board["engines"]) * len(shown)
    torch_cells = {cells["torch"] for cells in shown.values()}
    assert torch_cells == {"pass"}, "torch is the oracle: it passes every rule"


def test_regenerating_gives_identical_files(tmp_path):
    """Generate a small book (the fake catalog) twice through the command: byte-identical files."""
    env = {**os.environ, CATALOG_ENV: BASIC}
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        args = [
            "--out",
            str(out),
            "--scoreboard",
            str(tmp_path / "none"),
            "--results",
            str(tmp_path / "none"),
            "--timeout",
            "300",  # per example: far above what a loaded machine needs, so no example is cut short
        ]
        done = subprocess.run(GENERATE + args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert {Path("index.html"), Path("rulebook.md")} <= set(files)
    for name in files:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
