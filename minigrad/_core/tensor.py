"""Tensor: a numpy array plus autograd state (flags, version counter, grad, grad_fn, hooks).

This is the core's Tensor: it knows storage and autograd state, not ops. Op functions live in
minigrad/ops/ and are attached as methods by the layers above (`register_methods`), as torch's Python
Tensor adds methods to its C++ TensorBase; so the core never imports an op, and adding an op never
requires editing this file.
"""

import builtins
import warnings
import weakref

import numpy as np

from . import dtypes as _dtype
from . import forward_ad, grad_mode, tensor_str
from .graph import RemovableHandle, grad_accumulator
from .typenames import bool_arg, type_error, type_name
from .warn_once import warn_once


class Size(tuple):
    """torch.Size: a tuple of ints that prints as `torch.Size([2, 3])`; concatenating or repeating it
    gives a Size again."""

    __slots__ = ()

    def __new__(cls, sizes=()):
        sizes = tuple(sizes)
        for i, n in enumerate(sizes):
            if not isinstance(n, int) and not hasattr(n, "__index__"):
                raise TypeError(f"torch.Size() takes an iterable of 'int' (item {i} is '{type(n).__name__}')")
        return super().__new__(cls, (n.__index__() for n in sizes))

    def __add__(self, other):
        if not isinstance(other, tuple):
            raise TypeError(f"can only concatenate tuple (not {type(other).__name__}) to torch.Size")
        return Size(tuple(self) + tuple(other))  # checked: the other tuple may hold anything

    def __radd__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(tuple(other) + tuple(self))

    def __mul__(self, times):
        return _size(tuple(self) * times)

    __rmul__ = __mul__

    def __repr__(self):
        return f"torch.Size({list(self)})"

    __str__ = __repr__

    def __getitem__(self, item):
        result = tuple.__getitem__(self, item)
        return _size(result) if isinstance(item, slice) else result

    def numel(self):
        n = 1
        for d in self:
            n *= d
        return (n + 2**63) % 2**64 - 2**63  # an int64 product, wrapping around as torch's does


def _size(ints):
    """A Size of ints already known to be ints (shapes): without Size()'s checks."""
    return tuple.__new__(Size, ints)


class device:
    """The only device: prints `cpu`, reprs `device(type='cpu')`."""

    __slots__ = ("type",)

    def __init__(self, type="cpu"):
        if str(type).startswith("cuda"):  # what a CPU-only build of torch says when asked for the GPU
            raise AssertionError("Torch not compiled with CUDA enabled")
        if str(type) != "cpu":
            raise RuntimeError(f"minigrad supports only the cpu device, got {type}")
        self.type = "cpu"

    @property
    def index(self):
        return None

    def __eq__(self, other):
        return isinstance(other, device)

    def __hash__(self):
        return hash("cpu")

    def __repr__(self):
        return "device(type='cpu')"

    def __str__(self):
        return "cpu"


CPU = device()


class VersionCounter:
    """Counts in-place writes; shared by a tensor, its views and its detach() aliases."""

    __slots__ = ("value",)
    inference = False

    def __init__(self):
        self.value = 0


class InferenceVersionCounter(VersionCounter):
    """The counter of a tensor made in inference mode (torch's inference tensors have none): marks the
    tensor and everything sharing its memory as an inference tensor."""

    __slots__ = ()
    inference = True


def new_version_counter():
    return InferenceVersionCounter() if grad_mode.state.inference else VersionCounter()


INFERENCE_INPLACE = (
    "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a "
    "normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details."
)
INFERENCE_REQUIRES_GRAD = (
    "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed."
)
DETACH_VIEW_INPLACE = (
    "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for "
    "training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence "
    "detach_() cannot be called on these gradients. To fix this error, please refer to the "
    "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution."
)


INTERNAL_OVERLAP = (
    "unsupported operation: more than one element of the written-to tensor refers to a single memory "
    "location. Please clone() the tensor before performing the operation."
)


def has_internal_overlap(data):
    """torch's has_internal_overlap() == YES: a stride-0 dim of size > 1 (an expanded tensor, like the
    gradient sum() hands back), so that one memory location is several elements."""
    flags = data.flags
    if flags.c_contiguous or flags.f_contiguous:  # dense (numpy's strides of empty arrays can be 0)
        return False
    return any(st == 0 and n > 1 for st, n in zip(data.strides, data.shape))


