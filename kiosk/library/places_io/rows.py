"""Checking the rows of a places file: each becomes a place to import, a refusal with its
reason, or a row the filters leave out."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.library.places_io.columns import FIELD_LABELS, normalise_column
from kiosk.library.places_io.department import department_of
from kiosk.library.places_io.reading import SourceRow
from kiosk.library.printable import shown
from kiosk.library.web_links import prepare_website
from kiosk.store import validation
from kiosk.store.validation import ValidationError

MAX_TAG = 80


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Rejection:
    """A row refused (or, in ``ImportReport.warnings``, a row kept with something dropped)."""

    location: str
    reason: str
    name: str = ""


@dataclass(frozen=True)
class Filtered:
    """A row a filter left out: why (``department``, ``no_department``, ``bbox``,
    ``no_coordinates``) and the column that gave its department, if any."""

    why: str
    column: str | None = None
    department: str | None = None


@dataclass(frozen=True)
class IncomingPlace:
    location: str
    name: str
    commune: str | None
    latitude: float | None
    longitude: float | None
    website: str | None
    description: str | None
    tags: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    checked: bool = False  # True when check_row passed every value through the gate


@dataclass(frozen=True)
class Change:
    """A place the import adds or updates (the fields that change, for an update)."""

    location: str
    name: str
    commune: str | None
    fields: tuple[str, ...] = ()


@dataclass
class ImportReport:
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: int = 0
    filtered: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field → column of the file
    dry_run: bool = False
    department: str | None = None  # the --department filter, normalised
    bbox: tuple[float, float, float, float] | None = None
    # Why rows were left out: (why, column) → count; and the columns that gave kept departments.
    filtered_by: Counter[tuple[str, str]] = field(default_factory=Counter)
    kept_by: Counter[str] = field(default_factory=Counter)
    departments_seen: Counter[str] = field(default_factory=Counter)
    rows: int = 0


@dataclass(frozen=True)
class ImportOptions:
    column_map: Mapping[str, str] = field(default_factory=dict)  # field → column (--map)
    department: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east
    dry_run: bool = False


def clean_text(value: str | None) -> str:
    """Trim a cell, line ends as ``\\n``; undo the quote an export puts before a cell that looks
    like a formula."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def parse_number(value: str) -> float | None:
    """A decimal with a point or a French comma; None when empty; ValueError when unreadable
    or not finite (NaN, Infinity)."""
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return None
    if not re.fullmatch(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?", text, re.ASCII):
        if text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
            raise ValueError("infinies ou indéfinies (NaN, Infinity)")
        raise ValueError("illisibles (chiffres 0-9, une virgule ou un point décimal)")
    number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise ValueError("infinies ou indéfinies (NaN, Infinity)")
    return number


def _gate(table: str, column: str, value: Any, source: str | None) -> str | None:
    """The gate's refusal of ``value`` in words of the report (field, file column, reason)."""
    try:
        validation.check_value(table, column, value)
    except ValidationError as error:
        label = FIELD_LABELS.get(error.field, error.field)
        where = f" (colonne {shown(source, 40)})" if source and not source.startswith("__") else ""
        return f"{label}{where} : {error.reason}"
    return None


def check_row(
    row: SourceRow, columns: Mapping[str, str], options: ImportOptions
) -> IncomingPlace | Rejection | Filtered:
    """The place a row describes, its rejection, or why a filter leaves it out.

    Every value is checked by the content gate here, before anything reaches the catalogue.
    """

    def get(field_name: str) -> str:
        column = columns.get(field_name)
        return clean_text(row.values.get(column)) if column else ""

    if options.department is not None:
        department, source = department_of(row.values, columns)
        if department is None:
            return Filtered("no_department")
        if department != options.department:
            return Filtered("department", source, department)
    name = " ".join(get("name").split())
    if not name:
        return Rejection(row.location, "pas de nom")
    raw_lat, raw_lon = get("latitude"), get("longitude")
    if not raw_lat and not raw_lon and get("coordinates"):
        parts = re.split(r"[,;\s]+", get("coordinates").strip("[]() "))
        if len(parts) == 2:
            raw_lat, raw_lon = parts
    try:
        latitude, longitude = parse_number(raw_lat), parse_number(raw_lon)
    except ValueError as error:
        detail = str(error) if "infinies" in str(error) else "illisibles"
        return Rejection(
            row.location,
            f"coordonnées {detail} : {shown(raw_lat, 30) or '?'} ; {shown(raw_lon, 30) or '?'}",
            name,
        )
    if (latitude is None) != (longitude is None):
        return Rejection(
            row.location, "coordonnées incomplètes (latitude ou longitude seule)", name
        )
    if latitude is not None and longitude is not None:
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return Rejection(
                row.location, f"coordonnées hors limites ({latitude} ; {longitude})", name
            )
        if latitude == 0 and longitude == 0:
            return Rejection(row.location, "coordonnées nulles (0 ; 0)", name)
    if options.bbox is not None:
        south, west, north, east = options.bbox
        if latitude is None or longitude is None:
            return Filtered("no_coordinates")
        if not (south <= latitude <= north and west <= longitude <= east):
            return Filtered("bbox")
    commune = " ".join(get("commune").split()) or None
    description = get("description") or None
    tags = tuple(
        dict.fromkeys(tag.strip() for tag in re.split(r"[;,|]", get("tags")) if tag.strip())
    )
    checks: list[tuple[str, str, Any, str]] = [
        ("places", "name", name, "name"),
        ("places", "commune", commune, "commune"),
        ("places", "description", description or "", "description"),
        ("places", "latitude", latitude, "latitude"),
        ("places", "longitude", longitude, "longitude"),
    ]
    checks += [("tags", "name", tag, "tags") for tag in tags]
    for table, column, value, field_name in checks:
        refusal = _gate(table, column, value, columns.get(field_name))
        if refusal:
            return Rejection(row.location, refusal, name)
    raw_website = get("website")
    website, problem = prepare_website(raw_website)
    warnings: tuple[str, ...] = ()
    if problem:
        host_note = re.fullmatch(r"(.*) \(([^()]*)\)", problem)
        if host_note and host_note.group(2) in raw_website:
            problem = host_note.group(1)  # "nom de site invalide (the host)": the value says it
        warnings = (f"site web ignoré ({problem}) : « {shown(raw_website, 60)} »",)
    return IncomingPlace(
        row.location,
        name,
        commune,
        latitude,
        longitude,
        website,
        description,
        tags,
        warnings,
        checked=True,
    )


def match_key(name: str, commune: str | None) -> tuple[str, str]:
    """Places match on name and commune, whatever the case, accents and spacing."""
    return normalise_column(name), normalise_column(commune or "")
