"""torch.storage in miniature: the memory a tensor views, as `Tensor.untyped_storage()` (its bytes) and the
deprecated `Tensor.storage()` (its elements, in the tensor's dtype) give it. Programs and torch's own tests
use them to ask whether tensors share memory (`data_ptr()`), how large it is, and to read or write it.

A storage here is a window on the numpy array that owns the memory (the root every view of it leads to),
so writes through it are the tensor's own, without a version bump, as in torch.
"""

import numpy as np

from ._core import dtypes as _dtype
from ._core.tensor import _address, _storage_root, device, register_methods
from ._core.warn_once import warn_once

__all__ = ["TypedStorage", "UntypedStorage"]

TYPED_STORAGE_DEPRECATED = (
    "TypedStorage is deprecated. It will be removed in the future and UntypedStorage will be the only "
    "storage class. This should only matter to you if you are using storages directly.  To access "
    "UntypedStorage directly, use tensor.untyped_storage() instead of tensor.storage()"
)


def _position(index, size):
    """A Python index into `size` elements, wrapped as torch's storages wrap negative ones."""
    position = index + size if index < 0 else index
    if not 0 <= position < size:
        raise IndexError(f"index {index} out of range for storage of size {size}")
    return position


class _Storage:
    __slots__ = ("_items",)  # a 1-d numpy view of the memory, in the storage's element type

    def data_ptr(self):
        return _address(self._items) if self._items.size else 0

    def size(self):
        return self._items.size

    def __len__(self):
        return self._items.size

    def nbytes(self):
        return self._items.nbytes

    def element_size(self):
        return self._items.itemsize

    @property
    def device(self):
        return device("cpu")

    @property
    def is_cuda(self):
        return False

    def is_shared(self):
        return False

    def tolist(self):
        return self._items.tolist()

    def __iter__(self):
        return iter(self.tolist())

    def __setitem__(self, index, value):
        if not isinstance(index, int):
            raise RuntimeError(self._bad_index(index))
        self._items[_position(index, self._items.size)] = value

    def __repr__(self):
        elements = "\n ".join(str(v) for v in self.tolist())
        return f" {elements}\n[{self._description()} of size {self._items.size}]"

    __str__ = __repr__


class UntypedStorage(_Storage):
    """The bytes of a tensor's memory (torch.UntypedStorage)."""

    __slots__ = ()

    def __init__(self, items):
        self._items = items

    def _description(self):
        return "torch.storage.UntypedStorage(device=cpu)"

    def _bad_index(self, index):
        return f"can't index a torch.UntypedStorage with {type(index).__name__}"

    def __getitem__(self, index):
        if isinstance(index, slice):
            return UntypedStorage(self._items[index])
        if not isinstance(index, int):
            raise TypeError(self._bad_index(index))
        return int(self._items[_position(index, self._items.size)])


class TypedStorage(_Storage):
    """A tensor's memory as elements of its dtype (torch.TypedStorage, deprecated in torch)."""

    __slots__ = ("dtype",)

    def __init__(self, items, dtype):
        self._items = items
        self.dtype = dtype

    def _description(self):
        return f"torch.storage.TypedStorage(dtype={self.dtype}, device=cpu)"

    def _bad_index(self, index):
        return f"can't index a <class 'torch.storage.TypedStorage'> with {type(index)}"

    def __getitem__(self, index):
        if isinstance(index, slice):
            raise RuntimeError("slices are only supported in UntypedStorage.__getitem__")
        if not isinstance(index, int):
            raise RuntimeError(self._bad_index(index))
        return self._items[_position(index, self._items.size)].item()

    def untyped(self):
        return UntypedStorage(self._items.view(np.uint8))

    @property
    def _untyped_storage(self):
        return self.untyped()


def _memory_bytes(t):
    root = _storage_root(t._data)
    return root.ravel(order="K").view(np.uint8)  # the root owns its memory, contiguously: a view in its order


def untyped_storage(self):
    return UntypedStorage(_memory_bytes(self))


def storage(self):
    warn_once(TYPED_STORAGE_DEPRECATED)
    return TypedStorage(_memory_bytes(self).view(self._data.dtype), _dtype.from_numpy(self._data.dtype))


register_methods(untyped_storage=untyped_storage, storage=storage)
