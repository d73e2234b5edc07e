"""Deliberately broken autograd backends: real torch with exactly one semantic bug each.

Each module is importable as a backend (``--backend tests.broken_backends.<name>``); its docstring says
the bug and which check should catch it, and ``CAUGHT_BY`` holds that check's id (``RULE-ID::check``).
``_faithful`` is the control: the same machinery with no bug at all, which must agree with torch.
"""

import pkgutil


def names() -> list[str]:
    """The broken backends' module names (the private ``_`` modules are machinery, not backends)."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
