"""What uses a media: everything visitors see it in, told in plain French, and the refusal to
remove a media in use."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    String,
    column,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import QueryableAttribute, Session

from kiosk.library import settings
from kiosk.library.catalogue_views import film_id
from kiosk.store.models import (
    Album,
    AlbumItem,
    MapImage,
    MediaAsset,
    MediaRole,
    Page,
    Place,
    Setting,
)


class MediaAdminError(Exception):
    """A staff action on a media that cannot be done; the message names the media and why."""


_USE_TEXTS = {
    "film": "le film de l'écran Vidéos",
    "other-film": "autre film de l'écran Vidéos",
    "videos": "vidéo de l'écran Vidéos",
    "place-photo": "photo du lieu « {} »",
    "place-video": "vidéo du lieu « {} »",
    "album": "dessin du carnet « {} »",
    "attract": "dessin de la boucle d'attente",
    "map": "image de la carte « {} »",
    "page": "image de la page « {} »",
    "place-text": "image du texte du lieu « {} »",
}
_HIDDEN_TEXTS = {
    "other-film": " (masqué aux visiteurs)",
    "map": " (pas la carte affichée)",
    "page": " (non publiée)",
}


@dataclass(frozen=True)
class MediaUse:
    """One thing that uses a media. ``what`` is film, other-film, videos, place-photo,
    place-video, album, attract, map or page; ``visible`` says whether visitors see it there
    now (a place or album unpublished, a map not the current one, other films hidden: not)."""

    what: str
    label: str
    visible: bool = True

    def describe(self) -> str:
        text = _USE_TEXTS[self.what].format(self.label)
        if not self.visible:
            text += _HIDDEN_TEXTS.get(self.what, " (non publié)")
        return text


class MediaInUseError(MediaAdminError):
    def __init__(self, media: str, uses: list[MediaUse]) -> None:
        self.uses = uses
        listed = " ; ".join(use.describe() for use in uses)
        super().__init__(f"{media} : utilisé par {listed}. Confirmez pour le retirer quand même.")


# Up to this many media, their uses are looked up by id; above, all uses are read at once.
_FEW_MEDIA = 200


def uses_of(session: Session, media_id: int) -> list[MediaUse]:
    return list(_uses_by_media(session, [media_id]).get(media_id, ()))


def all_uses(session: Session, media_ids: list[int] | None = None) -> dict[int, list[MediaUse]]:
    """What uses each media (all media when ``media_ids`` is None), in one query."""
    return {media_id: list(uses) for media_id, uses in _uses_by_media(session, media_ids).items()}


def _texts(
    what: str,
    title: QueryableAttribute[str],
    published: QueryableAttribute[bool],
    body: QueryableAttribute[str],
    body_en: QueryableAttribute[str | None],
) -> Select[str, str, int, str, str | None]:
    """A table's Markdown texts as rows (what, title, published, body, body_en), for a union."""
    return select(
        literal(what).label("what"), title, type_coerce(published, Integer), body, body_en
    )


