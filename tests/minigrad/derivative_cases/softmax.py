"""Cases for the softmax family (minigrad/derivatives/softmax.py)."""

import numpy as np

from . import Case, rand


def scalar(seed=0):
    """A 0-d input."""
    return np.asarray(rand(seed=seed))


def gradient(op):
    """The gradient of op(a) for the output gradient w, built with create_graph=True: the backward op's node
    (SoftmaxBackwardDataBackward0...) with edges to w and to op's result."""

    def fn(T, a, w):
        a.requires_grad_()  # whichever inputs the test marks, the gradient is taken with respect to a
        return T.autograd.grad(op(a), a, w, create_graph=True)[0]

    return fn


CASES = {
    "softmax": Case(lambda T, a: a.softmax(-1), (rand(2, 3),)),
    "softmax_dim0": Case(lambda T, a: T.softmax(a, 0), (rand(2, 3),)),
    "softmax_0d": Case(lambda T, a: a.softmax(0), (scalar(),)),
    "log_softmax": Case(lambda T, a: a.log_softmax(-1), (rand(2, 3),)),
    "log_softmax_dim1": Case(lambda T, a: T.log_softmax(a, 1), (rand(2, 3, 2),)),
    "softmax_second_order": Case(gradient(lambda a: a.softmax(-1)), (rand(2, 3), rand(2, 3, seed=1))),
    "log_softmax_second_order": Case(gradient(lambda a: a.log_softmax(1)), (rand(2, 3), rand(2, 3, seed=1))),
}
