"""RMSprop (centered, momentum, weight decay, maximize), as torch's single-tensor code."""

from .._core import dtypes as _dtype
from ..ops import creation as factories
from . import _kernels as K
from .adam import zeros_like
from .optimizer import Optimizer, grad_mode_of_differentiable, run_closure


class RMSprop(Optimizer):
    def __init__(
        self,
        params,
        lr=1e-2,
        alpha=0.99,
        eps=1e-8,
        weight_decay=0,
        momentum=0,
        centered=False,
        capturable=False,
        foreach=None,
        maximize=False,
        differentiable=False,
    ):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= momentum:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= alpha:
            raise ValueError(f"Invalid alpha value: {alpha}")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "alpha": alpha,
            "eps": eps,
            "centered": centered,
            "weight_decay": weight_decay,
            "capturable": capturable,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    @grad_mode_of_differentiable
    def step(self, closure=None):
        loss = run_closure(closure)
        for group in self.param_groups:
            lr, alpha, eps = group["lr"], group["alpha"], group["eps"]
            weight_decay, momentum = group["weight_decay"], group["momentum"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                state = self.state[param]
                if len(state) == 0:
                    dtype = _dtype.float64 if _dtype.get_default_dtype() == _dtype.float64 else _dtype.float32
                    state["step"] = factories.zeros((), dtype=dtype)
                    state["square_avg"] = zeros_like(param)
                    if momentum > 0:
                        state["momentum_buffer"] = zeros_like(param)
                    if group["centered"]:
                        state["grad_avg"] = zeros_like(param)
                grad = K.values(param.grad)
                if group["maximize"]:
                    grad = -grad
                square_avg = state["square_avg"]
                state["step"] += 1
                if weight_decay != 0:
                    grad = K.fused_add(grad, K.values(param), weight_decay)
                K.mul_(square_avg, alpha)
                K.addcmul_(square_avg, grad, grad, 1 - alpha)
                if group["centered"]:
                    grad_avg = state["grad_avg"]
                    K.lerp_(grad_avg, grad, 1 - alpha)
                    avg = K.sqrt(K.addcmul(K.values(square_avg), K.values(grad_avg), K.values(grad_avg), -1))
                else:
                    avg = K.sqrt(K.values(square_avg))
                avg = K.add_scalar(avg, eps)
                if momentum > 0:
                    buf = state["momentum_buffer"]
                    K.mul_(buf, momentum)
                    K.addcdiv_(buf, grad, avg, 1.0)
                    K.add_(param, K.values(buf), -lr)
                else:
                    K.addcdiv_(param, grad, avg, -lr)
        return loss
