"""Type (a dtype conversion, deprecated in torch) and Resize (a reshape keeping the number of elements) as
torch's legacy custom Functions."""

import math
import warnings

from ..function import Function


class Type(Function):
    @staticmethod
    def forward(ctx, i, dest_type):
        warnings.warn(
            "`torch.autograd._functions.Type` is deprecated as of PyTorch 2.1, please use "
            "`torch.tensor.to(dtype=dtype)` instead.",
            FutureWarning,
            stacklevel=2,
        )
        ctx.input_type = type(i)
        return i.type(dest_type)

    @staticmethod
    def backward(ctx, grad_output):
        # torch converts back with grad_output.type(type(input)): the Tensor class, which keeps the dtype
        return grad_output.type(ctx.input_type), None


class Resize(Function):
    @staticmethod
    def forward(ctx, tensor, sizes):
        ctx.sizes = sizes
        ctx.numel = math.prod(sizes)
        if tensor.numel() != ctx.numel:
            raise RuntimeError(
                "requested resize to {} ({} elements in total), but the given tensor has a size of {} ({} "
                "elements). autograd's resize can only change the shape of a given tensor, while preserving "
                "the number of elements. ".format(
                    "x".join(map(str, sizes)), ctx.numel, "x".join(map(str, tensor.size())), tensor.numel()
                )
            )
        ctx.input_sizes = tensor.size()
        if tensor.is_contiguous():
            return tensor.new(tensor).contiguous().view(*sizes)
        return tensor.contiguous().view(*sizes)

    @staticmethod
    def backward(ctx, grad_output):
        if grad_output.numel() != ctx.numel:
            raise AssertionError(
                f"Expected grad_output to have {ctx.numel} elements, but got {grad_output.numel()}"
            )
        return grad_output.contiguous().view(ctx.input_sizes), None
