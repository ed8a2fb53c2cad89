"""A published page as the screens show it (its own module: the first screen needs it before
SQLAlchemy is imported, see :mod:`kiosk.library.first_screen`), and the rules for the images a
Markdown text (a page, a place's presentation) may show: files of the content root's assets/
only, regular files only, read by a worker thread."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from kiosk.config import ContentRoot, UnsafePathError


@dataclass(frozen=True)
class PageView:
    slug: str
    icon: str
    title: str
    title_en: str | None
    body: str
    body_en: str | None

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def localized_body(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body


# Markdown images (pages, place texts): only files of the content root's assets/ are shown.
# Qt-free, so the rules are tested without a screen; the reading happens in a worker thread
# (see :mod:`kiosk.kit.markdown`), never on the GUI thread.

MAX_TEXT_IMAGE_BYTES = 16 * 1024 * 1024
"""A Markdown image larger than this is not shown (a photo for the screen is far smaller)."""

IMAGE_FOLDER = "assets"


def markdown_image_path(source: str) -> str | None:
    """The path relative to the content root that a Markdown image names, when it names a file
    of ``assets/`` (``![Le four](assets/photos/four.jpg)``); None for anything else.

    No scheme (``file:``, ``http:``, ``data:``, ``qrc:``), no host, no absolute path, no ``..``,
    no query or fragment: the image is looked for nowhere but in the content root's media. The
    file itself is checked when it is read (:func:`read_media_file`).
    """
    if not isinstance(source, str) or not source or len(source) > 1000:
        return None
    parts = urlsplit(source)
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        return None
    path = unquote(parts.path)
    if path.startswith("./"):
        path = path[2:]
    segments = path.split("/")
    if (
        len(segments) < 2
        or segments[0] != IMAGE_FOLDER
        or any(s in ("", ".", "..") or "\\" in s or "\x00" in s for s in segments)
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path)
    ):
        return None
    return path


def read_media_file(
    root: ContentRoot, relative: str, max_bytes: int = MAX_TEXT_IMAGE_BYTES
) -> bytes | None:
    """The bytes of the regular file ``relative`` names under ``assets/`` of ``root``, or None.

    Refused without reading anything: a path :meth:`ContentRoot.absolute` refuses (absolute,
    ``..``, outside the media folders, a link leading out), anything but a regular file (a FIFO,
    a device, a socket, a symbolic link), a file over ``max_bytes``. The file is opened without
    following a last link and without blocking, then checked again through its descriptor, so
    a file swapped for a FIFO between the check and the opening is still never read. Blocking
    I/O on a slow disk: call it from a worker thread.
    """
    if markdown_image_path(relative) != relative:
        return None
    try:
        path = root.absolute(relative)
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        descriptor = os.open(
            path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        )
    except (UnsafePathError, OSError):
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > max_bytes else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(descriptor)
