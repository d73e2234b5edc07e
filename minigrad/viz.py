"""Pictures of the backward graph behind a tensor: DOT text, and SVG where Graphviz is installed.

Works on minigrad's graphs and on torch's alike, by duck typing: a node is anything with ``name()`` and
``next_functions``; a leaf's node has ``.variable``. Each box shows the node's name, the tensors and values
it saved for backward (torch's ``_saved_*`` attributes) and whether backward has freed them. Edges leave
a node in ``next_functions`` order, labelled with the input position (``:k`` when output k was used).

    from minigrad.viz import to_dot, draw
    print(to_dot(loss))               # DOT text
    draw(loss, "graph")               # writes graph.dot, and graph.svg when `dot` is on PATH
"""

import shutil
import subprocess
from collections import deque
from dataclasses import dataclass, field

ACCUMULATE_GRAD = "torch::autograd::AccumulateGrad"
RENDER_HINT = "Graphviz is not installed; render the DOT file with: dot -Tsvg {dot} -o {svg}"


@dataclass
class NodeInfo:
    """What a box shows: the node's name, a leaf's shape, and each saved attribute (name, summary)."""

    name: str
    leaf_shape: tuple | None = None
    saved: list[tuple[str, str]] = field(default_factory=list)


def _is_tensor(value) -> bool:
    return hasattr(value, "shape") and hasattr(value, "dtype") and hasattr(value, "requires_grad")


def _shape(tensor) -> tuple:
    return tuple(int(s) for s in tensor.shape)


def _dtype_name(tensor) -> str:
    return str(tensor.dtype).removeprefix("torch.")


def _summary(value) -> str:
    """A short, stable description of a saved value (no object addresses, so pictures are reproducible)."""
    if _is_tensor(value):
        return f"tensor {_shape(value)} {_dtype_name(value)}"
    if isinstance(value, (list, tuple)) and all(_is_tensor(v) for v in value) and value:
        return f"{len(value)} tensors"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def saved_attribute_names(node) -> list[str]:
    """The node's ``_saved_*`` attribute names, found with dir().

    torch lists ``_saved_*`` directly (``_raw_saved_*`` are the packed objects, not shown). minigrad keeps
    saved values in ``saved_*`` slots and serves ``_saved_*`` on access, so both spellings are collected.
    """
    names = set()
    for attr in dir(node):
        if attr.startswith("_saved_"):
            names.add(attr)
        elif attr.startswith("saved_"):
            names.add("_" + attr)
    names.discard("_saved_names")  # minigrad's list of its saved slots, not a saved value
    return sorted(names)


def describe(node) -> NodeInfo:
    """Read a node: its name, the leaf's shape for AccumulateGrad, and its saved values or "freed"."""
    name = node.name()
    if name == ACCUMULATE_GRAD or hasattr(node, "variable"):
        return NodeInfo("AccumulateGrad", leaf_shape=_shape(node.variable))
    info = NodeInfo(name)
    for attr in saved_attribute_names(node):
        try:
            value = getattr(node, attr)
        except AttributeError:
            continue
        except RuntimeError:  # reading a saved tensor after backward freed it raises
            info.saved.append((attr.removeprefix("_saved_"), "freed"))
            continue
        info.saved.append((attr.removeprefix("_saved_"), _summary(value)))
    return info


