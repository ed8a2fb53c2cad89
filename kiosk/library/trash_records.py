"""Reading a Corbeille row (``trash_items``) safely: the parts of :mod:`kiosk.library.trash`
that never trust what the row holds."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from kiosk.store.models import MediaKind, MediaRole, TrashKind


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


def describe(kind: TrashKind, data: dict[str, Any]) -> str:
    """What a Corbeille item was, in one line: "page · non publiée", "lieu · commune · tags"…"""
    row = data.get("row", {})
    if kind is TrashKind.PAGE:
        shown = "était une tuile de l'accueil" if row.get("published") else "non publiée"
        return f"page · {shown}"
    if kind is TrashKind.PLACE:
        parts = ["lieu"]
        if row.get("commune"):
            parts.append(str(row["commune"]))
        if data.get("tags"):
            parts.append(", ".join(str(tag.get("name", "")) for tag in data["tags"]))
        return " · ".join(parts)
    parts = ["vidéo" if row.get("kind") == MediaKind.VIDEO.value else "image"]
    if data.get("replaced_by"):
        parts.append(f"remplacé par « {data['replaced_by']} »")
    uses = data.get("uses") or []
    parts.append("était : " + ", ".join(uses) if uses else "inutilisé")
    return " · ".join(parts)


_SCALARS = (str, int, float, bool, type(None))


def _list_of(value: Any, kind: type | tuple[type, ...]) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, kind) for v in value))


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def data_problem(kind: str, text: str) -> str | None:
    """Why a Corbeille row cannot be read, in plain French (None when it can): its kind, then
    the shape of its data, each part the restore relies on. Values are checked by the gate at
    the restore; here only what would otherwise stop the list or the restore halfway."""
    if kind not in {k.value for k in TrashKind}:
        return "un genre d'élément que cette version de la borne ne connaît pas"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return "ses données sont illisibles"
    if not isinstance(data, dict):
        return "ses données sont illisibles"
    row = data.get("row")
    if not isinstance(row, dict) or not all(isinstance(v, _SCALARS) for v in row.values()):
        return "sa fiche est illisible"
    if kind in (TrashKind.PLACE, TrashKind.PAGE) and not (
        isinstance(row.get("slug"), str) and row["slug"]
    ):
        return "son identifiant manque"
    if kind == TrashKind.PLACE:
        tags = data.get("tags")
        if not _list_of(tags, dict) or not all(
            isinstance(tag.get("name"), str) and _optional_text(tag.get("name_en"))
            for tag in tags or []
        ):
            return "ses étiquettes sont illisibles"
        if not all(_optional_text(data.get(key)) for key in ("photo_sha256", "video_sha256")):
            return "sa photo ou sa vidéo est mal notée"
    if kind == TrashKind.MEDIA:
        if row.get("kind") not in {k.value for k in MediaKind}:
            return "son genre (image ou vidéo) est inconnu"
        if row.get("role") not in {r.value for r in MediaRole}:
            return "son rôle est inconnu"
        if not _optional_text(row.get("created_at")) or not _iso_date(row.get("created_at")):
            return "sa date d'import est illisible"
        if not (
            _list_of(data.get("uses"), str)
            and _list_of(data.get("place_photo"), str)
            and _list_of(data.get("place_video"), str)
            and _optional_text(data.get("replaced_by"))
        ):
            return "ses usages sont illisibles"
        items = data.get("album_items")
        if not _list_of(items, dict) or not all(
            isinstance(item.get("album"), str)
            and _optional_text(item.get("caption"))
            and _optional_text(item.get("caption_en"))
            for item in items or []
        ):
            return "ses places dans les carnets sont illisibles"
        if not isinstance(data.get("files") or {}, dict):
            return "la liste de ses fichiers est illisible"
    return None


def _iso_date(value: Any) -> bool:
    if value is None:
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
