"""Running one check inside a worker: a hypothesis property comparing torch with the backend.

For each drawn example the body runs on torch (the oracle) and on the backend, from fresh copies of
the arguments, and ``compare`` lists the differences; any difference fails the example and
hypothesis shrinks it. The backend raising inside a body is an observation like any other. Outcomes:

- ``pass``: no example differed.
- ``fail``: an example differed; the message lists the differences of the smallest one found.
- ``error``: the suite could not judge: torch itself raised out of the body (the check is broken),
  the strategies are invalid, or something escaped the comparison.
- ``skip``: torch raised ModuleNotFoundError (the check needs an optional dependency), or the
  backend raised ``NotApplicable`` (its engine lacks a concept the check uses; message
  ``not applicable: <reason>``).
"""

from __future__ import annotations

import copy
import time
import traceback
import zlib

import hypothesis
from hypothesis import given

from conformance.backends import NotApplicable
from conformance.backends.elsewhere import Elsewhere, Unjudged
from conformance.observe import compare, run_body
from conformance.profiles import Profile, hypothesis_settings
from conformance.reproducer import kwargs_text, make_reproducer


class Mismatch(AssertionError):
    """The backend's observations differ from torch's (the message lists how)."""


class _Stop(BaseException):
    """Ends the property at once, without shrinking: the check cannot be judged at all.

    A BaseException, not an Exception, so that hypothesis lets it through instead of treating it
    as a failure to shrink.
    """

    def __init__(self, outcome: str, message: str, kwargs: dict):
        super().__init__(message)
        self.outcome, self.message, self.kwargs = outcome, message, kwargs


class _ShrinkDone(BaseException):
    """Ends shrinking once its budget is spent: the smallest failure found so far is the result.

    Letting the remaining candidates "pass" instead would keep hypothesis's shrinker trying them,
    which for a long program takes far longer than the budget itself.
    """


def _reset(engine):
    """Undo global state a body may leave behind (e.g. it raised inside set_grad_enabled(False))."""
    try:
        engine.set_grad_enabled(True)
    except (Exception, NotApplicable):  # an engine without grad modes has nothing to undo
        pass


def _escaped(records):
    """The exception observation of a body that raised out of its own code, or None."""
    if records and records[-1][0] == "<body raised>":
        return records[-1][1]
    return None


class _Property:
    """The per-check state of the hypothesis property: counts, known failures, shrink budget."""

    def __init__(self, check, reference, backend, profile: Profile):
        self.check, self.reference, self.backend = check, reference, backend
        self.shrink_steps, self.shrink_seconds = profile.shrink_steps, profile.shrink_seconds
        self.examples = 0
        self.shrink_tries = 0  # new examples run since the first failure
        self.cut_by_time = False
        self.known: dict[str, str] = {}  # repr of a failing example -> its differences
        self.first_failure_at: float | None = None
        self.last_failure: tuple[dict, str] | None = None

    def _shrink_budget_spent(self) -> bool:
        """Counted in examples, not seconds: the same seed reports the same example however busy
        the machine is. The clock only stops a shrink whose examples are very slow."""
        if self.first_failure_at is None:
            return False
        if self.shrink_tries >= self.shrink_steps:
            return True
        if self.shrink_seconds is None:
            return False
        self.cut_by_time = time.monotonic() - self.first_failure_at > self.shrink_seconds
        return self.cut_by_time

    def __call__(self, **kwargs):
        key = repr(sorted(kwargs.items()))
        message = self.known.get(key)  # hypothesis replays the smallest failure at the end
        if message is None:
            if self._shrink_budget_spent():
                raise _ShrinkDone
            if self.first_failure_at is not None:
                self.shrink_tries += 1
            message = self._differences(kwargs)
        if message:
            self.known[key] = message
            self.last_failure = (copy.deepcopy(kwargs), message)
            if self.first_failure_at is None:
                self.first_failure_at = time.monotonic()
            # One raise site: hypothesis tells failures apart by where they were raised.
            raise Mismatch(message)

    def _differences(self, kwargs) -> str:
        self.examples += 1
        drawn = copy.deepcopy(kwargs)
        ref = run_body(self.check.body, self.reference, copy.deepcopy(kwargs))
        _reset(self.reference)
        escaped = _escaped(ref)
        if escaped is not None:
            if escaped["raised"] == "ModuleNotFoundError":
                raise _Stop("skip", f"needs a module torch could not import: {escaped['message']}", drawn)
            raise _Stop(
                "error",
                f"the check is broken: torch itself raised {escaped['raised']}: {escaped['message']}",
                drawn,
            )
        try:
            if isinstance(self.backend, Elsewhere):  # an engine in another Python environment
                cand = self.backend.run_body(self.check, copy.deepcopy(kwargs))
            else:
                cand = run_body(self.check.body, self.backend, copy.deepcopy(kwargs))
        except NotApplicable as e:  # an adapter's engine lacks a concept the body uses
            raise _Stop("skip", f"not applicable: {e.reason}", drawn) from None
        except Unjudged as e:  # the body cannot be sent there, or the engine's process died
            raise _Stop(e.outcome, e.message, drawn) from None
        finally:
            _reset(self.backend)
        return "\n".join(compare(ref, cand))


