"""Flatten and Unflatten layers."""

from .module import Module


class Flatten(Module):
    __constants__ = ["start_dim", "end_dim"]

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input):
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    __constants__ = ["dim", "unflattened_size"]

    def __init__(self, dim, unflattened_size):
        super().__init__()
        if isinstance(dim, int):
            if not isinstance(unflattened_size, tuple | list) or not all(
                isinstance(s, int) for s in unflattened_size
            ):
                raise TypeError(
                    "unflattened_size must be tuple of ints, but found element of type "
                    f"{type(unflattened_size).__name__}"
                    if not isinstance(unflattened_size, tuple | list)
                    else "unflattened_size must be tuple of ints, but found element of type "
                    + next(type(s).__name__ for s in unflattened_size if not isinstance(s, int))
                    + " at pos "
                    + str(next(i for i, s in enumerate(unflattened_size) if not isinstance(s, int)))
                )
        elif not isinstance(dim, str):
            raise TypeError("invalid argument type for dim parameter")
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input):
        return input.unflatten(self.dim, self.unflattened_size)

    def extra_repr(self):
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
