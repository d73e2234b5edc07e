"""Runs one workload on several engines, alternating between them, and summarises the samples.

Every engine gets a fresh worker process for the workload. After each has set up and warmed up, the
parent asks them in turn for one timed repetition, round after round, starting each round one engine
later, so a burst of load from the (shared) machine falls on all engines alike instead of on whoever
ran at that moment. Medians and min-max are over repetitions.
"""

import statistics

from benchmarks.engines import is_installed, version_of
from benchmarks.process import WorkerFailure, WorkerProcess

FIXED_MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072", "MALLOC_TRIM_THRESHOLD_": "131072"}


def _not_run(status, reason, version=None):
    return {"status": status, "reason": reason, "version": version}


class _Contender:
    """One engine's worker and the samples collected from it."""

    def __init__(self, spec, worker):
        self.spec = spec
        self.worker = worker
        self.replies = []
        self.info = {}
        self.stopped = None  # why repetitions ended early, if they did

    def fail(self, reason):
        self.worker.kill()
        return _not_run("n/a", reason, version_of(self.spec))


def thread_env(threads):
    """Environment that caps the BLAS and OpenMP pools (numpy's and torch's) at `threads`."""
    return {name: str(threads) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


def _start(spec, workload, params, log, env):
    """Start and warm up a worker; returns a _Contender, or the result dict of an engine that cannot run."""
    if not is_installed(spec):
        return _not_run("not installed", f"no module named {spec.import_name!r}")
    env = {**env, **(FIXED_MALLOC_ENV if workload.fixed_malloc else {})}
    contender = _Contender(spec, WorkerProcess(spec.adapter, env))
    try:
        hello = contender.worker.ask(None, workload.setup_timeout)
        if not hello["ok"]:
            contender.worker.close()
            status = "not installed" if hello.get("not_installed") else "n/a"
            return _not_run(status, hello["reason"], version_of(spec))
        contender.info = hello["info"]
        warmup = workload.warmup_params(params)
        setup = {"op": "setup", "kind": workload.kind, "params": params, "warmup": warmup}
        reply = contender.worker.ask(setup, workload.setup_timeout)
    except WorkerFailure as failure:
        sizes = ", ".join(f"{key}={value:,}" for key, value in workload.warmup_params(params).items())
        return contender.fail(f"{failure} in start-up and warm-up ({sizes})")
    if not reply["ok"]:
        contender.worker.close()
        return _not_run("n/a", reply["reason"], version_of(spec))
    log(f"  {workload.name}: {spec.name} ready")
    return contender


def _one_round(contenders, workload, log):
    for contender in contenders:
        try:
            reply = contender.worker.ask({"op": "run"}, workload.repeat_timeout)
        except WorkerFailure as failure:
            reply = {"ok": False, "reason": str(failure)}
        if not reply["ok"]:
            contender.stopped = reply["reason"]
            contender.worker.kill()
            continue
        contender.replies.append(reply)
        log(f"  {workload.name}: {contender.spec.name} {reply['seconds']:.4f} s")
        if reply["seconds"] > workload.long_repeat:
            contender.stopped = f"one repetition took over {workload.long_repeat:.0f} s"


def _summary(contender, workload, params):
    if not contender.replies:
        return _not_run("n/a", contender.stopped, version_of(contender.spec))
    count = params[workload.per] if workload.per else 1
    samples = [reply["seconds"] / count / workload.unit_seconds for reply in contender.replies]
    metrics = {}
    for name in contender.replies[0]["metrics"]:
        values = [reply["metrics"].get(name) for reply in contender.replies]
        values = [value for value in values if value is not None]
        metrics[name] = statistics.median(values) if values else None
    peaks = [reply["peak_rss_delta"] for reply in contender.replies if reply["peak_rss_delta"] is not None]
    return {
        "status": "ok",
        "reason": None,
        "version": version_of(contender.spec),
        "info": contender.info,
        "samples": samples,
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        # The first repetition in a fresh process sees the allocator at its emptiest, so the largest
        # delta is the closest to the true peak; later ones may reuse memory freed earlier.
        "peak_rss_bytes": max(peaks) if peaks else None,
        "peak_resettable": all(reply["peak_resettable"] for reply in contender.replies),
        "metrics": metrics,
        "check": contender.replies[-1]["check"],
        "repeats": len(samples),
        "stopped_early": contender.stopped,
    }


def run_workload(workload, specs, repeats, params, log=lambda line: None, threads=None):
    """Measure `workload` on each engine of `specs`; returns {engine name: result dict}.

    `threads` caps the BLAS/OpenMP thread pools of every worker (None: each engine's default).
    """
    results, contenders = {}, []
    env = thread_env(threads) if threads else {}
    for spec in specs:
        started = _start(spec, workload, params, log, env)
        if isinstance(started, dict):
            log(f"  {workload.name}: {spec.name} {started['status']} ({started['reason']})")
            results[spec.name] = started
        else:
            contenders.append(started)
    if workload.max_repeats:
        repeats = min(repeats, workload.max_repeats)
    try:
        for round_number in range(repeats):
            active = [c for c in contenders if c.stopped is None]
            if not active:
                break
            shift = round_number % len(active)
            _one_round(active[shift:] + active[:shift], workload, log)
    finally:
        for contender in contenders:
            contender.worker.close()
    for contender in contenders:
        results[contender.spec.name] = _summary(contender, workload, params)
    results = {spec.name: results[spec.name] for spec in specs}
    _add_comparisons(results, workload.timed)
    return results


def _add_comparisons(results, timed):
    """Ratio of each median to torch's, and whether the gradient checksum agrees with torch's."""
    torch = results.get("torch", {})
    for result in results.values():
        if result["status"] != "ok":
            continue
        ok = torch.get("status") == "ok"
        ratio_ok = ok and timed and torch["median"] > 0
        result["ratio_to_torch"] = result["median"] / torch["median"] if ratio_ok else None
        result["check_matches_torch"] = _close(result["check"], torch["check"]) if ok else None


def _close(value, reference, tolerance=1e-3):
    return abs(value - reference) <= tolerance * max(abs(reference), 1e-12)
