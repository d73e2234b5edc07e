"""python -m benchmarks [--quick] [--engines a,b] [--workloads ...] [--repeats N] [--out DIR] [--set W.P=N]"""

import argparse
import json
import sys
from pathlib import Path

from benchmarks.chart import write_chart
from benchmarks.engines import ENGINES
from benchmarks.report_md import render_markdown
from benchmarks.suite import run_benchmarks
from benchmarks.suite_speed import measure_suite_speed
from benchmarks.workloads import WORKLOADS


def _names(values, known, what):
    names = [name for value in values for name in value.split(",") if name]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return names


def _overrides(assignments):
    """--set chain.nodes=5000 -> {"chain": {"nodes": 5000}}; values are integers."""
    overrides = {}
    for assignment in assignments:
        key, _, value = assignment.partition("=")
        workload, _, param = key.partition(".")
        if workload not in WORKLOADS or not param or not value.lstrip("-").isdigit():
            raise argparse.ArgumentTypeError(f"--set wants WORKLOAD.PARAM=INTEGER, got {assignment!r}")
        overrides.setdefault(workload, {})[param] = int(value)
    return overrides


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repetitions")
    parser.add_argument("--engines", nargs="+", default=[",".join(ENGINES)], help="comma-separated engines")
    parser.add_argument("--workloads", nargs="+", default=[",".join(WORKLOADS)], help="workloads to run")
    parser.add_argument("--repeats", type=int, help="timed repetitions per engine (default 5, --quick 3)")
    parser.add_argument("--out", type=Path, default=Path("reports/bench"), help="report directory")
    parser.add_argument(
        "--set", action="append", default=[], metavar="WORKLOAD.PARAM=N", help="a size, e.g. chain.nodes=5000"
    )
    parser.add_argument("--threads", type=int, help="cap every engine's BLAS/OpenMP threads")
    parser.add_argument("--no-matplotlib", action="store_true", help="write the chart as hand-made SVG")
    parser.add_argument(
        "--suite-profile",
        choices=["dev", "ci", "thorough", "none"],
        help="also time the conformance suite on minigrad with this profile (default ci; none with --quick)",
    )
    return parser


def write_reports(report, out, prefer_matplotlib=True):
    out.mkdir(parents=True, exist_ok=True)
    report["chart"] = write_chart(report, out, prefer_matplotlib)
    (out / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / "bench.md").write_text(render_markdown(report))


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        engines = _names(args.engines, ENGINES, "engine")
        workloads = _names(args.workloads, WORKLOADS, "workload")
        overrides = _overrides(args.set)
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    repeats = args.repeats or (3 if args.quick else 5)
    if repeats < 1:
        parser.error("--repeats must be at least 1")

    def log(line):
        print(line, file=sys.stderr, flush=True)

    report = run_benchmarks(engines, workloads, repeats, args.quick, overrides, log, threads=args.threads)
    suite_profile = args.suite_profile or ("none" if args.quick else "ci")
    if suite_profile != "none":
        log(f"conformance suite: timing `conformance run --profile {suite_profile}` on minigrad")
        report["suite_speed"] = measure_suite_speed(suite_profile)
    write_reports(report, args.out, not args.no_matplotlib)
    speed = report.get("suite_speed")
    if speed and speed["status"] == "ok":
        log(f"conformance suite: {speed['checks']} checks in {speed['wall_s']} s ({speed['checks_per_s']}/s)")
    for goal in report["goals"]:
        verdict = {True: "met", False: "NOT MET", None: "unknown"}[goal["met"]]
        log(f"{verdict:>8}: {goal['goal']} -- {goal['detail']}")
    written = ["bench.md", "bench.json"] + ([report["chart"]] if report["chart"] else [])
    log(f"wrote {', '.join(str(args.out / name) for name in written)}")
    return 0
