"""Files that survive a power cut: whole or absent, never half written.

Every file the kiosk writes for good (a stored media file, a bundle, a manifest, a journal, a
poster…) is written under a temporary name in its destination folder, flushed to disk, renamed
over its final name, and the folder itself flushed so the rename is on disk too. The temporary
names all start with :data:`TEMP_PREFIX` (hidden, so the gate refuses them as catalogue paths):
:mod:`kiosk.library.leftovers` and the health check find and remove what a cut left behind.

Hashing is here too (SHA-256, read in chunks, never the whole file in memory), and a copy that
hashes while it copies, so an import reads its source once.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

CHUNK = 1024 * 1024
TEMP_PREFIX = ".partial-"

ChunkCallback = Callable[[bytes], None]


@dataclass(frozen=True)
class Copied:
    """Where :func:`copy_hashed` put a file, its hash and size, and whether it made the file."""

    path: Path
    sha256: str
    size_bytes: int
    created: bool


def temporary_path(target: Path) -> Path:
    """A fresh temporary name beside ``target`` (same folder, same extension, hidden)."""
    return target.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex[:12]}-{target.name}")


def sha256_of(path: Path, on_chunk: ChunkCallback | None = None) -> str:
    """The SHA-256 of a file, read in chunks; ``on_chunk`` sees each chunk (progress, cancel)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(CHUNK):
            if on_chunk is not None:
                on_chunk(chunk)
            digest.update(chunk)
    return digest.hexdigest()


def fsync_file(handle: IO[bytes] | IO[str]) -> None:
    """Flush an open file to disk."""
    handle.flush()
    os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def atomic_writer(target: Path, mode: int | None = None) -> Iterator[IO[bytes]]:
    """Write ``target`` through a binary handle: on a clean exit the file is flushed, given
    ``mode`` (permission bits) and renamed into place; on an error the temporary file goes and
    ``target`` is left as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(target)
    try:
        with temporary.open("wb") as handle:
            yield handle
            fsync_file(handle)
        if mode is not None:
            temporary.chmod(mode)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def atomic_write(
    target: Path, data: bytes | str, *, mode: int | None = None, encoding: str = "utf-8"
) -> None:
    """Write ``data`` (text is encoded with ``encoding``) to ``target``, whole or not at all."""
    content = data.encode(encoding) if isinstance(data, str) else data
    with atomic_writer(target, mode) as handle:
        handle.write(content)


def copy_hashed(
    source: Path,
    folder: Path,
    name_of: Callable[[str], str],
    on_chunk: ChunkCallback | None = None,
    *,
    keep_existing: bool = True,
) -> Copied:
    """Copy ``source`` into ``folder``, hashing it on the way (one read of the source).

    The copy is named ``name_of(sha256)``; when a file of that name is already there the copy
    is dropped and the file there is taken as it is (``created`` false), unless
    ``keep_existing`` is false: then the copy replaces it. ``on_chunk`` sees each
    chunk before it is written and may raise (a cancel); ``name_of`` may raise too (the hash is
    not the one expected). Whatever raises, the temporary copy is removed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex[:12]}{source.suffix.lower()}"
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as reader, temporary.open("wb") as writer:
            while chunk := reader.read(CHUNK):
                if on_chunk is not None:
                    on_chunk(chunk)
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
            fsync_file(writer)
        hexdigest = digest.hexdigest()
        target = folder / name_of(hexdigest)
        if keep_existing and target.exists():
            temporary.unlink()
            return Copied(target, hexdigest, size, created=False)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    return Copied(target, hexdigest, size, created=True)


def is_temporary(path: Path) -> bool:
    """Whether ``path`` is named like a temporary copy of this module."""
    return path.name.startswith(TEMP_PREFIX)
