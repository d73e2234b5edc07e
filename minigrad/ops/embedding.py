"""Embeddings: ATen's embedding (rows of a table picked by integer indices), its gradient op
embedding_dense_backward, and embedding_renorm_ (max_norm), with torch.nn.functional.embedding's argument
handling."""

import numpy as np

from .._core.arguments import tensor_arg
from .._core.fp import silent
from ..derivatives import at
from ..derivatives import embedding as rows
from . import inplace, make_output
from .masked import masked_fill_
from .reductions import saved_dim

__all__ = ["embedding", "embedding_renorm_"]


def _check_indices(indices, fn, position):
    if indices._data.dtype not in (np.int64, np.int32):
        raise RuntimeError(
            f"Expected tensor for argument #{position} 'indices' to have one of the following scalar "
            "types: Long, "
            f"Int; but got torch.{indices.dtype._legacy} instead (while checking arguments for {fn})"
        )


def embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
    """ATen's embedding: weight[indices], one row of the (num_embeddings, dim) table per index."""
    tensor_arg(weight, "embedding", "weight", 1)
    tensor_arg(indices, "embedding", "indices", 2)
    _check_indices(indices, "embedding", 1)
    if weight._data.ndim != 2:
        raise RuntimeError("'weight' must be 2-D")
    index = indices._data
    if index.size and (index.min() < 0 or index.max() >= weight._data.shape[0]):
        raise IndexError("index out of range in self")
    data = weight._data[index.reshape(-1)].reshape(index.shape + (weight._data.shape[1],))
    return rows.EMBEDDING.record(
        data, weight, indices, saved_dim(padding_idx), scale_grad_by_freq, sparse, _padding_idx=padding_idx
    )


def embedding_backward(grad, indices, num_weights, padding_idx, scale_grad_by_freq, sparse):
    if sparse:
        raise NotImplementedError("minigrad has no sparse tensors: use nn.Embedding(sparse=False)")
    return embedding_dense_backward(grad, indices, num_weights, padding_idx, scale_grad_by_freq)


def embedding_dense_backward(grad_output, indices, num_weights, padding_idx, scale_grad_by_freq):
    """Each index's gradient row added into the row it picked; none into padding_idx's row; divided by how
    often each row was picked when scale_grad_by_freq."""
    index = indices._data.reshape(-1)
    grad = grad_output._data.reshape(index.size, -1)
    keep = index != padding_idx
    if scale_grad_by_freq:
        counts = np.bincount(index, minlength=num_weights)
        with silent():
            grad = grad / counts[index][:, None].astype(grad.dtype)
    data = np.zeros((num_weights, grad.shape[1]), grad_output._data.dtype)
    np.add.at(data, index[keep], grad[keep])
    return rows.EMBEDDING_DENSE_BACKWARD.record(
        data,
        grad_output,
        indices,
        num_weights,
        saved_dim(padding_idx),
        scale_grad_by_freq,
        _padding_idx=padding_idx,
    )


def embedding_dense_double_backward(grad, indices, padding_idx):
    """torch's: the rows of grad the indices pick, zero for padding_idx, shaped like the embedding. (torch
    picks them with index_select; minigrad with embedding, which has the same gradient.)"""
    picked = embedding(grad, indices.reshape(-1))
    if padding_idx >= 0:
        picked = masked_fill_(picked, (indices == padding_idx).reshape(-1, 1), 0)
    return picked.view(tuple(indices._data.shape) + (-1,))


def embedding_renorm_(self, indices, max_norm, norm_type):
    """Rescales, in place, the rows `indices` picks whose norm exceeds max_norm to norm max_norm."""
    tensor_arg(self, "embedding_renorm_", "self")
    _check_indices(indices, "embedding_renorm_", 2)
    if self._data.ndim != 2:
        raise RuntimeError(
            f"Expected 2-dimensional tensor, but got {self._data.ndim}-dimensional tensor for argument #1 "
            "'self' (while checking arguments for embedding_renorm_)"
        )
    rows_ = np.unique(indices._data.reshape(-1))
    bad = rows_[(rows_ < 0) | (rows_ >= self._data.shape[0])]
    if bad.size:
        raise IndexError(
            f"select(): index {int(bad[0])} out of range for tensor of size "
            f"[{', '.join(map(str, self._data.shape))}] at dimension 0"
        )

    def renormed(source, picked, max_norm, norm_type):
        data = source._data.copy()
        with silent():
            for row in picked:
                norm = float(np.sum(np.abs(data[row].astype(np.float64)) ** norm_type) ** (1.0 / norm_type))
                if norm > max_norm:
                    data[row] *= data.dtype.type(max_norm / (norm + 1e-7))
        return make_output(data, None)

    renormed.__name__ = "embedding_renorm"
    return inplace(self, renormed, rows_, max_norm, norm_type)


at.register(
    embedding=embedding,
    embedding_backward=embedding_backward,
    embedding_dense_backward=embedding_dense_backward,
    embedding_dense_double_backward=embedding_dense_double_backward,
)
