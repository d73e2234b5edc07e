"""torch.dropout, feature_dropout, alpha_dropout, feature_alpha_dropout and their in-place forms (ATen's
functions), with nn.functional's alpha_dropout, feature_alpha_dropout and dropout3d, against torch: the same
seed draws the same noise, the same nodes are recorded, and bad input gets torch's errors."""

import pytest
from _compare import same, same_error

FUNCTIONS = ["dropout", "feature_dropout", "alpha_dropout", "feature_alpha_dropout"]


@pytest.mark.parametrize("p", [0.0, 0.3, 0.5, 1.0])
@pytest.mark.parametrize("name", FUNCTIONS)
def test_seeded_values_gradients_and_nodes(name, p):
    def body(T):
        T.manual_seed(3)
        x = T.randn(4, 3, 2, dtype=T.float64, requires_grad=True)
        y = getattr(T, name)(x, p, True)
        grad = T.autograd.grad((y * y).sum(), x)[0]
        return y, y.grad_fn, grad, getattr(T, name)(x, p, False) is x, T.rand(2)

    same(body)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_in_place(name):
    def body(T):
        T.manual_seed(5)
        x = T.randn(3, 4, requires_grad=True)
        y = x * 1
        result = getattr(T, name + "_")(y, 0.4, True)
        return result is y, y, y._version, y.grad_fn, T.autograd.grad(y.sum(), x)

    same(body)


@pytest.mark.parametrize("name", ["alpha_dropout", "feature_alpha_dropout", "dropout3d"])
def test_functional_forms(name):
    def body(T):
        T.manual_seed(1)
        x = T.randn(2, 3, 2, 2, 2)
        F = T.nn.functional
        return [
            getattr(F, name)(x, 0.5, training=True),
            getattr(F, name)(x),
            getattr(F, name)(x.clone(), 0.2, True, True),
            getattr(F, name)(x[0], 0.5, True),
        ]

    same(body)


ERRORS = {
    "p out of range": lambda T: T.dropout(T.ones(3), 1.5, True),
    "alpha p negative": lambda T: T.alpha_dropout(T.ones(3), -0.5, True),
    "feature 1-d": lambda T: T.feature_dropout(T.ones(3), 0.5, True),
    "feature alpha 1-d": lambda T: T.feature_alpha_dropout_(T.ones(3), 0.5, True),
    "p string": lambda T: T.dropout(T.ones(3), "a", True),
    "train missing": lambda T: T.dropout(T.ones(3), 0.5),
    "train int": lambda T: T.dropout(T.ones(3), 0.5, 1),
    "input list": lambda T: T.alpha_dropout([1.0], 0.5, True),
    "in place leaf": lambda T: T.dropout_(T.ones(3, requires_grad=True), 0.5, True),
    "functional p": lambda T: T.nn.functional.alpha_dropout(T.ones(3), 2.0),
    "functional feature alpha p": lambda T: T.nn.functional.feature_alpha_dropout(T.ones(3), -1.0),
    "dropout3d p": lambda T: T.nn.functional.dropout3d(T.ones(2, 2, 2, 2), 1.5),
}


@pytest.mark.parametrize("case", ERRORS)
def test_errors(case):
    same_error(ERRORS[case])


@pytest.mark.parametrize("name", ["AlphaDropout", "FeatureAlphaDropout", "Dropout3d"])
def test_modules(name):
    def body(T):
        T.manual_seed(2)
        module = getattr(T.nn, name)(0.3)
        x = T.randn(2, 3, 2, 2, 2, requires_grad=True)
        trained = module(x)
        module.eval()
        return repr(module), trained, trained.grad_fn, module(x) is x, T.autograd.grad(trained.sum(), x)

    same(body)
