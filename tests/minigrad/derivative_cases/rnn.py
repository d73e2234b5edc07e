"""Cases for the recurrent family (minigrad/derivatives/rnn.py).

torch's oneDNN layer takes float32 only, so the case casts its float64 inputs down: the graph and the saved
values are compared with torch's, while finite differences (which need float64) run in
tests/minigrad/test_nn_recurrent.py on minigrad's layer without its dtype check. torch has no forward
derivative for the op.
"""

from . import Case, rand


def _layer(reverse):
    def fn(T, x, w_ih, w_hh, b_ih, b_hh, h, c):
        weights = [w.float() for w in (w_ih, w_hh, b_ih, b_hh)]
        args = (reverse, [], 2, 3, 1, True, False, False, True)
        return T.mkldnn_rnn_layer(x.float(), *weights, h.float(), c.float(), *args)[:3]

    return fn


_INPUTS = (
    rand(3, 2, 2),
    rand(12, 2, seed=1),
    rand(12, 3, seed=2),
    rand(12, seed=3),
    rand(12, seed=4),
    rand(2, 3, seed=5),
    rand(2, 3, seed=6),
)

CASES = {
    name: Case(_layer(reverse), _INPUTS, gradcheck=False, gradgradcheck=False, forward_ad=False)
    for name, reverse in (("mkldnn_rnn_layer", False), ("mkldnn_rnn_layer_reverse", True))
}
