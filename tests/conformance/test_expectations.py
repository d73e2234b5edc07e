"""The expectations file: parsing, validation against the catalog, and how it maps outcomes."""

import pytest

from conformance.expectations import Expectation, Expectations, ExpectationsError, apply, parse
from conformance.report.model import CheckResult, SuiteResult


def write(tmp_path, text):
    path = tmp_path / "expect.toml"
    path.write_text(text)
    return str(path)


def test_entries_by_check_and_by_rule(tmp_path):
    path = write(
        tmp_path,
        """
        [[xfail]]
        id = "ACCUM-001::two-backwards"
        reason = "overwrites .grad"

        [[xfail]]
        id = "HOOK-002"
        reason = "no hooks yet"

        [[skip]]
        id = "HOOK-002::scipy"
        reason = "needs scipy"
        """,
    )
    exp = Expectations.load(path)
    assert exp.lookup("ACCUM-001::two-backwards") == Expectation(
        "xfail", "ACCUM-001::two-backwards", "overwrites .grad"
    )
    assert exp.lookup("HOOK-002::anything").reason == "no hooks yet"  # a rule id covers its checks
    assert exp.lookup("HOOK-002::scipy").kind == "skip"  # the check's own entry wins over its rule's
    assert exp.lookup("ACCUM-001::other") is None
    exp.validate(["ACCUM-001", "HOOK-002"], ["ACCUM-001::two-backwards", "HOOK-002::scipy"])


def test_unknown_ids_are_an_error_naming_the_first():
    exp = Expectations(
        [Expectation("xfail", "GONE-001::x", "r"), Expectation("xfail", "GONE-002", "r")], "f.toml"
    )
    with pytest.raises(ExpectationsError, match=r"unknown id 'GONE-001::x' \(and 1 more\)"):
        exp.validate(["ACCUM-001"], ["ACCUM-001::a"])


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[xfail]]\nid = 'A-1'\n", "needs a non-empty reason"),
        ("[[xfail]]\nreason = 'r'\n", "needs id ="),
        ("[[xfail]]\nid = 'A-1'\nreason = 'r'\nwhy = 'x'\n", "unknown key 'why'"),
        ("[[xpass]]\nid = 'A-1'\nreason = 'r'\n", "unknown section 'xpass'"),
        ("[xfail]\nid = 'A-1'\nreason = 'r'\n", "must be written as [[xfail]] tables"),
        ("[[xfail]]\nid = 'A-1'\nreason = 'r'\n[[skip]]\nid = 'A-1'\nreason = 'r'\n", "listed twice"),
        ("[[xfail]\nid = ", "is not valid TOML"),
    ],
)
def test_malformed_files_are_one_line_errors(tmp_path, text, message):
    with pytest.raises(ExpectationsError, match=message.replace("[", r"\[").replace("(", r"\(")) as info:
        Expectations.load(write(tmp_path, text))
    assert "\n" not in str(info.value)


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(ExpectationsError, match="does not exist"):
        Expectations.load(str(tmp_path / "nope.toml"))


def test_outcomes_under_an_expectation():
    xfail = Expectation("xfail", "A-1", "r")
    assert [apply(o, xfail) for o in ("fail", "pass", "error", "skip")] == ["xfail", "xpass", "error", "skip"]
    assert [apply(o, None) for o in ("fail", "pass")] == ["fail", "pass"]


def test_the_gate():
    def suite(*outcomes, allow_xpass=False):
        checks = [CheckResult(f"R-{i}::c", f"R-{i}", "ops", o) for i, o in enumerate(outcomes)]
        return SuiteResult(checks=checks, meta={"allow_xpass": allow_xpass})

    assert suite("pass", "xfail", "skip").gate_passed()
    assert not suite("pass", "fail").gate_passed()
    assert not suite("pass", "error").gate_passed()
    assert not suite("pass", "xpass").gate_passed()
    assert suite("pass", "xpass", allow_xpass=True).gate_passed()


def test_the_shipped_minigrad_file_parses():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "conformance" / "expectations" / "minigrad.toml"
    assert all(e.kind in ("xfail", "skip") for e in parse(__import__("tomllib").loads(path.read_text())))
