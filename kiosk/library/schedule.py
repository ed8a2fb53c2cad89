"""Opening hours: is the kiosk open now, and when does it open next."""

from __future__ import annotations

from datetime import datetime, timedelta

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def is_open(opening_hours: dict[str, list[str]], now: datetime) -> bool:
    """Always open when no hours are set; otherwise open between a day's two times."""
    if not opening_hours:
        return True
    hours = opening_hours.get(WEEKDAYS[now.weekday()])
    if not hours:
        return False
    opening, closing = hours
    return opening <= now.strftime("%H:%M") < closing


def next_opening(opening_hours: dict[str, list[str]], now: datetime) -> datetime | None:
    """The next moment the kiosk opens after ``now`` (None when no day has hours)."""
    if not opening_hours:
        return None
    for days_ahead in range(8):
        day = now + timedelta(days=days_ahead)
        hours = opening_hours.get(WEEKDAYS[day.weekday()])
        if not hours:
            continue
        hour, minute = (int(part) for part in hours[0].split(":"))
        candidate = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if candidate > now:
            return candidate
    return None
