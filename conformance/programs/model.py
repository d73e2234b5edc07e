"""The generator's picture of a program's state: which variables exist and what they look like.

It is a guide, not an oracle. It lets the generator draw steps that mostly make sense (operands
whose shapes fit, backward on tensors that need grad). Where it guesses wrong, the step raises, and
that error is one more observation both engines must agree on.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Var:
    """A tensor variable of the program, as the generator believes it is."""

    name: str
    shape: tuple
    dtype: str
    requires_grad: bool
    is_leaf: bool
    has_grad: bool = False
    dual: bool = False  # made or computed from a dual tensor inside the open dual level
    # Names of the variables that needed grad and that this one was computed from (its graph).
    ancestors: frozenset = frozenset()

    @property
    def dims(self) -> int:
        return len(self.shape)


@dataclass
class Model:
    vars: list[Var] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # kinds of the open with-blocks, innermost last
    has_optimizer: bool = False

    @property
    def no_grad_depth(self) -> int:
        return self.blocks.count("no_grad")

    @property
    def grad_enabled(self) -> bool:
        return self.no_grad_depth == 0

    @property
    def in_dual_level(self) -> bool:
        return "dual_level" in self.blocks

    def new_leaf(self, shape, dtype, requires_grad) -> Var:
        var = Var(f"v{len(self.vars)}", tuple(shape), dtype, requires_grad, is_leaf=True)
        self.vars.append(var)
        return var

    def result(self, shape, dtype, *inputs: Var) -> Var:
        """The output of an op: it needs grad when grad mode is on and an input needs grad."""
        requires_grad = self.grad_enabled and any(v.requires_grad for v in inputs)
        var = Var(f"v{len(self.vars)}", tuple(shape), dtype, requires_grad, is_leaf=not requires_grad)
        if requires_grad:
            var.ancestors = frozenset().union(*(v.ancestors | {v.name} for v in inputs if v.requires_grad))
        var.dual = self.in_dual_level and any(v.dual for v in inputs)
        self.vars.append(var)
        return var

    def needing_grad(self) -> list[Var]:
        return [v for v in self.vars if v.requires_grad]


def broadcast(a: tuple, b: tuple) -> tuple | None:
    """The broadcast shape of two shapes, or None when they don't broadcast."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x != y and 1 not in (x, y):
            return None
        out.append(max(x, y))
    return tuple(reversed(out))


def promote(*dtypes: str) -> str:
    return "float64" if "float64" in dtypes else "float32"
