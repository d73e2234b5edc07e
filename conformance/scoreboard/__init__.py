"""The scoreboard: the suite run against every installed autograd engine, side by side.

``conformance scoreboard`` runs each engine of ``ENGINES`` that is installed (an engine that is not
is listed as such), and writes ``scoreboard.json``, ``scoreboard.md``, ``index.html`` and
``pass-rates.svg`` plus one reproducer script per failure under ``repro/<engine>/``.
"""

from conformance.scoreboard.collect import ENGINES, Engine, collect
from conformance.scoreboard.main import scoreboard_main

__all__ = ["ENGINES", "Engine", "collect", "scoreboard_main"]
