"""Merging the results of shards (``--shard I/N``) into the result of one run.

Shards belong together only when they are slices of one run: the same backend (name and version),
torch, suite, profile, seed, rule selection, catalog and expectations, and every shard of one split
present once. Anything else is refused with one line saying which setting differs.
"""

from __future__ import annotations

from conformance.report.model import SuiteResult


class MergeError(Exception):
    """The results cannot be merged; the message is one line."""


# The settings every shard of one run shares: (meta key, how the message names it).
SAME = (
    ("backend", "backends"),
    ("torch_version", "torch versions"),
    ("suite_version", "suite versions"),
    ("profile", "profiles"),
    ("seed", "seeds"),
    ("rules", "rule selections (--rules)"),
    ("catalog", "catalogs"),
    ("expectations", "expectations files"),
    ("matched", "numbers of selected checks"),
)


def merge(results: list[SuiteResult], names: list[str] | None = None) -> SuiteResult:
    """One result from the shards' results; ``names`` (their directories) make messages clearer."""
    if not results:
        raise MergeError("nothing to merge; pass the report directories of the shards")
    names = names or [f"result {i + 1}" for i in range(len(results))]
    first = results[0].meta
    for r, name in zip(results[1:], names[1:]):
        for key, what in SAME:
            if _setting(r.meta, key) != _setting(first, key):
                hint = "; give every shard the same --seed" if key == "seed" else ""
                raise MergeError(
                    f"cannot merge results of different {what}: {_setting(first, key)!r} in {names[0]}, "
                    f"{_setting(r.meta, key)!r} in {name}{hint}"
                )
    for r, name in zip(results, names):
        if not r.checks and not r.meta.get("interrupted"):
            raise MergeError(f"{name} ran 0 checks; it is not a shard of a run that judged anything")
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
        matched = first.get("matched")
        if isinstance(matched, int) and meta["selected"] != matched and not meta["interrupted"]:
            raise MergeError(
                f"the shards selected {meta['selected']} checks between them, but their run matched "
                f"{matched}; merge the shards of one run"
            )
    meta["merged_from"] = [r.meta.get("shard") for r in results]
    return SuiteResult(checks=sorted(checks.values(), key=lambda c: c.id), meta=meta, rules=rules)


def _setting(meta: dict, key: str):
    value = meta.get(key)
    if key == "backend" and isinstance(value, dict):  # where it was installed may differ between machines
        return {"name": value.get("name"), "version": value.get("version")}
    return value


def _check_shards_complete(shards: list) -> None:
    """Shards of one --shard I/N run must all be there: merging 1/2 alone would gate on half the checks."""
    if all(s is None for s in shards):
        if len(shards) > 1:
            raise MergeError("these results are not shards (no --shard); there is nothing to merge")
        return
    if any(s is None for s in shards):
        raise MergeError("cannot merge a whole run with shards; merge the shards of one --shard I/N run")
    try:
        split = {int(str(s).split("/")[1]) for s in shards}
    except (ValueError, IndexError):
        raise MergeError(
            f"unreadable shard in {shards!r}; merge results written by `conformance run`"
        ) from None
    if len(split) != 1:
        raise MergeError(f"cannot merge shards of different splits: {', '.join(sorted(map(str, shards)))}")
    n = split.pop()
    if len(shards) != len(set(shards)):
        raise MergeError("a shard appears twice; merge each shard once")
    missing = [f"{i}/{n}" for i in range(1, n + 1) if f"{i}/{n}" not in shards]
    if missing:
        raise MergeError(
            f"shard {', '.join(missing)} is missing; merge the report directories of all {n} shards"
        )
