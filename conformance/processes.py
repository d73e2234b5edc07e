"""Processes a backend leaves behind: finding and ending a worker's descendants.

A backend may fork (a data loader, a compiler, a daemon) and leave the children running after the check
that started them ends, or after its worker is killed. The worker makes itself a *child subreaper*
(Linux's ``PR_SET_CHILD_SUBREAPER``), so a grandchild whose parent exits is re-parented to the worker
instead of to init: every process a check started stays a descendant of its worker, even one that
called ``setsid()``, until the worker itself dies. ``descendants`` walks ``/proc`` to find them.

Elsewhere (no ``/proc``, no ``prctl``) these helpers find nothing and the pool falls back to killing the
worker's process group, which ends the children that stayed in it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux); False where the system has no such notion."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process visible in /proc (empty without /proc)."""
    parents = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return parents
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:  # it ended while we looked
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1 and fields[0] != b"Z":  # a zombie has ended already
            parents[int(name)] = int(fields[1])
    return parents


def descendants(pid: int) -> list[int]:
    """Every live (not zombie) process below ``pid``: children, their children, ... (no recursion)."""
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, frontier = [], [pid]
    while frontier:
        below = children.get(frontier.pop(), [])
        found += below
        frontier += below
    return found


def _reap_children():
    """Collect the exit status of ended children, so none stays a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def end_descendants(pid: int | None = None, keep=frozenset(), rounds: int = 5) -> int:
    """SIGKILL every descendant of ``pid`` (default: this process) but those in ``keep``; returns how
    many were ended. A few rounds, because a process may fork again between the scan and the kill."""
    me = os.getpid() if pid is None else pid
    ended: set[int] = set()
    for _ in range(rounds):
        found = [p for p in descendants(me) if p not in keep]
        if not found:
            break
        for p in found:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(p, signal.SIGKILL)
            ended.add(p)
        if pid is None:
            _reap_children()
    if pid is None:
        _reap_children()
    return len(ended)


def kill_group(pgid: int):
    """SIGKILL a process group (a worker runs in its own); quiet if it is gone."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
