"""Importing places from open data (CSV, GeoJSON) and exporting them to CSV.

Open data comes as it comes: CSV files with commas or semicolons, in UTF-8 (with or without
BOM), UTF-16 or Latin-1; columns named as French datasets of tiers-lieux name them (``nom``,
``NOM_TL``, ``commune``, ``NOMCOM``, ``INSEEDEP``, ``LAT``…; ``--map name=COLUMN`` names the
others); postcodes at ``0``, decimal commas, websites like ``en cours``. So:

- every value goes through the content gate (:mod:`kiosk.store.validation`) before anything is
  written: a refused row is reported with its line (or entity) number, the field, the column
  of the file and the gate's reason, and the other rows import;
- a malformed website is dropped with a warning, the place kept;
- the department of a row comes from a department column, else the INSEE code of the commune,
  else the postcode (``0``, empty or ``00000`` counts as missing), and a filter says which
  columns it used and why it left rows out.

Places match on name and commune, so importing the same file twice changes nothing. Nothing is
written on a dry run, and a real import is one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.library.printable import shown as shown
from kiosk.store import validation
from kiosk.store.models import Place, Tag
from kiosk.store.validation import ValidationError

# The fields of a place an import fills, and the column names that mean each of them
# (compared without case, accents, spaces or punctuation), the most specific first.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "nom",
        "nom_tl",
        "name",
        "nom_lieu",
        "nom_du_lieu",
        "nom_tiers_lieu",
        "nom_du_tiers_lieu",
        "titre",
        "title",
        "denomination",
        "raison_sociale",
        "libelle",
    ),
    "commune": (
        "commune",
        "nomcom",
        "nom_com",
        "ville",
        "city",
        "nom_commune",
        "libelle_commune",
        "localite",
        "town",
    ),
    "latitude": ("latitude", "lat", "y_lat", "geo_lat", "coord_lat", "wgs84_lat"),
    "longitude": ("longitude", "long", "lon", "lng", "x_long", "geo_lon", "coord_lon", "wgs84_lon"),
    "coordinates": ("geo_point_2d", "coordonnees", "geolocalisation", "geo_point", "latlon"),
    "website": ("site_web", "web", "url", "site", "site_internet", "website", "siteweb", "lien"),
    "description": ("description", "descriptif", "presentation", "desc", "resume"),
    "postcode": ("code_postal", "cp", "codepostal", "postcode", "postal_code", "zip"),
    "insee": (
        "code_insee",
        "insee",
        "inseecom",
        "insee_com",
        "code_insee_commune",
        "code_commune_insee",
        "codecommune",
        "code_commune",
        "com_insee",
        "depcom",
        "codgeo",
    ),
    "department": (
        "code_departement",
        "code_du_departement",
        "inseedep",
        "insee_dep",
        "code_dep",
        "code_dept",
        "coddep",
        "num_dep",
        "num_departement",
        "numero_departement",
        "departement_code",
        "dep",
        "dept",
        "departement",
    ),
    "tags": ("tags", "etiquettes", "typologie", "type", "types", "categorie", "categories"),
}
FIELDS = tuple(FIELD_ALIASES)
MAX_TAG = 80
# Python's csv refuses cells over 131,072 characters with an error; the limit is raised to this
# bound, and a cell over it refuses the file with its line (the gate refuses long fields).
MAX_CELL = 1_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
FLUSH_EVERY = 2000  # places written per flush of a real import (one transaction all the same)
MAX_LISTED = 200  # refusals and warnings listed one by one in a report; the rest are counted
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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
# The gate's fields, in the words of the report.
FIELD_LABELS = {
    "places.name": "nom",
    "places.commune": "commune",
    "places.description": "description",
    "places.website": "site web",
    "places.latitude": "latitude",
    "places.longitude": "longitude",
    "places.slug": "identifiant",
    "tags.name": "mot-clé",
}
_DEPARTMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8]|98[4-9])$")
_DEPARTMENT_IN_TEXT = re.compile(r"(?<![0-9A-Z])(\d{1,3}|2[AB])(?![0-9A-Z])")
_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[A-Za-z]{2,}$")


class PlacesFileError(Exception):
    """The file cannot be read at all; the message names it and says why."""


@dataclass(frozen=True)
class SourceRow:
    """One record of the file, with where it starts (``ligne 12`` or ``entité 3``)."""

    location: str
    values: dict[str, str]


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


def count(number: int) -> str:
    """``1504`` as ``1 504``, the French way."""
    return f"{number:,}".replace(",", " ")


# Reading files


def normalise_column(name: str) -> str:
    """``NOM_TL``, ``Nom du lieu`` and ``nom-du-lieu`` all become ``nom_tl``/``nom_du_lieu``."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), UTF-16 with its BOM, else Windows-1252/Latin-1: the encodings
    open data and spreadsheets write."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(text: str, path: Path | None = None) -> tuple[list[str], list[SourceRow]]:
    """The header and the records of a CSV text, each with the line it starts on.

    A cell over :data:`MAX_CELL` characters (often a quote never closed) refuses the file,
    naming the line where that record starts: what follows it cannot be read reliably.
    """
    if csv.field_size_limit() < MAX_CELL:
        csv.field_size_limit(MAX_CELL)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    where = f"{path} : " if path else ""
    rows: list[SourceRow] = []
    previous_end = 0
    try:
        try:
            header = next(reader)
        except StopIteration:
            return [], []
        header = [column.strip() for column in header]
        previous_end = reader.line_num
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            values = {column: cell for column, cell in zip(header, record, strict=False) if column}
            rows.append(SourceRow(f"ligne {start}", values))
    except csv.Error as error:
        line = previous_end + 1
        if "field larger than field limit" in str(error):
            raise PlacesFileError(
                f"{where}ligne {line} : une cellule dépasse {count(MAX_CELL)} caractères "
                "(un guillemet jamais refermé ?) ; fichier refusé, rien n'a été importé."
            ) from None
        raise PlacesFileError(
            f"{where}ligne {line} : CSV illisible ({error}) ; rien n'a été importé."
        ) from None
    return header, rows


