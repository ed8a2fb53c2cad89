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


SPLIT = {"tue": ["09:00", "12:00", "14:00", "18:00"], "thu": ["10:00", "17:00"]}
TUESDAY = datetime(2026, 12, 1, 0, 0)  # a Tuesday


def test_a_day_closed_at_noon_is_open_in_the_morning_and_the_afternoon_only() -> None:
    assert is_open(SPLIT, TUESDAY.replace(hour=9))
    assert is_open(SPLIT, TUESDAY.replace(hour=11, minute=59))
    assert not is_open(SPLIT, TUESDAY.replace(hour=12))
    assert not is_open(SPLIT, TUESDAY.replace(hour=13, minute=59))
    assert is_open(SPLIT, TUESDAY.replace(hour=14))
    assert not is_open(SPLIT, TUESDAY.replace(hour=18))
    assert is_open(SPLIT, datetime(2026, 12, 3, 16, 59))  # Thursday, one range as before


def test_next_opening_after_the_noon_break_is_the_afternoon() -> None:
    assert next_opening(SPLIT, TUESDAY.replace(hour=12, minute=30)) == TUESDAY.replace(hour=14)
    assert next_opening(SPLIT, TUESDAY.replace(hour=7)) == TUESDAY.replace(hour=9)
    assert next_opening(SPLIT, TUESDAY.replace(hour=19)) == datetime(2026, 12, 3, 10, 0)


def test_the_setting_takes_two_ranges_in_order_and_refuses_others() -> None:
    import pytest

    from kiosk.library.settings import KioskSettings, SettingsError

    KioskSettings(opening_hours=dict(SPLIT)).validate()
    for bad in (
        ["09:00", "12:00", "11:00", "18:00"],  # the afternoon before noon
        ["09:00", "12:00", "14:00"],  # an afternoon without its closing
        ["09:00", "12:00", "12:00", "18:00"],  # no break
    ):
        with pytest.raises(SettingsError, match="le matin puis l'après-midi"):
            KioskSettings(opening_hours={"tue": bad}).validate()
