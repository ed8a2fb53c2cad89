"""Staff work on the stored media: list them with what uses them, edit, replace, remove.

A removed or replaced file is not deleted: it is moved to ``trash/`` under the content root, so a
mistake can be undone by hand. Removing a media that something uses is refused unless the caller
confirms (``force``); the refusal lists the uses.
"""

from __future__ import annotations

import gc
import logging
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

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
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library.importing import import_media, kind_of
from kiosk.library.media_store import MediaError
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, AlbumItem, MapImage, MediaAsset, MediaKind, MediaRole, Place

TRASH_DIR = "trash"


class MediaAdminError(Exception):
    """A staff action on a media that cannot be done; the message names the media and why."""


@dataclass(frozen=True)
class MediaUse:
    """One thing that uses a media: ``what`` is place-photo, place-video, album or map."""

    what: str
    label: str

    def describe(self) -> str:
        return {
            "place-photo": "photo du lieu « {} »",
            "place-video": "vidéo du lieu « {} »",
            "album": "dessin du carnet « {} »",
            "map": "image de la carte « {} »",
        }[self.what].format(self.label)


class MediaInUseError(MediaAdminError):
    def __init__(self, media: str, uses: list[MediaUse]) -> None:
        self.uses = uses
        listed = " ; ".join(use.describe() for use in uses)
        super().__init__(f"{media} : utilisé par {listed}. Confirmez pour le retirer quand même.")


class MediaEntry(NamedTuple):
    """One stored media and what uses it, as the staff list shows it.

    A named tuple rather than a frozen dataclass: the staff list builds 10,000 of them, and a
    tuple is built in half the time (a frozen dataclass sets each field through
    ``object.__setattr__``).
    """

    id: int
    kind: MediaKind
    role: MediaRole
    title: str
    credit: str
    path: str
    sha256: str
    size_bytes: int
    width: int | None
    height: int | None
    duration_s: float | None
    is_demo: bool
    uses: tuple[MediaUse, ...]

    @property
    def name(self) -> str:
        return self.title or Path(self.path).name


# The columns of a MediaEntry, in its order (``uses`` apart). Kind, role and the demo flag come as
# their stored text/integer and are converted by :func:`_entries` with a dict look-up: the
# Enum/Boolean result processors were about a fifth of the listing's time over 10,000 media.
_ENTRY_COLUMNS = (
    MediaAsset.id,
    type_coerce(MediaAsset.kind, String),
    type_coerce(MediaAsset.role, String),
    MediaAsset.title,
    MediaAsset.credit,
    MediaAsset.path,
    MediaAsset.sha256,
    MediaAsset.size_bytes,
    MediaAsset.width,
    MediaAsset.height,
    MediaAsset.duration_s,
    type_coerce(MediaAsset.is_demo, Integer),
)
_KINDS = {kind.value: kind for kind in MediaKind}
_ROLES = {role.value: role for role in MediaRole}
# Up to this many media, their uses are looked up by id; above, all uses are read at once.
_FEW_MEDIA = 200


def uses_of(session: Session, media_id: int) -> list[MediaUse]:
    return list(_uses_by_media(session, [media_id]).get(media_id, ()))


def all_uses(session: Session, media_ids: list[int] | None = None) -> dict[int, list[MediaUse]]:
    """What uses each media (all media when ``media_ids`` is None), in one query."""
    return {media_id: list(uses) for media_id, uses in _uses_by_media(session, media_ids).items()}


def _uses_by_media(
    executor: Session | Connection, media_ids: Sequence[int] | None = None
) -> dict[int, tuple[MediaUse, ...]]:
    """One UNION ALL over places (photo, video), album items and maps, in the order the staff
    reads them: places by name (photo before video), then albums by item, then maps."""

    def restrict(column: Any) -> Any:
        return column.in_(media_ids) if media_ids is not None else column.is_not(None)

    def use(media: Any, what: str, label: Any, group: int, sort_text: Any, sort_id: Any) -> Any:
        return select(
            media.label("media_id"),
            literal(what).label("what"),
            label.label("label"),
            literal(group).label("use_group"),
            sort_text.label("sort_text"),
            sort_id.label("sort_id"),
        ).where(restrict(media))

    statement = union_all(
        use(Place.photo_id, "place-photo", Place.name, 0, Place.name, Place.id),
        use(Place.video_id, "place-video", Place.name, 0, Place.name, Place.id),
        use(AlbumItem.media_id, "album", Album.title, 1, literal(""), AlbumItem.id).join(
            Album, AlbumItem.album_id == Album.id
        ),
        use(MapImage.image_id, "map", MapImage.title, 2, literal(""), MapImage.id),
    ).order_by(column("use_group"), column("sort_text"), column("sort_id"), column("what"))
    grouped: dict[int, list[MediaUse]] = {}
    for media_id, what, label, *_order in executor.execute(statement):
        grouped.setdefault(media_id, []).append(MediaUse(what, label))
    return {media_id: tuple(uses) for media_id, uses in grouped.items()}


