"""PaddlePaddle's torch-compatible mode (https://www.paddlepaddle.org.cn) as a backend.

PaddlePaddle 3.x ships ``paddle.enable_compat()``: it puts an import hook first on ``sys.meta_path``
that answers ``import torch`` (and ``torch.nn.functional``...) with proxy modules over ``paddle``,
with ``paddle.compat``'s torch-shaped functions in front, and it moves an already imported real
torch out of ``sys.modules`` until ``paddle.disable_compat()`` puts it back.

What it maps: nothing. The backend is the very module a user gets from ``paddle.enable_compat();
import torch``: the hook is switched on only while this module imports ``torch`` and the submodules a
torch program imports, then switched off again, so the proxies stay in hand while ``import torch``
anywhere else in the process (the suite's oracle) gives the real torch. Every answer is Paddle's
own: its tensor class, its ``grad_fn`` nodes and their names, its dtypes (which print as
``paddle.float32``), its errors and warnings. Nothing is refused either: a name Paddle lacks raises
Paddle's AttributeError, which the check observes.
"""

from __future__ import annotations

import importlib

try:
    import paddle
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        "paddlepaddle is not installed: pip install '.[paddle]'", name="paddle"
    ) from None

# The submodules a torch program imports by name (``import torch.nn.functional as F``). Importing them
# under the hook sets them as attributes of their parents, as in a user's process.
SUBMODULES = (
    "torch.nn",
    "torch.nn.functional",
    "torch.autograd",
    "torch.autograd.functional",
    "torch.testing",
)


def compat_torch():
    """Paddle's ``torch`` module, taken from the import hook without leaving the hook installed."""
    with paddle.compat.use_torch_proxy_guard(silent=True):
        module = importlib.import_module("torch")
        for name in SUBMODULES:
            try:
                importlib.import_module(name)
            except ImportError:  # Paddle has no such module; a body that needs it observes that
                pass
    return module


torch = compat_torch()
