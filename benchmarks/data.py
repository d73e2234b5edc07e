"""The inputs of every workload, made once from a fixed seed so all engines see identical numbers.

Identical inputs let the harness compare a checksum of each engine's gradients with torch's: an engine
that skips work (a lazy one that never realizes, say) shows up as a mismatch instead of a fast time.
"""

import numpy as np

SEED = 20240601

# chain: y = y * CHAIN_SCALE + CHAIN_SHIFT, started from CHAIN_START; |scale| < 1 keeps long chains finite.
CHAIN_START = 1.0
CHAIN_SCALE = 0.5
CHAIN_SHIFT = 0.25

# train: plain SGD on a tiny two-layer net, small enough that micrograd's scalars can run it too.
TRAIN_LEARNING_RATE = 1e-3


def _rng():
    return np.random.default_rng(SEED)


def tiny_inputs():
    rng = _rng()
    return rng.random(16, dtype=np.float32) + 0.5, rng.random(16, dtype=np.float32) + 0.5


def mlp_inputs(params):
    rng = _rng()
    batch, width, classes = params["batch"], params["width"], params["classes"]
    x = rng.random((batch, width), dtype=np.float32)
    w1 = (rng.standard_normal((width, width)) / np.sqrt(width)).astype(np.float32)
    w2 = (rng.standard_normal((width, classes)) / np.sqrt(width)).astype(np.float32)
    return x, w1, w2


def chain_inputs():
    """Start, scale and shift as 1-element arrays (tinygrad cannot differentiate 0-d constants)."""
    return tuple(np.full(1, value, dtype=np.float32) for value in (CHAIN_START, CHAIN_SCALE, CHAIN_SHIFT))


def held_inputs(params):
    rng = _rng()
    n = params["elements"]
    x = rng.random(n, dtype=np.float32)
    scale = rng.random(n, dtype=np.float32) * 0.5 + 0.25
    shift = rng.random(n, dtype=np.float32)
    return x, scale, shift


def train_inputs():
    rng = _rng()
    x = rng.random((4, 4), dtype=np.float32)
    w1 = (rng.standard_normal((4, 8)) / 2).astype(np.float32)
    w2 = (rng.standard_normal((8, 1)) / 3).astype(np.float32)
    return x, w1, w2
