"""SGD with momentum, dampening, Nesterov, weight decay and maximize, as torch's single-tensor code."""

import numpy as np

from ..ops.creation import _make
from . import _kernels as K
from .optimizer import Optimizer, grad_mode_of_differentiable, run_closure


def _new_tensor(values):
    return _make(np.ascontiguousarray(values))


class SGD(Optimizer):
    def __init__(
        self,
        params,
        lr=1e-3,
        momentum=0,
        dampening=0,
        weight_decay=0,
        nesterov=False,
        *,
        maximize=False,
        foreach=None,
        differentiable=False,
        fused=None,
    ):
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "dampening": dampening,
            "weight_decay": weight_decay,
            "nesterov": nesterov,
            "maximize": maximize,
            "foreach": foreach,
            "differentiable": differentiable,
            "fused": fused,
        }
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("nesterov", False)
            group.setdefault("maximize", False)
            group.setdefault("foreach", None)
            group.setdefault("differentiable", False)
            group.setdefault("fused", False)

    @grad_mode_of_differentiable
    def step(self, closure=None):
        loss = run_closure(closure)
        for group in self.param_groups:
            lr, momentum, dampening = group["lr"], group["momentum"], group["dampening"]
            weight_decay, nesterov = group["weight_decay"], group["nesterov"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                grad = K.values(param.grad)
                if group["maximize"]:
                    grad = -grad
                if weight_decay != 0:
                    grad = K.fused_add(grad, K.values(param), weight_decay)
                if momentum != 0:
                    state = self.state[param]
                    buf = state.get("momentum_buffer")
                    if buf is None:
                        buf = state["momentum_buffer"] = _new_tensor(grad.copy())
                    else:
                        K.mul_(buf, momentum)
                        K.add_(buf, grad, 1 - dampening)
                    grad = K.fused_add(grad, K.values(buf), momentum) if nesterov else K.values(buf)
                K.add_(param, grad, -lr)
        return loss
