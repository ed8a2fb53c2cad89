"""What the kiosk's first screen needs, read with sqlite3 before SQLAlchemy is imported.

Start-up is measured from launching the process to the first painted home screen
(bench/bench_startup.py, budget 1.5× a bare Qt window). Importing SQLAlchemy alone costs more
than that budget on a 2-core machine, so the home screen is built from this short read-only
query, and the catalogue is opened the full way (SQLAlchemy, migrations, leftovers) just after
the first paint. ``tests/test_first_screen.py`` checks that both ways give the same settings
and pages.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.library.page_view import PageView
from kiosk.library.settings import KioskSettings, from_stored
from kiosk.store.sqlite_file import SCHEMA_HEAD, check_header, read_only, schema_revision

# The tables whose rows make a catalogue not empty (as kiosk.library.demo's catalogue_is_empty).
CONTENT_TABLES = ("places", "media_assets", "pages", "albums")


@dataclass(frozen=True)
class FirstScreen:
    settings: KioskSettings
    pages: list[PageView]


def read_first_screen(db_path: Path) -> FirstScreen | None:
    """The settings and the published pages; None when the catalogue must first be opened the
    full way: it does not exist yet, it is empty (the demo content is to be made), or it is not
    at this kiosk's schema (to migrate, or to refuse), or it cannot be read (the full way says
    why). A file that is not an SQLite database at all raises
    :class:`~kiosk.store.sqlite_file.CatalogueError` and is left untouched. The whole file's
    check (``quick_check``) is made when the catalogue is opened, just after the first paint."""
    check_header(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        with read_only(db_path) as connection:
            if schema_revision(connection) != SCHEMA_HEAD or _is_empty(connection):
                return None
            stored = dict(connection.execute("SELECT key, value FROM settings").fetchall())
            rows = connection.execute(
                "SELECT slug, icon, title, title_en, body, body_en FROM pages "
                "WHERE published ORDER BY sort_order, id"
            ).fetchall()
    except sqlite3.Error:
        return None  # the full way opens it, and says what is wrong if it cannot
    return FirstScreen(from_stored(stored), [PageView(*row) for row in rows])


def _is_empty(connection: sqlite3.Connection) -> bool:
    return all(
        connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone() == (0,)
        for table in CONTENT_TABLES
    )
