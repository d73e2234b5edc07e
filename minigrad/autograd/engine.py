"""The backward engine: dependency counting over the graph reachable from the roots, then a ready queue
ordered like torch's CPU engine (higher sequence number first; AccumulateGrad's is the maximum so it runs as
soon as it is ready). Iterative throughout, so million-node chains work.

Every gradient a node produces is checked against the receiving input's metadata like torch's
validate_outputs: summed down to its shape when it is a broadcast of it, cast to its dtype.
"""

import itertools
import sys
import threading
import warnings
from heapq import heappop, heappush

import numpy as np

from .._core import anomaly, dtypes, forward_ad, grad_mode
from .._core.broadcast import expandable, reduced_dims, sum_to
from .._core.fp import silent
from .._core.graph import AccumulateGrad, Node
from .._core.layout import is_dense
from .._core.tensor import Tensor, check_mutable, make_output
from .._core.typenames import type_name


def _sole_owner(t, refs):
    """Whether `t` is referenced only `refs` times (counting the caller's own references) and nothing
    else shares its memory: torch's use_count() == 1 and storage().use_count() == 1, which decide
    whether it may reuse a gradient in place. Python's reference counts play torch's."""
    if sys.getrefcount(t) > refs:
        return False
    if t._zero:  # a ZeroTensor has no memory to share, views of one included
        return True
    if t._base is not None:
        return False
    data = t._data
    while data is not None:  # the array and the arrays it is a view of: one reference each
        if sys.getrefcount(data) > 3:  # its holder, `data` here and getrefcount's argument
            return False
        data = data.base
    return is_dense(t._data)


