"""The refusal (ValidationError) and the checks of plain values: whole and decimal numbers with
bounds, booleans, patterns, choices, timestamps, JSON. Each check takes a value and returns a
French reason, or None if good."""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

MAX_ID = 2**53  # beyond this, a JSON reader in another language loses precision
MAX_SIZE_BYTES = 2**50
MAX_SORT = 10**9
MAX_SLUG = 120  # an identifier (slug) of a place, an album, a page: its longest


_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_MIME = re.compile(r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$")
_ICON = re.compile(r"^[a-z0-9]+\.[a-z0-9-]+$")
_SETTING_KEY = re.compile(r"^[a-z][a-z0-9_]{0,79}$")


class ValidationError(ValueError):
    """A value the gate refuses. ``field`` is ``table.column``; ``reason`` is French."""

    def __init__(self, field: str, reason: str, value: Any = None) -> None:
        self.field = field
        self.reason = reason
        self.value = value
        super().__init__(f"{field} : {reason}")


Check = Callable[[Any], str | None]


def whole(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return "un nombre entier est attendu"
        if not low <= value <= high:
            return f"hors limites ({value} ; entre {low} et {high})"
        return None

    return check


def decimal(low: float, high: float) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "un nombre est attendu"
        if not math.isfinite(value):
            return "nombre infini ou indéfini (NaN)"
        if not low <= value <= high:
            return f"hors limites ({value} ; entre {low} et {high})"
        return None

    return check


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "vrai ou faux (booléen) est attendu"


def pattern(regex: re.Pattern[str], what: str, max_length: int) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or len(value) > max_length or not regex.match(value):
            return f"{what} attendu"
        return None

    return check


def choice(enum_class: type[enum.Enum]) -> Check:
    values = {member.value for member in enum_class}

    def check(value: Any) -> str | None:
        raw = value.value if isinstance(value, enum_class) else value
        if not isinstance(raw, str | int) or isinstance(raw, bool) or raw not in values:
            return f"valeur inconnue (attendu : {', '.join(sorted(map(str, values)))})"
        return None

    return check


def timestamp(value: Any) -> str | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, str) and len(value) <= 40:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return "date illisible"
        return None
    return "une date ISO est attendue"


def json_text(value: Any) -> str | None:
    """A setting's value: JSON text, short, with only finite numbers."""
    if not isinstance(value, str) or len(value) > 20_000:
        return "un texte JSON de 20 000 caractères au plus est attendu"

    def refuse_constant(name: str) -> Any:
        raise ValueError(name)

    try:
        json.loads(value, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        return "JSON illisible, ou nombre infini ou indéfini"
    return None


def json_document(max_length: int) -> Check:
    """A JSON object (a removed row kept in the Corbeille), finite numbers only."""

    def check(value: Any) -> str | None:
        if not isinstance(value, str) or len(value) > max_length:
            return f"un texte JSON de {max_length} caractères au plus est attendu"

        def refuse_constant(name: str) -> Any:
            raise ValueError(name)

        try:
            document = json.loads(value, parse_constant=refuse_constant)
        except (ValueError, RecursionError):
            return "JSON illisible, ou nombre infini ou indéfini"
        return None if isinstance(document, dict) else "un objet JSON est attendu"

    return check
