"""Rows of the rearranging family: repeat (tile is repeat with the repeats padded), roll and rot90 (forwards:
ops/rearranging.py; fliplr and flipud are flips).

repeat's gradient is torch's repeat_backward: leading new dims summed away one by one, then one reshape
splitting each repeated dim into (repeat, size) and one sum over the repeat dims. roll's is the opposite roll.
Shifts, dims and k are saved as given (negative ones as uint64) and reach the formulas signed, as `_shifts`,
`_dims` and `_k`.
"""

from . import Derivative, at

REPEAT = Derivative(
    "repeat(Tensor self, SymInt[] repeats) -> Tensor",
    "RepeatBackward0",
    self=lambda grad, repeats, self_sym_sizes: at.repeat_backward(grad, repeats, self_sym_sizes),
    result=lambda self_t, repeats: self_t.repeat(repeats),
)
ROLL = Derivative(
    "roll(Tensor self, SymInt[1] shifts, int[1] dims=[]) -> Tensor",
    "RollBackward0",
    self=lambda grad, shifts, dims, _shifts, _dims: grad.roll(
        tuple(-s for s in reversed(_shifts)), tuple(reversed(_dims))
    ),
    result=lambda self_t, _shifts, _dims: self_t.roll(_shifts, _dims),
)
ROT90 = Derivative(
    "rot90(Tensor self, int k=1, int[] dims=[0, 1]) -> Tensor",
    "Rot90Backward0",
    self=lambda grad, k, dims, _k, _dims: grad.rot90(-_k, _dims),
    result=lambda self_t, _k, _dims: self_t.rot90(_k, _dims),
)
