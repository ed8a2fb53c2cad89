"""Importing places from open data (CSV, GeoJSON) and exporting them to CSV.

CSV files may use commas or semicolons and be UTF-8 (with or without BOM) or Latin-1; the
columns are recognised by the names French open datasets of tiers-lieux use (``nom``,
``NOM_TL``, ``commune``, ``NOMCOM``, ``latitude``, ``LAT``…), and ``--map name=COLUMN`` names
the others. A row is rejected with its line number and the reason; places match on name and
commune, so importing the same file twice changes nothing. Nothing is written on a dry run, and
a real import is one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.store.models import Place, Tag

# The fields of a place an import fills, and the column names that mean each of them
# (compared without case, accents, spaces or punctuation).
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
    "insee": ("code_insee", "insee", "insee_com", "codecommune", "code_commune", "com_insee"),
    "department": ("departement", "dep", "dept", "code_departement", "code_dep", "num_dep"),
    "tags": ("tags", "etiquettes", "typologie", "type", "types", "categorie", "categories"),
}
FIELDS = tuple(FIELD_ALIASES)
MAX_NAME = 200
MAX_COMMUNE = 120
MAX_WEBSITE = 500
MAX_TAG = 80
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
_HOSTNAME = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


class PlacesFileError(Exception):
    """The file cannot be read at all; the message names it and says why."""


@dataclass(frozen=True)
class SourceRow:
    """One record of the file, with where it starts (``ligne 12`` or ``entité 3``)."""

    location: str
    values: dict[str, str]


@dataclass(frozen=True)
class Rejection:
    location: str
    reason: str
    name: str = ""


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
    columns: dict[str, str] = field(default_factory=dict)  # field → column of the file
    dry_run: bool = False


@dataclass(frozen=True)
class ImportOptions:
    column_map: Mapping[str, str] = field(default_factory=dict)  # field → column (--map)
    department: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east
    dry_run: bool = False


# Reading files


def normalise_column(name: str) -> str:
    """``NOM_TL``, ``Nom du lieu`` and ``nom-du-lieu`` all become ``nom_tl``/``nom_du_lieu``."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252/Latin-1, the encodings open data comes in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
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


def read_csv(text: str) -> tuple[list[str], list[SourceRow]]:
    """The header and the records of a CSV text, each with the line it starts on."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except StopIteration:
        return [], []
    header = [column.strip() for column in header]
    rows: list[SourceRow] = []
    previous_end = reader.line_num
    for record in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        values = {column: cell for column, cell in zip(header, record, strict=False) if column}
        rows.append(SourceRow(f"ligne {start}", values))
    return header, rows


def read_geojson(text: str, path: Path) -> tuple[list[str], list[SourceRow]]:
    """Features of a GeoJSON file: their properties, and a Point's coordinates as lat/lon."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlacesFileError(
            f"{path} : GeoJSON illisible (ligne {error.lineno} : {error.msg})."
        ) from None
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
                values["__geometry_lon"] = _cell(coordinates[0])
                values["__geometry_lat"] = _cell(coordinates[1])
        for key in values:
            columns[key] = None
        rows.append(SourceRow(f"entité {index}", values))
    return list(columns), rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(item) for item in value)
    return str(value)


def read_file(path: Path) -> tuple[list[str], list[SourceRow]]:
    """The columns and records of a CSV or GeoJSON file (GeoJSON by extension or content)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlacesFileError(f"{path} : lecture impossible ({error.strerror}).") from None
    text = decode_text(data)
    looks_json = text.lstrip().startswith("{")
    if path.suffix.lower() in (".geojson", ".json") or looks_json:
        return read_geojson(text, path)
    return read_csv(text)


def match_columns(columns: Sequence[str], column_map: Mapping[str, str]) -> dict[str, str]:
    """Which column of the file gives each field: ``--map`` first, then the known names."""
    by_normal = {normalise_column(column): column for column in columns}
    chosen: dict[str, str] = {}
    for field_name, column in column_map.items():
        actual = column if column in columns else by_normal.get(normalise_column(column))
        if actual is None:
            raise PlacesFileError(
                f"--map {field_name}={column} : le fichier n'a pas de colonne « {column} » "
                f"(colonnes : {', '.join(columns)})."
            )
        chosen[field_name] = actual
    for field_name, aliases in FIELD_ALIASES.items():
        if field_name in chosen:
            continue
        for alias in aliases:
            if alias in by_normal:
                chosen[field_name] = by_normal[alias]
                break
    if "__geometry_lat" in columns:
        chosen.setdefault("latitude", "__geometry_lat")
        chosen.setdefault("longitude", "__geometry_lon")
    return chosen


# Checking rows


def clean_text(value: str | None) -> str:
    """Trim a cell; undo the quote an export puts before a cell that looks like a formula."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def parse_number(value: str) -> float | None:
    """A decimal with a point or a French comma; None when empty; ValueError when unreadable."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    number = float(text.replace(",", "."))
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number


def is_web_link(url: str | None) -> bool:
    """True for an http or https address with a host: the only links the kiosk shows."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def normalise_website(value: str) -> str | None:
    """An http(s) address; a bare ``www.site.fr`` gets ``https://``; ValueError otherwise."""
    text = value.strip()
    if not text:
        return None
    if "://" not in text and _HOSTNAME.match(text):
        text = "https://" + text
    if not is_web_link(text) or any(c.isspace() for c in text) or len(text) > MAX_WEBSITE:
        raise ValueError(text)
    return text


