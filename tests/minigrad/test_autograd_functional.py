"""torch.autograd.functional (vjp, jvp, vhp, hvp, jacobian, hessian) against torch, over random programs:
values, the structure of the results (tensors, tuples, lists), requires_grad and grad_fn of every result,
strict mode's errors, and torch's checks of bad arguments."""

import pytest
from _compare import same, same_error
from _graphs import SHAPES, make_inputs, programs
from hypothesis import given
from hypothesis import strategies as st


def _args(inputs, as_tuple):
    return inputs if as_tuple or len(inputs) > 1 else inputs[0]


def _shallow(result):
    """Results with the graph reduced to what vectorized/batched runs share with torch: values, flags and the
    top node's name (torch's vmap records other nodes below it)."""
    if isinstance(result, tuple | list):
        return type(result)(_shallow(r) for r in result)
    return (result.detach(), result.requires_grad, None if result.grad_fn is None else result.grad_fn.name())


@given(
    kind=st.sampled_from(["vjp", "jvp"]),
    program=programs(),
    shape=SHAPES,
    as_tuple=st.booleans(),
    create_graph=st.booleans(),
    strict=st.booleans(),
    requires_grad=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_vjp_jvp(kind, program, shape, as_tuple, create_graph, strict, requires_grad, seed):
    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad)
        with_respect_to = program(t, *inputs) if kind == "vjp" else inputs
        if isinstance(with_respect_to, tuple):
            v = tuple(x.detach() * 0.5 + 1 for x in with_respect_to)
        else:
            v = with_respect_to.detach() * 0.5 + 1
        fn = getattr(t.autograd.functional, kind)
        return fn(
            lambda *a: program(t, *a), _args(inputs, as_tuple), v, create_graph=create_graph, strict=strict
        )

    same(body)


@given(
    kind=st.sampled_from(["vhp", "hvp"]),
    program=programs(scalar=True, max_outputs=1),
    shape=SHAPES,
    as_tuple=st.booleans(),
    create_graph=st.booleans(),
    strict=st.booleans(),
    requires_grad=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_vhp_hvp(kind, program, shape, as_tuple, create_graph, strict, requires_grad, seed):
    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad)
        v = tuple(x.detach().cos() for x in inputs)
        fn = getattr(t.autograd.functional, kind)
        return fn(
            lambda *a: program(t, *a),
            _args(inputs, as_tuple),
            _args(v, as_tuple),
            create_graph=create_graph,
            strict=strict,
        )

    same(body)


@given(
    program=programs(),
    shape=SHAPES,
    as_tuple=st.booleans(),
    create_graph=st.booleans(),
    strict=st.booleans(),
    vectorize=st.booleans(),
    strategy=st.sampled_from(["reverse-mode", "forward-mode"]),
    requires_grad=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_jacobian(program, shape, as_tuple, create_graph, strict, vectorize, strategy, requires_grad, seed):
    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad)
        result = t.autograd.functional.jacobian(
            lambda *a: program(t, *a),
            _args(inputs, as_tuple),
            create_graph=create_graph,
            strict=strict,
            vectorize=vectorize,
            strategy=strategy,
        )
        return _shallow(result) if vectorize else result

    same(body)


