"""The one gate for content: every column of every content table, declared once.

Whatever the door (a bundle, a CSV or GeoJSON file of places, a staff editor, the command line,
the demo builder), a row reaches the catalogue only through these rules. Each column says its
kind (text on one line, text on several lines, a web address, a path of a media file, a number
with its bounds…), whether it may be empty, its length and its characters. A refusal is a
:class:`ValidationError` naming the table, the column and the reason, in French, so each door
can say which file, row and field it came from.

Two ways in, the same rules:

- :func:`check_row` for rows given as dicts (bundles, which insert with SQLAlchemy Core);
- :func:`install` hooks a ``before_flush`` listener on a session factory, so every ORM object
  that is added or changed is checked before anything is written (staff editors, CLI, imports).

No Qt here, and nothing above the store: the library's settings add their own checks of the
``settings`` values on top (their keys and their scope).
"""

from __future__ import annotations

from kiosk.store.validation.addresses import (
    MEDIA_FOLDERS,
    media_path,
    media_path_problem,
    trash_paths,
    web_address_problem,
)
from kiosk.store.validation.columns import (
    COLUMNS,
    CONTENT_TABLES,
    LOCAL_TABLES,
    PATH_COLUMNS,
    TRAVELLING_TABLES,
    Column,
)
from kiosk.store.validation.orm_door import check_object, install
from kiosk.store.validation.rows import check_references, check_row, check_value
from kiosk.store.validation.text import has_visible_character, line_text, long_text
from kiosk.store.validation.values import MAX_ID, MAX_SIZE_BYTES, MAX_SLUG, ValidationError

__all__ = [
    "COLUMNS",
    "CONTENT_TABLES",
    "LOCAL_TABLES",
    "MAX_ID",
    "MAX_SIZE_BYTES",
    "MAX_SLUG",
    "MEDIA_FOLDERS",
    "PATH_COLUMNS",
    "TRAVELLING_TABLES",
    "Column",
    "ValidationError",
    "check_object",
    "check_references",
    "check_row",
    "check_value",
    "has_visible_character",
    "install",
    "line_text",
    "long_text",
    "media_path",
    "media_path_problem",
    "trash_paths",
    "web_address_problem",
]
