"""Importing many files at once (a folder, a USB stick): progress, cancel, one result per file.

Each file is copied into its hash-named place in the content root while it is hashed (one read
of the source, progress reported per chunk, cancel checked per chunk: a cancelled copy removes
its temporary file), then :func:`kiosk.library.importing.import_media` checks it (PyAV, the image
pipeline), finds it already in place and records it in one transaction. A refused file is
removed again, so nothing of it stays.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot
from kiosk.library.durable import Copied, copy_hashed
from kiosk.library.images import PDF_SUFFIX, import_image_file
from kiosk.library.importing import (
    MEDIA_SUFFIXES,
    NOT_MEDIA,
    NotMediaError,
    import_media,
    kind_of,
    stored_suffix,
)
from kiosk.library.media_store import MediaError, folder_for
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
from kiosk.store.validation import ValidationError, check_value, has_visible_character

# The extensions of the files a folder import probes (a file without extension is probed too).
ACCEPTED_SUFFIXES = MEDIA_SUFFIXES
# What a folder holds that is nobody's content: left out of a folder import without a word.
SILENT_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})
SILENT_FOLDERS = frozenset({"system volume information", "$recycle.bin", "lost+found"})


class ImportCancelledError(Exception):
    """Staff pressed "Annuler": the file being copied was removed, nothing of it stays."""


class LinkError(MediaError):
    """A link that cannot be made (unknown place, wrong kind for the role…)."""


class CancelToken:
    """Set from any thread (the GUI's cancel button, Ctrl-C); checked between and inside files."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise ImportCancelledError("import annulé")


class Outcome(StrEnum):
    IMPORTED = "imported"
    PRESENT = "present"
    REFUSED = "refused"
    SKIPPED = "skipped"  # not a media file at all (a text, a spreadsheet…)
    CANCELLED = "cancelled"


OUTCOME_LABELS = {
    Outcome.IMPORTED: "importé",
    Outcome.PRESENT: "déjà présent",
    Outcome.REFUSED: "refusé",
    Outcome.SKIPPED: "ignoré",
    Outcome.CANCELLED: "annulé",
}


@dataclass(frozen=True)
class FileResult:
    source: Path
    outcome: Outcome
    reason: str = ""
    media_id: int | None = None
    stored_path: str | None = None


@dataclass(frozen=True)
class Progress:
    """Where an import is: the current file (index from 0) and bytes, of the file and overall."""

    file_index: int
    file_count: int
    source: Path
    file_done: int
    file_total: int
    overall_done: int
    overall_total: int

    @property
    def file_fraction(self) -> float:
        return self.file_done / self.file_total if self.file_total else 1.0

    @property
    def overall_fraction(self) -> float:
        return self.overall_done / self.overall_total if self.overall_total else 1.0


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)


@dataclass(frozen=True)
class Links:
    """Where imported files go: an album (slug or title), a place (slug or name), a role."""

    album: str | None = None
    place: str | None = None
    role: MediaRole | None = None


