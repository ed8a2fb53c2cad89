"""The publication folder: releases and the media they name, each media stored once by hash.

Layout (shared by Syncthing between the members of a network)::

    releases/<release id>/manifest.json
    releases/<release id>/manifest.sig
    media/<sha256[:2]>/<sha256>

Every file is written under a temporary name (:data:`.state.TEMP_PREFIX`, which Syncthing is
told to ignore), flushed and renamed; a release's folder is filled under a temporary name and
renamed last, after every media it names is in place. A new release adds only the media the
pool lacks: a release that changes one place's text adds no file at all.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

from kiosk.library.durable import CHUNK, temporary_path
from kiosk.library.media_store import is_regular_file
from kiosk.library.network.release import (
    MANIFEST_NAME,
    MAX_SIGNATURE_BYTES,
    SIGNATURE_NAME,
    NetworkError,
    ReleaseId,
    is_release_id,
)
from kiosk.library.network.state import TEMP_PREFIX, fsync_dir, write_atomically

RELEASES_DIR = "releases"
MEDIA_DIR = "media"
# For Syncthing's .stignore: our temporary names (never shared half-written).
IGNORE_PATTERNS = (f"{TEMP_PREFIX}*",)


class HashMismatchError(NetworkError):
    """A file whose bytes are not those its hash names."""


def media_path(publication: Path, sha256: str) -> Path:
    return publication / MEDIA_DIR / sha256[:2] / sha256


def release_dir(publication: Path, release: ReleaseId) -> Path:
    return publication / RELEASES_DIR / release


def list_releases(publication: Path) -> list[ReleaseId]:
    """The release ids in the folder, oldest first (anything else there is left aside)."""
    folder = publication / RELEASES_DIR
    try:
        names = [entry.name for entry in folder.iterdir() if entry.is_dir()]
    except OSError:
        return []
    return sorted(name for name in names if is_release_id(name))


def media_present(publication: Path, sha256: str, size: int) -> bool:
    """Whether the pool holds a regular file for ``sha256`` of ``size`` bytes (its hash is
    checked when it is copied out)."""
    path = media_path(publication, sha256)
    return is_regular_file(path) and path.stat().st_size == size


def copy_verified(source: Path, target: Path, sha256: str, size: int, *, link: bool) -> None:
    """Put ``source`` at ``target``: a hard link when ``link`` and the file system allows it,
    else a copy through a temporary name; either way its size and hash are checked first
    (raises :class:`HashMismatchError`, leaving nothing at ``target``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(target)
    try:
        if not is_regular_file(source):
            raise HashMismatchError(f"{source} : fichier absent ou spécial.")
        linked = False
        if link:
            try:
                os.link(source, temporary)
                linked = True
            except OSError:
                linked = False
        digest = hashlib.sha256()
        read = 0
        with source.open("rb") as reader:
            writer = None if linked else temporary.open("wb")
            try:
                while chunk := reader.read(min(CHUNK, size - read + 1)):
                    read += len(chunk)
                    if read > size:
                        break
                    digest.update(chunk)
                    if writer is not None:
                        writer.write(chunk)
                if writer is not None:
                    writer.flush()
                    os.fsync(writer.fileno())
            finally:
                if writer is not None:
                    writer.close()
        if read != size or digest.hexdigest() != sha256:
            raise HashMismatchError(
                f"{source} : le contenu ne correspond pas à son empreinte ({sha256[:12]}…)."
            )
        temporary.replace(target)
        fsync_dir(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def add_media(publication: Path, source: Path, sha256: str, size: int) -> bool:
    """Store ``source`` in the pool under its hash unless it is there already; True when it
    was added. The file's hash is checked (a damaged file is never published)."""
    if media_present(publication, sha256, size):
        return False
    copy_verified(source, media_path(publication, sha256), sha256, size, link=True)
    return True


def write_release(publication: Path, release: ReleaseId, manifest: bytes, signature: bytes) -> Path:
    """Write the release's two files into a temporary folder, then rename it into place."""
    folder = release_dir(publication, release)
    if folder.exists():
        raise NetworkError(f"{folder} : cette publication existe déjà.")
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    temporary = parent / f"{TEMP_PREFIX}{release}-{uuid.uuid4().hex[:8]}"
    temporary.mkdir()
    try:
        write_atomically(temporary / MANIFEST_NAME, manifest)
        write_atomically(temporary / SIGNATURE_NAME, signature)
        temporary.rename(folder)
        fsync_dir(parent)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return folder


def read_release_files(
    publication: Path, release: ReleaseId, max_manifest: int
) -> tuple[bytes | None, bytes | None]:
    """The manifest's and the signature's bytes (None for a file absent or not regular);
    never more than a limit read (a manifest too large is seen as such by the reader)."""
    folder = release_dir(publication, release)
    return (
        _read_bounded(folder / MANIFEST_NAME, max_manifest + 1),
        _read_bounded(folder / SIGNATURE_NAME, MAX_SIGNATURE_BYTES),
    )


def _read_bounded(path: Path, limit: int) -> bytes | None:
    if not is_regular_file(path):
        return None
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except OSError:
        return None


def pool_files(publication: Path) -> list[Path]:
    """Every media file of the pool (for the tests and ``kiosk network status``)."""
    folder = publication / MEDIA_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
