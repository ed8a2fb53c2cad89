"""Everything a bundle's manifest must satisfy before anything changes.

Every row of every table goes through the one gate (:mod:`kiosk.store.validation`): its
columns, its references, then what only a whole set of rows can say (no id or slug twice, one
current map at most, a photo that is an image…). Every path column names a file the archive
brings with its hash, or one this kiosk's catalogue already has with the same path and hash.
Settings: a bundle carries only content settings (:mod:`kiosk.library.settings`); an old bundle
(format 1, before scopes existed) has its machine settings left aside, said in the plan.

A refusal is one French line naming the bundle file, the table, the row (its id, slug or name),
the column and the reason.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, UniqueConstraint

from kiosk.library.bundles.archive import Archive, check_name
from kiosk.library.bundles.common import (
    MANIFEST_NAME,
    SUBTITLE_SUFFIXES,
    BundleError,
    Rows,
    shown,
)
from kiosk.library.bundles.rows import CONTENT_TABLES, complete_row, tables
from kiosk.library.settings import MACHINE_KEYS, SettingsError, check_content_setting
from kiosk.store import validation

Listed = dict[str, tuple[int, str]]

# A bundle's ids stay far below the gate's ceiling (validation.MAX_ID = 2**53).
MAX_BUNDLE_ID = 2**31 - 1


def _is_id_column(table: str, name: str) -> bool:
    column = validation.COLUMNS[table].get(name)
    return column is not None and (name == "id" or column.references is not None)


@dataclass
class CheckedBundle:
    rows: Rows
    listed: Listed
    version: int
    notes: list[str] = field(default_factory=list)


def row_label(table: str, row: Any) -> str:
    """How staff find the row: its id and its slug, name, key or title."""
    if not isinstance(row, dict):
        return "illisible"
    if table == "place_tags":
        return (
            f"(lieu n°{shown(row.get('place_id'), 20)}, étiquette n°{shown(row.get('tag_id'), 20)})"
        )
    parts = []
    if "id" in row:
        parts.append(f"n°{shown(row['id'], 24)}")
    for key in ("slug", "key", "name", "title", "label", "path"):
        value = row.get(key)
        if isinstance(value, str) and value:
            parts.append(f"« {shown(value, 60)} »")
            break
    return " ".join(parts) or "sans identifiant"


BUNDLE_REFUSED = "lot refusé"


class _Refusal:
    """Builds the one line of a refusal for one bundle (or one release: ``source`` is then the
    words naming it, ``outcome`` what becomes of it)."""

    def __init__(self, source: Archive | str, outcome: str = BUNDLE_REFUSED) -> None:
        self.where = source if isinstance(source, str) else f"{source.shown} : {MANIFEST_NAME}"
        self.outcome = outcome

    def __call__(self, reason: str, table: str | None = None, row: Any = None) -> BundleError:
        place = ""
        if table is not None:
            place = f", table {table}"
            if row is not None:
                place += f", ligne {row_label(table, row)}"
        return BundleError(
            f"{self.where}{place} : {reason} ; {self.outcome}, rien n'a été modifié."
        )

    def invalid(self, error: validation.ValidationError, table: str, row: Any) -> BundleError:
        column = error.field.partition(".")[2] or error.field
        return self(f"colonne {column} : {error.reason}", table, row)


def check_bundle(archive: Archive, manifest: dict[str, Any]) -> CheckedBundle:
    """Check the file list and every row; return the rows completed with their defaults."""
    refuse = _Refusal(archive)
    listed = _check_files(archive, manifest, refuse)
    return _check_tables(manifest, listed, int(manifest["format_version"]), refuse)


def check_tables(
    source: str, manifest: dict[str, Any], listed: Listed, outcome: str = BUNDLE_REFUSED
) -> CheckedBundle:
    """Every row of ``manifest["tables"]`` through the gate, as :func:`check_bundle` checks a
    bundle's (the current format's rules: content settings only): for a release, whose file
    list ``listed`` was read by :func:`check_file_list`. ``source`` names it in a refusal."""
    from kiosk.library.bundles.common import FORMAT_VERSION

    return _check_tables(manifest, listed, FORMAT_VERSION, _Refusal(source, outcome))


def _check_tables(
    manifest: dict[str, Any], listed: Listed, version: int, refuse: _Refusal
) -> CheckedBundle:
    tables_in = manifest.get("tables")
    if not isinstance(tables_in, dict):
        raise refuse("tables absentes")
    for name, rows in tables_in.items():
        if name not in CONTENT_TABLES or name not in validation.COLUMNS:
            raise refuse(f"table inconnue « {shown(name, 60)} »")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise refuse("table mal formée (une liste de lignes est attendue)", name)
    checked = CheckedBundle({}, listed, version)
    dropped: list[str] = []
    for table in tables():
        kept: list[dict[str, Any]] = []
        for row in tables_in.get(table.name, []):
            for column in table.primary_key.columns:
                if column.name not in row:
                    raise refuse(f"colonne {column.name} absente", table.name, row)
            try:
                validation.check_row(table.name, row, complete=True)
            except validation.ValidationError as error:
                raise refuse.invalid(error, table.name, row) from None
            for name, value in row.items():
                # Ids far below the gate's ceiling: rows the kiosk adds after a --replace import
                # take the next ids, and must still pass the gate.
                if _is_id_column(table.name, name) and value is not None and value > MAX_BUNDLE_ID:
                    raise refuse(
                        f"colonne {name} : identifiant trop grand ({value} ; {MAX_BUNDLE_ID} au "
                        "plus dans un lot)",
                        table.name,
                        row,
                    )
            if table.name == "settings":
                key = row["key"]
                if version < 2 and key in MACHINE_KEYS:
                    dropped.append(key)
                    continue
                try:
                    check_content_setting(key, row["value"])
                except SettingsError as error:
                    raise refuse(
                        f"réglage {shown(str(error).rstrip('.'), 160)}", table.name, row
                    ) from None
            kept.append(complete_row(table, row))
        checked.rows[table.name] = kept
    if dropped:
        checked.notes.append(
            f"Lot ancien (format {version}) : réglages propres à chaque borne laissés de côté "
            f"(cette borne garde les siens) : {', '.join(sorted(set(dropped)))}."
        )
    _check_unique(checked.rows, refuse, "dans le lot")
    _check_references(checked.rows, refuse, "du lot")
    _check_meaning(checked.rows, refuse)
    _check_path_aliases(checked.rows, refuse, "dans le lot")
    return checked


def check_final(
    source: Archive | str,
    current: Rows,
    bundle: CheckedBundle,
    final: Rows,
    outcome: str = BUNDLE_REFUSED,
) -> None:
    """The bundle against this kiosk's catalogue: its files, and the rows after the merge."""
    refuse = _Refusal(source, outcome)
    local_media = {(m["path"], m["sha256"]) for m in current.get("media_assets", [])}
    local_subtitles = {
        m["subtitles_path"] for m in current.get("media_assets", []) if m.get("subtitles_path")
    }
    for media in bundle.rows.get("media_assets", []):
        path, sha = media["path"], media["sha256"]
        if path in bundle.listed:
            size, listed_sha = bundle.listed[path]
            if listed_sha != sha or size != media["size_bytes"]:
                raise refuse(
                    "colonne path : le fichier du lot n'a pas la taille ou l'empreinte que la "
                    "ligne annonce",
                    "media_assets",
                    media,
                )
        elif (path, sha) not in local_media:
            raise refuse(
                "colonne path : fichier absent du lot et du catalogue de cette borne",
                "media_assets",
                media,
            )
        subtitles = media.get("subtitles_path")
        if subtitles and subtitles not in bundle.listed and subtitles not in local_subtitles:
            raise refuse(
                "colonne subtitles_path : fichier absent du lot et du catalogue de cette borne",
                "media_assets",
                media,
            )
    _check_unique(final, refuse, "une fois fusionné avec le catalogue de cette borne")
    _check_references(final, refuse, "une fois fusionné")
    _check_path_aliases(final, refuse, "une fois fusionné avec le catalogue de cette borne")