def read_geojson(text: str, path: Path) -> tuple[list[str], list[SourceRow]]:
    """Features of a GeoJSON file: their properties, and a Point's coordinates as lat/lon."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlacesFileError(
            f"{path} : GeoJSON illisible (ligne {error.lineno} : {error.msg})."
        ) from None
    except RecursionError:
        raise PlacesFileError(f"{path} : GeoJSON trop imbriqué pour être lu.") from None
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        features = document.get("features")
    elif isinstance(document, dict) and document.get("type") == "Feature":
        features = [document]
    else:
        raise PlacesFileError(f"{path} : ce n'est pas une FeatureCollection GeoJSON.")
    if not isinstance(features, list):
        raise PlacesFileError(f"{path} : « features » n'est pas une liste.")
    columns: dict[str, None] = {}
    rows = []
    try:
        for index, feature in enumerate(features, start=1):
            properties = feature.get("properties") if isinstance(feature, dict) else None
            values = {
                str(key): _cell(value)
                for key, value in (properties.items() if isinstance(properties, dict) else [])
            }
            geometry = feature.get("geometry") if isinstance(feature, dict) else None
            if isinstance(geometry, dict) and geometry.get("type") == "Point":
                coordinates = geometry.get("coordinates")
                if isinstance(coordinates, list) and len(coordinates) >= 2:
                    values["__geometry_lon"] = _cell(coordinates[0], coordinate=True)
                    values["__geometry_lat"] = _cell(coordinates[1], coordinate=True)
            for key in values:
                columns[key] = None
            rows.append(SourceRow(f"entité {index}", values))
    except RecursionError:
        raise PlacesFileError(f"{path} : GeoJSON trop imbriqué pour être lu.") from None
    return list(columns), rows


def _cell(value: Any, *, coordinate: bool = False) -> str:
    """A property as the text of a cell. ``NaN`` and ``Infinity`` (which JSON readers take) are
    no value in a property, and stay visible in a coordinate, to be refused with the entity."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(item) for item in value)
    if isinstance(value, float) and not math.isfinite(value):
        if not coordinate:
            return ""
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    return str(value)


