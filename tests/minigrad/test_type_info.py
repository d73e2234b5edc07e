"""torch.finfo and torch.iinfo against torch's: every attribute (value and type), repr, equality, errors."""

import pytest
from _compare import same, same_error

FLOATS = ["float16", "float32", "float64"]
INTEGERS = ["uint8", "int8", "int16", "int32", "int64"]


@pytest.mark.parametrize("name", FLOATS)
def test_finfo(name):
    def body(t):
        info = t.finfo(getattr(t, name))
        attributes = ["bits", "eps", "max", "min", "tiny", "smallest_normal", "resolution", "dtype"]
        return [repr(info), info == t.finfo(getattr(t, name))] + [
            (getattr(info, a), type(getattr(info, a)).__name__) for a in attributes
        ]

    same(body)


def test_finfo_defaults_to_the_default_dtype():
    same(lambda t: [repr(t.finfo()), t.finfo() == t.finfo(t.float32), repr(type(t.finfo()))])


@pytest.mark.parametrize("name", INTEGERS)
def test_iinfo(name):
    def body(t):
        info = t.iinfo(getattr(t, name))
        return [repr(info), info == t.iinfo(getattr(t, name))] + [
            (getattr(info, a), type(getattr(info, a)).__name__) for a in ["bits", "max", "min", "dtype"]
        ]

    same(body)


ERRORS = {
    "iinfo of bool": lambda t: t.iinfo(t.bool),
    "finfo of a string": lambda t: t.finfo("float32"),
    "finfo of a tensor": lambda t: t.finfo(t.ones(1)),
    "iinfo without a type": lambda t: t.iinfo(),
    "finfo of an integer type": lambda t: t.finfo(t.int32),
    "iinfo of a float type": lambda t: t.iinfo(t.float32),
    "hash": lambda t: hash(t.finfo()),
    "keyword": lambda t: t.finfo(dtype=t.float64),
}


@pytest.mark.parametrize("case", ERRORS)
def test_errors(case):
    same_error(ERRORS[case])
