"""Floating-point exceptions, silenced as torch is silent about them: inf - inf, 0 * inf, overflow and 0 / 0
give their IEEE values and no warning.

`silent()` is numpy's errstate(all="ignore") at a fraction of its cost (ops enter it on every call): it sets
numpy's error-state context variable directly, which is what errstate does underneath. Without that private
variable (another numpy), it is errstate itself.
"""

import numpy as np

try:
    from numpy._core._ufunc_config import _extobj_contextvar
except ImportError:  # pragma: no cover (numpy < 2 or a numpy that moved it)
    _extobj_contextvar = None

if _extobj_contextvar is not None:
    with np.errstate(all="ignore"):
        _IGNORE = _extobj_contextvar.get()
    _set = _extobj_contextvar.set
    _reset = _extobj_contextvar.reset

    class silent:  # noqa: N801 (used like a function: `with silent():`)
        __slots__ = ("_token",)

        def __enter__(self):
            self._token = _set(_IGNORE)

        def __exit__(self, *exc):
            _reset(self._token)

else:  # pragma: no cover

    def silent():
        return np.errstate(all="ignore")
