"""Views and in-place writes through them: what torch's autograd core (variable.cpp, CopySlices) does.

A view shares its base's numpy memory (`_data` is a numpy view) and version counter, and `_base` is the root
tensor that owns the memory. Writing through a view in place while recording rebases history like torch:
the base's grad_fn becomes a CopySlices that wraps the in-place op's node, and the view's grad_fn becomes an
AsStridedBackward0 into that CopySlices. The region a view covers is recovered from the numpy memory layout
(flat C-order indices into the base), which is what torch's as_strided replay does with sizes and strides.
When the base is written in place after a view's history was recorded, reading the view's grad_fn
regenerates it (ViewMeta.refresh, which Tensor.grad_fn calls).

The formulas of the nodes here use Tensor methods only (grad * mask, +), which the ops layer provides.
"""

import numpy as np

from . import grad_mode
from .graph import Node, _short_name, gradient_edge, make_node
from .tensor import as_zero_tensor, make_output, set_tangent, tangent_of

# How a view was created (torch's CreationMeta): in-place writes through views made in no_grad or inference
# mode, by ops returning several views, or by a custom Function, cannot be recorded and raise instead.
DEFAULT, NO_GRAD_MODE, INFERENCE_MODE, MULTIPLE_OUTPUTS, IN_CUSTOM_FUNCTION = range(5)


class ViewMeta:
    """Per-view autograd facts: creation mode, and the version its grad_fn was recorded at (torch's
    attr_version: when the shared version moves on, the grad_fn is regenerated)."""

    __slots__ = ("creation", "version", "forward")

    def __init__(self, creation, version):
        self.creation = creation
        self.version = version
        self.forward = True  # its tangent is the view of its base's (False for unpack_dual's primal)

    def refresh(self, view_tensor):
        """Regenerate the grad_fn of `view_tensor` (whose ViewMeta this is) if its base was written in
        place after the view's history was recorded, through the base or another view (torch does it
        lazily, when grad_fn is read)."""
        if self.version != view_tensor._vc.value:
            refresh_view_grad_fn(view_tensor)


class ViewNode(Node):
    """Base of the nodes of view ops."""

    __slots__ = ()


def _creation_mode(input, multiple_outputs=False):
    state = grad_mode.state
    if state.inference:
        mode = INFERENCE_MODE
    elif not state.grad_enabled:
        mode = NO_GRAD_MODE
    else:
        mode = MULTIPLE_OUTPUTS if multiple_outputs else DEFAULT
    previous = input._view_meta
    if previous is not None and previous.creation != DEFAULT:
        # torch's propagate_creation_meta: a view of a special view keeps being special
        if mode == DEFAULT or previous.creation == INFERENCE_MODE:
            mode = previous.creation
    return mode


def make_view(input, array, node, multiple_outputs=False):
    """Wrap a numpy view of input's data: same memory, same version counter, `_base` = the root tensor.
    A view of an inference tensor is an inference tensor sharing its memory, not a view (torch tracks no
    views of them)."""
    out = make_output(array, node)
    out._vc = input._vc
    if input._zero:  # torch's view ops fall through its ZeroTensor kernels
        as_zero_tensor(out)
    if input._vc.inference:
        return out
    base = input if input._base is None else input._base
    out._base = base
    mode = _creation_mode(input, multiple_outputs)
    out._view_meta = ViewMeta(mode, input._vc.value)
    if node is None and mode != DEFAULT and base._requires_grad:
        out._requires_grad = True  # torch: a view requires grad when its base does, even if made in no_grad
    return out


