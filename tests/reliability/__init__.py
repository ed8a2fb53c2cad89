"""Reliability scenarios of issue 8: power cuts, bad media, hostile input, random touches, soak.

Every test here is marked ``reliability``. By default each runs a quick version (part of
``scripts/test.sh``); ``KIOSK_RELIABILITY_FULL=1`` (what ``make reliability`` sets) runs the long
one. Each scenario records one line (scenario, runs, failures, what was lost) in the file named
by ``KIOSK_RELIABILITY_RESULTS`` when it is set; ``tests/reliability/report.py`` prints them.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

FULL_ENV = "KIOSK_RELIABILITY_FULL"
RESULTS_ENV = "KIOSK_RELIABILITY_RESULTS"


def is_full() -> bool:
    return os.environ.get(FULL_ENV, "") not in ("", "0")


def amount(variable: str, quick: int, full: int) -> int:
    """How many runs: ``$variable`` if set, else the full or the quick number."""
    value = os.environ.get(variable, "")
    if value.strip().isdigit():
        return int(value)
    return full if is_full() else quick


def record(scenario: str, runs: int, failures: int, lost: str, detail: str = "") -> None:
    """Add one line to the results file (several pytest processes may write it)."""
    target = os.environ.get(RESULTS_ENV)
    if not target:
        return
    line = json.dumps(
        {"scenario": scenario, "runs": runs, "failures": failures, "lost": lost, "detail": detail},
        ensure_ascii=False,
    )
    with Path(target).open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(line + "\n")
