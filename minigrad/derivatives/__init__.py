"""The derivatives table: minigrad's `derivatives.yaml`.

Every differentiable op is one `Derivative` row, declared once in the family module named like the op's
family (derivatives/arithmetic.py holds mul; ops/arithmetic.py computes mul's forward):

    MUL = Derivative(
        "mul.Tensor(Tensor self, Tensor other) -> Tensor", "MulBackward0",
        self=lambda grad, other: grad * other,
        other=lambda grad, self: grad * self,
        result=lambda self_t, other_t, self_p, other_p: other_t * self_p + self_t * other_p,
    )

- The schema names the op's arguments as torch's native_functions.yaml does. Tensor arguments with a formula
  are the node's inputs (its `next_functions`, in schema order); `Tensor(a)` in and out marks a view op
  (`Tensor(a!)`, an in-place op's self, does not: its row records the result like any op's, and the
  in-place machinery writes it into self).
- Each input's keyword is its backward formula; each output's keyword (`result` for a single output) is its
  forward derivative, or AUTO_ELEMENT_WISE (the backward formulas with `grad` replaced by the tangents).
  `output_differentiability=[True, False]` marks outputs without a gradient (max.dim's indices): they get no
  grad_fn and no tangent.
- A joint formula computes several inputs' gradients at once, as derivatives.yaml writes them
  (`**{"input, weight, bias": formula}`): it returns one gradient per named input, in that order, and runs
  once when any of them needs one; its `output_mask` says which of them do (torch's grad_input_mask), so it
  computes only those. Its uses are shared by all the inputs it names, so nothing it uses is saved
  conditionally.
- What a formula uses is what its parameters are named: `grad` (the output's gradient; `grads` for all of
  them), an input or output name (the tensor, saved), `<input>_sym_sizes` / `_sym_numel` / `_sym_strides` /
  `_scalar_type` / `_sym_sizes_opt` (an optional input's sizes) / `_sym_argsize_<d>` and
  `_sym_argsize_minus_<d>` (one size, torch's `weight.sym_size(0)`) (its metadata), a non-Tensor argument
  of the schema (`alpha`, `dim`: its value),
  `output_mask` (which inputs need a gradient), or a private `_name` the op passes to `record`. In forward
  formulas, `<input>_t` is the input's tangent (zeros if it has none) and `<input>_p` its primal.
- So the saved set follows from the formulas, exactly as torch derives it (gen_variable_type.py): every
  name a backward formula uses is saved on the node as `_saved_<name>` (SavedTensors for tensors, a tuple
  of them for a Tensor[] or Tensor?[], whose None entries stay None, so that "backward through the graph a
  second time" and "modified by an inplace operation" fire as in torch). A
  tensor input is saved only when the input whose formula uses it needs a gradient, if that formula is its
  only user, the op has several differentiable inputs, the input is a plain `Tensor` and the op is not
  itself a backward; outputs and non-tensor values are always saved (an output the node does not own, a
  non-differentiable one such as max.dim's indices, is saved as a plain tensor, as torch saves a leaf).
  `<input>_sym_strides` is () when the input does not require grad (torch's strides_or_error). Backward
  unpacks every saved tensor before it computes anything, as torch's generated apply() does, so a stale one
  fails even when unused.

`row.record(data, *args)` is what the op's forward calls with its numpy result and its arguments (in schema
order; private values by keyword): it builds the node when grad mode is on and an input requires grad, saves
what the formulas use, wraps the result (a view of the schema's aliased input for view ops), and propagates
tangents while a forward AD level is active. The node class and `record` are generated from the row once, at
import (like dataclasses' methods), so the hot path runs straight-line code.

Formulas are written with minigrad ops: Tensor methods and operators, and `at.<op>` for functions that are not
methods (the ops layer fills `at`, as torch's formulas call at::). So create_graph=True and higher order work.
"""

import inspect
import linecache
import re

from .._core import forward_ad
from .._core.fp import silent
from .._core.graph import Node, SavedTensor, make_node
from .._core.tensor import Tensor, make_output, set_tangent, tangent_of, wrapped_number, zero_tangent
from .._core.views import make_view

AUTO_ELEMENT_WISE = "auto_element_wise"

