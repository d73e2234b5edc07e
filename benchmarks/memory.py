"""Process memory as the operating system sees it (RSS), which works for every engine, numpy or C++.

tracemalloc would miss torch's allocations, so the harness reads /proc/self/status instead. The peak
(VmHWM) can be reset between measurements by writing "5" to /proc/self/clear_refs (Linux >= 4.0); where
that is not possible the peak covers the whole process life and is reported as such.
"""

import gc
import re
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_kib(field):
    try:
        match = re.search(rf"^{field}:\s+(\d+) kB", _STATUS.read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def rss_bytes():
    """Resident memory now, or None where /proc is unavailable."""
    kib = _status_kib("VmRSS")
    return None if kib is None else kib * 1024


def peak_bytes():
    """Highest resident memory since the last reset_peak() (or since the process started)."""
    kib = _status_kib("VmHWM")
    return None if kib is None else kib * 1024


def reset_peak():
    """Restart the peak from the current RSS; returns False if the kernel does not allow it."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def held_since(base):
    """Resident bytes gained since `base` (an rss_bytes() reading), after collecting unreachable cycles."""
    gc.collect()
    now = rss_bytes()
    return None if now is None or base is None else now - base
