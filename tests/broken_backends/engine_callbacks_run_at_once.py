"""Bug: Variable._execution_engine.queue_callback(fn) calls fn at once, in the middle of backward,
instead of after the whole backward pass (and it works outside backward, where torch raises).

Caught by the reentrant area (REENTRANT-002::callbacks: engine callbacks run once backward has finished).
"""

import torch

from tests.broken_backends._base import install

CAUGHT_BY = "REENTRANT-002::callbacks"


class ImpatientEngine:
    def __getattr__(self, name):
        return getattr(torch.autograd.Variable._execution_engine, name)

    @staticmethod
    def queue_callback(callback):
        callback()


class Variable:
    _execution_engine = ImpatientEngine()


install(__name__, autograd={"Variable": Variable})
