"""``conformance scoreboard``: run every installed engine and write reports/scoreboard/.

Writes ``scoreboard.json`` (the data), ``scoreboard.md`` and ``index.html`` (the page) and
``areas.svg`` (the per-area chart). No reproducer scripts: a failure's reproducer is made on demand
with ``conformance repro CHECK_ID --backend NAME``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import time

import conformance
from conformance.scoreboard.chart import svg
from conformance.scoreboard.collect import ENGINES, collect
from conformance.scoreboard.render import CHART_FILE, html, markdown
from conformance.scoreboard.setup import setup

FILES = ("scoreboard.json", "scoreboard.md", "index.html", CHART_FILE)


def write(out: str, data: dict) -> list[str]:
    """Write the scoreboard's files into ``out``; returns their paths."""
    os.makedirs(out, exist_ok=True)
    texts = dict(
        zip(FILES, (json.dumps(data, indent=1) + "\n", markdown(data), html(data), svg(data["engines"])))
    )
    paths = []
    for name, text in texts.items():
        path = os.path.join(out, name)
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.replace(path + ".tmp", path)
        paths.append(path)
    return paths


def build_parser() -> argparse.ArgumentParser:
    from conformance.cli import OneLineParser  # a bad argument is one line, exit 2

    parser = OneLineParser(prog="conformance scoreboard", description=__doc__)
    parser.add_argument("--profile", default="ci", choices=["dev", "ci", "thorough"], help="default ci")
    parser.add_argument(
        "-n", "--jobs", default="2", metavar="N", help="worker processes per engine (default 2)"
    )
    parser.add_argument("--out", default=os.path.join("reports", "scoreboard"), metavar="DIR")
    parser.add_argument(
        "--engines",
        metavar="NAMES",
        help="comma-separated backends (default: " + ",".join(e.backend for e in ENGINES) + ")",
    )
    parser.add_argument(
        "--setup",
        action="store_true",
        help="first install what the engines need: their extras, JTorch's environment, clang",
    )
    return parser


def scoreboard_main(argv: list[str] | None = None) -> int:
    from conformance.cli import UsageError
    from conformance.report.atomic import ReportDirError, check_writable_dir
    from conformance.runner import ConfigError, resolve_jobs

    args = build_parser().parse_args(argv)
    try:  # before running every engine, not after
        check_writable_dir(args.out)
        resolve_jobs(args.jobs)
    except ReportDirError as e:
        raise UsageError(f"{e}; pass another --out") from None
    except ConfigError as e:
        raise UsageError(str(e)) from None
    engines = ENGINES
    if args.engines:
        wanted = [n.strip() for n in args.engines.split(",") if n.strip()]
        unknown = sorted(set(wanted) - {e.backend for e in ENGINES})
        if unknown:
            print(
                f"conformance scoreboard: unknown engine {', '.join(unknown)}; choose from "
                + ", ".join(e.backend for e in ENGINES)
            )
            return 2
        engines = tuple(e for e in ENGINES if e.backend in wanted)
    if args.setup:
        for line in setup(engines):
            print(f"setup: not done here: {line}")
    start = time.monotonic()

    def progress(entry):
        t = entry["totals"]
        print(
            f"{entry['name']} {entry['version']}: {t['pass']} pass, {t['fail']} fail, {t['error']} error, "
            f"{t['n/a']} n/a, {t['skip']} skip ({entry['seconds']} s)",
            flush=True,
        )

    entries, rules, results = collect(engines, args.profile, args.jobs, on_result=progress)
    for entry in entries:
        if not entry["installed"]:
            print(f"{entry['name']}: not installed ({entry['install']})")
    data = {
        "suite_version": conformance.__version__,
        "torch_version": next((r.meta["torch_version"] for r in results.values()), None),
        "profile": args.profile,
        "seed": next((r.meta["seed"] for r in results.values()), None),
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "conformance scoreboard" + (" " + " ".join(argv) if argv else ""),
        "seconds": round(time.monotonic() - start, 1),
        "engines": entries,
        "rules": {rule: info for rule, info in sorted(rules.items())},
    }
    paths = write(args.out, data)
    print(f"scoreboard: {args.out}/ ({len(paths)} files) in {data['seconds']} s")
    return 0
