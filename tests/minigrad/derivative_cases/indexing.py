"""Cases for the indexing family (minigrad/derivatives/indexing.py): advanced indexing and index_put (their
gradients' own ops, _index_put_impl_ and index, show up in the second-order graphs), copy_, fill, fill_ and
zero_, in place on a clone and through views (CopySlices), so forward AD writes tangents in place too."""

import numpy as np

from . import Case, rand

INDEX = np.array([0, 2, 0])
# Writes through a view make the base's grad_fn the core's CopySlices, whose gradient under create_graph is
# built from other nodes than torch's (TakeBackward, AddBackward0 where torch has CopyBackwards,
# AsStridedBackward0, CloneBackward0): those cases leave the second-order graph's nodes out of the
# comparison (its values are checked: gradgradcheck, forward-over-reverse included).
THROUGH_VIEW = {"second_order_graph": False}


def _written(fn):
    """fn applied in place to a clone of the case's first input: the clone is what the case returns."""

    def case(T, a, *rest):
        b = a.clone()
        fn(T, b, *rest)
        return b

    return case


CASES = {
    "index": Case(lambda T, a, i: a[i], (rand(3, 2), INDEX)),
    "index_mask": Case(lambda T, a, m: a[m], (rand(3, 2), np.array([True, False, True]))),
    "index_after_slice": Case(lambda T, a, i: a[:, i], (rand(2, 3), INDEX)),
    "index_two_lists": Case(lambda T, a, i: a[i, i[:1]], (rand(3, 3), INDEX)),
    "index_put": Case(lambda T, a, i, v: a.index_put((i[:2],), v), (rand(3, 2), INDEX, rand(2, 2, seed=1))),
    "index_put_accumulate": Case(
        lambda T, a, i, v: T.index_put(a, (i,), v, accumulate=True), (rand(3, 2), INDEX, rand(3, 2, seed=1))
    ),
    "index_put_in_place": Case(
        _written(lambda T, b, i, v: b.index_put_((i,), v, accumulate=True)),
        (rand(3, 2), INDEX, rand(2, seed=1)),
    ),
    "setitem_list": Case(
        _written(lambda T, b, i, v: b.__setitem__(i[1:], v)), (rand(3, 2), INDEX, rand(2, 2, seed=1))
    ),
    "setitem_mask": Case(
        _written(lambda T, b, m, v: b.__setitem__(m, v)),
        (rand(3, 2), np.array([True, False, True]), rand(2, seed=1)),
    ),
    "copy_": Case(_written(lambda T, b, s: b.copy_(s)), (rand(2, 3), rand(2, 3, seed=1))),
    "copy_broadcast": Case(_written(lambda T, b, s: b.copy_(s)), (rand(2, 3), rand(3, seed=1))),
    # a float32 source: the gradient goes back through to(float32) (finite differences in float32 are
    # too coarse for gradcheck)
    "copy_other_dtype": Case(
        _written(lambda T, b, s: b.copy_(s.float())), (rand(2, 3), rand(2, 3, seed=1)), gradcheck=False
    ),
    "copy_into_fresh": Case(
        lambda T, s: T.zeros(2, 3, dtype=T.float64).copy_(s), (rand(2, 3),), gradcheck=False
    ),
    "setitem_slice": Case(
        _written(lambda T, b, v: b.__setitem__((slice(None), slice(1, None)), v)),
        (rand(2, 3), rand(2, 2, seed=1)),
        **THROUGH_VIEW,
    ),
    "setitem_number": Case(_written(lambda T, b: b.__setitem__(1, 5.0)), (rand(3, 2),), **THROUGH_VIEW),
    "setitem_into_fresh": Case(
        lambda T, v: _set(T.zeros(3, 2, dtype=T.float64), 1, v), (rand(2),), gradcheck=False, **THROUGH_VIEW
    ),
    "fill": Case(lambda T, a: T.fill(a, 2.0), (rand(2, 3),)),
    "fill_tensor": Case(lambda T, a, v: T.fill(a, v), (rand(2, 3), rand(1, seed=1).reshape(()))),
    "fill_": Case(_written(lambda T, b: b.fill_(2.0)), (rand(2, 3),)),
    "fill_tensor_": Case(_written(lambda T, b, v: b.fill_(v)), (rand(2, 3), rand(1, seed=1).reshape(()))),
    "zero_": Case(_written(lambda T, b: b.zero_()), (rand(2, 3),)),
    "zero_view": Case(_written(lambda T, b: b[1].zero_()), (rand(2, 3),), **THROUGH_VIEW),
}


def _set(t, key, value):
    t[key] = value
    return t


# the gradient of a gradient: index's gradient is _index_put_impl_ (IndexPutImplBackward0), whose own
# gradient for the values is index again
CASES["index_second_order"] = Case(
    lambda T, a, i: T.autograd.grad((a[i] * a[i]).sum(), a, create_graph=True)[0],
    (rand(3, 2), INDEX),
    forward_ad=False,
)
