"""`conformance explain`: a rule, the article's claim it covers, and its example run now on two engines.

Examples are programs that ``import torch``. To run one on a backend, a subprocess installs the backend's
module as ``torch`` in ``sys.modules`` (``torch.x.y`` submodule imports map to the backend's own
submodules) and then executes the example. The subprocess imports the engine once and forks one child
per example, so a batch of examples (the rule book runs them all) costs one import; the child's alarm
ends an example that hangs, and a crash or an ``os._exit`` stays in the child.

Output is stdout and stderr interleaved, as a terminal shows it, with object addresses masked so
that running an example twice prints the same text.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.abc
import importlib.util
import json
import linecache
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from conformance.catalog import AREAS

EXAMPLE_FILENAME = "example.py"
DEFAULT_TIMEOUT = 20.0
IMPORT_TIMEOUT = 300.0  # for the engine's import, before the examples' own time limits
EXIT_OK, EXIT_DIFFERENT, EXIT_USAGE = 0, 1, 2
_RAISED = 3  # a child's exit status when the example raised
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{4,}")


@dataclass
class ExampleRun:
    """One example run on one engine: what it printed, and how it ended.

    status: "ok" (ran to the end), "raised" (an exception escaped; the output ends with it),
    "timeout", "crashed" (killed by a signal) or "unavailable" (the engine failed to import).
    graph_dot: the DOT picture of the example's ``graph_of`` value, when one was asked for.
    """

    engine: str
    output: str
    status: str
    version: str | None = None
    graph_dot: str | None = None
    graph_error: str | None = None


def mask_addresses(text: str) -> str:
    return _ADDRESS.sub("0x...", text)


# ---- the subprocess side ---------------------------------------------------------------------------


class _SubmoduleAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes ``import torch.a.b`` give the backend's already-importable ``<backend>.a.b``, the same module
    object (a second copy would have its own state, e.g. its own grad mode)."""

    def __init__(self, package: str):
        self.package = package

    def find_spec(self, fullname, path, target=None):
        if fullname.startswith("torch."):
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        module = importlib.import_module(self.package + spec.name[len("torch") :])
        # the import system overwrites __spec__ after this; exec_module puts the module's own back
        self._original_spec = module.__spec__
        return module

    def exec_module(self, module):
        module.__spec__ = self._original_spec


def _install_engine(name: str) -> str | None:
    """Make ``import torch`` give the engine; returns its version."""
    sys.path.insert(0, os.getcwd())  # a backend in the current directory can be named, as for `run`
    from conformance.backends.loader import load_backend

    backend = load_backend(name)
    module_name = getattr(backend.engine, "__name__", None)
    if module_name != "torch":
        sys.modules["torch"] = backend.engine
        if module_name:
            sys.meta_path.insert(0, _SubmoduleAlias(module_name))
    return backend.version


