"""The Corbeille: what staff removed, listed and restored.

Three kinds of things go there, each as a row of ``trash_items`` (so the list survives a restart
and travels with the catalogue file, never in a bundle):

- a **media** removed or replaced in the Médias tab or with ``kiosk media remove``: its row and
  what it was used by (places by slug, albums by slug and position, whether it was the film), its
  files moved to ``trash/<date>/…`` (:func:`kiosk.library.media_admin.remove_media`);
- a **place** deleted in the Lieux tab (or by any ORM door): its row, its tags and its photo and
  video by content hash (:mod:`kiosk.store.models` keeps it in the deleting transaction);
- a text **page** deleted in the Pages tab (or by any ORM door): its row, kept the same way.

Restoring a media checks its file against its hash, moves it back where it was and re-creates
its row (the same hash, the same id when free) and the links whose other end still exists; if
the same content was imported again meanwhile, the links go to that media and nothing is
duplicated. Restoring a place re-creates it with its tags, and its photo and video when those
media are in the catalogue. Restoring a page re-creates it as it was, published or not, at its
place among the pages. What cannot be linked again is said, line by line. Nothing here
deletes anything for good.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot
from kiosk.library.durable import sha256_of
from kiosk.library.media_admin import TRASH_DIR
from kiosk.library.slugs import free_slug, slug_taken
from kiosk.library.trash_records import (
    data_problem,
    describe,
    file_list,
    file_list_of,
    read_data,
)
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    AlbumItem,
    MediaAsset,
    MediaKind,
    MediaRole,
    Page,
    Place,
    Tag,
    TrashItem,
    TrashKind,
)
from kiosk.store.validation import media_path_problem


class TrashError(Exception):
    """A Corbeille item that cannot be restored; the message names it and why. Nothing changed."""


@dataclass(frozen=True)
class TrashEntry:
    """One item of the Corbeille as staff see it."""

    id: int
    kind: TrashKind
    label: str
    removed_at: datetime
    detail: str  # what it was: "vidéo · le film de l'écran Vidéos", "lieu · Bourbon…", "page · …"
    files: tuple[str, ...]  # where its files are, under trash/
    missing_files: bool = False  # a media whose file is neither in trash/ nor back in place
    unreadable: str | None = None  # why its row cannot be read (then it cannot be restored)

    @property
    def removed_local(self) -> datetime:
        """When it was removed, in this machine's time (the catalogue keeps UTC)."""
        return self.removed_at.replace(tzinfo=UTC).astimezone()


@dataclass
class Restored:
    """What a restore did: ``summary`` in one line, then one line per link not made again."""

    kind: TrashKind
    label: str
    summary: str
    notes: list[str] = field(default_factory=list)
    media_id: int | None = None
    place_id: int | None = None
    page_id: int | None = None


def list_trash(catalogue: Catalogue, root: ContentRoot | None = None) -> list[TrashEntry]:
    """Every item of the Corbeille, the newest first; a row that cannot be read is listed too,
    with ``unreadable`` saying why (its restore is refused)."""
    with catalogue.session() as session:
        rows = session.execute(
            select(
                TrashItem.id,
                type_coerce(TrashItem.kind, String),  # an unknown kind must not stop the list
                TrashItem.label,
                TrashItem.removed_at,
                TrashItem.data,
                TrashItem.files,
            ).order_by(TrashItem.removed_at.desc(), TrashItem.id.desc())
        ).all()
    entries = []
    for item_id, kind_text, label, removed_at, data_text, files_text in rows:
        files = tuple(file_list(files_text))
        problem = data_problem(kind_text, data_text)
        if problem is not None:
            kind = TrashKind(kind_text) if kind_text in set(TrashKind) else TrashKind.MEDIA
            detail = f"illisible : {problem} ; il ne peut pas être restauré"
            entries.append(
                TrashEntry(item_id, kind, label, removed_at, detail, files, unreadable=problem)
            )
            continue
        kind = TrashKind(kind_text)
        data = read_data(data_text)
        missing = False
        if kind is TrashKind.MEDIA and root is not None:
            missing = _media_source(root, data, verify=False) is None
        entries.append(
            TrashEntry(item_id, kind, label, removed_at, describe(kind, data), files, missing)
        )
    return entries


