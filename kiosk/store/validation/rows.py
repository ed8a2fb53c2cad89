"""Checking a value, a row and the references between rows against the declared columns (the
door of bundles and files)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.store import models
from kiosk.store.validation.columns import COLUMNS
from kiosk.store.validation.values import ValidationError


def check_value(table: str, column: str, value: Any) -> None:
    """Raise :class:`ValidationError` unless ``value`` may go in ``table.column``."""
    try:
        rule = COLUMNS[table][column]
    except KeyError:
        raise ValidationError(f"{table}.{column}", "colonne inconnue") from None
    if value is None:
        if not rule.nullable:
            raise ValidationError(f"{table}.{column}", "valeur obligatoire absente")
        return
    reason = rule.check(value)
    if reason:
        raise ValidationError(f"{table}.{column}", reason, value)


def check_row(table: str, row: Mapping[str, Any], *, complete: bool = True) -> None:
    """Check every value of a row given as a dict; with ``complete``, every column must be there
    (columns with a default may be left out of a row, as SQL would fill them)."""
    columns = COLUMNS.get(table)
    if columns is None:
        raise ValidationError(table, "table inconnue")
    for name in row:
        if name not in columns:
            raise ValidationError(f"{table}.{name}", "colonne inconnue")
    for name in columns:
        if name in row:
            check_value(table, name, row[name])
        elif complete and _required_without_default(table, name):
            raise ValidationError(f"{table}.{name}", "valeur obligatoire absente")


def _required_without_default(table: str, name: str) -> bool:
    column = models.Base.metadata.tables[table].columns[name]
    return not column.nullable and column.default is None and not column.primary_key


def check_references(rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Every foreign key of ``rows`` points to a row of ``rows`` (a whole catalogue's rows)."""
    ids = {
        table: {row.get("id") for row in table_rows}
        for table, table_rows in rows.items()
        if table in COLUMNS and "id" in COLUMNS[table]
    }
    for table, table_rows in rows.items():
        for name, column in COLUMNS.get(table, {}).items():
            if column.references is None:
                continue
            known = ids.get(column.references, set())
            for row in table_rows:
                value = row.get(name)
                if value is not None and value not in known:
                    raise ValidationError(
                        f"{table}.{name}",
                        f"renvoie à {column.references} n°{value}, qui n'existe pas",
                        value,
                    )