def _shape_list(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


def _reduce_grad(grad, shape):
    """sum_to: numpy when no graph is being built, minigrad ops otherwise (create_graph, or a tangent to
    carry: forward-over-reverse)."""
    if (not grad_mode.state.grad_enabled or not grad._requires_grad) and not _has_tangent(grad):
        data = grad._data
        axes = reduced_dims(data.shape, shape)
        return make_output(np.sum(data, axis=axes, keepdims=True).reshape(shape), None)
    return sum_to(grad, shape)


def _has_tangent(t):
    return forward_ad.state.enabled and t._tangent() is not None


def validate_outputs(node, grads):
    """Check count, reduce broadcast shapes and cast dtypes of the gradients `node` produced, like torch's
    validate_outputs; returns them as a new list (the engine takes each out of it as it delivers it)."""
    fns = node._next_fns
    grads = list(grads) if type(grads) is tuple or isinstance(grads, list) else [grads]
    if len(grads) != len(fns):
        raise RuntimeError(
            f"function {node.name()} returned an incorrect number of gradients "
            f"(expected {len(fns)}, got {len(grads)})"
        )
    i = 0
    for nxt, nr, g in zip(fns, node._next_nrs, grads):
        if g is not None and nxt is not None:
            if type(g) is not Tensor and not isinstance(g, Tensor):
                raise TypeError(
                    f"function {node.name()} returned a gradient of type {type(g).__name__} at index {i}"
                )
            data = g._data
            if type(nxt) is AccumulateGrad:
                target = nxt.variable._data
                shape, dtype = target.shape, target.dtype
            else:
                shape, dtype = nxt._out_meta[nr]
            if data.shape != shape or data.dtype != dtype:
                grads[i] = _conform(node, i, g, shape, dtype)
        i += 1
    return grads


def _conform(node, i, g, shape, dtype):
    """A gradient summed down to its input's shape (when it is a broadcast of it) and cast to its dtype."""
    data = g._data
    if data.shape != shape:
        if not expandable(shape, data.shape):
            raise RuntimeError(
                f"Function {node.name()} returned an invalid gradient at index {i} - got "
                f"{_shape_list(data.shape)} but expected shape compatible with {_shape_list(shape)}"
            )
        g = _reduce_grad(g, shape)
    if g._data.dtype != dtype:
        g = g.to(dtypes.from_numpy(dtype))  # torch's grad.to(dtype): ToCopyBackward0 under create_graph
    return g


def _hook_name(hook):
    name = getattr(hook, "__name__", None)
    return name if isinstance(name, str) else "<unknown>"


def check_hook_result(hook, original, result):
    """torch's check_single_result: a hook may return None or a tensor of the same type and size."""
    if result is None:
        return original
    if original is None:
        raise RuntimeError("can't replace a None gradient with a non-None value")
    if not isinstance(result, Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(result).__name__}'")
    if result._data.dtype != original._data.dtype:
        raise RuntimeError(
            f"hook '{_hook_name(hook)}' has changed the type of value (was torch.{original.dtype._legacy} "
            f"got torch.{result.dtype._legacy})"
        )
    if result._data.shape != original._data.shape:
        raise RuntimeError(f"hook '{_hook_name(hook)}' has changed the size of value")
    return result


def _call_tensor_hooks(hooks, grad):
    for hook in tuple(hooks.values()):
        grad = check_hook_result(hook, grad, hook(grad))
    return grad


def _check_hook_values(hook, originals, results):
    """A node hook returns None or one value per gradient slot, each checked like a tensor hook's."""
    if results is None:
        return list(originals)
    if not isinstance(results, tuple):
        raise TypeError(f"expected tuple, but hook returned '{type_name(results)}'")
    if len(results) != len(originals):
        raise RuntimeError(
            f"hook '{_hook_name(hook)}' has returned an incorrect number of values (got {len(results)}, but "
            f"expected {len(originals)})"
        )
    return [
        original if result is None else check_hook_result(hook, original, result)
        for original, result in zip(originals, results)
    ]


# Backward passes on several threads may accumulate into one leaf's .grad at once: one at a time, as torch
# locks its AccumulateGrad node, so that no gradient is lost
_accumulation = threading.Lock()


def accumulate_grad(variable, grad, create_graph):
    """AccumulateGrad: add into variable.grad (in place unless create_graph), then the post-accumulate hooks.
    A leaf that stopped requiring grad since the graph was built gets nothing (torch's AccumulateGrad)."""
    if not variable._requires_grad:
        return
    with _accumulation:
        _accumulate(variable, grad, create_graph)
    hooks = variable._post_acc_hooks
    if hooks:
        for hook in tuple(hooks.values()):
            result = hook(variable)
            if isinstance(result, Tensor):
                raise RuntimeError("Tensor post accumulate grad hooks should return None.")
            if result is not None:
                raise TypeError(f"expected Variable, but hook returned '{type(result).__name__}'")


def _accumulate_grad_node(node, grads):
    """AccumulateGrad called directly (torch allows it): accumulate into the leaf's .grad, return ()."""
    if grads[0] is not None:
        accumulate_grad(node.variable, grads[0], grad_mode.state.grad_enabled)
    return ()


# The core's AccumulateGrad leaves accumulation to the engine, which defines it (the engine runs the node
# itself
# without this method; only a direct call of the node uses it).
AccumulateGrad.apply = _accumulate_grad_node


# References to a gradient that AccumulateGrad may take as .grad: the engine's buffer, the arguments of
# accumulate_grad and _accumulate, and _sole_owner's argument and getrefcount's
_STEALABLE_REFS = 5


def _accumulate(variable, grad, create_graph):
    old = variable._grad
    if old is None:
        if create_graph:
            # torch's AccumulateGrad copies into a new tensor: .grad shows grad_fn=<CopyBackwards>
            variable._grad = make_output(np.empty_like(grad._data), None).copy_(grad)
        elif _sole_owner(grad, _STEALABLE_REFS) and _obeys_layout(grad._data, variable._data):
            variable._grad = grad if grad._gfn is None and not grad._requires_grad else grad.detach()
        else:
            variable._grad = _clone_obeying_layout(grad, variable)
    elif create_graph:
        variable._grad = old + grad
    else:
        check_mutable(old)  # torch adds in place, into a ZeroTensor too (the .grad a first backward left)
        old._data += grad._data
        old._vc.value += 1


def _obeys_layout(grad, variable):
    """torch's layout contract for .grad: the variable's strides where it is dense, else C order."""
    strides = grad.strides
    if strides == variable.strides and 0 not in strides:  # the common case, decided quickly
        return True
    if not is_dense(variable):
        return grad.flags.c_contiguous
    return all(g == v if n != 1 else g != 0 for n, g, v in zip(grad.shape, grad.strides, variable.strides))


def _clone_obeying_layout(grad, variable):
    """A copy of `grad` laid out like `variable` (by copy_ into an empty tensor: version 1), or a C-order
    clone (version 0) where the variable is not dense."""
    data = variable._data
    if not is_dense(data):
        return make_output(np.array(grad._data, order="C"), None)
    copy = make_output(np.empty_like(data), None)
    copy._data[...] = grad._data
    copy._vc.value += 1
    return copy


def _retain_grad(tensor, grad):
    """The retain_grad hook: a non-leaf's .grad is a clone of its gradient, summed over backward calls."""
    old = tensor._grad
    if old is None:
        tensor._grad = (
            grad.clone() if grad._requires_grad else make_output(np.array(grad._data, copy=True), None)
        )
    else:
        tensor._grad = old + grad


def discover(root_nodes):
    """Dependency counts: how many edges from the reachable graph (and the roots) point at each node."""
    deps = {}
    stack = []
    for node in root_nodes:
        if node in deps:
            deps[node] += 1
        else:
            deps[node] = 1
            stack.append(node)
    while stack:
        node = stack.pop()
        for nxt in node._next_fns:
            if nxt is None:
                continue
            if nxt in deps:
                deps[nxt] += 1
            else:
                deps[nxt] = 1
                stack.append(nxt)
    return deps


def needed_nodes(deps, targets):
    """Nodes that lie on a path to one of `targets` (a target only if it leads to another)."""
    parents = {}
    for node in deps:
        for nxt in node._next_fns:
            if nxt is not None:
                parents.setdefault(nxt, []).append(node)
    needed = set()
    stack = list(targets)
    seen = set(targets)
    while stack:
        node = stack.pop()
        for parent in parents.get(node, ()):
            needed.add(parent)
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return needed


# References to the gradient already in a buffer slot: the slot, run_backward's `old`, _add_grads'
# argument, and _sole_owner's argument and getrefcount's
_REUSABLE_REFS = 5


def _add_grads(old, grad, create_graph):
    """Sum two gradients for one input slot: with plain numpy when that is what `old + grad` would do (no
    graph to record, same shape and dtype, as validated gradients are), else with the add op. Like torch's
    InputBuffer, into `old` in place (a version bump) when nothing else holds it or its memory."""
    if create_graph or old._data.dtype != grad._data.dtype or old._data.shape != grad._data.shape:
        return old + grad
    if old._zero or grad._zero:  # torch's InputBuffer adds out of place then: a ZeroTensor is immutable
        return old + grad
    if forward_ad.state.enabled and (old._tangent() is not None or grad._tangent() is not None):
        return old + grad
    if _sole_owner(old, _REUSABLE_REFS):
        old._data += grad._data
        old._vc.value += 1
        return old
    return make_output(old._data + grad._data, None)


def _tensor_pre_hooks(node, extras, grads):
    """The hooks that see a node's incoming gradients first, in torch's order: tensor hooks of its outputs,
    then retain_grad. (The node's own pre-hooks come after, when it runs.)"""
    if extras.tensor_pre_hooks:
        for nr, hooks in extras.tensor_pre_hooks.items():
            if grads[nr] is not None and hooks:
                grads[nr] = _call_tensor_hooks(hooks, grads[nr])
    if extras.retains_grad:
        for nr, ref in extras.retains_grad.items():
            tensor = ref()
            if tensor is not None and grads[nr] is not None and tensor._gfn is node:
                _retain_grad(tensor, grads[nr])
    return grads


def _call_pre_hooks(extras, grads):
    if extras.pre_hooks:
        for hook in tuple(extras.pre_hooks.values()):
            grads = _check_hook_values(hook, grads, hook(tuple(grads)))
    return grads


class GraphTask:
    """One run of the engine (torch's GraphTask): what it will execute, the callbacks queued during it, the
    node it is running (torch's current autograd node) and whether it runs multithreaded (as the thread that
    started it asked: torch's CPU engine runs on that thread either way, only its reports differ)."""

    __slots__ = ("id", "roots", "deps", "needed", "capture", "callbacks", "node", "multithreaded", "is_grad")

    def __init__(self, task_id, roots, is_grad):
        self.id = task_id
        self.roots = roots
        self.deps = self.needed = self.capture = self.node = None
        self.callbacks = []
        self.multithreaded = grad_mode.state.multithreading
        self.is_grad = is_grad

    def will_execute(self, node):
        if len(self.roots) == 1 and node is self.roots[0]:
            return False  # torch asks about the nodes some edge leads to: a single root is not one of them
        if self.needed is not None:
            return node in self.needed or (self.capture is not None and node in self.capture)
        return node in self.deps

    def execution_order(self):
        """The nodes in the order this task runs them (or captures their gradient), from its start: the
        engine's schedule replayed without running anything."""
        deps = discover(self.roots)
        order = []
        ready = []
        arrival = 0
        fns = self.roots
        while True:
            for nxt in fns:
                if nxt is None:
                    continue
                deps[nxt] -= 1
                if deps[nxt] == 0:
                    arrival += 1
                    heappush(ready, (-nxt._seq, arrival, nxt))
            if not ready:
                return order
            _, _, node = heappop(ready)
            fns = ()
            if self.needed is not None and node not in self.needed:
                if self.capture is not None and node in self.capture:
                    order.append(node)
                continue
            order.append(node)
            fns = node._next_fns


_running = threading.local()  # .tasks: this thread's graph tasks, innermost last (reentrant backward nests)
_task_ids = itertools.count()  # torch numbers graph tasks process-wide
# A reentrant backward (a backward run from inside a node's backward) deeper than this on one thread moves to
# a
# new thread, as torch's engine does, so that deep reentrancy cannot exhaust the stack.
MAX_REENTRANT_DEPTH = 40


def _tasks():
    tasks = getattr(_running, "tasks", None)
    if tasks is None:
        tasks = _running.tasks = []
    return tasks


def current_task():
    tasks = _tasks()
    return tasks[-1] if tasks else None


def run_backward(root_edges, root_grads, retain_graph, create_graph, capture=None, accumulate_only=None):
    """Run the graph from `root_edges` (list of (node, output_nr)) seeded with `root_grads` (Tensors).

    capture: {node: [(output_nr, slot), ...]} grads to hand back (autograd.grad / non-leaf inputs=); returns a
    dict slot -> grad. accumulate_only: set of nodes allowed to run (the ones leading to `inputs=`), or None.
    Callbacks queued during the run (queue_callback) run at its end, in order.
    """
    tasks = _tasks()
    if len(tasks) >= MAX_REENTRANT_DEPTH:
        return _run_on_new_thread(
            root_edges, root_grads, retain_graph, create_graph, capture, accumulate_only
        )
    is_grad = capture is not None and accumulate_only is None
    task = GraphTask(next(_task_ids), [node for node, _ in root_edges], is_grad)
    tasks.append(task)
    try:
        captured = _execute(
            task, root_edges, root_grads, retain_graph, create_graph, capture, accumulate_only
        )
        while task.callbacks:  # a callback may queue more
            task.callbacks.pop(0)()
    finally:
        tasks.pop()
    return captured


def _run_on_new_thread(*args):
    """torch's escape from deep reentrancy: the nested run on a fresh thread (with this thread's grad mode,
    inference mode and saved-tensor hooks), this thread waiting for it."""
    state = grad_mode.state
    modes = (state.grad_mode, state.grad_enabled, state.inference, list(state.saved_hooks))
    result, error = [], []

    def work():
        state.grad_mode, state.grad_enabled, state.inference, hooks = modes
        state.saved_hooks[:] = hooks
        try:
            result.append(run_backward(*args))
        except BaseException as e:  # handed to the waiting thread
            error.append(e)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    if error:
        raise error[0]
    return result[0]


def is_checkpoint_valid():
    """torch's checkpoint_valid: False while a backward that computes only some inputs' gradients runs
    (autograd.grad, backward(inputs=)), which reentrant checkpointing cannot serve."""
    return all(task.needed is None for task in _tasks())


def current_graph_task_id():
    """The id of the backward running on this thread, or -1."""
    task = current_task()
    return -1 if task is None else task.id


def current_autograd_node():
    """The node the backward running on this thread is running (or whose hooks it runs), or None."""
    task = current_task()
    return None if task is None else task.node


def will_engine_execute_node(node):
    """Whether the backward running on this thread will run `node` (torch's _will_engine_execute_node)."""
    if not isinstance(node, Node):
        raise RuntimeError(f"_will_engine_execute_node expects an grad_fn, but got {type(node).__name__}")
    task = current_task()
    if task is None:
        raise RuntimeError("_get_should_execute_nodes should only be called during the backward pass")
    if task.is_grad and type(node) is AccumulateGrad and node in task.capture:
        raise RuntimeError(
            "A leaf node was passed to _will_engine_execute_node but we are currently running "
            "autograd.grad(). This is currently not supported."
        )
    return task.will_execute(node)


EXECUTION_ORDER_MULTITHREADED = (
    "get_current_graph_task_execution_order expects the current backward to be executed with multithreading "
    "disabled, e.g. by running:\n\n>>> with torch.autograd.set_multithreading_enabled(False):\n...     "
    "torch.autograd.grad(...)\n"
)


def current_graph_task_execution_order():
    task = current_task()
    if task is None:
        raise RuntimeError(
            "_current_graph_task_execution_order should only be called during the backward pass"
        )
    if task.multithreaded:
        raise RuntimeError(EXECUTION_ORDER_MULTITHREADED)
    return task.execution_order()


def queue_callback(callback):
    task = current_task()
    if task is None:
        raise RuntimeError("Final callbacks can only be installed during backward pass.")
    task.callbacks.append(callback)


def _run_node_in_anomaly_mode(node, grads):
    """A node's backward with anomaly mode on: an error shows the traceback of the forward call that made the
    node (and of the nodes whose backward made it) as a warning before it propagates; with check_nan, a
    gradient with nan raises."""
    previous = getattr(anomaly.running, "node", None)
    anomaly.running.node = node
    try:
        if not node._runs_without_grads and all(g is None for g in grads):
            outputs = [None] * len(node._next_fns)
        else:
            outputs = validate_outputs(node, node.apply(grads))
        if anomaly.state.check_nan:
            for i, g in enumerate(outputs):
                if g is not None and np.isnan(g._data).any():
                    raise RuntimeError(f"Function '{node.name()}' returned nan values in its {i}th output.")
    except Exception:
        _warn_forward_traceback(node)
        raise
    finally:
        anomaly.running.node = previous
    return outputs


ANOMALY_WHERE = (
    " (Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/python_anomaly_mode.cpp:{}.)"
)


def _warn_forward_traceback(node):
    current, is_parent = node, False
    while current is not None:
        stack = current.metadata.get("traceback_")
        name = current.name()
        if stack is None:
            message = (
                f"Error detected in {name}. No forward pass information available. Enable detect anomaly "
                "during forward pass for more information."
            )
            line = 100
        elif not is_parent:
            message = (
                f"Error detected in {name}. Traceback of forward call that caused the error:\n"
                + "".join(stack)
            )
            line = 122
        else:
            message = (
                f"\n\nPrevious calculation was induced by {name}. Traceback of forward call that induced the "
                "previous calculation:\n" + "".join(stack)
            )
            line = 129
        warnings.warn(message + ANOMALY_WHERE.format(line), UserWarning, stacklevel=2)
        current, is_parent = current.metadata.get("parent_"), True


def _execute(task, root_edges, root_grads, retain_graph, create_graph, capture, accumulate_only):
    deps = task.deps = discover([node for node, _ in root_edges])
    needed = None
    if capture is not None or accumulate_only is not None:
        targets = set(capture or ()) | set(accumulate_only or ())
        needed = needed_nodes(deps, targets)
        if accumulate_only:
            needed |= {node for node in accumulate_only if node in deps}  # an unreachable input runs nowhere
    task.needed = needed
    task.capture = capture
    captured = {}
    anomaly_state = anomaly.state
    buffers = {}  # node -> [grad per output] while some of its consumers have not run yet
    ready = []  # heap of (-sequence_nr, arrival, node, grads)
    arrival = 0  # breaks ties first-come first-served

    prev_mode = grad_mode.set_mode(create_graph)  # torch's engine runs the graph in this grad mode
    try:
        with silent():  # 0 * inf and the like in formulas: nan/inf silently, as in torch
            # One loop: deliver the gradients the last node produced (at first: the roots'), then run the
            # next ready node. An AccumulateGrad runs as soon as it is ready: its sequence number is the
            # highest, so it would be the next node anyway.
            fns = [node for node, _ in root_edges]
            nrs = [nr for _, nr in root_edges]
            outputs = list(root_grads)
            while True:
                for i, nxt in enumerate(fns):
                    # each gradient moves out of `outputs`, so a buffer holding it is its only holder
                    grad, outputs[i] = outputs[i], None
                    if nxt is None:
                        continue
                    nr = nrs[i]
                    left = deps[nxt] - 1
                    deps[nxt] = left
                    buffer = buffers.pop(nxt, None) if left == 0 else buffers.get(nxt)
                    if buffer is None:
                        buffer = [None] * (len(nxt._out_meta) or 1)
                        if left:
                            buffers[nxt] = buffer
                    if grad is not None:
                        old = buffer[nr]
                        buffer[nr] = grad if old is None else _add_grads(old, grad, create_graph)
                        grad = old = None  # the buffer is its only holder here (see _sole_owner)
                    if left == 0:
                        if type(nxt) is AccumulateGrad:
                            task.node = nxt
                            _run_accumulate_grad(nxt, buffer, create_graph, capture, captured, needed)
                        else:
                            arrival += 1
                            heappush(ready, (-nxt._seq, arrival, nxt, buffer))
                if not ready:
                    break
                _, _, node, grads = heappop(ready)
                task.node = node
                fns = outputs = ()
                extras = node._extras
                if needed is not None and node not in needed:
                    # torch: a node that is only captured still runs its tensor hooks, before the capture
                    # (a needed node captures first and runs them when it runs); any other is not run
                    if capture is not None and node in capture:
                        if extras is not None:
                            grads = _tensor_pre_hooks(node, extras, grads)
                        for nr, slot in capture[node]:
                            captured[slot] = grads[nr]
                    continue
                if capture is not None and node in capture:
                    for nr, slot in capture[node]:
                        captured[slot] = grads[nr]
                if extras is not None:
                    grads = _call_pre_hooks(extras, _tensor_pre_hooks(node, extras, grads))
                fns = node._next_fns
                nrs = node._next_nrs
                if anomaly_state.enabled:
                    outputs = _run_node_in_anomaly_mode(node, grads)
                elif node._backward_only and grads[0] is not None:
                    outputs = validate_outputs(node, node.backward(grads[0]))
                elif not node._runs_without_grads and all(g is None for g in grads):
                    outputs = [None] * len(fns)
                else:
                    outputs = validate_outputs(node, node.apply(grads))
                if extras is None or not extras.post_hooks:
                    del grads  # the node's incoming gradients are consumed, as torch's input buffer is
                if not retain_graph:
                    node.release()
                if extras is not None and extras.post_hooks:
                    for hook in tuple(extras.post_hooks.values()):
                        outputs = _check_hook_values(hook, outputs, hook(tuple(outputs), tuple(grads)))
    finally:
        grad_mode.restore_mode(prev_mode)
    return captured


def _run_accumulate_grad(node, grads, create_graph, capture, captured, needed):
    """An AccumulateGrad node: the leaf's tensor hooks; then, when it is only captured (autograd.grad), the
    capture; else the node's pre-hooks, accumulation into .grad and its post-hooks (which see no grad_inputs).
    A leaf that is neither gets nothing: torch does not run its node at all."""
    is_needed = needed is None or node in needed
    is_captured = capture is not None and node in capture
    if not is_needed and not is_captured:
        return
    hooks = node.variable._hooks
    if hooks and grads[0] is not None:
        grads[0] = _call_tensor_hooks(hooks, grads[0])
    if is_captured:
        for nr, slot in capture[node]:
            captured[slot] = grads[nr]
    if not is_needed:
        return
    extras = node._extras
    if extras is not None:
        grads = _call_pre_hooks(extras, grads)
    if grads[0] is not None:
        accumulate_grad(node.variable, grads[0], create_graph)
    if extras is not None and extras.post_hooks:
        for hook in tuple(extras.post_hooks.values()):
            _check_hook_values(hook, (), hook((), tuple(grads)))
