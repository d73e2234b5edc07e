"""A worker process (``python -m conformance.worker``): runs checks it is sent, one at a time.

It imports torch, the backend and the catalog once, then answers JSON lines on its stdin with JSON
lines on its original stdout. Everything else a body prints (Python or C level) goes to stderr,
which the runner keeps to explain crashes. Protocol:

    runner -> worker  {"backend": NAME, "catalog": [MODULE...] | null, "sys_path": [...],
                       "profile": P, "seed": S}
    worker -> runner  {"ready": {"rules": [...]}}   or   {"fatal": "one-line reason"}
    runner -> worker  {"run": CHECK_ID}
    worker -> runner  {"result": {"id": CHECK_ID, "outcome": ..., ...}}

The worker ignores SIGINT (the runner decides what happens on Ctrl-C) and exits when its stdin
closes or its parent dies.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time


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


def listing(checks) -> dict:
    rules: dict = {}
    for c in checks:
        entry = rules.setdefault(
            c.rule.id, {"id": c.rule.id, "area": c.rule.area, "title": c.rule.title, "checks": []}
        )
        entry["checks"].append(c.id)
    return {"rules": list(rules.values())}


def main() -> int:
    protocol = _claim_stdout()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_when_orphaned()

    def send(message: dict):
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    init = json.loads(sys.stdin.readline() or "{}")
    sys.path[:] = init.get("sys_path") or sys.path
    import warnings

    warnings.simplefilter("ignore")  # warnings outside obs.warns() are noise here

    from conformance.backends import BackendError, load_backend
    from conformance.execute import run_check
    from conformance.profiles import get_profile
    from conformance.runner import CatalogError, load_checks

    try:
        import torch

        torch.set_num_threads(1)  # tiny tensors; N workers must not fight over cores
        backend = load_backend(init["backend"]).engine
        checks = {c.id: c for c in load_checks(init.get("catalog"))}
        profile = get_profile(init["profile"])
    except (BackendError, CatalogError, ValueError, ImportError) as e:
        send({"fatal": str(e)})
        return 1
    send({"ready": listing(checks.values())})

    for line in sys.stdin:
        task = json.loads(line)
        check = checks[task["run"]]
        result = run_check(check, torch, backend, profile, init["seed"])
        send({"result": {"id": check.id, **result}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