def read_file(path: Path) -> tuple[list[str], list[SourceRow]]:
    """The columns and records of a CSV or GeoJSON file (GeoJSON by extension or content)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PlacesFileError(
                f"{path} : fichier trop gros ({size // 1024 // 1024} Mo ; "
                f"{MAX_FILE_BYTES // 1024 // 1024} Mo au plus)."
            )
        data = path.read_bytes()
    except OSError as error:
        raise PlacesFileError(f"{path} : lecture impossible ({error.strerror}).") from None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise PlacesFileError(
            f"{path} : c'est un classeur (Excel, LibreOffice), pas un CSV : enregistrez-le au "
            "format CSV (point-virgule, UTF-8) et importez ce fichier-là."
        )
    text = decode_text(data)
    looks_json = text.lstrip().startswith("{")
    if path.suffix.lower() in (".geojson", ".json") or looks_json:
        return read_geojson(text, path)
    return read_csv(text, path)


def match_columns(columns: Sequence[str], column_map: Mapping[str, str]) -> dict[str, str]:
    """Which column of the file gives each field: ``--map`` first, then the known names."""
    by_normal: dict[str, str] = {}
    for column in columns:
        by_normal.setdefault(normalise_column(column), column)
    chosen: dict[str, str] = {}
    for field_name, column in column_map.items():
        actual = column if column in columns else by_normal.get(normalise_column(column))
        if actual is None:
            raise PlacesFileError(
                f"--map {field_name}={shown(column)} : le fichier n'a pas de colonne "
                f"« {shown(column)} » (colonnes : {_column_list(columns)})."
            )
        chosen[field_name] = actual
    taken = set(chosen.values())
    for field_name, aliases in FIELD_ALIASES.items():
        if field_name in chosen:
            continue
        for alias in aliases:
            if alias in by_normal and by_normal[alias] not in taken:
                chosen[field_name] = by_normal[alias]
                taken.add(by_normal[alias])
                break
    if "__geometry_lat" in columns:
        chosen.setdefault("latitude", "__geometry_lat")
        chosen.setdefault("longitude", "__geometry_lon")
    return chosen


def _column_list(columns: Iterable[str]) -> str:
    return ", ".join(shown(c, 40) for c in columns if not c.startswith("__"))


# Checking rows


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


def is_web_link(url: str | None) -> bool:
    """True for an address the gate accepts (http or https, a real host): the only links the
    kiosk shows."""
    if not url:
        return False
    return validation.web_address_problem(url.strip()) is None


def prepare_website(value: str | None) -> tuple[str | None, str | None]:
    """``(address, None)`` for a good address, ``(None, None)`` when empty, ``(None, reason)``
    when it is not a web address. A bare ``www.site.fr`` gets ``https://``; the address is then
    parsed by the gate (:func:`kiosk.store.validation.web_address_problem`)."""
    text = (value or "").strip()
    if not text:
        return None, None
    if _EMAIL.match(text) or text.lower().startswith("mailto:"):
        return None, "une adresse e-mail n'est pas un site web"
    candidate = text
    if "://" not in text and not _SCHEME.match(text):
        if any(char.isspace() for char in text) or "." not in text:
            return None, "ce n'est pas une adresse web"
        candidate = "https://" + text.lstrip("/")
    problem = validation.web_address_problem(candidate)
    if problem:
        return None, problem
    return candidate, None


def normalise_website(value: str) -> str | None:
    """An http(s) address; a bare ``www.site.fr`` gets ``https://``; None when empty;
    ValueError (its message the French reason) otherwise."""
    address, problem = prepare_website(value)
    if problem:
        raise ValueError(problem)
    return address


def normalise_department(value: str) -> str | None:
    """A department code (``03``, ``2A``, ``971``) from ``3``, ``03``, ``03 - Allier`` or
    ``Allier (03)``; None when the text holds none (``0``, ``00``, a name alone)."""
    text = value.strip().upper()
    match = _DEPARTMENT_IN_TEXT.search(text)
    if not match:
        return None
    code = match.group(1)
    if code.isdigit() and len(code) < 2:
        code = code.zfill(2)
    return code if _DEPARTMENT.match(code) else None


def _department_of_commune(code: str, *, postcode: bool) -> str | None:
    """The department of an INSEE commune code or a postcode (5 characters, or 4 digits that
    lost their leading zero); None for ``0``, ``00000`` and anything else."""
    code = code.replace(" ", "").upper()
    if code.endswith(".0"):  # a spreadsheet read it as a number
        code = code[:-2]
    if len(code) == 4 and code.isdigit():
        code = "0" + code
    if not _INSEE.match(code) or (postcode and not code.isdigit()):
        return None
    if postcode and code.startswith("20"):
        department = "2A" if int(code) < 20200 else "2B"
    elif code.startswith(("97", "98")):
        department = code[:3]
    else:
        department = code[:2]
    return department if _DEPARTMENT.match(department) else None


def department_of(
    values: Mapping[str, str], columns: Mapping[str, str]
) -> tuple[str | None, str | None]:
    """The department of a row and the column it came from: a department column, else the
    INSEE code of the commune, else the postcode; a missing or ``0`` value falls through."""
    for field_name in ("department", "insee", "postcode"):
        column = columns.get(field_name)
        raw = (values.get(column) or "").strip() if column else ""
        if not raw or column is None:
            continue
        if field_name == "department":
            found = normalise_department(raw)
        else:
            found = _department_of_commune(raw, postcode=field_name == "postcode")
        if found is not None:
            return found, column
    return None, None


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


# Importing


def match_key(name: str, commune: str | None) -> tuple[str, str]:
    """Places match on name and commune, whatever the case, accents and spacing."""
    return normalise_column(name), normalise_column(commune or "")


def slugify(text: str) -> str:
    return normalise_column(text).replace("_", "-")[:100].strip("-") or "lieu"


def import_places(
    session: Session, path: Path, options: ImportOptions | None = None
) -> ImportReport:
    """Read ``path`` and add or update its places in ``session`` (nothing on a dry run).

    The caller's session is one transaction: it commits the whole import or nothing.
    """
    chosen = options or ImportOptions()
    department = None
    if chosen.department is not None:
        department = normalise_department(chosen.department)
        if department is None:
            raise PlacesFileError(
                f"--department {shown(chosen.department)} : code de département attendu "
                "(ex. 03, 2A, 971)."
            )
        chosen = ImportOptions(chosen.column_map, department, chosen.bbox, chosen.dry_run)
    columns, rows = read_file(path)
    if not columns:
        raise PlacesFileError(f"{path} : le fichier est vide.")
    matched = match_columns(columns, chosen.column_map)
    if "name" not in matched:
        raise PlacesFileError(
            f"{path} : aucune colonne de nom (nom, NOM_TL, name…) ; colonnes du fichier : "
            f"{_column_list(columns)}. Indiquez-la avec --map name=COLONNE."
        )
    report = ImportReport(
        columns=matched,
        dry_run=chosen.dry_run,
        department=department,
        bbox=chosen.bbox,
        rows=len(rows),
    )
    incoming = []
    for row in rows:
        checked = check_row(row, matched, chosen)
        if isinstance(checked, Filtered):
            report.filtered += 1
            report.filtered_by[(checked.why, checked.column or "")] += 1
            if checked.department:
                report.departments_seen[checked.department] += 1
        elif isinstance(checked, Rejection):
            report.rejected.append(checked)
        else:
            if department is not None:
                report.kept_by[department_of(row.values, matched)[1] or ""] += 1
            report.warnings.extend(
                Rejection(checked.location, warning, checked.name) for warning in checked.warnings
            )
            incoming.append(checked)
    try:
        apply_places(session, incoming, report, write=not chosen.dry_run)
    except ValidationError as error:
        raise PlacesFileError(
            f"{path} : {FIELD_LABELS.get(error.field, error.field)} : {error.reason} ; "
            "rien n'a été importé."
        ) from None
    return report


def apply_places(
    session: Session, incoming: Iterable[IncomingPlace], report: ImportReport, *, write: bool
) -> None:
    existing = {
        match_key(place.name, place.commune): place
        for place in session.scalars(select(Place).options(selectinload(Place.tags)))
    }
    slugs = set(session.scalars(select(Place.slug)))
    tags = {tag.name: tag for tag in session.scalars(select(Tag))}
    seen: dict[tuple[str, str], str] = {}
    pending = 0
    for item in incoming:
        if write and pending >= FLUSH_EVERY:
            session.flush()  # in steps: a file of 100,000 places does not hold them all at once
            pending = 0
        key = match_key(item.name, item.commune)
        if key in seen:
            report.rejected.append(
                Rejection(
                    item.location, f"doublon de la {seen[key]} (même nom et commune)", item.name
                )
            )
            continue
        seen[key] = item.location
        place = existing.get(key)
        refusal = None if item.checked else _refusal_of(item)
        if refusal:  # the flush would refuse it: say it with the row, and go on
            report.rejected.append(Rejection(item.location, refusal, item.name))
            continue
        if place is None:
            report.added.append(Change(item.location, item.name, item.commune))
            if write:
                session.add(_new_place(item, slugs, tags))
                pending += 1
            continue
        changed = _changed_fields(place, item)
        if not changed:
            report.unchanged += 1
            continue
        report.updated.append(Change(item.location, item.name, item.commune, tuple(changed)))
        if write:
            _update_place(place, item, changed, tags)
            pending += 1
    if write:
        session.flush()


def _refusal_of(item: IncomingPlace) -> str | None:
    """The gate's refusal of a place that did not come through :func:`check_row`."""
    values: list[tuple[str, str, Any]] = [
        ("places", "name", item.name),
        ("places", "commune", item.commune),
        ("places", "description", item.description or ""),
        ("places", "website", item.website),
        ("places", "latitude", item.latitude),
        ("places", "longitude", item.longitude),
    ]
    values += [("tags", "name", tag) for tag in item.tags]
    for table, column, value in values:
        refusal = _gate(table, column, value, None)
        if refusal:
            return refusal
    return None


