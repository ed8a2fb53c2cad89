"""Copying media files into the content root, once per content hash, atomically.

A file is copied to a temporary name in its destination folder, flushed to disk and renamed, so
a power cut leaves either no file or the whole file. The name is the content hash, so the same
file imported twice is stored once. Recording it in the catalogue is the caller's transaction.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.store.models import MediaKind

CHUNK = 1024 * 1024
TEMP_PREFIX = ".partial-"


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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def folder_for(root: ContentRoot, kind: MediaKind) -> Path:
    return root.videos_dir if kind is MediaKind.VIDEO else root.assets_dir


def store_file(root: ContentRoot, source: Path, kind: MediaKind) -> StoredFile:
    """Copy ``source`` into the content root under its hash; return where it is."""
    if not source.is_file():
        raise MediaError(f"{source} : fichier introuvable.")
    folder = folder_for(root, kind)
    folder.mkdir(parents=True, exist_ok=True)
    digest = sha256_of(source)
    suffix = source.suffix.lower()
    target = folder / f"{digest[:16]}{suffix}"
    if target.exists() and sha256_of(target) == digest:
        return StoredFile(root.relative(target), digest, target.stat().st_size)
    temporary = folder / f"{TEMP_PREFIX}{digest[:16]}{suffix}"
    try:
        with source.open("rb") as reader, temporary.open("wb") as writer:
            shutil.copyfileobj(reader, writer, CHUNK)
            writer.flush()
            os.fsync(writer.fileno())
        if sha256_of(temporary) != digest:
            raise MediaError(f"{source} : le fichier a changé pendant la copie.")
        temporary.replace(target)
        _fsync_dir(folder)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise MediaError(f"{source} : copie impossible ({error.strerror or error}).") from None
    except MediaError:
        temporary.unlink(missing_ok=True)
        raise
    return StoredFile(root.relative(target), digest, target.stat().st_size)


def remove_partial_files(root: ContentRoot) -> list[Path]:
    """Delete the temporary files a power cut may have left; return what was removed."""
    removed: list[Path] = []
    for folder in (root.assets_dir, root.videos_dir):
        if folder.is_dir():
            for leftover in folder.glob(f"{TEMP_PREFIX}*"):
                leftover.unlink(missing_ok=True)
                removed.append(leftover)
    return removed


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
