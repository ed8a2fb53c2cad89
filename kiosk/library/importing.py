"""Importing one media file: check it, copy it into the content root, record it.

The file is probed before anything is copied, so a bad file changes nothing. The same content
imported twice returns the asset already recorded.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot
from kiosk.library.images import renditions_for_import
from kiosk.library.media_store import MediaError, sha256_of, store_file
from kiosk.library.probe import VIDEO_MIME, probe_image, probe_video
from kiosk.store.models import MediaAsset, MediaKind, MediaRole

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"}
VIDEO_SUFFIXES = set(VIDEO_MIME)


def kind_of(path: Path) -> MediaKind:
    suffix = path.suffix.lower()
    if suffix in VIDEO_SUFFIXES:
        return MediaKind.VIDEO
    if suffix in IMAGE_SUFFIXES:
        return MediaKind.IMAGE
    raise MediaError(f"{path} : type de fichier non pris en charge ({suffix or 'sans extension'}).")


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
) -> MediaAsset:
    """Check, store and record ``source``; return its asset (an existing one for known content)."""
    kind = kind_of(source)
    existing = session.scalars(
        select(MediaAsset).where(MediaAsset.sha256 == sha256_of(source))
    ).first()
    if existing is not None:
        return existing
    if kind is MediaKind.VIDEO:
        video = probe_video(source)
        width, height, duration, mime = video.width, video.height, video.duration_s, video.mime_type
    else:
        # Decodes the whole image once (refusing bombs and truncated files) and caches its
        # renditions; its size is the upright one (after the EXIF orientation).
        renditions = renditions_for_import(root, source)
        image = probe_image(source)
        width, height, duration, mime = renditions.width, renditions.height, None, image.mime_type
    stored = store_file(root, source, kind)
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
