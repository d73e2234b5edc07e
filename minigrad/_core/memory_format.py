"""torch.memory_format: how a copy lays out its elements. minigrad has the two formats of dense
tensors without channels: contiguous_format (C order) and preserve_format (the source's dim order)."""


class memory_format:  # noqa: N801 (torch's name)
    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return f"torch.{self._name}"


contiguous_format = memory_format("contiguous_format")
preserve_format = memory_format("preserve_format")
