"""minigrad, the engine under test, driven by exactly the torch code (`import minigrad as torch`)."""

import minigrad
from benchmarks.engines.torchlike import TorchStyle

ADAPTER = TorchStyle(minigrad)