def broadcast_view(data, shape):
    """np.broadcast_to(data, shape), but writable like torch's expand() when `data` is: writes reach `data`
    (in-place ops refuse a real broadcast themselves; see has_internal_overlap)."""
    out = np.broadcast_to(data, shape)
    if not data.flags.writeable:
        return out
    return np.lib.stride_tricks.as_strided(data, out.shape, out.strides, writeable=True)


FLOAT_OF_REQUIRES_GRAD = (
    "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior.\n"
    "Consider using tensor.detach() first. (Triggered internally at "
    "/__w/pytorch/pytorch/torch/csrc/autograd/generated/python_variable_methods.cpp:822.)"
)
T_ON_0D = (
    "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases. (Triggered "
    "internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4321.)"
)
T_NOT_2D = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will "
    "throw an error in a future release. Consider `x.mT` to transpose batches of matrices or "
    "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered "
    "internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4314.)"
)


def bump_version(t):
    """An in-place write happened: count it (torch raises only after the write for inference tensors)."""
    vc = t._vc
    vc.value += 1
    if vc.inference and not grad_mode.state.inference:
        raise RuntimeError(INFERENCE_INPLACE)


NON_LEAF_GRAD_WARNING = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be "
    "populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf "
    "Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by "
    "mistake, make sure "
    "you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information. "
    "(Triggered internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)"
)
NON_LEAF_REQUIRES_GRAD = "you can only change requires_grad flags of leaf variables."
NON_LEAF_REQUIRES_GRAD_OFF = (
    NON_LEAF_REQUIRES_GRAD + " If you want to use a computed variable in a subgraph that doesn't require "
    "differentiation use var_no_grad = var.detach()."
)

_new = object.__new__


