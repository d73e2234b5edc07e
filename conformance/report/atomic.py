"""Writing a report directory so that a reader never sees a mixed or truncated set of files.

All files of a report (results.json, report.md, index.html, junit.xml, repro/) are written into a fresh
staging directory beside the report directory, which is then switched in with one ``renameat2(...,
RENAME_EXCHANGE)`` (Linux): a reader sees the old set or the new set, never parts of both. Where the
exchange is not available, two renames leave only a moment in which the directory does not exist.
While the files are written and switched, SIGINT and SIGTERM are held back.

``ReportDirLock`` keeps two runs from writing one report directory: the second one refuses at once
with a clear message rather than silently replacing the first one's reports.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import tempfile
import threading

_HELD = {signal.SIGINT, signal.SIGTERM}
# What a report directory may hold; anything else means it is not one, and it is never replaced.
REPORT_ENTRIES = {"results.json", "report.md", "index.html", "junit.xml", "repro"}
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class ReportDirError(Exception):
    """The report directory cannot be used; the message is one line."""


@contextlib.contextmanager
def signals_held():
    """Delay SIGINT/SIGTERM until the block is done (only possible in the main thread on POSIX)."""
    can_hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if can_hold:
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        if can_hold:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def foreign_entries(directory: str) -> list[str]:
    """Entries of ``directory`` that no report writes (empty when it does not exist)."""
    try:
        return sorted(set(os.listdir(directory)) - REPORT_ENTRIES)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except PermissionError:
        raise ReportDirError(f"cannot read {directory}: permission denied") from None


def check_writable_dir(directory: str) -> None:
    """Raise ReportDirError unless ``directory`` is, or could be created as, a writable directory.
    Creates nothing: a command checks this before its work, so it cannot fail after it."""
    path = os.path.abspath(directory)
    while not os.path.exists(path):
        path = os.path.dirname(path)
    if not os.path.isdir(path):
        raise ReportDirError(f"cannot write to {directory}: {path} is not a directory")
    if not os.access(path, os.W_OK | os.X_OK):
        raise ReportDirError(f"cannot write to {directory}: {path} is not writable")


def _exchange(a: str, b: str) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # an old kernel or a filesystem without the exchange
    raise OSError(code, os.strerror(code), b)


def write_directory(directory: str, files: dict[str, str]) -> list[str]:
    """Replace ``directory`` with one holding exactly ``files`` (relative path -> text), in one step.

    Returns the paths written (inside ``directory``)."""
    directory = os.path.abspath(directory)
    parent, name = os.path.split(directory)
    os.makedirs(parent, exist_ok=True)
    foreign = foreign_entries(directory)
    if foreign:
        raise ReportDirError(
            f"{directory} holds files that are not reports ({', '.join(foreign[:3])}); "
            "reports replace the whole directory, so give them a directory of their own"
        )
    staging = tempfile.mkdtemp(dir=parent, prefix=f".{name}.new-")
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700; a report is an ordinary directory
        for relative, text in files.items():
            path = os.path.join(staging, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        with signals_held():
            if not os.path.isdir(directory):
                os.rename(staging, directory)
            elif _exchange(staging, directory):
                shutil.rmtree(staging, ignore_errors=True)  # now holds the old reports
            else:
                old = tempfile.mkdtemp(dir=parent, prefix=f".{name}.old-")
                os.rename(directory, os.path.join(old, name))
                os.rename(staging, directory)
                shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [os.path.join(directory, relative) for relative in files]


class ReportDirLock:
    """Hold ``directory`` for one run: created if missing (and removed again if the run wrote nothing
    into it), refused if another run holds it or if it holds files that are not reports."""

    def __init__(self, directory: str):
        self.directory = os.path.abspath(directory)
        self.created: list[str] = []  # the directories this lock made, innermost first
        self.fd: int | None = None

    def __enter__(self) -> ReportDirLock:
        foreign = foreign_entries(self.directory)
        if foreign:
            raise ReportDirError(
                f"{self.directory} holds files that are not reports ({', '.join(foreign[:3])}); "
                "reports replace the whole directory, so give them a directory of their own"
            )
        missing, path = [], self.directory
        while not os.path.isdir(path) and os.path.dirname(path) != path:
            missing.append(path)
            path = os.path.dirname(path)
        for path in reversed(missing):
            try:
                os.mkdir(path)
            except FileExistsError:
                self._undo()
                raise ReportDirError(
                    f"cannot write the reports to {self.directory}: {path} is a file"
                ) from None
            except OSError as e:
                self._undo()
                raise ReportDirError(f"cannot write the reports to {self.directory}: {e.strerror}") from None
            self.created.insert(0, path)
        if not os.access(self.directory, os.W_OK) or not os.access(os.path.dirname(self.directory), os.W_OK):
            self._undo()
            raise ReportDirError(f"cannot write the reports to {self.directory}: not writable")
        self.fd = os.open(self.directory, os.O_RDONLY)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            raise ReportDirError(
                f"another conformance run is writing its reports to {self.directory}; wait for it to "
                "finish or give this run another report directory"
            ) from None
        return self

    def _undo(self):
        """Remove the directories this lock made, if the run left them empty."""
        for path in self.created:
            with contextlib.suppress(OSError):
                os.rmdir(path)  # fails, as it should, where the run wrote something
        self.created = []

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # releases the lock
            self.fd = None
        if os.path.isdir(self.directory) and not os.listdir(self.directory):
            self._undo()
        return False
