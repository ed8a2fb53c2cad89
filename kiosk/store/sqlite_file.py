"""The catalogue file itself, with the standard library's sqlite3 only (no SQLAlchemy).

What is here runs before SQLAlchemy is imported (about a quarter of a second on a 2-core
machine): refusing a file that is not a healthy SQLite database, and short read-only queries
for the kiosk's first screen (:mod:`kiosk.library.first_screen`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

# The newest migration's revision. A database already at it opens without importing Alembic
# (about a sixth of the kiosk's start-up); tests/test_store.py checks it against the migrations.
SCHEMA_HEAD = "0001"
SQLITE_HEADER = b"SQLite format 3\x00"


class CatalogueError(Exception):
    """The catalogue cannot be opened or migrated; the message names the file and the reason."""


def check_header(db_path: Path) -> None:
    """Refuse a file that is not an SQLite database at all (its first bytes), without writing."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    with db_path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise CatalogueError(
            f"{db_path} : ce fichier n'est pas une base SQLite (en-tête inconnu). "
            "Il n'a pas été modifié ; restaurez une sauvegarde ou déplacez-le."
        )


def check_readable(db_path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database, without writing to it.

    ``PRAGMA quick_check`` reads the whole file: about 6 ms for 2,000 places and 10,000 media.
    """
    check_header(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    try:
        with read_only(db_path) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        raise CatalogueError(
            f"{db_path} : la base est illisible ({error}). Elle n'a pas été modifiée ; "
            "restaurez une sauvegarde ou déplacez-la."
        ) from None
    if result is None or result[0] != "ok":
        detail = result[0] if result else "aucune réponse"
        raise CatalogueError(
            f"{db_path} : la base est endommagée ({detail}). Elle n'a pas été modifiée ; "
            "restaurez une sauvegarde ou déplacez-la."
        )


@contextmanager
def read_only(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection, closed at the end.

    closing(): sqlite3's own context manager commits but does not close, and a read-only
    connection left open keeps data.db-wal/-shm behind after the catalogue closes.
    """
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as connection:
        connection.execute("PRAGMA busy_timeout=5000")
        yield connection


def schema_revision(connection: sqlite3.Connection) -> str | None:
    """The schema revision recorded by Alembic (None for a database it never migrated)."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None
