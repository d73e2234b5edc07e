"""One engine's measuring process: `python -m benchmarks.worker ADAPTER_MODULE`.

It imports only its own engine, then answers the parent's requests, one JSON object a line:
  {"op": "setup", "kind": ..., "params": {...}, "warmup": {...}}  build the workload and run it once untimed
  {"op": "run"}                                                   one timed repetition
Replies are JSON lines too: {"ok": true, ...} or {"ok": false, "reason": "..."}. The first line it writes,
unasked, says whether the engine imported. The protocol has the process's original stdout to itself: the
engine's own prints are sent to stderr.
"""

import gc
import importlib
import json
import os
import sys
import time

import numpy as np

from benchmarks import memory
from benchmarks.engines.base import NotApplicable


def describe(error):
    """A one-line reason, the exception type first (e.g. "AttributeError: ... has no attribute 'relu'")."""
    lines = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def checksum(adapter, grads):
    """Sum of |gradient| entries, in float64: equal inputs must give (nearly) equal sums on every engine."""
    return sum(float(np.abs(np.asarray(adapter.to_numpy(g), dtype=np.float64)).sum()) for g in grads)


def measure(adapter, run):
    gc.collect()
    base = memory.rss_bytes()
    peak_resettable = memory.reset_peak()
    start = time.perf_counter()
    outcome = run()
    seconds = time.perf_counter() - start
    peak = memory.peak_bytes()
    grads = outcome.pop("grads", [])
    return {
        "ok": True,
        "seconds": seconds,
        "peak_rss_delta": None if peak is None or base is None else peak - base,
        "peak_resettable": peak_resettable,
        "check": checksum(adapter, grads),
        "metrics": outcome,
    }


class Session:
    def __init__(self, adapter):
        self.adapter = adapter
        self.run = None

    def handle(self, request):
        if request["op"] == "setup":
            builder = getattr(self.adapter, request["kind"], None)
            if builder is None:
                raise NotApplicable(f"no {request['kind']} workload for this engine")
            measure(self.adapter, builder(request["warmup"]))
            self.run = builder(request["params"])
            return {"ok": True}
        if request["op"] == "run":
            return measure(self.adapter, self.run)
        raise ValueError(f"unknown request {request['op']!r}")


def main(adapter_module):
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)

    def send(message):
        channel.write(json.dumps(message) + "\n")

    try:
        adapter = importlib.import_module(adapter_module).ADAPTER
        send({"ok": True, "info": adapter.info()})
    except Exception as error:
        missing = isinstance(error, ModuleNotFoundError)
        send({"ok": False, "reason": describe(error), "not_installed": missing})
        return 0
    session = Session(adapter)
    for line in sys.stdin:
        try:
            reply = session.handle(json.loads(line))
        except NotApplicable as error:
            reply = {"ok": False, "reason": str(error)}
        except Exception as error:  # an engine missing a feature is a result, not a harness crash
            reply = {"ok": False, "reason": describe(error)}
        send(reply)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
