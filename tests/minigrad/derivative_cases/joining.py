"""Cases for the joining family (minigrad/derivatives/joining.py): cat and stack, whose list input takes one
formula for all the pieces."""

import numpy as np

from . import Case, rand

CASES = {
    "cat": Case(lambda T, a, b: T.cat([a, b]), (rand(2, 3), rand(1, 3, seed=1))),
    "cat_negative_dim": Case(
        lambda T, a, b, c: T.cat((a, b, c), -1), (rand(2, 3), rand(2, 1, seed=1), rand(2, 2, seed=2))
    ),
    # a 1-D empty piece is skipped whatever the others' shapes (its gradient is empty)
    "cat_legacy_empty": Case(lambda T, a, e: T.cat([a, e], 1), (rand(2, 3), np.zeros(0))),
    "cat_with_integers": Case(lambda T, a, i: T.cat([a, i]), (rand(3), np.array([1, 2]))),
    "concat_one": Case(lambda T, a: T.concat([a]), (rand(2, 3),)),
    "stack": Case(lambda T, a, b: T.stack([a, b]), (rand(2, 3), rand(2, 3, seed=1))),
    "stack_last_dim": Case(lambda T, a, b: T.stack((a, b), -1), (rand(2, 3), rand(2, 3, seed=1))),
    "stack_with_integers": Case(lambda T, a, i: T.stack([i, a], 1), (rand(3), np.array([1, 2, 3]))),
}

# the gradient of a gradient: cat's gradient narrows (SliceBackward0), stack's selects (SelectBackward0)
CASES["cat_second_order"] = Case(
    lambda T, a: T.autograd.grad((T.cat([a, a[:1].sin()]) ** 2).sum(), a, create_graph=True)[0],
    (rand(2, 3),),
    forward_ad=False,
)
CASES["stack_second_order"] = Case(
    lambda T, a: T.autograd.grad((T.stack([a, a.sin()], 1) ** 2).sum(), a, create_graph=True)[0],
    (rand(2, 3),),
    forward_ad=False,
)
