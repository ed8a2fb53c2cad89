"""The words of the demo content, in French and English, written from ``/work/shared/FACTS.md``.

Nothing here is invented: where the facts say *unknown*, the text tells visitors that the
presentation is still to come and what is not known yet, the commune is left empty (staff fill it
in) and no website is given. The records (towns, places, pages, drawings, the tags' English names)
are data, in ``data/texts.toml``, and the pages' Markdown in ``data/pages/``: this module reads
them once, into typed records, and holds the single texts of the map, album and films.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

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
    return float(value)


# How a field of each declared type is read (a missing optional text is None).
_READERS: dict[str, Callable[[object], object]] = {
    "str": _text,
    "str | None": lambda value: None if value is None else _text(value),
    "tuple[str, ...]": _texts,
    "bool": _flag,
    "float": _number,
}


def _load(kind: type[_Loaded], record: Record, **known: object) -> _Loaded:
    """The ``kind`` record whose fields are the keys of ``record`` (bar those ``known``)."""
    fields = dataclasses.fields(kind)
    unknown = set(record) - {field.name for field in fields}
    if unknown:
        raise TypeError(f"data/texts.toml, {kind.__name__}: unknown {', '.join(sorted(unknown))}")
    values: dict[str, Any] = dict(known)  # each checked by the reader of its declared type
    for field in fields:
        if field.name not in known:
            try:
                values[field.name] = _READERS[str(field.type)](record.get(field.name))
            except TypeError as error:
                raise TypeError(f"data/texts.toml, {kind.__name__}.{field.name}: {error}") from None
    return kind(**values)


def _page(record: Record) -> PageText:
    """A page: its Markdown is kept as data in ``data/pages/<slug>.<language>.md``."""
    body = {
        f"body{suffix}": _DATA.joinpath(f"pages/{record['slug']}.{language}.md").read_text("utf-8")
        for language, suffix in (("fr", ""), ("en", "_en"))
    }
    return _load(PageText, record, **body)


_RECORDS = tomllib.loads(_DATA.joinpath("texts.toml").read_text("utf-8"))

TOWNS: tuple[Town, ...] = tuple(_load(Town, record) for record in _RECORDS["towns"])
TOWNS_BY_NAME = {town.name: town for town in TOWNS}
# The demo tags' English names (names of events and labels stay as they are known).
TAGS_EN: dict[str, str] = {name: _text(english) for name, english in _RECORDS["tags_en"].items()}
PLACES: tuple[PlaceText, ...] = tuple(_load(PlaceText, record) for record in _RECORDS["places"])
PAGES: tuple[PageText, ...] = tuple(_page(record) for record in _RECORDS["pages"])
DRAWINGS: tuple[DrawingText, ...] = tuple(
    _load(DrawingText, record) for record in _RECORDS["drawings"]
)

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
