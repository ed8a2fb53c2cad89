"""The places for the map and its list, and one place's sheet."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.config import ContentRoot
from kiosk.library import geo
from kiosk.library.catalogue_views.whole_files import _WholeFiles, file_is_whole
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    MediaAsset,
    Place,
    Tag,
    place_tags,
)


@dataclass(frozen=True)
class PlaceView:
    slug: str
    name: str
    commune: str | None
    map_x: float | None
    map_y: float | None
    has_video: bool
    # map_x/map_y above are the position shown on the map (manual,
    # else through the current map's geo-referencing); the fields below feed its list and sheet.
    tags: tuple[str, ...] = ()
    video_path: str | None = None
    placed_by_fit: bool = False
    # Each tag's English name where staff wrote one (None otherwise), in the order of ``tags``.
    tags_en: tuple[str | None, ...] = ()

    @property
    def is_on_map(self) -> bool:
        return self.map_x is not None and self.map_y is not None


def places(catalogue: Catalogue) -> list[PlaceView]:
    """Published places, alphabetical (case- and accent-insensitive enough for French names).

    The position is the one shown on the current map: the manual one, else the place's
    coordinates through the map's reference points (see :mod:`kiosk.library.geo`).
    Two plain queries (columns, not ORM objects: 2,000 places took 70–130 ms as objects).
    """
    with catalogue.session() as session:
        current = geo.current_map_fit(session)
        geo_fit = current[1] if current else None
        width, height = (
            (current[0].image.width or 0, current[0].image.height or 0) if current else (0, 0)
        )
        rows = session.execute(
            select(
                Place.id,
                Place.slug,
                Place.name,
                Place.commune,
                Place.map_x,
                Place.map_y,
                Place.latitude,
                Place.longitude,
                Place.video_id,
                MediaAsset.path,
                MediaAsset.size_bytes,
            )
            .outerjoin(MediaAsset, MediaAsset.id == Place.video_id)
            .where(Place.published)
        ).all()
        tags_of: dict[int, list[tuple[str, str | None]]] = {}
        for place_id, tag_name, tag_name_en in session.execute(
            select(place_tags.c.place_id, Tag.name, Tag.name_en)
            .join(Tag, Tag.id == place_tags.c.tag_id)
            .order_by(Tag.name)
        ):
            tags_of.setdefault(place_id, []).append((tag_name, tag_name_en))
    views = []
    files = _WholeFiles(ContentRoot(catalogue.db_path.parent))
    for place_id, slug, name, commune, map_x, map_y, lat, lon, _video, path, size in rows:
        where = geo.position(map_x, map_y, lat, lon, geo_fit, width, height)
        # A damaged or missing video is not offered (the place stays, without its video).
        whole = path is not None and files.check(path, size)
        video_path = path if whole else None
        views.append(
            PlaceView(
                slug,
                name,
                commune,
                where[0] if where else None,
                where[1] if where else None,
                video_path is not None,
                tags=tuple(fr for fr, _en in tags_of.get(place_id, ())),
                tags_en=tuple(en for _fr, en in tags_of.get(place_id, ())),
                video_path=video_path,
                placed_by_fit=where is not None and (map_x is None or map_y is None),
            )
        )
    return sorted(views, key=lambda view: sort_key(view.name))


@functools.lru_cache(maxsize=8192)
def sort_key(text: str) -> str:
    """Alphabetical order for French names: accents and case do not move a name.

    Cached: the map's list is sorted again at every visit (2,000 names took 11 ms).
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class PlaceSheetView:
    """Everything the place sheet shows."""

    slug: str
    name: str
    commune: str | None
    description: str
    description_en: str | None
    website: str | None
    tags: tuple[str, ...]
    photo_path: str | None
    video_path: str | None
    video_title: str | None
    # Each tag's English name where staff wrote one (None otherwise), in the order of ``tags``.
    tags_en: tuple[str | None, ...] = ()
    video_title_en: str | None = None

    def localized_description(self, language: str) -> str:
        if language == "en" and self.description_en:
            return self.description_en
        return self.description

    def localized_tags(self, language: str) -> tuple[str, ...]:
        if language != "en":
            return self.tags
        english = self.tags_en + (None,) * (len(self.tags) - len(self.tags_en))
        return tuple(en or fr for fr, en in zip(self.tags, english, strict=False))


def place_sheet(catalogue: Catalogue, slug: str) -> PlaceSheetView | None:
    """The sheet of one published place, or None when there is no such place."""
    with catalogue.session() as session:
        p = session.scalars(
            select(Place)
            .where(Place.slug == slug, Place.published)
            .options(selectinload(Place.tags), selectinload(Place.photo), selectinload(Place.video))
        ).first()
        if p is None:
            return None
        video = p.video
        if video is not None and not file_is_whole(catalogue, video.path, video.size_bytes):
            video = None  # damaged or missing: no "Voir la vidéo" until it is fixed
        return PlaceSheetView(
            p.slug,
            p.name,
            p.commune,
            p.description,
            p.description_en,
            p.website,
            tuple(tag.name for tag in p.tags),
            p.photo.path if p.photo is not None else None,
            video.path if video is not None else None,
            video.title if video is not None else None,
            tuple(tag.name_en for tag in p.tags),
            video.title_en if video is not None else None,
        )
