"""Cases for tests/minigrad/test_derivatives.py, one module per family of the derivatives table.

Each module defines CASES: {case id: Case}. A case is written against the torch API only, so it runs on torch
and on minigrad alike: `fn(T, *inputs)` computes the op's output(s) from `inputs`, which `Case` builds from
numpy arrays (float64 inputs require grad; `int_inputs` are index/label arrays, never differentiable).
"""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Case:
    fn: object  # fn(T, *inputs) -> tensor or tuple of tensors
    inputs: tuple  # numpy arrays; float ones become float64 tensors that require grad
    # finite differences need smooth points: keep inputs away from kinks unless the case is about them
    gradcheck: bool = True
    gradgradcheck: bool = True
    # whether the create_graph gradient's nodes are compared with torch's (see derivative_cases/indexing.py)
    second_order_graph: bool = True
    forward_ad: bool = True
    tolerance: dict = field(default_factory=dict)  # extra assert_close arguments for tangents

    def tensors(self, T, requires_grad=None):
        """The inputs as T's tensors; `requires_grad`: indices of the float inputs that require grad (all
        by default)."""
        out = []
        for i, a in enumerate(self.inputs):
            if isinstance(a, np.ndarray) and a.dtype.kind == "f":
                rg = requires_grad is None or i in requires_grad
                out.append(T.tensor(a.tolist(), dtype=T.float64, requires_grad=rg))
            elif isinstance(a, np.ndarray):
                out.append(T.tensor(a.tolist(), dtype=T.int64 if a.dtype.kind in "iu" else T.bool))
            else:
                out.append(a)
        return out

    def float_positions(self):
        return [i for i, a in enumerate(self.inputs) if isinstance(a, np.ndarray) and a.dtype.kind == "f"]


def rand(*shape, seed=0, low=None):
    """Standard normal values away from 0 (kinks), or uniform in [low, low + 1) for positive domains."""
    rng = np.random.default_rng(seed)
    if low is not None:
        return rng.random(shape) + low
    values = rng.standard_normal(shape)
    return values + np.sign(values) * 0.1
