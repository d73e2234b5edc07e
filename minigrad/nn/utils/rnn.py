"""torch.nn.utils.rnn: PackedSequence and the functions that pad, pack and unpack variable-length sequences,
as torch computes them (the recorded nodes included: PackPaddedSequenceBackward0 for packing, CopySlices
for padding).

A PackedSequence holds the time steps' live rows one after another (`data`) and how many rows each step has
(`batch_sizes`, decreasing); sequences not sorted by length carry the permutation that sorted them.
"""

from collections import namedtuple
from collections.abc import Iterable

from ..._core import dtypes
from ..._core.tensor import Tensor
from ...ops import creation
from ...ops.rnn import pack_padded_sequence as _pack_padded

__all__ = [
    "PackedSequence",
    "invert_permutation",
    "pack_padded_sequence",
    "pack_sequence",
    "pad_packed_sequence",
    "pad_sequence",
    "unpack_sequence",
    "unpad_sequence",
]

PackedSequence_ = namedtuple("PackedSequence_", ["data", "batch_sizes", "sorted_indices", "unsorted_indices"])


class PackedSequence(PackedSequence_):
    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if unsorted_indices is None:
            unsorted_indices = invert_permutation(sorted_indices)
        if batch_sizes is None:
            if not (isinstance(data, list | tuple) and len(data) == 2):
                raise AssertionError("Expected data to be a list or tuple of length 2")
            data, batch_sizes = data
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    def to(self, *args, **kwargs):
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        return type(self)(data, self.batch_sizes, self.sorted_indices, self.unsorted_indices)

    def cpu(self, *args, **kwargs):
        return self

    def double(self):
        return self.to(dtype=dtypes.float64)

    def float(self):
        return self.to(dtype=dtypes.float32)

    def long(self):
        return self.to(dtype=dtypes.int64)

    def int(self):
        return self.to(dtype=dtypes.int32)

    @property
    def is_cuda(self):
        return False

    def is_pinned(self):
        return False


def invert_permutation(permutation):
    if permutation is None:
        return None
    output = creation.empty_like(permutation)
    output.scatter_(0, permutation, creation.arange(0, permutation.numel()))
    return output


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """A padded batch (seq, batch, *) (or batch first) and its lengths as a PackedSequence."""
    if not isinstance(lengths, Tensor):
        lengths = creation.as_tensor(lengths, dtype=dtypes.int64)
    else:
        lengths = lengths.to(dtype=dtypes.int64)
    if enforce_sorted:
        sorted_indices = None
    else:
        lengths, sorted_indices = lengths.sort(descending=True)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    data, batch_sizes = _pack_padded(input, lengths, batch_first)
    return PackedSequence(data, batch_sizes, sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """A PackedSequence as a padded batch and the sequences' lengths (ATen's _pad_packed_sequence: the
    padding first, then each run of equal batch sizes copied in)."""
    batch_sizes = [int(n) for n in sequence.batch_sizes]
    max_seq_length = len(batch_sizes)
    if total_length is not None:
        if total_length < max_seq_length:
            raise ValueError(
                "Expected total_length to be at least the length of the longest sequence in input, but got "
                f"total_length={total_length} and max sequence length being {max_seq_length}"
            )
        max_seq_length = total_length
    data = sequence.data
    max_batch = batch_sizes[0]
    output = creation.full(
        (max_seq_length, max_batch) + tuple(data.shape[1:]), padding_value, dtype=data.dtype
    )
    lengths = [0] * max_batch
    offset, prev_size, prev_i = 0, max_batch, 0
    for i in range(len(batch_sizes) + 1):
        size = batch_sizes[i] if i != len(batch_sizes) else 0
        if size != prev_size:
            count = prev_size * (i - prev_i)
            block = data[offset : offset + count].view((i - prev_i, prev_size) + tuple(data.shape[1:]))
            output[prev_i:i, :prev_size].copy_(block)
            offset += count
            prev_i = i
        for j in range(size, prev_size):
            lengths[j] = i
        prev_size = size
    if batch_first:
        output = output.transpose(0, 1)
    lengths = creation.tensor(lengths, dtype=dtypes.int64)
    if sequence.unsorted_indices is not None:
        unsorted = sequence.unsorted_indices
        return output.index_select(0 if batch_first else 1, unsorted), lengths[unsorted]
    return output, lengths


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Sequences of different lengths (L_i, *) as one padded tensor (max L, batch, *) or batch first."""
    if not isinstance(sequences, Iterable):
        raise RuntimeError(
            f"pad_sequence: Expected iterable for input sequences, but got arg of type: {type(sequences)}"
        )
    sequences = tuple(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    max_len = max(s.size(0) for s in sequences)
    trailing = tuple(sequences[0].shape[1:])
    dims = (len(sequences), max_len) if batch_first else (max_len, len(sequences))
    out = creation.full(dims + trailing, padding_value, dtype=sequences[0].dtype)
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got {padding_side}.")
    for i, seq in enumerate(sequences):
        length = seq.size(0)
        start = max_len - length if padding_side == "left" else 0
        if batch_first:
            out.select(0, i).narrow(0, start, length).copy_(seq)
        else:
            out.narrow(0, start, length).select(1, i).copy_(seq)
    return out


def unpad_sequence(padded_sequences, lengths, batch_first=False):
    if not batch_first:
        padded_sequences.transpose_(0, 1)  # torch turns the caller's tensor around, in place
    index = creation.arange(padded_sequences.shape[1])
    return [seq[index < length] for seq, length in zip(padded_sequences, lengths, strict=True)]


def pack_sequence(sequences, enforce_sorted=True):
    lengths = creation.as_tensor([v.size(0) for v in sequences])
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpack_sequence(packed_sequences):
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)