def department_of(values: Mapping[str, str], columns: Mapping[str, str]) -> str | None:
    """The department code of a row from its department, INSEE code or postcode column."""
    for field_name in ("department", "insee", "postcode"):
        column = columns.get(field_name)
        raw = (values.get(column) or "").strip() if column else ""
        if not raw:
            continue
        if field_name == "department":
            return normalise_department(raw)
        code = raw.replace(" ", "")
        if field_name != "department" and len(code) == 4 and code.isdigit():
            code = "0" + code  # a postcode read as a number lost its leading zero
        if code[:2].upper() in ("2A", "2B") or code.startswith("20"):
            return code[:2].upper()
        if code.startswith("97"):
            return code[:3]
        return code[:2]
    return None


def normalise_department(value: str) -> str:
    text = value.strip().upper()
    match = re.match(r"^(\d{1,3}|2A|2B)\b", text)
    code = match.group(1) if match else text
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code


def check_row(
    row: SourceRow, columns: Mapping[str, str], options: ImportOptions
) -> IncomingPlace | Rejection | None:
    """The place a row describes, its rejection, or None when a filter leaves it out."""

    def get(field_name: str) -> str:
        column = columns.get(field_name)
        return clean_text(row.values.get(column)) if column else ""

    name = " ".join(get("name").split())
    if not name:
        return Rejection(row.location, "pas de nom")
    if len(name) > MAX_NAME:
        return Rejection(row.location, f"nom trop long (plus de {MAX_NAME} caractères)", name)
    commune = " ".join(get("commune").split()) or None
    if commune and len(commune) > MAX_COMMUNE:
        return Rejection(row.location, "nom de commune trop long", name)
    raw_lat, raw_lon = get("latitude"), get("longitude")
    if not raw_lat and not raw_lon and get("coordinates"):
        parts = re.split(r"[,;\s]+", get("coordinates").strip("[]() "))
        if len(parts) == 2:
            raw_lat, raw_lon = parts
    try:
        latitude, longitude = parse_number(raw_lat), parse_number(raw_lon)
    except ValueError:
        return Rejection(
            row.location, f"coordonnées illisibles ({raw_lat or '?'} ; {raw_lon or '?'})", name
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
    try:
        website = normalise_website(get("website"))
    except ValueError as error:
        return Rejection(
            row.location, f"adresse web refusée ({error}) : seuls http et https sont acceptés", name
        )
    if options.department is not None:
        department = department_of(row.values, columns)
        if department != normalise_department(options.department):
            return None
    if options.bbox is not None:
        south, west, north, east = options.bbox
        if latitude is None or longitude is None:
            return None
        if not (south <= latitude <= north and west <= longitude <= east):
            return None
    tags = tuple(
        dict.fromkeys(
            tag.strip()[:MAX_TAG] for tag in re.split(r"[;,|]", get("tags")) if tag.strip()
        )
    )
    return IncomingPlace(
        row.location,
        name,
        commune,
        latitude,
        longitude,
        website,
        get("description") or None,
        tags,
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
    columns, rows = read_file(path)
    if not columns:
        raise PlacesFileError(f"{path} : le fichier est vide.")
    matched = match_columns(columns, chosen.column_map)
    if "name" not in matched:
        raise PlacesFileError(
            f"{path} : aucune colonne de nom (nom, NOM_TL, name…) ; colonnes du fichier : "
            f"{', '.join(c for c in columns if not c.startswith('__'))}. "
            "Indiquez-la avec --map name=COLONNE."
        )
    report = ImportReport(columns=matched, dry_run=chosen.dry_run)
    incoming = []
    for row in rows:
        checked = check_row(row, matched, chosen)
        if checked is None:
            report.filtered += 1
        elif isinstance(checked, Rejection):
            report.rejected.append(checked)
        else:
            incoming.append(checked)
    apply_places(session, incoming, report, write=not chosen.dry_run)
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
    for item in incoming:
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
        if place is None:
            report.added.append(Change(item.location, item.name, item.commune))
            if write:
                session.add(_new_place(item, slugs, tags))
            continue
        changed = _changed_fields(place, item)
        if not changed:
            report.unchanged += 1
            continue
        report.updated.append(Change(item.location, item.name, item.commune, tuple(changed)))
        if write:
            _update_place(place, item, changed, tags)
    if write:
        session.flush()


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


def format_report(report: ImportReport, limit: int = 40) -> Iterator[str]:
    """The report as lines for a terminal (French, like the rest of the staff tools).

    Every rejected row is listed; additions and updates beyond ``limit`` are only counted.
    """
    verb = "seraient" if report.dry_run else "ont été"
    mapped = ", ".join(
        f"{name}={column}" for name, column in report.columns.items() if not column.startswith("__")
    )
    if mapped:
        yield f"Colonnes reconnues : {mapped}"
    yield (
        f"{len(report.added)} lieu(x) {verb} ajouté(s), {len(report.updated)} mis à jour, "
        f"{report.unchanged} inchangé(s), {report.filtered} écarté(s) par les filtres, "
        f"{len(report.rejected)} refusé(s)."
    )
    for change in report.added[:limit]:
        yield f"  + {change.location} : {change.name} ({change.commune or 'commune inconnue'})"
    if len(report.added) > limit:
        yield f"  + … et {len(report.added) - limit} autre(s) ajout(s)"
    for change in report.updated[:limit]:
        yield (
            f"  ~ {change.location} : {change.name} ({change.commune or 'commune inconnue'}) : "
            f"{', '.join(change.fields)}"
        )
    if len(report.updated) > limit:
        yield f"  ~ … et {len(report.updated) - limit} autre(s) mise(s) à jour"
    for rejection in report.rejected:
        label = f" « {rejection.name} »" if rejection.name else ""
        yield f"  ! {rejection.location}{label} : {rejection.reason}"


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