def _shape_str(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


class Tensor:
    __slots__ = (
        "_data",  # numpy ndarray; views are numpy views of their base's array
        "_vc",  # VersionCounter
        "_requires_grad",
        "_grad_fn",
        "_output_nr",
        "_grad",
        "_retains_grad",
        "_base",  # the tensor this is a view of, or None
        "_view_meta",  # ViewMeta of a view (how it was created, version its grad_fn is for), else None
        "_hooks",  # leaf tensor hooks {handle: fn}, or None
        "_grad_accumulator",  # weakref to this leaf's AccumulateGrad, or None
        "_post_acc_hooks",  # leaf post-accumulate-grad hooks {handle: fn}, or None
        "_fw_grad",  # the tangent at the active forward AD level, or None (forward_ad.py)
        "__weakref__",
    )

    def __new__(cls, *args, **kwargs):
        """Legacy constructor: Tensor([1, 2]) (default dtype), Tensor(2, 3) (uninitialised), Tensor()."""
        dtype = _dtype.get_default_dtype().numpy
        if not args:
            return _make(np.empty((0,), dtype=dtype), cls=cls)
        if len(args) == 1 and not isinstance(args[0], int):
            (data,) = args
            if isinstance(data, Size):  # a Size is a shape, any other tuple is data
                return _make(np.empty(data, dtype=dtype), cls=cls)
            if isinstance(data, Tensor):
                return data
            if isinstance(data, (float, builtins.bool, complex)):
                raise TypeError(f"new(): data must be a sequence (got {type(data).__name__})")
            return _make(np.array(data, dtype=dtype), cls=cls)
        return _make(np.empty(args, dtype=dtype), cls=cls)

    # ---- autograd state
    # -------------------------------------------------------------------------------------
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        if type(value) is not builtins.bool:
            raise RuntimeError("requires_grad must be a bool")
        if self._grad_fn is not None:
            raise RuntimeError(NON_LEAF_REQUIRES_GRAD if value else NON_LEAF_REQUIRES_GRAD_OFF)
        if value and self._data.dtype.kind != "f":
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        if value and self._vc.inference and not grad_mode.state.inference:
            raise RuntimeError(INFERENCE_REQUIRES_GRAD)
        self._requires_grad = builtins.bool(value)

    def requires_grad_(self, requires_grad=True):
        if type(requires_grad) is not builtins.bool:
            requires_grad = bool_arg(requires_grad, "requires_grad_", "requires_grad", 1)
        if self._grad_fn is not None:
            if requires_grad:
                return self
            raise RuntimeError(NON_LEAF_REQUIRES_GRAD_OFF)
        if requires_grad and self._data.dtype.kind != "f":
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        if requires_grad and self._vc.inference and not grad_mode.state.inference:
            raise RuntimeError(INFERENCE_REQUIRES_GRAD)
        self._requires_grad = builtins.bool(requires_grad)
        return self

    def is_inference(self):
        return self._vc.inference

    @property
    def grad_fn(self):
        if self._base is not None:
            # torch regenerates a view's grad_fn when its base was written in place since (views.py)
            self._view_meta.refresh(self)
        return self._grad_fn

    @property
    def is_leaf(self):
        # Through grad_fn, as torch does: a stale view's grad_fn is regenerated first (or raises).
        return self.grad_fn is None

    @property
    def retains_grad(self):
        return self._retains_grad

    @property
    def output_nr(self):
        return self._output_nr

    @property
    def grad(self):
        if self._grad is None and self._grad_fn is not None and not self._retains_grad:
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    "assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value is self:
                raise RuntimeError("can't assign Variable as its own grad")
            if value._data.dtype != self._data.dtype:
                raise RuntimeError(
                    f"attempting to assign a gradient with dtype '{value.dtype._cpp}' to a tensor with "
                    f"grad_dtype '{_dtype.SCALAR_TYPE_NAMES[self.dtype]}'. The gradient must match "
                    "the tensor's "
                    "grad_dtype (defaults to the tensor's dtype). You can set the tensor's "
                    "grad_dtype attribute "
                    "with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. "
                    "Diverging "
                    "the dtypes of a tensor and its gradient may break downstream systems that "
                    "assume they match."
                )
            if value._data.shape != self._data.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{_shape_str(value._data.shape)}' to a "
                    "tensor of "
                    f"size '{_shape_str(self._data.shape)}'. Please ensure that the gradient and the "
                    "tensor are "
                    "the same size"
                )
        self._grad = value

    @grad.deleter
    def grad(self):
        self._grad = None

    def retain_grad(self):
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self._grad_fn is None or self._retains_grad:
            return
        self._grad_fn._retain_grad_of(self)
        self._retains_grad = True

    def register_hook(self, hook):
        """hook(grad) -> replacement grad or None; called when the gradient for this tensor is computed."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._grad_fn is not None:
            return self._grad_fn._register_tensor_hook(self._output_nr, hook)
        if self._hooks is None:
            self._hooks = {}
        return RemovableHandle(self._hooks, hook)

    def register_post_accumulate_grad_hook(self, hook):
        """hook(tensor) -> None; called on a leaf after its .grad has been accumulated."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf tensors")
        if self._post_acc_hooks is None:
            self._post_acc_hooks = {}
        return RemovableHandle(self._post_acc_hooks, hook)

    def detach(self):
        """Same data and version counter, no autograd history."""
        return _make(self._data, vc=self._vc)

    def detach_(self):
        if self._base is not None:
            raise RuntimeError(DETACH_VIEW_INPLACE)
        self._grad_fn = None
        self._output_nr = 0
        self._requires_grad = False
        return self

    @property
    def data(self):
        # torch: shares storage but NOT the version counter (that is what makes .data unsafe)
        return _make(self._data)

    @data.setter
    def data(self, value):
        if not isinstance(value, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type_name(value)}")
        if self._requires_grad and value._data.dtype.kind != "f":
            raise RuntimeError(
                "data set to a tensor that requires gradients must be floating point or complex dtype"
            )
        self._data = value._data

    # ---- metadata
    # --------------------------------------------------------------------------------------------
    @property
    def shape(self):
        return _size(self._data.shape)

    def size(self, dim=None):
        if dim is None:
            return _size(self._data.shape)
        if type(dim) is not int:
            dim = _int_dim(dim)
        if not self._data.ndim:  # torch's size(dim) of a 0-d tensor
            raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
        return self._data.shape[self._wrap_dim(dim)]

    def _wrap_dim(self, dim):
        n = self._data.ndim
        low, high = (-1, 0) if n == 0 else (-n, n - 1)
        if not low <= dim <= high:
            raise IndexError(
                f"Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})"
            )
        return dim % n if n else 0

    @property
    def dtype(self):
        return _dtype.from_numpy(self._data.dtype)

    @property
    def device(self):
        return CPU

    @property
    def is_cuda(self):
        return False

    @property
    def ndim(self):
        return self._data.ndim

    def dim(self):
        return self._data.ndim

    def numel(self):
        return self._data.size

    nelement = numel

    def element_size(self):
        return self._data.itemsize

    def is_floating_point(self):
        return self._data.dtype.kind == "f"

    def is_contiguous(self):
        return self._data.flags.c_contiguous

    @property
    def _version(self):
        return self._vc.value

    def _is_view(self):
        return self._base is not None

    @property
    def T(self):
        n = self._data.ndim
        if n == 0:
            warn_once(T_ON_0D)
        elif n != 2:
            warn_once(T_NOT_2D)
        return self.permute(tuple(range(n - 1, -1, -1)))

    # ---- conversion to Python / numpy
    # ------------------------------------------------------------------------
    def item(self):
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to Scalar")
        return self._data.reshape(()).item()

    def tolist(self):
        return self._data.tolist()

    def numpy(self, *, force=False):
        if self._requires_grad and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
            )
        return self._data

    # torch's signatures, without numpy 2's copy=/context=/return_scalar=: numpy then falls back to calling
    # them the old way and emits its DeprecationWarning, as it does for torch
    def __array__(self, dtype=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype, copy=False)

    def __array_wrap__(self, array):
        # numpy functions on a tensor (np.exp(x)) give a tensor back, as torch's from_numpy would
        if type(array) is np.ndarray and array.dtype in _dtype._BY_NUMPY:
            return _make(array.astype(np.uint8) if array.dtype == np.bool_ else array)
        return array

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __bool__(self):
        if self._data.size != 1:
            many = "no values" if self._data.size == 0 else "more than one value"
            raise RuntimeError(f"Boolean value of Tensor with {many} is ambiguous")
        return builtins.bool(self._data.reshape(()))

    def __format__(self, format_spec):
        # torch: a 0-d tensor formats as its Python number (f"{loss:.4f}"), anything else as object does
        if self._data.ndim == 0 and type(self) is Tensor:
            return self.item().__format__(format_spec)
        if format_spec:
            raise TypeError("unsupported format string passed to Tensor.__format__")
        return str(self)

    def _scalar(self):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __float__(self):
        if self._requires_grad:
            warn_once(FLOAT_OF_REQUIRES_GRAD)
        return builtins.float(self._scalar())

    def __int__(self):
        return builtins.int(self._scalar())

    def __index__(self):
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return builtins.int(self._data.reshape(()).item())

    __hash__ = object.__hash__  # by identity, like torch (defining __eq__ elsewhere would otherwise drop it)

    def __repr__(self):
        suffixes = []
        try:
            grad_fn = self.grad_fn
            grad_fn_name = None if grad_fn is None else grad_fn.name().rsplit("::", 1)[-1]
        except RuntimeError:  # a view whose history cannot be regenerated (torch prints the same)
            grad_fn_name = "Invalid"
        if grad_fn_name is not None:
            suffixes.append(f"grad_fn=<{grad_fn_name}>")
        elif self._requires_grad:
            suffixes.append("requires_grad=True")
        tangent = tangent_of(self) if forward_ad.state.level is not None else None
        if tangent is not None:
            suffixes.append(f"tangent={tangent!r}")
        return tensor_str.format_tensor(
            self._data,
            dtype_name=self.dtype.name,
            default_dtype_name=_dtype.get_default_dtype().name,
            suffixes=suffixes,
        )

    __str__ = __repr__

    # ---- internals used by ops and the engine -------------------------------------------------------------
    def _detached_alias(self):
        """Same data and version counter, no grad_fn: how an op's saved output is stored."""
        return _make(self._data, vc=self._vc)

    def _alias_with_grad_fn(self, grad_fn, output_nr):
        t = _make(self._data, vc=self._vc, requires_grad=True)
        t._grad_fn = grad_fn
        t._output_nr = output_nr
        return t

    def _grad_accumulator_node(self):
        return grad_accumulator(self)

    _is_wrapped_number = False  # a Python number torch wrapped into a tensor (WrappedNumber)

    def _tangent(self):
        return tangent_of(self)

    def _set_tangent(self, tangent):
        set_tangent(self, tangent)


