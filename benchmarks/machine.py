"""Facts about the machine a run happened on, so numbers from different days can be told apart."""

import os
import platform
import sys
from pathlib import Path

from benchmarks.engines import ENGINES, version_of

# OpenBLAS tuning variables that some machines here set (older OpenBLAS builds need them); they change
# which numpy kernels run, so a report records them.
BLAS_ENV = (
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
)


def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _numpy_blas():
    """numpy's BLAS libraries as threadpoolctl sees them, or a reason they are unknown."""
    try:
        import numpy  # noqa: F401  (loads the BLAS that threadpoolctl inspects)
        from threadpoolctl import threadpool_info
    except ImportError as error:
        return f"unknown ({error})"
    return [
        {key: pool.get(key) for key in ("internal_api", "version", "architecture", "num_threads", "filepath")}
        for pool in threadpool_info()
        if pool.get("user_api") == "blas"
    ]


def machine_facts():
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(affinity) if affinity is not None else None,
        "cpu_model": _cpu_model(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "blas_env": {name: os.environ.get(name) for name in BLAS_ENV},
        "numpy_blas": _numpy_blas(),
        "versions": {name: version_of(spec) for name, spec in ENGINES.items()},
    }
