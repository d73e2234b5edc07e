"""Merging the results of shards (``--shard I/N``) into the result of one run."""

from __future__ import annotations

from conformance.report.model import SuiteResult


class MergeError(Exception):
    """The results cannot be merged; the message is one line."""


def merge(results: list[SuiteResult]) -> SuiteResult:
    if not results:
        raise MergeError("nothing to merge; pass the report directories of the shards")
    first = results[0].meta
    for r in results[1:]:
        for key in ("backend", "profile", "torch_version"):
            if r.meta.get(key) != first.get(key):
                raise MergeError(
                    f"cannot merge results with different {key}: {first.get(key)!r} and {r.meta.get(key)!r}"
                )
    checks: dict = {}
    rules: dict = {}
    for r in results:
        rules.update(r.rules)
        for c in r.checks:
            if c.id in checks:
                raise MergeError(
                    f"check {c.id} appears in more than one of the merged results; merge each shard once"
                )
            checks[c.id] = c
    _check_shards_complete([r.meta.get("shard") for r in results])
    meta = dict(first)
    meta["started"] = min(str(r.meta.get("started", "")) for r in results)
    meta["finished"] = max(str(r.meta.get("finished", "")) for r in results)
    meta["interrupted"] = any(r.meta.get("interrupted") for r in results)
    meta["allow_xpass"] = all(r.meta.get("allow_xpass") for r in results)
    meta["shard"] = None
    if all(isinstance(r.meta.get("selected"), int) for r in results):
        meta["selected"] = sum(r.meta["selected"] for r in results)
    meta["merged_from"] = [r.meta.get("shard") for r in results]
    return SuiteResult(checks=sorted(checks.values(), key=lambda c: c.id), meta=meta, rules=rules)


def _check_shards_complete(shards: list) -> None:
    """Shards of one --shard I/N run must all be there: merging 1/2 alone would gate on half the checks."""
    if any(s is None for s in shards):
        return
    counts = {s.split("/")[1] for s in shards}
    if len(counts) != 1:
        raise MergeError(f"cannot merge shards of different splits: {', '.join(sorted(set(shards)))}")
    n = int(counts.pop())
    missing = [f"{i}/{n}" for i in range(1, n + 1) if f"{i}/{n}" not in shards]
    if missing:
        raise MergeError(
            f"shard {', '.join(missing)} is missing; merge the report directories of all {n} shards"
        )
