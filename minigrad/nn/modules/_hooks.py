"""torch.utils.hooks in miniature: RemovableHandle keyed by a process-wide counter (torch's handles count
globally too), and BackwardHook, which builds a Module's full backward hooks on autograd as torch does: the
module's tensor inputs and outputs go through an identity Function whose node (BackwardHookFunctionBackward)
carries the hooks."""

import itertools
import warnings
import weakref

from ..._core import grad_mode
from ..._core.tensor import Tensor
from ...autograd import Function

_handle_ids = itertools.count()


class RemovableHandle:
    """handle.remove() takes the hook out of its dict (and out of the extra dicts given)."""

    def __init__(self, hooks_dict, *, extra_dict=None):
        self.hooks_dict_ref = weakref.ref(hooks_dict)
        self.id = next(_handle_ids)
        if extra_dict is None:
            extra_dict = []
        elif isinstance(extra_dict, dict):
            extra_dict = [extra_dict]
        self.extra_dict_ref = tuple(weakref.ref(d) for d in extra_dict)

    def remove(self):
        for ref in (self.hooks_dict_ref, *self.extra_dict_ref):
            hooks = ref()
            if hooks is not None and self.id in hooks:
                del hooks[self.id]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


class BackwardHookFunction(Function):
    """Identity on its tensor arguments; its node is where module backward hooks attach."""

    @staticmethod
    def forward(ctx, *args):
        ctx.mark_non_differentiable(*[arg for arg in args if not arg.requires_grad])
        return args

    @staticmethod
    def backward(ctx, *args):
        return args


def _with_nones(indices, values, size):
    packed = [None] * size
    for index, value in zip(indices, values, strict=True):
        packed[index] = value
    return tuple(packed)


class BackwardHook:
    """One module call's full backward hooks and pre-hooks: the output node's hook records the gradients of
    the outputs (after the pre-hooks), the input node's hook hands both to the user hooks."""

    def __init__(self, module, user_hooks, user_pre_hooks):
        self.module = module
        self.user_hooks = user_hooks
        self.user_pre_hooks = user_pre_hooks
        self.grad_outputs = None
        self.n_outputs = -1
        self.output_tensors_index = None
        self.n_inputs = -1
        self.input_tensors_index = None

    def _wrap_tensors(self, args, on_node):
        """Pass the tensors among args through BackwardHookFunction; on_node(its node)."""
        indices = [i for i, arg in enumerate(args) if isinstance(arg, Tensor)]
        tensors = [args[i] for i in indices]
        if not (any(t.requires_grad for t in tensors) and grad_mode.state.grad_enabled):
            return args, None
        wrapped = BackwardHookFunction.apply(*tensors)
        if len(wrapped) == 0:
            raise RuntimeError("Cannot set Module backward hook for a Module with no input Tensors.")
        nodes = [
            t.grad_fn
            for t in wrapped
            if t.grad_fn is not None and t.grad_fn.name() == "BackwardHookFunctionBackward"
        ]
        if not nodes:
            raise RuntimeError(
                "Error while setting up backward hooks. Please open an issue with a code sample to reproduce "
                "this."
            )
        on_node(nodes[0])
        replaced = list(args)
        for index, value in zip(indices, wrapped, strict=True):
            replaced[index] = value
        return (tuple(replaced) if type(args) is tuple else type(args)(*replaced)), indices

    def setup_input_hook(self, args):
        def on_node(node):
            node.register_hook(self._input_node_hook)

        result, indices = self._wrap_tensors(args, on_node)
        self.n_inputs = len(args)
        self.input_tensors_index = indices
        return result

    def _input_node_hook(self, grad_input, _grad_output):
        if self.grad_outputs is None:
            return None  # the gradient reached the inputs without passing the outputs (double backward)
        result = _with_nones(self.input_tensors_index, grad_input, self.n_inputs)
        for hook in self.user_hooks:
            out = hook(self.module, result, self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(result):
                raise RuntimeError(
                    "Backward hook returned an invalid number of grad_input, "
                    f"got {len(out)}, but expected {len(result)}"
                )
            result = out
        self.grad_outputs = None
        return tuple(result[i] for i in self.input_tensors_index)

    def setup_output_hook(self, outputs):
        def on_node(node):
            node.register_hook(self._output_node_hook)

        is_tuple = isinstance(outputs, tuple)
        if not is_tuple:
            outputs = (outputs,)
        result, indices = self._wrap_tensors(outputs, on_node)
        self.n_outputs = len(outputs)
        self.output_tensors_index = indices
        return result if is_tuple else result[0]

    def _output_node_hook(self, _grad_input, grad_output):
        self.grad_outputs = _with_nones(self.output_tensors_index, grad_output, self.n_outputs)
        for pre_hook in self.user_pre_hooks:
            replaced = pre_hook(self.module, self.grad_outputs)
            if replaced is None:
                continue
            if len(replaced) != len(self.grad_outputs):
                raise RuntimeError(
                    "Backward pre hook returned an invalid number of grad_output, "
                    f"got {len(replaced)}, but expected {len(self.grad_outputs)}"
                )
            self.grad_outputs = replaced
        grad_outputs = self.grad_outputs
        if self.input_tensors_index is None:
            # no input requires grad: the user hooks fire here, with no input gradients
            warnings.warn(
                "Full backward hook is firing when gradients are computed with respect to module outputs "
                "since "
                "no inputs require gradients. See "
                "https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html"
                "#torch.nn.Module.register_full_backward_hook for more details.",
                stacklevel=5,
            )
            no_grads = _with_nones([], [], self.n_inputs)
            for hook in self.user_hooks:
                out = hook(self.module, no_grads, self.grad_outputs)
                if out is not None and not (isinstance(out, tuple) and all(g is None for g in out)):
                    raise RuntimeError(
                        "Backward hook for Modules where no input requires gradient should always return "
                        "None "
                        "or None for all gradients."
                    )
            self.grad_outputs = None
        if grad_outputs is not None:
            return tuple(grad_outputs[i] for i in self.output_tensors_index)
        return None
