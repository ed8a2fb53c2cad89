"""The catalogue rows a bundle carries: dumped as JSON-ready dicts, merged, compared."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Enum, Table, select
from sqlalchemy.orm import Session

from kiosk.library.bundles.common import Rows, shown
from kiosk.library.settings import CONTENT_KEYS
from kiosk.store.models import Base

# Tables a bundle carries, parents first; usage statistics stay with each kiosk, and of the
# settings only those of the content scope travel (kiosk.library.settings.SCOPES).
CONTENT_TABLES = (
    "media_assets",
    "tags",
    "places",
    "place_tags",
    "maps",
    "geo_points",
    "albums",
    "album_items",
    "pages",
    "settings",
)


def tables() -> list[Table]:
    return [Base.metadata.tables[name] for name in CONTENT_TABLES]


def travels(key: str) -> bool:
    """True for a setting a bundle carries and an import may change: the content scope."""
    return key in CONTENT_KEYS


def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, float, str, bool)):
        return value.value
    return value


def dump_rows(session: Session) -> Rows:
    """Every content row as JSON-ready dicts, in primary-key order (content settings only)."""
    rows: Rows = {}
    for table in tables():
        statement = select(table).order_by(*table.primary_key.columns)
        dumped = [
            {key: to_json(value) for key, value in row._mapping.items()}
            for row in session.execute(statement)
        ]
        if table.name == "settings":
            dumped = [row for row in dumped if travels(row["key"])]
        rows[table.name] = dumped
    return rows


def complete_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with every column of ``table``: a column left out gets its default (as SQL would
    give it), so merged rows all have the same keys. Only for rows already checked."""
    completed: dict[str, Any] = {}
    for column in table.columns:
        if column.name in row:
            completed[column.name] = row[column.name]
            continue
        default = column.default
        value: Any = None
        if default is not None and getattr(default, "is_scalar", False):
            value = getattr(default, "arg", None)
        elif default is not None and getattr(default, "is_callable", False):
            value = default.arg(None)  # type: ignore[attr-defined]
        completed[column.name] = to_json(value)
    return completed


