"""Random differentiable programs for the autograd tests: a hypothesis strategy draws a `Program`, which
runs the same computation on torch or on minigrad (`program(t, *inputs)`), so a test can hand it to
autograd.functional, backward from several threads, pickle its leaves, and so on, on both engines.

A program starts from its inputs (all of one shape) and appends values, each an op of earlier values; its
outputs are the last `n_outputs` values, each reduced to one element when `scalar` is set. Every op is smooth
on the values it meets (no division, logs of positives only), so gradients are finite and second derivatives
exist, and its forward derivative is defined in both engines.
"""

from dataclasses import dataclass

from hypothesis import strategies as st

UNARY = {
    "exp": lambda t, a: (a * 0.5).exp(),
    "sin": lambda t, a: a.sin(),
    "tanh": lambda t, a: a.tanh(),
    "sigmoid": lambda t, a: a.sigmoid(),
    "square": lambda t, a: a * a,
    "cube": lambda t, a: a**3,
    "scale": lambda t, a: a * 3.0 - 1.0,
    "softplus-ish": lambda t, a: (a * a + 1.0).log(),
    "sum": lambda t, a: a.sum(),  # a one-element value, which broadcasts against any other
}
BINARY = {
    "mul": lambda t, a, b: a * b,
    "add": lambda t, a, b: a + b,
    "sub": lambda t, a, b: a - b,
    "mul-sin": lambda t, a, b: a * b.sin(),
}


@dataclass(frozen=True)
class Program:
    n_inputs: int
    steps: tuple  # ("unary", name, i) or ("binary", name, i, j): indices into the values so far
    n_outputs: int = 1
    scalar: bool = False  # reduce each output to one element (for hessian, vhp, hvp)

    def values(self, t, *inputs):
        """The inputs and every value computed from them, in order."""
        values = list(inputs)
        for step in self.steps:
            if step[0] == "unary":
                values.append(UNARY[step[1]](t, values[step[2]]))
            else:
                values.append(BINARY[step[1]](t, values[step[2]], values[step[3]]))
        return values

    def __call__(self, t, *inputs):
        outputs = self.values(t, *inputs)[-self.n_outputs :]
        if self.scalar:
            outputs = [out.sum() for out in outputs]
        return outputs[0] if self.n_outputs == 1 else tuple(outputs)

    def __repr__(self):
        return f"Program({self.n_inputs}, {self.steps!r}, n_outputs={self.n_outputs}, scalar={self.scalar})"


@st.composite
def programs(draw, max_inputs=3, max_steps=5, max_outputs=2, scalar=False):
    """Programs of 1..max_inputs inputs and 1..max_outputs outputs."""
    n_in = draw(st.integers(1, max_inputs))
    steps = []
    for _ in range(draw(st.integers(1, max_steps))):
        available = n_in + len(steps)
        if draw(st.booleans()):
            steps.append(("unary", draw(st.sampled_from(sorted(UNARY))), draw(st.integers(0, available - 1))))
        else:
            i, j = draw(st.integers(0, available - 1)), draw(st.integers(0, available - 1))
            steps.append(("binary", draw(st.sampled_from(sorted(BINARY))), i, j))
    n_out = draw(st.integers(1, max_outputs))
    return Program(n_in, tuple(steps), min(n_out, len(steps)), scalar)


SHAPES = st.sampled_from([(), (1,), (3,), (2, 2), (2, 1, 3)])


def make_inputs(t, n, shape, seed, requires_grad=False, dtype="float64"):
    """`n` tensors of `shape` with the same values on both engines (drawn with numpy from `seed`)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    return tuple(
        t.tensor(rng.uniform(-1.5, 1.5, shape).tolist(), dtype=getattr(t, dtype), requires_grad=requires_grad)
        for _ in range(n)
    )
