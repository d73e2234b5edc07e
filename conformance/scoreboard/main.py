"""``conformance scoreboard``: run every installed engine and write reports/scoreboard/."""

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


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)


def repro_file(engine, check) -> str:
    return f"repro/{_safe(engine.backend)}/{_safe(check.id.replace('::', '__'))}.py"


def write(out: str, data: dict, results: dict, engines) -> list[str]:
    """Write the reports and reproducers into ``out``; returns the paths written."""
    os.makedirs(out, exist_ok=True)
    paths = []
    by_name = {e.name: e for e in engines}
    for entry in data["engines"]:
        if not entry.get("installed"):
            continue
        checks = results[entry["name"]].by_id()
        for c in entry["checks"]:
            if c.get("reproducer"):
                script = checks[c["id"]].reproducer
                c["script"] = script
                path = os.path.join(out, c["reproducer"])
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write(script)
                paths.append(path)
        assert entry["name"] in by_name
    files = {
        "scoreboard.json": json.dumps(data, indent=1, sort_keys=False) + "\n",
        "scoreboard.md": markdown(data),
        "index.html": html(data),
        CHART_FILE: svg(data["engines"]),
    }
    for name, text in files.items():
        path = os.path.join(out, name)
        with open(path, "w") as f:
            f.write(text)
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
        engines = tuple(e for e in ENGINES if e.backend in wanted)
    start = time.monotonic()

    def progress(entry):
        t = entry["totals"]
        print(
            f"{entry['name']} {entry['version']}: {t['pass']} pass, {t['fail']} fail, {t['error']} error, "
            f"{t['n/a']} n/a ({entry['seconds']} s)",
            flush=True,
        )

    entries, titles, results = collect(engines, args.profile, args.jobs, repro_file, on_result=progress)
    for entry in entries:
        if not entry.get("installed"):
            print(f"{entry['name']}: not installed (pip install '.[peers]')")
    data = {
        "suite_version": conformance.__version__,
        "torch_version": next((r.meta["torch_version"] for r in results.values()), None),
        "profile": args.profile,
        "seed": next((r.meta["seed"] for r in results.values()), None),
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "conformance scoreboard" + (" " + " ".join(argv) if argv else ""),
        "seconds": round(time.monotonic() - start, 1),
        "engines": entries,
        "rules": dict(sorted(titles.items())),
    }
    paths = write(args.out, data, results, engines)
    print(f"scoreboard: {args.out}/ ({len(paths)} files) in {data['seconds']} s")
    return 0
