"""Cases for the rearranging family (minigrad/derivatives/rearranging.py): repeat (new leading dims, repeats
of 1, a zero repeat), tile (padded repeats), roll (flattened, along negative dims), rot90, fliplr; the
gradients' own ops (repeat_backward's sums and reshape, the opposite roll and rotation) are reached through
second-order cases."""

from . import Case, rand


def second_order(op):
    def case(T, a, w):
        out = op(T, a.requires_grad_())
        return T.autograd.grad(out, a, w, create_graph=True)[0]

    return case


CASES = {
    "repeat": Case(lambda T, a: a.repeat(2, 1, 3), (rand(3, 2),)),
    "repeat_ones": Case(lambda T, a: a.repeat((1, 1)), (rand(2, 3),)),
    "repeat_zero": Case(lambda T, a: a.repeat(2, 0), (rand(2, 3),), gradgradcheck=False),
    "tile": Case(lambda T, a: T.tile(a, (2,)), (rand(2, 3),)),
    "roll": Case(lambda T, a: a.roll(1), (rand(2, 3),)),
    "roll_dims": Case(lambda T, a: T.roll(a, (1, -2), (0, -1)), (rand(3, 4),)),
    "rot90": Case(lambda T, a: a.rot90(), (rand(2, 3),)),
    "rot90_negative": Case(lambda T, a: T.rot90(a, -3, [2, -2]), (rand(2, 3, 2),)),
    "rot90_second_order": Case(
        second_order(lambda T, a: a.rot90(1, [1, 0])), (rand(2, 3), rand(3, 2, seed=1))
    ),
    "fliplr": Case(lambda T, a: T.fliplr(a), (rand(2, 3),)),
    "repeat_second_order": Case(
        second_order(lambda T, a: a.repeat(2, 2, 1)), (rand(2, 3), rand(2, 4, 3, seed=1))
    ),
    "roll_second_order": Case(second_order(lambda T, a: a.roll(-1, 0)), (rand(3, 2), rand(3, 2, seed=1))),
}
CASES.update(
    {
        "repeat_interleave_int": Case(lambda T, a: a.repeat_interleave(2, dim=1), (rand(2, 3),)),
        "repeat_interleave_flat": Case(lambda T, a: T.repeat_interleave(a, 3), (rand(2, 2),)),
        "repeat_interleave_tensor": Case(
            lambda T, a: a.repeat_interleave(T.tensor([2, 0, 1]), dim=-1), (rand(2, 3),)
        ),
    }
)