def _report_exception(error: BaseException):
    """Print the exception like Python does, showing only the example's own frames."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == EXAMPLE_FILENAME]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames) + traceback.format_exception_only(type(error), error)
    sys.stderr.write("".join(lines))


def _run_child(job: dict, out_path: str, timeout: float):
    """In the forked child: run one example with its output going to out_path, then exit."""
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout.reconfigure(line_buffering=True)  # keeps prints and warnings in the order they happened
    signal.alarm(max(1, int(round(timeout))))  # SIGALRM's default action ends a hung example
    source = job["source"]
    linecache.cache[EXAMPLE_FILENAME] = (len(source), None, source.splitlines(True), EXAMPLE_FILENAME)
    namespace = {"__name__": "__main__"}
    status = 0
    try:
        exec(compile(source, EXAMPLE_FILENAME, "exec"), namespace)
    except BaseException as e:
        _report_exception(e)
        status = _RAISED
        open(out_path + ".raised", "w").close()  # an engine's own os._exit(3) is a crash, not this
    if job.get("graph_of"):
        try:
            from minigrad.viz import to_dot

            dot = to_dot(eval(job["graph_of"], namespace), label=job["graph_of"])
            graph = {"dot": dot}
        except Exception as e:
            graph = {"error": f"{type(e).__name__}: {e}"}
        with open(out_path + ".graph.json", "w") as f:
            json.dump(graph, f)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def serve(engine: str, workdir: str, timeout: float):
    """Subprocess entry: run the examples of workdir/jobs.json on ``engine``, write workdir/runs.json."""
    with open(os.path.join(workdir, "jobs.json")) as f:
        jobs = json.load(f)
    runs = []
    try:
        version = _install_engine(engine)
    except SystemExit as e:
        message = f"{engine} could not be loaded: it called sys.exit({e.code!r}) while being imported"
        runs = [{"output": message, "status": "unavailable"} for _ in jobs]
        version = None
    except BaseException as e:
        from conformance.worker import describe

        message = f"{engine} could not be loaded: {describe(e)}"
        runs = [{"output": message, "status": "unavailable"} for _ in jobs]
        version = None
    for i, job in enumerate(jobs if not runs else []):
        out_path = os.path.join(workdir, f"{i}.out")
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _run_child(job, out_path, timeout)
        _, wait_status = os.waitpid(pid, 0)
        status = _status_of(wait_status)
        if status == "raised" and not os.path.exists(out_path + ".raised"):
            status = "crashed"
        runs.append({"status": status, **_child_files(out_path)})
    with open(os.path.join(workdir, "runs.json"), "w") as f:
        json.dump({"version": version, "runs": runs}, f)


def _status_of(wait_status: int) -> str:
    if os.WIFSIGNALED(wait_status):
        return "timeout" if os.WTERMSIG(wait_status) == signal.SIGALRM else "crashed"
    return {0: "ok", _RAISED: "raised"}.get(os.WEXITSTATUS(wait_status), "crashed")


def _child_files(out_path: str) -> dict:
    found = {"output": ""}
    if os.path.exists(out_path):
        with open(out_path, errors="replace") as f:
            found["output"] = f.read()
    if os.path.exists(out_path + ".graph.json"):
        with open(out_path + ".graph.json") as f:
            found["graph"] = json.load(f)
    return found


# ---- the caller's side -----------------------------------------------------------------------------

_SERVE = "import sys; from conformance.explain import serve; serve(*sys.argv[1:3], float(sys.argv[3]))"


def run_examples(
    examples: list[str], engine: str = "torch", timeout: float = DEFAULT_TIMEOUT, graph_of=None
) -> list[ExampleRun]:
    """Run each example program on ``engine`` (a backend name; "torch" is the real torch), each in its
    own process. ``graph_of[i]``, when given and not None, names the value of example i to draw."""
    graph_of = list(graph_of) if graph_of is not None else [None] * len(examples)
    jobs = [{"source": src, "graph_of": g} for src, g in zip(examples, graph_of)]
    with tempfile.TemporaryDirectory(prefix="conformance-explain-") as workdir:
        with open(os.path.join(workdir, "jobs.json"), "w") as f:
            json.dump(jobs, f)
        results_path = os.path.join(workdir, "runs.json")
        with tempfile.TemporaryFile() as errors:  # bounded by the disk, not memory; only its tail is read
            try:
                done = subprocess.run(
                    [sys.executable, "-c", _SERVE, engine, workdir, str(timeout)],
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                    timeout=IMPORT_TIMEOUT + timeout * max(1, len(jobs)),
                    start_new_session=True,
                )
                status = (
                    f"exit status {done.returncode}" if done.returncode >= 0 else f"signal {-done.returncode}"
                )
            except subprocess.TimeoutExpired:
                status = "it did not finish in time and was killed"
            if not os.path.exists(results_path):
                errors.seek(max(0, errors.seek(0, os.SEEK_END) - 2000))
                tail = errors.read().decode("utf-8", "replace").strip().splitlines()
                why = tail[-1][:300] if tail else status
                message = f"{engine} could not be loaded: the process running the examples ended ({why})"
                return [ExampleRun(engine, message, "unavailable") for _ in jobs]
        with open(results_path) as f:
            found = json.load(f)
    return [_example_run(engine, found["version"], run) for run in found["runs"]]


def _example_run(engine: str, version, run: dict) -> ExampleRun:
    output = mask_addresses(run["output"])
    if run["status"] == "timeout":
        output += "\n[stopped: the example did not finish within the time limit]\n"
    elif run["status"] == "crashed":
        output += "\n[the process running the example crashed]\n"
    graph = run.get("graph") or {}
    dot = graph.get("dot")
    return ExampleRun(
        engine, output, run["status"], version, mask_addresses(dot) if dot else None, graph.get("error")
    )


# ---- presenting a rule -----------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide and full-width characters take two,
    combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _tokens(text: str) -> list[str]:
    """Words, runs of spaces, and single wide characters (a line may break between any two CJK
    characters, never inside a Latin word); combining marks stay with the character before them."""
    tokens: list[str] = []
    for ch in text:
        kind = "space" if ch.isspace() else "wide" if unicodedata.east_asian_width(ch) in "WF" else "word"
        if tokens and unicodedata.combining(ch):
            tokens[-1] += ch
        elif tokens and kind != "wide" and _kind(tokens[-1]) == kind:
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def _kind(token: str) -> str:
    ch = token[0]
    return "space" if ch.isspace() else "wide" if unicodedata.east_asian_width(ch) in "WF" else "word"


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces (or between wide characters);
    a word longer than a line is cut. Leading indentation is kept on the first line."""
    if display_width(text) <= width:
        return [text]
    lines, line = [], ""
    for token in _tokens(text):
        if display_width(line + token) <= width:
            line += token
            continue
        if _kind(token) == "space":  # the break goes here; the spaces vanish
            lines.append(line.rstrip())
            line = ""
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = ""
        while display_width(token) > width:  # a word longer than a whole line
            cut = 1
            while cut < len(token) and display_width(token[: cut + 1]) <= width:
                cut += 1
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` columns."""
    return text + " " * max(0, width - display_width(text))


def side_by_side(left_title: str, left: str, right_title: str, right: str, width: int = 120) -> list[str]:
    """Two outputs in columns, line by line; a '*' between columns marks lines that differ. Long
    lines wrap at word boundaries inside their column."""
    column = max(20, (width - 3) // 2)
    left_lines, right_lines = left.rstrip("\n").splitlines(), right.rstrip("\n").splitlines()
    rows = [
        pad(wrap(left_title, column)[0], column) + "   " + wrap(right_title, column)[0],
        "-" * column + "   " + "-" * column,
    ]
    for i in range(max(len(left_lines), len(right_lines))):
        a = left_lines[i] if i < len(left_lines) else ""
        b = right_lines[i] if i < len(right_lines) else ""
        mark = " | " if a == b else " * "
        pieces_a, pieces_b = wrap(a, column), wrap(b, column)
        for k in range(max(len(pieces_a), len(pieces_b))):
            pa = pieces_a[k] if k < len(pieces_a) else ""
            pb = pieces_b[k] if k < len(pieces_b) else ""
            rows.append((pad(pa, column) + mark + pb).rstrip())
    return rows


def engine_title(run: ExampleRun) -> str:
    return f"{run.engine} {run.version}" if run.version and run.version not in run.engine else run.engine


def compare_summary(reference: ExampleRun, candidate: ExampleRun) -> str:
    if candidate.status == "unavailable":
        return f"{candidate.engine} could not be loaded, so only torch's output is meaningful."
    if reference.output == candidate.output:
        return f"Same output on {reference.engine} and {candidate.engine}."
    a, b = reference.output.splitlines(), candidate.output.splitlines()
    differing = sum(1 for i in range(max(len(a), len(b))) if (a[i : i + 1] or [""]) != (b[i : i + 1] or [""]))
    return f"The outputs differ on {differing} of {max(len(a), len(b))} lines (marked *)."


def claim_lines(rule) -> list[str]:
    from conformance.rulebook.claims import CLAIMS

    if rule.claim is None:
        return []
    claim = CLAIMS.get(rule.claim)
    lines = [f"The article's claim {rule.claim}:"]
    if claim is not None:
        lines += ["  " + line for line in wrap(claim.chinese, 98)]
        lines += _indented("In English: " + claim.english)
    lines += _indented("Verdict: " + verdict_text(rule.verdict))
    return lines


def _indented(text: str) -> list[str]:
    return ["  " + line for line in wrap(text, 98)]


def verdict_text(verdict: str) -> str:
    """'agrees' -> 'torch agrees'; 'differs: how' -> 'torch differs: how'."""
    return f"torch {verdict}"


def explain_lines(rule, torch_run: ExampleRun, backend_run: ExampleRun, width: int = 120) -> list[str]:
    lines = [f"{rule.id}: {rule.title}", f"area: {rule.area} ({AREAS[rule.area]})", ""]
    lines += [rule.explanation, ""]
    if rule.claim is not None:
        lines += claim_lines(rule) + [""]
    lines += ["Example:", ""]
    lines += ["    " + line if line else "" for line in rule.example.rstrip().splitlines()]
    lines += ["", "Its output, run now:", ""]
    lines += side_by_side(
        engine_title(torch_run), torch_run.output, engine_title(backend_run), backend_run.output, width
    )
    lines += ["", compare_summary(torch_run, backend_run), ""]
    if rule.source:
        lines.append(f"source: {rule.source}")
    if rule.checks:
        lines.append("checks: " + ", ".join(c.id for c in rule.checks))
    return lines


def area_lines(rules, area: str) -> list[str]:
    lines = [f"{area}: {AREAS[area]}", ""]
    for rule in sorted((r for r in rules if r.area == area), key=lambda r: r.id):
        claim = f"  [claim {rule.claim}: torch {rule.verdict.split(':')[0]}]" if rule.claim else ""
        lines.append(f"  {rule.id:<18} {rule.title}{claim}")
    lines += ["", "`conformance explain RULE_ID` shows one rule with its example run on torch and a backend."]
    return lines


def catalog_rules() -> list:
    """The catalog's rules (CONFORMANCE_CATALOG selects other rule modules, as for `conformance run`);
    a catalog that does not import raises conformance.runner.ConfigError."""
    from conformance.catalog import load_catalog
    from conformance.runner import catalog_from_env, load_checks

    modules = catalog_from_env()
    if modules is None:
        return list(load_catalog().rules.values())
    return list({c.rule.id: c.rule for c in load_checks(modules)}.values())


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of `conformance explain` (cli.py adds them to its subcommand)."""
    parser.add_argument("rule_id", nargs="?", metavar="RULE_ID", help="e.g. ACCUM-001 (a check id works too)")
    parser.add_argument("--area", choices=list(AREAS), metavar="AREA", help="list the rules of AREA instead")
    parser.add_argument("--backend", default="minigrad", help="engine compared with torch (default minigrad)")
    parser.add_argument("--timeout", default=DEFAULT_TIMEOUT, metavar="SECONDS", help="per example run")
    return parser


def _usage_error(message: str) -> int:
    print(f"conformance: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_explain(args) -> int:
    """Print a rule with its example run now on torch and ``args.backend``, or list ``args.area``."""
    from conformance.runner import ConfigError, check_timeout

    try:
        args.timeout = check_timeout(args.timeout)
        rules = catalog_rules()
    except ConfigError as e:
        return _usage_error(str(e))
    if args.area:
        print("\n".join(area_lines(rules, args.area)))
        return EXIT_OK
    if not args.rule_id:
        return _usage_error("give a RULE_ID or --area AREA (see `conformance list` for the rule ids)")
    by_id = {r.id: r for r in rules}
    rule = by_id.get(args.rule_id) or by_id.get(args.rule_id.split("::", 1)[0])
    if rule is None:
        return _usage_error(f"unknown rule {args.rule_id!r}; see `conformance list` for the rule ids")
    with ThreadPoolExecutor(2) as pool:  # the two engines run at the same time
        torch_job = pool.submit(run_examples, [rule.example], "torch", args.timeout)
        backend_job = pool.submit(run_examples, [rule.example], args.backend, args.timeout)
        (torch_run,), (backend_run,) = torch_job.result(), backend_job.result()
    if backend_run.status == "unavailable":
        return _usage_error(backend_run.output)
    width = min(max(shutil.get_terminal_size((120, 40)).columns, 80), 200)
    print("\n".join(explain_lines(rule, torch_run, backend_run, width)))
    # Like `run`: showing a difference is a failure (exit 1), so a script can tell.
    return EXIT_OK if torch_run.output == backend_run.output else EXIT_DIFFERENT


def explain_main(argv: list[str] | None = None) -> int:
    """`conformance explain RULE_ID [--backend NAME]` or `conformance explain --area AREA`."""
    parser = argparse.ArgumentParser(
        prog="conformance explain",
        description="Explain a rule and run its example now on torch and on a backend, side by side.",
    )
    try:
        args = add_arguments(parser).parse_args(argv)
    except SystemExit as e:
        return EXIT_OK if e.code == 0 else EXIT_USAGE
    return run_explain(args)
