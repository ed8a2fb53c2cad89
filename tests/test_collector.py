"""The garbage collector held during the kiosk's start, frozen and released once started."""

from __future__ import annotations

import gc

from kiosk import collector


def test_a_held_collector_is_released_with_the_start_frozen() -> None:
    assert gc.isenabled()
    frozen_before = gc.get_freeze_count()
    try:
        collector.hold_during_start()
        assert not gc.isenabled()
        start_objects = [[index] for index in range(1000)]  # what a start would build
        collector.release_after_start()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + len(start_objects)
        collector.release_after_start()  # a second release changes nothing
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_releasing_without_holding_leaves_the_collector_alone() -> None:
    frozen_before = gc.get_freeze_count()
    collector.release_after_start()  # run_kiosk from a test or a benchmark: no hold
    assert gc.isenabled() and gc.get_freeze_count() == frozen_before
