"""torch.save / torch.load for minigrad: any picklable object, tensors inside it included, in a file format of
minigrad's own (a magic header, then a pickle). Tensors saved together that share memory share it again once
loaded, as torch.save keeps storages shared. torch.load's arguments are taken as torch takes them on a CPU
machine: weights_only (True by default: only tensors, containers and plain data, plus the globals allowed with
add_safe_globals), map_location, pickle_module, mmap.
"""

import _compat_pickle
import contextlib
import io
import os
import pickle
import warnings

from ._core import dtypes as _dtype
from ._core.tensor import Size, Tensor, _rebuild_tensor, _storage_root, device

__all__ = ["add_safe_globals", "clear_safe_globals", "get_safe_globals", "load", "safe_globals", "save"]

MAGIC = b"MINIGRAD-SAVE\x00\x01"
DEFAULT_PROTOCOL = 2


# ---- save ------------------------------------------------------------------------------------------------
class _Pickler(pickle.Pickler):
    """Pickles every tensor with the memory it views as one object, so that views share it again."""

    def reducer_override(self, obj):
        if isinstance(obj, Tensor) and type(obj).__reduce_ex__ is Tensor.__reduce_ex__:
            return obj._reduce(_storage_root(obj._data))
        return NotImplemented


def save(obj, f, pickle_module=pickle, pickle_protocol=DEFAULT_PROTOCOL, _use_new_zipfile_serialization=True,
         _disable_byteorder_record=False):  # fmt: skip
    """Write `obj` to the file `f` (a path or a binary file object)."""
    buffer = io.BytesIO()
    buffer.write(MAGIC)
    if pickle_module is pickle:
        _Pickler(buffer, protocol=pickle_protocol).dump(obj)
    else:
        pickle_module.dump(obj, buffer, protocol=pickle_protocol)
    if isinstance(f, str | os.PathLike):
        parent = os.path.dirname(os.path.abspath(os.fspath(f)))
        if not os.path.isdir(parent):
            raise RuntimeError(f"Parent directory {parent} does not exist.")
        with open(f, "wb") as file:
            file.write(buffer.getvalue())
    else:
        f.write(buffer.getvalue())


# ---- load ------------------------------------------------------------------------------------------------
_DEFAULT_SAFE = {
    ("builtins", name) for name in ("dict", "list", "tuple", "set", "int", "float", "complex", "bool", "str",
                                     "bytes", "bytearray")
} | {
    ("collections", "OrderedDict"),
    ("collections", "Counter"),
    ("_codecs", "encode"),  # how pickle protocol 2 writes bytes
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "scalar"),
    ("minigrad.nn.parameter", "_rebuild_parameter"),  # torch allows its torch._utils._rebuild_parameter
}  # fmt: skip
_MINIGRAD_SAFE = [_rebuild_tensor, Size, device, *(d for d in _dtype.ALL)]

_user_safe = []  # torch keeps its allowlist process-wide too


def add_safe_globals(safe_globals):
    """Allow these classes and functions (or (object, "module.name") pairs) in weights_only loads."""
    _user_safe.extend(safe_globals)


def get_safe_globals():
    return list(_user_safe)


def clear_safe_globals():
    _user_safe.clear()


@contextlib.contextmanager
def safe_globals(safe_globals):
    """Allow these globals in weights_only loads inside the block."""
    added = list(safe_globals)
    _user_safe.extend(added)
    try:
        yield
    finally:
        for item in added:
            _user_safe.remove(item)


def _allowed(module, name):
    if (module, name) in _DEFAULT_SAFE:
        return True
    for item in [*_MINIGRAD_SAFE, *_user_safe]:
        if isinstance(item, tuple):
            item, full_name = item
            if full_name == f"{module}.{name}":
                return True
            continue
        if getattr(item, "__module__", None) == module and getattr(item, "__qualname__", None) == name:
            return True
        if isinstance(item, _dtype.dtype) and module == _dtype.__name__ and name == item.name:
            return True
    return False


