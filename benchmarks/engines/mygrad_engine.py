"""MyGrad: numpy-backed tensors with a torch-like backward(); gradients come back as numpy arrays."""

import gc

import mygrad
import numpy as np
from mygrad.nnet.activations import relu

from benchmarks import data, memory


class MyGradAdapter:
    def info(self):
        return {}

    def to_numpy(self, value):
        return np.asarray(value.data if isinstance(value, mygrad.Tensor) else value)

    def tiny(self, params):
        a, b = (mygrad.tensor(array) for array in data.tiny_inputs())
        iterations = params["iterations"]

        def run():
            for _ in range(iterations):
                c = a * b + a
                c.sum().backward()  # each backward() replaces the previous grads, nothing to zero
            return {"grads": [a.grad, b.grad]}

        return run

    def mlp(self, params):
        x_array, w1_array, w2_array = data.mlp_inputs(params)
        x, w1, w2 = mygrad.tensor(x_array, constant=True), mygrad.tensor(w1_array), mygrad.tensor(w2_array)
        steps = params["steps"]

        def run():
            for _ in range(steps):
                loss = (relu(x @ w1) @ w2).sum()
                loss.backward()
            return {"grads": [w1.grad, w2.grad]}

        return run

    def chain(self, params):
        start, scale, shift = (mygrad.tensor(array) for array in data.chain_inputs())
        nodes = params["nodes"]

        def run():
            y = start
            for _ in range(nodes):
                y = y * scale + shift
            y.sum().backward()
            return {"grads": [start.grad, scale.grad, shift.grad]}

        return run

    def held(self, params):
        start, scale, shift = (mygrad.tensor(array) for array in data.held_inputs(params))
        steps = params["steps"]

        def run():
            gc.collect()
            base = memory.rss_bytes()
            y = start
            for _ in range(steps):
                y = y * scale + shift
            loss = y.sum()
            del y
            before = memory.held_since(base)
            loss.backward()
            after = memory.held_since(base)
            return {
                "grads": [start.grad, scale.grad, shift.grad],
                "held_before_backward": before,
                "held_after_backward": after,
            }

        return run

    def train(self, params):
        x_array, w1_array, w2_array = data.train_inputs()
        x = mygrad.tensor(x_array, constant=True)
        weights = [mygrad.tensor(w1_array), mygrad.tensor(w2_array)]
        steps, probe, lr = params["steps"], params["probe"], data.TRAIN_LEARNING_RATE

        def run():
            gc.collect()
            base = memory.rss_bytes()
            marks = {}
            for step in range(1, steps + 1):
                w1, w2 = weights
                out = relu(x @ w1) @ w2
                loss = (out * out).sum()
                loss.backward()
                weights[:] = [mygrad.tensor(w.data - lr * w.grad) for w in weights]
                if step == probe:
                    marks["rss_at_probe"] = memory.held_since(base)
            marks["rss_at_end"] = memory.held_since(base)
            return {"grads": list(weights), **marks}

        return run


ADAPTER = MyGradAdapter()
