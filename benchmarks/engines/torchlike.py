"""Workloads as a torch user writes them, run on torch itself and on minigrad (`import minigrad as torch`)."""

import gc

import numpy as np

from benchmarks import data, memory


class TorchStyle:
    def __init__(self, torch):
        self.torch = torch

    def info(self):
        get_threads = getattr(self.torch, "get_num_threads", None)
        return {"threads": get_threads() if get_threads else None}

    def to_numpy(self, value):
        return np.asarray(value.detach().numpy())

    def _leaf(self, array):
        return self.torch.tensor(array, requires_grad=True)

    def tiny(self, params):
        a, b = (self._leaf(array) for array in data.tiny_inputs())
        iterations = params["iterations"]

        def run():
            for _ in range(iterations):
                a.grad = None
                b.grad = None
                c = a * b + a
                c.sum().backward()
            return {"grads": [a.grad, b.grad]}

        return run

    def mlp(self, params):
        torch = self.torch
        x_array, w1_array, w2_array = data.mlp_inputs(params)
        x, w1, w2 = torch.tensor(x_array), self._leaf(w1_array), self._leaf(w2_array)
        steps = params["steps"]

        def run():
            for _ in range(steps):
                w1.grad = None
                w2.grad = None
                loss = (torch.relu(x @ w1) @ w2).sum()
                loss.backward()
            return {"grads": [w1.grad, w2.grad]}

        return run

    def chain(self, params):
        start, scale, shift = (self._leaf(array) for array in data.chain_inputs())
        nodes = params["nodes"]

        def run():
            y = start
            for _ in range(nodes):
                y = y * scale + shift
            y.sum().backward()
            grads = [start.grad, scale.grad, shift.grad]
            start.grad = scale.grad = shift.grad = None
            return {"grads": grads}

        return run

    def held(self, params):
        start, scale, shift = (self._leaf(array) for array in data.held_inputs(params))
        steps = params["steps"]

        def run():
            gc.collect()
            base = memory.rss_bytes()
            y = start
            for _ in range(steps):
                y = y * scale + shift
            loss = y.sum()
            del y  # the graph, reached from loss, is what should hold the saved arrays
            before = memory.held_since(base)
            loss.backward()
            after = memory.held_since(base)
            grads = [start.grad, scale.grad, shift.grad]
            start.grad = scale.grad = shift.grad = None
            return {"grads": grads, "held_before_backward": before, "held_after_backward": after}

        return run

    def train(self, params):
        torch = self.torch
        x_array, w1_array, w2_array = data.train_inputs()
        x, w1, w2 = torch.tensor(x_array), self._leaf(w1_array), self._leaf(w2_array)
        steps, probe, lr = params["steps"], params["probe"], data.TRAIN_LEARNING_RATE

        def run():
            gc.collect()
            base = memory.rss_bytes()
            marks = {}
            for step in range(1, steps + 1):
                out = torch.relu(x @ w1) @ w2
                loss = (out * out).sum()
                loss.backward()
                with torch.no_grad():
                    for weight in (w1, w2):
                        weight -= lr * weight.grad
                for weight in (w1, w2):
                    weight.grad = None
                if step == probe:
                    marks["rss_at_probe"] = memory.held_since(base)
            marks["rss_at_end"] = memory.held_since(base)
            return {"grads": [w1, w2], **marks}

        return run
