"""Broadcasting: torch's shape rules (infer_size and its message) and sum_to, the reduction of a broadcast
gradient back to its input's shape that the engine applies to every gradient (torch's validate_outputs)."""


def broadcast_shapes(sa, sb):
    """Broadcast two shapes with torch's error message."""
    n = max(len(sa), len(sb))
    pa = (1,) * (n - len(sa)) + tuple(sa)
    pb = (1,) * (n - len(sb)) + tuple(sb)
    for i in range(n - 1, -1, -1):  # torch's infer_size walks from the last dim and reports the first clash
        x, y = pa[i], pb[i]
        if x != y and x != 1 and y != 1:
            raise RuntimeError(
                f"The size of tensor a ({x}) must match the size of tensor b ({y}) at non-singleton "
                f"dimension {i}"
            )
    return tuple(y if x == 1 else x for x, y in zip(pa, pb))


def expandable(shape, to_shape):
    """Can `shape` be broadcast (expanded) to `to_shape`?"""
    if len(shape) > len(to_shape):
        return False
    for s, t in zip(reversed(shape), reversed(to_shape)):
        if s != t and s != 1:
            return False
    return True


def reduced_dims(sizes, shape):
    """The dims of a `sizes`-shaped broadcast of `shape` to sum over (keepdim) to get back to `shape`."""
    lead = len(sizes) - len(shape)
    return tuple(range(lead)) + tuple(
        lead + i for i, n in enumerate(shape) if n == 1 and sizes[lead + i] != 1
    )


def sum_to(grad, shape):
    """Sum a broadcast gradient down to `shape` like torch's at::sum_to: a full sum() for a 0-d target, else
    sum(dims, keepdim=True) and a view dropping the leading dims. Written with Tensor methods, so that under
    create_graph the graph shows torch's nodes (SumBackward0/1, ViewBackward0)."""
    shape = tuple(shape)
    sizes = grad._data.shape
    if sizes == shape:
        return grad
    if not shape:
        return grad.sum()
    dims = reduced_dims(sizes, shape)
    if dims:
        grad = grad.sum(dims, keepdim=True)
    if len(sizes) != len(shape):
        grad = grad.view(shape)
    return grad
