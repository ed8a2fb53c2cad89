"""Anonymous usage statistics: what was opened and for how long, never who.

The UI buffers events and writes them in batches (:func:`record`), so the storage (often an SD
card) is not written on every touch. :func:`summarize` and :func:`to_csv` serve ``kiosk stats``
and the staff area.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from kiosk.library.durable import atomic_write
from kiosk.library.french_format import french_day as french_day
from kiosk.library.french_format import french_month as french_month
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, MediaAsset, Place, UsageEvent

# Event kinds and what their subject is.
VISIT = "visit"  # subject: seconds the visit lasted, as text
SCREEN = "screen"  # subject: route name
PLACE = "place"  # subject: place slug
VIDEO = "video"  # subject: "<media id or path>|<seconds watched>"
DRAWING = "drawing"  # subject: the album's slug (the slideshow's argument)
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


# ---------------------------------------------------------------------------------------------
# For staff: items by the name visitors saw, dates in French, a CSV a French spreadsheet opens.

SCREEN_NAMES = {
    "home": "Accueil",
    "map": "Carte des lieux",
    "videos": "Vidéos",
    "player": "Lecture d'une vidéo",
    "notes": "Carnets",
    "slideshow": "Dessins d'un carnet",
    "page": "Page",
}
LANGUAGE_NAMES = {"fr": "Français", "en": "Anglais"}


def chart_points(summary: UsageSummary) -> list[tuple[str, int]]:
    """Visits for the chart: per day (« 1 déc. ») over a month or less, per month (« déc.
    2026 ») over longer; every day or month of the period, with none as 0, the last 12."""
    counts = {date.fromisoformat(day): n for day, n in summary.per_day.items()}
    days = [
        summary.start + timedelta(days=i) for i in range((summary.end - summary.start).days + 1)
    ]
    if len(days) <= 31:
        return [(french_day(d, year=False), counts.get(d, 0)) for d in days][-12:]
    months: dict[tuple[int, int], int] = {}
    for d in days:
        key = (d.year, d.month)
        months[key] = months.get(key, 0) + counts.get(d, 0)
    return [(french_month(date(y, m, 1)), n) for (y, m), n in months.items()][-12:]


def named(catalogue: Catalogue, summary: UsageSummary) -> UsageSummary:
    """The same summary with every item by the name visitors saw: a place by its name, a video
    by its title (recorded by id or by path), an album by its title, a screen and a language in
    words. An item no longer in the catalogue keeps what was recorded. Items that name the same
    thing are added together."""
    with catalogue.session() as session:
        places = dict(session.execute(select(Place.slug, Place.name)).all())
        albums = dict(session.execute(select(Album.slug, Album.title)).all())
        media = session.execute(select(MediaAsset.id, MediaAsset.path, MediaAsset.title)).all()
    videos: dict[str, str] = {}
    for media_id, path, title in media:
        shown = title or path.rsplit("/", 1)[-1]
        videos[str(media_id)] = videos[path] = shown

    def rename(counts: dict[str, int], names: dict[str, str]) -> dict[str, int]:
        merged: Counter[str] = Counter()
        for item, count in counts.items():
            merged[names.get(item, item)] += count
        return dict(merged.most_common())

    seconds: dict[str, float] = {}
    for item, value in summary.video_seconds.items():
        name = videos.get(item, item)
        seconds[name] = seconds.get(name, 0.0) + value
    return dataclasses.replace(
        summary,
        screens=rename(summary.screens, SCREEN_NAMES),
        places=rename(summary.places, places),
        videos=rename(summary.videos, videos),
        video_seconds=seconds,
        drawings=rename(summary.drawings, albums),
        languages=rename(summary.languages, LANGUAGE_NAMES),
    )


CSV_HEADERS = ("Rubrique", "Élément", "Nombre", "Durée (secondes)")


def to_csv(summary: UsageSummary) -> str:
    """The summary as CSV for a French spreadsheet: « ; » between cells, French headers and
    sections, dates as 01/12/2026; cells never start a formula. Give it :func:`named`'s
    summary for names. Written with a byte-order mark by :func:`write_csv`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(CSV_HEADERS)
    writer.writerow(["Visites", "", summary.visits, f"{summary.visit_seconds:.0f}"])
    for day, count in summary.per_day.items():
        writer.writerow(["Jour", f"{date.fromisoformat(day):%d/%m/%Y}", count, ""])
    for section, counts in (
        ("Écran", summary.screens),
        ("Lieu", summary.places),
        ("Carnet", summary.drawings),
        ("Langue", summary.languages),
    ):
        for item, count in counts.items():
            writer.writerow([section, safe_cell(item), count, ""])
    for item, count in summary.videos.items():
        seconds = summary.video_seconds.get(item, 0.0)
        writer.writerow(["Vidéo", safe_cell(item), count, f"{seconds:.0f}"])
    return buffer.getvalue()


def write_csv(summary: UsageSummary, target: Path) -> Path:
    """Write :func:`to_csv` to ``target`` with a UTF-8 byte-order mark (so a spreadsheet reads
    the accents), whole or not at all (:func:`kiosk.library.durable.atomic_write`). OSError when
    it cannot."""
    atomic_write(target, to_csv(summary), encoding="utf-8-sig")
    return target


def safe_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _as_float(text: str) -> float:
    try:
        return max(0.0, float(text))
    except ValueError:
        return 0.0
