"""A whole benchmark run: every chosen workload on every chosen engine, plus machine facts and goals."""

import datetime

from benchmarks.engines import ENGINES
from benchmarks.goals import evaluate_goals
from benchmarks.machine import machine_facts
from benchmarks.runner import run_workload
from benchmarks.workloads import WORKLOADS

SCHEMA_VERSION = 1


def run_benchmarks(engines, workloads, repeats, quick=False, overrides=None, log=print, threads=None):
    """Run, and return the report dict that bench.json stores.

    `threads` caps every engine's BLAS/OpenMP pools (None: each engine's default).
    """
    report = {
        "schema": SCHEMA_VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "repeats": repeats,
        "threads": threads,
        "engines": list(engines),
        "machine": machine_facts(),
        "workloads": {},
    }
    for name in workloads:
        workload = WORKLOADS[name]
        params = workload.params(quick, overrides)
        allowed = workload.engines or engines
        chosen = [ENGINES[engine] for engine in engines if engine in allowed]
        log(f"{name}: {workload.describe(params)}")
        report["workloads"][name] = {
            "title": workload.describe(params),
            "unit": workload.unit,
            "per": workload.per,
            "timed": workload.timed,
            "params": params,
            "results": run_workload(workload, chosen, repeats, params, log, threads),
        }
    report["goals"] = evaluate_goals(report)
    return report