def restore(catalogue: Catalogue, root: ContentRoot, item_id: int) -> Restored:
    """Restore one item of the Corbeille (see the module's text); :class:`TrashError` when it
    cannot be, with nothing changed. A ValidationError of the gate passes through (nothing
    changed either)."""
    with catalogue.session() as session:
        found = session.execute(
            select(type_coerce(TrashItem.kind, String), TrashItem.label, TrashItem.data).where(
                TrashItem.id == item_id
            )
        ).first()
    if found is None:
        raise TrashError(f"corbeille n°{item_id} : introuvable.")
    kind_text, label, data_text = found
    problem = data_problem(kind_text, data_text)
    if problem is not None:
        raise TrashError(
            f"corbeille n°{item_id} « {label} » : illisible ({problem}) ; rien n'a été changé."
        )
    kind = TrashKind(kind_text)
    if kind is TrashKind.PLACE:
        return _restore_place(catalogue, item_id)
    if kind is TrashKind.PAGE:
        return _restore_page(catalogue, item_id)
    return _restore_media(catalogue, root, item_id)


# ---------------------------------------------------------------------------------------------
# Media


def _restore_media(catalogue: Catalogue, root: ContentRoot, item_id: int) -> Restored:
    moves: list[tuple[Path, Path]] = []  # (from, to) done, undone if the commit fails
    try:
        with catalogue.session() as session:
            record = session.get(TrashItem, item_id)
            assert record is not None
            data = _data(record)
            row = dict(data.get("row") or {})
            label = record.label
            notes: list[str] = []
            sha = str(row.get("sha256", ""))
            existing = session.scalars(select(MediaAsset).where(MediaAsset.sha256 == sha)).first()
            if existing is not None:
                asset = existing
                summary = (
                    f"« {label} » : le même contenu a été importé de nouveau entre-temps (média "
                    f"n°{existing.id} « {existing.title or existing.path} ») ; ses usages lui "
                    "sont rendus, rien n'est en double."
                )
                if file_list_of(data):
                    notes.append("sa copie reste dans la corbeille (trash/), inutile désormais")
            else:
                asset = _recreate_media(session, root, data, row, moves, notes)
                summary = f"« {label} » restauré (média n°{asset.id}), fichier remis en place."
            _relink_media(session, asset, data, notes)
            session.delete(record)
            session.flush()
            result = Restored(TrashKind.MEDIA, label, summary, notes, media_id=asset.id)
    except BaseException:
        for source, target in reversed(moves):  # the catalogue is unchanged: so are the files
            _move(target, source)
        raise
    return result


def _recreate_media(
    session: Session,
    root: ContentRoot,
    data: dict[str, Any],
    row: dict[str, Any],
    moves: list[tuple[Path, Path]],
    notes: list[str],
) -> MediaAsset:
    path = str(row.get("path", ""))
    problem = media_path_problem(path)
    if problem:
        raise TrashError(f"« {row.get('title') or path} » : chemin refusé ({problem}).")
    taken = session.scalars(select(MediaAsset).where(MediaAsset.path == path)).first()
    if taken is not None:
        raise TrashError(
            f"« {row.get('title') or path} » : un autre média (n°{taken.id}) occupe déjà {path}."
        )
    source = _media_source(root, data)
    if source is None:
        raise TrashError(
            f"« {row.get('title') or path} » : son fichier n'est plus dans la corbeille "
            f"(trash/) ni à sa place ({path}) ; rien n'a été changé."
        )
    target = root.home / path
    if source != target:
        _move_into_place(source, target, moves)
    subtitles = row.get("subtitles_path")
    if subtitles:
        sub_source = _trashed_copy(root, data, str(subtitles))
        sub_target = root.home / str(subtitles)
        if media_path_problem(str(subtitles)) is None and sub_source is not None:
            if not sub_target.exists():
                _move_into_place(sub_source, sub_target, moves)
        elif not sub_target.is_file():
            notes.append("ses sous-titres n'ont pas été retrouvés : la vidéo est sans eux")
            row["subtitles_path"] = None
    values = {
        name: value
        for name, value in row.items()
        if name in MediaAsset.__table__.columns and name not in ("id", "is_film")
    }
    values["kind"] = MediaKind(values["kind"])
    values["role"] = MediaRole(values["role"])
    if isinstance(values.get("created_at"), str):
        values["created_at"] = datetime.fromisoformat(values["created_at"])
    asset = MediaAsset(**values)
    old_id = row.get("id")
    if isinstance(old_id, int) and session.get(MediaAsset, old_id) is None:
        asset.id = old_id
    session.add(asset)
    session.flush()
    return asset


