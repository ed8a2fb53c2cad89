"""Anonymous usage statistics: what was opened and for how long, never who.

The UI buffers events and writes them in batches (:func:`record`), so the storage (often an SD
card) is not written on every touch. :func:`summarize` and :func:`to_csv` serve ``kiosk stats``
and the staff area.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from kiosk.store.database import Catalogue
from kiosk.store.models import UsageEvent

# Event kinds and what their subject is.
VISIT = "visit"  # subject: seconds the visit lasted, as text
SCREEN = "screen"  # subject: route name
PLACE = "place"  # subject: place slug
VIDEO = "video"  # subject: "<media path>|<seconds watched>"
DRAWING = "drawing"  # subject: media path
LANGUAGE = "language"  # subject: "fr" / "en"
KINDS = (VISIT, SCREEN, PLACE, VIDEO, DRAWING, LANGUAGE)


@dataclass(frozen=True)
class Event:
    kind: str
    subject: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))


@dataclass(frozen=True)
class UsageSummary:
    start: date
    end: date
    visits: int
    visit_seconds: float
    screens: dict[str, int]
    places: dict[str, int]
    videos: dict[str, int]
    video_seconds: dict[str, float]
    drawings: dict[str, int]
    languages: dict[str, int]
    per_day: dict[str, int]


def record(catalogue: Catalogue, events: Iterable[Event]) -> int:
    """Write a batch of events in one transaction; return how many were written."""
    rows = [UsageEvent(at=e.at, kind=e.kind, subject=e.subject) for e in events if e.kind in KINDS]
    if rows:
        with catalogue.session() as session:
            session.add_all(rows)
    return len(rows)


def summarize(catalogue: Catalogue, start: date, end: date) -> UsageSummary:
    """Totals between ``start`` and ``end`` (both days included)."""
    low = datetime.combine(start, time.min)
    high = datetime.combine(end + timedelta(days=1), time.min)
    with catalogue.session() as session:
        rows = session.execute(
            select(UsageEvent.at, UsageEvent.kind, UsageEvent.subject).where(
                UsageEvent.at >= low, UsageEvent.at < high
            )
        ).all()
    counters: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    video_seconds: dict[str, float] = {}
    per_day: Counter[str] = Counter()
    visit_seconds = 0.0
    for at, kind, subject in rows:
        subject = subject or ""
        if kind == VISIT:
            per_day[at.date().isoformat()] += 1
            visit_seconds += _as_float(subject)
        elif kind == VIDEO:
            path, _, seconds = subject.partition("|")
            counters[VIDEO][path] += 1
            video_seconds[path] = video_seconds.get(path, 0.0) + _as_float(seconds)
            continue
        counters[kind][subject] += 1
    return UsageSummary(
        start=start,
        end=end,
        visits=sum(counters[VISIT].values()),
        visit_seconds=visit_seconds,
        screens=dict(counters[SCREEN].most_common()),
        places=dict(counters[PLACE].most_common()),
        videos=dict(counters[VIDEO].most_common()),
        video_seconds=dict(video_seconds),
        drawings=dict(counters[DRAWING].most_common()),
        languages=dict(counters[LANGUAGE].most_common()),
        per_day=dict(sorted(per_day.items())),
    )


def to_csv(summary: UsageSummary) -> str:
    """The summary as CSV rows (section, item, count, seconds); cells never start a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "item", "count", "seconds"])
    writer.writerow(["visits", "", summary.visits, f"{summary.visit_seconds:.0f}"])
    for day, count in summary.per_day.items():
        writer.writerow(["day", day, count, ""])
    for section, counts in (
        ("screen", summary.screens),
        ("place", summary.places),
        ("drawing", summary.drawings),
        ("language", summary.languages),
    ):
        for item, count in counts.items():
            writer.writerow([section, safe_cell(item), count, ""])
    for item, count in summary.videos.items():
        seconds = summary.video_seconds.get(item, 0.0)
        writer.writerow(["video", safe_cell(item), count, f"{seconds:.0f}"])
    return buffer.getvalue()


def safe_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _as_float(text: str) -> float:
    try:
        return max(0.0, float(text))
    except ValueError:
        return 0.0
