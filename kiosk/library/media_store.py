"""Copying media files into the content root, once per content hash, atomically.

A file is copied through :mod:`kiosk.library.durable` (a temporary name in its destination
folder, flushed to disk, renamed), so a power cut leaves either no file or the whole file. The
name is the content hash, so the same file imported twice is stored once. Recording it in the
catalogue is the caller's transaction.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX, copy_hashed, sha256_of
from kiosk.store.models import MediaKind


class MediaError(Exception):
    """A file that cannot be stored or used; the message names the file and the reason."""


@dataclass(frozen=True)
class StoredFile:
    relative_path: str
    sha256: str
    size_bytes: int


def is_regular_file(path: Path) -> bool:
    """True for a regular file (links followed): never a FIFO, a device, a socket or a folder,
    which a reader would block on or read for ever (``/dev/zero``)."""
    try:
        return stat.S_ISREG(Path(path).stat().st_mode)
    except (OSError, ValueError):
        return False


def folder_for(root: ContentRoot, kind: MediaKind) -> Path:
    return root.videos_dir if kind is MediaKind.VIDEO else root.assets_dir


def store_file(
    root: ContentRoot, source: Path, kind: MediaKind, sha256: str | None = None
) -> StoredFile:
    """Copy ``source`` into the content root under its hash; return where it is.

    ``sha256``, when the caller has it already, saves a read: a source already in its place
    (an import copies first, then checks) is taken as it is.
    """
    if not source.is_file():
        raise MediaError(f"{source} : fichier introuvable.")
    folder = folder_for(root, kind)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = source.suffix.lower()
    if sha256 is not None:
        placed = folder / f"{sha256[:16]}{suffix}"
        if placed.exists() and source.samefile(placed):
            return StoredFile(root.relative(placed), sha256, placed.stat().st_size)
    digest = sha256 or sha256_of(source)
    target = folder / f"{digest[:16]}{suffix}"
    if target.exists() and sha256_of(target) == digest:
        return StoredFile(root.relative(target), digest, target.stat().st_size)

    def name_of(copied: str) -> str:
        if copied != digest:
            raise MediaError(f"{source} : le fichier a changé pendant la copie.")
        return target.name

    try:
        copied = copy_hashed(source, folder, name_of, keep_existing=False)
    except OSError as error:
        raise MediaError(f"{source} : copie impossible ({error.strerror or error}).") from None
    return StoredFile(root.relative(copied.path), digest, copied.size_bytes)


def remove_partial_files(root: ContentRoot) -> list[Path]:
    """Delete the temporary files a power cut may have left; return what was removed."""
    removed: list[Path] = []
    for folder in (root.assets_dir, root.videos_dir):
        if folder.is_dir():
            for leftover in folder.glob(f"{TEMP_PREFIX}*"):
                leftover.unlink(missing_ok=True)
                removed.append(leftover)
    return removed
