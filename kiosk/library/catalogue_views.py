"""Read-only views of the catalogue for the screens: plain data, no session kept open."""

from __future__ import annotations

import functools
import os
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session, selectinload

from kiosk.config import MEDIA_FOLDERS, ContentRoot, UnsafePathError
from kiosk.library import geo
from kiosk.library.page_view import PageView as PageView
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    MapImage,
    MediaAsset,
    MediaKind,
    MediaRole,
    Page,
    Place,
    Tag,
    place_tags,
)


def file_is_whole(
    catalogue: Catalogue, path: str, size_bytes: int | None, root: ContentRoot | None = None
) -> bool:
    """Whether a media file can be offered to a visitor, from facts cheap at list time: it is
    there (inside the content root) and has the size the catalogue recorded. A damaged or
    missing video leaves the visitor lists until it is fixed (``kiosk check`` names it)."""
    return _WholeFiles(root or ContentRoot(catalogue.db_path.parent)).check(path, size_bytes)


class _WholeFiles:
    """:func:`file_is_whole` for a whole list: each folder is read once (``os.scandir``: names,
    sizes, links), and only a name that is a link goes through ``ContentRoot.absolute`` (which
    resolves it: 2,000 such resolutions took 80 ms, the folder reads a few)."""

    def __init__(self, root: ContentRoot) -> None:
        self.root = root
        self._folders: dict[str, dict[str, tuple[bool, int]] | None] = {}

    def _entries(self, folder: str) -> dict[str, tuple[bool, int]] | None:
        if folder not in self._folders:
            entries: dict[str, tuple[bool, int]] | None
            try:
                # The folder must really be inside assets/ or videos/ (no link out of the root).
                real = os.path.realpath(self.root.home / folder) + os.sep
                inside = any(
                    real.startswith(os.path.realpath(self.root.home / top) + os.sep)
                    for top in MEDIA_FOLDERS
                )
                entries = {} if inside else None
                if entries is not None:
                    with os.scandir(self.root.home / folder) as listing:
                        for entry in listing:
                            link = entry.is_symlink()
                            size = -1 if link else entry.stat(follow_symlinks=False).st_size
                            regular = not link and entry.is_file(follow_symlinks=False)
                            entries[entry.name] = (link, size if regular else -2)
            except OSError:
                entries = None
            self._folders[folder] = entries
        return self._folders[folder]

    def check(self, path: str, size_bytes: int | None) -> bool:
        folder, _slash, name = path.rpartition("/")
        parts = path.split("/")
        if (
            len(parts) < 2
            or parts[0] not in MEDIA_FOLDERS
            or any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts)
        ):
            return False
        entries = self._entries(folder)
        found = entries.get(name) if entries is not None else None
        if found is None:
            return False
        link, size = found
        if link:  # resolved by the gate, then measured
            try:
                size = self.root.absolute(path).stat().st_size
            except (UnsafePathError, OSError):
                return False
        if size < 0:
            return False  # not a regular file (a folder, a FIFO)
        return size_bytes is None or size == size_bytes


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
    credit_en: str | None = None
    # The reference points, whose names the map prints (pin labels keep off them).
    landmarks: tuple[geo.Landmark, ...] = ()

    def localized_credit(self, language: str) -> str:
        return self.credit_en if language == "en" and self.credit_en else self.credit


@dataclass(frozen=True)
class VideoView:
    title: str
    title_en: str | None
    credit: str
    path: str
    duration_s: float
    place_name: str | None
    # The film of the road trip (one at most: its big tile); other films and vignettes are cards.
    is_aftermovie: bool
    media_id: int = 0
    subtitles_path: str | None = None
    place_slug: str | None = None
    credit_en: str | None = None

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def localized_credit(self, language: str) -> str:
        return self.credit_en if language == "en" and self.credit_en else self.credit


class _AlbumTexts:
    """The English of an album's title, date and credit where staff wrote it."""

    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    date_label_en: str | None
    credit_en: str | None

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def localized_date_label(self, language: str) -> str | None:
        return self.date_label_en if language == "en" and self.date_label_en else self.date_label

    def localized_credit(self, language: str) -> str:
        return self.credit_en if language == "en" and self.credit_en else self.credit


