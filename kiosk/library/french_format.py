"""Numbers and dates as a French reader writes them, for the CLI and the staff area: sizes with a
decimal comma (« 1,1 Mo »), days with « 1er » for the first of the month (« 1er déc. 2026 »), a
moment as « 1er déc. 2026 à 17:37 »."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def decimal(value: float, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and a decimal comma: « 71,7 »."""
    return f"{value:.{digits}f}".replace(".", ",")


def human_size(count: float) -> str:
    """A size in the units staff read: « 512 o », « 1,1 Mo », « 71,7 Go »."""
    for unit in ("o", "Ko", "Mo", "Go"):
        if count < 1024 or unit == "Go":
            return f"{count:.0f} {unit}" if unit == "o" else f"{decimal(count)} {unit}"
        count /= 1024
    return f"{decimal(count)} Go"  # pragma: no cover - the loop returns at "Go"


def french_day(day: date, *, year: bool = True) -> str:
    """« 1er déc. 2026 », « 2 déc. 2026 » (without the year: « 1er déc. »): a date no one reads
    as another month."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def french_month(day: date) -> str:
    """« déc. 2026 »."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def french_moment(moment: datetime) -> str:
    """« 1er déc. 2026 à 17:37 »."""
    return f"{french_day(moment.date())} à {moment:%H:%M}"
