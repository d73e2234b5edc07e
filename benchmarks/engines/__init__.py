"""The engines the harness knows: the module each one needs, and the adapter module that drives it.

An adapter module imports its engine at the top and exposes ADAPTER, an object with info(),
to_numpy(value) and one builder method per workload kind (tiny, mlp, chain, held, train). A builder takes
the workload's parameters, does the setup, and returns run(): one repetition of the timed work, returning
{"grads": [...]} plus any memory figures it measured itself. A missing builder, or one that raises
NotApplicable, makes the workload "n/a" for that engine.
"""

import importlib.metadata
import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class EngineSpec:
    name: str
    import_name: str  # the module whose absence means "not installed"
    distribution: str  # for the version number, read without importing the engine
    adapter: str  # module path of the adapter, imported only inside the engine's worker process


ENGINES = {
    spec.name: spec
    for spec in [
        EngineSpec("minigrad", "minigrad", "minigrad-conformance", "benchmarks.engines.minigrad_engine"),
        EngineSpec("torch", "torch", "torch", "benchmarks.engines.torch_engine"),
        EngineSpec("numpy", "numpy", "numpy", "benchmarks.engines.numpy_engine"),
        EngineSpec("mygrad", "mygrad", "mygrad", "benchmarks.engines.mygrad_engine"),
        EngineSpec("autograd", "autograd", "autograd", "benchmarks.engines.autograd_engine"),
        EngineSpec("tinygrad", "tinygrad", "tinygrad", "benchmarks.engines.tinygrad_engine"),
        EngineSpec("micrograd", "micrograd", "micrograd", "benchmarks.engines.micrograd_engine"),
    ]
}

# The other autograd engines minigrad is compared with (numpy by hand and torch are baselines, not peers).
PEERS = ("mygrad", "autograd", "tinygrad", "micrograd")


def is_installed(spec):
    return importlib.util.find_spec(spec.import_name) is not None


def version_of(spec):
    try:
        return importlib.metadata.version(spec.distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