def _unique_slug(item: IncomingPlace, slugs: set[str]) -> str:
    base = slugify(item.name if not item.commune else f"{item.name} {item.commune}")
    slug, number = base, 2
    while slug in slugs:
        slug = f"{base}-{number}"
        number += 1
    slugs.add(slug)
    return slug


def _tag(name: str, tags: dict[str, Tag]) -> Tag:
    if name not in tags:
        tags[name] = Tag(name=name)
    return tags[name]


def _new_place(item: IncomingPlace, slugs: set[str], tags: dict[str, Tag]) -> Place:
    return Place(
        slug=_unique_slug(item, slugs),
        name=item.name,
        commune=item.commune,
        latitude=item.latitude,
        longitude=item.longitude,
        website=item.website,
        description=item.description or "",
        published=True,
        tags=[_tag(name, tags) for name in item.tags],
    )


def _changed_fields(place: Place, item: IncomingPlace) -> list[str]:
    """The fields the file gives that differ; what the file leaves empty is kept."""
    changed = []
    if item.latitude is not None and (
        place.latitude is None
        or place.longitude is None
        or abs(place.latitude - item.latitude) > 1e-9
        or abs(place.longitude - (item.longitude or 0.0)) > 1e-9
    ):
        changed.append("coordonnées")
    if item.website is not None and item.website != place.website:
        changed.append("site web")
    if item.description is not None and item.description != place.description:
        changed.append("description")
    if item.tags and not set(item.tags) <= {tag.name for tag in place.tags}:
        changed.append("tags")
    return changed


