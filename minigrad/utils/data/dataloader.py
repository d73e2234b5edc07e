"""DataLoader in the calling process (num_workers=0) and default_collate."""

import collections.abc
import copy

import numpy as np

from ..._core import dtypes as _dtype
from ..._core.tensor import Tensor
from ...ops import creation as factories
from ...ops.joining import stack
from .sampler import BatchSampler, RandomSampler, SequentialSampler, _fresh_seed


def default_collate(batch):
    """Stack tensors (and numpy arrays) along a new first dimension, numbers into tensors (floats as
    float64), and recurse into mappings and sequences (tuples become lists, as in torch)."""
    elem = batch[0]
    if isinstance(elem, Tensor):
        return stack(batch, 0)
    if isinstance(elem, np.ndarray):
        return stack([factories.as_tensor(b) for b in batch], 0)
    if isinstance(elem, np.generic):
        return factories.as_tensor(np.array(batch))
    if isinstance(elem, bool | int) or isinstance(elem, float):
        dtype = _dtype.float64 if isinstance(elem, float) else None
        return factories.tensor(batch, dtype=dtype)
    if isinstance(elem, str | bytes):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        collated = {key: default_collate([d[key] for d in batch]) for key in elem}
        if isinstance(elem, collections.abc.MutableMapping):
            clone = copy.copy(elem)
            clone.update(collated)
            return clone
        return collated
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):
        return type(elem)(*(default_collate(samples) for samples in zip(*batch)))
    if isinstance(elem, collections.abc.Sequence):
        size = len(elem)
        if not all(len(e) == size for e in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        return [default_collate(samples) for samples in zip(*batch)]
    raise TypeError(
        "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found "
        f"{type(elem)}"
    )


class DataLoader:
    """Batches of a map-style dataset, in order or shuffled, collated."""

    def __init__(
        self,
        dataset,
        batch_size=1,
        shuffle=None,
        sampler=None,
        batch_sampler=None,
        num_workers=0,
        collate_fn=None,
        pin_memory=False,
        drop_last=False,
        timeout=0,
        worker_init_fn=None,
        multiprocessing_context=None,
        generator=None,
        **kwargs,
    ):
        if num_workers != 0:
            raise NotImplementedError("minigrad's DataLoader loads in the calling process (num_workers=0)")
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError(
                    "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and "
                    "drop_last"
                )
            batch_size = None
            drop_last = False
        elif batch_size is None and drop_last:
            raise ValueError(
                "batch_size=None option disables auto-batching and is mutually exclusive with drop_last"
            )
        if sampler is None:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.generator = generator
        self.num_workers = num_workers
        self.collate_fn = collate_fn if collate_fn is not None else default_collate

    def __iter__(self):
        indices = iter(self.batch_sampler if self.batch_sampler is not None else self.sampler)
        _fresh_seed(self.generator)  # torch draws the workers' base seed when a pass starts
        if self.batch_sampler is None:
            return (self.dataset[index] for index in indices)
        return (self.collate_fn([self.dataset[i] for i in batch]) for batch in indices)

    def __len__(self):
        if self.batch_sampler is not None:
            return len(self.batch_sampler)
        return len(self.sampler)
