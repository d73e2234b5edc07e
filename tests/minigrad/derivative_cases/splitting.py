"""Cases for the splitting family (minigrad/derivatives/splitting.py)."""

from . import Case, rand

CASES = {
    "split": Case(lambda T, a: a.split(2), (rand(5, 3),)),
    "split_negative_dim": Case(lambda T, a: T.split(a, 2, -1), (rand(2, 3),)),
    "split_one_used": Case(lambda T, a: a.split(2)[1], (rand(5, 3),)),
    "split_with_sizes": Case(lambda T, a: a.split([1, 2], 1), (rand(2, 3),)),
    "split_with_sizes_one_used": Case(lambda T, a: a.split([3, 2])[0] * 2, (rand(5, 2),)),
    "chunk": Case(lambda T, a: a.chunk(3, 0), (rand(7, 2),)),
    "unsafe_split": Case(lambda T, a: T.unsafe_split(a, 2, -1), (rand(2, 5),)),
    "unsafe_chunk_one_used": Case(lambda T, a: a.unsafe_chunk(3, 0)[1] * 2, (rand(7, 2),)),
    "unsafe_split_with_sizes": Case(lambda T, a: a.unsafe_split_with_sizes([1, 2], 1), (rand(2, 3),)),
    "split_second_order": Case(
        lambda T, a: T.autograd.grad((a.split([2, 1])[0] ** 2).sum(), a, create_graph=True)[0],
        (rand(3, 2),),
        forward_ad=False,
    ),
}