def walk(root_node) -> tuple[list, list[tuple[int, int | None, int, int]]]:
    """Breadth-first, without recursion: the distinct nodes in discovery order, and the edges
    ``(from_index, to_index or None, position, output_nr)`` in next_functions order."""
    nodes, index_of = [root_node], {id(root_node): 0}
    edges, queue = [], deque([root_node])
    while queue:
        node = queue.popleft()
        source = index_of[id(node)]
        for position, (child, output_nr) in enumerate(node.next_functions):
            if child is None:
                edges.append((source, None, position, output_nr))
                continue
            if id(child) not in index_of:
                index_of[id(child)] = len(nodes)
                nodes.append(child)  # keeping the object alive keeps its id unique during the walk
                queue.append(child)
            edges.append((source, index_of[id(child)], position, output_nr))
    return nodes, edges


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _node_label(info: NodeInfo) -> str:
    """A Graphviz HTML-like label: the name in bold, then one row per saved value."""
    rows = [f"<TR><TD><B>{_html_escape(info.name)}</B></TD></TR>"]
    if info.leaf_shape is not None:
        rows.append(f"<TR><TD>leaf {_html_escape(str(info.leaf_shape))}</TD></TR>")
    for attr, summary in info.saved:
        color = ' COLOR="#b00000"' if summary == "freed" else ""
        text = f"{attr}: {summary}"
        rows.append(
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"{color}>{_html_escape(text)}</FONT></TD></TR>'
        )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


def to_dot(root, label: str | None = None) -> str:
    """DOT text for the graph behind ``root`` (a tensor or a node). ``label`` names the tensor in the
    picture (e.g. the variable name); the tensor is drawn as an oval pointing to its grad_fn."""
    lines = [
        "digraph autograd {",
        '  graph [rankdir=TB, fontname="Helvetica", nodesep=0.3, ranksep=0.35];',
        '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5",'
        ' fontname="Helvetica"];',
        '  edge [color="#555555", fontname="Helvetica", fontsize=10];',
    ]
    node = root
    if _is_tensor(root):
        tensor_text = f"{label or 'tensor'} {_shape(root)} {_dtype_name(root)}"
        lines.append(f'  t [shape=oval, fillcolor="#fff4d6", color="#b08a2e", label={_quote(tensor_text)}];')
        node = root.grad_fn
        if node is None:
            why = "leaf: no grad_fn" if root.requires_grad else "no grad_fn: not tracked"
            lines.append(f'  none [shape=plaintext, style="", label={_quote(why)}];')
            lines += ["  t -> none;", "}"]
            return "\n".join(lines) + "\n"
        lines.append(f"  t -> n0 [style=dashed, label={_quote('grad_fn')}];")
    nodes, edges = walk(node)
    for i, n in enumerate(nodes):
        info = describe(n)
        fill = ', fillcolor="#e3f4e1", color="#3f8a3a"' if info.leaf_shape is not None else ""
        lines.append(f"  n{i} [label={_node_label(info)}{fill}];")
    for k, (source, target, position, output_nr) in enumerate(edges):
        text = str(position) if output_nr == 0 else f"{position}:{output_nr}"
        if target is None:
            lines.append(f'  none{k} [shape=plaintext, style="", fontcolor="#888888", label="None"];')
            lines.append(f'  n{source} -> none{k} [style=dotted, color="#999999", label={_quote(text)}];')
        else:
            lines.append(f"  n{source} -> n{target} [label={_quote(text)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def has_graphviz() -> bool:
    return shutil.which("dot") is not None


def to_svg(dot_text: str, timeout: float = 30.0) -> str | None:
    """Render DOT with Graphviz; None when ``dot`` is not installed."""
    if not has_graphviz():
        return None
    done = subprocess.run(
        ["dot", "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=timeout, check=True
    )
    return done.stdout


def draw(root, path: str, label: str | None = None) -> list[str]:
    """Write ``path``.dot and, with Graphviz, ``path``.svg; returns the files written. Without Graphviz
    it prints how to render the DOT file."""
    dot_text = to_dot(root, label)
    dot_path, svg_path = path + ".dot", path + ".svg"
    with open(dot_path, "w") as f:
        f.write(dot_text)
    svg = to_svg(dot_text)
    if svg is None:
        print(RENDER_HINT.format(dot=dot_path, svg=svg_path))
        return [dot_path]
    with open(svg_path, "w") as f:
        f.write(svg)
    return [dot_path, svg_path]