def _entries(
    executor: Session | Connection, statement: Select[*tuple[Any, ...]]
) -> list[MediaEntry]:
    """The entries of the rows ``statement`` selects (``_ENTRY_COLUMNS``): plain Core rows into
    named tuples, no ORM object, and the uses of all of them in one more query."""
    with _collector_paused():
        rows = executor.execute(statement).all()
        ids = None if len(rows) > _FEW_MEDIA else [row[0] for row in rows]
        uses = _uses_by_media(executor, ids)
        no_use: tuple[MediaUse, ...] = ()
        kinds, roles = _KINDS, _ROLES
        return [
            MediaEntry(
                media_id,
                kinds[kind],
                roles[role],
                title,
                credit,
                path,
                sha256,
                size_bytes,
                width,
                height,
                duration_s,
                bool(is_demo),
                uses.get(media_id, no_use),
            )
            for (
                media_id,
                kind,
                role,
                title,
                credit,
                path,
                sha256,
                size_bytes,
                width,
                height,
                duration_s,
                is_demo,
            ) in rows
        ]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a listing builds its rows: 10,000 rows and entries,
    all kept, would otherwise set off collections that walk the whole (Qt + SQLAlchemy) heap,
    a sixth of the listing's time. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _entry(session: Session, asset: MediaAsset) -> MediaEntry:
    session.flush()
    (entry,) = _entries(session, select(*_ENTRY_COLUMNS).where(MediaAsset.id == asset.id))
    return entry


def list_media(catalogue: Catalogue, kind: MediaKind | None = None) -> list[MediaEntry]:
    """Every media (or those of one kind) by kind, role and id, with what uses each."""
    statement = select(*_ENTRY_COLUMNS).order_by(MediaAsset.kind, MediaAsset.role, MediaAsset.id)
    if kind is not None:
        statement = statement.where(MediaAsset.kind == kind)
    with catalogue.engine.connect() as connection:
        return _entries(connection, statement)


def find_media(catalogue: Catalogue, reference: str) -> MediaEntry:
    """A media by id, stored path, file name or hash prefix (at least 8 characters)."""
    with catalogue.session() as session:
        candidates: list[MediaAsset] = []
        if reference.isdigit():
            found = session.get(MediaAsset, int(reference))
            candidates = [found] if found else []
        if not candidates:
            conditions = [MediaAsset.path == reference, MediaAsset.path.endswith("/" + reference)]
            if len(reference) >= 8:
                conditions.append(MediaAsset.sha256.startswith(reference.lower()))
            candidates = list(session.scalars(select(MediaAsset).where(or_(*conditions))))
        if not candidates:
            raise MediaAdminError(f"{reference} : aucun média ne correspond.")
        if len(candidates) > 1:
            raise MediaAdminError(f"{reference} : plusieurs médias correspondent, précisez.")
        return _entry(session, candidates[0])


def update_media(
    catalogue: Catalogue,
    media_id: int,
    *,
    title: str | None = None,
    credit: str | None = None,
    role: MediaRole | None = None,
) -> MediaEntry:
    with catalogue.session() as session:
        asset = _get(session, media_id)
        if title is not None:
            asset.title = title.strip()[:200]
        if credit is not None:
            asset.credit = credit.strip()[:200]
        if role is not None:
            asset.role = role
        return _entry(session, asset)


@dataclass(frozen=True)
class Removal:
    media: str
    uses_removed: tuple[MediaUse, ...]
    trashed_to: Path | None


