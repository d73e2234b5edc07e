"""minigrad.viz draws the graph behind a tensor, for minigrad's graphs and for torch's own, the same way."""

import importlib
import subprocess
import sys

import pytest

from minigrad import viz

ENGINES = ["torch", "minigrad"]


@pytest.fixture(params=ENGINES)
def engine(request):
    return importlib.import_module(request.param)


def all_nodes(root_node):
    """The distinct nodes under root_node, found without viz (an independent walk)."""
    found, stack, seen = [], [root_node], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        found.append(node)
        stack.extend(n for n, _ in node.next_functions if n is not None)
    return found


def small_program(torch):
    x = torch.ones(2, 3, requires_grad=True)
    y = (x.exp() * x).sum()
    return x, y


def test_viz_does_not_import_torch():
    code = "import sys, minigrad.viz; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert done.stdout.strip() == "False", done.stderr


def test_one_box_per_node_named_like_the_engine_names_it(engine):
    x, y = small_program(engine)
    dot = viz.to_dot(y, "y")
    nodes = all_nodes(y.grad_fn)
    assert dot.count("<B>") == len(nodes)
    for node in nodes:
        if hasattr(node, "variable"):
            assert f"<B>AccumulateGrad</B></TD></TR><TR><TD>leaf {tuple(node.variable.shape)}" in dot
        else:
            assert f"<B>{node.name()}</B>" in dot
    assert f"y {tuple(y.shape)}" in dot


def test_saved_values_are_shown_and_marked_freed_after_backward(engine):
    x, y = small_program(engine)
    mul = y.grad_fn.next_functions[0][0]
    names = viz.saved_attribute_names(mul)
    assert names, "a mul node saves its inputs"
    before = viz.describe(mul)
    assert [name for name, _ in before.saved] == [n.removeprefix("_saved_") for n in names]
    assert all(summary != "freed" for _, summary in before.saved)
    y.backward()
    freed = []
    for name in names:  # what the engine itself says: reading a freed saved tensor raises
        try:
            getattr(mul, name)
        except RuntimeError:
            freed.append(name.removeprefix("_saved_"))
    assert freed
    after = dict(viz.describe(mul).saved)
    assert sorted(k for k, v in after.items() if v == "freed") == sorted(freed)
    assert f"{freed[0]}: freed" in viz.to_dot(y)


def test_edges_follow_next_functions_order_with_none_entries(engine):
    w = engine.ones(2, requires_grad=True)
    c = engine.ones(2)
    out = c * w.exp()
    nodes, edges = viz.walk(out.grad_fn)
    from_root = [(position, target) for source, target, position, _ in edges if source == 0]
    expected = [
        (i, None if n is None else next(k for k, m in enumerate(nodes) if m is n))
        for i, (n, _) in enumerate(out.grad_fn.next_functions)
    ]
    assert from_root == expected
    assert any(target is None for _, target in from_root), "c does not require grad: (None, 0)"
    assert 'label="None"' in viz.to_dot(out)


def test_output_index_labels_multi_output_edges(engine):
    a, b, c = engine.ones(3, requires_grad=True).unbind()
    y = c * a
    dot = viz.to_dot(y)
    for position, (_, output_nr) in enumerate(y.grad_fn.next_functions):
        label = str(position) if output_nr == 0 else f"{position}:{output_nr}"
        assert f'label="{label}"' in dot


def test_shared_nodes_are_drawn_once(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    h = x.exp()
    z = h * h + h
    nodes, _ = viz.walk(z.grad_fn)
    assert len(nodes) == len(all_nodes(z.grad_fn))
    assert sum(1 for n in nodes if n is h.grad_fn) == 1


def test_torch_and_minigrad_draw_the_same_picture_of_the_same_program():
    torch, minigrad = importlib.import_module("torch"), importlib.import_module("minigrad")
    pictures = []
    for engine in (torch, minigrad):
        x, y = small_program(engine)
        before = viz.to_dot(y, "y")
        y.backward()
        pictures.append((before, viz.to_dot(y, "y")))
    assert pictures[0] == pictures[1]


def test_deep_graphs_need_no_recursion():
    minigrad = importlib.import_module("minigrad")
    x = minigrad.ones(1, requires_grad=True)
    y = x
    depth = sys.getrecursionlimit() + 500
    for _ in range(depth):
        y = y * 1.0
    nodes, edges = viz.walk(y.grad_fn)
    assert len(nodes) == depth + 1  # the muls and the leaf's AccumulateGrad
    assert viz.to_dot(y).count("<B>MulBackward0</B>") == depth


def test_leaf_and_untracked_tensors_say_why_there_is_no_graph(engine):
    assert "leaf: no grad_fn" in viz.to_dot(engine.ones(2, requires_grad=True))
    assert "not tracked" in viz.to_dot(engine.ones(2))


def test_draw_without_graphviz_writes_dot_and_says_how_to_render(tmp_path, monkeypatch, capsys):
    minigrad = importlib.import_module("minigrad")
    monkeypatch.setattr(viz.shutil, "which", lambda name: None)
    _, y = small_program(minigrad)
    base = str(tmp_path / "graph")
    assert viz.draw(y, base) == [base + ".dot"]
    assert (tmp_path / "graph.dot").read_text() == viz.to_dot(y)
    assert f"dot -Tsvg {base}.dot -o {base}.svg" in capsys.readouterr().out


@pytest.mark.skipif(not viz.has_graphviz(), reason="Graphviz (dot) is not installed")
def test_draw_with_graphviz_writes_svg(tmp_path):
    minigrad = importlib.import_module("minigrad")
    _, y = small_program(minigrad)
    paths = viz.draw(y, str(tmp_path / "graph"), label="y")
    assert paths == [str(tmp_path / "graph.dot"), str(tmp_path / "graph.svg")]
    svg = (tmp_path / "graph.svg").read_text()
    assert "<svg" in svg and "MulBackward0" in svg and "AccumulateGrad" in svg
