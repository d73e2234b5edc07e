"""Benchmark harness: times minigrad against torch, numpy by hand and the installed autograd peers.

Run it with `python -m benchmarks` (see cli.py for the options). Every engine runs in its own worker
process (worker.py) and the parent alternates between them (runner.py), so one engine's imports, caches
and allocator state never touch another's numbers. Reports go to reports/bench/ (bench.json, bench.md and
a chart of the ratios to torch).
"""
