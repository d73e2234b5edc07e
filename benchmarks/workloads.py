"""What is measured: each workload's sizes (full and --quick), its unit, and the limits of one run.

A workload names an adapter builder (`kind`); chain_big reuses the chain builder with a million nodes.
`per` names the parameter that the measured time is divided by (iterations, steps), so a row reads as
time per iteration; without it the time is for the whole repetition.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Workload:
    name: str
    kind: str
    title: str  # str.format()-ed with the parameters
    full: dict
    quick: dict
    warmup: dict  # parameter overrides for the untimed warm-up run
    unit: str
    unit_seconds: float  # how many seconds one unit is
    per: str | None = None
    timed: bool = True  # False: the time includes measuring (garbage collections), so it is not reported
    engines: tuple | None = None  # None: every engine
    max_repeats: int | None = None
    # Fixed malloc thresholds so arrays freed by the engine leave RSS at once (memory workloads only:
    # it makes big allocations slower, which would distort timings).
    fixed_malloc: bool = False
    setup_timeout: float = 180.0  # worker start, engine import, setup and warm-up
    repeat_timeout: float = 600.0
    long_repeat: float = 60.0  # after one repetition this long, an engine is not repeated again

    def params(self, quick=False, overrides=None):
        params = dict(self.quick if quick else self.full)
        params.update((overrides or {}).get(self.name, {}))
        return params

    def warmup_params(self, params):
        """The warm-up's sizes: the workload's own, capped by `warmup`."""
        return {**params, **{key: min(value, params[key]) for key, value in self.warmup.items()}}

    def describe(self, params):
        return self.title.format(**params)


WORKLOADS = {
    workload.name: workload
    for workload in [
        Workload(
            name="tiny",
            kind="tiny",
            title="Tiny graph: c = a*b + a on 16 floats, c.sum().backward(), {iterations:,} iterations a run",
            full={"iterations": 2000},
            quick={"iterations": 300},
            warmup={"iterations": 50},
            unit="µs/iter",
            unit_seconds=1e-6,
            per="iterations",
        ),
        Workload(
            name="mlp",
            kind="mlp",
            title="MLP step: x {batch}x{width}, W1 {width}x{width}, W2 {width}x{classes}, relu, "
            "sum loss, forward + backward, {steps} steps a run",
            full={"batch": 256, "width": 512, "classes": 10, "steps": 10},
            quick={"batch": 256, "width": 512, "classes": 10, "steps": 3},
            warmup={"steps": 1},
            unit="ms/step",
            unit_seconds=1e-3,
            per="steps",
        ),
        Workload(
            name="chain",
            kind="chain",
            title="Chain of {nodes:,} y = y*a + b nodes, build + backward",
            full={"nodes": 100_000},
            quick={"nodes": 20_000},
            warmup={"nodes": 1000},
            unit="ms",
            unit_seconds=1e-3,
            setup_timeout=120.0,
        ),
        Workload(
            name="chain_big",
            kind="chain",
            title="Chain of {nodes:,} y = y*a + b nodes, build + backward",
            full={"nodes": 1_000_000},
            quick={"nodes": 200_000},
            warmup={"nodes": 1000},
            unit="ms",
            unit_seconds=1e-3,
            engines=("minigrad", "torch"),
            max_repeats=3,
            repeat_timeout=900.0,
            long_repeat=120.0,
        ),
        Workload(
            name="held",
            kind="held",
            title="Memory held by a {steps}-step y = y*a + b graph on {elements:,} floats, "
            "before and after backward() (no retain_graph)",
            full={"elements": 1_000_000, "steps": 8},
            quick={"elements": 250_000, "steps": 8},
            warmup={"elements": 1000},
            unit="ms",
            unit_seconds=1e-3,
            timed=False,
            fixed_malloc=True,
        ),
        Workload(
            name="train",
            kind="train",
            title="Training loop, {steps:,} SGD steps of a 4x4 -> 8 -> 1 relu net: memory at step {probe:,} "
            "and at step {steps:,}",
            full={"steps": 10_000, "probe": 1_000},
            quick={"steps": 1000, "probe": 100},
            warmup={"steps": 20, "probe": 10},
            unit="µs/step",
            unit_seconds=1e-6,
            per="steps",
            max_repeats=1,
            fixed_malloc=True,
            repeat_timeout=900.0,
        ),
    ]
}
