"""The SQLite engine, its pragmas, the migrations run at start and the sessions.

Durability: WAL journal with ``synchronous=FULL``. Writes are rare on a kiosk (staff actions,
a few usage events), so the cost of an fsync per commit is small, and a power cut after a commit
never loses it. Foreign keys are enforced on every connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import validation

# Re-exported: they live with the standard-library side of the file (read before SQLAlchemy).
from kiosk.store.sqlite_file import SCHEMA_HEAD as SCHEMA_HEAD
from kiosk.store.sqlite_file import CatalogueError as CatalogueError
from kiosk.store.sqlite_file import check_readable as check_readable
from kiosk.store.sqlite_file import diagnose

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (None for a new one)."""
    with engine.connect() as connection:
        try:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        except OperationalError:
            return None
    return str(row[0]) if row else None


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema; refuse one made by a newer kiosk."""
    revision = current_revision(engine)
    if revision == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    if revision is not None and script.get_revision(revision) is None:  # pragma: no branch
        raise CatalogueError(
            f"{engine.url.database} : schéma {revision} inconnu de cette version de la borne "
            "(base créée par une version plus récente ?). Elle n'a pas été modifiée."
        )
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Catalogue:
    """The opened catalogue of one content root: its engine and a session factory."""

    def __init__(self, db_path: Path) -> None:
        check_readable(db_path)
        self.db_path = db_path
        self.engine = make_engine(db_path)
        try:
            migrate(self.engine)
        except CatalogueError:
            self.engine.dispose()
            raise
        except Exception as error:
            self.engine.dispose()
            # A full disk or another process's lock is said as such, not as a schema problem.
            raise CatalogueError(
                diagnose(error, db_path)
                or f"{db_path} : mise à jour du schéma impossible ({error})."
            ) from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Every content object added or changed through a session passes the one gate.
        validation.install(self._sessions)
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()

    def revision(self) -> int:
        """A number that changes whenever anything was committed to the catalogue since the
        last call, by this process or another (SQLite's ``PRAGMA data_version`` on a connection
        of its own, which never writes). A screen compares it to skip re-reading unchanged
        content: the map's 2,000 places took 25 ms to read on every visit."""
        with self._watch_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(
                    f"file:{self.db_path}?mode=ro", uri=True, check_same_thread=False
                )
            row = self._watch.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short session per user action: committed at the end, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
        self.engine.dispose()
