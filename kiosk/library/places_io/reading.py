"""Reading a places file: CSV (any delimiter, UTF-8 with or without BOM, UTF-16, Latin-1) or
GeoJSON, into rows of text cells."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Python's csv refuses cells over 131,072 characters with an error; the limit is raised to this
# bound, and a cell over it refuses the file with its line (the gate refuses long fields).
MAX_CELL = 1_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024


class PlacesFileError(Exception):
    """The file cannot be read at all; the message names it and says why."""


@dataclass(frozen=True)
class SourceRow:
    """One record of the file, with where it starts (``ligne 12`` or ``entité 3``)."""

    location: str
    values: dict[str, str]


def count(number: int) -> str:
    """``1504`` as ``1 504``, the French way."""
    return f"{number:,}".replace(",", " ")


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
