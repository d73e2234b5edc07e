"""Cases for the padding family (minigrad/derivatives/padding.py): reflection and replication padding of 1, 2
and 3 dimensions, with negative amounts (crops) and unbatched inputs; their gradient ops appear in the
create_graph graphs. Circular padding has no row (composite: slices copied into a new tensor), but its graph
of CopySlices and SliceBackward0 nodes is compared here too."""

from . import Case, rand


def _pad(padding, mode):
    return lambda T, x: T.nn.functional.pad(x, padding, mode=mode)


CASES = {}
for _mode in ("reflect", "replicate", "circular"):
    # the create_graph gradient of circular padding goes through CopySlices, whose double backward minigrad's
    # core records with other nodes than torch's (TakeBackward for torch's CloneBackward0 / AsStridedBackward0
    # / CopyBackwards); values agree, so these compare values only at second order
    _options = {"second_order_graph": False} if _mode == "circular" else {}
    CASES.update(
        {
            f"{_mode}_1d": Case(_pad((2, 1), _mode), (rand(2, 3, 4),), **_options),
            f"{_mode}_1d_unbatched_with_crop": Case(_pad((-1, 2), _mode), (rand(2, 4),), **_options),
            f"{_mode}_2d": Case(_pad((1, 2, 2, 0), _mode), (rand(1, 2, 3, 4),), **_options),
            f"{_mode}_2d_unbatched": Case(_pad((1, 1, 1, 1), _mode), (rand(2, 3, 3),), **_options),
            f"{_mode}_3d": Case(_pad((1, 0, 1, 1, 0, 2), _mode), (rand(1, 1, 3, 2, 3),), **_options),
        }
    )