def _relink_media(
    session: Session, asset: MediaAsset, data: dict[str, Any], notes: list[str]
) -> None:
    name = asset.title or asset.path
    if data.get("was_film"):
        chosen = session.scalars(
            select(MediaAsset).where(MediaAsset.is_film, MediaAsset.id != asset.id)
        ).first()
        if chosen is None and asset.kind is MediaKind.VIDEO:
            asset.is_film = True
            asset.role = MediaRole.AFTERMOVIE
        elif chosen is not None:
            notes.append(
                f"« {chosen.title or chosen.path} » est le film maintenant ; touchez « Choisir "
                f"comme film » pour remettre « {name} »"
            )
    for column, what in (("photo_id", "photo"), ("video_id", "vidéo")):
        for slug in data.get("place_photo" if column == "photo_id" else "place_video") or []:
            place = session.scalars(select(Place).where(Place.slug == slug)).first()
            if place is None:
                notes.append(f"le lieu « {slug} » n'existe plus : pas de {what} remise")
            elif getattr(place, column) not in (None, asset.id):
                notes.append(f"le lieu « {place.name} » a une autre {what} maintenant : gardée")
            else:
                setattr(place, column, asset.id)
    for item in data.get("album_items") or []:
        album = session.scalars(select(Album).where(Album.slug == item.get("album"))).first()
        if album is None:
            notes.append(f"le carnet « {item.get('album')} » n'existe plus : dessin non remis")
            continue
        if any(existing.media_id == asset.id for existing in album.items):
            continue
        _insert_into_album(session, album, asset, item)


def _insert_into_album(
    session: Session, album: Album, asset: MediaAsset, item: dict[str, Any]
) -> None:
    """Put the drawing back at its place in the album (its index then), the others after it."""
    items = sorted(album.items, key=lambda existing: existing.position)
    index = item.get("index")
    index = min(index, len(items)) if isinstance(index, int) and index >= 0 else len(items)
    # Positions are unique per album: move every item out of the way, then number them again.
    lowest = session.scalar(
        select(func.min(AlbumItem.position)).where(AlbumItem.album_id == album.id)
    )
    offset = min(int(lowest or 0), 0) - len(items) - 1
    for n, existing in enumerate(items):
        existing.position = offset - n
    session.flush()
    restored = AlbumItem(
        album=album,
        media=asset,
        position=index,
        caption=str(item.get("caption") or ""),
        caption_en=item.get("caption_en"),
    )
    for n, existing in enumerate(items):
        existing.position = n if n < index else n + 1
    session.add(restored)


def _media_source(root: ContentRoot, data: dict[str, Any], *, verify: bool = True) -> Path | None:
    """Where the removed media's file is now: back in its place already (a crash between the
    removal's commit and the move; the same content), else its copy in trash/, checked against
    the hash (``verify``; else only its size, for the list). None when neither is there."""
    row = data.get("row") or {}
    path, sha = str(row.get("path", "")), str(row.get("sha256", ""))
    size = row.get("size_bytes")

    def same(candidate: Path) -> bool:
        if verify:
            return sha256_of(candidate) == sha
        return candidate.stat().st_size == size

    if media_path_problem(path) is None:
        in_place = root.home / path
        if in_place.is_file() and not in_place.is_symlink() and same(in_place):
            return in_place
    copy = _trashed_copy(root, data, path)
    if copy is not None and same(copy):
        return copy
    return None


def _trashed_copy(root: ContentRoot, data: dict[str, Any], original: str) -> Path | None:
    files = data.get("files") or {}
    relative = files.get(original) if isinstance(files, dict) else None
    if not isinstance(relative, str):
        return None
    candidate = root.home / relative
    if _inside_trash(root, candidate) and candidate.is_file() and not candidate.is_symlink():
        return candidate
    return None


def _inside_trash(root: ContentRoot, path: Path) -> bool:
    trash = (root.home / TRASH_DIR).resolve()
    try:
        path.resolve().relative_to(trash)
    except (ValueError, OSError):
        return False
    return True