def _make(data, requires_grad=False, vc=None, cls=Tensor):
    """Build a tensor around a numpy array without copying (the one constructor everything uses)."""
    t = _new(cls)
    t._data = data
    t._vc = new_version_counter() if vc is None else vc
    t._requires_grad = requires_grad
    t._grad_fn = None
    t._output_nr = 0
    t._grad = None
    t._retains_grad = False
    t._base = None
    t._view_meta = None
    t._hooks = None
    t._grad_accumulator = None
    t._post_acc_hooks = None
    t._fw_grad = None
    return t


def make_output(data, node, cls=Tensor):
    """Wrap an op's numpy result; if `node` is not None it becomes the grad_fn (output 0)."""
    if type(data) is not np.ndarray:
        data = np.asarray(data)
    t = _new(cls)
    t._data = data
    t._grad_fn = node
    t._output_nr = 0
    t._grad = None
    t._retains_grad = False
    t._base = None
    t._view_meta = None
    t._hooks = None
    t._grad_accumulator = None
    t._post_acc_hooks = None
    t._fw_grad = None
    if node is None or data.dtype.kind != "f":
        # only floating point outputs are differentiable (e.g. x.long() has no grad_fn)
        t._vc = InferenceVersionCounter() if _state.inference else VersionCounter()
        t._grad_fn = None
        t._requires_grad = False
    else:
        t._vc = VersionCounter()
        t._requires_grad = True
        key = (data.shape, data.dtype)
        meta = _OUT_META.get(key)
        node._out_meta = meta if meta is not None else _new_out_meta(key)
    return t


