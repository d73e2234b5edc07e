"""split, split_with_sizes, chunk, tensor_split and hsplit/vsplit/dsplit against torch: the pieces (values,
shapes, nodes), their gradients, and torch's errors for bad sizes, dims and types. The rows' graphs and saved
values are checked in test_derivatives.py (derivative_cases/splitting.py)."""

import pytest
from _compare import same

X = "T.arange(24.0).reshape(6, 4).requires_grad_()"

CASES = [
    f"{X}.split(4)",
    f"{X}.split(1, 1)",
    f"{X}.split(10)",
    f"{X}.split([2, 4])",
    f"{X}.split((1, 1, 2), dim=-1)",
    f"T.split({X}, 3)",
    f"T.split({X}, [6, 0])",
    f"T.split_with_sizes({X}, [3, 3])",
    "T.zeros(0, 2).split(0)",
    "T.zeros(0, 2).chunk(3)",
    f"{X}.chunk(4)",
    f"{X}.chunk(6, 1)",
    f"T.chunk({X}, 5)",
    f"{X}.tensor_split(4)",
    f"{X}.tensor_split([1, 9])",
    f"{X}.tensor_split((3, 1))",
    f"{X}.tensor_split(T.tensor([1, 2]))",
    f"{X}.tensor_split(T.tensor(2), dim=1)",
    f"T.hsplit({X}, 2)",
    f"T.hsplit({X}, [1, 3])",
    f"T.vsplit({X}, 3)",
    "T.dsplit(T.ones(2, 2, 4), 2)",
    "T.hsplit(T.arange(6.0), 3)",
    # errors
    f"{X}.split(-1)",
    f"{X}.split(0)",
    f"{X}.split([2, 3])",
    f"{X}.split([7, -1])",
    f"{X}.split(2, dim=2)",
    f"{X}.split(2.0)",
    f"{X}.split([2.0, 4])",
    "T.tensor(1.0).split(1)",
    "T.tensor(1.0).split([1])",
    f"{X}.chunk(0)",
    f"{X}.chunk(2, 5)",
    "T.tensor(1.0).chunk(2)",
    f"{X}.tensor_split(0)",
    "T.tensor(1.0).tensor_split(2)",
    f"{X}.tensor_split(T.tensor([1.0]))",
    f"{X}.tensor_split(T.tensor([True]))",
    f"{X}.tensor_split(T.tensor([[1, 2]]))",
    f"T.hsplit({X}, 3)",
    f"T.hsplit({X}, 0)",
    "T.vsplit(T.ones(3), 1)",
    "T.dsplit(T.ones(2, 2), 1)",
    # torch's argument parser: overloads (int sections) and (tuple of ints indices, unsized: a lone int
    # is a section count), keywords by their names, and the invalid-combination TypeError
    f"T.hsplit({X}, sections=2)",
    f"{X}.vsplit(indices=[1])",
    f"T.tensor_split({X}, sections=2, dim=1)",
    f"T.tensor_split({X}, indices=(1,), dim=1)",
    f"T.tensor_split({X}, tensor_indices_or_sections=T.tensor(2), dim=1)",
    f"T.hsplit({X}, T.tensor(2))",
    f"T.hsplit({X}, 'a')",
    f"{X}.hsplit('a')",
    f"T.vsplit({X}, 'a')",
    f"{X}.vsplit(2.0)",
    f"T.dsplit({X}, None)",
    f"T.hsplit({X}, [1.0])",
    f"T.hsplit({X}, True)",
    f"T.hsplit({X}, T.tensor([1]))",
    f"T.hsplit({X}, 2, 3)",
    f"T.hsplit({X})",
    f"T.hsplit({X}, foo=[1])",
    f"T.tensor_split({X}, 'a')",
    f"{X}.tensor_split(2.0)",
    f"T.tensor_split({X}, indices=2)",
]


def _pieces_and_gradient(expression):
    def body(T):
        pieces = eval(expression, {"T": T})
        sources = [p for p in pieces if p.requires_grad]
        if not sources:
            return pieces
        base = sources[0]._base
        total = sum(((p * (i + 1)) ** 2).sum() for i, p in enumerate(sources))
        total.backward()
        return pieces, base.grad

    return body


@pytest.mark.parametrize("expression", CASES)
def test_pieces_gradients_and_errors_as_torch(expression):
    same(_pieces_and_gradient(expression))


def test_a_piece_written_in_place_is_refused_as_torch_refuses_it():
    def body(T):
        x = T.ones(4, 2, requires_grad=True).clone()
        piece = x.split(2)[0]
        piece.mul_(2)
        return piece

    same(body)


def test_pieces_under_no_grad_may_be_written_and_share_memory():
    def body(T):
        x = T.arange(6.0)
        first, second = x.chunk(2)
        first.add_(1)
        return x, first._version, second._version

    same(body)
