"""Grad mode is thread-local, like torch's: no_grad in one thread never leaks into another."""

import threading

import numpy as np
import torch

import minigrad


def _worker(m, mode, barrier, results, index):
    """Train-or-infer step in a thread; the barrier makes all threads sit inside their mode at once."""
    x = m.tensor(np.arange(6, dtype=np.float32).reshape(2, 3) / 10 + index, requires_grad=True)
    if mode == "no_grad":
        with m.no_grad():
            barrier.wait()
            y = (x * x).sum()
            barrier.wait()
            results[index] = (mode, m.is_grad_enabled(), y.requires_grad, y.grad_fn is None, None)
        return
    barrier.wait()
    y = (x * x).sum()
    barrier.wait()
    y.backward()
    results[index] = (mode, m.is_grad_enabled(), y.requires_grad, y.grad_fn is None, x.grad.numpy().copy())


def _run(m, modes):
    barrier = threading.Barrier(len(modes))
    results = [None] * len(modes)
    threads = [
        threading.Thread(target=_worker, args=(m, mode, barrier, results, i)) for i, mode in enumerate(modes)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return results


def test_no_grad_in_some_threads_training_in_others():
    modes = ["no_grad", "train", "no_grad", "train", "train", "no_grad"]
    ref, got = _run(torch, modes), _run(minigrad, modes)
    for r, g in zip(ref, got):
        assert r[:4] == g[:4]
        if r[4] is not None:
            np.testing.assert_allclose(g[4], r[4], rtol=1e-6)
    assert minigrad.is_grad_enabled() and torch.is_grad_enabled()


def test_a_new_thread_starts_with_grad_enabled_whatever_the_parent_does():
    seen = {}

    def probe(m):
        seen[m.__name__] = m.is_grad_enabled()

    for m in (torch, minigrad):
        with m.no_grad():
            t = threading.Thread(target=probe, args=(m,))
            t.start()
            t.join(timeout=600)
    assert seen["minigrad"] == seen["torch"]


def test_set_grad_enabled_in_a_thread_does_not_touch_the_main_thread():
    def flip(m):
        m.set_grad_enabled(False)

    for m in (torch, minigrad):
        t = threading.Thread(target=flip, args=(m,))
        t.start()
        t.join(timeout=600)
    assert minigrad.is_grad_enabled() == torch.is_grad_enabled()
