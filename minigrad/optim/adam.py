"""Adam and AdamW (decoupled weight decay), with amsgrad and maximize, as torch's single-tensor code."""

from .._core import dtypes as _dtype
from .._core.memory_format import preserve_format
from ..ops import creation as factories
from . import _kernels as K
from .optimizer import Optimizer, grad_mode_of_differentiable, run_closure


def step_counter():
    """torch keeps each parameter's step count as a 0-d float tensor (float64 under a float64 default)."""
    dtype = _dtype.float64 if _dtype.get_default_dtype() == _dtype.float64 else _dtype.float32
    return factories.tensor(0.0, dtype=dtype)


def zeros_like(param):
    return factories.zeros_like(param, memory_format=preserve_format)


class Adam(Optimizer):
    def __init__(
        self,
        params,
        lr=1e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
        weight_decay=0,
        amsgrad=False,
        *,
        foreach=None,
        maximize=False,
        capturable=False,
        differentiable=False,
        fused=None,
        decoupled_weight_decay=False,
    ):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not (isinstance(betas[0], float) and isinstance(betas[1], float)):
            raise ValueError("betas must be either both floats or both Tensors")
        defaults = {
            "lr": lr,
            "betas": tuple(betas),
            "eps": eps,
            "weight_decay": weight_decay,
            "amsgrad": amsgrad,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
            "fused": fused,
            "decoupled_weight_decay": decoupled_weight_decay,
        }
        super().__init__(params, defaults)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group.setdefault("amsgrad", False)
            group.setdefault("maximize", False)
            group.setdefault("foreach", None)
            group.setdefault("capturable", False)
            group.setdefault("differentiable", False)
            group.setdefault("fused", None)
            group.setdefault("decoupled_weight_decay", False)

    @grad_mode_of_differentiable
    def step(self, closure=None):
        loss = run_closure(closure)
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, eps, weight_decay = group["lr"], group["eps"], group["weight_decay"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                state = self.state[param]
                if len(state) == 0:
                    state["step"] = step_counter()
                    state["exp_avg"] = zeros_like(param)
                    state["exp_avg_sq"] = zeros_like(param)
                    if group["amsgrad"]:
                        state["max_exp_avg_sq"] = zeros_like(param)
                grad = K.values(param.grad)
                if group["maximize"]:
                    grad = -grad
                step_t = state["step"]
                step_t += 1
                if weight_decay != 0:
                    if group["decoupled_weight_decay"]:
                        K.mul_(param, 1 - lr * weight_decay)
                    else:
                        grad = K.fused_add(grad, K.values(param), weight_decay)
                exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                K.lerp_(exp_avg, grad, 1 - beta1)
                K.mul_(exp_avg_sq, beta2)
                K.addcmul_(exp_avg_sq, grad, grad, 1 - beta2)
                step = step_t.item()
                bias_correction1 = 1 - beta1**step
                bias_correction2 = 1 - beta2**step
                step_size = lr / bias_correction1
                bias_correction2_sqrt = bias_correction2**0.5
                if group["amsgrad"]:
                    K.maximum_(state["max_exp_avg_sq"], K.values(exp_avg_sq))
                    second_moment = K.values(state["max_exp_avg_sq"])
                else:
                    second_moment = K.values(exp_avg_sq)
                denom = K.add_scalar(K.div_scalar(K.sqrt(second_moment), bias_correction2_sqrt), eps)
                K.addcdiv_(param, K.values(exp_avg), denom, -step_size)
        return loss


class AdamW(Adam):
    def __init__(
        self,
        params,
        lr=1e-3,
        betas=(0.9, 0.999),
        eps=1e-8,
        weight_decay=1e-2,
        amsgrad=False,
        *,
        maximize=False,
        foreach=None,
        capturable=False,
        differentiable=False,
        fused=None,
    ):
        super().__init__(
            params,
            lr,
            betas,
            eps,
            weight_decay,
            amsgrad,
            foreach=foreach,
            maximize=maximize,
            capturable=capturable,
            differentiable=differentiable,
            fused=fused,
            decoupled_weight_decay=True,
        )
