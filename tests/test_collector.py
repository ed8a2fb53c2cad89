"""The garbage collector held during the kiosk's start and released once started or failed."""

from __future__ import annotations

import gc
from pathlib import Path

from kiosk import collector
from kiosk.cli import EXIT_USAGE, main


def test_a_held_collector_is_released_once_only() -> None:
    assert gc.isenabled()
    try:
        collector.hold_during_start()
        assert not gc.isenabled()
        collector.release_after_start()
        assert gc.isenabled()
        gc.disable()  # someone else's choice afterwards: a second release leaves it alone
        collector.release_after_start()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_releasing_without_holding_leaves_the_collector_alone() -> None:
    gc.disable()
    try:
        collector.release_after_start()  # run_kiosk from a test or a benchmark: no hold
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_start_that_fails_gives_the_collector_back(tmp_path: Path) -> None:
    status = main(["--home", str(tmp_path / "home"), "run", "--windowed", "--size", "10x10"])
    assert status == EXIT_USAGE  # the size is refused before any window
    assert gc.isenabled()
