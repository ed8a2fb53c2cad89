"""Opening hours: is the kiosk open now, and when does it open next.

A day's hours are its times in order: ``["09:00", "18:00"]`` (one range) or ``["09:00",
"12:00", "14:00", "18:00"]`` (the morning, then the afternoon: closed between them)."""

from __future__ import annotations

from datetime import datetime, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def spans(hours: list[str]) -> list[tuple[str, str]]:
    """A day's times as (opening, closing) pairs."""
    return list(zip(hours[0::2], hours[1::2], strict=False))


def is_open(opening_hours: dict[str, list[str]], now: datetime) -> bool:
    """Always open when no hours are set; otherwise open within one of the day's ranges."""
    if not opening_hours:
        return True
    hours = opening_hours.get(WEEKDAYS[now.weekday()])
    if not hours:
        return False
    time = now.strftime("%H:%M")
    return any(opening <= time < closing for opening, closing in spans(hours))


def next_opening(opening_hours: dict[str, list[str]], now: datetime) -> datetime | None:
    """The next moment the kiosk opens after ``now`` (None when no day has hours)."""
    if not opening_hours:
        return None
    for days_ahead in range(8):
        day = now + timedelta(days=days_ahead)
        hours = opening_hours.get(WEEKDAYS[day.weekday()])
        for opening, _closing in spans(hours or []):
            hour, minute = (int(part) for part in opening.split(":"))
            candidate = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
            if candidate > now:
                return candidate
    return None
