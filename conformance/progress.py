"""The progress display of ``conformance run``.

On a terminal: one line, rewritten in place, with counts so far; failures are printed above it as
they happen. Otherwise (CI logs): failures as they happen and a status line every ``interval``
seconds, so a log shows the run is alive without printing a line per check.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter

from conformance.report.model import OUTCOMES

LOUD = ("fail", "error", "xpass")  # outcomes worth a line of their own as they happen
MAX_LOUD_LINES = 25  # past that, the report lists them; the log stays readable


# A difference line from conformance.observe.compare: "PATH: torch ..., backend ..." and its kin.
_DIFFERENCE = re.compile(r"^(?P<field>[^:]+?): (?P<rest>(torch|message should|torch raised|torch warned).*)$")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def headline(check, width: int = 110) -> str:
    """One line saying what went wrong: for a failure, every field that differs (never cut) and then
    as much of the first difference as fits; for an unexpected pass, that it passed and what to do."""
    if check.outcome == "xpass":
        reason = f" ({check.reason})" if check.reason else ""
        return f"passed, but the expectations file lists it as failing{reason}; delete its entry"
    lines = (check.message or "").splitlines()
    differences = [m for m in (_DIFFERENCE.match(line) for line in lines) if m]
    if not differences:
        return _shorten(lines[0] if lines else check.outcome, width)
    fields = list(dict.fromkeys(m["field"] for m in differences))
    head = f"{', '.join(fields)} differ{'s' if len(fields) == 1 else ''}: "
    rest, room = differences[0]["rest"], max(40, width - len(head))
    if rest.startswith("torch ") and ", backend " in rest:  # both sides, each shortened
        ours, theirs = rest.split(", backend ", 1)
        theirs = theirs.split(" (", 1)[0]  # assert_close's explanation is in the report
        return head + f"{_shorten(ours, room // 2)}, backend {_shorten(theirs, room // 2 - 9)}"
    return head + _shorten(rest, room)


class ProgressDisplay:
    def __init__(self, stream=None, interval: float = 10.0):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval = interval
        self.total = 0
        self.counts: Counter = Counter()
        self.started = self.last_line = time.monotonic()
        self.width = 0
        self.loud_lines = 0

    def status(self) -> str:
        done = sum(self.counts.values())
        parts = " ".join(f"{self.counts[o]} {o}" for o in OUTCOMES if self.counts[o])
        elapsed = time.monotonic() - self.started
        return f"[{done:>{len(str(self.total))}}/{self.total}] {parts or 'starting'} ({elapsed:.0f} s)"

    def _write_status(self):
        line = self.status()
        if self.tty:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self.last_line = time.monotonic()

    def _clear(self):
        if self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.width = 0

    def start(self, total: int):
        self.total = total
        self.started = time.monotonic()
        self._write_status()

    def result(self, check):
        self.counts[check.outcome] += 1
        if check.outcome in LOUD and self.loud_lines <= MAX_LOUD_LINES:
            self._clear()
            self.loud_lines += 1
            if self.loud_lines > MAX_LOUD_LINES:
                self.stream.write("... more failures: the reports list them all\n")
            else:
                self.stream.write(f"{check.outcome.upper():5} {check.id}: {headline(check)}\n")
        if self.tty or time.monotonic() - self.last_line >= self.interval:
            self._write_status()

    def tick(self):
        """Called about once a second: keeps the elapsed time moving while a slow check runs."""
        if time.monotonic() - self.last_line >= (1.0 if self.tty else self.interval):
            self._write_status()

    def finish(self):
        if not self.total:
            return
        self._write_status()
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