@given(
    program=programs(scalar=True, max_outputs=1),
    shape=SHAPES,
    as_tuple=st.booleans(),
    create_graph=st.booleans(),
    strict=st.booleans(),
    vectorize=st.booleans(),
    outer=st.sampled_from(["reverse-mode"]),  # forward-mode: test_hessian_forward_over_reverse
    requires_grad=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_hessian(program, shape, as_tuple, create_graph, strict, vectorize, outer, requires_grad, seed):
    def body(t):
        inputs = make_inputs(t, program.n_inputs, shape, seed, requires_grad)
        result = t.autograd.functional.hessian(
            lambda *a: program(t, *a),
            _args(inputs, as_tuple),
            create_graph=create_graph,
            strict=strict,
            vectorize=vectorize,
            outer_jacobian_strategy=outer,
        )
        return _shallow(result) if vectorize else result

    same(body)


NAMED_FUNCTIONS = {  # beyond elementwise programs: matrix products, softmax, views
    "matrix": lambda t, x: x.t() @ x,
    "softmax": lambda t, x: (t.nn.functional.softmax(x.reshape(-1), 0) * t.arange(x.numel())).sum(),
    "views": lambda t, x: (x.t()[0] * x[:, 1].exp(), x.reshape(-1)[1:] ** 2),
}


@pytest.mark.parametrize("name", sorted(NAMED_FUNCTIONS))
@pytest.mark.parametrize("create_graph", [False, True])
def test_named_functions(name, create_graph):
    def body(t):
        (x,) = make_inputs(t, 1, (2, 3) if name == "matrix" else (2, 2), 3, requires_grad=True)
        fn = NAMED_FUNCTIONS[name]
        results = [t.autograd.functional.jacobian(lambda a: fn(t, a), x, create_graph=create_graph)]
        if name == "softmax":
            results.append(t.autograd.functional.hessian(lambda a: fn(t, a), x, create_graph=create_graph))
        return results

    same(body)


def test_hessian_forward_over_reverse():
    """outer_jacobian_strategy="forward-mode" pushes tangents through the inner jacobian, which stacks its
    rows."""

    def body(t):
        inputs = make_inputs(t, 2, (2,), 5)
        return t.autograd.functional.hessian(
            lambda a, b: (a**3 * b).sum(), inputs, vectorize=True, outer_jacobian_strategy="forward-mode"
        )

    same(body)


def test_results_are_differentiable_with_create_graph():
    def body(t):
        (x,) = make_inputs(t, 1, (3,), 0, requires_grad=True)
        jac = t.autograd.functional.jacobian(lambda a: (a**3).exp(), x, create_graph=True)
        _, vhp = t.autograd.functional.vhp(lambda a: (a**3).sum(), x, x.detach(), create_graph=True)
        return jac, vhp, t.autograd.grad((jac.sum(), vhp.sum()), [x])

    same(body)


def test_grad_mode_of_the_caller():
    """Without create_graph the products are computed in the caller's grad mode (and never keep a graph)."""

    def body(t):
        (x,) = make_inputs(t, 1, (2,), 1)
        results = []
        for mode in (False, True):
            with t.set_grad_enabled(mode):
                for name in ("vjp", "jvp", "vhp", "hvp"):
                    fn = getattr(t.autograd.functional, name)
                    results.append(fn(lambda a: (a**3).sum(), x, t.ones_like(x) if name != "vjp" else None))
                results.append(t.autograd.functional.jacobian(lambda a: a.exp(), x))
                results.append(t.is_grad_enabled())
        return results

    same(body)


def _one(t):
    return t.ones(2, dtype=t.float64)


BAD_CALLS = {
    # inputs and outputs
    "list inputs": lambda t: t.autograd.functional.jacobian(lambda a: a, [_one(t)]),
    "number in inputs": lambda t: t.autograd.functional.vjp(lambda a, b: a, (_one(t), 3), _one(t)),
    "number input": lambda t: t.autograd.functional.jvp(lambda a: a, 3.0),
    "number output": lambda t: t.autograd.functional.jacobian(lambda a: 3, _one(t)),
    "number output forward": lambda t: t.autograd.functional.jacobian(
        lambda a: 3, _one(t), vectorize=True, strategy="forward-mode"
    ),
    "list output": lambda t: t.autograd.functional.vjp(lambda a: [a], _one(t), _one(t)),
    # v
    "v None for many elements": lambda t: t.autograd.functional.vjp(lambda a: a * 2, _one(t)),
    "v None for many inputs": lambda t: t.autograd.functional.jvp(lambda a, b: a, (_one(t)[:1], _one(t)[:1])),
    "v None vhp": lambda t: t.autograd.functional.vhp(lambda a: a.sum(), _one(t)),
    "v None hvp": lambda t: t.autograd.functional.hvp(lambda a: a.sum(), _one(t)),
    "v wrong size": lambda t: t.autograd.functional.vjp(lambda a: a * 2, _one(t), t.ones(3)),
    "v wrong size in tuple": lambda t: t.autograd.functional.jvp(
        lambda a, b: a, (_one(t), _one(t)), (_one(t), t.ones(3))
    ),
    "v tuple too long": lambda t: t.autograd.functional.jvp(lambda a: a, _one(t), (_one(t), _one(t))),
    "v tuple wrong length": lambda t: t.autograd.functional.vjp(
        lambda a: (a, a), _one(t), (_one(t), _one(t), _one(t))
    ),
    "v list": lambda t: t.autograd.functional.vjp(lambda a: a, _one(t), [_one(t)]),
    "v number": lambda t: t.autograd.functional.hvp(lambda a: a.sum(), _one(t), 1.0),
    # single-element functions
    "hessian of a vector": lambda t: t.autograd.functional.hessian(lambda a: a * 2, _one(t)),
    "hessian of a tuple": lambda t: t.autograd.functional.hessian(lambda a: (a.sum(),), _one(t)),
    "vhp of a vector": lambda t: t.autograd.functional.vhp(lambda a: a, _one(t), _one(t)),
    "hvp of a tuple": lambda t: t.autograd.functional.hvp(lambda a: (a.sum(), a.sum()), _one(t), _one(t)),
    # strategies
    "unknown strategy": lambda t: t.autograd.functional.jacobian(lambda a: a, _one(t), strategy="sideways"),
    "unknown outer strategy": lambda t: t.autograd.functional.hessian(
        lambda a: a.sum(), _one(t), outer_jacobian_strategy="x"
    ),
    "forward without vectorize": lambda t: t.autograd.functional.jacobian(
        lambda a: a, _one(t), strategy="forward-mode"
    ),
    "forward without vectorize, bad input": lambda t: t.autograd.functional.jacobian(
        lambda a: a, 3, strategy="forward-mode"
    ),
    "forward with create_graph": lambda t: t.autograd.functional.jacobian(
        lambda a: a, _one(t), create_graph=True, strategy="forward-mode", vectorize=True
    ),
    "forward with strict": lambda t: t.autograd.functional.jacobian(
        lambda a: a, _one(t), strict=True, strategy="forward-mode", vectorize=True
    ),
    "vectorize with strict": lambda t: t.autograd.functional.jacobian(
        lambda a: a * 2, _one(t), strict=True, vectorize=True
    ),
    "vectorize with strict, constant output": lambda t: t.autograd.functional.jacobian(
        lambda a: t.ones(2), _one(t), strict=True, vectorize=True
    ),
    "vectorize with no elements": lambda t: t.autograd.functional.jacobian(
        lambda a: a * 2, t.zeros(0), vectorize=True
    ),
    # strict mode, at each stage
    "strict: constant output": lambda t: t.autograd.functional.vjp(
        lambda a: t.ones(2), _one(t), _one(t), strict=True
    ),
    "strict: unused input": lambda t: t.autograd.functional.vjp(
        lambda a, b: a * 2, (_one(t), _one(t)), _one(t), strict=True
    ),
    "strict: unused input jacobian": lambda t: t.autograd.functional.jacobian(
        lambda a, b: a * 2, (_one(t), _one(t)), strict=True
    ),
    "strict: linear jacobian create_graph": lambda t: t.autograd.functional.jacobian(
        lambda a: a * 2, _one(t), strict=True, create_graph=True
    ),
    "strict: linear vjp create_graph": lambda t: t.autograd.functional.vjp(
        lambda a: a * 2, _one(t), _one(t), strict=True, create_graph=True
    ),
    "strict: jvp unused input": lambda t: t.autograd.functional.jvp(
        lambda a, b: a.exp(), (_one(t), _one(t)), (_one(t), _one(t)), strict=True
    ),
    "strict: linear vhp": lambda t: t.autograd.functional.vhp(
        lambda a: a.sum(), _one(t), _one(t), strict=True
    ),
    "strict: linear hvp": lambda t: t.autograd.functional.hvp(
        lambda a: a.sum(), _one(t), _one(t), strict=True
    ),
    "strict: quadratic hvp create_graph": lambda t: t.autograd.functional.hvp(
        lambda a: (a * a).sum(), _one(t), _one(t), strict=True, create_graph=True
    ),
    "strict: quadratic vhp create_graph": lambda t: t.autograd.functional.vhp(
        lambda a: (a * a).sum(), _one(t), _one(t), strict=True, create_graph=True
    ),
    "strict: vhp unused input": lambda t: t.autograd.functional.vhp(
        lambda a, b: (a**3).sum(), (_one(t), _one(t)), (_one(t), _one(t)), strict=True
    ),
    "strict: linear hessian": lambda t: t.autograd.functional.hessian(
        lambda a: (a * 2).sum(), _one(t), strict=True
    ),
    "strict: constant hessian": lambda t: t.autograd.functional.hessian(
        lambda a: t.ones(()), _one(t), strict=True
    ),
    "strict: quadratic hessian create_graph": lambda t: t.autograd.functional.hessian(
        lambda a: (a * a).sum(), _one(t), strict=True, create_graph=True
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_CALLS))
def test_bad_calls(name):
    same_error(BAD_CALLS[name])


EDGE_CALLS = {
    # the gradient of a linear function depends on the (dummy) grad_outputs, so strict mode lets it pass
    "strict linear jvp": lambda t: t.autograd.functional.jvp(lambda a: a * 2, _one(t), _one(t), strict=True),
    "forward-mode with no elements": lambda t: t.autograd.functional.jacobian(
        lambda a: a * 2, t.zeros(0), vectorize=True, strategy="forward-mode"
    ),
    "no elements": lambda t: t.autograd.functional.jacobian(lambda a: a * 2, t.zeros(0)),
    "constant output": lambda t: t.autograd.functional.jacobian(lambda a: t.ones(2), _one(t)),
    "constant output, vectorized": lambda t: t.autograd.functional.jacobian(
        lambda a: t.ones(2), _one(t), vectorize=True
    ),
    "constant output, forward": lambda t: t.autograd.functional.jacobian(
        lambda a: t.ones(2), _one(t), vectorize=True, strategy="forward-mode"
    ),
    "unused input": lambda t: t.autograd.functional.vjp(lambda a, b: a * 2, (_one(t), t.ones(3)), _one(t)),
    "captured tensor is not differentiated": lambda t: t.autograd.functional.jacobian(
        lambda a: a * _one(t).requires_grad_(), _one(t)
    ),
    "v None for one element": lambda t: t.autograd.functional.vjp(lambda a: (a * a).sum(), _one(t)),
    "jvp v None for one element": lambda t: t.autograd.functional.jvp(lambda a: a * a, t.ones(1)),
    "float32 inputs, float64 output, forward": lambda t: t.autograd.functional.jacobian(
        lambda a: a.double() * 2, t.ones(2), vectorize=True, strategy="forward-mode"
    ),
    "float32 inputs, float64 output, reverse": lambda t: t.autograd.functional.jacobian(
        lambda a: a.double() * 2, t.ones(2)
    ),
}


@pytest.mark.parametrize("name", sorted(EDGE_CALLS))
def test_edge_cases(name):
    same(EDGE_CALLS[name])


BASIS_INPUTS = {
    "one matrix": lambda t: (t.ones(2, 3),),
    "0-d": lambda t: (t.ones([]),),
    "mixed sizes": lambda t: (t.ones(2, 3), t.ones(3), t.ones(3, 4, 2)),
    "0-d among others": lambda t: (t.ones(1), t.ones([]), t.ones([])),
    "mixed dtypes": lambda t: (t.ones(2, dtype=t.float64), t.ones(3, dtype=t.float32)),
    "an empty tensor": lambda t: (t.ones(2), t.ones(0, 3)),
    "numels not matching": lambda t: ((t.ones(2),), (2, 3)),
    "no tensors": lambda t: ((), ()),
}


@pytest.mark.parametrize("case", sorted(BASIS_INPUTS))
def test_construct_standard_basis_for(case):
    """The private helper torch's own tests call: the identity split among the tensors, each block in its
    tensor's dtype; torch's assertions for bad arguments."""

    def body(t):
        inputs = BASIS_INPUTS[case](t)
        if isinstance(inputs[0], tuple):
            return t.autograd.functional._construct_standard_basis_for(*inputs)
        return t.autograd.functional._construct_standard_basis_for(inputs, tuple(x.numel() for x in inputs))

    same(body)


@pytest.mark.parametrize("strategy", ["reverse-mode", "forward-mode"])
def test_vectorized_jacobians_split_their_rows_as_torch(strategy):
    """With create_graph, the vectorized jacobian's pieces come from split() (SplitWithSizesBackward0)."""

    def body(t):
        x = t.tensor([0.5, -1.0, 2.0], requires_grad=True)
        y = t.tensor([1.5, 0.25], requires_grad=True)
        jac = t.autograd.functional.jacobian(
            lambda a, b: (a.sin() * a, b.exp().sum() * a),
            (x, y),
            create_graph=True,
            vectorize=True,
            strategy=strategy,
        )
        return jac

    same(body)