def _move_into_place(source: Path, target: Path, moves: list[tuple[Path, Path]]) -> None:
    if target.exists():
        raise TrashError(
            f"{target.name} : un fichier est déjà à cette place ; rien n'a été changé."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    _move(source, target)
    moves.append((source, target))


def _move(source: Path, target: Path) -> None:
    try:
        source.replace(target)
    except OSError:
        shutil.move(str(source), str(target))


# ---------------------------------------------------------------------------------------------
# Places


def _restore_place(catalogue: Catalogue, item_id: int) -> Restored:
    with catalogue.session() as session:
        record = session.get(TrashItem, item_id)
        assert record is not None
        data = _data(record)
        row = dict(data.get("row") or {})
        notes: list[str] = []
        slug = str(row.get("slug", ""))
        name = str(row.get("name") or record.label)
        taken = slug_taken(session, Place)
        if taken(slug):
            new_slug = free_slug(slug, taken)
            notes.append(f"l'identifiant « {slug} » est pris par un autre lieu : « {new_slug} »")
            row["slug"] = new_slug
        values = {
            key: value
            for key, value in row.items()
            if key in Place.__table__.columns
            and key not in ("id", "photo_id", "video_id", "updated_at")
        }
        place = Place(**values)
        old_id = row.get("id")
        if isinstance(old_id, int) and session.get(Place, old_id) is None:
            place.id = old_id
        for column, key, what in (
            ("photo_id", "photo_sha256", "photo"),
            ("video_id", "video_sha256", "vidéo"),
        ):
            sha = data.get(key)
            if not sha:
                continue
            media_id = session.scalar(select(MediaAsset.id).where(MediaAsset.sha256 == sha))
            if media_id is None:
                in_trash = _trash_holds(session, str(sha))
                notes.append(
                    f"sa {what} est dans la corbeille : restaurez-la, puis choisissez-la dans Lieux"
                    if in_trash
                    else f"sa {what} n'est plus dans les médias"
                )
            else:
                setattr(place, column, media_id)
        tags = []
        for tag_data in data.get("tags") or []:
            tag_name = str(tag_data.get("name", ""))
            tag = session.scalars(select(Tag).where(Tag.name == tag_name)).first()
            if tag is None:
                tag = Tag(name=tag_name, name_en=tag_data.get("name_en"))
            tags.append(tag)
        place.tags = tags
        session.add(place)
        session.delete(record)
        session.flush()
        return Restored(
            TrashKind.PLACE, name, f"Lieu « {name} » restauré.", notes, place_id=place.id
        )


def _trash_holds(session: Session, sha: str) -> bool:
    for data_text in session.scalars(
        select(TrashItem.data).where(TrashItem.kind == TrashKind.MEDIA)
    ):
        if sha in data_text:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Pages


def _restore_page(catalogue: Catalogue, item_id: int) -> Restored:
    with catalogue.session() as session:
        record = session.get(TrashItem, item_id)
        assert record is not None
        row = dict(_data(record).get("row") or {})
        notes: list[str] = []
        title = str(row.get("title") or record.label)
        slug = str(row.get("slug", ""))
        taken = slug_taken(session, Page)
        if taken(slug):
            row["slug"] = free_slug(slug, taken)
            notes.append(
                f"l'identifiant « {slug} » est pris par une autre page : « {row['slug']} »"
            )
        values = {
            key: value
            for key, value in row.items()
            if key in Page.__table__.columns and key not in ("id", "updated_at")
        }
        page = Page(**values)
        old_id = row.get("id")
        if isinstance(old_id, int) and session.get(Page, old_id) is None:
            page.id = old_id
        session.add(page)
        session.delete(record)
        session.flush()
        shown = "sa tuile est de nouveau sur l'accueil" if page.published else "non publiée"
        return Restored(
            TrashKind.PAGE, title, f"Page « {title} » restaurée ({shown}).", notes, page_id=page.id
        )


# ---------------------------------------------------------------------------------------------


def _data(record: TrashItem) -> dict[str, Any]:
    return read_data(record.data)


def _file_list(record: TrashItem) -> list[str]:
    return file_list(record.files)


__all__ = ["Restored", "TrashEntry", "TrashError", "list_trash", "restore"]
