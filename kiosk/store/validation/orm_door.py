"""The ORM door: every object added or changed through a catalogue session is checked before the
flush writes it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import models
from kiosk.store.validation.columns import COLUMNS
from kiosk.store.validation.rows import check_value


def check_object(instance: Any) -> None:
    """Check the column values of an ORM object of a content table."""
    table = getattr(instance, "__tablename__", None)
    if table not in COLUMNS:
        return
    state = inspect(instance)
    for attribute in state.mapper.column_attrs:
        name = attribute.key
        if name not in COLUMNS[table]:
            continue
        value = getattr(instance, name)
        if value is None and (
            name == "id" or COLUMNS[table][name].references or _has_default(table, name)
        ):
            continue  # filled at flush: by the database, a default, or a related object
        check_value(table, name, value)


def _has_default(table: str, name: str) -> bool:
    return models.Base.metadata.tables[table].columns[name].default is not None


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for instance in (*session.new, *session.dirty):
        if session.is_modified(instance) or instance in session.new:
            check_object(instance)


def install(factory: sessionmaker[Session]) -> None:
    """Check every content object flushed by sessions of ``factory``."""
    event.listen(factory, "before_flush", _before_flush)