def from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A checked row made ready for an SQL insert (dates and enums as Python objects)."""
    converted: dict[str, Any] = {}
    for key, value in row.items():
        column = table.columns[key]
        if value is not None and isinstance(column.type, DateTime) and isinstance(value, str):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Enum) and column.type.enum_class:
            value = column.type.enum_class(value)
        elif value is not None and isinstance(column.type, Boolean):
            value = bool(value)
        converted[key] = value
    return converted


# ---------------------------------------------------------------------------------------------
# Planning (what changes) and merging


def natural_view(rows: Rows) -> dict[tuple[str, str], tuple[str, Any]]:
    """Each content item by a key that does not depend on row ids: (kind, key) -> (label, data).

    Labels are made safe to print (:func:`shown`): a local row older than the gate may still
    hold a terminal escape."""
    media_sha = {m["id"]: m["sha256"] for m in rows.get("media_assets", [])}
    tag_names = {t["id"]: t["name"] for t in rows.get("tags", [])}
    view: dict[tuple[str, str], tuple[str, Any]] = {}

    def strip(row: dict[str, Any], *drop: str) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k not in ("id", "updated_at", "created_at", *drop)}

    for media in rows.get("media_assets", []):
        label = "média « {} »".format(shown(media.get("title") or media["path"]))
        view[("media", media["sha256"])] = (label, strip(media))
    for place in rows.get("places", []):
        data = strip(place, "photo_id", "video_id")
        data["photo"] = media_sha.get(place.get("photo_id"))
        data["video"] = media_sha.get(place.get("video_id"))
        data["tags"] = sorted(
            tag_names.get(link["tag_id"], "")
            for link in rows.get("place_tags", [])
            if link["place_id"] == place["id"]
        )
        view[("place", place["slug"])] = ("lieu « {} »".format(shown(place["name"])), data)
    for map_row in rows.get("maps", []):
        data = strip(map_row, "image_id")
        data["points"] = [
            strip(point, "map_id")
            for point in rows.get("geo_points", [])
            if point["map_id"] == map_row["id"]
        ]
        key = media_sha.get(map_row["image_id"], str(map_row["image_id"]))
        view[("map", key)] = ("carte « {} »".format(shown(map_row["title"])), data)
    for album in rows.get("albums", []):
        data = strip(album)
        data["items"] = [
            (media_sha.get(item["media_id"]), item.get("caption"), item.get("caption_en"))
            for item in sorted(rows.get("album_items", []), key=lambda i: i["position"])
            if item["album_id"] == album["id"]
        ]
        view[("album", album["slug"])] = ("carnet « {} »".format(shown(album["title"])), data)
    for page in rows.get("pages", []):
        view[("page", page["slug"])] = ("page « {} »".format(shown(page["title"])), strip(page))
    for setting in rows.get("settings", []):
        if travels(setting["key"]):
            view[("setting", setting["key"])] = (
                "réglage « {} »".format(shown(setting["key"])),
                setting["value"],
            )
    return view


def plan_changes(current: Rows, final: Rows) -> tuple[list[str], list[str], list[str]]:
    """The labels of the items added, changed and removed."""
    before, after = natural_view(current), natural_view(final)
    added: list[str] = []
    changed: list[str] = []
    removed: list[str] = []
    for key, (label, data) in after.items():
        if key not in before:
            added.append(label)
        elif before[key][1] != data:
            changed.append(label)
    for key, (label, _data) in before.items():
        if key not in after:
            removed.append(label)
    return added, changed, removed


def merge_rows(current: Rows, bundle: Rows) -> Rows:
    """The rows after merging ``bundle`` into ``current``: bundle items replace those with the
    same key (media hash, place/album/page slug, tag name, map image, setting key), others stay.
    Row ids of existing items are kept; new items get fresh ids. ``bundle`` has been checked
    (every reference points to one of its rows)."""
    final: Rows = {name: [dict(row) for row in current.get(name, [])] for name in CONTENT_TABLES}

    def next_id(table: str) -> Callable[[], int]:
        counter = max((row["id"] for row in final[table]), default=0)

        def make() -> int:
            nonlocal counter
            counter += 1
            return counter

        return make

    def upsert(table: str, key: str, rows: list[dict[str, Any]]) -> dict[int, int]:
        by_key = {row[key]: row for row in final[table]}
        fresh = next_id(table)
        mapping: dict[int, int] = {}
        for row in rows:
            existing = by_key.get(row[key])
            if existing is not None:
                existing.update({k: v for k, v in row.items() if k != "id"})
                mapping[row["id"]] = existing["id"]
            else:
                added = dict(row, id=fresh())
                final[table].append(added)
                by_key[row[key]] = added
                mapping[row["id"]] = added["id"]
        return mapping

    bundle_media = bundle.get("media_assets", [])
    local_by_sha = {row["sha256"]: row for row in final["media_assets"]}
    media_map: dict[int, int] = {}
    fresh_media = next_id("media_assets")
    for row in bundle_media:
        local = local_by_sha.get(row["sha256"])
        if local is not None:
            local.update({k: v for k, v in row.items() if k not in ("id", "path")})
            media_map[row["id"]] = local["id"]
        else:
            added = dict(row, id=fresh_media())
            final["media_assets"].append(added)
            media_map[row["id"]] = added["id"]
    tag_map = upsert("tags", "name", bundle.get("tags", []))
    places = [
        dict(
            row,
            photo_id=media_map.get(row["photo_id"]) if row.get("photo_id") else None,
            video_id=media_map.get(row["video_id"]) if row.get("video_id") else None,
        )
        for row in bundle.get("places", [])
    ]
    place_map = upsert("places", "slug", places)
    touched_places = set(place_map.values())
    final["place_tags"] = [
        link for link in final["place_tags"] if link["place_id"] not in touched_places
    ] + [
        {"place_id": place_map[link["place_id"]], "tag_id": tag_map[link["tag_id"]]}
        for link in bundle.get("place_tags", [])
        if link["place_id"] in place_map and link["tag_id"] in tag_map
    ]
    image_sha = {row["id"]: row["sha256"] for row in final["media_assets"]}
    local_maps = {image_sha.get(row["image_id"]): row for row in final["maps"]}
    fresh_map = next_id("maps")
    map_map: dict[int, int] = {}
    bundle_has_current = any(row.get("is_current") for row in bundle.get("maps", []))
    if bundle_has_current:
        for row in final["maps"]:
            row["is_current"] = False
    for row in bundle.get("maps", []):
        image_id = media_map[row["image_id"]]
        existing = local_maps.get(image_sha.get(image_id))
        values = dict(row, image_id=image_id)
        if existing is not None:
            existing.update({k: v for k, v in values.items() if k != "id"})
            map_map[row["id"]] = existing["id"]
        else:
            values["id"] = fresh_map()
            final["maps"].append(values)
            map_map[row["id"]] = values["id"]
    touched_maps = set(map_map.values())
    fresh_point = next_id("geo_points")
    final["geo_points"] = [p for p in final["geo_points"] if p["map_id"] not in touched_maps] + [
        dict(point, id=fresh_point(), map_id=map_map[point["map_id"]])
        for point in bundle.get("geo_points", [])
        if point["map_id"] in map_map
    ]
    album_map = upsert("albums", "slug", bundle.get("albums", []))
    touched_albums = set(album_map.values())
    fresh_item = next_id("album_items")
    final["album_items"] = [
        item for item in final["album_items"] if item["album_id"] not in touched_albums
    ] + [
        dict(
            item,
            id=fresh_item(),
            album_id=album_map[item["album_id"]],
            media_id=media_map[item["media_id"]],
        )
        for item in bundle.get("album_items", [])
        if item["album_id"] in album_map and item["media_id"] in media_map
    ]
    upsert("pages", "slug", bundle.get("pages", []))
    settings = {row["key"]: row for row in final["settings"] if travels(row["key"])}
    for row in bundle.get("settings", []):
        if travels(row["key"]):
            settings[row["key"]] = dict(row)
    final["settings"] = sorted(settings.values(), key=lambda row: row["key"])
    return final
