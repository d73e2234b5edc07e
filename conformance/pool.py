"""A pool of long-lived worker processes (``conformance.worker``) and the loop that feeds them.

Each worker is a fresh interpreter (no fork: torch and fork do not mix), so importing torch and the
backend happens once per worker. The runner hands one check at a time to each idle worker and
watches three things: results, workers that die (segfault, ``os._exit``) and checks that run past
their timeout. A dead or hung worker's check becomes an ``error`` with a clear message, the worker is
replaced and the run goes on.
"""

from __future__ import annotations

import collections
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time


class PoolError(Exception):
    """The workers cannot start (e.g. the catalog does not import); the message is one line."""


def describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


class Worker:
    def __init__(self, init: dict):
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "conformance.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
        )
        self.buffer = b""
        self.listing: dict | None = None  # set when the worker says it is ready
        self.task: str | None = None
        self.task_started = 0.0
        self.spawned = time.monotonic()
        self.send(init)

    def send(self, message: dict) -> bool:
        try:
            self.proc.stdin.write((json.dumps(message) + "\n").encode())
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, OSError):
            return False  # it died; its stdout reaches EOF and the loop notices

    def receive(self) -> list[dict] | None:
        """The complete messages available now; None when the worker has closed its output."""
        chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
        if not chunk:
            return None
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [json.loads(line) for line in lines if line.strip()]

    def stderr_tail(self, lines: int = 12) -> str:
        try:
            self.stderr.seek(0)
            text = self.stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])

    def exit_status(self) -> str:
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return describe_exit(self.proc.returncode)

    def close(self, kill: bool = False):
        if self.proc.poll() is None:
            if not kill:
                try:
                    self.proc.stdin.close()
                    self.proc.wait(timeout=3)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.stderr):
            try:
                stream.close()
            except OSError:
                pass


def _error(check_id: str, message: str, duration: float) -> dict:
    return {
        "id": check_id,
        "outcome": "error",
        "message": message,
        "examples": 0,
        "duration": round(duration, 4),
        "kwargs": None,
        "reproducer": None,
    }


class Pool:
    """``stop``, when set, ends ``listing``/``run`` with KeyboardInterrupt within ``POLL`` seconds
    (signal handlers set it rather than raise: see ``conformance.cli``)."""

    POLL = 0.2

    def __init__(self, size: int, init: dict, startup_timeout: float = 300.0, stop=None):
        self.init = init
        self.startup_timeout = startup_timeout
        self.stop = stop or threading.Event()
        self.selector = selectors.DefaultSelector()
        self.workers: list[Worker] = []
        try:
            for _ in range(max(1, size)):
                self._spawn()
        except BaseException:  # interrupted half-way: leave no worker behind
            self.close(kill=True)
            raise

    def _check_stop(self):
        if self.stop.is_set():
            raise KeyboardInterrupt

    def _spawn(self) -> Worker:
        worker = Worker(self.init)
        self.workers.append(worker)
        self.selector.register(worker.proc.stdout, selectors.EVENT_READ, worker)
        return worker

    def _retire(self, worker: Worker, kill: bool = False):
        self.selector.unregister(worker.proc.stdout)
        self.workers.remove(worker)
        worker.close(kill=kill)

    def _startup_failure(self, worker: Worker, what: str) -> PoolError:
        tail = worker.stderr_tail(1)
        return PoolError(
            f"a worker {what} while starting ({worker.exit_status()}){': ' + tail if tail else ''}"
        )

    def _handle(self, worker: Worker, on_result) -> bool:
        """Read what ``worker`` sent; False when it has died."""
        messages = worker.receive()
        if messages is None:
            return False
        for message in messages:
            if "fatal" in message:
                raise PoolError(message["fatal"])
            if "ready" in message:
                worker.listing = message["ready"]
            elif "result" in message:
                worker.task = None
                on_result(message["result"])
        return True

    def _check_startup(self, now: float):
        for worker in self.workers:
            if worker.listing is None and now - worker.spawned > self.startup_timeout:
                raise PoolError(
                    f"a worker did not start within {self.startup_timeout:g} s (importing torch/backend)"
                )

    def listing(self) -> dict:
        """Wait for the first worker to be ready; its catalog listing (every worker loads the same)."""
        while True:
            for worker in self.workers:
                if worker.listing is not None:
                    return worker.listing
            for key, _ in self.selector.select(timeout=self.POLL):
                worker = key.data
                if not self._handle(worker, on_result=lambda r: None):
                    raise self._startup_failure(worker, "died")
            self._check_startup(time.monotonic())
            self._check_stop()

    def keep(self, n: int):
        """Stop workers beyond the first ``n`` (fewer checks than workers)."""
        for worker in self.workers[max(1, n) :]:
            self._retire(worker, kill=True)  # it has run nothing: no need to wait for it

    def run(self, check_ids, timeout: float, on_result, on_tick=lambda: None):
        """Run every check once; calls ``on_result(dict)`` per check and ``on_tick()`` often."""
        pending = collections.deque(check_ids)
        while pending or any(w.task for w in self.workers):
            self._check_stop()
            for worker in self.workers:
                if worker.listing is not None and worker.task is None and pending:
                    worker.task, worker.task_started = pending.popleft(), time.monotonic()
                    worker.send({"run": worker.task})
            now = time.monotonic()
            deadlines = [w.task_started + timeout - now for w in self.workers if w.task]
            wait = max(0.0, min([self.POLL, *deadlines]))
            for key, _ in self.selector.select(timeout=wait):
                worker = key.data
                if not self._handle(worker, on_result):
                    self._died(worker, on_result, replace=bool(pending))
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.task and now - worker.task_started > timeout:
                    task, started = worker.task, worker.task_started
                    self._retire(worker, kill=True)
                    on_result(
                        _error(
                            task,
                            f"timed out after {timeout:g} s: the check hung or was too slow "
                            "(the worker was killed and replaced; raise --timeout if it is just slow)",
                            now - started,
                        )
                    )
                    if pending:
                        self._spawn()
            self._check_startup(now)
            on_tick()

    def _died(self, worker: Worker, on_result, replace: bool):
        if worker.listing is None:
            raise self._startup_failure(worker, "died")
        task, started = worker.task, worker.task_started
        status = worker.exit_status()
        tail = worker.stderr_tail()
        self._retire(worker)
        if task is None:
            raise PoolError(
                f"a worker died while idle ({status}){': ' + tail.splitlines()[-1] if tail else ''}"
            )
        message = f"the worker process died while running this check ({status})"
        if tail:
            message += ":\n" + tail
        on_result(_error(task, message, time.monotonic() - started))
        if replace:
            self._spawn()

    def close(self, kill: bool = False):
        for worker in list(self.workers):
            self._retire(worker, kill=kill)
        self.selector.close()
