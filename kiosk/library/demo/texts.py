"""The words of the demo content, in French and English, written from ``/work/shared/FACTS.md``.

Nothing here is invented: where the facts say *unknown*, the text tells visitors that the
presentation is still to come and what is not known yet, the commune is left empty (staff fill it
in) and no website is given. The records (towns, places, pages, drawings, the tags' English names)
are data, in ``data/texts.toml``, and the pages' Markdown in ``data/pages/``: this module reads
them once, into typed records, and holds the single texts of the map, album and films.
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from kiosk.store.validation import ValidationError, check_value

DEMO_CREDIT = "Démo générée par la borne"
DEMO_CREDIT_EN = "Demo made by the kiosk"


@dataclass(frozen=True)
class Town:
    """A town centre from the facts (WGS84), used for the map and for places with a commune."""

    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class PlaceText:
    slug: str
    name: str
    commune: str | None
    description: str
    description_en: str
    website: str | None
    tags: tuple[str, ...]
    has_vignette: bool


@dataclass(frozen=True)
class PageText:
    slug: str
    icon: str
    title: str
    title_en: str
    body: str
    body_en: str


@dataclass(frozen=True)
class DrawingText:
    """One graphic note of the demo: what is written on it and its album captions."""

    key: str
    heading: str
    lines: tuple[str, ...]
    keywords: tuple[str, ...]
    caption: str
    caption_en: str


Record = dict[str, Any]
_DATA = resources.files("kiosk.library.demo").joinpath("data")
_Loaded = TypeVar("_Loaded", Town, PlaceText, PageText, DrawingText)
# The largest number the records hold: a longitude (a 1e308 would pass as finite).
_NUMBER_LIMIT = 180.0


class TextsError(TypeError):
    """A record of the demo's data that cannot be read; the message names the file, the record
    and the field."""


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a text")
    return value


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"{value!r} is not a list of texts")
    return tuple(_text(item) for item in value)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{value!r} is not true or false")
    return value


def _number(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"{value!r} is not a number")
    if not math.isfinite(value) or abs(value) > _NUMBER_LIMIT:
        raise TypeError(f"{value!r} is not a finite number between -180 and 180")
    return float(value)


# How a field of each declared type is read (a missing optional text is None).
_READERS: dict[str, Callable[[object], object]] = {
    "str": _text,
    "str | None": lambda value: None if value is None else _text(value),
    "tuple[str, ...]": _texts,
    "bool": _flag,
    "float": _number,
}


def _load(
    kind: type[_Loaded], record: object, *, where: str = "data/texts.toml", **known: object
) -> _Loaded:
    """The ``kind`` record whose fields are the keys of ``record`` (bar those ``known``);
    ``where`` names the file and the record in an error."""
    if not isinstance(record, dict):
        raise TextsError(f"{where}: {kind.__name__}: a table is expected, not {record!r}")
    fields = dataclasses.fields(kind)
    unknown = set(record) - {field.name for field in fields}
    if unknown:
        raise TextsError(f"{where}: {kind.__name__}: unknown {', '.join(sorted(unknown))}")
    values: dict[str, Any] = dict(known)  # each checked by the reader of its declared type
    for field in fields:
        if field.name not in known:
            try:
                values[field.name] = _READERS[str(field.type)](record.get(field.name))
            except TypeError as error:
                raise TextsError(f"{where}: {kind.__name__}.{field.name}: {error}") from None
    return kind(**values)


def _page(record: object, where: str, pages: Traversable) -> PageText:
    """A page: its Markdown is kept as data in ``pages/<slug>.<language>.md``, its slug checked
    by the gate before it names a file."""
    slug = record.get("slug") if isinstance(record, dict) else None
    if isinstance(record, dict):
        if not isinstance(slug, str):
            raise TextsError(f"{where}: PageText.slug: missing, or not a text")
        try:
            check_value("pages", "slug", slug)
        except ValidationError as error:
            raise TextsError(f"{where}: PageText.slug: {error.reason}") from None
    body = {}
    for language, suffix in (("fr", ""), ("en", "_en")) if isinstance(slug, str) else ():
        name = f"{slug}.{language}.md"
        try:
            body[f"body{suffix}"] = pages.joinpath(name).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise TextsError(f"{where}: pages/{name}: {error}") from None
    return _load(PageText, record, where=where, **body)


@dataclass(frozen=True)
class DemoTexts:
    towns: tuple[Town, ...]
    tags_en: dict[str, str]
    places: tuple[PlaceText, ...]
    pages: tuple[PageText, ...]
    drawings: tuple[DrawingText, ...]


def read_texts(data: Traversable, name: str = "texts.toml") -> DemoTexts:
    """The records of ``data/<name>`` (and its pages' Markdown in ``data/pages/``); a
    :class:`TextsError` naming the file and the record for anything it cannot read."""
    try:
        records = tomllib.loads(data.joinpath(name).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise TextsError(f"{name}: {error}") from None

    def section(key: str) -> list[object]:
        value = records.get(key)
        if not isinstance(value, list):
            raise TextsError(f"{name}: [[{key}]]: missing, or not a list of tables")
        return value

    def each(key: str) -> list[tuple[str, object]]:
        return [(f"{name}, {key} #{n}", record) for n, record in enumerate(section(key), 1)]

    tags = records.get("tags_en")
    if not isinstance(tags, dict):
        raise TextsError(f"{name}: [tags_en]: missing, or not a table")
    tags_en = {}
    for tag, english in tags.items():
        try:
            tags_en[tag] = _text(english)
        except TypeError as error:
            raise TextsError(f"{name}, tags_en « {tag} »: {error}") from None
    return DemoTexts(
        towns=tuple(_load(Town, r, where=w) for w, r in each("towns")),
        tags_en=tags_en,
        places=tuple(_load(PlaceText, r, where=w) for w, r in each("places")),
        pages=tuple(_page(r, w, data.joinpath("pages")) for w, r in each("pages")),
        drawings=tuple(_load(DrawingText, r, where=w) for w, r in each("drawings")),
    )


_READ = read_texts(_DATA)
TOWNS: tuple[Town, ...] = _READ.towns
TOWNS_BY_NAME = {town.name: town for town in TOWNS}
# The demo tags' English names (names of events and labels stay as they are known).
TAGS_EN: dict[str, str] = _READ.tags_en
PLACES: tuple[PlaceText, ...] = _READ.places
PAGES: tuple[PageText, ...] = _READ.pages
DRAWINGS: tuple[DrawingText, ...] = _READ.drawings

# Bounding box of the Allier department (facts: about 45.93–46.80 N, 2.28–4.01 E).
ALLIER_LAT_MIN = 45.93
ALLIER_LAT_MAX = 46.80
ALLIER_LON_MIN = 2.28
ALLIER_LON_MAX = 4.01

ALBUM_SLUG = "faites-des-tiers-lieux-2022"
ALBUM_TITLE = "Faites des tiers-lieux — 25 et 26 février 2022"
ALBUM_TITLE_EN = "Faites des tiers-lieux — 25 and 26 February 2022"
ALBUM_DATE_LABEL = "25 et 26 février 2022"
ALBUM_DATE_LABEL_EN = "25 and 26 February 2022"
ALBUM_CREDIT = "Démo — les vrais carnets sont de Pascaline Liard"
ALBUM_CREDIT_EN = "Demo — the real graphic notes are by Pascaline Liard"

DRAWING_MARK = "DÉMO — dessin de démonstration"

MAP_TITLE = "Les tiers-lieux de l'Allier"
MAP_CATALOGUE_TITLE = "Les tiers-lieux de l'Allier (carte de démonstration)"
MAP_MARK = "Carte de démonstration"
MAP_CAPTION = (
    "Carte de démonstration : la carte illustrée de Pascaline Liard la remplacera. Villes "
    "placées d'après les coordonnées de leur centre. Contours : IGN Admin Express, INSEE COG "
    "(Licence Ouverte)."
)
# The credit of the demo map, shown below it on screen (the licence asks for the source).
MAP_CREDIT = "Démo générée par la borne · Contours : IGN Admin Express, INSEE COG"
MAP_CREDIT_EN = "Demo made by the kiosk · Boundaries: IGN Admin Express, INSEE COG"

AFTERMOVIE_TITLE = "Route des tiers-lieux 2021 — film de démonstration"
AFTERMOVIE_TITLE_EN = "Third-places road trip 2021 — demo film"
AFTERMOVIE_SUBTITLE = "Une semaine, 11 lieux de l'Allier"
VIGNETTE_SUBTITLE = "Vignette de démonstration — Route des tiers-lieux 2021"
VIGNETTE_TITLE_EN_SUFFIX = "demo place video"
# On a vignette whose commune is not known: all the places of the 2021 road trip are in the Allier.
COMMUNE_UNKNOWN = "Un lieu de l'Allier"
