"""``conformance scoreboard --setup``: install what the chosen engines need before running them.

Per engine that is not installed: its pyproject extra into this Python (``pip install`` of the
extra's requirements), or its environment of its own (JTorch); and, for any chosen engine, the
Debian packages it needs (tinygrad's CPU device compiles with clang) when their program is missing,
with ``apt-get`` when this process may use it, otherwise a line saying what to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conformance.backends.environments import ENVIRONMENTS
from conformance.scoreboard.collect import extra_requirements


def _can_apt() -> bool:
    return shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0


def setup(engines, run=subprocess.run, say=print) -> list[str]:
    """Install what ``engines`` lack; returns the lines of what could not be done here."""
    undone = []
    packages = sorted({p for e in engines for p in e.missing_programs()})
    if packages:
        if _can_apt():
            say(f"setup: apt-get install {' '.join(packages)}")
            run(["apt-get", "update", "-qq"], check=True)
            run(
                ["apt-get", "install", "-y", "-qq", *packages],
                check=True,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
        else:
            undone.append(f"run as root: apt-get install {' '.join(packages)}")
    requirements = []
    for engine in engines:
        if engine.installed():
            continue
        if engine.environment is not None:
            say(f"setup: {engine.name} in {ENVIRONMENTS[engine.environment].directory()}")
            ENVIRONMENTS[engine.environment].setup(run)
        elif engine.extra is not None:
            requirements += [r for r in extra_requirements(engine.extra) if r not in requirements]
    if requirements:
        say(f"setup: pip install {' '.join(requirements)}")
        run([sys.executable, "-m", "pip", "install", *requirements], check=True)
    return undone
