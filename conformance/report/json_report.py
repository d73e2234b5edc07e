"""results.json: the machine-readable result every other report is rendered from."""

from __future__ import annotations

import json
import os

from conformance.report.model import SuiteResult

FILENAME = "results.json"


def render(result: SuiteResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


class ResultsError(Exception):
    """results.json is missing or unreadable; the message is one line."""


def load(directory: str) -> SuiteResult:
    path = os.path.join(directory, FILENAME)
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise ResultsError(
            f"no {FILENAME} in {directory}; run `conformance run --report-dir {directory}` first"
        ) from None
    except OSError as e:
        raise ResultsError(f"cannot read {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise ResultsError(f"{path} is not UTF-8 text; is it a results.json?") from None
    except (ValueError, RecursionError) as e:  # truncated or corrupted
        raise ResultsError(f"{path} is not valid JSON ({e}); re-run to write it again") from None
    try:
        return SuiteResult.from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise ResultsError(f"{path} is not a conformance result: {e}") from None