def check_file_list(source: str, manifest: dict[str, Any], outcome: str = BUNDLE_REFUSED) -> Listed:
    """A manifest's ``files``: each a media path with its size and SHA-256 (a release's)."""
    return _list_files(source, manifest, _Refusal(source, outcome))


def _check_files(archive: Archive, manifest: dict[str, Any], refuse: _Refusal) -> Listed:
    listed = _list_files(archive, manifest, refuse)
    in_archive = {entry.name: entry for entry in archive.entries if entry.name != MANIFEST_NAME}
    for name, entry in in_archive.items():
        if name not in listed:
            raise BundleError(
                f"{archive.shown} : « {shown(name)} » n'est pas dans le manifeste ; refusée."
            )
        if entry.size != listed[name][0]:
            raise BundleError(
                f"{archive.shown} : « {shown(name)} » fait {entry.size} octets au lieu de "
                f"{listed[name][0]} annoncés ; refusée."
            )
    for name in listed:
        if name not in in_archive:
            raise BundleError(
                f"{archive.shown} : « {shown(name)} » manque dans l'archive ; refusée."
            )
    return listed


def _list_files(source: Archive | str, manifest: dict[str, Any], refuse: _Refusal) -> Listed:
    listed: Listed = {}
    seen: set[str] = set()
    files = manifest.get("files")
    if not isinstance(files, list):
        raise refuse("liste de fichiers absente")
    for item in files:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("path"), str)
            and isinstance(item.get("size"), int)
            and not isinstance(item.get("size"), bool)
            and 0 <= item["size"] <= validation.MAX_SIZE_BYTES
            and isinstance(item.get("sha256"), str)
        ):
            raise refuse("entrée de la liste de fichiers invalide (path, size, sha256)")
        path = item["path"]
        check_name(source, path)
        if path == MANIFEST_NAME:
            raise refuse(f"« {MANIFEST_NAME} » listé comme un média")
        sha = item["sha256"].lower()
        try:
            validation.check_value("media_assets", "sha256", sha)
        except validation.ValidationError as error:
            raise refuse(f"fichier « {shown(path)} » : {error.reason}") from None
        key = unicodedata.normalize("NFC", path).casefold()
        if key in seen:
            raise refuse(f"« {shown(path)} » listé deux fois")
        seen.add(key)
        listed[path] = (item["size"], sha)
    return listed


