"""movedim/moveaxis, swapaxes/swapdims, broadcast_to, broadcast_tensors, masked_select and the value tests
(isnan, isinf, isfinite, isposinf, isneginf, isreal) against torch: values, nodes, gradients and errors."""

import pytest
from _compare import same

X = "T.arange(24.0).reshape(2, 3, 4).requires_grad_()"

CASES = [
    f"{X}.movedim(0, 1)",
    f"{X}.movedim(-1, 0)",
    f"{X}.movedim([0, 1], [2, 0])",
    f"{X}.movedim((0,), (2,))",
    f"T.movedim({X}, [], [])",
    f"T.moveaxis({X}, 2, 0)",
    f"{X}.moveaxis(source=0, destination=2)",
    f"{X}.swapaxes(0, 2)",
    f"T.swapdims({X}, -1, 1)",
    f"{X}.broadcast_to((3, 2, 3, 4))",
    f"T.broadcast_to({X}, (1, 2, 3, 4))",
    f"T.broadcast_tensors({X}, T.ones(3, 1), T.tensor(2.0))",
    f"T.broadcast_tensors({X}, T.ones(5, 1, 1, 1))",
    # errors
    f"{X}.movedim([0, -3], [1, 0])",
    f"{X}.movedim([0, 1], [2, -1])",
    f"{X}.movedim(0.5, 1)",
    f"{X}.movedim(0, [0, 1])",
    f"{X}.movedim([0], [1, 2])",
    f"{X}.movedim(0, 5)",
    f"{X}.swapaxes(0, 5)",
    f"{X}.broadcast_to((3,))",
    f"T.broadcast_tensors({X}, T.ones(2))",
]


def _with_gradient(expression):
    def body(T):
        result = eval(expression, {"T": T})
        outputs = result if isinstance(result, tuple) else (result,)
        leaf = next(o for o in outputs if o.requires_grad)
        source = leaf if leaf.is_leaf else leaf._base
        (outputs[0] * T.arange(float(outputs[0].numel())).reshape(outputs[0].shape)).sum().backward()
        return result, source.grad

    return body


@pytest.mark.parametrize("expression", CASES)
def test_compositions_as_torch(expression):
    same(_with_gradient(expression))


def test_broadcast_tensors_returns_a_tensor_of_the_common_shape_itself():
    same(lambda T: [t is x for x in [T.ones(2, 3)] for t in T.broadcast_tensors(x, T.ones(1, 3))])


@pytest.mark.parametrize("name", ["isnan", "isinf", "isfinite", "isposinf", "isneginf", "isreal"])
@pytest.mark.parametrize("dtype", ["float32", "float16", "float64", "int64", "uint8", "bool"])
def test_value_tests_in_every_dtype(name, dtype):
    def body(T):
        x = T.tensor([-float("inf"), -1.0, 0.0, 2.5, float("inf"), float("nan")]).to(getattr(T, dtype))
        return [getattr(T, name)(x), getattr(x, name)()]

    same(body)


MASKED_SELECT = [
    "T.masked_select(T.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, 6.0]], requires_grad=True), T.tensor([1, 0, 1]) > 0)",  # noqa: E501
    "T.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True).masked_select(T.tensor(True))",
    "T.masked_select(T.tensor([1, 2, 3]), T.tensor([[True], [False]]))",
    "T.masked_select(T.ones(2, 3), T.ones(2, 3))",
    "T.masked_select(T.ones(2, 3), T.ones(2, 3, dtype=T.uint8))",
    "T.masked_select(T.ones(2, 3), T.ones(4, 3) > 0)",
    "T.masked_select(2, T.tensor([True]))",
]


@pytest.mark.parametrize("expression", MASKED_SELECT)
def test_masked_select_as_torch(expression):
    def body(T):
        result = eval(expression, {"T": T})
        if result.requires_grad:
            (result * T.arange(float(result.numel()))).sum().backward()
        return result

    same(body)
