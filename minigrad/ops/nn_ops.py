"""The ATen ops under torch.nn.functional: addmm, mse_loss, nll_loss, nll_loss2d, masked_fill, and the
Tensor-by-Scalar mul/div overloads (MulBackward1, DivBackward1) that torch's C++ composites record.

Loss nodes save what derivatives.yaml saves (self, target, weight, reduction, ignore_index, total_weight).
Their backward formulas are written with minigrad ops on the incoming gradient, so create_graph works.
"""

import warnings

import numpy as np

from .._core import dtypes as _dtype
from .._core.arguments import NOT_GIVEN, given_kwargs, invalid_arguments, is_number
from .._core.dtypes import result_type
from .._core.layout import c_order, in_torch_layout
from .._core.tensor import has_internal_overlap
from . import (
    Node,
    SavedTensor,
    Tensor,
    broadcast_shapes,
    checked_scalar,
    fills,
    inplace,
    make_node,
    make_output,
    register_methods,
    tensor_arg,
)
from .linalg import mm
from .views import expand, t

REDUCTION_NONE, REDUCTION_MEAN, REDUCTION_SUM = 0, 1, 2


def _constant(array):
    return make_output(array, None)


def scalar_name(t):
    return _dtype.SCALAR_TYPE_NAMES[_dtype.from_numpy(t._data.dtype)]