def check_seed(run_seed: int, check_id: str) -> int:
    """Each check draws its own stream, reproducible from the run's seed and its id."""
    return zlib.crc32(f"{run_seed}:{check_id}".encode())


def _failure(outcome: str, message: str, check, kwargs: dict | None) -> dict:
    out = {"outcome": outcome, "message": message, "kwargs": None, "reproducer": None}
    if kwargs is not None:
        out["kwargs"] = kwargs_text(kwargs)
        try:
            out["reproducer"] = make_reproducer(check, kwargs)
        except Exception as e:  # e.g. a body defined where inspect cannot find its source
            out["message"] += f"\n(no reproducer: {type(e).__name__}: {e})"
    return out


def _find_mismatch(error: BaseException):
    """A Mismatch inside an exception group (hypothesis reports flaky failures that way)."""
    if isinstance(error, Mismatch):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _find_mismatch(inner)
        if found is not None:
            return found
    return None


def _smallest_failure(prop: _Property, check, flaky: bool) -> dict:
    kwargs, message = prop.last_failure
    if flaky:
        message = "(flaky: the backend did not behave the same way every time)\n" + message
    if prop.cut_by_time:
        message += (
            f"\n(shrinking stopped after {prop.shrink_seconds:g} s, before its budget of"
            f" {prop.shrink_steps} examples: another run may report a different example)"
        )
    return _failure("fail", message, check, kwargs)


def run_check(check, reference, backend, profile: Profile, run_seed: int) -> dict:
    """Run one check; returns a dict with outcome, examples, duration, message, kwargs, reproducer."""
    start = time.monotonic()
    prop = _Property(check, reference, backend, profile)
    try:
        if check.examples is not None:
            for kwargs in check.examples(profile, run_seed):  # given examples, in order: no drawing
                prop(**kwargs)
        elif check.strategies:

            def example(**kwargs):
                prop(**kwargs)

            test = given(**check.strategies)(example)
            test = hypothesis_settings(profile, check.max_examples)(test)
            test = hypothesis.seed(check_seed(run_seed, check.id))(test)
            test()
        else:
            prop()  # nothing to draw: one example
        result = {"outcome": "pass", "message": "", "kwargs": None, "reproducer": None}
    except _Stop as stop:
        # A skip needs no reproducer (an n/a op check's would carry a whole sample for nothing).
        result = _failure(stop.outcome, stop.message, check, None if stop.outcome == "skip" else stop.kwargs)
    except _ShrinkDone:
        result = _smallest_failure(prop, check, flaky=False)
    except KeyboardInterrupt:
        raise
    except SystemExit as e:  # the backend tried to end the program: nothing to compare after that
        result = _failure("error", f"the backend called sys.exit({e.code!r}) during the check", check, None)
    except BaseException as e:
        mismatch = _find_mismatch(e)
        if mismatch is not None and prop.last_failure is not None:
            result = _smallest_failure(prop, check, flaky=mismatch is not e)
        else:
            try:
                detail = "".join(traceback.format_exception_only(type(e), e)).strip()
            except Exception:  # an exception whose __str__ raises
                detail = type(e).__name__
            result = _failure("error", f"the suite failed while running this check: {detail}", check, None)
    result["examples"] = prop.examples
    result["duration"] = round(time.monotonic() - start, 4)
    return result
