"""Staff work on the stored media: list them with what uses them, edit, replace, remove.

What uses a media is everything visitors see it in: the film and the other films of the videos
screen, the vignettes listed there, places' photos and videos, albums and the attract loop's
drawings, the map, images of pages (and the same, marked as not shown, where it is unpublished).

A removed or replaced file is not deleted: it is moved to ``trash/`` under the content root and
its row, with what it was used by, is kept in the Corbeille (``trash_items``), from which
:mod:`kiosk.library.trash` restores it. Removing a media that something uses is refused unless
the caller confirms (``force``); the refusal lists the uses.
"""

from __future__ import annotations

import gc
import json
import logging
import re
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
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library import settings
from kiosk.library.catalogue_views import film_id
from kiosk.library.importing import import_media, kind_of
from kiosk.library.media_store import MediaError
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    AlbumItem,
    MapImage,
    MediaAsset,
    MediaKind,
    MediaRole,
    Page,
    Place,
    Setting,
    TrashItem,
    TrashKind,
    row_data,
    trash_label,
)

TRASH_DIR = "trash"


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
    title_en: str | None = None
    credit_en: str | None = None

    @property
    def name(self) -> str:
        return self.title or Path(self.path).name

    @property
    def is_film(self) -> bool:
        """The film of the videos screen (chosen by staff, or the first aftermovie)."""
        return any(use.what == "film" for use in self.uses)

    @property
    def seen_by_visitors(self) -> tuple[MediaUse, ...]:
        return tuple(use for use in self.uses if use.visible)

    @property
    def needs_renaming(self) -> bool:
        """The title is still a file name (or looks like one): staff should rename it."""
        return looks_like_file_name(self.title, self.path)


_PAGE_SUFFIX = re.compile(r"\s+—\s+page\s+\d+$")
_CAMERA_NAME = re.compile(r"^(img|dsc|dscn|dscf|mvi|mov|vid|pxl|gopr|dji|p|sam|wp)[-_ ]?\d", re.I)


def looks_like_file_name(title: str, path: str = "") -> bool:
    """True for a title made from a file name: empty, the stored file's name, a camera's
    (IMG_2031, MVI 0001…), or one word with digits, underscores or dots, or all in lower case
    (``fullhd``, ``camera``, ``carnet-2-pages — page 1``). A title staff wrote, with spaces or
    capitals (« Le film », « Tintamarre »), is not."""
    base = _PAGE_SUFFIX.sub("", title.strip())
    if not base:
        return True
    if path and base in (Path(path).name, Path(path).stem):
        return True
    if _CAMERA_NAME.match(base):
        return True
    visible = [c for c in base if not c.isspace()]
    if sum(c.isdigit() for c in visible) * 2 > len(visible):
        return True  # mostly digits: a date or a counter, not a title ("2021 07 04")
    if " " in base:
        return False
    return any(c.isdigit() or c in "_." for c in base) or base == base.lower()


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
    MediaAsset.title_en,
    MediaAsset.credit_en,
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
        select(
            literal("page").label("what"),
            Page.title,
            type_coerce(Page.published, Integer),
            Page.body,
            Page.body_en,
        ),
        select(
            literal("place-text").label("what"),
            Place.name,
            type_coerce(Place.published, Integer),
            Place.description,
            Place.description_en,
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
                title_en,
                credit_en,
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
                title_en,
                credit_en,
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
    "looks_like_file_name",
    "move_to_trash",
    "remove_media",
    "replace_media",
    "set_film",
    "update_media",
    "uses_of",
]
