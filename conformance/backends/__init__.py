"""Backends: the engines the suite checks against torch (see ``loader`` for how names resolve)."""

from conformance.backends._proxy import NotApplicable
from conformance.backends.loader import ENTRY_POINT_GROUP, Backend, BackendError, load_backend

__all__ = ["ENTRY_POINT_GROUP", "Backend", "BackendError", "NotApplicable", "load_backend"]
