"""A pool of long-lived worker processes (``conformance.worker``) and the loop that feeds them.

Each worker is a fresh interpreter (no fork: torch and fork do not mix) in its own process group, so
importing torch and the backend happens once per worker and never in the runner. The runner hands one
check at a time to each idle worker and watches four things: results, workers that die (segfault,
``os._exit``), checks that run past their timeout, and what workers print (read continuously and kept
as a bounded tail, so a backend that floods its output costs neither memory nor disk). A dead or hung
worker's check becomes an ``error`` with a clear message, the worker and every process it started are
killed, a new worker takes its place and the run goes on.
"""

from __future__ import annotations

import collections
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time

from conformance.processes import descendants, kill_group

# How much of a worker's output (stdout/stderr of the backend and the checks) is kept: its tail.
OUTPUT_TAIL_BYTES = 64 * 1024
# The least time Python, torch and the catalog get to start in a worker (whatever --import-timeout).
SUITE_STARTUP = 300.0
# A protocol line longer than this is not the worker speaking: the worker is treated as broken.
MAX_LINE_BYTES = 64 * 1024 * 1024


class PoolError(Exception):
    """The workers cannot start (e.g. the backend does not import); the message is one line."""


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
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "conformance.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: killed as a whole, deaf to the terminal's ^C
        )
        self.buffer = b""
        self.tail = bytearray()  # the last OUTPUT_TAIL_BYTES it printed
        self.listing: dict | None = None  # set when the worker says it is ready
        self.stage = "starting Python"
        self.stage_started = time.monotonic()
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
        """The complete messages available now; None when the worker has closed its output or sent
        something that is not the protocol (then it is treated as dead)."""
        chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
        if not chunk:
            return None
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        if len(self.buffer) > MAX_LINE_BYTES:
            return None
        messages = []
        for line in lines:
            if not line.strip():
                continue
            try:
                message = json.loads(line)
            except ValueError:
                return None
            if not isinstance(message, dict):
                return None
            messages.append(message)
        return messages

    def read_output(self) -> bool:
        """Read what the worker printed, keeping the tail; False at end of output."""
        chunk = os.read(self.proc.stderr.fileno(), 1 << 16)
        if not chunk:
            return False
        self.tail += chunk
        del self.tail[:-OUTPUT_TAIL_BYTES]
        return True

    def output_tail(self, lines: int = 12, width: int = 300) -> str:
        """The last ``lines`` lines it printed, each cut to ``width`` characters."""
        text = bytes(self.tail).decode("utf-8", "replace").rstrip()
        kept = text.splitlines()[-lines:]
        return "\n".join(line if len(line) <= width else line[:width] + " [...]" for line in kept)

    def exit_status(self) -> str:
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
        return describe_exit(self.proc.returncode)

    def kill(self):
        """SIGKILL the worker, its process group and every process below it."""
        below = descendants(self.proc.pid)  # before the kill: afterwards they belong to init
        kill_group(self.proc.pid)
        for pid in below:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.proc.wait()

    def close(self, kill: bool = False):
        if self.proc.poll() is None:
            if not kill:
                try:
                    self.proc.stdin.close()
                    self.proc.wait(timeout=3)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            if self.proc.poll() is None:
                self.kill()
        # Processes left in its group (pid allocation is cyclic: the id is not reused this soon).
        kill_group(self.proc.pid)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
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
    (signal handlers set it rather than raise: see ``conformance.cli``).

    ``startup_timeout`` bounds a worker's start (Python, torch, the backend's import, the catalog)."""

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
        self.selector.register(worker.proc.stdout, selectors.EVENT_READ, (worker, "protocol"))
        self.selector.register(worker.proc.stderr, selectors.EVENT_READ, (worker, "output"))
        return worker

    def _retire(self, worker: Worker, kill: bool = False):
        for stream in (worker.proc.stdout, worker.proc.stderr):
            try:
                self.selector.unregister(stream)
            except (KeyError, ValueError):
                pass
        self.workers.remove(worker)
        worker.close(kill=kill)

    def _startup_failure(self, worker: Worker, what: str) -> PoolError:
        status = worker.exit_status()
        tail = worker.output_tail(1, 200)
        return PoolError(
            f"a worker {what} while {worker.stage} ({status}){': ' + tail if tail else ''}"
            "; nothing was judged"
        )

    def _handle(self, worker: Worker, on_result) -> bool:
        """Read what ``worker`` sent; False when it has died."""
        messages = worker.receive()
        if messages is None:
            return False
        for message in messages:
            if "fatal" in message:
                raise PoolError(str(message["fatal"]))
            if "stage" in message:
                worker.stage, worker.stage_started = str(message["stage"]), time.monotonic()
            elif "ready" in message:
                worker.listing = message["ready"]
            elif "result" in message:
                worker.task = None
                on_result(message["result"])
        return True

    def _events(self, timeout: float):
        """(worker, alive) for each worker whose protocol has news; output is read on the way."""
        for key, _ in self.selector.select(timeout=timeout):
            worker, which = key.data
            if worker not in self.workers:
                continue
            if which == "output":
                if not worker.read_output():
                    self.selector.unregister(key.fileobj)
                continue
            yield worker

    def _check_startup(self, now: float):
        """``startup_timeout`` bounds the backend's import; Python, torch and the catalog get at least
        SUITE_STARTUP seconds, so a short limit for a backend does not fail a slow machine's torch."""
        for worker in self.workers:
            if worker.listing is not None:
                continue
            backend_stage = worker.stage.startswith("importing the backend")
            limit = self.startup_timeout if backend_stage else max(self.startup_timeout, SUITE_STARTUP)
            if now - worker.stage_started > limit:
                stage = worker.stage
                self._retire(worker, kill=True)
                raise PoolError(
                    f"a worker was still {stage} after {limit:g} s and was killed; nothing was judged"
                    + (" (raise --import-timeout if the import is just slow)" if backend_stage else "")
                )

    def listing(self) -> dict:
        """Wait for the first worker to be ready; its catalog listing (every worker loads the same)."""
        while True:
            for worker in self.workers:
                if worker.listing is not None:
                    return worker.listing
            for worker in self._events(self.POLL):
                if not self._handle(worker, on_result=lambda r: None):
                    raise self._startup_failure(worker, "died")
            for worker in self.workers:
                if worker.listing is None and worker.proc.poll() is not None:
                    # dead, though a process it forked may hold its output open
                    self._handle_rest(worker)
                    if worker.listing is None:
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
            for worker in list(self._events(wait)):
                if worker in self.workers and not self._handle(worker, on_result):
                    self._died(worker, on_result, replace=bool(pending))
            for worker in list(self.workers):
                if worker.proc.poll() is not None:  # a process it forked may hold its output open
                    self._handle_rest(worker, on_result)
                    self._died(worker, on_result, replace=bool(pending))
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.task and now - worker.task_started > timeout:
                    task, started = worker.task, worker.task_started
                    self._retire(worker, kill=True)
                    on_result(
                        _error(
                            task,
                            f"timed out after {timeout:g} s: the check hung or was too slow (its worker "
                            "and every process it started were killed and the worker replaced; raise "
                            "--timeout if it is just slow)",
                            now - started,
                        )
                    )
                    if pending:
                        self._spawn()
            self._check_startup(now)
            if not self.workers and pending:
                self._spawn()
            on_tick()

    def _died(self, worker: Worker, on_result, replace: bool):
        if worker.listing is None:
            raise self._startup_failure(worker, "died")
        task, started = worker.task, worker.task_started
        status = worker.exit_status()
        self._drain(worker)
        tail = worker.output_tail()
        self._retire(worker, kill=True)
        if task is None:  # it died between checks (a thread a check left behind, say): replace it
            if replace:
                self._spawn()
            return
        message = f"the worker process died while running this check ({status})"
        if tail:
            message += ":\n" + tail
        on_result(_error(task, message, time.monotonic() - started))
        if replace:
            self._spawn()

    def _handle_rest(self, worker: Worker, on_result=lambda r: None):
        """Handle what an exited worker sent before it died (a result, a fatal message)."""
        try:
            os.set_blocking(worker.proc.stdout.fileno(), False)
            self._handle(worker, on_result)
        except (BlockingIOError, OSError, ValueError):
            pass

    @staticmethod
    def _drain(worker: Worker):
        """Read the rest of a dead worker's output (bounded: it cannot write any more)."""
        try:
            os.set_blocking(worker.proc.stderr.fileno(), False)
            for _ in range(OUTPUT_TAIL_BYTES >> 14):  # a process it forked may still be writing
                if not worker.read_output():
                    break
        except (BlockingIOError, OSError, ValueError):
            pass

    def close(self, kill: bool = False):
        for worker in list(self.workers):
            self._retire(worker, kill=kill)
        self.selector.close()
