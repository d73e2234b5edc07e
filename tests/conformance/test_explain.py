"""`conformance explain`: examples run now, on torch and on a backend installed as `torch`."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conformance import explain
from conformance.catalog import AREAS, load_catalog
from conformance.rulebook.claims import CLAIMS

PRINTS = "import torch\nx = torch.ones(2, requires_grad=True)\nprint((x * 3).sum(), x.grad_fn)\n"
WARNS = "import torch\ny = torch.ones(2, requires_grad=True) * 2\ny.sum().backward()\nprint(y.grad)\n"
RAISES = "import torch\nprint('before')\ntorch.ones(3, requires_grad=True).sum().backward(torch.ones(5))\n"
ADDRESS = "import torch\nprint((torch.ones(1, requires_grad=True) * 2).grad_fn)\n"
NAMES = "import torch\nimport torch.autograd\nprint(torch.__name__, torch.autograd.__name__)\n"
HANGS = "while True:\n    pass\n"
CRASHES = "import os\nprint('bye', flush=True)\nos.kill(os.getpid(), 9)\n"
CLAIM_RULE = next(r for r in load_catalog().rules.values() if r.claim is not None)
EXAMPLES = [PRINTS, WARNS, RAISES, ADDRESS, NAMES, CRASHES, CLAIM_RULE.example]
# Far above what any of these examples needs on a loaded machine: only HANGS may ever reach a limit,
# and it is run alone with a short one (it never finishes, so any limit ends it the same way).
GENEROUS = 300


@pytest.fixture(scope="module")
def runs():
    """Every example run once per engine; each engine's batch is one subprocess, both at once."""
    with ThreadPoolExecutor(4) as pool:
        batches = {e: pool.submit(explain.run_examples, EXAMPLES, e, GENEROUS) for e in ("torch", "minigrad")}
        hangs = {e: pool.submit(explain.run_examples, [HANGS], e, 1) for e in ("torch", "minigrad")}
        return {
            engine: {**dict(zip(EXAMPLES, batch.result())), HANGS: hangs[engine].result()[0]}
            for engine, batch in batches.items()
        }


