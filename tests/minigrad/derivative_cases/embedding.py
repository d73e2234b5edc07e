"""Cases for the embedding family (minigrad/derivatives/embedding.py); its gradient op
(EmbeddingDenseBackwardBackward0) appears in the create_graph graphs. padding_idx and scale_grad_by_freq
change the gradient on purpose (it is no longer the derivative), so finite differences do not apply to
them."""

import numpy as np

from . import Case, rand

INDICES = np.array([[1, 4, 1], [0, 2, 4]])

CASES = {
    "embedding": Case(lambda T, w, i: T.nn.functional.embedding(i, w), (rand(5, 3), INDICES)),
    "embedding_padding_idx": Case(
        lambda T, w, i: T.nn.functional.embedding(i, w, padding_idx=-1),
        (rand(5, 3), INDICES),
        gradcheck=False,
    ),
    "embedding_scale_grad_by_freq": Case(
        lambda T, w, i: T.nn.functional.embedding(i, w, padding_idx=0, scale_grad_by_freq=True),
        (rand(5, 2), INDICES),
        gradcheck=False,
    ),
    "embedding_one_index": Case(lambda T, w, i: T.embedding(w, i), (rand(4, 3), np.array(2))),
}
