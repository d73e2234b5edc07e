"""Karpathy's micrograd: one Python object per scalar, so tensors become lists of Values."""

import numpy as np
from micrograd.engine import Value

from benchmarks import data, memory
from benchmarks.engines.base import NotApplicable


def _values(array):
    return [Value(float(v)) for v in array.ravel()]


def _matmul(rows, cols, inner, left, right):
    """left (rows x inner) @ right (inner x cols), both flat lists of Values in row-major order."""
    return [
        sum(left[r * inner + k] * right[k * cols + c] for k in range(inner))
        for r in range(rows)
        for c in range(cols)
    ]


class MicrogradAdapter:
    def info(self):
        return {}

    def to_numpy(self, value):
        return np.asarray(value, dtype=np.float64)

    def tiny(self, params):
        a_array, b_array = data.tiny_inputs()
        a, b = _values(a_array), _values(b_array)
        iterations = params["iterations"]

        def run():
            for _ in range(iterations):
                for value in a + b:
                    value.grad = 0.0
                loss = sum(ai * bi + ai for ai, bi in zip(a, b))
                loss.backward()
            return {"grads": [[v.grad for v in a], [v.grad for v in b]]}

        return run

    def mlp(self, params):
        multiplies = params["batch"] * params["width"] * (params["width"] + params["classes"])
        raise NotApplicable(f"scalar engine: {multiplies:,} scalar multiplies per step")

    def chain(self, params):
        start, scale, shift = (Value(float(array[0])) for array in data.chain_inputs())
        nodes = params["nodes"]

        def run():
            y = start
            for _ in range(nodes):
                y = y * scale + shift
            for value in (start, scale, shift):
                value.grad = 0.0
            try:
                y.backward()
            except RecursionError as error:
                raise NotApplicable(f"micrograd's backward() sorts the graph recursively: {error}") from None
            return {"grads": [[start.grad], [scale.grad], [shift.grad]]}

        return run

    def held(self, params):
        raise NotApplicable("scalar engine: one Python object per array element")

    def train(self, params):
        x_array, w1_array, w2_array = data.train_inputs()
        x, w1, w2 = _values(x_array), _values(w1_array), _values(w2_array)
        (rows, inner), hidden = x_array.shape, w1_array.shape[1]
        steps, probe, lr = params["steps"], params["probe"], data.TRAIN_LEARNING_RATE

        def run():
            base = memory.rss_bytes()
            marks = {}
            for step in range(1, steps + 1):
                hid = [v.relu() for v in _matmul(rows, hidden, inner, x, w1)]
                out = _matmul(rows, 1, hidden, hid, w2)
                loss = sum(o * o for o in out)
                for weight in w1 + w2:
                    weight.grad = 0.0
                loss.backward()
                for weight in w1 + w2:
                    weight.data -= lr * weight.grad
                if step == probe:
                    marks["rss_at_probe"] = memory.held_since(base)
            marks["rss_at_end"] = memory.held_since(base)
            return {"grads": [[w.data for w in w1], [w.data for w in w2]], **marks}

        return run


ADAPTER = MicrogradAdapter()
