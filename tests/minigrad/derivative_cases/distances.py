"""Cases for the distances family (minigrad/derivatives/distances.py): cdist's two paths, diff; and the
composites pairwise_distance (NormBackward1: derivatives/norms.py) and cosine_similarity."""

from . import Case, rand

CASES = {
    "cdist": Case(
        lambda T, a, b: T.cdist(a, b), (rand(4, 3), rand(5, 3, seed=1)), gradgradcheck=False, forward_ad=False
    ),
    "cdist_p1": Case(
        lambda T, a, b: T.cdist(a, b, p=1),
        (rand(3, 2), rand(2, 2, seed=1)),
        gradgradcheck=False,
        forward_ad=False,
    ),
    "cdist_p3": Case(
        lambda T, a, b: T.cdist(a, b, p=3.0),
        (rand(3, 2), rand(2, 2, seed=1)),
        gradgradcheck=False,
        forward_ad=False,
    ),
    "cdist_batched": Case(
        lambda T, a, b: T.cdist(a, b, p=1.5),
        (rand(2, 3, 2), rand(1, 4, 2, seed=1)),
        gradgradcheck=False,
        forward_ad=False,
    ),
    # torch leaves _cdist_backward's derivatives not implemented: its node is recorded, and raises
    "cdist_second_order": Case(
        lambda T, a, b: T.autograd.grad(
            T.cdist(a, b).sum(), [x for x in (a, b) if x.requires_grad], create_graph=True
        ),
        (rand(3, 2), rand(2, 2, seed=1)),
        gradcheck=False,
        gradgradcheck=False,
        forward_ad=False,
    ),
    "euclidean_dist": Case(
        lambda T, a, b: T.cdist(a, b, compute_mode="use_mm_for_euclid_dist"),
        (rand(3, 2), rand(4, 2, seed=1)),
        forward_ad=False,
    ),
    "euclidean_dist_many_rows_second_order": Case(
        lambda T, a, b: T.autograd.grad(
            T.cdist(a, b).pow(2).sum(), [x for x in (a, b) if x.requires_grad], create_graph=True
        ),
        (rand(26, 2), rand(3, 2, seed=1)),
        forward_ad=False,
    ),
    # (dims given as non-negative: views' narrow saves a negative dim wrapped, where torch saves it as given)
    "diff": Case(lambda T, a: T.diff(a, dim=1), (rand(2, 4),)),
    "diff_prepend": Case(lambda T, a, b: a.diff(1, 0, b), (rand(3, 2), rand(1, 2, seed=1))),
}
CASES.update(
    {
        "pairwise_distance": Case(
            lambda T, a, b: T.pairwise_distance(a, b), (rand(3, 4), rand(3, 4, seed=1))
        ),
        "pairwise_distance_p1_keepdim_broadcast": Case(
            lambda T, a, b: T.nn.functional.pairwise_distance(a, b, 1.0, keepdim=True),
            (rand(3, 4), rand(4, seed=2)),
        ),
        "pairwise_distance_p3": Case(
            lambda T, a, b: T.nn.functional.pairwise_distance(a, b, p=3), (rand(2, 3), rand(2, 3, seed=3))
        ),
        "cosine_similarity": Case(
            lambda T, a, b: T.nn.functional.cosine_similarity(a, b), (rand(3, 4), rand(3, 4, seed=1))
        ),
        "cosine_similarity_dim0_broadcast": Case(
            lambda T, a, b: T.cosine_similarity(a, b, dim=0), (rand(3, 4), rand(3, 1, seed=2))
        ),
        "normalize": Case(lambda T, a: T.nn.functional.normalize(a), (rand(3, 4),)),
        "normalize_p1_dim0": Case(lambda T, a: T.nn.functional.normalize(a, p=1, dim=0), (rand(3, 4),)),
    }
)
