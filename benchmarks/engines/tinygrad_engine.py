"""tinygrad: lazy, so every timed repetition realizes what a user would read (the gradients, the loss).

tinygrad fills .grad for every float tensor in the graph on backward(); there is no requires_grad.
"""

import gc

from tinygrad import Device, Tensor

from benchmarks import data, memory


def _tensors(*arrays):
    return [Tensor(array).realize() for array in arrays]


class TinygradAdapter:
    def info(self):
        return {"device": Device.DEFAULT}

    def to_numpy(self, value):
        return value.numpy()

    def tiny(self, params):
        a, b = _tensors(*data.tiny_inputs())
        iterations = params["iterations"]

        def run():
            for _ in range(iterations):
                a.grad = None
                b.grad = None
                c = a * b + a
                c.sum().backward()
                Tensor.realize(a.grad, b.grad)
            return {"grads": [a.grad, b.grad]}

        return run

    def mlp(self, params):
        x, w1, w2 = _tensors(*data.mlp_inputs(params))
        steps = params["steps"]

        def run():
            for _ in range(steps):
                w1.grad = None
                w2.grad = None
                loss = ((x @ w1).relu() @ w2).sum()
                loss.backward()
                Tensor.realize(w1.grad, w2.grad)
            return {"grads": [w1.grad, w2.grad]}

        return run

    def chain(self, params):
        start, scale, shift = _tensors(*data.chain_inputs())
        nodes = params["nodes"]

        def run():
            y = start
            for _ in range(nodes):
                y = y * scale + shift
            y.sum().backward()
            grads = [start.grad, scale.grad, shift.grad]
            Tensor.realize(*grads)
            start.grad = scale.grad = shift.grad = None
            return {"grads": grads}

        return run

    def held(self, params):
        start, scale, shift = _tensors(*data.held_inputs(params))
        steps = params["steps"]

        def run():
            gc.collect()
            base = memory.rss_bytes()
            y = start
            for _ in range(steps):
                y = y * scale + shift
            loss = y.sum()
            del y
            # Lazy: nothing is computed yet. Realizing the loss here would cut it from the graph (its
            # uop becomes a buffer), so, as tinygrad users do, it is realized together with the grads.
            before = memory.held_since(base)
            loss.backward()
            grads = [start.grad, scale.grad, shift.grad]
            Tensor.realize(loss, *grads)
            after = memory.held_since(base)
            start.grad = scale.grad = shift.grad = None
            return {"grads": grads, "held_before_backward": before, "held_after_backward": after}

        return run

    def train(self, params):
        x, w1, w2 = _tensors(*data.train_inputs())
        steps, probe, lr = params["steps"], params["probe"], data.TRAIN_LEARNING_RATE

        def run():
            gc.collect()
            base = memory.rss_bytes()
            marks = {}
            for step in range(1, steps + 1):
                w1.grad = None
                w2.grad = None
                out = (x @ w1).relu() @ w2
                (out * out).sum().backward()
                for weight in (w1, w2):
                    weight.assign(weight.detach() - lr * weight.grad)
                Tensor.realize(w1, w2)
                if step == probe:
                    marks["rss_at_probe"] = memory.held_since(base)
            marks["rss_at_end"] = memory.held_since(base)
            return {"grads": [w1, w2], **marks}

        return run


ADAPTER = TinygradAdapter()
