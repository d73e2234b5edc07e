"""HIPS autograd: functional, so each "backward" is a call of grad(f) on numpy arrays."""

import gc

import autograd.numpy as anp
import numpy as np
from autograd import grad
from autograd.core import make_vjp

from benchmarks import data, memory


def _chain_loss(params, steps):
    y, scale, shift = params
    for _ in range(steps):
        y = y * scale + shift
    return anp.sum(y)


class AutogradAdapter:
    def info(self):
        return {}

    def to_numpy(self, value):
        return np.asarray(value)

    def tiny(self, params):
        inputs = data.tiny_inputs()
        gradient = grad(lambda p: anp.sum(p[0] * p[1] + p[0]))
        iterations = params["iterations"]

        def run():
            for _ in range(iterations):
                grads = gradient(inputs)
            return {"grads": list(grads)}

        return run

    def mlp(self, params):
        x, w1, w2 = data.mlp_inputs(params)
        gradient = grad(lambda w: anp.sum(anp.dot(anp.maximum(anp.dot(x, w[0]), 0), w[1])))
        steps = params["steps"]

        def run():
            for _ in range(steps):
                grads = gradient((w1, w2))
            return {"grads": list(grads)}

        return run

    def chain(self, params):
        inputs = data.chain_inputs()
        nodes = params["nodes"]
        gradient = grad(lambda p: _chain_loss(p, nodes))

        def run():
            return {"grads": list(gradient(inputs))}

        return run

    def held(self, params):
        inputs = data.held_inputs(params)
        steps = params["steps"]

        def run():
            gc.collect()
            base = memory.rss_bytes()
            # make_vjp is autograd's split of grad() into forward and backward; the graph lives in vjp.
            vjp, _ = make_vjp(lambda p: _chain_loss(p, steps), inputs)
            before = memory.held_since(base)
            grads = vjp(np.float32(1.0))
            after = memory.held_since(base)
            return {"grads": list(grads), "held_before_backward": before, "held_after_backward": after}

        return run

    def train(self, params):
        x, w1, w2 = data.train_inputs()
        gradient = grad(lambda w: anp.sum(anp.dot(anp.maximum(anp.dot(x, w[0]), 0), w[1]) ** 2))
        steps, probe, lr = params["steps"], params["probe"], data.TRAIN_LEARNING_RATE

        def run():
            gc.collect()
            base = memory.rss_bytes()
            marks = {}
            weights = (w1.copy(), w2.copy())
            for step in range(1, steps + 1):
                grads = gradient(weights)
                weights = tuple(w - lr * g for w, g in zip(weights, grads))
                if step == probe:
                    marks["rss_at_probe"] = memory.held_since(base)
            marks["rss_at_end"] = memory.held_since(base)
            return {"grads": list(weights), **marks}

        return run


ADAPTER = AutogradAdapter()
