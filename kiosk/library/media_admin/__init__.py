"""Staff work on the stored media: list them with what uses them, edit, replace, remove.

What uses a media is everything visitors see it in: the film and the other films of the videos
screen, the vignettes listed there, places' photos and videos, albums and the attract loop's
drawings, the map, images of pages (and the same, marked as not shown, where it is unpublished).

A removed or replaced file is not deleted: it is moved to ``trash/`` under the content root and
its row, with what it was used by, is kept in the Corbeille (``trash_items``), from which
:mod:`kiosk.library.trash` restores it. Removing a media that something uses is refused unless
the caller confirms (``force``); the refusal lists the uses.
"""

from __future__ import annotations

from kiosk.library.media_admin.editing import set_film, update_media
from kiosk.library.media_admin.listing import (
    MediaEntry,
    find_media,
    list_media,
    looks_like_file_name,
)
from kiosk.library.media_admin.removal import (
    TRASH_DIR,
    Removal,
    move_to_trash,
    remove_media,
    replace_media,
)
from kiosk.library.media_admin.uses import (
    MediaAdminError,
    MediaInUseError,
    MediaUse,
    all_uses,
    uses_of,
)
from kiosk.library.media_store import MediaError

__all__ = [
    "TRASH_DIR",
    "MediaAdminError",
    "MediaEntry",
    "MediaError",
    "MediaInUseError",
    "MediaUse",
    "Removal",
    "all_uses",
    "find_media",
    "list_media",
    "looks_like_file_name",
    "move_to_trash",
    "remove_media",
    "replace_media",
    "set_film",
    "update_media",
    "uses_of",
]
