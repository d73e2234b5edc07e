"""OpInfo in miniature: one op of the API, its call forms as data, and how to draw its inputs.

An op's *forms* are expression templates over tensors named ``a``, ``b``, ``c``... (and ``F`` for
``torch.nn.functional``), e.g. ``"a.sum(dim={d}, keepdim=True)"``. Its ``inputs`` function draws,
for one form and dtype, the tensor specs and the ``{fields}`` of the template. A *case* is the pair
``(expression, tensors)``: plain data the generic check bodies evaluate on any engine, so a
failure's reproducer reads ``expr="a.sum(dim=-1, keepdim=True)", inputs={"a": ("float32", ...)}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from conformance.ops.inputs import FLOATS

DEFAULT_EXAMPLE_INPUTS = {"a": "torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)"}


@dataclass
class OpInfo:
    name: str  # the rule id is OP-<name>
    title: str
    explanation: str
    doc: str  # page name under https://pytorch.org/docs/stable/generated/
    forms: tuple[str, ...]
    # inputs(draw, dtype, form) -> (tensor specs by name, template fields)
    inputs: Callable
    dtypes: tuple[str, ...] = FLOATS  # the forward check also draws these (ints where the op takes them)
    differentiable: bool = True
    # (template, inputs(draw, form)) pairs: calls that must raise, e.g. shapes that do not broadcast
    errors: tuple[tuple[str, Callable], ...] = ()
    example: str = ""  # the rule's example: one expression over the example inputs
    example_inputs: dict | None = None

    def __post_init__(self):
        self.explanation = " ".join(self.explanation.split())  # one paragraph, however it was indented

    @property
    def rule_id(self) -> str:
        return f"OP-{self.name}"

    def cases(self, dtypes=None, forms=None):
        """Strategy of ``(expression, tensors)`` over the forms (default all), in the dtypes (default own)."""
        dtypes = self.dtypes if dtypes is None else dtypes
        return _cases(tuple(forms or self.forms), self.inputs, tuple(dtypes))

    def error_cases(self, errors=None):
        return _error_cases(tuple(errors or self.errors))

    def example_source(self) -> str:
        """A short runnable program: build the example inputs, run the op, print value and grads."""
        inputs = self.example_inputs or DEFAULT_EXAMPLE_INPUTS
        lines = ["import torch", "F = torch.nn.functional"]
        lines += [f"{name} = {source}" for name, source in inputs.items()]
        lines += [f"out = {self.example}", "print(out)"]
        if self.differentiable:
            lines.append("out.backward(torch.ones_like(out))")
            lines += [
                f"print({name}.grad)" for name, source in inputs.items() if "requires_grad=True" in source
            ]
        return "\n".join(lines)


def _cases(forms, inputs, dtypes):
    @st.composite
    def case(draw):
        form = draw(st.sampled_from(forms))
        dtype = draw(st.sampled_from(dtypes))
        tensors, fields = inputs(draw, dtype, form)
        return form.format(**fields), tensors

    return case()


def _error_cases(errors):
    @st.composite
    def case(draw):
        form, inputs = draw(st.sampled_from(errors))
        tensors, fields = inputs(draw, form)
        return form.format(**fields), tensors

    return case()
