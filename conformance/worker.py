"""A worker process (``python -m conformance.worker``): runs checks it is sent, one at a time.

It imports torch, the backend and the catalog once, then answers JSON lines on its stdin with JSON
lines on its original stdout. Everything else a body prints (Python or C level) goes to stderr,
which the runner reads (keeping a bounded tail) to explain crashes. Protocol:

    runner -> worker  {"backend": NAME, "catalog": [MODULE...] | null, "sys_path": [...],
                       "profile": P, "seed": S}
    worker -> runner  {"stage": "importing the backend NAME"}   (before each start-up step)
    worker -> runner  {"ready": {"rules": [...], "backend": {"name", "version", "origin"}}}
                      or {"fatal": "one-line reason"}
    runner -> worker  {"run": CHECK_ID}
    worker -> runner  {"result": {"id": CHECK_ID, "outcome": ..., ...}}

The backend is imported here, never in the runner: a backend that calls ``sys.exit``/``os._exit``,
segfaults or hangs while importing takes only this process with it, and the runner reports why.

The worker ignores SIGINT (the runner decides what happens on Ctrl-C), runs in its own process group,
adopts the processes a check leaves behind and ends them when the check ends (``conformance.processes``),
and exits when its stdin closes or its parent dies.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time

# What a result may carry at most (characters): a backend's exception message or a difference can be
# arbitrarily long, and every report keeps it.
MAX_MESSAGE = 20_000


def _claim_stdout():
    """Keep the real stdout for the protocol; send fd 1 (and sys.stdout) to stderr."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return protocol


def _exit_when_orphaned():
    """A hung check cannot read EOF on stdin: watch the parent instead, and leave with it."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def describe(error: BaseException) -> str:
    """``Type: first line of the message``, even when the exception's own ``__str__`` raises."""
    try:
        text = str(error)
    except BaseException as inner:  # a backend's exception class may be broken in any way
        text = f"<its str() raised {type(inner).__name__}>"
    first = next((line for line in text.splitlines() if line.strip()), "")
    return f"{type(error).__name__}: {first}".rstrip(": ")[:1000]


def cap(text: str, limit: int = MAX_MESSAGE) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n[... {len(text) - limit} more characters cut]"


def listing(checks) -> dict:
    rules: dict = {}
    for c in checks:
        entry = rules.setdefault(
            c.rule.id, {"id": c.rule.id, "area": c.rule.area, "title": c.rule.title, "checks": []}
        )
        entry["checks"].append(c.id)
    return {"rules": list(rules.values())}


def _start(init: dict, send):
    """Import torch, the backend and the catalog; returns (torch, backend, checks, profile, info)."""
    from conformance.profiles import get_profile

    send({"stage": "importing torch"})
    try:
        import torch
    except ImportError as e:
        raise _Fatal(
            f"torch is not installed ({describe(e)}); install the suite with "
            "pip install 'minigrad-conformance[suite]'"
        ) from None
    torch.set_num_threads(1)  # tiny tensors; N workers must not fight over cores

    from conformance.backends import BackendError, load_backend
    from conformance.runner import CatalogError, load_checks

    name = init["backend"]
    send({"stage": f"importing the backend {name!r}"})
    try:
        backend = load_backend(name)
    except BackendError as e:
        raise _Fatal(str(e)) from None
    except SystemExit as e:
        raise _Fatal(f"backend {name!r} called sys.exit({e.code!r}) while being imported") from None
    except BaseException as e:
        raise _Fatal(f"backend {name!r} failed to load: {describe(e)}") from None
    send({"stage": "loading the rule catalog"})
    try:
        checks = {c.id: c for c in load_checks(init.get("catalog"))}
    except CatalogError as e:
        raise _Fatal(str(e)) from None
    info = {"name": name, "version": backend.version, "origin": backend.origin}
    return torch, backend.engine, checks, get_profile(init["profile"]), info


class _Fatal(Exception):
    """The worker cannot start; the message is one line for the user."""


def _run(check, torch, backend, profile, seed, keep=frozenset()) -> dict:
    from conformance.execute import run_check
    from conformance.processes import end_descendants

    try:
        result = run_check(check, torch, backend, profile, seed)
    except SystemExit as e:  # raised by the backend outside anything the check could observe
        result = {"outcome": "error", "message": f"the backend called sys.exit({e.code!r}) during the check"}
    except BaseException as e:
        result = {"outcome": "error", "message": f"the check could not be run: {describe(e)}"}
    result["message"] = cap(result.get("message") or "")
    ended = end_descendants(keep=keep)
    if ended:
        result["message"] = (
            result["message"] + f"\n(the check left {ended} process{'es' if ended > 1 else ''} running;"
            " the suite ended them)"
        ).lstrip("\n")
        result["orphans"] = ended
    return result


def main() -> int:
    protocol = _claim_stdout()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_when_orphaned()
    from conformance.processes import become_subreaper

    become_subreaper()

    def send(message: dict):
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    init = json.loads(sys.stdin.readline() or "{}")
    sys.path[:] = init.get("sys_path") or sys.path
    import warnings

    warnings.simplefilter("ignore")  # warnings outside obs.warns() are noise here
    try:
        torch, backend, checks, profile, info = _start(init, send)
    except _Fatal as e:
        send({"fatal": str(e)})
        return 1
    except BaseException as e:
        send({"fatal": f"the worker could not start: {describe(e)}"})
        return 1
    send({"ready": {**listing(checks.values()), "backend": info}})
    # Processes the backend started while importing (a compiler server, say) serve every check; those a
    # check starts are ended when it ends.
    from conformance.processes import descendants

    at_import = frozenset(descendants(os.getpid()))

    for line in sys.stdin:
        task = json.loads(line)
        check = checks[task["run"]]
        send({"result": {"id": check.id, **_run(check, torch, backend, profile, init["seed"], at_import)}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