def _shape_str(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


# ---- Tensor-by-Scalar overloads (what C++ `tensor * 0.5` and `tensor / n` record) --------------------------
class MulBackward1(Node):
    __slots__ = ("saved_other",)

    def backward(self, grad):
        return (mul_scalar(grad, self.saved_other),)


class DivBackward1(Node):
    __slots__ = ("saved_other",)

    def backward(self, grad):
        return (div_scalar(grad, self.saved_other),)


def mul_scalar(input, other):
    node = make_node(MulBackward1, input)
    if node is not None:
        node.saved_other = other
    return make_output(input._data * input._data.dtype.type(other), node)


def div_scalar(input, other):
    node = make_node(DivBackward1, input)
    if node is not None:
        node.saved_other = other
    with np.errstate(divide="ignore", invalid="ignore"):
        return make_output(input._data / input._data.dtype.type(other), node)


# ---- masked_fill -------------------------------------------------------------------------------------------
class MaskedFillBackward0(Node):
    __slots__ = ("saved_mask",)

    def backward(self, grad):
        return (masked_fill(grad, self.unpack(self.saved_mask), 0),)


class MaskedFillBackward1(Node):
    """masked_fill with a 0-d Tensor value: the value gets the sum of the gradient where the mask holds."""

    __slots__ = ("saved_mask",)

    def backward(self, grad):
        mask = self.unpack(self.saved_mask)
        grad_value = None
        if self.needs_input_grad(1):
            grad_value = masked_select(grad, mask).sum()  # torch's masked_fill_backward
        return masked_fill(grad, mask, 0) if self.needs_input_grad(0) else None, grad_value


# ---- masked_select / masked_scatter (the value gradient of masked_fill, and their own gradients) ----------
class MaskedSelectBackward0(Node):
    __slots__ = ("saved_mask", "saved_self_sym_sizes")

    def backward(self, grad):
        # torch's masked_select_backward: zeros of the broadcast shape, masked_scatter_(mask, grad)
        mask = self.unpack(self.saved_mask)
        shape = broadcast_shapes(self.saved_self_sym_sizes, mask._data.shape)
        return (masked_scatter_into_zeros(shape, mask, grad),)


class MaskedScatterBackward0(Node):
    __slots__ = ("saved_mask", "saved_source_sym_sizes")

    def backward(self, grad):
        # torch's masked_scatter_backward: the written values, zero-padded to the source's size
        from .joining import cat
        from .views import view

        selected = masked_select(grad, self.unpack(self.saved_mask))
        sizes = self.saved_source_sym_sizes
        missing = int(np.prod(sizes)) - selected._data.size
        if missing > 0:
            selected = cat([selected, make_output(np.zeros(missing, grad._data.dtype), None)])
        return None, view(selected, sizes)


def masked_select(input, mask):
    shape = broadcast_shapes(input._data.shape, mask._data.shape)
    selected = np.broadcast_to(input._data, shape)[np.broadcast_to(mask._data, shape)]
    node = make_node(MaskedSelectBackward0, input)
    if node is not None:
        node.saved_mask = SavedTensor(mask)
        node.saved_self_sym_sizes = input._data.shape
    return make_output(selected, node)


def masked_scatter_into_zeros(shape, mask, source):
    """zeros(shape).masked_scatter_(mask, source): source's first values, in order, where mask holds."""
    data = np.zeros(shape, source._data.dtype)
    where = np.broadcast_to(mask._data, shape)
    data[where] = source._data.reshape(-1)[: int(where.sum())]
    node = make_node(MaskedScatterBackward0, None, source)
    if node is not None:
        node.saved_mask = SavedTensor(mask)
        node.saved_source_sym_sizes = source._data.shape
    return make_output(data, node)


_MASKED_FILL_OVERLOADS = ("(Tensor mask, Tensor value)", "(Tensor mask, Number value)")


def masked_fill(input, mask, value):
    tensor_arg(input, "masked_fill")
    if not isinstance(mask, Tensor) or not (isinstance(value, Tensor) or is_number(value)):
        raise invalid_arguments("masked_fill", (mask, value), {}, _MASKED_FILL_OVERLOADS)
    if mask._data.dtype != np.bool_:
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype {mask.dtype}")
    if mask._data.shape != input._data.shape:
        broadcast_shapes(mask._data.shape, input._data.shape)  # torch's expand_outplace(mask, self) error
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(
                "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                f"{value._data.ndim} dimension(s)."
            )
        node = make_node(MaskedFillBackward1, input, value)
        with np.errstate(over="ignore"):
            fill = input._data.dtype.type(value._data.item())
    else:
        node = make_node(MaskedFillBackward0, input)
        fill = checked_scalar(value, input._data.dtype)
    data = c_order(np.where(mask._data, fill, input._data))  # a contiguous clone, filled
    if node is not None:
        node.saved_mask = SavedTensor(mask)
    return make_output(data, node)


MASKED_FILL_EXPANDED = (
    "Use of masked_fill_ on expanded tensors is deprecated. Please clone() the tensor before performing this "
    "operation. This also applies to advanced indexing e.g. tensor[mask] = scalar (Triggered internally at "
    "/__w/pytorch/pytorch/aten/src/ATen/native/TensorAdvancedIndexing.cpp:2450.)"
)


def masked_fill_(self, mask, value):
    if isinstance(self, Tensor) and isinstance(mask, Tensor) and has_internal_overlap(self._data):
        warnings.warn(MASKED_FILL_EXPANDED, UserWarning, stacklevel=2)
        return inplace(self, _masked_fill_expanded, mask, value)
    return inplace(self, masked_fill, mask, value)


@fills
def _masked_fill_expanded(input, mask, value):
    """masked_fill into an expanded tensor: torch writes only the masked elements, so a memory location
    shared by several elements is filled when any of them is masked. Widening the mask that way first makes
    every alias of a location carry the same value, so the order of the write does not matter."""
    data = input._data
    shared = tuple(i for i, (st, n) in enumerate(zip(data.strides, data.shape)) if st == 0 and n > 1)
    widened = np.broadcast_to(mask._data, data.shape).any(axis=shared, keepdims=True)
    return masked_fill(input, make_output(np.broadcast_to(widened, data.shape), None), value)


# ---- fill_ with a Python scalar ----------------------------------------------------------------------------
class FillBackward2(Node):
    __slots__ = ()

    def backward(self, grad):
        return (grad * 0,)


@fills
def _filled(input, value):
    return make_output(np.full_like(input._data, value), make_node(FillBackward2, input))


def fill_scalar_(self, value):
    return inplace(self, _filled, value)


# ---- addmm -------------------------------------------------------------------------------------------------
class AddmmBackward0(Node):
    __slots__ = (
        "saved_alpha",
        "saved_beta",
        "saved_mat1",
        "saved_mat1_sym_sizes",
        "saved_mat1_sym_strides",
        "saved_mat2",
        "saved_mat2_sym_sizes",
        "saved_mat2_sym_strides",
    )

    def backward(self, grad):
        alpha, beta = self.saved_alpha, self.saved_beta
        grad_self = grad_mat1 = grad_mat2 = None
        if self.needs_input_grad(0):
            grad_self = grad if beta == 1 else grad * beta
        if self.needs_input_grad(1):
            grad_mat1 = mm(grad, t(self.unpack(self.saved_mat2)))
            grad_mat1 = grad_mat1 if alpha == 1 else grad_mat1 * alpha
        if self.needs_input_grad(2):
            grad_mat2 = mm(t(self.unpack(self.saved_mat1)), grad)
            grad_mat2 = grad_mat2 if alpha == 1 else grad_mat2 * alpha
        return grad_self, grad_mat1, grad_mat2


def _python_number(value):
    return value.item() if hasattr(value, "item") else value


def _strides(data):
    return tuple(s // data.itemsize for s in data.strides)


_ADDMM_OVERLOADS = (
    "(Tensor input, Tensor mat1, Tensor mat2, *, Number beta = 1, Number alpha = 1, Tensor out = None)",
    "(Tensor input, Tensor mat1, Tensor mat2, torch.dtype out_dtype, *, Number beta = 1, Number alpha = 1, "
    "Tensor out = None)",
)


def addmm(input, mat1, mat2, *, beta=NOT_GIVEN, alpha=NOT_GIVEN):
    """beta * input + alpha * (mat1 @ mat2), input broadcast to the product's shape."""
    # with beta= or alpha= both overloads are candidates, so any bad argument is an "invalid combination"
    kwargs = given_kwargs(beta=beta, alpha=alpha)
    tensors = all(isinstance(t, Tensor) for t in (input, mat1, mat2))
    if (kwargs and not tensors) or not all(is_number(v) for v in kwargs.values()):
        raise invalid_arguments("addmm", (input, mat1, mat2), kwargs, _ADDMM_OVERLOADS)
    tensor_arg(input, "addmm")
    tensor_arg(mat1, "addmm", "mat1", 2)
    tensor_arg(mat2, "addmm", "mat2", 3)
    beta = 1 if beta is NOT_GIVEN else _python_number(beta)
    alpha = 1 if alpha is NOT_GIVEN else _python_number(alpha)
    if input._data.dtype != mat2._data.dtype:
        raise RuntimeError(
            f"self and mat2 must have the same dtype, but got {scalar_name(input)} and {scalar_name(mat2)}"
        )
    if mat1._data.dtype != mat2._data.dtype:
        raise RuntimeError(
            f"mat1 and mat2 must have the same dtype, but got {scalar_name(mat1)} and {scalar_name(mat2)}"
        )
    for name, m in (("mat1", mat1), ("mat2", mat2)):
        if m._data.ndim != 2:
            raise RuntimeError(f"{name} must be a matrix, got {m._data.ndim}-D tensor")
    (n, m1), (m2, p) = mat1._data.shape, mat2._data.shape
    if m1 != m2:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{m1} and {m2}x{p})")
    bias = expand(input, (n, p))._data  # torch's expand error for a bias that does not broadcast
    product = np.matmul(mat1._data, mat2._data)
    result = product if alpha == 1 else product * alpha
    if beta != 0:
        result = result + (bias if beta == 1 else bias * beta)
    node = make_node(AddmmBackward0, input, mat1, mat2)
    if node is not None:
        node.saved_alpha, node.saved_beta = alpha, beta
        node.saved_mat1_sym_sizes, node.saved_mat2_sym_sizes = mat1._data.shape, mat2._data.shape
        if node.needs_input_grad(1):
            node.saved_mat2 = SavedTensor(mat2)
            node.saved_mat2_sym_strides = _strides(mat2._data)
        if node.needs_input_grad(2):
            node.saved_mat1 = SavedTensor(mat1)
            node.saved_mat1_sym_strides = _strides(mat1._data)
    return make_output(np.ascontiguousarray(result), node)


# ---- mse_loss ----------------------------------------------------------------------------------------------
class MseLossBackward0(Node):
    __slots__ = ("saved_self", "saved_target", "saved_reduction")

    def backward(self, grad):
        input, target = self.unpack(self.saved_self), self.unpack(self.saved_target)
        reduction = self.saved_reduction
        return (
            mse_loss_backward(grad, input, target, reduction) if self.needs_input_grad(0) else None,
            mse_loss_backward(grad, target, input, reduction) if self.needs_input_grad(1) else None,
        )


class MseLossBackwardBackward0(Node):
    """Node of mse_loss's gradient norm * (self - target) * grad_output (torch's double-backward formulas)."""

    __slots__ = ("saved_grad_output", "saved_self", "saved_target", "saved_reduction")

    def backward(self, grad):
        input, target = self.unpack(self.saved_self), self.unpack(self.saved_target)
        reduction = self.saved_reduction
        grad_grad_output = grad_self = grad_target = None
        if self.needs_input_grad(0):
            grad_grad_output = mse_loss_backward(grad, input, target, reduction)
            if reduction != REDUCTION_NONE:
                grad_grad_output = grad_grad_output.sum()
        if self.needs_input_grad(1) or self.needs_input_grad(2):
            scaled = mul_scalar(grad * self.unpack(self.saved_grad_output), 2)
            if reduction == REDUCTION_MEAN:
                scaled = div_scalar(scaled, input._data.size)
            grad_self = scaled if self.needs_input_grad(1) else None
            grad_target = -scaled if self.needs_input_grad(2) else None
        return grad_grad_output, grad_self, grad_target


def mse_loss_backward(grad_output, input, target, reduction):
    """d mse_loss / d input: norm * (input - target) * grad_output, norm = 2 (/ numel for 'mean')."""
    dtype = result_type(input, target)
    norm = 2.0 / input._data.size if reduction == REDUCTION_MEAN and input._data.size else 2.0
    difference = input._data.astype(dtype, copy=False) - target._data.astype(dtype, copy=False)
    value = dtype.type(norm) * difference * grad_output._data.astype(dtype, copy=False)
    node = make_node(MseLossBackwardBackward0, grad_output, input, target)
    if node is not None:
        node.saved_grad_output = SavedTensor(grad_output)
        node.saved_self, node.saved_target = SavedTensor(input), SavedTensor(target)
        node.saved_reduction = reduction
    return make_output(value, node)


def mse_loss(input, target, reduction=REDUCTION_MEAN):
    """ATen mse_loss on same-shape tensors (torch.nn.functional.mse_loss broadcasts first)."""
    dtype = result_type(input, target)
    if dtype.kind != "f":
        raise NotImplementedError(f"\"mse_cpu\" not implemented for '{scalar_name(input)}'")
    # computed in the promoted dtype; the node keeps the inputs as they are (the engine casts their grads)
    with np.errstate(all="ignore"):  # overflow, inf - inf and the mean of nothing: silently, as in torch
        squared = np.square(input._data.astype(dtype, copy=False) - target._data.astype(dtype, copy=False))
        if reduction == REDUCTION_MEAN:
            result = np.mean(squared) if squared.size else np.array(np.nan, dtype)
        elif reduction == REDUCTION_SUM:
            result = np.sum(squared)
        elif input._data.flags.c_contiguous and target._data.flags.c_contiguous:
            result = squared
        else:
            result = in_torch_layout(squared, (input._data, target._data))
    node = make_node(MseLossBackward0, input, target)
    if node is not None:
        node.saved_self, node.saved_target = SavedTensor(input), SavedTensor(target)
        node.saved_reduction = reduction
    return make_output(np.asarray(result, dtype), node)


# ---- nll_loss / nll_loss2d ---------------------------------------------------------------------------------
class _NllLossNode(Node):
    __slots__ = (
        "saved_self",
        "saved_target",
        "saved_weight",
        "saved_reduction",
        "saved_ignore_index",
        "saved_total_weight",
    )

    def backward(self, grad):
        input = self.unpack(self.saved_self)
        target = self.unpack(self.saved_target)
        if input._data.ndim == 1 and target._data.ndim == 1 and input._data.shape[0] != target._data.shape[0]:
            # torch's nll_loss_backward rejects the (C,) input with (1,) target that its forward accepts
            raise RuntimeError(
                f"size mismatch (got input: {_shape_str(input._data.shape)}, target: "
                f"{_shape_str(target._data.shape)})"
            )
        return (
            nll_loss_backward(
                type(self).double_backward,
                grad,
                input,
                target,
                self.unpack(self.saved_weight),
                self.saved_reduction,
                self.saved_ignore_index,
                self.unpack(self.saved_total_weight),
            ),
        )


class _NllLossBackwardNode(Node):
    """Node of nll_loss's gradient: linear in grad_output (its gradient is nll_loss of the incoming grad) and
    piecewise constant in self (zero gradient)."""

    __slots__ = ("saved_target", "saved_weight", "saved_reduction", "saved_ignore_index")

    def backward(self, grad):
        target, weight = self.unpack(self.saved_target), self.unpack(self.saved_weight)
        forward = type(self).forward
        return (
            forward(grad, target, weight, self.saved_reduction, _signed(self.saved_ignore_index))
            if self.needs_input_grad(0)
            else None,
            _constant(np.zeros_like(grad._data)) if self.needs_input_grad(1) else None,
        )


class NllLossBackwardBackward0(_NllLossBackwardNode):
    __slots__ = ()


class NllLoss2DBackwardBackward0(_NllLossBackwardNode):
    __slots__ = ()


class NllLossBackward0(_NllLossNode):
    __slots__ = ()
    double_backward = NllLossBackwardBackward0


class NllLoss2DBackward0(_NllLossNode):
    __slots__ = ()
    double_backward = NllLoss2DBackwardBackward0


def nll_loss_backward(cls, grad_output, input, target, weight, reduction, ignore_index, total_weight):
    """d nll_loss / d input: -weight[target] * grad_output (/ total_weight for 'mean') at target classes."""
    labels = target._data
    signed_ignore = _signed(ignore_index)
    coefficients = -_picked_weights(input._data, labels, weight, signed_ignore)
    grad = grad_output._data
    if reduction == REDUCTION_MEAN:
        with np.errstate(divide="ignore", invalid="ignore"):
            grad = grad / total_weight._data
    elif reduction == REDUCTION_NONE and input._data.ndim > 1:
        grad = np.expand_dims(grad, 1)
    if not np.any(labels != signed_ignore):
        value = np.zeros(input._data.shape, input._data.dtype)  # torch writes nothing: not 0 * grad / 0
    else:
        value = _one_hot(labels, input._data.shape, coefficients, labels != signed_ignore) * grad
    node = make_node(cls, grad_output, input)
    if node is not None:
        node.saved_target = SavedTensor(target)
        node.saved_weight = SavedTensor(weight) if weight is not None else None
        node.saved_reduction = reduction
        node.saved_ignore_index = ignore_index
    return make_output(value.astype(input._data.dtype, copy=False), node)


def _signed(ignore_index):
    """torch reports the saved ignore_index as an unsigned 64-bit value; undo that for the arithmetic."""
    return ignore_index - 2**64 if ignore_index >= 2**63 else ignore_index


def _class_axis_target(target, ndim):
    """target with a class axis inserted where the input has it (axis 1, or 0 for 1-d input)."""
    return target.reshape(-1) if ndim == 1 else np.expand_dims(target, 1)


def _picked_weights(input, target, weight, ignore_index):
    """weight[target] per target element (1 without weights), 0 where target == ignore_index."""
    valid = target != ignore_index
    safe = np.where(valid, target, 0).astype(np.int64)
    picked = np.ones(safe.shape, input.dtype) if weight is None else weight._data[safe]
    return np.where(valid, picked, 0).astype(input.dtype)


def _one_hot(target, shape, values, valid):
    """An array of `shape` holding values[...] at the target class of every valid element and 0 elsewhere
    (a +0: torch writes nothing for an ignored element, so its -0 * grad never appears)."""
    ndim = len(shape)
    out = np.zeros(shape, values.dtype)
    index = _class_axis_target(np.where(valid, target, 0).astype(np.int64), ndim)
    values = np.where(valid, values, 0).astype(values.dtype, copy=False)
    np.put_along_axis(out, index, _class_axis_target(values, ndim), axis=0 if ndim == 1 else 1)
    return out


def _check_target_dtype(target):
    if target._data.dtype not in (np.int64, np.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got {scalar_name(target)}")


def _check_bounds(target, n_classes, ignore_index):
    bad = (target != ignore_index) & ((target < 0) | (target >= n_classes))
    if np.any(bad):
        raise IndexError(f"Target {int(target[bad].reshape(-1)[0])} is out of bounds.")


def _check_float_input(input, kernel):
    if input._data.dtype.kind != "f":
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{scalar_name(input)}'")


def _check_weight_dtype(input, weight):
    if weight is not None and weight._data.dtype != input._data.dtype:
        raise RuntimeError(f"expected scalar type {scalar_name(input)} but found {scalar_name(weight)}")


def _check_weight_no_grad(weight, fn):
    if weight is not None and weight._requires_grad:
        from .._core import grad_mode

        if grad_mode.state.grad_enabled:
            raise RuntimeError(
                f"The function '{fn}' is not differentiable with respect to argument 'weight'. This input "
                "cannot have requires_grad True."
            )


def _reduce(losses, picked, reduction, dtype, batched):
    """(output, total_weight) of the weighted negative log likelihoods `losses`."""
    total_weight = np.asarray(picked.sum(), dtype)
    if reduction == REDUCTION_NONE:
        # torch leaves total_weight at 0 for unreduced batches but still computes it for one sample
        return losses.astype(dtype, copy=False), (np.zeros((), dtype) if batched else total_weight)
    total = np.asarray(losses.sum(), dtype)
    if reduction == REDUCTION_SUM:
        return total, total_weight
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(total / total_weight, dtype), total_weight


def _nll_forward(cls, input, target, weight, reduction, ignore_index):
    data, labels = input._data, target._data
    picked = _picked_weights(data, labels, weight, ignore_index)
    if data.size and labels.size:
        safe = np.where(labels != ignore_index, labels, 0).astype(np.int64)
        axis = 0 if data.ndim == 1 else 1
        chosen = np.take_along_axis(data, _class_axis_target(safe, data.ndim), axis=axis)
        chosen = chosen.reshape(labels.shape) if data.ndim > 1 else chosen.reshape(())
    else:
        chosen = np.zeros(labels.shape if data.ndim > 1 else (), data.dtype)
    losses = -(chosen * picked.reshape(chosen.shape))
    output, total_weight = _reduce(losses, picked, reduction, data.dtype, data.ndim > 1)
    node = make_node(cls, input)
    if node is not None:
        node.saved_self = SavedTensor(input)
        node.saved_target = SavedTensor(target)
        node.saved_weight = SavedTensor(weight) if weight is not None else None
        node.saved_reduction = reduction
        node.saved_ignore_index = ignore_index % 2**64
        out = make_output(output, node)
        node.saved_total_weight = SavedTensor(make_output(total_weight, None))
        return out
    return make_output(output, None)


def nll_loss(input, target, weight=None, reduction=REDUCTION_MEAN, ignore_index=-100):
    """ATen nll_loss: 1-d input with 0-d/1-d target, or (N, C) input with (N,) target."""
    _check_weight_no_grad(weight, "nll_loss_forward")
    if not 1 <= input._data.ndim <= 2:
        raise RuntimeError("input tensor should be 1D or 2D")
    if target._data.ndim > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    _check_target_dtype(target)
    if input._data.ndim == 1 and target._data.ndim == 1 and target._data.shape[0] != 1:
        raise ValueError(
            f"For 1D input, 1D target must have size 1, but got target size: {target._data.shape[0]}"
        )
    if input._data.ndim == 2 and input._data.shape[0] != target._data.shape[0]:
        raise RuntimeError(
            f"size mismatch (got input: {_shape_str(input._data.shape)}, target: "
            f"{_shape_str(target._data.shape)})"
        )
    n_classes = input._data.shape[-1]
    if weight is not None and not (weight._data.ndim == 1 and weight._data.size == n_classes):
        raise RuntimeError(
            f"weight tensor should be defined either for all {n_classes} classes or no classes but got "
            f"weight tensor of shape: {_shape_str(weight._data.shape)}"
        )
    _check_float_input(input, "nll_loss_out_frame")
    _check_weight_dtype(input, weight)
    _check_bounds(target._data, n_classes, ignore_index)
    return _nll_forward(NllLossBackward0, input, target, weight, reduction, ignore_index)


def nll_loss2d(input, target, weight=None, reduction=REDUCTION_MEAN, ignore_index=-100):
    """ATen nll_loss2d: (N, C, H, W) input with (N, H, W) target."""
    _check_weight_no_grad(weight, "nll_loss2d_forward")
    if target._data.ndim != 3:
        raise RuntimeError(
            "only batches of spatial targets supported (3D tensors) but got targets of dimension: "
            f"{target._data.ndim}"
        )
    _check_target_dtype(target)
    if input._data.ndim != 4:
        raise RuntimeError(
            f"only batches of spatial inputs supported (4D tensors), but got input of dimension: "
            f"{input._data.ndim}"
        )
    shape, target_shape = input._data.shape, target._data.shape
    if shape[0] != target_shape[0] or shape[2:] != target_shape[1:]:
        raise RuntimeError(
            f"size mismatch (got input: {_shape_str(shape)} , target: {_shape_str(target_shape)}"
        )
    n_classes = shape[1]
    if weight is not None and weight._data.size != n_classes:
        raise RuntimeError("weight tensor should be defined either for all or no classes")
    _check_float_input(input, "nll_loss2d_forward_out_frame")
    if target._data.dtype != np.int64:
        raise RuntimeError(f"expected scalar type Long but found {scalar_name(target)}")
    _check_weight_dtype(input, weight)
    _check_bounds(target._data, n_classes, ignore_index)
    return _nll_forward(NllLoss2DBackward0, input, target, weight, reduction, ignore_index)


NllLossBackwardBackward0.forward = staticmethod(nll_loss)
NllLoss2DBackwardBackward0.forward = staticmethod(nll_loss2d)

register_methods(addmm=addmm, masked_fill=masked_fill, masked_fill_=masked_fill_)
