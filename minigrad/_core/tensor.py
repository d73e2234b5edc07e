"""Tensor: a numpy array plus autograd state (flags, version counter, grad, grad_fn, hooks).

This is the core's Tensor: it knows storage and autograd state, not ops. Op functions live in
minigrad/ops/ and are attached as methods by the layers above (`register_methods`), as torch's Python
Tensor adds methods to its C++ TensorBase; so the core never imports an op, and adding an op never
requires editing this file.
"""

import builtins
import copy
import warnings
import weakref

import numpy as np

from . import dtypes as _dtype
from . import forward_ad, grad_mode, tensor_str
from .graph import Node, RemovableHandle, grad_accumulator
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
    """Counts in-place writes; shared by a tensor, its views and its detach() aliases. `inference`: the
    tensors sharing it are inference tensors; `tracks`: it counts (and in-place writes are allowed outside
    inference mode)."""

    __slots__ = ("value",)
    inference = False
    tracks = True

    def __init__(self):
        self.value = 0


class InferenceVersionCounter(VersionCounter):
    """The counter of a tensor made in inference mode (torch's inference tensors have none): marks the
    tensor and everything sharing its memory as an inference tensor."""

    __slots__ = ()
    inference = True
    tracks = False


class InferenceDataVersionCounter(VersionCounter):
    """torch's `.data` of an inference tensor taken outside inference mode: still an inference tensor, but
    with a version counter of its own that counts, and writable in place anywhere."""

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
    if not vc.tracks and not grad_mode.state.inference:
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
    # print(type(x)) shows <class 'torch.Tensor'>; a tensor pickles through _rebuild_tensor, not by class
    __module__ = "torch"
    __slots__ = (
        "_data",  # numpy ndarray; views are numpy views of their base's array
        "_vc",  # VersionCounter
        "_requires_grad",
        "_gfn",  # the grad_fn (torch's _grad_fn property reads and sets it)
        "_output_nr",
        "_grad",
        "_retains_grad",
        "_base",  # the tensor this is a view of, or None
        "_view_meta",  # ViewMeta of a view (how it was created, version its grad_fn is for), else None
        "_hooks",  # leaf tensor hooks {handle: fn}, or None
        "_grad_accumulator",  # weakref to this leaf's AccumulateGrad, or None
        "_post_acc_hooks",  # leaf post-accumulate-grad hooks {handle: fn}, or None
        "_fw_grad",  # the tangent at the active forward AD level, or None (forward_ad.py)
        "_user_backward_hooks",  # what the user set as torch's _backward_hooks (unset: None)
        "__weakref__",
        "__dict__",  # the user's own attributes (t.foo = 1), made only when one is set
    )

    def __new__(cls, *args, **kwargs):
        """The legacy constructor: Tensor([1, 2]), Tensor(2, 3), Tensor() (minigrad/legacy.py provides it,
        as `_legacy_new`)."""
        return Tensor._legacy_new(cls, args, kwargs)

    # ---- autograd state
    # -------------------------------------------------------------------------------------
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        if type(value) is not builtins.bool:
            raise RuntimeError("requires_grad must be a bool")
        if self._gfn is not None:
            raise RuntimeError(NON_LEAF_REQUIRES_GRAD if value else NON_LEAF_REQUIRES_GRAD_OFF)
        if value and self._data.dtype.kind != "f":
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        if value and self._vc.inference and not grad_mode.state.inference:
            raise RuntimeError(INFERENCE_REQUIRES_GRAD)
        self._requires_grad = builtins.bool(value)

    def requires_grad_(self, requires_grad=True):
        if type(requires_grad) is not builtins.bool:
            requires_grad = bool_arg(requires_grad, "requires_grad_", "requires_grad", 1)
        if self._gfn is not None:
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
        return self._gfn

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
        if self._grad is None and self._gfn is not None and not self._retains_grad:
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
        if self._gfn is None or self._retains_grad:
            return
        self._gfn._retain_grad_of(self)
        self._retains_grad = True

    def register_hook(self, hook):
        """hook(grad) -> replacement grad or None; called when the gradient for this tensor is computed."""
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self._gfn is not None:
            return self._gfn._register_tensor_hook(self._output_nr, hook)
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
        """Same data and version counter, no autograd history. (Outside inference mode, an inference
        tensor's detach gets a counter of its own, as its .data does.)"""
        vc = self._vc
        if not vc.tracks and not grad_mode.state.inference:
            vc = InferenceDataVersionCounter()
        return _keeps_zero(self, _make(self._data, vc=vc))

    def detach_(self):
        if self._base is not None:
            raise RuntimeError(DETACH_VIEW_INPLACE)
        self._gfn = None
        self._output_nr = 0
        self._requires_grad = False
        return self

    @property
    def data(self):
        # torch: shares storage but NOT the version counter (that is what makes .data unsafe); the data of an
        # inference tensor is one too
        if not self._vc.inference:
            vc = VersionCounter()
        elif grad_mode.state.inference:
            vc = InferenceVersionCounter()
        else:
            vc = InferenceDataVersionCounter()
        return _keeps_zero(self, _make(self._data, vc=vc))

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
        vc = self._vc
        if not vc.tracks:
            raise RuntimeError("Inference tensors do not track version counter.")
        return vc.value

    def stride(self, dim=None):
        """Strides in elements (torch's contiguous strides for a contiguous tensor)."""
        data = self._data
        if data.flags.c_contiguous:
            strides = _contiguous_strides(data.shape)
        else:
            item = data.itemsize
            strides = tuple(st // item for st in data.strides)
        if dim is None:
            return strides
        if type(dim) is not int:
            dim = _int_dim(dim, "stride")
        return strides[self._wrap_dim(dim)]

    def storage_offset(self):
        """Where the first element lies in the memory the tensor shares with its views, in elements."""
        data = self._data
        return (_address(data) - _address(_storage_root(data))) // data.itemsize

    def data_ptr(self):
        """The address of the first element (0 for a tensor without elements), as torch's: equal for views
        at the same offset."""
        data = self._data
        return _address(data) if data.size else 0

    def __contains__(self, element):
        if isinstance(element, Tensor | builtins.bool | int | float | complex) or (
            isinstance(element, np.generic) and element.dtype.kind in "biufc"
        ):
            return builtins.bool(np.any((element == self)._data))  # torch's (element == self).any()
        raise RuntimeError(
            f"Tensor.__contains__ only supports Tensor or scalar, but you passed in a {type(element)}."
        )

    @property
    def volatile(self):
        warnings.warn("volatile was removed (Variable.volatile is always False)", UserWarning, stacklevel=2)
        return False

    @volatile.setter
    def volatile(self, value):
        warnings.warn(VOLATILE_REMOVED, UserWarning, stacklevel=2)

    # No __delattr__: a Python-level one makes every attribute assignment (make_output sets a dozen) go
    # through a slow slot wrapper. torch's undeletable attributes are properties whose deleters raise.
    @property
    def _grad_fn(self):
        return self._gfn

    @_grad_fn.setter
    def _grad_fn(self, value):  # torch's private setter: x._grad_fn = None clears grad_fn too
        self._gfn = value

    @_grad_fn.deleter
    def _grad_fn(self):
        raise RuntimeError(_UNDELETABLE["_grad_fn"])

    @property
    def _backward_hooks(self):
        """torch's attribute: None until a user sets it."""
        return getattr(self, "_user_backward_hooks", None)

    @_backward_hooks.setter
    def _backward_hooks(self, value):
        self._user_backward_hooks = value

    @_backward_hooks.deleter
    def _backward_hooks(self):
        raise RuntimeError(_UNDELETABLE["_backward_hooks"])

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
        if self._zero:
            raise RuntimeError("tolist() shouldn't be called on a tensor with unallocated storage")
        return self._data.tolist()

    def numpy(self, *, force=False):
        if self._zero and not force:
            raise RuntimeError(
                " Cannot convert a ZeroTensor to numpy. Set force=True if you need the zero array."
            )
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
        if self._requires_grad and grad_mode.state.grad_enabled:  # torch: not under no_grad
            warn_once(FLOAT_OF_REQUIRES_GRAD)
        return builtins.float(self._scalar())

    def __int__(self):
        return builtins.int(self._scalar())

    def __index__(self):
        if self._data.dtype.kind not in "iub" or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return builtins.int(self._data.reshape(()).item())

    __hash__ = object.__hash__  # by identity, like torch (defining __eq__ elsewhere would otherwise drop it)

    # ---- pickle and copy -----------------------------------------------------------------------------------
    def __reduce_ex__(self, protocol):
        """Pickled as torch pickles a tensor: the whole memory it views (each tensor its own copy: torch
        wraps the storage anew every time, so pickle does not share it; torch.save does), offset, size,
        strides, requires_grad, and its Python attributes. The history is not kept: what comes back is a
        leaf."""
        return self._reduce(_storage_root(self._data).view())

    def _reduce(self, storage):
        _warn_hooks_not_serialized(self)
        data = self._data
        layout = (self.storage_offset(), data.shape, tuple(st // data.itemsize for st in data.strides))
        return (_rebuild_tensor, (storage, *layout, self._requires_grad, self.__dict__ or None))

    def __deepcopy__(self, memo):
        """torch's: leaves only; views copied together share their copied memory; .grad and the Python
        attributes are deep-copied too."""
        if self.grad_fn is not None:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at "
                "the moment.  If you were attempting to deepcopy a module, this may be because of a "
                "torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001"
            )
        if id(self) in memo:
            return memo[id(self)]
        data = self._data
        storage = _storage_root(data)
        copied = memo.get(id(storage))
        if copied is None:
            copied = memo[id(storage)] = storage.copy(order="K")
            memo.setdefault(id(memo), []).append(
                storage
            )  # keeps `storage` (so its id) alive, as deepcopy does
        strides = tuple(st // data.itemsize for st in data.strides)
        new = _rebuild_tensor(copied, self.storage_offset(), data.shape, strides, self._requires_grad, None)
        if self._grad is not None:
            new._grad = self._grad.__deepcopy__(memo)
        if self.__dict__:
            new.__dict__ = copy.deepcopy(self.__dict__, memo)
        memo[id(self)] = new
        return new

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
        t._gfn = grad_fn
        t._output_nr = output_nr
        return t

    def _grad_accumulator_node(self):
        return grad_accumulator(self)

    _is_wrapped_number = False  # a Python number torch wrapped into a tensor (WrappedNumber)
    _zero = False  # one of torch's ZeroTensors (ZeroTensor)

    def _is_zerotensor(self):
        return self._zero

    def _tangent(self):
        return tangent_of(self)

    def _set_tangent(self, tangent):
        set_tangent(self, tangent)


VOLATILE_REMOVED = "volatile was removed and now has no effect. Use `with torch.no_grad():` instead."

# What deleting these attributes raises in torch (del x.grad is allowed: it sets None)
_UNDELETABLE = {
    "data": "Deleting tensor data is not allowed. Delete tensor instead!",
    "requires_grad": "requires_grad must be a bool",
    "_grad_fn": "Deletion of _grad_fn not allowed. Detach tensor instead!",
    "_backward_hooks": "Deletion of _backwards_hooks not allowed!",
}


def _not_writable(name):
    def refuse(self, value=None):
        raise AttributeError(f"attribute '{name}' of 'torch._C.TensorBase' objects is not writable")

    return refuse


def _raising(error):
    def raise_it(self):
        raise error

    return raise_it


def _with_torch_attribute_errors(name, prop):
    """A Tensor property that refuses assignment and deletion with torch's messages (a plain property
    says "has no setter" instead)."""
    refuse = _not_writable(name)
    fdel = prop.fdel
    if fdel is None:
        message = _UNDELETABLE.get(name)
        fdel = refuse if message is None else _raising(RuntimeError(message))
    return property(prop.fget, prop.fset or refuse, fdel or refuse, prop.__doc__)


for _name, _value in list(vars(Tensor).items()):
    if isinstance(_value, property):
        setattr(Tensor, _name, _with_torch_attribute_errors(_name, _value))


def _contiguous_strides(shape):
    strides = []
    step = 1
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


def _address(data):
    return data.__array_interface__["data"][0]


def _storage_root(data):
    """The array owning the memory `data` views (through numpy views and as_strided's wrappers)."""
    while True:
        base = data.base
        if isinstance(base, np.ndarray):
            data = base
        elif base is not None and isinstance(getattr(base, "base", None), np.ndarray):
            data = base.base  # as_strided's DummyArray
        else:
            return data


def _rebuild_tensor(storage, storage_offset, size, stride, requires_grad, state):
    """A leaf viewing `storage` (a dense array: the memory) at `storage_offset` with `size` and `stride`
    (in elements), as torch's _rebuild_tensor_v2 makes one (its version is 1: torch's set_ counts)."""
    item = storage.itemsize
    flat = storage.ravel(order="K")  # the elements in memory order (a view: the owner is dense)
    data = np.lib.stride_tricks.as_strided(flat[storage_offset:], size, tuple(st * item for st in stride))
    t = _make(data)
    t._vc.value = 1
    if requires_grad:
        t.requires_grad = True
    if state:
        t.__dict__.update(state)
    return t


def _warn_hooks_not_serialized(t):
    """torch warns for every hook on a pickled tensor (hooks are not pickled)."""
    hooks = t._hooks
    if t._gfn is not None and t._gfn._extras is not None:
        hooks = (t._gfn._extras.tensor_pre_hooks or {}).get(t._output_nr)
    for hook in (hooks or {}).values():
        if not getattr(hook, "__torch_unserializable__", False):
            warnings.warn(
                f"backward hook {hook!r} on tensor will not be serialized.  If this is expected, you can "
                "decorate the function with @torch.utils.hooks.unserializable_hook to suppress this warning",
                UserWarning,
                stacklevel=3,
            )


def _make(data, requires_grad=False, vc=None, cls=Tensor):
    """Build a tensor around a numpy array without copying (the one constructor everything uses)."""
    t = _new(cls)
    t._data = data
    t._vc = new_version_counter() if vc is None else vc
    t._requires_grad = requires_grad
    t._gfn = None
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
    t._gfn = node
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
        t._gfn = None
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
    """Attach op functions as Tensor methods (the function's first argument becomes self); properties
    refuse assignment and deletion as torch's do."""
    for name, fn in methods.items():
        if isinstance(fn, property):
            fn = _with_torch_attribute_errors(name, fn)
        setattr(Tensor, name, fn)


_state = grad_mode.state


def grad_enabled():
    return grad_mode.state.grad_enabled


def _int_dim(value, fn="size"):
    """size()'s and stride()'s dim: torch's int check (a numpy integer or an integer 0-d tensor, never a
    bool)."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return int(value)
    if isinstance(value, Tensor) and value._data.ndim == 0 and value._data.dtype.kind in "iu":
        return int(value._data)
    raise type_error(fn, "dim", 1, "int", value)


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


NON_FLOAT_TANGENT = (
    "(new_grad_base.is_floating_point() || new_grad_base.is_complex()) && (self_base.is_floating_point() || "
    "self_base.is_complex()) INTERNAL ASSERT FAILED at "
    '"/__w/pytorch/pytorch/torch/csrc/autograd/autograd_meta.cpp":159, please report a bug to PyTorch. '
    "Expected both tensor and its forward grad to be floating point or complex"
)


def checked_tangent(primal, tangent):
    """`tangent` made fit to be `primal`'s, as torch's set_fw_grad: not itself dual, of primal's size, and
    kept as-is when laid out like primal (same memory size, offset and strides), else copied into memory
    laid out like primal's, in primal's dtype."""
    if tangent is None or tangent._data.dtype.kind not in "fc":
        # torch fails an internal assert, with this message (its file and line included, so that it matches)
        raise RuntimeError(NON_FLOAT_TANGENT)
    if tangent_of(tangent) is not None:
        raise RuntimeError(
            "Setting a forward grad that itself has a forward gradient at the same level0 is not supported."
        )
    data, given = primal._data, tangent._data
    if given.shape != data.shape:
        raise RuntimeError(
            "Trying to set a forward gradient that has a different size than that of the original Tensor, "
            f"this is not supported. Tensor is of size {_bracketed(data.shape)} while the given forward "
            f"gradient is of size {_bracketed(given.shape)}."
        )
    if data.size == 0 or _same_layout(data, given):
        return tangent
    root = _storage_root(data)
    memory = np.zeros(root.size, data.dtype)
    offset = (_address(data) - _address(root)) // data.itemsize
    strides = tuple(st // data.itemsize * memory.itemsize for st in data.strides)
    copy = np.lib.stride_tricks.as_strided(memory[offset:], data.shape, strides)
    copy[...] = given
    return make_output(copy, None)


def _same_layout(a, b):
    """torch's has_same_meta (and the same memory size): strides may differ along dimensions of size 1."""
    if _storage_root(a).size != _storage_root(b).size:
        return False
    if (_address(a) - _address(_storage_root(a))) // a.itemsize != (
        _address(b) - _address(_storage_root(b))
    ) // b.itemsize:
        return False
    return all(
        n == 1 or sa // a.itemsize == sb // b.itemsize for n, sa, sb in zip(a.shape, a.strides, b.strides)
    )


def _bracketed(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


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


class ZeroTensor(Tensor):
    """torch's ZeroTensor (`_efficientzerotensor`): the zeros forward AD puts in a formula for an input
    without a tangent. It prints as zeros, refuses numpy() and tolist() and every in-place write, and
    stays one through views, detach, mul (by anything), div (as the dividend) and add/sub of two of them,
    so that a gradient computed through it is one too (torch's ZeroTensor kernels); every other op makes
    ordinary zeros of it. Its type prints as torch's Tensor."""

    __slots__ = ()
    __qualname__ = __name__ = "Tensor"
    _zero = True


ZERO_TENSOR_IMMUTABLE = (
    "ZeroTensors are immutable. Please use the materialized zero tensor obtained using .clone() if you want "
    "a mutable tensor."
)


class ZeroWrappedNumber(WrappedNumber):
    """The zero tangent of a wrapped number: a ZeroTensor that, like the number, does not promote."""

    __slots__ = ()
    __qualname__ = __name__ = "Tensor"
    _zero = True


def zero_tensor(shape, numpy_dtype):
    return make_output(np.zeros(shape, numpy_dtype), None, ZeroTensor)


def zero_tangent(primal):
    """torch's stand-in for an undefined tangent in a forward formula: a ZeroTensor like `primal`."""
    data = primal._data
    return make_output(
        np.zeros(data.shape, data.dtype), None, ZeroWrappedNumber if primal._is_wrapped_number else ZeroTensor
    )


def as_zero_tensor(t):
    """Make op result `t` (a new array) a ZeroTensor: only its class changes, and its zeros lose their sign
    (torch's are no values at all: they print as 0., never -0.)."""
    t.__class__ = ZeroTensor
    t._data[...] = 0
    return t


def _keeps_zero(source, t):
    """A view or alias of a ZeroTensor is one."""
    if source._zero:
        t.__class__ = ZeroTensor
    return t


def check_mutable(t):
    """torch's ZeroTensor fallback refuses every op that writes into a ZeroTensor."""
    if t._zero:
        raise RuntimeError(ZERO_TENSOR_IMMUTABLE)


class InputMetadata:
    """torch._C._autograd._InputMetadata: the shape, dtype and device a node's incoming gradient has."""

    __slots__ = ("shape", "dtype", "device")
    is_nested_tensor = False
    is_cpp_nested_tensor = False

    def __init__(self, shape, numpy_dtype):
        self.shape = Size(shape)
        self.dtype = _dtype.from_numpy(numpy_dtype)
        self.device = device("cpu")


# Node._input_metadata is defined here, where Size and device are (graph.py is below this module)
Node._input_metadata = property(
    lambda node: tuple(InputMetadata(shape, dtype) for shape, dtype in node._gradient_meta())
)