def _update_place(
    place: Place, item: IncomingPlace, changed: list[str], tags: dict[str, Tag]
) -> None:
    if "coordonnées" in changed:
        place.latitude, place.longitude = item.latitude, item.longitude
    if "site web" in changed:
        place.website = item.website
    if "description" in changed:
        place.description = item.description or ""
    if "tags" in changed:
        have = {tag.name for tag in place.tags}
        place.tags.extend(_tag(name, tags) for name in item.tags if name not in have)


# Reporting


def filter_summary(report: ImportReport) -> str | None:
    """Why rows were left out, in French, naming the columns used; None without a filter."""
    if report.department is None and report.bbox is None:
        return None
    kept = report.rows - report.filtered
    parts = []
    other = {column: n for (why, column), n in report.filtered_by.items() if why == "department"}
    if other:
        total = sum(other.values())
        sources = ", ".join(f"{shown(c, 40)}" for c in sorted(other, key=lambda c: -other[c]))
        parts.append(
            f"{count(total)} d'un autre département que {report.department} (colonne {sources})"
        )
    unknown = report.filtered_by.get(("no_department", ""), 0)
    if unknown:
        looked = [
            shown(report.columns[f], 40)
            for f in ("department", "insee", "postcode")
            if f in report.columns
        ]
        where = (
            f"colonnes {', '.join(looked)} vides, à 0 ou illisibles"
            if looked
            else "aucune colonne de département, de code INSEE ni de code postal reconnue ; "
            "indiquez-la avec --map department=COLONNE"
        )
        parts.append(f"{count(unknown)} sans département connu ({where})")
    outside = report.filtered_by.get(("bbox", ""), 0)
    if outside:
        parts.append(f"{count(outside)} hors du rectangle --bbox")
    no_position = report.filtered_by.get(("no_coordinates", ""), 0)
    if no_position:
        parts.append(f"{count(no_position)} sans coordonnées (le rectangle --bbox en demande)")
    kept_by = ""
    if report.kept_by and report.department is not None:
        kept_by = (
            f" (département d'après la colonne {', '.join(shown(c, 40) for c in report.kept_by)})"
        )
    summary = (
        f"Filtres : {count(kept)} ligne(s) gardée(s){kept_by}, {count(report.filtered)} écartée(s)"
    )
    if parts:
        summary += " : " + " ; ".join(parts)
    summary += "."
    if kept == 0 and report.departments_seen:
        common = ", ".join(
            f"{code} ({count(n)})" for code, n in report.departments_seen.most_common(5)
        )
        summary += f" Aucune ligne gardée : départements trouvés dans le fichier : {common}…"
    return summary


