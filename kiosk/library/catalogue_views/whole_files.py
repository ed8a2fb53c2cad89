"""Whether a media file the catalogue names is there whole (its recorded size), so no screen
offers a file that cannot be shown."""

from __future__ import annotations

import os

from kiosk.config import MEDIA_FOLDERS, ContentRoot, UnsafePathError
from kiosk.store.database import Catalogue


def file_is_whole(
    catalogue: Catalogue, path: str, size_bytes: int | None, root: ContentRoot | None = None
) -> bool:
    """Whether a media file can be offered to a visitor, from facts cheap at list time: it is
    there (inside the content root) and has the size the catalogue recorded. A damaged or
    missing video leaves the visitor lists until it is fixed (``kiosk check`` names it)."""
    return _WholeFiles(root or ContentRoot(catalogue.db_path.parent)).check(path, size_bytes)


class _WholeFiles:
    """:func:`file_is_whole` for a whole list: each folder is read once (``os.scandir``: names,
    sizes, links), and only a name that is a link goes through ``ContentRoot.absolute`` (which
    resolves it: 2,000 such resolutions took 80 ms, the folder reads a few)."""

    def __init__(self, root: ContentRoot) -> None:
        self.root = root
        self._folders: dict[str, dict[str, tuple[bool, int]] | None] = {}

    def _entries(self, folder: str) -> dict[str, tuple[bool, int]] | None:
        if folder not in self._folders:
            entries: dict[str, tuple[bool, int]] | None
            try:
                # The folder must really be inside assets/ or videos/ (no link out of the root).
                real = os.path.realpath(self.root.home / folder) + os.sep
                inside = any(
                    real.startswith(os.path.realpath(self.root.home / top) + os.sep)
                    for top in MEDIA_FOLDERS
                )
                entries = {} if inside else None
                if entries is not None:
                    with os.scandir(self.root.home / folder) as listing:
                        for entry in listing:
                            link = entry.is_symlink()
                            size = -1 if link else entry.stat(follow_symlinks=False).st_size
                            regular = not link and entry.is_file(follow_symlinks=False)
                            entries[entry.name] = (link, size if regular else -2)
            except OSError:
                entries = None
            self._folders[folder] = entries
        return self._folders[folder]

    def check(self, path: str, size_bytes: int | None) -> bool:
        folder, _slash, name = path.rpartition("/")
        parts = path.split("/")
        if (
            len(parts) < 2
            or parts[0] not in MEDIA_FOLDERS
            or any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts)
        ):
            return False
        entries = self._entries(folder)
        found = entries.get(name) if entries is not None else None
        if found is None:
            return False
        link, size = found
        if link:  # resolved by the gate, then measured
            try:
                size = self.root.absolute(path).stat().st_size
            except (UnsafePathError, OSError):
                return False
        if size < 0:
            return False  # not a regular file (a folder, a FIFO)
        return size_bytes is None or size == size_bytes
