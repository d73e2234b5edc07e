"""The issue's performance goals for minigrad, each judged met / not met from one run's results.

A goal whose numbers are missing (workload not run, torch absent) is "unknown" (met is None); one that
minigrad cannot run yet is "not met", with the reason.
"""

from benchmarks.engines import PEERS

TINY_VS_TORCH = 0.5
MLP_VS_TORCH = 1.0
MLP_VS_NUMPY = 1.2
CHAIN_VS_TORCH = 1.5
CHAIN_GROWTH = 12.0
CHAIN_MEMORY_VS_TORCH = 2.0


def _goal(text, met, detail):
    return {"goal": text, "met": met, "detail": detail}


def _results(report, workload):
    return report["workloads"].get(workload, {}).get("results")


def _fmt(result, unit):
    return f"{result['median']:.4g} {unit}"


def _missing(results, *engines):
    """(why the goal cannot be judged, whether minigrad failing is why), or None when all have numbers."""
    if results is None:
        return "workload not run", False
    for engine in engines:
        result = results.get(engine)
        if result is None:
            return f"{engine} not run", False
        if result["status"] != "ok":
            return f"{engine} {result['status']} ({result['reason']})", engine == "minigrad"
    return None


def _unjudged(text, missing):
    reason, minigrad_failed = missing
    return _goal(text, False if minigrad_failed else None, reason)


def _judge(text, results, engines, judge):
    missing = _missing(results, *engines)
    return judge() if missing is None else _unjudged(text, missing)


def tiny_goal(report):
    text = f"tiny graph <= {TINY_VS_TORCH}x torch and faster than every peer"
    results = _results(report, "tiny")
    unit = report["workloads"].get("tiny", {}).get("unit", "")

    def judge():
        mine, torch = results["minigrad"], results["torch"]
        peers = {name: results[name] for name in PEERS if results.get(name, {}).get("status") == "ok"}
        slower_peers = [name for name, peer in peers.items() if peer["median"] <= mine["median"]]
        met = mine["ratio_to_torch"] <= TINY_VS_TORCH and not slower_peers
        peer_text = ", ".join(f"{name} {_fmt(peer, unit)}" for name, peer in peers.items()) or "no peer ran"
        detail = (
            f"minigrad {_fmt(mine, unit)} = {mine['ratio_to_torch']:.2f}x torch ({_fmt(torch, unit)}); "
            f"peers: {peer_text}" + (f"; not faster than {', '.join(slower_peers)}" if slower_peers else "")
        )
        return _goal(text, met, detail)

    return _judge(text, results, ("minigrad", "torch"), judge)


def mlp_goal(report):
    text = f"MLP step <= {MLP_VS_TORCH}x torch and <= {MLP_VS_NUMPY}x numpy by hand"
    results = _results(report, "mlp")
    unit = report["workloads"].get("mlp", {}).get("unit", "")

    def judge():
        mine, torch, numpy = results["minigrad"], results["torch"], results["numpy"]
        vs_numpy = mine["median"] / numpy["median"]
        met = mine["ratio_to_torch"] <= MLP_VS_TORCH and vs_numpy <= MLP_VS_NUMPY
        detail = (
            f"minigrad {_fmt(mine, unit)} = {mine['ratio_to_torch']:.2f}x torch ({_fmt(torch, unit)}), "
            f"{vs_numpy:.2f}x numpy by hand ({_fmt(numpy, unit)})"
        )
        return _goal(text, met, detail)

    return _judge(text, results, ("minigrad", "torch", "numpy"), judge)


def chain_goal(report):
    text = f"chain (1e5 nodes) <= {CHAIN_VS_TORCH}x torch"
    results = _results(report, "chain")

    def judge():
        mine, torch = results["minigrad"], results["torch"]
        detail = f"minigrad {_fmt(mine, 'ms')} = {mine['ratio_to_torch']:.2f}x torch ({_fmt(torch, 'ms')})"
        return _goal(text, mine["ratio_to_torch"] <= CHAIN_VS_TORCH, detail)

    return _judge(text, results, ("minigrad", "torch"), judge)


def chain_growth_goal(report):
    text = f"chain of 1e6 nodes completes, time(1e6) / time(1e5) <= {CHAIN_GROWTH:g}"
    small, big = _results(report, "chain"), _results(report, "chain_big")
    missing = _missing(small, "minigrad") or _missing(big, "minigrad")
    if missing is not None:
        return _unjudged(text, missing)
    small_nodes = report["workloads"]["chain"]["params"]["nodes"]
    big_nodes = report["workloads"]["chain_big"]["params"]["nodes"]
    growth = big["minigrad"]["median"] / small["minigrad"]["median"]
    detail = (
        f"minigrad {big['minigrad']['median']:.4g} ms for {big_nodes:,} nodes / "
        f"{small['minigrad']['median']:.4g} ms for {small_nodes:,} = {growth:.2f} "
        f"(node ratio {big_nodes / small_nodes:g})"
    )
    if "torch" in small and "torch" in big and small["torch"]["status"] == big["torch"]["status"] == "ok":
        detail += f"; torch {big['torch']['median'] / small['torch']['median']:.2f}"
    return _goal(text, growth <= CHAIN_GROWTH, detail)


def chain_memory_goal(report):
    text = f"chain of 1e6 nodes: peak memory <= {CHAIN_MEMORY_VS_TORCH:g}x torch's"
    results = _results(report, "chain_big")

    def judge():
        mine, torch = results["minigrad"]["peak_rss_bytes"], results["torch"]["peak_rss_bytes"]
        if mine is None or torch is None or torch <= 0:
            return _goal(text, None, "peak RSS not measurable on this system")
        ratio = mine / torch
        detail = f"minigrad peak +{mine / 2**20:.1f} MiB = {ratio:.2f}x torch (+{torch / 2**20:.1f} MiB)"
        return _goal(text, ratio <= CHAIN_MEMORY_VS_TORCH, detail)

    return _judge(text, results, ("minigrad", "torch"), judge)


def evaluate_goals(report):
    return [goal(report) for goal in (tiny_goal, mlp_goal, chain_goal, chain_growth_goal, chain_memory_goal)]