@dataclass(frozen=True)
class AlbumView(_AlbumTexts):
    slug: str
    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    image_paths: tuple[str, ...]
    date_label_en: str | None = None
    credit_en: str | None = None


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
                MediaAsset.size_bytes,
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
            row.credit_en,
            landmarks,
        )


def film_id(session: Session | Connection) -> int | None:
    """The film of the road trip: the video staff chose (``is_film``), else the first
    aftermovie-role video (a catalogue where nobody chose yet). One at most, always."""
    chosen = session.scalar(
        select(MediaAsset.id)
        .where(MediaAsset.is_film, MediaAsset.kind == MediaKind.VIDEO)
        .order_by(MediaAsset.id)
        .limit(1)
    )
    if chosen is not None:
        return int(chosen)
    first = session.scalar(
        select(MediaAsset.id)
        .where(MediaAsset.role == MediaRole.AFTERMOVIE, MediaAsset.kind == MediaKind.VIDEO)
        .order_by(MediaAsset.sort_order, MediaAsset.id)
        .limit(1)
    )
    return int(first) if first is not None else None


def videos(catalogue: Catalogue, *, whole_only: bool = True) -> list[VideoView]:
    """The film first (one), then the other films unless staff hid them (the content setting
    ``show_other_films``), then the vignettes in the order of their places.

    ``whole_only``: leave out the videos whose file is missing or not of its recorded size
    (:func:`file_is_whole`), as every visitor list (and the attract loop) does."""
    from kiosk.library import settings

    show_others = settings.load(catalogue).show_other_films
    with catalogue.session() as session:
        the_film = film_id(session)
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
                MediaAsset.credit_en,
                MediaAsset.size_bytes,
            )
            .where(
                MediaAsset.role.in_([MediaRole.AFTERMOVIE, MediaRole.VIGNETTE])
                | (MediaAsset.id == the_film)
            )
            .order_by(MediaAsset.sort_order, MediaAsset.id)
        ).all()
    views = []
    rank: dict[int, int] = {}
    files = _WholeFiles(ContentRoot(catalogue.db_path.parent))
    for (
        media_id,
        title,
        title_en,
        credit,
        path,
        duration_s,
        role,
        subtitles_path,
        credit_en,
        size,
    ) in rows:
        if whole_only and not files.check(path, size):
            continue
        is_film = media_id == the_film
        if role is MediaRole.AFTERMOVIE and not is_film and not show_others:
            continue
        rank[media_id] = 0 if is_film else 1 if role is MediaRole.AFTERMOVIE else 2
        place_name, place_slug = place_by_video.get(media_id, (None, None))
        views.append(
            VideoView(
                title,
                title_en,
                credit,
                path,
                duration_s or 0.0,
                place_name,
                is_film,
                media_id,
                subtitles_path,
                place_slug,
                credit_en,
            )
        )
    return sorted(views, key=lambda view: rank[view.media_id])


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
                a.date_label_en,
                a.credit_en,
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
    title_en: str | None = None

    def localized_caption(self, language: str) -> str:
        return self.caption_en if language == "en" and self.caption_en else self.caption

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title


@dataclass(frozen=True)
class AlbumSlidesView(_AlbumTexts):
    slug: str
    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    slides: tuple[SlideView, ...]
    date_label_en: str | None = None
    credit_en: str | None = None


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
                item.media.title_en,
            )
            for item in album.items
        )
        return AlbumSlidesView(
            album.slug,
            album.title,
            album.title_en,
            album.date_label,
            album.credit,
            slides,
            album.date_label_en,
            album.credit_en,
        )


def attract_drawings(catalogue: Catalogue) -> list[str]:
    """The drawings of the published albums for the attract loop: album by album, each once."""
    seen: dict[str, None] = {}
    for album in albums(catalogue):
        for path in album.image_paths:
            seen.setdefault(path, None)
    return list(seen)
