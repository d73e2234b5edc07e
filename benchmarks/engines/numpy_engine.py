"""numpy by hand: the same maths with the backward pass written out, the floor a graph engine adds to."""

import gc

import numpy as np

from benchmarks import data, memory


class NumpyByHand:
    def info(self):
        return {}

    def to_numpy(self, value):
        return np.asarray(value)

    def tiny(self, params):
        a, b = data.tiny_inputs()
        iterations = params["iterations"]

        def run():
            for _ in range(iterations):
                c = a * b + a
                c.sum()
                grad_c = np.ones_like(c)  # d(sum)/dc, then the chain rule through c = a*b + a
                grad_a = grad_c * b + grad_c
                grad_b = grad_c * a
            return {"grads": [grad_a, grad_b]}

        return run

    def mlp(self, params):
        x, w1, w2 = data.mlp_inputs(params)
        steps = params["steps"]

        def run():
            for _ in range(steps):
                hidden_in = x @ w1
                hidden = np.maximum(hidden_in, 0)
                out = hidden @ w2
                out.sum()
                grad_out = np.ones_like(out)
                grad_w2 = hidden.T @ grad_out
                grad_hidden = (grad_out @ w2.T) * (hidden_in > 0)
                grad_w1 = x.T @ grad_hidden
            return {"grads": [grad_w1, grad_w2]}

        return run

    def chain(self, params):
        start, scale, shift = data.chain_inputs()
        nodes = params["nodes"]

        def run():
            ys = [start]
            for _ in range(nodes):
                ys.append(ys[-1] * scale + shift)
            ys[-1].sum()
            grad_y = np.ones_like(start)
            grad_scale = np.zeros_like(scale)
            grad_shift = np.zeros_like(shift)
            for y in reversed(ys[:-1]):
                grad_scale += grad_y * y
                grad_shift += grad_y
                grad_y = grad_y * scale
            return {"grads": [grad_y, grad_scale, grad_shift]}

        return run

    def held(self, params):
        start, scale, shift = data.held_inputs(params)
        steps = params["steps"]

        def run():
            gc.collect()
            base = memory.rss_bytes()
            saved = [start]
            for _ in range(steps):
                saved.append(saved[-1] * scale + shift)
            saved.pop().sum()  # the output itself is not needed by the backward pass
            before = memory.held_since(base)
            grad_y = np.ones_like(start)
            grad_scale = np.zeros_like(scale)
            grad_shift = np.zeros_like(shift)
            while saved:  # release each saved input once used, as an engine without retain_graph does
                y = saved.pop()
                grad_scale += grad_y * y
                grad_shift += grad_y
                grad_y = grad_y * scale
            del y
            after = memory.held_since(base)
            return {
                "grads": [grad_y, grad_scale, grad_shift],
                "held_before_backward": before,
                "held_after_backward": after,
            }

        return run

    def train(self, params):
        x, w1, w2 = (array.copy() for array in data.train_inputs())
        steps, probe, lr = params["steps"], params["probe"], data.TRAIN_LEARNING_RATE

        def run():
            gc.collect()
            base = memory.rss_bytes()
            marks = {}
            for step in range(1, steps + 1):
                hidden_in = x @ w1
                hidden = np.maximum(hidden_in, 0)
                out = hidden @ w2
                (out * out).sum()
                grad_out = 2 * out
                grad_w2 = hidden.T @ grad_out
                grad_w1 = x.T @ ((grad_out @ w2.T) * (hidden_in > 0))
                for weight, grad in ((w1, grad_w1), (w2, grad_w2)):
                    weight -= lr * grad  # in place: w1 and w2 are the closure's arrays
                if step == probe:
                    marks["rss_at_probe"] = memory.held_since(base)
            marks["rss_at_end"] = memory.held_since(base)
            return {"grads": [w1, w2], **marks}

        return run


ADAPTER = NumpyByHand()