WEIGHTS_ONLY_FAILED = (
    "Weights only load failed. This file can still be loaded, to do so you have two options, \x1b[1mdo "
    "those steps only if you trust the source of the checkpoint\x1b[0m. \n\t(1) In PyTorch 2.6, we changed "
    "the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running "
    "`torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary "
    "code execution. Do it only if you got the file from a trusted source.\n\t(2) Alternatively, to load "
    "with `weights_only=True` please check the recommended steps in the following error message.\n\t"
    "WeightsUnpickler error: {}\n\nCheck the documentation of torch.load to learn more about types accepted "
    "by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."
)


UNSUPPORTED_OPERAND = (
    "Weights only load failed. In PyTorch 2.6, we changed the default value of the `weights_only` argument "
    "in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will "
    "likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a "
    "trusted source.\nPlease file an issue with the following so that we can make `weights_only=True` "
    "compatible with your use case: WeightsUnpickler error: \n\nUnsupported operand {}\n\nCheck the "
    "documentation of torch.load to learn more about types accepted by default with weights_only "
    "https://pytorch.org/docs/stable/generated/torch.load.html."
)
OTHER_PROTOCOL = (
    "Detected pickle protocol {} in the checkpoint, which was not the default pickle protocol used by "
    "`torch.load` (2). The weights_only Unpickler might not support all instructions implemented by this "
    "protocol, please file an issue for adding support if you encounter this."
)


def _check_weights_only_protocol(data):
    """torch's weights_only unpickler reads protocols 2 and 3 only: it warns about any other, and the FRAME
    opcode that protocols 4 and 5 begin with (149) stops it."""
    if data[:1] != pickle.PROTO:
        return
    protocol = data[1]
    if protocol != DEFAULT_PROTOCOL:
        warnings.warn(OTHER_PROTOCOL.format(protocol), UserWarning, stacklevel=3)
    if protocol >= 4:
        raise pickle.UnpicklingError(UNSUPPORTED_OPERAND.format(pickle.FRAME[0]))


class _WeightsOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        # protocol 2 writes Python 2's names (__builtin__.set): map them as pickle itself does
        module, name = _compat_pickle.NAME_MAPPING.get((module, name), (module, name))
        module = _compat_pickle.IMPORT_MAPPING.get(module, module)
        if not _allowed(module, name):
            full = name if module == "builtins" else f"{module}.{name}"
            raise pickle.UnpicklingError(
                WEIGHTS_ONLY_FAILED.format(
                    f"Unsupported global: GLOBAL {full} was not an allowed global by default. Please use "
                    f"`torch.serialization.add_safe_globals([{full}])` or the "
                    f"`torch.serialization.safe_globals([{full}])` context manager to allowlist this global "
                    "if you trust this class/function."
                )
            )
        return super().find_class(module, name)


CUDA_DESERIALIZE = (
    "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are "
    "running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your "
    "storages to the CPU."
)


def _check_map_location(map_location):
    targets = map_location.values() if isinstance(map_location, dict) else [map_location]
    for target in targets:
        if isinstance(target, str | device) and str(target).startswith("cuda"):
            raise RuntimeError(CUDA_DESERIALIZE)


def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args):
    """Read an object written by save() from `f` (a path or a binary file object). Everything lives on the
    CPU, so map_location can only keep it there."""
    if weights_only is None:
        weights_only = pickle_module is None
    elif weights_only and pickle_module is not None:
        raise RuntimeError("Can not safely load weights when explicit pickle_module is specified")
    _check_map_location(map_location)
    if isinstance(f, str | os.PathLike):
        with open(f, "rb") as file:
            content = file.read()
    else:
        content = f.read()
    if not content.startswith(MAGIC):
        raise RuntimeError("Invalid magic number; corrupt file?")
    stream = io.BytesIO(content[len(MAGIC) :])
    if weights_only:
        _check_weights_only_protocol(content[len(MAGIC) :])
        return _WeightsOnlyUnpickler(stream, **pickle_load_args).load()
    return (pickle_module or pickle).Unpickler(stream, **pickle_load_args).load()
