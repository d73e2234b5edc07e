"""Op rules generated from the installed torch's op database: one rule ``OPDB-<op>`` per entry.

Each rule's checks are the aspects the database says the op has (``OpSpec.aspects``):

- ``forward``: the function's outputs (values, dtype, shape) on torch's samples in float32, float64 and
  every integer and bool dtype the op supports;
- ``method``, ``inplace``, ``operator``, ``aliases``: the same through the op's other variants (an
  in-place variant must also return its input, changed);
- ``backward``: gradients for reproducible random upstream gradients (float32 and float64);
- ``grad-fn``: each output's ``requires_grad`` and ``grad_fn`` (name and ``next_functions``);
- ``forward-ad``: tangents through ``torch.autograd.forward_ad`` (where the database says it works);
- ``gradgrad``: second-order gradients (where the database says they work);
- ``errors``: the database's error inputs: the backend must raise torch's exception and message.

Torch is the oracle: the expected outputs are what the installed torch does on the same samples, not
what the database's error regexes or reference functions say. An op or variant the backend lacks makes
that check not applicable, naming what is missing.
"""

from __future__ import annotations

from conformance.catalog import Check, Rule
from conformance.ops import opdb, opdb_bodies

DOCS = "https://pytorch.org/docs/stable/generated/{}.html"

BODIES = {
    "forward": opdb_bodies.forward,
    "method": opdb_bodies.forward,
    "inplace": opdb_bodies.forward,
    "operator": opdb_bodies.forward,
    "aliases": opdb_bodies.forward,
    "backward": opdb_bodies.backward,
    "grad-fn": opdb_bodies.grad_fn,
    "forward-ad": opdb_bodies.forward_ad,
    "gradgrad": opdb_bodies.gradgrad,
    "errors": opdb_bodies.forward,
}

ASPECTS = {
    "forward": "the function's outputs (values, dtype and shape)",
    "method": "the method {method}",
    "inplace": "the in-place method {inplace} (its result is its input, changed)",
    "operator": "the Python operator {operators}",
    "aliases": "the aliases {aliases}",
    "backward": "gradients for random upstream gradients",
    "grad-fn": "each output's requires_grad and grad_fn",
    "forward-ad": "forward-mode AD tangents",
    "gradgrad": "second-order gradients",
    "errors": "its error inputs (torch's exception type and message)",
}


def _docs(spec: opdb.OpSpec) -> str:
    call = spec.primary
    if call.startswith("Tensor."):
        return DOCS.format("torch." + call)
    if spec.function and spec.function.startswith("torch."):
        return DOCS.format(spec.function)
    return DOCS.format("torch." + spec.info.name)


def _explanation(spec: opdb.OpSpec, aspects: list[str]) -> str:
    names = {
        "method": spec.method,
        "inplace": spec.inplace,
        "operators": " and ".join(spec.operators),
        "aliases": ", ".join(spec.aliases),
    }
    checked = "; ".join(ASPECTS[a].format(**names) for a in aspects)
    grads = f", gradients in {', '.join(spec.grad_dtypes)}" if "backward" in aspects else ""
    return (
        f"Generated from the entry {spec.key!r} of the installed torch's op database (OpInfo), called as "
        f"{spec.primary}. On torch's own sample inputs (values in {', '.join(spec.dtypes)}{grads}) the "
        f"backend must match what torch does in: {checked}."
    )


class OpDbRule(Rule):
    """A rule generated from one database entry; its example is built from torch's samples when read."""

    spec: opdb.OpSpec

    @property
    def example(self) -> str:
        if self._example is None:
            self._example = example_source(self.spec)
        return self._example

    @example.setter
    def example(self, value):
        self._example = value or None


