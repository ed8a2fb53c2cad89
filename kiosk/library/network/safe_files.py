"""Reading files of the shared folders (publication, status) that another kiosk wrote. No Qt.

Whatever is in a folder Syncthing fills may be anything: a symbolic link (to ``/etc/passwd``,
``/dev/stdin``), a FIFO (a reader would wait for ever), a device (``/dev/zero``: read for
ever), a file swapped for one of these between a check and the opening. One rule for every
reader of those folders, the same as a bundle import's: a file is opened without following a
last link and without blocking, then checked through its descriptor; anything but a regular
file is refused, and never more than a limit is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class NotRegularFileError(OSError):
    """A path that is not a regular file (a link, a FIFO, a device, a folder, absent)."""


def open_regular(path: Path) -> tuple[int, os.stat_result]:
    """A descriptor on ``path`` (and its status), which is a regular file; raises
    :class:`NotRegularFileError` (or OSError) otherwise, never blocking."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            raise NotRegularFileError(f"{path} : pas un fichier ordinaire")
        descriptor = os.open(path, OPEN_FLAGS)
    except NotRegularFileError:
        raise
    except OSError as error:
        raise NotRegularFileError(f"{path} : {error.strerror or error}") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise NotRegularFileError(f"{path} : pas un fichier ordinaire")
    return descriptor, status


def is_plain_file(path: Path) -> bool:
    """Whether ``path`` itself (no link followed) is a regular file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def is_plain_dir(path: Path) -> bool:
    """Whether ``path`` itself (no link followed) is a folder."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


class TooLargeError(OSError):
    """A regular file larger than a reader's limit (``size``: its size), refused unread."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(f"{path} : trop grand ({size} octets)")
        self.size = size


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` (at most ``limit``); None when it is not a regular file or
    unreadable. Raises :class:`TooLargeError` from its size, before anything is read."""
    try:
        descriptor, status = open_regular(path)
    except OSError:
        return None
    try:
        if status.st_size > limit:
            raise TooLargeError(path, status.st_size)
        chunks: list[bytes] = []
        size = 0
        while size < limit:
            chunk = os.read(descriptor, min(1 << 20, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except TooLargeError:
        raise
    except OSError:
        return None
    finally:
        os.close(descriptor)