ProgressCallback = Callable[[Progress], None]
ResultCallback = Callable[[FileResult], None]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the media files inside named folders (sorted, hidden skipped).

    In a folder, a file is taken when its extension is one of a picture, a film or a PDF, or
    when it has none (its content decides then); :func:`skipped_files` names the others. A file
    named directly is kept whatever its type: its content decides, or it is refused with a
    reason.
    """
    return _walk(paths)[0]


def skipped_files(paths: Iterable[Path]) -> list[FileResult]:
    """The files of the named folders :func:`collect_files` leaves out, each with the reason
    (hidden files, the kiosk's own temporary files and system clutter are left out silently)."""
    return [FileResult(path, Outcome.SKIPPED, NOT_MEDIA) for path in _walk(paths)[1]]


def _walk(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    found: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and d.lower() not in SILENT_FOLDERS
            )
            for name in sorted(files):
                if name.startswith((".", "~$")) or name.lower() in SILENT_FILES:
                    continue
                candidate = Path(folder) / name
                suffix = candidate.suffix.lower()
                (found if not suffix or suffix in ACCEPTED_SUFFIXES else skipped).append(candidate)
    return found, skipped


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


def import_files(
    catalogue: Catalogue,
    root: ContentRoot,
    sources: list[Path],
    links: Links | None = None,
    *,
    progress: ProgressCallback | None = None,
    on_result: ResultCallback | None = None,
    cancel: CancelToken | None = None,
    skipped: Iterable[FileResult] = (),
) -> ImportReport:
    """Import ``sources`` one by one; a refused file never stops the others.

    ``skipped`` (from :func:`skipped_files`) are reported first, so the report names every file
    of the folders imported.
    """
    links = links or Links()
    check_links(catalogue, links)
    sizes = [_size_of(source) for source in sources]
    overall_total = sum(sizes)
    report = ImportReport()
    for result in skipped:
        report.results.append(result)
        if on_result is not None:
            on_result(result)
    done_before = 0
    for index, source in enumerate(sources):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break

        def file_progress(
            done: int, index: int = index, source: Path = source, before: int = done_before
        ) -> None:
            if progress is not None:
                progress(
                    Progress(
                        index,
                        len(sources),
                        source,
                        done,
                        sizes[index],
                        before + done,
                        overall_total,
                    )
                )

        try:
            result = import_one(catalogue, root, source, links, file_progress, cancel)
        except ImportCancelledError:
            result = FileResult(source, Outcome.CANCELLED, "annulé pendant la copie")
            report.cancelled = True
        report.results.append(result)
        if on_result is not None:
            on_result(result)
        if report.cancelled:
            break
        done_before += sizes[index]
    return report


def import_one(
    catalogue: Catalogue,
    root: ContentRoot,
    source: Path,
    links: Links,
    on_bytes: Callable[[int], None] | None = None,
    cancel: CancelToken | None = None,
) -> FileResult:
    """Copy, check and record one file; refusals come back as a result, cancel as an exception."""
    try:
        if not source.is_file():
            raise MediaError(f"{source} : fichier introuvable.")
        if source.suffix.lower() == PDF_SUFFIX:
            return _import_pdf(catalogue, root, source, links, on_bytes, cancel)
        kind = kind_of(source)
        role = default_role(kind, links)
        _check_role(kind, role, source)
        suffix = stored_suffix(source, kind)
        copied = _copy_in(root, source, kind, suffix, on_bytes, cancel)
        target, digest, created = copied.path, copied.sha256, copied.created
        try:
            with catalogue.session() as session:
                existing = session.scalars(
                    select(MediaAsset).where(MediaAsset.sha256 == digest)
                ).first()
                if existing is not None:
                    asset = existing
                else:
                    asset = import_media(
                        session, root, target, role, title=_title_of(source), sha256=digest
                    )
                _link(session, asset, links)
                outcome = Outcome.PRESENT if existing is not None else Outcome.IMPORTED
                media_id, stored = asset.id, asset.path
        except BaseException as error:
            if created and not _recorded(catalogue, digest):
                target.unlink(missing_ok=True)
            if isinstance(error, MediaError):
                raise MediaError(str(error).replace(str(target), str(source))) from None
            raise
        return FileResult(source, outcome, media_id=media_id, stored_path=stored)
    except NotMediaError:
        return FileResult(source, Outcome.SKIPPED, NOT_MEDIA)
    except MediaError as error:
        return FileResult(source, Outcome.REFUSED, _reason_only(str(error), source))
    except OSError as error:
        return FileResult(source, Outcome.REFUSED, f"lecture impossible ({error.strerror})")


def _import_pdf(
    catalogue: Catalogue,
    root: ContentRoot,
    source: Path,
    links: Links,
    on_bytes: Callable[[int], None] | None,
    cancel: CancelToken | None,
) -> FileResult:
    """A PDF of drawings: each page becomes an image of its own (the PDF itself is not kept).

    Its pages are rendered and recorded in one transaction, so a refused or cancelled PDF leaves
    no page behind.
    """
    if cancel is not None:
        cancel.check()
    role = default_role(MediaKind.IMAGE, links)
    _check_role(MediaKind.IMAGE, role, source)
    with catalogue.session() as session:
        known = set(session.scalars(select(MediaAsset.id)))
        # Never empty: the pages would then be titled from the raw file name.
        title = _title_of(source, MAX_TITLE - _PDF_PAGE_ROOM) or "Sans titre"
        assets = import_image_file(session, root, source, role, title=title)
        for asset in assets:
            _link(session, asset, links)
        pages = len(assets)
        new = sum(1 for asset in assets if asset.id not in known)
        first_id, first_path = assets[0].id, assets[0].path
    if on_bytes is not None:
        on_bytes(_size_of(source))
    outcome = Outcome.IMPORTED if new else Outcome.PRESENT
    detail = f"{pages} page(s) devenue(s) image(s)"
    return FileResult(source, outcome, detail, media_id=first_id, stored_path=first_path)


def _copy_in(
    root: ContentRoot,
    source: Path,
    kind: MediaKind,
    suffix: str,
    on_bytes: Callable[[int], None] | None,
    cancel: CancelToken | None,
) -> Copied:
    """Copy ``source`` to its hash-named place (temporary name, fsync, rename) while hashing:
    the one read of the source's bytes an import makes."""
    done = 0

    def on_chunk(chunk: bytes) -> None:
        nonlocal done
        if cancel is not None:
            cancel.check()
        done += len(chunk)
        if on_bytes is not None:
            on_bytes(done)

    return copy_hashed(
        source, folder_for(root, kind), lambda digest: f"{digest[:16]}{suffix}", on_chunk
    )


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
            album = Album(slug=slugify(links.album), title=links.album)
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


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c.lower() if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words) or "carnet"


MAX_TITLE = 200  # the gate's bound for media_assets.title
_PDF_PAGE_ROOM = len(" — page 99999")  # a PDF's pages are titled "<title> — page N"
_TAG_START = re.compile(r"<(?=\s*[/!?]?\s*[A-Za-z])")


def _title_of(source: Path, max_length: int = MAX_TITLE) -> str:
    """A media title from a file name, cleaned so the gate takes it (its ``title`` column).

    The name's bytes are read as UTF-8 (else Windows-1252), underscores become spaces; control
    characters, escape sequences and line breaks become spaces, invisible and direction
    characters are dropped, a ``<`` that would open a tag becomes ``‹``; spaces are collapsed
    and the title cut at ``max_length`` characters. A name with nothing visible gives an empty
    title (the media list then shows the file's name).
    """
    raw = os.fsencode(source.stem)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = unicodedata.normalize("NFC", text).replace("_", " ")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category in ("Cc", "Cs", "Zl", "Zp") else char)
    title = " ".join(_TAG_START.sub("\u2039", "".join(kept)).split())
    title = title[:max_length].rstrip()
    if not has_visible_character(title):
        return ""
    try:
        check_value("media_assets", "title", title)
    except ValidationError:
        return ""
    return title


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _recorded(catalogue: Catalogue, digest: str) -> bool:
    with catalogue.session() as session:
        return bool(
            session.scalar(
                select(func.count()).select_from(MediaAsset).where(MediaAsset.sha256 == digest)
            )
        )


def _reason_only(message: str, source: Path) -> str:
    """The reason part of a "path : reason" message (the caller names the file)."""
    head, separator, tail = message.partition(" : ")
    reason = tail if separator and ("/" in head or head == str(source)) else message
    return reason.rstrip(".")