def _literal(value) -> str:
    """An encoded sample value as torch source code."""
    if isinstance(value, dict) and len(value) == 1:
        ((kind, data),) = value.items()
        if kind == "tensor":
            dtype, shape, flat, requires_grad = data
            grad = ", requires_grad=True" if requires_grad else ""
            if not flat:  # nested lists cannot say the shape of an empty tensor
                marked = ".requires_grad_()" if requires_grad else ""
                return f"torch.tensor([], dtype=torch.{dtype}).reshape({tuple(shape)!r}){marked}"
            nested = _nest(flat, shape) if shape else flat[0]
            return f"torch.tensor({nested!r}, dtype=torch.{dtype}{grad})"
        if kind in ("dtype", "memory_format", "layout"):
            return f"torch.{data}"
        if kind == "size":
            return f"torch.Size({data!r})"
        if kind == "device":
            return f"torch.device({data!r})"
        if kind == "slice":
            return f"slice({', '.join(map(_literal, data))})"
        if kind == "ellipsis":
            return "..."
        if kind == "complex":
            return f"complex({data[0]!r}, {data[1]!r})"
        if kind == "dict":
            return "{" + ", ".join(f"{k!r}: {_literal(v)}" for k, v in data.items()) + "}"
        if kind == "object":
            path, arguments = data
            return (
                f"torch.{path}(" + ", ".join(f"{k}={_literal(v)}" for k, v in arguments["dict"].items()) + ")"
            )
    if isinstance(value, list):
        return "[" + ", ".join(map(_literal, value)) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(map(_literal, value)) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return f"float({str(value)!r})"
    return repr(value)


def _rounded(value):
    """An encoded value with its floats to 4 significant digits: examples are read, not compared."""
    if isinstance(value, float):
        return float(f"{value:.4g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_rounded(v) for v in value)
    return value


def _nest(flat, shape):
    for side in reversed(shape[1:]):
        flat = [flat[i : i + side] for i in range(0, len(flat), side)]
    return flat


def example_source(spec: opdb.OpSpec) -> str:
    """A short program: the op on torch's smallest early sample, its output, and a gradient."""
    import torch

    grad = "backward" in spec.aspects()
    dtype = "float32" if "float32" in spec.dtypes else spec.dtypes[0]
    found = opdb.raw_samples(spec, dtype, grad, 0, opdb.CANDIDATES) or opdb.raw_samples(
        spec, dtype, grad, 0, None
    )
    # The smallest sample that shows something (an empty tensor shows little), values shortened.
    by_size = sorted(found, key=lambda s: (opdb._numel(s) < 2, opdb._numel(s)))
    sample = _rounded(opdb.encoded(by_size)[0])
    call = spec.primary
    lines = ["import torch"]
    if "wrapper_set_seed" in call:
        lines.append(
            "wrapper_set_seed = lambda op, *args, **kwargs: op(*args, **kwargs)  # the database's RNG wrapper"
        )
    lines.append(f"x = {_literal(sample['input'])}")
    rest = [_literal(a) for a in sample["args"]]
    rest += [f"{k}={_literal(v)}" for k, v in sample["kwargs"]["dict"].items()]
    if call.startswith("Tensor."):
        lines.append(f"out = x.{call[len('Tensor.') :]}({', '.join(rest)})")
    elif call.startswith("lambda"):
        lines += [f"op = {call}", f"out = op({', '.join(['x', *rest])})"]
    else:
        lines.append(f"out = {call}({', '.join(['x', *rest])})")
    lines.append("print(out)")
    namespace: dict = {}
    exec("\n".join(lines).replace("print(out)", ""), namespace)
    out, x = namespace["out"], namespace["x"]
    if (
        isinstance(out, torch.Tensor)
        and out.layout == torch.strided  # ones_like of a sparse result cannot be filled
        and out.requires_grad
        and isinstance(x, torch.Tensor)
        and x.requires_grad
    ):
        lines += ["out.backward(torch.ones_like(out))", "print(x.grad)"]
    return "\n".join(lines) + "\n"


def _shown_name(spec: opdb.OpSpec) -> str:
    """How a reader knows the op: its function or method, else the database's name for the entry."""
    return spec.key if spec.primary.startswith("lambda") else spec.primary


def register(spec: opdb.OpSpec) -> Rule:
    aspects = spec.aspects()
    rule = OpDbRule(
        id=spec.rule_id,
        area=spec.area,
        title=f"{_shown_name(spec)} matches torch on the op database's samples",
        explanation=_explanation(spec, aspects),
        example="",
        source=_docs(spec),
        generated=True,
    )
    rule.spec = spec
    for aspect in aspects:
        rule.add_check(
            Check(rule, aspect, BODIES[aspect], examples=opdb.examples(spec, aspect), module_source=True)
        )
    return rule


RULES = [register(spec) for spec in opdb.specs()]