def _uses_by_media(
    executor: Session | Connection, media_ids: Sequence[int] | None = None
) -> dict[int, tuple[MediaUse, ...]]:
    """Everything visitors see each media in, in the order the staff reads it: the videos
    screen (the film, other films, vignettes of no place), then places by name (photo before
    video), albums by item, the attract loop, maps, pages.

    One UNION ALL over places, album items and maps, two small queries (the videos screen's
    roles, the settings that decide what shows) and the pages' bodies scanned for paths."""

    def restrict(column: Any) -> Any:
        return column.in_(media_ids) if media_ids is not None else column.is_not(None)

    def use(
        media: Any, what: str, label: Any, visible: Any, group: int, sort_text: Any, sort_id: Any
    ) -> Any:
        return select(
            media.label("media_id"),
            literal(what).label("what"),
            label.label("label"),
            type_coerce(visible, Integer).label("visible"),
            literal(group).label("use_group"),
            sort_text.label("sort_text"),
            sort_id.label("sort_id"),
        ).where(restrict(media))

    statement = union_all(
        use(Place.photo_id, "place-photo", Place.name, Place.published, 0, Place.name, Place.id),
        use(Place.video_id, "place-video", Place.name, Place.published, 0, Place.name, Place.id),
        use(
            AlbumItem.media_id, "album", Album.title, Album.published, 1, literal(""), AlbumItem.id
        ).join(Album, AlbumItem.album_id == Album.id),
        use(
            MapImage.image_id,
            "map",
            MapImage.title,
            MapImage.is_current,
            2,
            literal(""),
            MapImage.id,
        ),
    ).order_by(column("use_group"), column("sort_text"), column("sort_id"), column("what"))
    grouped: dict[int, list[MediaUse]] = {}
    places_of: set[int] = set()
    in_shown_album: set[int] = set()
    maps: dict[int, list[MediaUse]] = {}
    for media_id, what, label, visible, *_order in executor.execute(statement):
        found = MediaUse(what, label, bool(visible))
        if what == "map":
            maps.setdefault(media_id, []).append(found)
            continue
        grouped.setdefault(media_id, []).append(found)
        if what == "place-video" and visible:
            places_of.add(media_id)  # its place's sheet shows it (and the videos screen does)
        elif what == "album" and visible:
            in_shown_album.add(media_id)
    shown = settings.from_stored(
        dict(
            executor.execute(
                select(Setting.key, Setting.value).where(
                    Setting.key.in_(("attract_drawings", "show_other_films"))
                )
            ).all()
        )
    )
    # The videos screen: one film, the other films (unless hidden), every vignette.
    the_film = film_id(executor)
    screen: dict[int, MediaUse] = {}
    roles = select(MediaAsset.id, type_coerce(MediaAsset.role, String)).where(
        MediaAsset.role.in_([MediaRole.AFTERMOVIE, MediaRole.VIGNETTE]), restrict(MediaAsset.id)
    )
    for media_id, role in executor.execute(roles):
        if media_id == the_film:
            continue
        if role == MediaRole.AFTERMOVIE.value:
            screen[media_id] = MediaUse("other-film", "", shown.show_other_films)
        elif media_id not in places_of:
            screen[media_id] = MediaUse("videos", "")
    if the_film is not None and (media_ids is None or the_film in media_ids):
        screen[the_film] = MediaUse("film", "")
    # Images of pages and places' texts: the paths their Markdown names (assets/…).
    pages: dict[str, list[MediaUse]] = {}
    texts = union_all(
        _texts("page", Page.title, Page.published, Page.body, Page.body_en),
        _texts(
            "place-text", Place.name, Place.published, Place.description, Place.description_en
        ).where(
            or_(Place.description.contains("assets/"), Place.description_en.contains("assets/"))
        ),
    )
    for what, title, published, body, body_en in executor.execute(texts):
        for path in dict.fromkeys(_MEDIA_REFERENCE.findall(f"{body}\n{body_en or ''}")):
            pages.setdefault(path, []).append(MediaUse(what, title, bool(published)))
    page_media: dict[int, list[MediaUse]] = {}
    if pages:
        for media_id, path in executor.execute(
            select(MediaAsset.id, MediaAsset.path).where(
                MediaAsset.path.in_(list(pages)), restrict(MediaAsset.id)
            )
        ):
            page_media[media_id] = pages[path]
    attract = MediaUse("attract", "")
    result: dict[int, tuple[MediaUse, ...]] = {}
    for media_id in {*grouped, *screen, *maps, *page_media}:
        uses: list[MediaUse] = []
        if media_id in screen:
            uses.append(screen[media_id])
        uses.extend(grouped.get(media_id, ()))
        if shown.attract_drawings and media_id in in_shown_album:
            uses.append(attract)
        uses.extend(maps.get(media_id, ()))
        uses.extend(page_media.get(media_id, ()))
        result[media_id] = tuple(uses)
    return result


# A media path as a page's Markdown names it: ![…](assets/….png), or <assets/…> in a link.
_MEDIA_REFERENCE = re.compile(r"(?<![\w/.-])((?:assets|videos)/[^\s()<>\"'\]\[]+)")


def _get(session: Session, media_id: int) -> MediaAsset:
    asset = session.get(MediaAsset, media_id)
    if asset is None:
        raise MediaAdminError(f"média n°{media_id} : introuvable dans le catalogue.")
    return asset
