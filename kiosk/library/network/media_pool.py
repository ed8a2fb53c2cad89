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
import stat
import uuid
from pathlib import Path

from kiosk.library.durable import CHUNK, fsync_file, temporary_path
from kiosk.library.network.release import (
    MANIFEST_NAME,
    MAX_SIGNATURE_BYTES,
    SIGNATURE_NAME,
    NetworkError,
    ReleaseId,
    ReleaseRefusedError,
    is_release_id,
)
from kiosk.library.network.safe_files import (
    TooLargeError,
    is_plain_dir,
    open_regular,
    read_regular,
)
from kiosk.library.network.state import TEMP_PREFIX, fsync_dir, write_atomically

RELEASES_DIR = "releases"
MEDIA_DIR = "media"
# For Syncthing's .stignore: our temporary names (never shared half-written).
IGNORE_PATTERNS = (f"{TEMP_PREFIX}*",)


class HashMismatchError(NetworkError):
    """A file whose bytes are not those its hash names."""


class NotRegularError(HashMismatchError):
    """A file absent, or not a regular file (a link, a FIFO…), when it was to be copied: it
    may still be arriving (the release waits), it is never read."""


def media_path(publication: Path, sha256: str) -> Path:
    return publication / MEDIA_DIR / sha256[:2] / sha256


def release_dir(publication: Path, release: ReleaseId) -> Path:
    return publication / RELEASES_DIR / release


def list_releases(publication: Path) -> list[ReleaseId]:
    """The release ids in the folder, oldest first (anything else there is left aside)."""
    folder = publication / RELEASES_DIR
    if not is_plain_dir(folder):
        return []
    try:
        # A link named like a release is left aside (its files could be anywhere).
        names = [entry.name for entry in folder.iterdir() if is_plain_dir(entry)]
    except OSError:
        return []
    return sorted(name for name in names if is_release_id(name))


def media_present(publication: Path, sha256: str, size: int) -> bool:
    """Whether the pool holds a regular file (not a link) for ``sha256`` of ``size`` bytes (its
    hash is checked when it is copied out)."""
    path = media_path(publication, sha256)
    if not (is_plain_dir(path.parent) and is_plain_dir(path.parent.parent)):
        return False  # a folder of the pool that is a link leads anywhere
    try:
        status = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size == size


def copy_verified(source: Path, target: Path, sha256: str, size: int, *, link: bool) -> None:
    """Put ``source`` at ``target`` through a temporary name, its size and hash checked first
    (raises :class:`HashMismatchError`, leaving nothing at ``target``).

    ``source`` must be a regular file itself: a link, a FIFO or a device is refused, and it is
    opened without following a link or blocking (:mod:`.safe_files`). A copy is made, hashed
    on the bytes written, unless ``link``: then a hard link to the very file opened (never a
    link to a link) when the file system allows it. Only this kiosk's own files are linked
    (into the rollback store): a file of the shared pool is always copied, so a later write
    into the pool changes nothing visitors see."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(target)
    try:
        try:
            descriptor, status = open_regular(source)
        except OSError:
            raise NotRegularError(f"{source} : fichier absent ou spécial") from None
        try:
            linked = link and _link_same_file(source, temporary, status)
            _hash_copy(descriptor, None if linked else temporary, source, sha256, size)
        finally:
            os.close(descriptor)
        temporary.replace(target)
        fsync_dir(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _link_same_file(source: Path, temporary: Path, opened: os.stat_result) -> bool:
    """A hard link at ``temporary`` to the file opened (checked by inode); False (nothing left)
    when linking is impossible or the name now leads to another file."""
    try:
        os.link(source, temporary, follow_symlinks=False)
        now = os.lstat(temporary)
    except OSError:
        return False
    if (now.st_dev, now.st_ino) == (opened.st_dev, opened.st_ino) and stat.S_ISREG(now.st_mode):
        return True
    temporary.unlink(missing_ok=True)
    return False


def _hash_copy(descriptor: int, copy: Path | None, source: Path, sha256: str, size: int) -> None:
    """Read the opened file (at most ``size`` + 1 bytes), hashing what is read and writing it
    to ``copy`` when given; raises :class:`HashMismatchError` unless it is ``sha256``. Not
    :func:`kiosk.library.durable.copy_hashed`, which opens a path and reads it to its end: here
    the file is a descriptor opened without following a link or blocking on a FIFO (the shared
    folder is written by others), read no further than its announced size, and sometimes only
    hashed (a hard link, a check of the pool's copy)."""
    digest = hashlib.sha256()
    read = 0
    writer = None if copy is None else copy.open("wb")
    try:
        while chunk := os.read(descriptor, min(CHUNK, size - read + 1)):
            read += len(chunk)
            if read > size:
                break
            digest.update(chunk)
            if writer is not None:
                writer.write(chunk)
        if writer is not None:
            fsync_file(writer)
    finally:
        if writer is not None:
            writer.close()
    if read != size or digest.hexdigest() != sha256:
        raise HashMismatchError(
            f"{source} : le contenu ne correspond pas à son empreinte ({sha256[:12]}…)."
        )


def add_media(publication: Path, source: Path, sha256: str, size: int) -> bool:
    """Store ``source`` in the pool under its hash unless it is there already, whole; True when
    it was added. The file's hash is checked (a damaged file is never published), and so is the
    pool's copy already there: one altered in place is replaced, not trusted for its size."""
    if media_present(publication, sha256, size) and pool_file_intact(publication, sha256, size):
        return False
    # A copy, not a link: the pool is shared, this kiosk's own media stay its own.
    copy_verified(source, media_path(publication, sha256), sha256, size, link=False)
    return True


def pool_file_intact(publication: Path, sha256: str, size: int) -> bool:
    """Whether the pool's file for ``sha256`` is a regular file with exactly those bytes."""
    path = media_path(publication, sha256)
    try:
        descriptor, _status = open_regular(path)
    except OSError:
        return False
    try:
        _hash_copy(descriptor, None, path, sha256, size)
    except (HashMismatchError, OSError):
        return False
    finally:
        os.close(descriptor)
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
    """The manifest's and the signature's bytes (None for a file absent or not regular, or in a
    release folder that is a link); a manifest over ``max_manifest`` bytes is refused from its
    size (:class:`ReleaseRefusedError`), unread."""
    folder = release_dir(publication, release)
    try:
        manifest = _read_bounded(folder / MANIFEST_NAME, max_manifest)
    except TooLargeError as error:
        raise ReleaseRefusedError(release, f"manifeste trop grand ({error.size} octets)") from None
    try:
        signature = _read_bounded(folder / SIGNATURE_NAME, MAX_SIGNATURE_BYTES)
    except TooLargeError:
        signature = b""  # "signature illisible"
    return manifest, signature


def _read_bounded(path: Path, limit: int) -> bytes | None:
    if not is_plain_dir(path.parent):
        return None
    return read_regular(path, limit)


def pool_files(publication: Path) -> list[Path]:
    """Every media file of the pool (for the tests and ``kiosk network status``)."""
    folder = publication / MEDIA_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
