"""Bug: the backward of sum(dim) (keepdim=False) forgets to put the summed dimension back before
broadcasting the gradient to the input's shape, so the gradient is broadcast along the leading
dimensions (right for dim=0, wrong values or a shape error otherwise).

Caught by the op checks from torch's op database (OPDB-sum::backward: the backward of sum on torch's samples
of sum, sum(dim) among them).
"""

import torch

from tests.broken_backends._base import Tensor, func_name, install

CAUGHT_BY = "OPDB-sum::backward"


def keepdim_ignoring_hook(input_shape):
    def hook(grad_inputs, grad_outputs):
        return (grad_outputs[0].expand(input_shape),)

    return hook


def summed_dim(args, kwargs):
    dim = kwargs.get("dim", args[1] if len(args) > 1 else None)
    keepdim = kwargs.get("keepdim", args[2] if len(args) > 2 else False)
    return None if keepdim or isinstance(dim, torch.dtype) else dim


class FlatSumGrad(Tensor):
    @classmethod
    def call(cls, func, args, kwargs):
        result = func(*args, **kwargs)
        node = getattr(result, "grad_fn", None)
        if func_name(func) == "sum" and summed_dim(args, kwargs) is not None and node is not None:
            node.register_hook(keepdim_ignoring_hook(args[0].shape))
        return result


install(__name__, tensor_class=FlatSumGrad)
