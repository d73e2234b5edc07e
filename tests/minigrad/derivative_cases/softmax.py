"""Cases for the softmax family (minigrad/derivatives/softmax.py)."""

import numpy as np

from . import Case, rand


def scalar(seed=0):
    """A 0-d input."""
    return np.asarray(rand(seed=seed))


def gradient(op, input_tangent=True):
    """The gradient of op(a) for the output gradient w, built with create_graph=True: the backward op's node
    (SoftmaxBackwardDataBackward0...) with edges to w and to op's result. Without `input_tangent`, a's tangent
    is dropped (detach), so that forward AD reaches the backward op through w's tangent alone."""

    def fn(T, a, w):
        if not input_tangent:
            a = a.detach()
        a.requires_grad_()  # whichever inputs the test marks, the gradient is taken with respect to a
        return T.autograd.grad(op(a), a, w, create_graph=True)[0]

    return fn


CASES = {
    "softmax": Case(lambda T, a: a.softmax(-1), (rand(2, 3),)),
    "softmax_dim0": Case(lambda T, a: T.softmax(a, 0), (rand(2, 3),)),
    "softmax_0d": Case(lambda T, a: a.softmax(0), (scalar(),)),
    "log_softmax": Case(lambda T, a: a.log_softmax(-1), (rand(2, 3),)),
    "log_softmax_dim1": Case(lambda T, a: T.log_softmax(a, 1), (rand(2, 3, 2),)),
    # forward-over-reverse needs the tangent of softmax's saved result, which minigrad's saved outputs do not
    # keep yet (torch's do): the *_w_tangent cases check the backward ops' tangents with the output's at zero
    # (a detached, so finite differences in a see what the gradient does not: no gradcheck)
    "softmax_second_order": Case(
        gradient(lambda a: a.softmax(-1)), (rand(2, 3), rand(2, 3, seed=1)), forward_ad=False
    ),
    "log_softmax_second_order": Case(
        gradient(lambda a: a.log_softmax(-1)), (rand(2, 3), rand(2, 3, seed=1)), forward_ad=False
    ),
    "softmax_second_order_w_tangent": Case(
        gradient(lambda a: a.softmax(-1), input_tangent=False),
        (rand(2, 3), rand(2, 3, seed=1)),
        gradcheck=False,
    ),
    "log_softmax_second_order_w_tangent": Case(
        gradient(lambda a: a.log_softmax(1), input_tangent=False),
        (rand(2, 3), rand(2, 3, seed=1)),
        gradcheck=False,
    ),
}
