"""The catalogue file itself, with the standard library's sqlite3 only (no SQLAlchemy).

What is here runs before SQLAlchemy is imported (about a quarter of a second on a 2-core
machine): refusing a file that is not a healthy SQLite database, and short read-only queries
for the kiosk's first screen (:mod:`kiosk.library.first_screen`).
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

# The newest migration's revision. A database already at it opens without importing Alembic
# (about a sixth of the kiosk's start-up); tests/test_store.py checks it against the migrations.
SCHEMA_HEAD = "0003"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# SQLite's primary result codes (the low byte of the extended ones).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
# An I/O error or a file that cannot be created (the -shm of a WAL database, read first) on a
# disk with less than this left is the disk being full: SQLite says "disk I/O error" then.
NEARLY_FULL_BYTES = 16 * 1024**2
DISK_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)


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
    A database that cannot be opened is only called damaged when a check of the file itself
    says so: a full disk (the -shm file of a WAL database cannot be created, "disk I/O error")
    and a lock held by another process are said as such, and the file is never blamed for them.
    """
    check_header(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    try:
        with read_only(db_path) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        diagnosis = diagnose(error, db_path)
        if diagnosis is not None:
            raise CatalogueError(diagnosis) from None
        intact = file_is_intact(db_path)
        if intact is None:
            raise CatalogueError(
                f"{db_path} : la base n'a pas pu être ouverte ({error}), ni son contenu vérifié. "
                "Elle n'a pas été modifiée ; vérifiez les droits du dossier et le disque."
            ) from None
        if intact:
            raise CatalogueError(
                f"{db_path} : la base n'a pas pu être ouverte ({error}), mais son contenu est "
                "intact (quick_check : ok). Elle n'a pas été modifiée ; vérifiez les droits du "
                f"dossier et le disque ({free_space_text(db_path)})."
            ) from None
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
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        yield connection


def file_is_intact(db_path: Path) -> bool | None:
    """``PRAGMA quick_check`` of the file alone (``immutable``: no -shm, no lock, nothing
    written): True when it says ok, False when it finds damage, None when it cannot even read.
    """
    try:
        with closing(
            sqlite3.connect(f"file:{db_path}?mode=ro&immutable=1", uri=True)
        ) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        return False if _code(error) in (11, 26) else None  # SQLITE_CORRUPT, SQLITE_NOTADB
    return result is not None and result[0] == "ok"


def free_bytes(path: Path) -> int | None:
    """Free space (for this user) on the disk of ``path``, or of its nearest existing folder."""
    for folder in (path, *path.parents):
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            continue
    return None


def size_text(size: int) -> str:
    """A size as staff read it: "0 octet", "512 Ko", "1,5 Go"."""
    if size < 1024:
        return f"{size} octet" + ("s" if size > 1 else "")
    value = float(size)
    for unit in ("Ko", "Mo", "Go", "To"):
        value /= 1024
        if value < 1024 or unit == "To":
            break
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"
    return f"{text.replace('.', ',')} {unit}"


def free_space_text(path: Path) -> str:
    free = free_bytes(path)
    return "espace libre inconnu" if free is None else f"{size_text(free)} libres"


def disk_full_message(path: Path) -> str:
    """One line: the disk of ``path`` is full, with the space left and what to do."""
    free = free_bytes(path)
    left = "espace libre inconnu" if free is None else f"il reste {size_text(free)}"
    return (
        f"{path} : le disque est plein ({left}). Rien n'a été modifié ; libérez de la place "
        "(la corbeille trash/, le cache cache/, d'anciens fichiers) puis recommencez."
    )


def locked_message(db_path: Path) -> str:
    return (
        f"{db_path} : la base est verrouillée, un autre processus de la borne y écrit "
        f"(attendu {BUSY_TIMEOUT_MS // 1000} s). Rien n'a été modifié ; recommencez quand il "
        "aura fini, ou arrêtez-le (kiosk status dit si la borne tourne)."
    )


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _causes(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what it wraps: SQLAlchemy's ``.orig``, ``__cause__``, ``__context__``."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for inner in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(inner, BaseException):
                pending.append(inner)


def diagnose(error: BaseException, db_path: Path | None) -> str | None:
    """One French line for a full disk or a locked catalogue behind ``error`` (an sqlite3
    error, SQLAlchemy's wrapping of one, an ``OSError``), or None when it is neither.

    ``db_path``: the catalogue, named in the line (an ``OSError`` names its own file).
    """
    for cause in _causes(error):
        if isinstance(cause, OSError) and cause.errno in DISK_FULL_ERRNOS:
            named = Path(cause.filename) if cause.filename else db_path
            return disk_full_message(named if named is not None else Path.cwd())
        if not isinstance(cause, sqlite3.Error) or db_path is None:
            continue
        code = _code(cause)
        text = str(cause).lower()
        if code == SQLITE_FULL or "database or disk is full" in text:
            return disk_full_message(db_path)
        if code in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
            return locked_message(db_path)
        if code in (SQLITE_IOERR, SQLITE_CANTOPEN) or "disk i/o error" in text:
            free = free_bytes(db_path)
            if free is not None and free < NEARLY_FULL_BYTES:
                return disk_full_message(db_path)
    return None


def schema_revision(connection: sqlite3.Connection) -> str | None:
    """The schema revision recorded by Alembic (None for a database it never migrated)."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None
