"""torch.masked_select's out= against torch: written in place (resized with torch's warning), its dtype
check, and its refusal while autograd would record."""

import pytest
from _compare import same


def _inputs(t, requires_grad=False):
    x = t.tensor([0.5, -1.0, 2.0, 3.0, -4.0, 5.0], requires_grad=requires_grad)
    return x, t.tensor([True, False, True, True, False, False])


@pytest.mark.parametrize("out_shape", [(3,), (5,), (2, 2), (0,)])
def test_out_is_written(out_shape):
    def body(t):
        x, mask = _inputs(t)
        out = t.zeros(out_shape)
        result = t.masked_select(x, mask, out=out)
        return result is out, out

    same(body)


@pytest.mark.parametrize("requires_grad, dtype", [(False, "float64"), (True, "float32")])
def test_out_errors(requires_grad, dtype):
    def body(t):
        x, mask = _inputs(t, requires_grad)
        return t.masked_select(x, mask, out=t.zeros(3, dtype=getattr(t, dtype)))

    same(body)
