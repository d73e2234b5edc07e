"""The ``conformance`` command: a thin layer over ``conformance.runner.run_suite`` and the reports.

    conformance run [--backend NAME] [--profile dev|ci|thorough] [--expect FILE] [--report-dir DIR]
                    [-n auto|N] [--shard I/N] [--rules PATTERN] [--timeout SECONDS] [--allow-xpass] [--seed N]
    conformance report [DIR]             re-render report.md, index.html, junit.xml from DIR/results.json
    conformance merge DIR... --out DIR   merge the results of shards into one result and its reports
    conformance list [--area AREA]       rules and checks by area
    conformance explain RULE_ID [--backend NAME] | --area AREA
                                         a rule, with its example run now on torch and the backend
    conformance rulebook [--out DIR]     regenerate the rule book (reports/rulebook/)

Exit codes: 0 the outcome matches the expectations; 1 it does not; 2 usage or configuration error
(one line on stderr says what and how to fix it); 130 interrupted (the reports hold what finished).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading

from conformance.catalog import AREAS

EXIT_OK, EXIT_MISMATCH, EXIT_CONFIG, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A usage or configuration problem: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (what is wrong and where to read more), exit 2."""

    def error(self, message):
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="conformance", description="Check an autograd engine against torch.autograd.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="run the suite on a backend and write reports")
    run.add_argument(
        "--backend", default="minigrad", help="module path or registered name (default minigrad)"
    )
    run.add_argument("--profile", default="dev", choices=["dev", "ci", "thorough"], help="default dev")
    run.add_argument(
        "--expect", metavar="FILE", help="expectations TOML: known failures ([[xfail]]) and skips"
    )
    run.add_argument("--report-dir", metavar="DIR", help="default reports/<backend>/")
    run.add_argument("-n", "--jobs", default="1", metavar="auto|N", help="worker processes (default 1)")
    run.add_argument("--shard", metavar="I/N", help="run the I-th of N stable slices of the checks")
    run.add_argument(
        "--rules",
        action="append",
        metavar="PATTERN",
        help="fnmatch on rule or check ids, e.g. 'ACCUM-*'; repeat it or use commas for several",
    )
    run.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="per check (default 60)")
    run.add_argument("--allow-xpass", action="store_true", help="an unexpected pass does not fail the run")
    run.add_argument("--seed", type=int, help="hypothesis seed (default: 0 for ci, random otherwise)")

    report = sub.add_parser("report", help="re-render the reports of DIR from its results.json")
    report.add_argument("dir", nargs="?", default=os.path.join("reports", "minigrad"), metavar="DIR")

    merge = sub.add_parser("merge", help="merge the results of shards")
    merge.add_argument("dirs", nargs="+", metavar="DIR")
    merge.add_argument("--out", required=True, metavar="DIR")

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
    counts = result.counts()
    if result.meta.get("interrupted"):
        return f"INTERRUPTED after {len(result.checks)} of {result.meta.get('selected', '?')} checks"
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


def _finish(result, directory: str, paths) -> int:
    from conformance.report import summary_table

    _say(
        summary_table(result), "", f"reports: {directory}/ ({', '.join(os.path.basename(p) for p in paths)})"
    )
    _say(_verdict(result))
    if result.meta.get("interrupted"):
        return EXIT_INTERRUPTED
    return EXIT_OK if result.gate_passed() else EXIT_MISMATCH


def _stop_on_signals(stop):
    """SIGINT and SIGTERM set ``stop``, which the run polls (about every 0.2 s) and turns into
    KeyboardInterrupt where that is safe. Raising KeyboardInterrupt from the handler itself would land
    anywhere: inside torch's import it can be swallowed, or break the import or abort the process."""

    def handler(signum, frame):
        stop.set()

    return {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}


def _write_reports(result, directory: str, **kwargs):
    """write_reports, with a directory that cannot be written as a usage error, not a traceback."""
    from conformance.report import write_reports

    try:
        return write_reports(result, directory, **kwargs)
    except OSError as e:
        raise UsageError(
            f"cannot write the reports to {directory}: {e.strerror}; pass another --report-dir"
        ) from None


def _check_writable(directory: str):
    """Fail before a long run, not after it, when the reports could not be written."""
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        raise UsageError(
            f"cannot write the reports to {directory}: {e.strerror}; pass another --report-dir"
        ) from None
    if not os.access(directory, os.W_OK):
        raise UsageError(f"cannot write the reports to {directory}: not writable; pass another --report-dir")


def cmd_run(args) -> int:
    from conformance.progress import ProgressDisplay
    from conformance.runner import ConfigError, run_suite

    directory = args.report_dir or os.path.join("reports", args.backend)
    _check_writable(directory)
    # SIGTERM ends the run like Ctrl-C: the reports hold what finished, marked interrupted.
    stop = threading.Event()
    previous = _stop_on_signals(stop)
    try:
        result = run_suite(
            backend=args.backend,
            profile=args.profile,
            rules=",".join(args.rules) if args.rules else None,
            jobs=args.jobs,
            timeout=args.timeout,
            shard=args.shard,
            expect=args.expect,
            allow_xpass=args.allow_xpass,
            seed=args.seed,
            progress=ProgressDisplay(),
            stop=stop,
        )
        paths = _write_reports(result, directory)
    except ConfigError as e:
        raise UsageError(str(e)) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return _finish(result, directory, paths)


def cmd_report(args) -> int:
    from conformance.report import ResultsError, html, junit, load, markdown

    try:
        result = load(args.dir)
    except ResultsError as e:
        raise UsageError(str(e)) from None
    paths = _write_reports(result, args.dir, renderers=(markdown, html, junit))
    _finish(result, args.dir, paths)
    return EXIT_OK


def cmd_merge(args) -> int:
    from conformance.report import MergeError, ResultsError, load, merge

    try:
        result = merge([load(d) for d in args.dirs])
    except (ResultsError, MergeError) as e:
        raise UsageError(str(e)) from None
    paths = _write_reports(result, args.out)
    return _finish(result, args.out, paths)


def _rules():
    """The catalog's rules (CONFORMANCE_CATALOG selects another catalog, as for `run`)."""
    from conformance.catalog import load_catalog
    from conformance.runner import ConfigError, catalog_from_env, load_checks

    modules = catalog_from_env()
    try:
        if modules is None:
            return list(load_catalog().rules.values())
        return list({c.rule.id: c.rule for c in load_checks(modules)}.values())
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
    "list": cmd_list,
    "explain": cmd_explain,
    "rulebook": cmd_rulebook,
}


def main(argv: list[str] | None = None) -> int:
    # Like `python -m`: modules in the current directory (a backend, tests.broken_backends.x) import.
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["scoreboard"]:
        from conformance.scoreboard import scoreboard_main

        return scoreboard_main(argv[1:])
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as e:
        print(f"conformance: error: {e}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        print("conformance: interrupted; reports were left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`conformance list | head`): stop quietly, as other tools do.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
