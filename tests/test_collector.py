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
        collector.thaw_after_run()
        gc.enable()


def test_what_the_start_made_is_frozen_until_the_run_ends() -> None:
    assert gc.get_freeze_count() == 0
    made_by_the_start = [[index] for index in range(1000)]
    try:
        collector.hold_during_start()
        collector.release_after_start()
        frozen = gc.get_freeze_count()
        assert frozen >= len(made_by_the_start)  # out of the collector's sight
        assert gc.isenabled()
        collector.thaw_after_run()
        assert gc.get_freeze_count() == 0
        collector.thaw_after_run()  # once only
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_thawing_without_a_start_leaves_frozen_objects_alone() -> None:
    gc.freeze()  # someone else's (a fork server's) choice
    try:
        collector.thaw_after_run()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


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
    assert gc.get_freeze_count() == 0  # nothing kept frozen once the run is over
