"""A long training loop keeps memory steady: no graph or saved tensor kept alive by accident."""

import gc
import tracemalloc

import numpy as np

import minigrad

STEPS = 10_000
FIRST_CHECK = 1_000
# Allowed growth over the 9,000 traced steps. Allocator/interning noise is one-off: it was seen up to ~76 KB
# under load. A real leak grows every step: a graph kept alive per step (about ten nodes and six small
# tensors, ~5 KB) would add ~45 MB, and even one leaked 40-byte object per step adds 9,000 * 40 = 360 KB.
# 256 KB stays above the noise (3x the worst seen) and below the smallest per-step leak.
NOISE_BYTES = 256 * 1024


def test_ten_thousand_steps_keep_memory_steady():
    rng = np.random.default_rng(0)
    x = minigrad.tensor(rng.standard_normal((8, 4)).astype(np.float32))
    target = minigrad.tensor(rng.integers(0, 3, 8))
    w1 = minigrad.tensor(rng.standard_normal((4, 16)).astype(np.float32) * 0.3, requires_grad=True)
    b1 = minigrad.zeros(16, requires_grad=True)
    w2 = minigrad.tensor(rng.standard_normal((16, 3)).astype(np.float32) * 0.3, requires_grad=True)
    params = [w1, b1, w2]
    w2.register_hook(lambda grad: None)  # a hook must not pin graphs either

    try:
        for step in range(1, STEPS + 1):
            hidden = (x @ w1 + b1).relu()
            logits = hidden @ w2
            loss = minigrad.nn.functional.cross_entropy(logits, target)
            loss.backward()
            with minigrad.no_grad():
                for p in params:
                    p.sub_(p.grad * 0.01)
                    p.grad = None
            if step == FIRST_CHECK:  # trace from here: the warm-up steps fill caches that are not leaks
                gc.collect()
                tracemalloc.start()
                at_first = tracemalloc.get_traced_memory()[0]
        gc.collect()
        at_end = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert at_end - at_first < NOISE_BYTES, (
        f"grew {at_end - at_first} bytes between step {FIRST_CHECK} and {STEPS}"
    )
    assert loss.item() < 1.2  # it trained (3 classes: chance is ln 3 ~ 1.1 at start, so it must not diverge)