NO_FORWARD_AD = (
    "Trying to use forward AD with {op} that does not support it because it has not been implemented yet.\n"
    "Please file an issue to PyTorch at https://github.com/pytorch/pytorch/issues/new?template=feature-request"
    ".yml so that we can prioritize its implementation or submit a PR adding the implementation to "
    "derivatives.yaml"
)


class Ops:
    """`at`: the ops that formulas call and that are not Tensor methods (at::where, at::tanh_backward...).
    The ops layer registers them when it loads; formulas only run after that."""

    def register(self, **ops):
        for name, fn in ops.items():
            setattr(self, name, fn)


at = Ops()

_METADATA = ("_sym_sizes_opt", "_sym_sizes", "_sym_numel", "_sym_strides", "_scalar_type", "_dim")


class Argument:
    __slots__ = ("name", "type", "is_tensor", "is_list", "optional", "alias")

    def __init__(self, type_, name):
        self.name = name
        self.alias = _is_view_alias(type_)
        base = re.sub(r"\(.*?\)", "", type_)
        self.optional = base.endswith("?")
        self.is_list = "[]" in base
        self.is_tensor = base.startswith("Tensor")
        self.type = base


def _is_view_alias(type_):
    """Tensor(a) or Tensor(a -> *): a view of the argument (Tensor(a!), an in-place op's self, is not)."""
    return "(a" in type_ and "!" not in type_


def _split_args(text):
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += ch in "(["  # (a list default, dims=[0, 1], holds commas too)
        depth -= ch in ")]"
        current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def parse_schema(schema):
    """(name, [Argument], [output names], outputs aliased, output is a list) from
    "name.overload(Type arg, ...) -> Type" or "-> (Type a, Type b)"."""
    match = re.fullmatch(r"([\w.]+)\((.*)\) -> (.*)", schema.strip())
    if match is None:
        raise ValueError(f"bad schema {schema!r}")
    name, args_text, returns = match.groups()
    args = []
    for part in _split_args(args_text):
        if part == "*":
            continue
        decl = part.split("=")[0].strip()
        type_, arg_name = decl.rsplit(" ", 1)
        args.append(Argument(type_, arg_name))
    returns = returns.strip()
    if returns.startswith("("):
        outs = [r.strip().rsplit(" ", 1) for r in _split_args(returns[1:-1])]
        names = [o[1] if len(o) == 2 else f"result{i}" for i, o in enumerate(outs)]
        aliased = any(_is_view_alias(o[0]) for o in outs)
        return name, args, names, aliased, False
    return name, args, ["result"], _is_view_alias(returns), "[]" in returns


