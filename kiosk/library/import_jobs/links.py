"""Where imported files go: the default role of a file, and linking it to an album, a place or
the map."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.library.import_jobs.outcomes import LinkError, Links
from kiosk.library.media_store import MediaError
from kiosk.library.slugs import free_slug, slug_taken, slugify
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    AlbumItem,
    MapImage,
    MediaAsset,
    MediaKind,
    MediaRole,
    Place,
)


def default_role(kind: MediaKind, links: Links) -> MediaRole:
    if links.role is not None:
        return links.role
    if kind is MediaKind.VIDEO:
        return MediaRole.VIGNETTE if links.place else MediaRole.AFTERMOVIE
    if links.place and not links.album:
        return MediaRole.PHOTO
    return MediaRole.DRAWING


def check_links(catalogue: Catalogue, links: Links) -> None:
    """Refuse an unknown place before anything is copied (an album is created when missing)."""
    if links.place is None:
        return
    with catalogue.session() as session:
        if _find_place(session, links.place) is None:
            raise LinkError(f"--place {links.place} : lieu inconnu (voir « kiosk info »).")


def _check_role(kind: MediaKind, role: MediaRole, source: Path) -> None:
    video_roles = {MediaRole.AFTERMOVIE, MediaRole.VIGNETTE, MediaRole.OTHER}
    image_roles = {MediaRole.DRAWING, MediaRole.MAP, MediaRole.PHOTO, MediaRole.OTHER}
    allowed = video_roles if kind is MediaKind.VIDEO else image_roles
    if role not in allowed:
        what = "une vidéo" if kind is MediaKind.VIDEO else "une image"
        raise MediaError(f"{source} : {what} ne peut pas avoir le rôle « {role.value} ».")


def _link(session: Session, asset: MediaAsset, links: Links) -> None:
    if links.album:
        if asset.kind is not MediaKind.IMAGE:
            raise MediaError(f"{asset.path} : seul un dessin (image) va dans un carnet.")
        album = _find_album(session, links.album)
        if album is None:
            slug = free_slug(slugify(links.album, "carnet"), slug_taken(session, Album))
            album = Album(slug=slug, title=links.album)
            session.add(album)
            session.flush()
        already = session.scalar(
            select(func.count())
            .select_from(AlbumItem)
            .where(AlbumItem.album_id == album.id, AlbumItem.media_id == asset.id)
        )
        if not already:
            last = session.scalar(
                select(func.max(AlbumItem.position)).where(AlbumItem.album_id == album.id)
            )
            session.add(AlbumItem(album_id=album.id, media_id=asset.id, position=(last or 0) + 1))
    if links.place:
        place = _find_place(session, links.place)
        if place is None:
            raise LinkError(f"--place {links.place} : lieu inconnu.")
        if asset.kind is MediaKind.VIDEO:
            place.video_id = asset.id
        else:
            place.photo_id = asset.id
    if links.role is MediaRole.MAP and asset.kind is MediaKind.IMAGE:
        has_map = session.scalar(
            select(func.count()).select_from(MapImage).where(MapImage.image_id == asset.id)
        )
        if not has_map:
            has_current = session.scalar(
                select(func.count()).select_from(MapImage).where(MapImage.is_current)
            )
            session.add(
                MapImage(
                    image_id=asset.id, title=asset.title or "Carte", is_current=not has_current
                )
            )


def _find_place(session: Session, reference: str) -> Place | None:
    return session.scalars(
        select(Place).where((Place.slug == reference) | (Place.name == reference))
    ).first()


def _find_album(session: Session, reference: str) -> Album | None:
    return session.scalars(
        select(Album).where((Album.slug == reference) | (Album.title == reference))
    ).first()
