"""Removing and replacing a media: its file moved to trash/ and its row kept in the Corbeille
with its uses, never deleted."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library.importing import import_media, kind_of
from kiosk.library.media_admin.listing import MediaEntry, _entry
from kiosk.library.media_admin.uses import MediaAdminError, MediaInUseError, MediaUse, _get, uses_of
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    AlbumItem,
    MapImage,
    MediaAsset,
    Place,
    TrashItem,
    TrashKind,
    row_data,
    trash_label,
)

TRASH_DIR = "trash"


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
        kept = _trash_record(session, asset, uses)
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
    trashed = _move_files_to_trash(catalogue, root, kept, paths)
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
        kept = _trash_record(session, old, [], replaced_by=new.title or new.path)
        session.flush()
        session.delete(old)
        session.flush()
        entry = _entry(session, new)
    _move_files_to_trash(catalogue, root, kept, [p for p in old_paths if p != entry.path])
    return entry


def _trash_record(
    session: Session, asset: MediaAsset, uses: Sequence[MediaUse], *, replaced_by: str = ""
) -> int:
    """Keep a media's row and its links in the Corbeille (same transaction as its removal);
    return the Corbeille item's id. Places and albums are named by slug, media by content
    hash, so a restore finds them again whatever was renumbered meanwhile."""
    media_id = asset.id
    places = list(
        session.scalars(
            select(Place).where(or_(Place.photo_id == media_id, Place.video_id == media_id))
        )
    )
    items: list[dict[str, Any]] = []
    for item in session.scalars(select(AlbumItem).where(AlbumItem.media_id == media_id)):
        index = session.scalar(
            select(func.count())
            .select_from(AlbumItem)
            .where(AlbumItem.album_id == item.album_id, AlbumItem.position < item.position)
        )
        items.append(
            {
                "album": item.album.slug,
                "index": int(index or 0),
                "caption": item.caption,
                "caption_en": item.caption_en,
            }
        )
    data = {
        "row": row_data(asset),
        "was_film": any(use.what == "film" for use in uses) or asset.is_film,
        "place_photo": [p.slug for p in places if p.photo_id == media_id],
        "place_video": [p.slug for p in places if p.video_id == media_id],
        "album_items": items,
        "uses": [use.describe() for use in uses],
        "replaced_by": replaced_by,
        "files": {},
    }
    record = TrashItem(
        kind=TrashKind.MEDIA,
        label=trash_label(asset.title, Path(asset.path).name),
        data=json.dumps(data, ensure_ascii=True),
        files="[]",
    )
    session.add(record)
    session.flush()
    return record.id


def _move_files_to_trash(
    catalogue: Catalogue, root: ContentRoot, record_id: int, paths: Sequence[str]
) -> Path | None:
    """Move the files of a removed media to ``trash/`` (after the removal's commit) and write
    where each went into its Corbeille item; return where the first went."""
    moved: dict[str, str] = {}
    first: Path | None = None
    for relative in paths:
        target = move_to_trash(root, relative)
        if target is not None:
            moved[relative] = root.relative(target)
            first = first or target
    if moved:
        with catalogue.session() as session:
            record = session.get(TrashItem, record_id)
            if record is not None:
                data = json.loads(record.data)
                data["files"] = moved
                record.data = json.dumps(data, ensure_ascii=True)
                record.files = json.dumps(list(moved.values()), ensure_ascii=True)
    return first


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