class Derivative:
    """One row of the table; see the module's docstring."""

    def __init__(self, schema, node, /, *, output_differentiability=None, **formulas):
        self.schema = schema
        self.op, self.args, self.outputs, self.is_view, self.list_output = parse_schema(schema)
        self.node_name = node
        names = {a.name for a in self.args}
        self.joint = {}  # input name -> the names of its joint formula, in the formula's order
        for key in [k for k in formulas if "," in k]:
            group = tuple(name.strip() for name in key.split(","))
            formula = formulas.pop(key)
            for name in group:
                formulas[name] = formula
                self.joint[name] = group
        unknown = set(formulas) - names - set(self.outputs)
        if unknown:
            raise ValueError(f"{self.op}: formulas for unknown names {sorted(unknown)}")
        self.inputs = [a for a in self.args if a.is_tensor and a.name in formulas]
        self.backward = {a.name: formulas[a.name] for a in self.inputs}
        self.forward = {o: formulas[o] for o in self.outputs if o in formulas}
        self.output_differentiability = output_differentiability
        self.view_of = next((a.name for a in self.args if a.alias), None) if self.is_view else None
        self.multiple_views = self.is_view and self.list_output
        self._analyse()
        self.node_class = self._generate_node()
        self.record = self._generate_record()

    def __repr__(self):
        return f"<Derivative {self.schema} {self.node_name}>"

    # ---- what the formulas use --------------------------------------------------------------------
    def _params(self, fn):
        return list(inspect.signature(fn).parameters)

    def _classify(self, name):
        """What a backward formula's parameter `name` refers to: (kind, source)."""
        if name in ("grad", "grads", "output_mask"):
            return name, None
        args = {a.name: a for a in self.args}
        if name in self.outputs:
            return "output", self.outputs.index(name)
        if name in args:
            return ("tensor" if args[name].is_tensor else "value"), name
        metadata = _metadata_name(name, args)
        if metadata is not None:
            return "metadata", metadata
        if name.startswith("_"):
            return "private", name
        raise ValueError(f"{self.op}: formula parameter {name!r} is not a name of the schema")

    def _analyse(self):
        """The saved values (in the order formulas first use them) and the guard of each saved input."""
        users = {}  # saved name -> inputs whose formula uses it
        order = []
        for a in self.inputs:
            for p in self._params(self.backward[a.name]):
                kind, _ = self._classify(p)
                if kind in ("grad", "grads", "output_mask"):
                    continue
                if p not in users:
                    users[p] = []
                    order.append(p)
                users[p].append(a.name)
        self.saved = order
        self.guards = {}
        args = {a.name: a for a in self.args}
        for name in order:
            kind, _ = self._classify(name)
            if kind != "tensor":
                continue
            arg = args[name]
            used_in = users[name]
            if (
                len(self.inputs) > 1
                and "backward" not in self.op.split(".")[0]
                and arg.type == "Tensor"
                and len(used_in) == 1
            ):
                self.guards[name] = [a.name for a in self.inputs].index(used_in[0])

    @staticmethod
    def _slot(name):
        """The node slot of a saved name: `saved_x` (torch's `_saved_x`), or hidden as `_x`."""
        if name.startswith("_"):
            return "_p" + name
        if name.endswith("_scalar_type"):
            return "_" + name
        return "saved_" + name

    # ---- code generation --------------------------------------------------------------------------
    def _compile(self, source, namespace, fn_name):
        filename = f"<derivative {self.op}: {fn_name}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), namespace)
        return namespace[fn_name]

    def _generate_node(self):
        single = len(self.outputs) == 1 and not self.list_output
        lines = []
        if single:
            lines.append("def backward(node, grad):")
        else:
            lines.append("def apply(node, grads):")
            lines.append("    grad = grads[0]")
        lines.append("    _f = node._next_fns")
        namespace = {"_unpack": _unpack, "_unpack_list": _unpack_list}
        local = {}
        for name in self.saved:
            kind, _ = self._classify(name)
            var = "v_" + name
            local[name] = var
            slot = self._slot(name)
            if kind == "tensor":
                arg = next(a for a in self.args if a.name == name)
                fn = "_unpack_list" if arg.is_list else "_unpack"
                lines.append(f"    {var} = {fn}(node.{slot}, node)")
            elif kind == "output":
                lines.append(f"    {var} = _unpack(node.{slot}, node)")
            else:
                lines.append(f"    {var} = node.{slot}")
        list_input = next((a for a in self.inputs if a.is_list), None)
        if list_input is not None and len(self.inputs) > 1:
            raise ValueError(f"{self.op}: a Tensor[] input must be the only differentiable one")
        uses_mask = any(
            "output_mask" in self._params(f) for name, f in self.backward.items() if name not in self.joint
        )
        if uses_mask:
            lines.append("    output_mask = tuple(f is not None for f in _f)")
        position = {a.name: i for i, a in enumerate(self.inputs)}
        results = []
        # torch's generated apply() computes the formulas in the sorted order of their derivatives.yaml keys
        # ("other" before "self"), which decides the order of the nodes a create_graph=True backward records
        computations = []  # (key, lines)
        for i, a in enumerate(self.inputs):
            fname = "F_" + a.name
            namespace[fname] = self.backward[a.name]
            call_args = []
            for p in self._params(self.backward[a.name]):
                call_args.append(p if p in ("grad", "grads") else local.get(p, p))
            call = f"{fname}({', '.join(call_args)})"
            group = self.joint.get(a.name)
            if group is not None and group[0] == a.name:  # a joint formula runs once, for all its inputs
                needed = [f"_f[{position[n]}] is not None" for n in group]
                mask = "(" + "".join(f"{c}, " for c in needed) + ")"
                joint = f"    joint_{a.name} = {call} if any(output_mask) else (None,) * {len(group)}"
                computations.append((", ".join(group), [f"    output_mask = {mask}", joint]))
            if group is not None:
                results.append(f"joint_{group[0]}[{group.index(a.name)}] if _f[{i}] is not None else None")
            elif a.is_list:
                computations.append((a.name, [f"    return tuple({call})"]))
            else:
                computations.append((a.name, [f"    r_{a.name} = {call} if _f[{i}] is not None else None"]))
                results.append(f"r_{a.name}")
        for _, computation in sorted(computations, key=lambda c: c[0]):
            lines.extend(computation)
        if list_input is None:
            lines.append("    return (" + "".join(f"\n        {r}," for r in results) + "\n    )")
        source = "\n".join(lines) + "\n"
        method = self._compile(source, namespace, "backward" if single else "apply")
        slots = tuple(self._slot(n) for n in self.saved)
        class_name = self.node_name.rpartition("::")[2]
        tensors = tuple(self._slot(n) for n in self.saved if self._classify(n)[0] in ("tensor", "output"))
        body = {
            "__slots__": slots,
            method.__name__: method,
            "derivative": self,
            "_saved_tensor_names": tensors,
        }
        if class_name != self.node_name:  # torch's C++ nodes name themselves with their namespace
            full_name = self.node_name
            body["name"] = lambda node: full_name
        cls = type(class_name, (Node,), body)
        cls.__module__ = "builtins"  # torch's generated nodes are C++ types: <class 'MulBackward0'>
        cls.__qualname__ = class_name
        return cls

    def _generate_record(self):
        args = self.args
        params = [a.name if a.name != "self" else "self" for a in args]
        privates = [n for n in self.saved if self._classify(n)[0] == "private"]
        for fn in self.forward.values():
            if callable(fn):
                privates += [p for p in self._params(fn) if p.startswith("_") and p not in privates]
        signature = ", ".join(
            ["data", *params] + (["*", *(f"{p}=None" for p in privates)] if privates else [])
        )
        lines = [f"def record({signature}):"]
        edges = []
        for a in self.inputs:
            if a.is_list:
                edges.append(f"*{a.name}")
            else:
                edges.append(f"{a.name} if isinstance({a.name}, Tensor) else None")
        lines.append(f"    node = make_node(Node_, {', '.join(edges)})")
        lines.append("    if node is not None:")
        saves = []
        if self.guards:
            saves.append("_f = node._next_fns")
        for name in self.saved:
            kind, source = self._classify(name)
            slot = self._slot(name)
            if kind == "tensor":
                arg = next(a for a in args if a.name == name)
                # a plain Tensor (the usual case) saved inline; numbers, None and subclasses through _save
                inline = f"SavedTensor({name}) if {name}.__class__ is Tensor else _save({name})"
                value = f"_save_list({name})" if arg.is_list else inline
                if name in self.guards:
                    saves.append(f"if _f[{self.guards[name]}] is not None:")
                    saves.append(f"    node.{slot} = {value}")
                else:
                    saves.append(f"node.{slot} = {value}")
            elif kind in ("value", "private"):
                saves.append(f"node.{slot} = {name}")
            elif kind == "metadata":
                input_name, suffix = source
                saves.append(f"node.{slot} = _metadata({input_name}, {suffix!r})")
        lines += ["        " + s for s in saves] or ["        pass"]
        outputs_saved = [(n, self._classify(n)[1]) for n in self.saved if self._classify(n)[0] == "output"]
        single = len(self.outputs) == 1 and not self.list_output
        view = f", view_of={self.view_of}" if self.is_view else ""
        if single:
            wrap = f"_wrap_view(data, node, {self.view_of})" if self.is_view else "make_output(data, node)"
            lines.append(f"    out = {wrap}")
            outs = "(out,)"
        else:
            lines.append(f"    outs = _wrap_outputs(row_, data, node{view})")
            outs = "outs"
        args_dict = ", ".join(f"{p!r}: {p}" for p in params + privates)
        lines.append("    if forward_ad.state.enabled:")
        lines.append(f"        _propagate(row_, {outs}, {{{args_dict}}})")
        # outputs are saved last, once their tangents are set (torch's SavedVariable keeps the tangent)
        for name, index in outputs_saved:
            if single:
                lines.append("    if node is not None and out._gfn is node:")
                lines.append(f"        node.{self._slot(name)} = SavedTensor(out, True, 0)")
            else:
                # an output the node does not own (not differentiable: max.dim's indices) is saved as itself,
                # as torch's SavedVariable saves a leaf
                lines.append(f"    if node is not None and outs[{index}] is not None:")
                lines.append(
                    f"        node.{self._slot(name)} = "
                    f"SavedTensor(outs[{index}], outs[{index}]._gfn is node, {index})"
                )
        lines.append("    return out" if single else "    return outs")
        namespace = {
            "make_node": make_node,
            "make_output": make_output,
            "Node_": self.node_class,
            "Tensor": Tensor,
            "SavedTensor": SavedTensor,
            "_save": _save,
            "_save_list": _save_list,
            "_metadata": _metadata,
            "_wrap_view": _wrap_view,
            "_wrap_outputs": _wrap_outputs,
            "forward_ad": forward_ad,
            "_propagate": _propagate,
            "row_": self,
        }
        return self._compile("\n".join(lines) + "\n", namespace, "record")


