"""Cases for the views family (minigrad/derivatives/views.py)."""

from . import Case, rand

CASES = {
    "view": Case(lambda T, a: a.view(3, 2), (rand(2, 3),)),
    "reshape_alias": Case(lambda T, a: a.t().reshape(4, 1, 2), (rand(2, 4),)),
    "reshape_copy": Case(lambda T, a: a.permute(1, 0, 2).reshape(3, 4), (rand(2, 3, 2),)),
    "ellipsis": Case(lambda T, a: a[...], (rand(2, 3),)),
    "transpose": Case(lambda T, a: a.transpose(-1, 0), (rand(2, 3),)),
    "t": Case(lambda T, a: a.t(), (rand(2, 3),)),
    "permute": Case(lambda T, a: a.permute(2, 0, -2), (rand(2, 3, 2),)),
    "expand": Case(lambda T, a: a.expand(3, 2, 2), (rand(2, 1),)),
    "squeeze": Case(lambda T, a: a.squeeze(), (rand(2, 1, 3),)),
    "squeeze_dim": Case(lambda T, a: a.squeeze(-2), (rand(2, 1, 3),)),
    "squeeze_dims": Case(lambda T, a: a.squeeze((1, 2)), (rand(2, 1, 3),)),
    "unsqueeze": Case(lambda T, a: a.unsqueeze(-1), (rand(2, 3),)),
    "select": Case(lambda T, a: a.select(1, -1), (rand(2, 3),)),
    "slice": Case(lambda T, a: a[:, 1:], (rand(2, 3),)),
    "narrow": Case(lambda T, a: a.narrow(1, 0, 2), (rand(2, 3),)),
    "unbind": Case(lambda T, a: a.unbind(1), (rand(2, 3),)),
    "unbind_one_used": Case(lambda T, a: a.unbind(0)[1], (rand(2, 3),)),
}

# the gradients' own view ops take the dims as given (negative ones saved as torch saves them)
CASES["unsqueeze_negative_second_order"] = Case(
    lambda T, a: T.autograd.grad(a.unsqueeze(-1).sin().sum(), a, create_graph=True)[0],
    (rand(2),),
    forward_ad=False,
)
CASES["transpose_negative_second_order"] = Case(
    lambda T, a: T.autograd.grad(a.transpose(-1, 0).sin().sum(), a, create_graph=True)[0],
    (rand(2, 3),),
    forward_ad=False,
)

# in-place views: self * 1 takes the op, so the leaf's history is the op's input
CASES.update(
    {
        "transpose_": Case(lambda T, a: (a * 1).transpose_(-1, 0), (rand(2, 3),)),
        "t_": Case(lambda T, a: (a * 1).t_(), (rand(2, 3),)),
        "swapdims_": Case(lambda T, a: (a * 1).swapdims_(0, 2), (rand(2, 1, 3),)),
        "squeeze_": Case(lambda T, a: (a * 1).squeeze_(), (rand(2, 1, 3, 1),)),
        "squeeze__dim": Case(lambda T, a: (a * 1).squeeze_(-2), (rand(2, 1, 3),)),
        "squeeze__dims": Case(lambda T, a: (a * 1).squeeze_((1, 3)), (rand(2, 1, 3, 1),)),
        "unsqueeze_": Case(lambda T, a: (a * 1).unsqueeze_(-1), (rand(2, 3),)),
        "unsqueeze__second_order": Case(
            lambda T, a: T.autograd.grad((a * 1).unsqueeze_(-1).sin().sum(), a, create_graph=True)[0],
            (rand(2),),
            forward_ad=False,
        ),
    }
)