def _unique_groups(table: Table) -> list[tuple[str, ...]]:
    groups = [tuple(column.name for column in table.primary_key.columns)]
    groups += [(column.name,) for column in table.columns if column.unique]
    groups += [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    return list(dict.fromkeys(groups))


def _check_unique(rows: Rows, refuse: _Refusal, where: str) -> None:
    """No two rows with the same id, slug, hash, path, name or key (what SQL would refuse
    halfway through the transaction, and what the merge uses as keys)."""
    for table in tables():
        for group in _unique_groups(table):
            seen: set[tuple[Any, ...]] = set()
            for row in rows.get(table.name, []):
                values = tuple(row.get(name) for name in group)
                if any(value is None for value in values):
                    continue
                if values in seen:
                    raise refuse(
                        f"colonne {', '.join(group)} : valeur présente deux fois {where}",
                        table.name,
                        row,
                    )
                seen.add(values)
    for table_name, key in (("maps", "image_id"),):
        seen_keys: set[Any] = set()
        for row in rows.get(table_name, []):
            if row[key] in seen_keys:
                raise refuse(
                    f"colonne {key} : deux cartes ont la même image {where}", table_name, row
                )
            seen_keys.add(row[key])


def _check_references(rows: Rows, refuse: _Refusal, where: str) -> None:
    try:
        validation.check_references(rows)
    except validation.ValidationError as error:
        table, _dot, column = error.field.partition(".")
        culprit = next((row for row in rows.get(table, []) if row.get(column) == error.value), None)
        raise refuse(f"colonne {column} {where} : {error.reason}", table, culprit) from None


def _check_meaning(rows: Rows, refuse: _Refusal) -> None:
    """What the columns alone cannot say: a photo is an image, one current map at most…"""
    kinds = {media["id"]: media["kind"] for media in rows.get("media_assets", [])}

    def expect(table: str, row: dict[str, Any], column: str, kind: str, what: str) -> None:
        value = row.get(column)
        if value is not None and kinds.get(value) != kind:
            raise refuse(f"colonne {column} : {what}", table, row)

    for place in rows.get("places", []):
        expect("places", place, "photo_id", "image", "la photo d'un lieu doit être une image")
        expect("places", place, "video_id", "video", "la vidéo d'un lieu doit être une vidéo")
    for map_row in rows.get("maps", []):
        expect("maps", map_row, "image_id", "image", "l'image d'une carte doit être une image")
    for item in rows.get("album_items", []):
        expect("album_items", item, "media_id", "image", "un carnet ne montre que des images")
    current = [row for row in rows.get("maps", []) if row.get("is_current")]
    if len(current) > 1:
        raise refuse(
            "colonne is_current : plusieurs cartes sont marquées « actuelle »", "maps", current[1]
        )
    for media in rows.get("media_assets", []):
        subtitles = media.get("subtitles_path")
        if subtitles is None:
            continue
        if media["kind"] != "video":
            raise refuse(
                "colonne subtitles_path : seule une vidéo a des sous-titres", "media_assets", media
            )
        if not subtitles.lower().endswith(SUBTITLE_SUFFIXES):
            raise refuse(
                "colonne subtitles_path : des sous-titres sont un fichier .srt ou .vtt",
                "media_assets",
                media,
            )


def _path_values(rows: Rows) -> Iterable[tuple[str, str, str, dict[str, Any]]]:
    for table, column in validation.PATH_COLUMNS:
        for row in rows.get(table, []):
            value = row.get(column)
            if isinstance(value, str):
                yield table, column, value, row


def _check_path_aliases(rows: Rows, refuse: _Refusal, where: str) -> None:
    """No file named twice, even through another column or another case (a FAT stick does not
    tell ``a.srt`` from ``A.srt``): trashing one row's file must never take another's."""
    seen: dict[str, str] = {}
    for table, column, value, row in _path_values(rows):
        key = unicodedata.normalize("NFC", value).casefold()
        if key in seen:
            raise refuse(
                f"colonne {column} : le fichier « {shown(value)} » est déjà nommé par une autre "
                f"ligne {where}",
                table,
                row,
            )
        seen[key] = value


__all__ = [
    "CheckedBundle",
    "check_bundle",
    "check_file_list",
    "check_final",
    "check_tables",
    "row_label",
]
