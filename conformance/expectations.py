"""The expectations file: which checks a backend is known to fail (xfail) or cannot run (skip).

TOML, one table per entry; ``id`` is a check id (``RULE-ID::check``) or a whole rule id::

    [[xfail]]
    id = "ACCUM-001::two-backwards"
    reason = "minigrad overwrites .grad instead of accumulating"

    [[skip]]
    id = "HOOK-007"
    reason = "needs scipy, which this backend does not ship"

A listed check that fails is ``xfail``; one that passes is ``xpass``, which fails the gate unless
``--allow-xpass``: the file must say exactly what is broken, so fixing a bug means deleting its entry.
Unknown ids are an error (a renamed check must not silently drop its expectation).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

KINDS = ("xfail", "skip")


class ExpectationsError(Exception):
    """The file is unreadable, malformed or names unknown ids; the message is one line."""


@dataclass(frozen=True)
class Expectation:
    kind: str  # "xfail" or "skip"
    id: str
    reason: str


@dataclass
class Expectations:
    entries: list[Expectation]
    path: str | None = None

    @classmethod
    def empty(cls) -> Expectations:
        return cls([], None)

    @classmethod
    def load(cls, path: str) -> Expectations:
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except FileNotFoundError:
            raise ExpectationsError(
                f"expectations file {path} does not exist; check the --expect path"
            ) from None
        except OSError as e:
            raise ExpectationsError(f"cannot read expectations file {path}: {e.strerror}") from None
        except UnicodeDecodeError:
            raise ExpectationsError(f"expectations file {path} is not UTF-8 text; save it as UTF-8") from None
        except tomllib.TOMLDecodeError as e:
            raise ExpectationsError(f"expectations file {path} is not valid TOML: {e}") from None
        return cls(parse(data, path), path)

    def validate(self, rule_ids, check_ids) -> None:
        """Every entry must name a rule or a check of the catalog."""
        known = set(rule_ids) | set(check_ids)
        unknown = [e.id for e in self.entries if e.id not in known]
        if unknown:
            more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
            raise ExpectationsError(
                f"{self.path}: unknown id {unknown[0]!r}{more}; use ids from `conformance list` "
                "(a rule id or RULE-ID::check) or delete the entry"
            )

    def lookup(self, check_id: str) -> Expectation | None:
        """The entry for a check: its own, else its rule's."""
        rule_id = check_id.split("::", 1)[0]
        found = None
        for e in self.entries:
            if e.id == check_id:
                return e
            if e.id == rule_id:
                found = e
        return found


def parse(data: dict, path: str = "<expectations>") -> list[Expectation]:
    entries: list[Expectation] = []
    seen: set[str] = set()
    for key, tables in data.items():
        if key not in KINDS:
            raise ExpectationsError(
                f"{path}: unknown section {key!r}; only [[xfail]] and [[skip]] entries are allowed"
            )
        if not isinstance(tables, list):
            raise ExpectationsError(f"{path}: {key!r} must be written as [[{key}]] tables, one per entry")
        for n, table in enumerate(tables, 1):
            where = f"{path}: [[{key}]] entry {n}"
            if not isinstance(table, dict):
                raise ExpectationsError(
                    f"{where} is not a table; write [[{key}]] then id = ... and reason = ..."
                )
            extra = sorted(set(table) - {"id", "reason"})
            if extra:
                raise ExpectationsError(
                    f"{where} has unknown key {extra[0]!r}; only id and reason are allowed"
                )
            ident, reason = table.get("id"), table.get("reason")
            if not isinstance(ident, str) or not ident.strip():
                raise ExpectationsError(f'{where} needs id = "RULE-ID" or "RULE-ID::check"')
            if not isinstance(reason, str) or not reason.strip():
                raise ExpectationsError(f'{where} ({ident}) needs a non-empty reason = "..."')
            if ident in seen:
                raise ExpectationsError(f"{path}: {ident!r} is listed twice; keep one entry")
            seen.add(ident)
            entries.append(Expectation(key, ident.strip(), reason.strip()))
    return entries


def apply(outcome: str, expectation: Expectation | None) -> str:
    """The reported outcome of a check that ran with ``outcome`` ("pass"/"fail"/"error"/"skip")."""
    if expectation is None or expectation.kind != "xfail":
        return outcome
    return {"fail": "xfail", "pass": "xpass"}.get(outcome, outcome)
