"""Anomaly mode's state: whether nodes record the traceback of the forward call that made them and whether the
engine checks every gradient for nan. torch keeps it process-global (AnomalyMode::_enabled); so does minigrad.
The node the engine is running, per thread, becomes the parent of the nodes a create_graph formula makes."""

import os
import threading
import traceback

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # minigrad/


class _State:
    __slots__ = ("enabled", "check_nan")

    def __init__(self):
        self.enabled = False
        self.check_nan = True


state = _State()
running = threading.local()  # .node: the node the engine runs on this thread, while anomaly mode is on


def set_enabled(enabled, check_nan=True):
    state.enabled = bool(enabled)
    state.check_nan = bool(check_nan)


def record(metadata):
    """What anomaly mode keeps in a new node's metadata: the forward call's stack, and the node whose
    backward made it (for a gradient's own graph)."""
    frames = traceback.extract_stack()
    # up to the user's call, as torch's (C++) ops show it; generated code (the table's record) is minigrad's
    # too
    while frames and frames[-1].filename.startswith((_PACKAGE, "<derivative ")):
        frames.pop()
    metadata["traceback_"] = traceback.format_list(frames)
    parent = getattr(running, "node", None)
    if parent is not None:
        metadata["parent_"] = parent