def remove_media(
    catalogue: Catalogue, root: ContentRoot, media_id: int, *, force: bool = False
) -> Removal:
    """Remove a media from the catalogue and move its file to the trash.

    When something uses it, refuse (:class:`MediaInUseError` lists the uses) unless ``force``:
    then places lose the photo/video, albums lose the drawing; the image of a map is never
    removed (choose another map image first).
    """
    with catalogue.session() as session:
        asset = _get(session, media_id)
        uses = uses_of(session, media_id)
        name = asset.title or asset.path
        if any(use.what == "map" for use in uses):
            raise MediaAdminError(
                f"{name} : c'est l'image d'une carte ; choisissez d'abord une autre image "
                "pour cette carte (onglet Carte)."
            )
        if uses and not force:
            raise MediaInUseError(name, uses)
        for place in session.scalars(
            select(Place).where(or_(Place.photo_id == media_id, Place.video_id == media_id))
        ):
            if place.photo_id == media_id:
                place.photo_id = None
            if place.video_id == media_id:
                place.video_id = None
        for item in list(session.scalars(select(AlbumItem).where(AlbumItem.media_id == media_id))):
            session.delete(item)
        paths = [asset.path] + ([asset.subtitles_path] if asset.subtitles_path else [])
        session.delete(asset)
    trashed: Path | None = None
    for relative in paths:
        moved = move_to_trash(root, relative)
        trashed = trashed or moved
    return Removal(name, tuple(uses), trashed)


def replace_media(
    catalogue: Catalogue, root: ContentRoot, media_id: int, source: Path
) -> MediaEntry:
    """Put the content of ``source`` in place of a media everywhere it is used.

    The new file is checked and stored like any import; it keeps the old one's title, role and
    credit; the old file goes to the trash. A file of another kind (video for image) is refused.
    """
    with catalogue.session() as session:
        old = _get(session, media_id)
        if kind_of(source) is not old.kind:
            raise MediaAdminError(
                f"{source} : un média de type {old.kind.value} ne peut être remplacé que par un "
                "fichier du même type."
            )
        new = import_media(session, root, source, old.role, title=old.title, credit=old.credit)
        if new.id == old.id:
            raise MediaAdminError(f"{source} : c'est déjà le contenu de ce média.")
        new.title_en = new.title_en or old.title_en
        for place in session.scalars(select(Place).where(Place.photo_id == old.id)):
            place.photo_id = new.id
        for place in session.scalars(select(Place).where(Place.video_id == old.id)):
            place.video_id = new.id
        for item in session.scalars(select(AlbumItem).where(AlbumItem.media_id == old.id)):
            item.media_id = new.id
        for map_image in session.scalars(select(MapImage).where(MapImage.image_id == old.id)):
            map_image.image_id = new.id
        old_paths = [old.path] + ([old.subtitles_path] if old.subtitles_path else [])
        session.flush()
        session.delete(old)
        session.flush()
        entry = _entry(session, new)
    for relative in old_paths:
        if relative != entry.path:
            move_to_trash(root, relative)
    return entry


def move_to_trash(root: ContentRoot, relative: str, batch: str | None = None) -> Path | None:
    """Move a file of the content root to ``trash/<batch>/<its path>``; return where it went.

    Only files of ``assets/`` and ``videos/`` ever move: a path naming anything else (``data.db``,
    ``../x``, ``/tmp/x``, a link leading out), as a catalogue row written before the gate could,
    is logged and left where it is (None is returned)."""
    try:
        source = root.absolute(relative)
    except UnsafePathError as error:
        logging.getLogger("kiosk").warning("trash: refused to move %s", error)
        return None
    if not source.is_file():
        return None
    batch = batch or datetime.now().strftime("%Y-%m-%d")
    target = root.home / TRASH_DIR / batch / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    counter = 1
    while target.exists():
        target = target.with_name(f"{source.stem}-{counter}{source.suffix}")
        counter += 1
    try:
        source.replace(target)
    except OSError:
        shutil.move(str(source), str(target))
    return target


def _get(session: Session, media_id: int) -> MediaAsset:
    asset = session.get(MediaAsset, media_id)
    if asset is None:
        raise MediaAdminError(f"média n°{media_id} : introuvable dans le catalogue.")
    return asset


__all__ = [
    "MediaAdminError",
    "MediaEntry",
    "MediaError",
    "MediaInUseError",
    "MediaUse",
    "find_media",
    "list_media",
    "move_to_trash",
    "remove_media",
    "replace_media",
    "update_media",
    "uses_of",
]
