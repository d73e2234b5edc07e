"""Adagrad (lr decay, weight decay, initial accumulator, maximize), as torch's single-tensor code."""

from .._core.memory_format import preserve_format
from ..ops import creation as factories
from . import _kernels as K
from .adam import step_counter
from .optimizer import Optimizer, grad_mode_of_differentiable, run_closure


class Adagrad(Optimizer):
    def __init__(
        self,
        params,
        lr=1e-2,
        lr_decay=0,
        weight_decay=0,
        initial_accumulator_value=0,
        eps=1e-10,
        foreach=None,
        *,
        maximize=False,
        differentiable=False,
        fused=None,
    ):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= lr_decay:
            raise ValueError(f"Invalid lr_decay value: {lr_decay}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if not 0.0 <= initial_accumulator_value:
            raise ValueError(f"Invalid initial_accumulator_value value: {initial_accumulator_value}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        defaults = {
            "lr": lr,
            "lr_decay": lr_decay,
            "eps": eps,
            "weight_decay": weight_decay,
            "initial_accumulator_value": initial_accumulator_value,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)
        for group in self.param_groups:
            for param in group["params"]:
                self._init_state(param)

    def _init_state(self, param):
        state = self.state[param]
        state["step"] = step_counter()
        state["sum"] = factories.full_like(
            param, self.defaults["initial_accumulator_value"], memory_format=preserve_format
        )

    @grad_mode_of_differentiable
    def step(self, closure=None):
        loss = run_closure(closure)
        for group in self.param_groups:
            lr, lr_decay = group["lr"], group["lr_decay"]
            weight_decay, eps = group["weight_decay"], group["eps"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                state = self.state[param]
                if len(state) == 0:
                    self._init_state(param)
                step_t = state["step"]
                step_t += 1
                step = step_t.item()
                grad = K.values(param.grad)
                if group["maximize"]:
                    grad = -grad
                if weight_decay != 0:
                    grad = K.fused_add(grad, K.values(param), weight_decay)
                clr = lr / (1 + (step - 1) * lr_decay)
                K.addcmul_(state["sum"], grad, grad, 1)
                std = K.add_scalar(K.sqrt(K.values(state["sum"])), eps)
                K.addcdiv_(param, grad, std, -clr)
        return loss
