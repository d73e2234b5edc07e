"""Cases for the conversion family (minigrad/derivatives/conversion.py): clone and _to_copy (to, float(),
double(), ...). Conversions to float32 and back are too coarse for finite differences in gradcheck; their
graphs, saved sets and tangents are still compared with torch's."""

from . import Case, rand

CASES = {
    "clone": Case(lambda T, a: a.clone(), (rand(2, 3),)),
    "clone_contiguous": Case(lambda T, a: a.t().clone(memory_format=T.contiguous_format), (rand(2, 3),)),
    "to_float32": Case(lambda T, a: a.float(), (rand(2, 3),), gradcheck=False),
    "to_float32_and_back": Case(lambda T, a: a.to(T.float32).double(), (rand(2, 3),), gradcheck=False),
    "to_copy": Case(lambda T, a: a.to(T.float64, copy=True), (rand(2, 3),)),
    "to_contiguous": Case(
        lambda T, a: a.t().to(T.float32, memory_format=T.contiguous_format), (rand(2, 3),), gradcheck=False
    ),
    # integer and bool results are not differentiable: no grad_fn, and no tangent in forward AD
    "to_integer": Case(lambda T, a: (a * 10).long(), (rand(2, 3),), gradcheck=False, gradgradcheck=False),
    "to_bool": Case(lambda T, a: a.bool(), (rand(2, 3),), gradcheck=False, gradgradcheck=False),
    "type_as": Case(lambda T, a, b: a.type_as(b.float()), (rand(2, 3), rand(2, seed=1)), gradcheck=False),
}

# the gradient of a gradient: to()'s gradient is a to() back to the input's dtype (ToCopyBackward0)
CASES["to_second_order"] = Case(
    lambda T, a: T.autograd.grad((a.float() ** 2).sum(), a, create_graph=True)[0],
    (rand(3),),
    gradcheck=False,
    forward_ad=False,
)
