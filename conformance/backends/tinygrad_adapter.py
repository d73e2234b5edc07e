"""tinygrad (https://github.com/tinygrad/tinygrad) seen through torch's API.

tinygrad 0.14 has no ``requires_grad``: ``backward()`` fills ``.grad`` of every floating-point tensor
that the output was computed from, leaves and intermediates alike. So reading ``requires_grad`` gives
what tinygrad does (True for float tensors), asking for ``requires_grad=True`` is what it does anyway,
and asking to turn it off is not applicable. tinygrad keeps no backward node per tensor (backward
differentiates the lazy UOp graph), so ``grad_fn`` and ``is_leaf`` are not applicable.

Values are read with ``tolist()``, which realizes a copy: the lazy graph of the tensor read is left
as it was, so observing an intermediate does not change what a later backward computes.

Device: tinygrad runs on its CPU device (kernels compiled by clang), the same on every machine, so
results do not depend on which accelerator happens to be present; the version shown names the
device. Without clang tinygrad has no usable device here, and loading the backend says so.

Refused (``n/a``, each with its reason): the concepts listed in ``Tinygrad.absent`` below (opting out
of gradients, graph nodes, hooks, version counters, grad modes, ``autograd.grad``/``Function``,
``create_graph``, ``retain_graph``).
"""

from __future__ import annotations

import importlib.metadata

from conformance.backends._proxy import Engine, install

try:
    from tinygrad import Device, dtypes
    from tinygrad import Tensor as TinyTensor
    from tinygrad.helpers import DEV
except ModuleNotFoundError:
    raise ModuleNotFoundError("tinygrad is not installed: pip install '.[peers]'", name="tinygrad") from None

DEVICE = "CPU"


def _use_cpu_device() -> str:
    DEV.value = DEVICE
    try:
        Device[DEVICE]
    except Exception as e:
        raise RuntimeError(
            f"tinygrad's {DEVICE} device does not open ({type(e).__name__}: {e}); it compiles kernels with "
            "clang: apt-get install clang"
        ) from None
    return Device.DEFAULT


NO_GRAPH_NODES = "backward differentiates the lazy UOp graph; tensors keep no backward node"
DTYPE_NAMES = {"float": "float32", "double": "float64", "half": "float16", "int": "int32", "long": "int64"}


class Tinygrad(Engine):
    name = "tinygrad"
    version = f"{importlib.metadata.version('tinygrad')} ({_use_cpu_device()} device)"
    module = TinyTensor  # tinygrad's ops are Tensor methods and static methods
    absent = {
        "requires_grad=False": "every float tensor gets a gradient; there is no way to opt out",
        "grad_fn": NO_GRAPH_NODES,
        "is_leaf": NO_GRAPH_NODES,
        "retain_grad": "backward() fills .grad of intermediates too; there is nothing to opt into",
        "retains_grad": "backward() fills .grad of intermediates too; there is nothing to opt into",
        "register_hook": "no gradient hooks",
        "register_post_accumulate_grad_hook": "no gradient hooks",
        "_version": "no version counter on tensors",
        "autograd.grad": "no autograd.grad; Tensor.gradient(*targets) is the closest",
        "autograd.Function": "no user-defined differentiable functions",
        "autograd.functional.jacobian": "no jacobian/hessian functions",
        "autograd.functional.hessian": "no jacobian/hessian functions",
        "is_grad_enabled": "no grad mode: there is no graph recording to switch off",
        "set_grad_enabled": "no grad mode: there is no graph recording to switch off",
        "inference_mode": "no grad mode: there is no graph recording to switch off",
        "create_graph": "backward() takes no create_graph option",
        "retain_graph": "backward() takes no retain_graph option: the lazy graph stays",
        "backward(inputs=...)": "backward() has no inputs argument",
    }
    method_names = {"nn.functional.relu": "relu", "nn.functional.linear": "linear"}

    def is_tensor(self, raw):
        return isinstance(raw, TinyTensor)

    def engine_dtype(self, torch_dtype):
        return getattr(dtypes, torch_dtype.name)

    def make(self, data, dtype_name, requires_grad):
        self._no_opt_out(requires_grad)
        return TinyTensor(data, dtype=None if dtype_name is None else getattr(dtypes, dtype_name))

    def full(self, shape, fill, dtype_name, requires_grad):
        self._no_opt_out(requires_grad)
        return TinyTensor.full(shape, fill, dtype=None if dtype_name is None else getattr(dtypes, dtype_name))

    def _no_opt_out(self, requires_grad):
        if requires_grad is False:
            self.lacks("requires_grad=False")

    def dtype_name(self, raw):
        name = raw.dtype.name
        return DTYPE_NAMES.get(name, name)

    def requires_grad(self, raw):
        return raw.is_floating_point()

    def set_requires_grad(self, raw, flag):
        if not flag:
            self.lacks("requires_grad=False")

    def backward(self, raw, gradient, retain_graph, create_graph):
        if create_graph:
            self.lacks("create_graph")
        if retain_graph:
            self.lacks("retain_graph")
        raw.backward(gradient)

    def function(self, name, args, kwargs):
        if name in ("stack", "cat") and args:  # tinygrad: first.stack(*others, dim=...)
            first, *rest = args[0]
            return self.method(first._raw, name, tuple(rest) + tuple(args[1:]), kwargs)
        return super().function(name, args, kwargs)


install(globals(), Tinygrad())
