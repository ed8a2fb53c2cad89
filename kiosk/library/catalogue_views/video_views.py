"""The films of the videos screen: the film first, then the others and the places' vignettes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot
from kiosk.library.catalogue_views.whole_files import _WholeFiles
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    MediaAsset,
    MediaKind,
    MediaRole,
    Place,
)


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


def videos(
    catalogue: Catalogue, *, whole_only: bool = True, film_only: bool = False
) -> list[VideoView]:
    """The film first (one), then the other films unless staff hid them (the content setting
    ``show_other_films``), then the vignettes in the order of their places.

    ``whole_only``: leave out the videos whose file is missing or not of its recorded size
    (:func:`file_is_whole`), as every visitor list (and the attract loop) does.
    ``film_only``: the film alone, as the first item of the full list would be (the attract
    loop's: one row read and checked, not every vignette)."""
    from kiosk.library import settings

    show_others = False if film_only else settings.load(catalogue).show_other_films
    with catalogue.session() as session:
        the_film = film_id(session)
        if film_only and the_film is None:
            return []
        place_by_video = {
            video_id: (name, slug)
            for video_id, name, slug in session.execute(
                select(Place.video_id, Place.name, Place.slug).where(
                    Place.video_id == the_film if film_only else Place.video_id.is_not(None)
                )
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
                MediaAsset.id == the_film
                if film_only
                else MediaAsset.role.in_([MediaRole.AFTERMOVIE, MediaRole.VIGNETTE])
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


def picture_sizes(catalogue: Catalogue, media_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(width, height) of these videos' pictures as probed at import ((0, 0): not known)."""
    if not media_ids:
        return {}
    with catalogue.session() as session:
        return {
            media_id: (width or 0, height or 0)
            for media_id, width, height in session.execute(
                select(MediaAsset.id, MediaAsset.width, MediaAsset.height).where(
                    MediaAsset.id.in_(media_ids)
                )
            )
        }
