"""Rows of the embedding family: embedding and its gradient op embedding_dense_backward (forwards:
ops/embedding.py). The indices are not differentiable; torch saves the table by its number of rows only
(`weight_sym_argsize_0`)."""

from . import Derivative, at


def _weight_gradient(
    grad, indices, weight_sym_argsize_0, padding_idx, scale_grad_by_freq, sparse, _padding_idx
):
    """torch's embedding_backward; padding_idx is used (so saved) as given, _padding_idx is it wrapped."""
    return at.embedding_backward(
        grad, indices, weight_sym_argsize_0, _padding_idx, scale_grad_by_freq, sparse
    )


EMBEDDING = Derivative(
    "embedding(Tensor weight, Tensor indices, SymInt padding_idx=-1, bool scale_grad_by_freq=False, "
    "bool sparse=False) -> Tensor",
    "EmbeddingBackward0",
    weight=_weight_gradient,
    result=lambda weight_t, indices, _padding_idx, scale_grad_by_freq, sparse: at.embedding(
        weight_t, indices, _padding_idx, scale_grad_by_freq, sparse
    ),
)
EMBEDDING_DENSE_BACKWARD = Derivative(
    "embedding_dense_backward(Tensor grad_output, Tensor indices, SymInt num_weights, SymInt padding_idx, "
    "bool scale_grad_by_freq) -> Tensor",
    "EmbeddingDenseBackwardBackward0",
    grad_output=lambda grad, indices, padding_idx, _padding_idx: at.embedding_dense_double_backward(
        grad, indices, _padding_idx
    ),
    result=lambda grad_output_t, indices, num_weights, _padding_idx, scale_grad_by_freq: (
        at.embedding_dense_backward(grad_output_t, indices, num_weights, _padding_idx, scale_grad_by_freq)
    ),
)
