"""Read-only views of the catalogue for the screens: plain data, no session kept open."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.library import geo
from kiosk.library.page_view import PageView as PageView
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    MapImage,
    MediaAsset,
    MediaRole,
    Page,
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
    # Added for the map (issue 3): map_x/map_y above are the position shown on the map (manual,
    # else through the current map's geo-referencing); the fields below feed its list and sheet.
    tags: tuple[str, ...] = ()
    video_path: str | None = None
    placed_by_fit: bool = False

    @property
    def is_on_map(self) -> bool:
        return self.map_x is not None and self.map_y is not None


@dataclass(frozen=True)
class MapView:
    title: str
    credit: str
    image_path: str
    width: int
    height: int
    # The reference points, whose names the map prints (pin labels keep off them).
    landmarks: tuple[geo.Landmark, ...] = ()


@dataclass(frozen=True)
class VideoView:
    title: str
    title_en: str | None
    credit: str
    path: str
    duration_s: float
    place_name: str | None
    is_aftermovie: bool
    media_id: int = 0
    subtitles_path: str | None = None
    place_slug: str | None = None

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title


@dataclass(frozen=True)
class AlbumView:
    slug: str
    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    image_paths: tuple[str, ...]


@dataclass(frozen=True)
class CatalogueCounts:
    places: int
    media: int
    videos: int
    drawings: int
    albums: int
    pages: int


def pages(catalogue: Catalogue) -> list[PageView]:
    with catalogue.session() as session:
        rows = session.scalars(
            select(Page).where(Page.published).order_by(Page.sort_order, Page.id)
        ).all()
        return [PageView(p.slug, p.icon, p.title, p.title_en, p.body, p.body_en) for p in rows]


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
            )
            .outerjoin(MediaAsset, MediaAsset.id == Place.video_id)
            .where(Place.published)
        ).all()
        tags_of: dict[int, list[str]] = {}
        for place_id, tag_name in session.execute(
            select(place_tags.c.place_id, Tag.name)
            .join(Tag, Tag.id == place_tags.c.tag_id)
            .order_by(Tag.name)
        ):
            tags_of.setdefault(place_id, []).append(tag_name)
    views = []
    for place_id, slug, name, commune, map_x, map_y, lat, lon, video_id, video_path in rows:
        where = geo.position(map_x, map_y, lat, lon, geo_fit, width, height)
        views.append(
            PlaceView(
                slug,
                name,
                commune,
                where[0] if where else None,
                where[1] if where else None,
                video_id is not None,
                tags=tuple(tags_of.get(place_id, ())),
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
    """Everything the place sheet shows (added for the map, issue 3)."""

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

    def localized_description(self, language: str) -> str:
        if language == "en" and self.description_en:
            return self.description_en
        return self.description


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
        return PlaceSheetView(
            p.slug,
            p.name,
            p.commune,
            p.description,
            p.description_en,
            p.website,
            tuple(tag.name for tag in p.tags),
            p.photo.path if p.photo is not None else None,
            p.video.path if p.video is not None else None,
            p.video.title if p.video is not None else None,
        )


def current_map(catalogue: Catalogue) -> MapView | None:
    with catalogue.session() as session:
        row = session.scalars(
            select(MapImage).where(MapImage.is_current).options(selectinload(MapImage.image))
        ).first()
        if row is None:
            return None
        landmarks = tuple(geo.Landmark(p.label, p.x, p.y) for p in row.geo_points if p.label)
        return MapView(
            row.title,
            row.credit,
            row.image.path,
            row.image.width or 0,
            row.image.height or 0,
            landmarks,
        )


def videos(catalogue: Catalogue) -> list[VideoView]:
    """The aftermovie(s) first, then the vignettes in the order of their places."""
    with catalogue.session() as session:
        place_by_video = {
            video_id: (name, slug)
            for video_id, name, slug in session.execute(
                select(Place.video_id, Place.name, Place.slug).where(Place.video_id.is_not(None))
            )
        }
        # Columns, not ORM objects: 2,000 vignettes took 35–70 ms as objects.
        rows = session.execute(
            select(
                MediaAsset.id,
                MediaAsset.title,
                MediaAsset.title_en,
                MediaAsset.credit,
                MediaAsset.path,
                MediaAsset.duration_s,
                MediaAsset.role,
                MediaAsset.subtitles_path,
            )
            .where(MediaAsset.role.in_([MediaRole.AFTERMOVIE, MediaRole.VIGNETTE]))
            .order_by(MediaAsset.sort_order, MediaAsset.id)
        ).all()
    views = []
    for media_id, title, title_en, credit, path, duration_s, role, subtitles_path in rows:
        place_name, place_slug = place_by_video.get(media_id, (None, None))
        views.append(
            VideoView(
                title,
                title_en,
                credit,
                path,
                duration_s or 0.0,
                place_name,
                role is MediaRole.AFTERMOVIE,
                media_id,
                subtitles_path,
                place_slug,
            )
        )
    return sorted(views, key=lambda view: not view.is_aftermovie)


def albums(catalogue: Catalogue) -> list[AlbumView]:
    with catalogue.session() as session:
        rows = session.scalars(
            select(Album)
            .where(Album.published)
            .order_by(Album.sort_order, Album.id)
            .options(selectinload(Album.items))
        ).all()
        return [
            AlbumView(
                a.slug,
                a.title,
                a.title_en,
                a.date_label,
                a.credit,
                tuple(item.media.path for item in a.items),
            )
            for a in rows
        ]


def counts(catalogue: Catalogue) -> CatalogueCounts:
    with catalogue.session() as session:

        def count_of(statement: object) -> int:
            return int(session.scalar(statement) or 0)  # type: ignore[call-overload]

        return CatalogueCounts(
            places=count_of(select(func.count()).select_from(Place)),
            media=count_of(select(func.count()).select_from(MediaAsset)),
            videos=count_of(
                select(func.count()).select_from(MediaAsset).where(MediaAsset.kind == "video")
            ),
            drawings=count_of(
                select(func.count())
                .select_from(MediaAsset)
                .where(MediaAsset.role == MediaRole.DRAWING)
            ),
            albums=count_of(select(func.count()).select_from(Album)),
            pages=count_of(select(func.count()).select_from(Page)),
        )


@dataclass(frozen=True)
class SlideView:
    """One drawing of an album, as the slideshow shows it."""

    path: str
    title: str
    caption: str
    caption_en: str | None
    width: int
    height: int

    def localized_caption(self, language: str) -> str:
        return self.caption_en if language == "en" and self.caption_en else self.caption


@dataclass(frozen=True)
class AlbumSlidesView:
    slug: str
    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    slides: tuple[SlideView, ...]

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title


def album_slides(catalogue: Catalogue, slug: str) -> AlbumSlidesView | None:
    """A published album with its drawings in order; None when there is no such album."""
    with catalogue.session() as session:
        album = session.scalars(
            select(Album)
            .where(Album.slug == slug, Album.published)
            .options(selectinload(Album.items))
        ).first()
        if album is None:
            return None
        slides = tuple(
            SlideView(
                item.media.path,
                item.media.title,
                item.caption,
                item.caption_en,
                item.media.width or 0,
                item.media.height or 0,
            )
            for item in album.items
        )
        return AlbumSlidesView(
            album.slug, album.title, album.title_en, album.date_label, album.credit, slides
        )


def attract_drawings(catalogue: Catalogue) -> list[str]:
    """The drawings of the published albums for the attract loop: album by album, each once."""
    seen: dict[str, None] = {}
    for album in albums(catalogue):
        for path in album.image_paths:
            seen.setdefault(path, None)
    return list(seen)
