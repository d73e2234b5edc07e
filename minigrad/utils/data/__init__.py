"""torch.utils.data for in-process loading: Dataset, TensorDataset, Subset, random_split, the samplers and
DataLoader (num_workers=0), drawing from torch's random stream as torch does (a shuffled epoch draws the
loader's base seed, then a seed for a new Generator, then randperm from it)."""

from .dataloader import DataLoader, default_collate
from .dataset import ConcatDataset, Dataset, Subset, TensorDataset, random_split
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler, SubsetRandomSampler

__all__ = [
    "BatchSampler",
    "ConcatDataset",
    "DataLoader",
    "Dataset",
    "RandomSampler",
    "Sampler",
    "SequentialSampler",
    "Subset",
    "SubsetRandomSampler",
    "TensorDataset",
    "default_collate",
    "random_split",
]
