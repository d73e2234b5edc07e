"""bench.md: the goals with their numbers, one table per workload, and the machine the run was on."""

from benchmarks.suite_speed import render_suite_speed

METRIC_LABELS = {
    "held_before_backward": "held before backward",
    "held_after_backward": "held after backward",
    "rss_at_probe": "RSS gained by step {probe:,}",
    "rss_at_end": "RSS gained by step {steps:,}",
}

METHOD = """\
Each engine runs in its own worker process (a fresh one per workload), which imports only that engine.
After an untimed warm-up, the harness asks the engines in turn for one timed repetition, round after
round, rotating who goes first, so load from other processes on this shared machine falls on all of them
alike. Times are medians over repetitions, with min-max; ratios are medians over torch's median in the
same run. Python's garbage collector stays on (users have it on); a full collection runs before each
repetition. Peak memory is the process's resident set (RSS, which sees torch's C++ allocations as well as
numpy's), its high-water mark reset before each repetition, minus the RSS just before it; the largest
over repetitions is shown. Memory workloads run with fixed malloc thresholds so freed arrays leave RSS at
once; "held" figures are RSS gained since the start of the repetition, after a garbage collection.
Gradients are checked against torch's (sum of |grad| over identical inputs, relative tolerance 1e-3).
"""


def _mib(value):
    return "-" if value is None else f"{value / 2**20:+.1f} MiB"


def _number(value):
    return f"{value:.4g}"


def _status_text(met):
    return {True: "**met**", False: "**not met**", None: "unknown"}[met]


def _notes(result):
    notes = []
    if result.get("check_matches_torch") is False:
        notes.append("gradients differ from torch's")
    if result.get("stopped_early"):
        notes.append(f"stopped after {result['repeats']} repetition(s): {result['stopped_early']}")
    info = {key: value for key, value in (result.get("info") or {}).items() if value is not None}
    notes.extend(f"{key} {value}" for key, value in info.items())
    return "; ".join(notes)


def _workload_table(entry):
    """engine, version, [median, min-max, ratio,] peak RSS, the workload's own memory figures, notes."""
    unit, params, timed = entry["unit"], entry["params"], entry.get("timed", True)
    metric_names = []
    for result in entry["results"].values():
        metric_names += [name for name in result.get("metrics", {}) if name not in metric_names]
    headers = ["engine", "version"]
    headers += [f"median ({unit})", "min-max", "ratio to torch"] if timed else []
    labels = [METRIC_LABELS.get(name, name).format(**params) for name in metric_names]
    headers += ["peak RSS", *labels, "notes"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for engine, result in entry["results"].items():
        if result["status"] != "ok":
            text = f"{result['status']} ({result['reason']})" if result["reason"] else result["status"]
            cells = [engine, result.get("version") or "-", text] + ["-"] * (len(headers) - 3)
        else:
            ratio = result.get("ratio_to_torch")
            cells = [engine, result.get("version") or "-"]
            if timed:
                cells += [
                    _number(result["median"]),
                    f"{_number(result['min'])}-{_number(result['max'])}",
                    "-" if ratio is None else f"{ratio:.2f}x",
                ]
            cells += [_mib(result.get("peak_rss_bytes"))]
            cells += [_mib(result["metrics"].get(name)) for name in metric_names] + [_notes(result)]
        lines.append("| " + " | ".join(str(cell).replace("|", "/") for cell in cells) + " |")
    return "\n".join(lines)


def _machine(report):
    facts = report["machine"]
    blas = facts["numpy_blas"]
    if isinstance(blas, list):
        blas = (
            "; ".join(
                f"{pool.get('internal_api')} {pool.get('version')} ({pool.get('architecture')}, "
                f"{pool.get('num_threads')} threads)"
                for pool in blas
            )
            or "none found"
        )
    env = ", ".join(f"{name}={value}" for name, value in facts["blas_env"].items() if value is not None)
    versions = ", ".join(f"{name} {version}" for name, version in facts["versions"].items() if version)
    load = facts.get("load_average")
    return "\n".join(
        [
            f"- CPUs: {facts['cpu_count']} ({facts['usable_cpus']} usable), {facts['cpu_model']}",
            f"- load average at the start: {', '.join(f'{x:.2f}' for x in load) if load else 'unknown'}",
            f"- platform: {facts['platform']}, Python {facts['python']}",
            f"- torch: {facts['versions'].get('torch') or 'not installed'}",
            f"- numpy BLAS (threadpoolctl): {blas}",
            f"- BLAS environment: {env or 'none set (OPENBLAS_CORETYPE unset)'}",
            f"- installed engines: {versions}",
        ]
    )


def render_markdown(report):
    mode = report["mode"]
    capped = report.get("threads")
    threads = f"BLAS and OpenMP threads capped at {capped}" if capped else "default threads"
    lines = [
        "# minigrad benchmarks",
        "",
        f"Run {report['created']}, {mode} sizes, up to {report['repeats']} repetitions, "
        f"engines: {', '.join(report['engines'])}; {threads}.",
    ]
    if mode == "quick":
        lines.append("Quick sizes are smaller than the goals assume; judge the goals on a full run.")
    lines += ["", "## Goals", "", "| goal | status | numbers |", "|---|---|---|"]
    lines += [f"| {g['goal']} | {_status_text(g['met'])} | {g['detail']} |" for g in report["goals"]]
    for name, entry in report["workloads"].items():
        lines += ["", f"## {name}: {entry['title']}", "", _workload_table(entry)]
    if report.get("suite_speed"):
        lines += ["", "## The conformance suite's own speed", "", render_suite_speed(report["suite_speed"])]
    if report.get("chart"):
        lines += ["", "## Ratios to torch", "", f"![median time relative to torch]({report['chart']})"]
    lines += ["", "## Machine", "", _machine(report), "", "## Method", "", METHOD]
    return "\n".join(lines)