def _element_offsets(array):
    """Memory offset (in items) of every element of `array`, relative to the start of its buffer pointer."""
    itemsize = array.itemsize
    offsets = np.zeros(array.shape, dtype=np.int64)
    for axis, (n, stride) in enumerate(zip(array.shape, array.strides)):
        shape = [1] * array.ndim
        shape[axis] = n
        offsets = offsets + (np.arange(n, dtype=np.int64) * (stride // itemsize)).reshape(shape)
    return offsets + array.__array_interface__["data"][0] // itemsize


def view_flat_index(view_data, base_data):
    """For each element of a view, the flat C-order index of the base element sharing its memory."""
    base_offsets = _element_offsets(base_data).ravel()
    order = np.argsort(base_offsets, kind="stable")
    positions = np.searchsorted(base_offsets[order], _element_offsets(view_data))
    return order[positions]


class TakeBackward(Node):
    """Backward of gathering flat indices (internal, used by CopySlices and AsStridedBackward0 formulas)."""

    __slots__ = ("saved_index", "saved_shape")

    def backward(self, grad):
        return (scatter_flat(grad, self.saved_shape, self.saved_index),)


class ScatterBackward(Node):
    __slots__ = ("saved_index",)

    def backward(self, grad):
        return (take_flat(grad, self.saved_index),)


def take_flat(t, index):
    node = make_node(TakeBackward, t)
    if node is not None:
        node.saved_index, node.saved_shape = index, t._data.shape
    out = make_output(t._data.reshape(-1)[index], node)
    tangent = tangent_of(t)  # (forward-over-reverse: a dual gradient through CopySlices)
    if tangent is not None:
        set_tangent(out, make_output(tangent._data.reshape(-1)[index], None))
    return out


def _scattered(data, shape, index):
    out = np.zeros(int(np.prod(shape)), dtype=data.dtype)
    np.add.at(out, index.ravel(), np.broadcast_to(data, index.shape).ravel())
    return out.reshape(shape)


def scatter_flat(t, shape, index):
    node = make_node(ScatterBackward, t)
    if node is not None:
        node.saved_index = index
    out = make_output(_scattered(t._data, shape, index), node)
    tangent = tangent_of(t)
    if tangent is not None:
        set_tangent(out, make_output(_scattered(tangent._data, shape, index), None))
    return out


class AsStridedBackward0(ViewNode):
    """The grad_fn torch gives a view whose base was written in place: scatter into the base's shape."""

    __slots__ = ("saved_size", "saved_stride", "saved_storage_offset", "_index", "_base_shape")

    def backward(self, grad):
        return (scatter_flat(grad, self._base_shape, self._index),)


class CopySlices(Node):
    """grad_fn of a base after an in-place op on one of its views: run the op's node on the view's part of
    the gradient and put its input-0 gradient back in place; the op's other inputs get theirs as usual."""

    __slots__ = ("fn", "_index", "_base_shape")

    def name(self):
        return "torch::autograd::CopySlices"

    def apply(self, grads):
        grad = grads[0]
        index = self._index
        res = list(self.fn.apply([take_flat(grad, index)]))
        grad_base = None
        if self.needs_input_grad(0):
            mask = np.ones(self._base_shape, dtype=grad._data.dtype)
            mask.reshape(-1)[index.ravel()] = 0
            grad_base = grad * make_output(mask, None)
            if res[0] is not None:
                grad_base = grad_base + scatter_flat(res[0], self._base_shape, index)
        return (grad_base, *res[1:])

    def release(self):
        self.fn.release()


_FORBIDDEN_HINT = (
    " Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code "
    "by moving both the view and the inplace either both inside the {block} block (if you don't want the "
    "inplace to be tracked) or both outside (if you want the inplace to be tracked)."
)


def handle_view_on_rebase(view_tensor, indirect=False):
    """torch's handle_view_on_rebase: views that cannot be rebased raise, with torch's wording."""
    creation = view_tensor._view_meta.creation
    if creation == DEFAULT:
        return
    node = view_tensor._gfn
    modified = "its base or another view of its base has been" if indirect else "is being"
    origin = f"Output {view_tensor._output_nr} of {_short_name(node)} is a view" if node is not None else ""
    if creation in (INFERENCE_MODE, NO_GRAD_MODE) or node is None:
        prefix = f"{origin} of a view which was created in" if node is not None else "A view was created in"
        if creation == INFERENCE_MODE:
            message = f"{prefix} inference mode and {modified} modified inplace in normal mode."
        else:
            message = f"{prefix} no_grad mode and {modified} modified inplace with grad mode enabled."
    else:
        message = f"{origin} and {modified} modified inplace."
    if creation == MULTIPLE_OUTPUTS:
        message += (
            " This view is the output of a function that returns multiple views. Such functions do not "
            "allow the output views to be modified inplace. You should replace the inplace operation by an "
            "out-of-place one."
        )
    elif creation == IN_CUSTOM_FUNCTION:
        message += (
            " This view was created inside a custom Function (or because an input was returned as-is) and "
            "the autograd logic to handle view+inplace would override the custom backward associated with "
            "the custom Function, leading to incorrect gradients. This behavior is forbidden. You can fix "
            "this by cloning the output of the custom Function."
        )
    elif creation == NO_GRAD_MODE:
        message += _FORBIDDEN_HINT.format(block="no_grad")
    else:
        message += _FORBIDDEN_HINT.format(block="inference_mode")
    raise RuntimeError(message)


def check_inplace_on_view(view_tensor):
    """torch's check_inplace for a view written in place while recording a graph."""
    handle_view_on_rebase(view_tensor)
    if view_tensor._requires_grad and view_tensor._base._gfn is None:
        raise RuntimeError(
            "a view of a leaf Variable that requires grad is being used in an in-place operation."
        )


def _as_strided_node(view_tensor, base, index, edge):
    node = AsStridedBackward0((edge,))
    data = view_tensor._data
    itemsize = data.itemsize
    node.saved_size = data.shape
    node.saved_stride = tuple(s // itemsize for s in data.strides)
    start = data.__array_interface__["data"][0] - base._data.__array_interface__["data"][0]
    node.saved_storage_offset = start // itemsize
    node._index = index
    node._base_shape = base._data.shape
    node._out_meta = ((data.shape, data.dtype),)
    view_tensor._view_meta.version = view_tensor._vc.value
    return node


def rebase_view(view_tensor, fn):
    """After an in-place op recorded as node `fn` on a view: base.grad_fn = CopySlices(fn), and the view's
    grad_fn = AsStridedBackward0 into it (the version bump has already happened)."""
    base = view_tensor._base
    index = view_flat_index(view_tensor._data, base._data)
    copy_slices = CopySlices((gradient_edge(base), *fn.next_functions[1:]))
    copy_slices.fn = fn
    copy_slices._index = index
    copy_slices._base_shape = base._data.shape
    copy_slices._out_meta = ((base._data.shape, base._data.dtype),)
    base._gfn = copy_slices
    base._output_nr = 0
    base._requires_grad = True
    if base._retains_grad:  # torch moves the base's retain_grad to its new grad_fn
        copy_slices._retain_grad_of(base)
    view_tensor._gfn = _as_strided_node(view_tensor, base, index, (copy_slices, 0))
    view_tensor._output_nr = 0
    view_tensor._requires_grad = True


def refresh_view_grad_fn(view_tensor):
    """torch regenerates a view's grad_fn lazily when its base was written in place after the view's history
    was recorded (through the base or another view). The core calls this before reading a view's grad_fn."""
    base = view_tensor._base
    if view_tensor._gfn is None and not base._requires_grad:
        return
    handle_view_on_rebase(view_tensor, indirect=True)
    index = view_flat_index(view_tensor._data, base._data)
    view_tensor._gfn = _as_strided_node(view_tensor, base, index, gradient_edge(base))
    view_tensor._output_nr = 0
    view_tensor._requires_grad = True