def format_report(report: ImportReport, limit: int = 40) -> Iterator[str]:
    """The report as lines for a terminal (French, like the rest of the staff tools).

    Refusals and warnings are listed up to :data:`MAX_LISTED`, additions and updates up to
    ``limit``; the rest are counted. Names from the file are printed safely (:func:`shown`).
    """
    verb = "seraient" if report.dry_run else "ont été"
    mapped = ", ".join(
        f"{name}={shown(column, 40)}"
        for name, column in report.columns.items()
        if not column.startswith("__")
    )
    if mapped:
        yield f"Colonnes reconnues : {mapped}"
    yield (
        f"{count(len(report.added))} lieu(x) {verb} ajouté(s), {count(len(report.updated))} mis à "
        f"jour, {count(report.unchanged)} inchangé(s), {count(report.filtered)} écarté(s) par "
        f"les filtres, {count(len(report.rejected))} refusé(s)"
        + (f", {count(len(report.warnings))} avertissement(s)." if report.warnings else ".")
    )
    summary = filter_summary(report)
    if summary:
        yield summary
    for change in report.added[:limit]:
        yield (
            f"  + {change.location} : {shown(change.name)} "
            f"({shown(change.commune or 'commune inconnue')})"
        )
    if len(report.added) > limit:
        yield f"  + … et {count(len(report.added) - limit)} autre(s) ajout(s)"
    for change in report.updated[:limit]:
        yield (
            f"  ~ {change.location} : {shown(change.name)} "
            f"({shown(change.commune or 'commune inconnue')}) : {', '.join(change.fields)}"
        )
    if len(report.updated) > limit:
        yield f"  ~ … et {count(len(report.updated) - limit)} autre(s) mise(s) à jour"
    for mark, entries, what in (
        ("?", report.warnings, "avertissement(s)"),
        ("!", report.rejected, "refus"),
    ):
        for entry in entries[:MAX_LISTED]:
            label = f" « {shown(entry.name)} »" if entry.name else ""
            yield f"  {mark} {entry.location}{label} : {entry.reason}"
        if len(entries) > MAX_LISTED:
            kinds = Counter(entry.reason.split(" : ")[0].split(" (")[0] for entry in entries)
            detail = ", ".join(f"{kind} : {count(n)}" for kind, n in kinds.most_common(5))
            yield f"  {mark} … et {count(len(entries) - MAX_LISTED)} autre(s) {what} ({detail})"


# Exporting


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
