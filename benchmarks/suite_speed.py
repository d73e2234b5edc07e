"""The conformance suite's own speed: one `conformance run` of minigrad, timed from outside.

The wall time includes everything a user waits for: starting the worker processes (each imports torch
and minigrad) as well as running the checks; checks and examples per second are over that wall time.
"""

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def measure_suite_speed(profile="ci", jobs="auto", rules=None, timeout=1800.0):
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "conformance", "run", "--backend", "minigrad", "--profile", profile]
        command += ["-n", str(jobs), "--report-dir", out] + (["--rules", rules] if rules else [])
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - start
        results_file = Path(out, "results.json")
        if not results_file.exists():
            return {"profile": profile, "status": "failed", "reason": done.stderr.strip().splitlines()[-1:]}
        results = json.loads(results_file.read_text())
    checks = results["checks"]
    examples = sum(check["examples"] for check in checks)
    return {
        "profile": profile,
        "status": "ok",
        "exit_code": done.returncode,
        "workers": results["jobs"],
        "rules": rules,
        "checks": len(checks),
        "outcomes": dict(Counter(check["outcome"] for check in checks)),
        "examples": examples,
        "wall_s": round(wall, 2),
        "checks_per_s": round(len(checks) / wall, 1),
        "examples_per_s": round(examples / wall, 1),
    }


def render_suite_speed(speed):
    if speed["status"] != "ok":
        return f"The timed `conformance run` failed: {' '.join(speed['reason'])}"
    selection = f", rules `{speed['rules']}`" if speed["rules"] else ""
    outcomes = ", ".join(f"{n} {outcome}" for outcome, n in sorted(speed["outcomes"].items()))
    return "\n".join(
        [
            f"`conformance run --backend minigrad --profile {speed['profile']}`{selection} with "
            f"{speed['workers']} worker processes, timed from outside (worker start-up included).",
            "",
            "| profile | workers | checks | examples | wall time | checks/s | examples/s | outcomes |",
            "|---|---|---|---|---|---|---|---|",
            f"| {speed['profile']} | {speed['workers']} | {speed['checks']} | {speed['examples']:,} | "
            f"{speed['wall_s']} s | {speed['checks_per_s']} | {speed['examples_per_s']} | {outcomes} |",
        ]
    )
