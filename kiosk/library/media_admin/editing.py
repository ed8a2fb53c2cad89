"""Editing a media: its title, credit and role, and which film is the film."""

from __future__ import annotations

from sqlalchemy import (
    select,
)

from kiosk.library.media_admin.listing import MediaEntry, _entry
from kiosk.library.media_admin.uses import MediaAdminError, _get
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    MediaAsset,
    MediaKind,
    MediaRole,
)

_VIDEO_ROLES = frozenset({MediaRole.AFTERMOVIE, MediaRole.VIGNETTE, MediaRole.OTHER})
_IMAGE_ROLES = frozenset({MediaRole.DRAWING, MediaRole.MAP, MediaRole.PHOTO, MediaRole.OTHER})


def update_media(
    catalogue: Catalogue,
    media_id: int,
    *,
    title: str | None = None,
    credit: str | None = None,
    role: MediaRole | None = None,
    title_en: str | None = None,
    credit_en: str | None = None,
) -> MediaEntry:
    """Change what is given (None: unchanged). Texts are stripped, never cut: the gate refuses
    a value it does not take (:class:`~kiosk.store.validation.ValidationError`, nothing
    changed). An empty English text is no English text (the French shows)."""
    with catalogue.session() as session:
        asset = _get(session, media_id)
        if title is not None:
            asset.title = title.strip()
        if credit is not None:
            asset.credit = credit.strip()
        if title_en is not None:
            asset.title_en = title_en.strip() or None
        if credit_en is not None:
            asset.credit_en = credit_en.strip() or None
        if role is not None and role is not asset.role:
            allowed = _VIDEO_ROLES if asset.kind is MediaKind.VIDEO else _IMAGE_ROLES
            if role not in allowed:
                what = "une vidéo" if asset.kind is MediaKind.VIDEO else "une image"
                raise MediaAdminError(
                    f"{asset.title or asset.path} : {what} ne peut pas avoir le rôle "
                    f"« {role.value} »."
                )
            asset.role = role
            if role is not MediaRole.AFTERMOVIE:
                asset.is_film = False
        return _entry(session, asset)


def set_film(catalogue: Catalogue, media_id: int) -> MediaEntry:
    """Make a video the film of the road trip: the one big tile of the videos screen. It takes
    the aftermovie role; whichever video was the film before becomes one of the other films."""
    with catalogue.session() as session:
        asset = _get(session, media_id)
        if asset.kind is not MediaKind.VIDEO:
            raise MediaAdminError(
                f"{asset.title or asset.path} : seule une vidéo peut être le film."
            )
        for other in session.scalars(
            select(MediaAsset).where(MediaAsset.is_film, MediaAsset.id != media_id)
        ):
            other.is_film = False
        asset.role = MediaRole.AFTERMOVIE
        asset.is_film = True
        return _entry(session, asset)