# Output metadata ((shape, dtype),) shared by the nodes whose output has that shape and dtype: a node then
# holds no metadata tuples of its own, which in long graphs the garbage collector would scan over and over.
_OUT_META = {}


def _new_out_meta(key):
    if len(_OUT_META) >= 4096:  # bounded: a program that makes ever new shapes must not grow this forever
        _OUT_META.clear()
    meta = _OUT_META[key] = (key,)
    return meta


def register_methods(**methods):
    """Attach op functions as Tensor methods (the function's first argument becomes self)."""
    for name, fn in methods.items():
        setattr(Tensor, name, fn)


_state = grad_mode.state


def grad_enabled():
    return grad_mode.state.grad_enabled


def _int_dim(value):
    """size()'s dim: torch's int check (a numpy integer or an integer 0-d tensor, never a bool)."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return int(value)
    if isinstance(value, Tensor) and value._data.ndim == 0 and value._data.dtype.kind in "iu":
        return int(value._data)
    raise type_error("size", "dim", 1, "int", value)


# ---- tangents (forward-mode AD) -------------------------------------------------------------------------
def tangent_of(t):
    """t's tangent at the active forward AD level, or None. A view without one of its own takes the matching
    view of its base's tangent (torch makes it when first asked for, then keeps it)."""
    tangent = t._fw_grad
    if tangent is not None or t._base is None or forward_ad.state.level is None:
        return tangent
    if not t._view_meta.forward:
        return None
    base_tangent = t._base._fw_grad
    if base_tangent is None:
        return None
    tangent = _view_like(base_tangent, t._data, t._base._data)
    set_tangent(t, tangent)
    return tangent


def set_tangent(t, tangent):
    """Make `tangent` the tangent of `t` at the active level (exiting the level clears it)."""
    if t._fw_grad is None:
        forward_ad.state.tensors.append(weakref.ref(t))
    t._fw_grad = tangent


def _view_like(source, view_data, base_data):
    """The view of tensor `source` (laid out like `base_data`, dtype aside) that `view_data` is of
    `base_data`: same element offset, shape and strides in elements."""
    item = base_data.itemsize
    offset = (view_data.__array_interface__["data"][0] - base_data.__array_interface__["data"][0]) // item
    src = source._data
    strides = tuple(st // item * src.itemsize for st in view_data.strides)
    flat = src.ravel(order="K")  # a view for a dense tensor: its elements in memory order
    array = np.lib.stride_tricks.as_strided(flat[offset:], view_data.shape, strides)
    if not np.shares_memory(flat, src):  # not dense: a copy, as torch copies a tangent of another layout
        return make_output(array.copy(), None)
    view = make_output(array, None)  # shares the base tangent's memory and version counter
    view._vc = source._vc
    return view


class WrappedNumber(Tensor):
    """A Python number torch turned into a 0-d tensor for an op taking a Tensor (bool, int64 or float64);
    saved tensor hooks never see one."""

    __slots__ = ()
    _is_wrapped_number = True


def wrapped_number(value):
    return make_output(np.array(value), None, WrappedNumber)
