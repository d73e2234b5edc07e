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
    meta = dict(first)
    meta["started"] = min(str(r.meta.get("started", "")) for r in results)
    meta["finished"] = max(str(r.meta.get("finished", "")) for r in results)
    meta["interrupted"] = any(r.meta.get("interrupted") for r in results)
    meta["allow_xpass"] = all(r.meta.get("allow_xpass") for r in results)
    meta["shard"] = None
    meta["merged_from"] = [r.meta.get("shard") for r in results]
    return SuiteResult(checks=sorted(checks.values(), key=lambda c: c.id), meta=meta, rules=rules)