# ---- helpers of the generated code ----------------------------------------------------------------------
def _save(t):
    if t is None:
        return None
    if not isinstance(t, Tensor):
        t = wrapped_number(t)
    return SavedTensor(t)


def _save_list(ts):
    return tuple(_save(t) for t in ts)


def _unpack(saved, node):
    return None if saved is None else saved.unpack(node)


def _unpack_list(saved, node):
    """A saved Tensor[] or Tensor?[] (index's indices: None for the dims before an index)."""
    return None if saved is None else [None if s is None else s.unpack(node) for s in saved]


_ARGSIZE = re.compile(r"(.+)_sym_argsize_(minus_)?(\d+)")


def _metadata_name(name, args):
    """(input, suffix) when `name` is metadata of a schema argument (`self_sym_sizes`, `weight_sym_argsize_0`,
    `grad_output_sym_argsize_minus_1`), else None."""
    for suffix in _METADATA:
        if name.endswith(suffix) and name[: -len(suffix)] in args:
            return name[: -len(suffix)], suffix
    match = _ARGSIZE.fullmatch(name)
    if match is not None and match.group(1) in args:
        dim = int(match.group(3))
        return match.group(1), -dim if match.group(2) else dim
    return None


def _metadata(t, suffix):
    if type(suffix) is int:  # <input>_sym_argsize_<dim>: one size
        return t._data.shape[suffix]
    if suffix == "_sym_sizes_opt":  # an optional tensor's sizes; torch shows (0,) for none
        return (0,) if t is None else t._data.shape
    data = t._data
    if suffix == "_sym_sizes":
        return data.shape
    if suffix == "_sym_numel":
        return data.size
    if suffix == "_sym_strides":  # torch's strides_or_error: () for an input that does not require grad
        return tuple(s // data.itemsize for s in data.strides) if t._requires_grad else ()
    if suffix == "_dim":
        return data.ndim
    return t.dtype


def _wrap_view(data, node, base):
    return make_view(base, data, node)


def _wrap_outputs(row, datas, node, view_of=None):
    """Several outputs of one node: the differentiable ones are its outputs 0, 1, ... (their output_nr and
    the gradients its formulas get); non-differentiable ones (max.dim's indices) have no grad_fn and no place
    among the node's outputs, as in torch (output_nr 0, as all outputs have when no graph is recorded)."""
    diff = row.output_differentiability
    outs = []
    meta = []
    for i, data in enumerate(datas):
        if data is None:  # an output the op did not compute (convolution_backward's, by its output_mask)
            outs.append(None)
            meta.append(None)
            continue
        owner = node if diff is None or diff[i] else None
        if view_of is not None:
            out = make_view(view_of, data, owner, multiple_outputs=row.multiple_views)
        else:
            out = make_output(data, owner)
        if owner is not None:
            out._output_nr = len(meta)
            meta.append((data.shape, data.dtype))
        outs.append(out)
    if node is not None:
        node._out_meta = tuple(meta)
    return tuple(outs) if not row.list_output else list(outs)


# ---- forward-mode AD --------------------------------------------------------------------------------------
def _propagate(row, outs, args):
    """Set the outputs' tangents from the inputs' (torch's forward derivative formulas), if an input has
    one."""
    tangents = {}
    any_tangent = False
    for a in row.args:
        if not a.is_tensor:
            continue
        value = args[a.name]
        if a.is_list:
            ts = [tangent_of(v) if isinstance(v, Tensor) else None for v in value]
            tangents[a.name] = ts
            any_tangent = any_tangent or any(t is not None for t in ts)
        elif isinstance(value, Tensor):
            t = tangent_of(value)
            tangents[a.name] = t
            any_tangent = any_tangent or t is not None
    if not any_tangent:
        return
    differentiable = [
        i
        for i, o in enumerate(outs)
        if o is not None
        and o._data.dtype.kind == "f"
        and (row.output_differentiability is None or row.output_differentiability[i])
    ]
    if not differentiable:
        return
    if not row.forward:
        raise NotImplementedError(NO_FORWARD_AD.format(op=row.op.split(".")[0]))
    primals = {}
    with forward_ad.suspended(), silent():
        for i in differentiable:
            name = row.outputs[i] if not row.list_output else "result"
            formula = row.forward.get(name)
            if formula is None:
                raise NotImplementedError(NO_FORWARD_AD.format(op=row.op.split(".")[0]))
            if formula == AUTO_ELEMENT_WISE:
                tangent = _auto_element_wise(row, outs, args, tangents, primals)
            else:
                kwargs = {
                    p: _forward_value(row, p, outs, args, tangents, primals)
                    for p in inspect.signature(formula).parameters
                }
                tangent = formula(**kwargs)
            if row.list_output:
                for out, t in zip(outs, tangent):
                    set_tangent(out, t)
                return
            if tangent is not None:
                set_tangent(outs[i], _conform_tangent(tangent, outs[i]))


def _conform_tangent(tangent, out):
    if tangent._data.shape != out._data.shape:
        tangent = tangent.expand(out._data.shape).contiguous()
    return tangent


FW_GRAD_DEFINED = "_fw_grad_defined"


def _primal(value, primals):
    """torch's toNonOptPrimal: a forward formula sees each tensor input as `_fw_primal(0)` of it, a view
    without its tangent, made once per op (where the input requires grad, an Identity node in the tangent's
    graph)."""
    if isinstance(value, list):
        return [_primal(v, primals) for v in value]
    if not isinstance(value, Tensor):
        return value
    primal = primals.get(id(value))
    if primal is None:
        primal = primals[id(value)] = at.unpack_dual(value, 0)
    return primal


def _forward_value(row, name, outs, args, tangents, primals):
    if name.endswith("_t") and name[:-2] in tangents:
        base = name[:-2]
        t = tangents[base]
        primal = args[base]
        if isinstance(t, list):
            return [ti if ti is not None else zero_tangent(p) for ti, p in zip(t, primal)]
        return t if t is not None else zero_tangent(primal)
    if name.endswith("_t") and name[:-2] in args:  # a Tensor argument given as a number (or None): a zero
        return None if args[name[:-2]] is None else zero_tangent(wrapped_number(0.0))
    if name.endswith("_p") and name[:-2] in args:
        return _primal(args[name[:-2]], primals)
    if name.endswith(FW_GRAD_DEFINED) and name[: -len(FW_GRAD_DEFINED)] in args:  # torch's isFwGradDefined
        return tangents.get(name[: -len(FW_GRAD_DEFINED)]) is not None
    if name in row.outputs:
        return outs[row.outputs.index(name)]
    if name in args:  # torch's generated code reads an input named in a forward formula as its primal
        return _primal(args[name], primals)
    metadata = _metadata_name(name, args)
    if metadata is not None:
        return _metadata(args[metadata[0]], metadata[1])
    if name == "result" and row.list_output:
        return list(outs)
    raise ValueError(f"{row.op}: forward formula parameter {name!r} is not a name of the schema")


def _auto_element_wise(row, outs, args, tangents, primals):
    """torch's auto_element_wise: the sum over inputs of the backward formula with grad = the input's
    tangent."""
    total = None
    for a in row.inputs:
        t = tangents.get(a.name)
        if t is None:
            continue
        formula = row.backward[a.name]
        kwargs = {}
        for p in inspect.signature(formula).parameters:
            kwargs[p] = t if p == "grad" else _forward_value(row, p, outs, args, tangents, primals)
        part = formula(**kwargs)
        total = part if total is None else total + part
    return total
