"""The ``conformance`` command: a thin layer over ``conformance.runner.run_suite`` and the reports.

    conformance run [--backend NAME] [--profile dev|ci|thorough] [--expect FILE] [--report-dir DIR]
                    [-n auto|N] [--shard I/N] [--rules PATTERN] [--timeout SECONDS] [--allow-xpass] [--seed N]
                    [--import-timeout SECONDS]
    conformance report [DIR]             re-render the reports of DIR (default: the newest) from results.json
    conformance merge DIR... --out DIR   merge the results of shards into one result and its reports
    conformance repro CHECK_ID [--backend NAME] [--out FILE]
                                         run one check and print (or write) the reproducer of its failure
    conformance list [--area AREA]       rules and checks by area
    conformance explain RULE_ID [--backend NAME] | --area AREA
                                         a rule, with its example run now on torch and the backend
    conformance rulebook [--out DIR]     regenerate the rule book (reports/rulebook/)
    conformance scoreboard [...]         run every installed engine; write reports/scoreboard/

Exit codes, the only ones it returns: 0 the outcome matches the expectations (or what was shown is not a
failure); 1 it does not; 2 usage or configuration error, or a backend that could not even be loaded (one
line on stderr says what and how to fix it; nothing was judged, no report was written); 130 interrupted
(the reports hold what finished and say the run is incomplete).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import importlib.util
import os
import signal
import sys
import threading

import conformance
from conformance.catalog import AREAS

EXIT_OK, EXIT_MISMATCH, EXIT_CONFIG, EXIT_INTERRUPTED = 0, 1, 2, 130
# Where an ad-hoc run writes its reports: not the committed reports/, so running the README's command
# leaves the checkout as it was (the directory is in .gitignore).
DEFAULT_REPORT_ROOT = "conformance-reports"
# Commands that need the oracle (torch) and hypothesis, the `suite` extra.
NEEDS_SUITE = {"run", "repro", "list", "explain", "rulebook", "scoreboard"}


class UsageError(Exception):
    """A usage or configuration problem: printed as one line, exit code 2."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (what is wrong and where to read more), exit 2."""

    def error(self, message):
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="conformance", description="Check an autograd engine against torch.autograd.")
    parser.add_argument("--version", action="version", version=f"conformance {conformance.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    run = sub.add_parser("run", help="run the suite on a backend and write reports")
    run.add_argument(
        "--backend", default="minigrad", help="module path or registered name (default minigrad)"
    )
    run.add_argument("--profile", default="dev", choices=["dev", "ci", "thorough"], help="default dev")
    run.add_argument(
        "--expect", metavar="FILE", help="expectations TOML: known failures ([[xfail]]) and skips"
    )
    run.add_argument("--report-dir", metavar="DIR", help=f"default {DEFAULT_REPORT_ROOT}/<backend>/")
    run.add_argument("-n", "--jobs", default="1", metavar="auto|N", help="worker processes (default 1)")
    run.add_argument("--shard", metavar="I/N", help="run the I-th of N stable slices of the checks")
    run.add_argument(
        "--rules",
        action="append",
        metavar="PATTERN",
        help="fnmatch on rule or check ids, e.g. 'ACCUM-*'; repeat it or use commas for several",
    )
    run.add_argument("--timeout", default="60", metavar="SECONDS", help="per check (default 60)")
    run.add_argument(
        "--import-timeout",
        default="300",
        metavar="SECONDS",
        help="for a worker to import torch and the backend (default 300)",
    )
    run.add_argument("--allow-xpass", action="store_true", help="an unexpected pass does not fail the run")
    run.add_argument("--seed", type=int, help="hypothesis seed (default: 0 for ci, random otherwise)")

    report = sub.add_parser("report", help="re-render the reports of DIR from its results.json")
    report.add_argument("dir", nargs="?", metavar="DIR", help="default: the newest report")

    merge = sub.add_parser("merge", help="merge the results of shards")
    merge.add_argument("dirs", nargs="+", metavar="DIR")
    merge.add_argument("--out", required=True, metavar="DIR")

    repro = sub.add_parser("repro", help="run one check and print the reproducer of its failure")
    repro.add_argument("check_id", metavar="CHECK_ID", help="e.g. ACCUM-001::k-passes")
    repro.add_argument("--backend", default="minigrad", help="module path or registered name")
    repro.add_argument("--profile", default="ci", choices=["dev", "ci", "thorough"], help="default ci")
    repro.add_argument("--seed", type=int, help="hypothesis seed (default: the profile's)")
    repro.add_argument("--timeout", default="300", metavar="SECONDS", help="for the check (default 300)")
    repro.add_argument("--out", metavar="FILE", help="write the reproducer to FILE instead of stdout")

    listing = sub.add_parser("list", help="list rules and checks by area")
    listing.add_argument("--area", choices=list(AREAS), metavar="AREA", help=", ".join(AREAS))

    from conformance import explain, rulebook

    explain.add_arguments(sub.add_parser("explain", help="explain a rule, running its example now"))
    rulebook.add_arguments(sub.add_parser("rulebook", help="generate the rule book"))
    # Its own options are parsed by conformance.scoreboard (main() hands it the rest of the line).
    sub.add_parser("scoreboard", help="run every installed engine; write reports/scoreboard/", add_help=False)
    return parser


def _say(*lines: str):
    for line in lines:
        print(line)


def _verdict(result) -> str:
    from conformance.report.markdown import verdict_line

    counts = result.counts()
    if result.meta.get("interrupted"):
        return verdict_line(result)
    if result.gate_passed():
        extra = f" ({counts['xpass']} unexpected pass allowed)" if counts["xpass"] else ""
        return f"OK: the outcome matches the expectations{extra}"
    problems = [
        f"{counts[o]} {name}" for o, name in (("fail", "new failures"), ("error", "errors")) if counts[o]
    ]
    if counts["xpass"] and not result.meta.get("allow_xpass"):
        problems.append(
            f"{counts['xpass']} unexpected passes (delete their entries from the expectations file)"
        )
    return "FAILED: " + ", ".join(problems)


def exit_code(result) -> int:
    if result.meta.get("interrupted"):
        return EXIT_INTERRUPTED
    return EXIT_OK if result.gate_passed() else EXIT_MISMATCH


def _finish(result, directory: str, paths) -> int:
    from conformance.report import summary_table

    _say(summary_table(result), "")
    n_repro = sum(1 for c in result.checks if c.reproducer and c.outcome in ("fail", "xfail", "error"))
    repro = f", repro/ ({n_repro} reproducers)" if n_repro else ""
    _say(f"reports: {directory}/ ({', '.join(os.path.basename(p) for p in paths)}{repro})")
    if result.meta.get("orphans_ended"):
        _say(
            f"the backend left {result.meta['orphans_ended']} processes running after its checks; ended them"
        )
    _say(_verdict(result))
    return exit_code(result)


def _stop_on_signals(stop):
    """SIGINT and SIGTERM set ``stop``, which the run polls (about every 0.2 s) and turns into
    KeyboardInterrupt where that is safe. Raising KeyboardInterrupt from the handler itself would land
    anywhere: inside torch's import it can be swallowed, or break the import or abort the process."""

    def handler(signum, frame):
        stop.set()

    return {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}


@contextlib.contextmanager
def report_dir(directory: str, option: str = "--report-dir"):
    """Hold ``directory`` for the reports of one command (see ReportDirLock); problems are usage errors."""
    from conformance.report import ReportDirError, ReportDirLock

    try:
        with ReportDirLock(directory):
            yield
    except ReportDirError as e:
        raise UsageError(f"{e}; pass another {option}") from None


def _write_reports(result, directory: str, option: str = "--report-dir"):
    """write_reports, with a directory that cannot be written as a usage error, not a traceback."""
    from conformance.report import ReportDirError, write_reports

    try:
        return write_reports(result, directory)
    except ReportDirError as e:
        raise UsageError(f"{e}; pass another {option}") from None
    except OSError as e:
        raise UsageError(
            f"cannot write the reports to {directory}: {e.strerror}; pass another {option}"
        ) from None


def cmd_run(args) -> int:
    from conformance.progress import ProgressDisplay
    from conformance.runner import ConfigError, check_backend, check_timeout, run_suite

    try:
        check_backend(args.backend)  # before the default report directory is made from it
        timeout = check_timeout(args.timeout)
        import_timeout = check_timeout(args.import_timeout, "--import-timeout")
    except ConfigError as e:
        raise UsageError(str(e)) from None
    directory = args.report_dir or os.path.join(DEFAULT_REPORT_ROOT, args.backend)
    # SIGTERM ends the run like Ctrl-C: the reports hold what finished, marked interrupted.
    stop = threading.Event()
    previous = _stop_on_signals(stop)
    try:
        with report_dir(directory):
            try:
                result = run_suite(
                    backend=args.backend,
                    profile=args.profile,
                    rules=",".join(args.rules) if args.rules else None,
                    jobs=args.jobs,
                    timeout=timeout,
                    shard=args.shard,
                    expect=args.expect,
                    allow_xpass=args.allow_xpass,
                    seed=args.seed,
                    progress=ProgressDisplay(),
                    stop=stop,
                    import_timeout=import_timeout,
                )
            except ConfigError as e:
                raise UsageError(str(e)) from None
            paths = _write_reports(result, directory)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return _finish(result, directory, paths)


def newest_report() -> str:
    """The directory of the newest results.json among the reports of ad-hoc runs and reports/."""
    found = glob.glob(os.path.join(DEFAULT_REPORT_ROOT, "*", "results.json"))
    found += glob.glob(os.path.join("reports", "*", "results.json"))
    if not found:
        raise UsageError(
            f"no report found in {DEFAULT_REPORT_ROOT}/ or reports/; run `conformance run` first or give DIR"
        )
    return os.path.dirname(max(found, key=os.path.getmtime))


def cmd_report(args) -> int:
    from conformance.report import ResultsError, load

    directory = args.dir or newest_report()
    try:
        result = load(directory)
    except ResultsError as e:
        raise UsageError(str(e)) from None
    with report_dir(directory, "DIR"):
        paths = _write_reports(result, directory, "DIR")
    return _finish(result, directory, paths)


def cmd_merge(args) -> int:
    from conformance.report import MergeError, ResultsError, load, merge

    try:
        result = merge([load(d) for d in args.dirs], names=args.dirs)
    except (ResultsError, MergeError) as e:
        raise UsageError(str(e)) from None
    with report_dir(args.out, "--out"):
        paths = _write_reports(result, args.out, "--out")
    return _finish(result, args.out, paths)


def cmd_repro(args) -> int:
    from conformance.runner import ConfigError, check_timeout, exact, run_suite

    try:
        timeout = check_timeout(args.timeout)
        if args.out:
            _check_file_writable(args.out)
        result = run_suite(
            backend=args.backend,
            profile=args.profile,
            rules=exact(args.check_id),
            seed=args.seed,
            timeout=timeout,
        )
    except ConfigError as e:
        raise UsageError(str(e).replace("--rules", "CHECK_ID")) from None
    if len(result.checks) != 1:
        ids = ", ".join(c.id for c in result.checks[:5])
        raise UsageError(f"{args.check_id!r} is a rule with several checks ({ids}); name one of them")
    (check,) = result.checks
    if check.outcome in ("pass", "skip"):
        print(
            f"{check.id} {'passes' if check.outcome == 'pass' else 'was not run'} on {args.backend}: "
            f"{check.message or 'no example differed from torch'}",
            file=sys.stderr,
        )
        return EXIT_OK
    if not check.reproducer:
        print(f"{check.id}: {check.outcome} without a reproducer: {check.message}", file=sys.stderr)
        return EXIT_MISMATCH
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(check.reproducer)
        print(
            f"{check.id} fails on {args.backend}; reproducer: {args.out} "
            f"(python {args.out} runs it on torch, python {args.out} {args.backend} on the backend)",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(check.reproducer)
    return EXIT_MISMATCH


def _check_file_writable(path: str):
    parent = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path) or not os.path.isdir(parent) or not os.access(parent, os.W_OK):
        raise UsageError(f"cannot write {path}: not a writable file path; pass another --out")


def _rules():
    """The catalog's rules (CONFORMANCE_CATALOG selects another catalog, as for `run`)."""
    from conformance.explain import catalog_rules
    from conformance.runner import ConfigError

    try:
        return catalog_rules()
    except ConfigError as e:
        raise UsageError(str(e)) from None


def cmd_list(args) -> int:
    rules = _rules()
    for area, title in AREAS.items():
        if args.area and area != args.area:
            continue
        in_area = sorted((r for r in rules if r.area == area), key=lambda r: r.id)
        if not in_area:
            continue
        _say(f"{area}: {title}")
        for rule in in_area:
            _say(f"  {rule.id}  {rule.title}")
            for check in rule.checks:
                _say(f"      {check.id}")
        _say("")
    n_checks = sum(len(r.checks) for r in rules if not args.area or r.area == args.area)
    n_rules = sum(1 for r in rules if not args.area or r.area == args.area)
    _say(f"{n_rules} rules, {n_checks} checks")
    return EXIT_OK


def cmd_explain(args) -> int:
    from conformance.explain import run_explain

    return run_explain(args)


def cmd_rulebook(args) -> int:
    from conformance.rulebook import run_rulebook

    return run_rulebook(args)


COMMANDS = {
    "run": cmd_run,
    "report": cmd_report,
    "merge": cmd_merge,
    "repro": cmd_repro,
    "list": cmd_list,
    "explain": cmd_explain,
    "rulebook": cmd_rulebook,
}


def _check_suite_installed(command: str):
    if command not in NEEDS_SUITE:
        return
    missing = [m for m in ("torch", "hypothesis") if importlib.util.find_spec(m) is None]
    if missing:
        names = " and ".join(missing)
        raise UsageError(
            f"`conformance {command}` needs {names}, which is not installed; install the suite's extra: "
            "pip install 'minigrad-conformance[suite]'"
        )


def describe(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:
        text = "<unprintable>"
    return f"{type(error).__name__}: {(text.splitlines() or [''])[0]}"


def _main(argv: list[str]) -> int:
    if argv[:1] == ["scoreboard"]:
        _check_suite_installed("scoreboard")
        from conformance.scoreboard import scoreboard_main

        return scoreboard_main(argv[1:])
    args = build_parser().parse_args(argv)
    _check_suite_installed(args.command)
    return COMMANDS[args.command](args)


def main(argv: list[str] | None = None) -> int:
    # Like `python -m`: modules in the current directory (a backend, tests.broken_backends.x) import.
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    argv = sys.argv[1:] if argv is None else argv
    try:
        return _main(argv)
    except UsageError as e:
        print(f"conformance: error: {e}", file=sys.stderr)
        return EXIT_CONFIG
    except SystemExit as e:  # argparse's --help and --version
        return EXIT_OK if e.code in (0, None) else EXIT_CONFIG
    except KeyboardInterrupt:
        print("conformance: interrupted; reports were left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`conformance list | head`): stop quietly, as other tools do.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as e:  # a bug of the suite: still one line and a documented exit code
        if os.environ.get("CONFORMANCE_DEBUG"):
            raise
        print(
            f"conformance: error: internal error ({describe(e)}); run again with CONFORMANCE_DEBUG=1 for "
            "the traceback and report it",
            file=sys.stderr,
        )
        return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
