"""Reading a Corbeille row (``trash_items``) safely, and choosing a free identifier for what is
restored: the parts of :mod:`kiosk.library.trash` that never trust what the row holds."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import Page, Place

SLUG_LIMIT = 120  # the gate's limit for a slug (kiosk.store.validation.columns)


def free_slug(session: Session, model: type[Place | Page], slug: str) -> str:
    """``slug-2``, ``slug-3``… the first one no row of ``model`` has, cut so that it stays within
    the gate's limit and never ends with a dash before its number. Each candidate ends with its
    own number after its last dash, so the ``len(taken) + 1`` candidates tried are distinct and
    one of them is free: the loop is bounded and the last line is never reached."""
    stem = slug[:SLUG_LIMIT]
    taken = set(session.scalars(select(model.slug).where(model.slug.startswith(stem[:1]))))
    for n in range(2, len(taken) + 3):
        suffix = f"-{n}"
        candidate = stem[: SLUG_LIMIT - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
    raise AssertionError("no free slug among more numbers than there are rows")  # unreachable


def read_data(text: str) -> dict[str, Any]:
    """A row's ``data`` JSON as a dict; {} when it is unreadable (nested too deep included)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def file_list(text: str) -> list[str]:
    """A row's ``files`` JSON: the paths under trash/ it lists, [] when it is unreadable."""
    try:
        files = json.loads(text)
    except (ValueError, RecursionError):
        return []
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def file_list_of(data: dict[str, Any]) -> list[str]:
    """The copies under trash/ that a media's data names."""
    files = data.get("files") or {}
    return [f for f in files.values() if isinstance(f, str)] if isinstance(files, dict) else []
