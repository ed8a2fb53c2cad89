"""Importing one media file: check it, copy it into the content root, record it.

The file is probed before anything is copied, so a bad file changes nothing. The same content
imported twice returns the asset already recorded.

What a file is comes from its content: a known extension only says which check it gets (a
``.ts`` is probed as a video, whatever its container really is), and a file with an unknown
extension or none is recognised by its content.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TypedDict, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX, sha256_of
from kiosk.library.images import PDF_SUFFIX, pdf_page_images, renditions_for_import
from kiosk.library.media_store import MediaError, store_file
from kiosk.library.probe import (
    IMAGE_MIME,
    IMAGE_SUFFIX,
    SoundOnlyError,
    check_not_empty,
    image_format,
    looks_like_video,
    probe_image,
    probe_video,
    reason_of,
)
from kiosk.store.models import MediaAsset, MediaKind, MediaRole

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp"})
# Wide on purpose: what cameras, phones, camcorders, TV captures and DVDs name their films.
# Only used to pick the files of a folder worth probing; the content decides.
VIDEO_SUFFIXES = frozenset(
    {
        ".mp4", ".m4v", ".mov", ".qt", ".3gp", ".3g2",  # ISO family (phones, cameras)
        ".mkv", ".webm",  # Matroska
        ".avi", ".divx",
        ".ts", ".mts", ".m2ts", ".m2t", ".tp", ".trp",  # MPEG-TS (camcorders AVCHD, TV)
        ".mpg", ".mpeg", ".mpe", ".vob", ".mod", ".tod",  # MPEG-PS (DVD, older camcorders)
        ".ogv", ".flv", ".f4v", ".wmv", ".asf", ".mxf", ".dv", ".dif",
    }
)  # fmt: skip
MEDIA_SUFFIXES = IMAGE_SUFFIXES | VIDEO_SUFFIXES | {PDF_SUFFIX}
NOT_MEDIA = "pas un fichier image, vidéo ou PDF"


class NotMediaError(MediaError):
    """A file that is no picture, film or PDF at all (a text, a spreadsheet…): not a broken one."""


def suffix_kind(path: Path) -> MediaKind | None:
    """What a file's extension announces (a hint for icons and folder listings), or None."""
    suffix = path.suffix.lower()
    if suffix in VIDEO_SUFFIXES:
        return MediaKind.VIDEO
    if suffix in IMAGE_SUFFIXES:
        return MediaKind.IMAGE
    return None


def kind_of(path: Path) -> MediaKind:
    """Video or image. A known extension says which one is expected (the probe that follows
    checks the content and refuses a picture named ``.mp4``); any other file is recognised by
    its content, or refused with the reason."""
    announced = suffix_kind(path)
    if announced is not None:
        return announced
    check_not_empty(path)
    try:
        with path.open("rb") as handle:
            magic = handle.read(5)
    except OSError as error:
        raise MediaError(f"{path} : {reason_of(error)}.") from None
    if magic == b"%PDF-":
        raise MediaError(
            f"{path} : c'est un PDF ; ajoutez « .pdf » à la fin du nom du fichier pour l'importer."
        )
    found = image_format(path)
    if found in IMAGE_MIME:
        return MediaKind.IMAGE
    if found is not None:
        raise MediaError(
            f"{path} : image {found} non prise en charge (JPEG, PNG, TIFF ou WebP seulement)."
        )
    try:
        looks_like_video(path)
    except SoundOnlyError:
        raise
    except MediaError:
        raise NotMediaError(f"{path} : {NOT_MEDIA}.") from None
    return MediaKind.VIDEO


def stored_suffix(path: Path, kind: MediaKind) -> str:
    """The extension the stored copy gets: the file's own when it is a known one, else the usual
    one of what its content is (a camera file named without extension becomes ``.mp4``)."""
    suffix = path.suffix.lower()
    if suffix in MEDIA_SUFFIXES:
        return suffix
    if kind is MediaKind.VIDEO:
        return looks_like_video(path).suffix
    return IMAGE_SUFFIX.get(image_format(path) or "", suffix)


class MediaLabels(TypedDict, total=False):
    """What staff (or the demo) say about a media file as it comes in."""

    title: str
    title_en: str | None
    credit: str
    is_demo: bool


def import_media(
    session: Session,
    root: ContentRoot,
    source: Path,
    role: MediaRole,
    *,
    title: str = "",
    title_en: str | None = None,
    credit: str = "",
    is_demo: bool = False,
    sha256: str | None = None,
) -> MediaAsset:
    """Check, store and record ``source``; return its asset (an existing one for known content).

    ``sha256``: the source's hash when the caller has it (a folder import hashes while it
    copies), so the file is not read again for it.
    """
    kind = kind_of(source)
    digest = sha256 or sha256_of(source)
    existing = session.scalars(select(MediaAsset).where(MediaAsset.sha256 == digest)).first()
    if existing is not None:
        return existing
    if kind is MediaKind.VIDEO:
        # Its size is the displayed one: upright (rotation metadata), square pixels.
        video = probe_video(source)
        width, height, duration, mime = video.width, video.height, video.duration_s, video.mime_type
    else:
        # Decodes the whole image once (refusing bombs and truncated files) and caches its
        # renditions; its size is the upright one (after the EXIF orientation).
        renditions = renditions_for_import(root, source, digest)
        image = probe_image(source)
        width, height, duration, mime = renditions.width, renditions.height, None, image.mime_type
    stored = store_file(root, source, kind, digest)
    asset = MediaAsset(
        kind=kind,
        role=role,
        title=title,
        title_en=title_en,
        credit=credit,
        path=stored.relative_path,
        sha256=stored.sha256,
        size_bytes=stored.size_bytes,
        mime_type=mime,
        width=width,
        height=height,
        duration_s=duration,
        is_demo=is_demo,
    )
    session.add(asset)
    session.flush()
    return asset


def import_image_file(
    session: Session,
    root: ContentRoot,
    source: Path,
    role: MediaRole,
    **labels: Unpack[MediaLabels],
) -> list[MediaAsset]:
    """Import an image, or each page of a PDF as its own image; return the assets in order.

    A PDF's pages are rendered to PNG files that become the stored masters of those pages
    (the same PDF imported again gives the same pages, stored once), titled by page.
    """
    if source.suffix.lower() != PDF_SUFFIX:
        return [import_media(session, root, source, role, **labels)]
    if not source.is_file():
        raise MediaError(f"{source} : fichier introuvable.")
    title, title_en = labels.get("title", ""), labels.get("title_en")
    with tempfile.TemporaryDirectory(dir=root.cache_dir, prefix=f"{TEMP_PREFIX}pdf-") as temporary:
        pages = pdf_page_images(source, Path(temporary))
        assets = []
        for number, page in enumerate(pages, start=1):
            page_labels = labels.copy()
            page_labels["title"] = f"{title or source.stem} — page {number}"
            page_labels["title_en"] = f"{title_en} — page {number}" if title_en else None
            assets.append(import_media(session, root, page, role, **page_labels))
    return assets
