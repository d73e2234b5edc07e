"""Cases for the recurrent family (minigrad/derivatives/rnn.py).

torch's oneDNN layer takes float32 only, so the case casts its float64 inputs down: the graph and the saved
values are compared with torch's, while finite differences (which need float64) run in
tests/minigrad/test_nn_recurrent.py on minigrad's layer without its dtype check. torch has no forward
derivative for the op. pack_padded_sequence's packing is the family's other row.
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
# packing has no forward derivative in torch either
CASES["pack_padded_sequence"] = Case(
    lambda T, a: T.nn.utils.rnn.pack_padded_sequence(a, [4, 2, 1]).data, (rand(4, 3, 2),), forward_ad=False
)
CASES["pack_padded_sequence_batch_first"] = Case(
    lambda T, a: T.nn.utils.rnn.pack_padded_sequence(a, [3, 3], batch_first=True).data * 2,
    (rand(2, 3, 2),),
    forward_ad=False,
)
