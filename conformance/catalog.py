"""The rule catalog: rules, their checks, and the registry that collects them.

A *rule* is one behaviour of torch.autograd, explained for a learner, with a runnable example.
A *check* is a hypothesis property: a function ``body(torch, obs, **drawn)`` written against the
torch API only. The suite runs the same body on the real torch and on the engine under test and
compares what ``obs`` recorded (see ``conformance.observe``). Bodies never state what torch does.

Check bodies must be self-contained (they use only their parameters and builtins), because the
reproducer of a failure is the body's own source with the shrunk arguments filled in.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

# Areas, in the order reports list them. The key is stable (it is part of check ids' metadata).
AREAS: dict[str, str] = {
    "leaves": "Leaves and requires_grad",
    "graph": "grad_fn and graph structure",
    "backward": "backward() and its gradient argument",
    "accumulation": "Gradient accumulation",
    "nonleaf": "Non-leaf grads and retain_grad",
    "retain_graph": "retain_graph and saved tensors",
    "detach": "detach",
    "grad_mode": "Grad modes",
    "inplace": "In-place ops and version counters",
    "higher_order": "autograd.grad and higher order",
    "hooks": "Hooks",
    "function": "Custom autograd.Function",
    "dtypes": "Broadcasting, dtypes and type promotion",
    "forward_ad": "Forward-mode AD",
    "functional": "autograd.functional",
    "anomaly": "Anomaly mode",
    "inference": "Inference tensors",
    "saved_hooks": "Saved-tensor hooks",
    "graph_api": "The graph API: node hooks, GradientEdge, multi-grad hooks",
    "reentrant": "Reentrant backward, checkpointing and engine callbacks",
    "serialization": "Serialization: pickle, deepcopy, torch.save",
    "nn": "nn.Module, Parameter and optim as they meet autograd",
    "ops": "Operators (hand-written: Python operators and scalar operands)",
    "numbers": "Integer and bool tensors, Python numbers, out=",
    "kinks": "Kinks and ties: torch's conventions where a derivative is not unique",
    "programs": "Random programs",
    # Generated from the installed torch's op database (conformance.ops.opdb), by kind of op.
    "op_unary": "Ops: elementwise unary",
    "op_binary": "Ops: elementwise binary",
    "op_reduction": "Ops: reductions",
    "op_nn": "Ops: torch.nn.functional",
    "op_linalg": "Ops: torch.linalg",
    "op_special": "Ops: torch.special",
    "op_fft": "Ops: torch.fft",
    "op_other": "Ops: shapes, indexing, factories and the rest",
}


@dataclass
class Check:
    """One hypothesis property of a rule. Its id is ``<rule id>::<name>`` and never changes."""

    rule: Rule
    name: str
    body: Callable
    strategies: dict = field(default_factory=dict)
    # Upper bound on hypothesis examples for this check (some bodies are slow or have few inputs).
    max_examples: int | None = None
    # Optional ``script(kwargs) -> str``: a standalone reproducer for checks whose body is not the
    # program (random-program fuzzing); None means the reproducer is built from ``source()``.
    script: Callable | None = None
    # Optional ``examples(profile, seed) -> iterable of kwargs``: the check runs exactly these examples,
    # in order, instead of drawing from ``strategies`` (torch's own sample inputs of an op). They are
    # already small, so the first that differs is the failure, unshrunk.
    examples: Callable | None = None
    # True when the body calls helpers of its own module: the module (stdlib only) is then the
    # reproducer's source rather than the body alone.
    module_source: bool = False

    @property
    def id(self) -> str:
        return f"{self.rule.id}::{self.name}"

    @property
    def area(self) -> str:
        return self.rule.area

    def source(self) -> str:
        """The body's source, dedented and without decorators: the heart of a reproducer."""
        if self.module_source:
            return inspect.getsource(inspect.getmodule(self.body))
        lines = inspect.getsource(self.body).splitlines()
        while lines and not lines[0].lstrip().startswith("def "):
            lines.pop(0)
        return textwrap.dedent("\n".join(lines)) + "\n"


@dataclass
class Rule:
    """A behaviour of torch.autograd.

    claim/verdict: the number (1-8) of the source article's claim this rule covers, and whether
    torch agrees ("agrees", or "differs: <how>"). A test runs every rule's example on torch, so the
    explanation and example cannot drift from what torch does.
    """

    id: str
    area: str
    title: str
    explanation: str
    example: str
    claim: int | None = None
    verdict: str | None = None
    source: str = ""
    # The example's variable whose graph the rule book draws (graph rules), or None for no picture.
    graph_of: str | None = None
    checks: list[Check] = field(default_factory=list)
    # Generated from torch's op database rather than written here (the rule book shows written rules).
    generated: bool = False

    def __post_init__(self):
        if self.area not in AREAS:
            raise ValueError(f"rule {self.id}: unknown area {self.area!r}")
        if (self.claim is None) != (self.verdict is None):
            raise ValueError(f"rule {self.id}: a claim needs a verdict and a verdict needs a claim")
        self.explanation = textwrap.dedent(self.explanation).strip()
        if not self.generated:  # a generated rule builds its example when asked (from torch's samples)
            self.example = textwrap.dedent(self.example).strip() + "\n"
        REGISTRY.add(self)

    def add_check(self, check: Check) -> Check:
        """Register a check built elsewhere (generated checks: ``examples`` instead of strategies)."""
        if check.rule is not self:
            raise ValueError(f"check {check.name} belongs to {check.rule.id}, not {self.id}")
        self.checks.append(check)
        return check

    def check(self, name: str, max_examples: int | None = None, script: Callable | None = None, **strategies):
        """Decorator: ``@RULE.check("name", shape=shapes())`` registers ``body(torch, obs, shape)``.

        ``script(check, kwargs) -> str`` replaces the default reproducer (for bodies that interpret data)."""

        def register(body):
            check = Check(self, name, body, strategies, max_examples)
            if script is not None:
                check.script = lambda kwargs: script(check, kwargs)
            self.checks.append(check)
            return body

        return register


class Registry:
    def __init__(self):
        self.rules: dict[str, Rule] = {}

    def add(self, rule: Rule):
        if rule.id in self.rules:
            raise ValueError(f"duplicate rule id {rule.id}")
        self.rules[rule.id] = rule

    def checks(self) -> list[Check]:
        return [c for r in self.rules.values() for c in r.checks]


REGISTRY = Registry()
_loaded = False


def load_catalog() -> Registry:
    """Import every module under ``conformance.rules`` (and the op table), which registers rules."""
    global _loaded
    if not _loaded:
        import conformance.rules as pkg

        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{pkg.__name__}.{info.name}")
        _loaded = True
    return REGISTRY
