"""parameters_to_vector and vector_to_parameters."""

from ..._core.tensor import Tensor
from ...ops.joining import cat


def parameters_to_vector(parameters):
    return cat([param.view(-1) for param in parameters])


def vector_to_parameters(vec, parameters):
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {type(vec).__name__}")
    pointer = 0
    for param in parameters:
        count = param.numel()
        param.data = vec[pointer : pointer + count].view_as(param).data
        pointer += count
