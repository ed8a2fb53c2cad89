"""Read-only views of the catalogue for the screens: plain data, no session kept open."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.store.database import Catalogue
from kiosk.store.models import Album, MapImage, MediaAsset, MediaRole, Page, Place


@dataclass(frozen=True)
class PageView:
    slug: str
    icon: str
    title: str
    title_en: str | None
    body: str
    body_en: str | None

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def localized_body(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body


@dataclass(frozen=True)
class PlaceView:
    slug: str
    name: str
    commune: str | None
    map_x: float | None
    map_y: float | None
    has_video: bool

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


@dataclass(frozen=True)
class VideoView:
    title: str
    title_en: str | None
    credit: str
    path: str
    duration_s: float
    place_name: str | None
    is_aftermovie: bool


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
    """Published places, alphabetical (case- and accent-insensitive enough for French names)."""
    with catalogue.session() as session:
        rows = session.scalars(select(Place).where(Place.published)).all()
        views = [
            PlaceView(p.slug, p.name, p.commune, p.map_x, p.map_y, p.video_id is not None)
            for p in rows
        ]
    return sorted(views, key=lambda view: view.name.casefold())


def current_map(catalogue: Catalogue) -> MapView | None:
    with catalogue.session() as session:
        row = session.scalars(
            select(MapImage).where(MapImage.is_current).options(selectinload(MapImage.image))
        ).first()
        if row is None:
            return None
        return MapView(
            row.title, row.credit, row.image.path, row.image.width or 0, row.image.height or 0
        )


def videos(catalogue: Catalogue) -> list[VideoView]:
    """The aftermovie(s) first, then the vignettes in the order of their places."""
    with catalogue.session() as session:
        place_by_video = {
            p.video_id: p.name
            for p in session.scalars(select(Place).where(Place.video_id.is_not(None)))
        }
        rows = session.scalars(
            select(MediaAsset)
            .where(MediaAsset.role.in_([MediaRole.AFTERMOVIE, MediaRole.VIGNETTE]))
            .order_by(MediaAsset.sort_order, MediaAsset.id)
        ).all()
        views = [
            VideoView(
                m.title,
                m.title_en,
                m.credit,
                m.path,
                m.duration_s or 0.0,
                place_by_video.get(m.id),
                m.role is MediaRole.AFTERMOVIE,
            )
            for m in rows
        ]
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
