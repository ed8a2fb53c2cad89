"""Writing the catalogue's places as CSV (spreadsheet formulas neutralised)."""

from __future__ import annotations

import csv
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.library.places_io.rows import FORMULA_STARTS
from kiosk.store.models import Place

EXPORT_COLUMNS = (
    "nom",
    "commune",
    "latitude",
    "longitude",
    "site_web",
    "description",
    "tags",
    "carte_x",
    "carte_y",
)


def neutralise(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_places(session: Session, out: TextIO) -> int:
    """Write every place as CSV (semicolons, for French spreadsheets); return the count."""
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    rows = session.scalars(select(Place).options(selectinload(Place.tags)).order_by(Place.name))
    for place in rows:
        writer.writerow(
            [
                neutralise(place.name),
                neutralise(place.commune or ""),
                _number(place.latitude),
                _number(place.longitude),
                neutralise(place.website or ""),
                neutralise(place.description),
                neutralise(", ".join(tag.name for tag in place.tags)),
                _number(place.map_x),
                _number(place.map_y),
            ]
        )
        count += 1
    return count


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")
