"""The scoreboard: the suite run against every installed autograd engine, side by side.

``conformance scoreboard`` runs each engine of ``ENGINES`` that is installed (one that is not is
listed with its install command; ``--setup`` installs them first) and writes ``scoreboard.json``,
``scoreboard.md``, ``index.html`` and ``areas.svg``: per engine its version, how it is run, its
coverage and fidelity in total and per area, its rules and its failures.
"""

from conformance.scoreboard.collect import ENGINES, Engine, collect
from conformance.scoreboard.main import scoreboard_main

__all__ = ["ENGINES", "Engine", "collect", "scoreboard_main"]