def run_directly(tmp_path, source: str) -> str:
    """The oracle: the example saved as example.py and run by plain Python with real torch."""
    path = tmp_path / "example.py"
    path.write_text(source)
    done = subprocess.run(  # unbuffered, both streams in one pipe: the order a terminal shows
        [sys.executable, "-u", "example.py"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    return done.stdout.replace(str(path), "example.py")


def test_torch_output_is_what_python_prints(runs, tmp_path):
    run = runs["torch"][WARNS]
    assert run.status == "ok"
    assert run.output == explain.mask_addresses(run_directly(tmp_path, WARNS))
    assert run.version and run.version.startswith(__import__("torch").__version__.split("+")[0])


def test_an_escaping_exception_is_shown_with_the_example_line(runs):
    run = runs["torch"][RAISES]
    assert run.status == "raised"
    lines = run.output.splitlines()
    assert lines[0] == "before"
    assert 'File "example.py", line 3' in run.output
    assert lines[-1].startswith("RuntimeError: ")  # the class torch raises, and its message
    assert "site-packages" not in run.output  # only the example's own frames


def test_addresses_are_masked_so_outputs_are_reproducible(runs):
    output = runs["torch"][ADDRESS].output
    assert "object at 0x...>" in output
    assert explain.mask_addresses("at 0x7f3a1c2b9e80>") == "at 0x...>"


def test_a_backend_runs_the_example_as_torch_submodules_included(runs):
    import minigrad
    import minigrad.autograd

    assert runs["minigrad"][NAMES].output.split() == [minigrad.__name__, minigrad.autograd.__name__]
    assert runs["torch"][NAMES].output.split() == ["torch", "torch.autograd"]


@pytest.mark.parametrize("engine", ["torch", "minigrad"])
def test_hangs_and_crashes_stay_in_the_child(runs, engine):
    assert runs[engine][HANGS].status == "timeout"
    assert "did not finish" in runs[engine][HANGS].output
    assert runs[engine][CRASHES].status == "crashed"
    assert runs[engine][CRASHES].output.startswith("bye\n")
    assert runs[engine][PRINTS].status == "ok"  # a crash does not take the other examples down


def test_an_exit_with_the_raised_status_is_a_crash_not_an_exception():
    source = f"import os\nprint('bye', flush=True)\nos._exit({explain._RAISED})\n"
    (run,) = explain.run_examples([source], "torch", timeout=300)
    assert run.status == "crashed"
    assert "crashed" in run.output


def test_an_unknown_backend_is_reported_not_run():
    (run,) = explain.run_examples([PRINTS], "no_such_backend_module", timeout=3)
    assert run.status == "unavailable"
    assert "no_such_backend_module" in run.output


def test_side_by_side_marks_the_lines_that_differ():
    rows = explain.side_by_side("torch", "same\nleft only\n", "engine", "same\nright\n", width=60)
    assert rows[2].startswith("same") and " | " in rows[2]
    assert " * " in rows[3] and rows[3].endswith("right")


def test_long_lines_wrap_inside_their_column():
    rows = explain.side_by_side("a", "x" * 50, "b", "y" * 50, width=60)
    assert all(len(r) <= 60 for r in rows)
    assert "".join(r[:28].strip() for r in rows[2:]) == "x" * 50


def test_lines_wrap_at_word_boundaries():
    text = "RuntimeError: grad can be implicitly created only for scalar outputs"
    lines = explain.wrap(text, 30)
    assert lines == ["RuntimeError: grad can be", "implicitly created only for", "scalar outputs"]
    rows = explain.side_by_side("torch", text, "engine", "short", width=63)
    left = [r[:30].rstrip() for r in rows[2:]]
    assert left == lines  # no word is cut between two rows


def test_cjk_text_wraps_by_its_width_and_stays_intact():
    claim = CLAIMS[min(CLAIMS)].chinese
    lines = explain.wrap(claim, 20)
    assert "".join(lines).replace(" ", "") == claim.replace(" ", "")  # every character, in order
    assert all(explain.display_width(line) <= 20 for line in lines)
    assert explain.display_width("张量") == 4 and explain.display_width("e\u0301") == 1
    # in columns: a wide character takes two cells, so the right column starts at the same place
    rows = explain.side_by_side("torch", "梯度 grad", "engine", "梯度 grad", width=43)
    assert rows[2] == explain.pad("梯度 grad", 20) + " | " + "梯度 grad"
    assert explain.display_width(rows[2].split(" | ")[0]) == 20


def test_explain_shows_rule_claim_example_and_both_outputs(runs, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")  # the terminal width decides the columns
    rule = CLAIM_RULE
    assert explain.explain_main([rule.id, "--backend", "minigrad", "--timeout", "300"]) == 0
    out = capsys.readouterr().out
    assert rule.title in out
    assert CLAIMS[rule.claim].chinese[:20] in out and CLAIMS[rule.claim].english[:30] in out
    assert f"torch {rule.verdict}"[:60] in " ".join(out.split())
    for line in rule.example.strip().splitlines():
        assert line in out
    torch_run, minigrad_run = runs["torch"][rule.example], runs["minigrad"][rule.example]
    columns = explain.side_by_side(
        explain.engine_title(torch_run), torch_run.output, "minigrad", minigrad_run.output, 120
    )
    assert "\n".join(columns[2:]) in out  # both outputs, as run now, side by side
    assert explain.compare_summary(torch_run, minigrad_run) in out


def test_explain_rejects_unknown_rules_and_backends(capsys):
    assert explain.explain_main(["NO-SUCH-RULE"]) == 2
    assert "unknown rule" in capsys.readouterr().err
    assert explain.explain_main(["GRAPH-001", "--backend", "no_such_backend_module"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("conformance: error: ")


def test_area_lists_its_rules(capsys):
    assert explain.explain_main(["--area", "graph"]) == 0
    out = capsys.readouterr().out
    graph_rules = [r for r in load_catalog().rules.values() if r.area == "graph"]
    assert AREAS["graph"] in out
    for rule in graph_rules:
        assert rule.id in out and rule.title in out


def test_positive_domain_examples_show_no_nan():
    # an op checked on positive inputs only is shown on positive inputs too
    from conformance.catalog import load_catalog

    for rule in load_catalog().rules.values():
        if "(positive inputs)" in rule.title:
            assert "-" not in rule.example.split("torch.tensor(")[1].split(")")[0], rule.id
