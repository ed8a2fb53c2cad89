"""Every column of every content table, declared once: its check, whether it may be empty, its
default."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.store import models
from kiosk.store.validation.addresses import media_path, trash_paths, web_address_problem
from kiosk.store.validation.text import line_text, long_text
from kiosk.store.validation.values import (
    _ICON,
    _MIME,
    _SETTING_KEY,
    _SHA256,
    _SLUG,
    MAX_ID,
    MAX_SIZE_BYTES,
    MAX_SLUG,
    MAX_SORT,
    Check,
    boolean,
    choice,
    decimal,
    json_document,
    json_text,
    pattern,
    timestamp,
    whole,
)


@dataclass(frozen=True)
class Column:
    check: Check
    nullable: bool = False
    # The table a foreign key points to (its rows must exist: checked by the doors that bring
    # whole sets of rows, like bundles, and by SQLite's foreign keys).
    references: str | None = None


def _id() -> Column:
    return Column(whole(1, MAX_ID))


def _ref(table: str, *, nullable: bool = False) -> Column:
    return Column(whole(1, MAX_ID), nullable=nullable, references=table)


_SORT = Column(whole(-MAX_SORT, MAX_SORT))
_SLUG_COLUMN = Column(pattern(_SLUG, "un identifiant en minuscules, chiffres et tirets", MAX_SLUG))


COLUMNS: dict[str, dict[str, Column]] = {
    "media_assets": {
        "id": _id(),
        "kind": Column(choice(models.MediaKind)),
        "role": Column(choice(models.MediaRole)),
        "title": Column(line_text(200)),
        "title_en": Column(line_text(200), nullable=True),
        "credit": Column(line_text(200)),
        "credit_en": Column(line_text(200), nullable=True),
        "path": Column(media_path),
        "sha256": Column(pattern(_SHA256, "une empreinte SHA-256 (64 chiffres hexadécimaux)", 64)),
        "size_bytes": Column(whole(0, MAX_SIZE_BYTES)),
        "mime_type": Column(pattern(_MIME, "un type de fichier (type/sous-type)", 100)),
        "width": Column(whole(1, 1_000_000), nullable=True),
        "height": Column(whole(1, 1_000_000), nullable=True),
        "duration_s": Column(decimal(0, 7 * 24 * 3600), nullable=True),
        "subtitles_path": Column(media_path, nullable=True),
        "is_demo": Column(boolean),
        "sort_order": _SORT,
        "created_at": Column(timestamp),
        "is_film": Column(boolean),
    },
    "tags": {
        "id": _id(),
        "name": Column(line_text(80, required=True)),
        "name_en": Column(line_text(80), nullable=True),
    },
    "places": {
        "id": _id(),
        "slug": _SLUG_COLUMN,
        "name": Column(line_text(200, required=True)),
        "commune": Column(line_text(120), nullable=True),
        "description": Column(long_text(20_000)),
        "description_en": Column(long_text(20_000), nullable=True),
        "website": Column(web_address_problem, nullable=True),
        "latitude": Column(decimal(-90, 90), nullable=True),
        "longitude": Column(decimal(-180, 180), nullable=True),
        "map_x": Column(decimal(0, 1), nullable=True),
        "map_y": Column(decimal(0, 1), nullable=True),
        "photo_id": _ref("media_assets", nullable=True),
        "video_id": _ref("media_assets", nullable=True),
        "sort_order": _SORT,
        "published": Column(boolean),
        "updated_at": Column(timestamp),
    },
    "place_tags": {"place_id": _ref("places"), "tag_id": _ref("tags")},
    "maps": {
        "id": _id(),
        "image_id": _ref("media_assets"),
        "title": Column(line_text(200, required=True)),
        "credit": Column(line_text(200)),
        "credit_en": Column(line_text(200), nullable=True),
        "date_label": Column(line_text(80), nullable=True),
        "is_current": Column(boolean),
    },
    "geo_points": {
        "id": _id(),
        "map_id": _ref("maps"),
        "label": Column(line_text(120)),
        "latitude": Column(decimal(-90, 90)),
        "longitude": Column(decimal(-180, 180)),
        "x": Column(decimal(-1e6, 1e6)),
        "y": Column(decimal(-1e6, 1e6)),
    },
    "albums": {
        "id": _id(),
        "slug": _SLUG_COLUMN,
        "title": Column(line_text(200, required=True)),
        "title_en": Column(line_text(200), nullable=True),
        "date_label": Column(line_text(80), nullable=True),
        "date_label_en": Column(line_text(80), nullable=True),
        "credit": Column(line_text(200)),
        "credit_en": Column(line_text(200), nullable=True),
        "sort_order": _SORT,
        "published": Column(boolean),
    },
    "album_items": {
        "id": _id(),
        "album_id": _ref("albums"),
        "media_id": _ref("media_assets"),
        "position": Column(whole(-1_000_000, 1_000_000)),  # negative while reordering
        "caption": Column(long_text(2_000)),
        "caption_en": Column(long_text(2_000), nullable=True),
    },
    "pages": {
        "id": _id(),
        "slug": _SLUG_COLUMN,
        "icon": Column(pattern(_ICON, "un nom d'icône (mdi6.nom)", 80)),
        "title": Column(line_text(200, required=True)),
        "title_en": Column(line_text(200), nullable=True),
        "body": Column(long_text(100_000)),
        "body_en": Column(long_text(100_000), nullable=True),
        "sort_order": _SORT,
        "published": Column(boolean),
        "updated_at": Column(timestamp),
    },
    # The Corbeille (kiosk.library.trash): this kiosk's own, never in a bundle.
    "trash_items": {
        "id": _id(),
        "kind": Column(choice(models.TrashKind)),
        "label": Column(line_text(200)),
        "removed_at": Column(timestamp),
        # A page's two texts (100 000 characters each) as ASCII JSON: up to 12 characters each
        # (an emoji's \ud83d\ude00), so a page at the limit can still go to the Corbeille.
        "data": Column(json_document(2_500_000)),
        "files": Column(trash_paths),
    },
    "settings": {
        "key": Column(pattern(_SETTING_KEY, "un nom de réglage (minuscules et _)", 80)),
        "value": Column(json_text),
    },
}
CONTENT_TABLES = tuple(COLUMNS)
# Tables declared here (their rows pass the gate) that stay on this kiosk: no bundle or release
# ever carries them, and one that tries is refused as carrying an unknown table.
LOCAL_TABLES = frozenset({"trash_items"})
TRAVELLING_TABLES = tuple(table for table in COLUMNS if table not in LOCAL_TABLES)
# Columns that hold paths of files of the content root: trash, export and check follow them.
PATH_COLUMNS = tuple(
    (table, name)
    for table, columns in COLUMNS.items()
    for name, column in columns.items()
    if column.check is media_path
)
