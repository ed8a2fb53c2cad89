from __future__ import annotations

from datetime import datetime

from kiosk.library.schedule import is_open, next_opening

HOURS = {"mon": ["09:00", "18:00"], "wed": ["14:00", "17:30"]}
MONDAY_NOON = datetime(2026, 11, 30, 12, 0)  # a Monday


def test_no_hours_means_always_open() -> None:
    assert is_open({}, MONDAY_NOON)
    assert next_opening({}, MONDAY_NOON) is None


def test_open_between_the_two_times_of_the_day() -> None:
    assert is_open(HOURS, MONDAY_NOON)
    assert not is_open(HOURS, MONDAY_NOON.replace(hour=8, minute=59))
    assert not is_open(HOURS, MONDAY_NOON.replace(hour=18, minute=0))
    assert not is_open(HOURS, datetime(2026, 12, 1, 12, 0))  # Tuesday: closed


def test_next_opening_skips_closed_days() -> None:
    evening = MONDAY_NOON.replace(hour=19)
    assert next_opening(HOURS, evening) == datetime(2026, 12, 2, 14, 0)
    assert next_opening(HOURS, MONDAY_NOON.replace(hour=7)) == MONDAY_NOON.replace(hour=9)
