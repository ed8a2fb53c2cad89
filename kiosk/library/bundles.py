"""Bundles: the whole content (catalogue rows and media files) in one zip or tar file.

Export streams each file into the archive (nothing is held in memory) and is reproducible: the
manifest comes first, entries are sorted, timestamps, owners and modes are fixed, so the same
content gives the same bytes.

Import checks everything before it changes anything: every entry's name (no absolute path, no
``..``, nothing outside ``assets/`` and ``videos/``, no duplicate even by case), its type (no
link, no device), the manifest (format, a schema this kiosk knows, rows of known tables and
columns), every file's size and hash (the file is streamed into a staging folder inside the
content root and never read past its declared size), a truncated archive, and an archive far
larger unpacked than packed. Then it applies the bundle atomically: new files are renamed into
place (hash-named, so they never overwrite another file), the catalogue rows are swapped in one
transaction, and only after the commit are files no longer used moved to ``trash/``. An
interruption leaves the old content or the new one, never a mix.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import stat
import tarfile
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sqlalchemy import Boolean, DateTime, Enum, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from kiosk import __version__
from kiosk.config import ContentRoot
from kiosk.library.import_jobs import CancelToken
from kiosk.library.leftovers import STAGING_PREFIX as STAGING_PREFIX
from kiosk.library.media_admin import move_to_trash
from kiosk.library.media_store import CHUNK
from kiosk.library.places_io import is_web_link
from kiosk.store.database import MIGRATIONS_DIR, Catalogue, current_revision
from kiosk.store.models import Base

FORMAT = "borne-du-mazier-bundle"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
# An honest bundle stores media uncompressed (they are compressed already): unpacked and packed
# sizes are close. Far more than that is a "zip bomb".
MAX_EXPANSION = 10
EXPANSION_SLACK = 1024 * 1024
# Tables a bundle carries, parents first; usage statistics and the PIN stay with each kiosk.
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
KIOSK_ONLY_SETTINGS = frozenset({"staff_pin"})
MEDIA_FOLDERS = ("assets", "videos")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+-]*")  # a URL scheme (a host name has a dot)
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

Rows = dict[str, list[dict[str, Any]]]
BytesCallback = Callable[[int, int], None]


class BundleError(Exception):
    """A bundle that cannot be written or applied; the kiosk is exactly as it was."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    files: int
    bytes_written: int
    rows: int


@dataclass
class Plan:
    """What importing a bundle would do, in words staff understand."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    files_to_copy: int = 0
    bytes_to_copy: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.files_to_copy)


@dataclass(frozen=True)
class ImportSummary:
    plan: Plan
    applied: bool
    trashed: int = 0


# ---------------------------------------------------------------------------------------------
# Rows


def _tables() -> list[Table]:
    return [Base.metadata.tables[name] for name in CONTENT_TABLES]


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, float, str, bool)):
        return value.value
    return value


def dump_rows(session: Session) -> Rows:
    """Every content row as JSON-ready dicts, in primary-key order."""
    rows: Rows = {}
    for table in _tables():
        statement = select(table).order_by(*table.primary_key.columns)
        dumped = [
            {key: _to_json(value) for key, value in row._mapping.items()}
            for row in session.execute(statement)
        ]
        if table.name == "settings":
            dumped = [row for row in dumped if row["key"] not in KIOSK_ONLY_SETTINGS]
        rows[table.name] = dumped
    return rows


def _from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    converted: dict[str, Any] = {}
    for key, value in row.items():
        column = table.columns[key]
        if value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Enum) and column.type.enum_class:
            value = column.type.enum_class(value)
        elif value is not None and isinstance(column.type, Boolean) and not isinstance(value, bool):
            raise BundleError(f"{MANIFEST_NAME} : {table.name}.{key} n'est pas un booléen.")
        converted[key] = value
    return converted


# ---------------------------------------------------------------------------------------------
# Export


def export_bundle(
    catalogue: Catalogue,
    root: ContentRoot,
    output: Path,
    *,
    progress: BytesCallback | None = None,
    cancel: CancelToken | None = None,
) -> ExportSummary:
    """Write the whole content to ``output`` (``.zip``, otherwise tar), atomically."""
    with catalogue.session() as session:
        rows = dump_rows(session)
    schema = current_revision(catalogue.engine)
    files = _bundle_files(root, rows)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": schema,
        "kiosk_version": __version__,
        "files": [{"path": p, "size": s, "sha256": h} for p, s, h in files],
        "tables": rows,
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    total = sum(size for _, size, _ in files)
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(f".{output.name}.partial-{uuid.uuid4().hex[:8]}")
    done = 0

    def on_chunk(count: int) -> None:
        nonlocal done
        if cancel is not None:
            cancel.check()
        done += count
        if progress is not None:
            progress(done, total)

    try:
        with temporary.open("wb") as handle:
            if output.suffix.lower() == ".zip":
                _write_zip(handle, root, manifest_bytes, files, on_chunk)
            else:
                _write_tar(handle, root, manifest_bytes, files, on_chunk)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(output)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return ExportSummary(output, len(files), output.stat().st_size, sum(map(len, rows.values())))


def _bundle_files(root: ContentRoot, rows: Rows) -> list[tuple[str, int, str]]:
    """(path, size, sha256) of every file the rows name, sorted; a missing file stops export."""
    wanted: dict[str, str | None] = {}
    for media in rows["media_assets"]:
        wanted[media["path"]] = media["sha256"]
        if media.get("subtitles_path"):
            wanted[media["subtitles_path"]] = None
    files: list[tuple[str, int, str]] = []
    for relative in sorted(wanted):
        path = root.absolute(relative)
        if not path.is_file():
            raise BundleError(
                f"{path} : fichier du catalogue introuvable (lancez « kiosk check »)."
            )
        digest = wanted[relative] or _sha256_file(path)
        files.append((relative, path.stat().st_size, digest))
    return files


class _HashingReader(io.RawIOBase):
    """Reads a file while hashing it; refuses to give more or fewer bytes than expected."""

    def __init__(self, path: Path, size: int, on_chunk: Callable[[int], None]) -> None:
        self._handle = path.open("rb")
        self._digest = hashlib.sha256()
        self._size = size
        self._read = 0
        self._on_chunk = on_chunk
        self.path = path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._handle.readinto(buffer)
        if count:
            self._digest.update(memoryview(buffer)[:count])
            self._read += count
            self._on_chunk(count)
        return count or 0

    def finish(self, expected_sha: str) -> None:
        self._handle.close()
        if self._read != self._size or self._digest.hexdigest() != expected_sha:
            raise BundleError(
                f"{self.path} : le fichier ne correspond plus au catalogue (taille ou empreinte) ; "
                "lancez « kiosk check »."
            )


def _write_tar(
    handle: IO[bytes],
    root: ContentRoot,
    manifest: bytes,
    files: list[tuple[str, int, str]],
    on_chunk: Callable[[int], None],
) -> None:
    def info(name: str, size: int) -> tarfile.TarInfo:
        member = tarfile.TarInfo(name)
        member.size = size
        member.mtime = 0
        member.mode = 0o644
        member.uid = member.gid = 0
        member.uname = member.gname = ""
        return member

    with tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as archive:
        archive.addfile(info(MANIFEST_NAME, len(manifest)), io.BytesIO(manifest))
        for relative, size, digest in files:
            reader = _HashingReader(root.absolute(relative), size, on_chunk)
            archive.addfile(info(relative, size), io.BufferedReader(reader, CHUNK))
            reader.finish(digest)


def _write_zip(
    handle: IO[bytes],
    root: ContentRoot,
    manifest: bytes,
    files: list[tuple[str, int, str]],
    on_chunk: Callable[[int], None],
) -> None:
    def info(name: str, size: int) -> zipfile.ZipInfo:
        member = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
        member.compress_type = zipfile.ZIP_STORED
        member.external_attr = (stat.S_IFREG | 0o644) << 16
        member.create_system = 3
        member.file_size = size
        return member

    with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        archive.writestr(info(MANIFEST_NAME, len(manifest)), manifest)
        for relative, size, digest in files:
            reader = _HashingReader(root.absolute(relative), size, on_chunk)
            with archive.open(info(relative, size), "w", force_zip64=True) as writer:
                while chunk := reader.read(CHUNK):
                    writer.write(chunk)
            reader.finish(digest)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Reading and checking an archive


@dataclass(frozen=True)
class _Entry:
    name: str
    size: int
    open: Callable[[], IO[bytes]]


class _Archive:
    """The regular-file entries of a zip or an uncompressed tar, after the structural checks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise BundleError(f"{path} : fichier introuvable.")
        self.packed_size = path.stat().st_size
        self._zip: zipfile.ZipFile | None = None
        self._tar: tarfile.TarFile | None = None
        try:
            if zipfile.is_zipfile(path):
                self._zip = zipfile.ZipFile(path)
                self.entries = self._zip_entries(self._zip)
            else:
                self._tar = tarfile.open(path, mode="r:")  # noqa: SIM115 (closed by close())
                self.entries = self._tar_entries(self._tar)
        except BundleError:
            self.close()
            raise
        except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as error:
            self.close()
            raise BundleError(
                f"{path} : archive illisible ou tronquée ({error}) ; rien n'a été modifié."
            ) from None
        unpacked = sum(entry.size for entry in self.entries)
        if unpacked > MAX_EXPANSION * self.packed_size + EXPANSION_SLACK:
            self.close()
            raise BundleError(
                f"{path} : l'archive ferait {unpacked} octets une fois dépaquetée pour "
                f"{self.packed_size} octets : refusée (archive piégée ?)."
            )
        seen: dict[str, str] = {}
        for entry in self.entries:
            key = unicodedata.normalize("NFC", entry.name).casefold()
            if key in seen:
                self.close()
                raise BundleError(
                    f"{path} : « {entry.name} » apparaît deux fois dans l'archive ; refusée."
                )
            seen[key] = entry.name

    def _zip_entries(self, archive: zipfile.ZipFile) -> list[_Entry]:
        entries: list[_Entry] = []
        for member in archive.infolist():
            _check_name(self.path, member.filename.rstrip("/") or member.filename)
            file_type = stat.S_IFMT(member.external_attr >> 16)
            if member.is_dir():
                continue
            if member.create_system == 3 and file_type and file_type != stat.S_IFREG:
                raise BundleError(
                    f"{self.path} : « {member.filename} » est un lien ou un fichier spécial ; "
                    "refusée."
                )
            if member.flag_bits & 0x1:
                raise BundleError(f"{self.path} : « {member.filename} » est chiffré ; refusée.")

            def opener(m: zipfile.ZipInfo = member) -> IO[bytes]:
                return archive.open(m)

            entries.append(_Entry(member.filename, member.file_size, opener))
        return entries

    def _tar_entries(self, archive: tarfile.TarFile) -> list[_Entry]:
        entries: list[_Entry] = []
        for member in archive.getmembers():
            _check_name(self.path, member.name.rstrip("/") or member.name)
            if member.isdir():
                continue
            if not member.isreg():
                raise BundleError(
                    f"{self.path} : « {member.name} » est un lien ou un fichier spécial ; refusée."
                )
            if member.offset_data + member.size > self.packed_size:
                raise BundleError(f"{self.path} : archive tronquée (« {member.name} ») ; refusée.")

            def opener(m: tarfile.TarInfo = member) -> IO[bytes]:
                extracted = archive.extractfile(m)
                assert extracted is not None
                return extracted

            entries.append(_Entry(member.name, member.size, opener))
        return entries

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._tar is not None:
            self._tar.close()

    def __enter__(self) -> _Archive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _check_name(archive: Path, name: str) -> None:
    def refuse(reason: str) -> None:
        raise BundleError(f"{archive} : « {name} » {reason} ; refusée, rien n'a été modifié.")

    if not name or "\x00" in name:
        refuse("n'est pas un nom valable")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        refuse("est un chemin absolu")
    if "\\" in name:
        refuse("contient une barre oblique inverse")
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".", "") for part in name.split("/")):
        refuse("sort du dossier de contenu (« .. »)")
    if name != MANIFEST_NAME and (len(parts) < 2 or parts[0] not in MEDIA_FOLDERS):
        refuse("n'est ni le manifeste ni un fichier de assets/ ou videos/")


def _read_manifest(archive: _Archive) -> dict[str, Any]:
    entry = next((e for e in archive.entries if e.name == MANIFEST_NAME), None)
    if entry is None:
        raise BundleError(
            f"{archive.path} : pas de {MANIFEST_NAME} : ce n'est pas un lot de borne."
        )
    if entry.size > MAX_MANIFEST_BYTES:
        raise BundleError(f"{archive.path} : manifeste trop grand ({entry.size} octets).")
    try:
        with entry.open() as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
        manifest = json.loads(data)
    except (ValueError, OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as error:
        raise BundleError(f"{archive.path} : manifeste illisible ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{archive.path} : ce n'est pas un lot de la Borne du Mazier.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BundleError(
            f"{archive.path} : format de lot {version} inconnu (créé par une version plus récente "
            "de la borne ?)."
        )
    schema = manifest.get("schema")
    from alembic.script import ScriptDirectory  # only when a bundle is read: not at start-up

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    try:
        known = isinstance(schema, str) and script.get_revision(schema) is not None
    except Exception:
        known = False
    if not known:
        raise BundleError(
            f"{archive.path} : schéma « {schema} » inconnu de cette borne (lot créé par une "
            "version plus récente ?) ; mettez la borne à jour d'abord."
        )
    return manifest


def _check_manifest(archive: _Archive, manifest: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """Validate the files list and the rows; return {path: (size, sha256)}."""
    where = f"{archive.path} : {MANIFEST_NAME}"
    listed: dict[str, tuple[int, str]] = {}
    files = manifest.get("files")
    if not isinstance(files, list):
        raise BundleError(f"{where} : liste de fichiers absente.")
    for item in files:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("path"), str)
            and isinstance(item.get("size"), int)
            and item["size"] >= 0
            and isinstance(item.get("sha256"), str)
            and len(item["sha256"]) == 64
        ):
            raise BundleError(f"{where} : entrée de fichier invalide ({item!r:.80}).")
        _check_name(archive.path, item["path"])
        if item["path"] in listed or item["path"] == MANIFEST_NAME:
            raise BundleError(f"{where} : « {item['path']} » listé deux fois.")
        listed[item["path"]] = (item["size"], item["sha256"].lower())
    in_archive = {entry.name: entry for entry in archive.entries if entry.name != MANIFEST_NAME}
    for name, entry in in_archive.items():
        if name not in listed:
            raise BundleError(f"{archive.path} : « {name} » n'est pas dans le manifeste ; refusée.")
        if entry.size != listed[name][0]:
            raise BundleError(
                f"{archive.path} : « {name} » fait {entry.size} octets au lieu de "
                f"{listed[name][0]} annoncés ; refusée."
            )
    for name in listed:
        if name not in in_archive:
            raise BundleError(f"{archive.path} : « {name} » manque dans l'archive ; refusée.")
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        raise BundleError(f"{where} : tables absentes.")
    for name, rows in tables.items():
        if name not in CONTENT_TABLES:
            raise BundleError(f"{where} : table inconnue « {name} ».")
        table = Base.metadata.tables[name]
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise BundleError(f"{where} : table « {name} » mal formée.")
        for row in rows:
            unknown = set(row) - set(table.columns.keys())
            if unknown:
                raise BundleError(f"{where} : colonne inconnue {name}.{sorted(unknown)[0]}.")
            for column in table.primary_key.columns:
                if column.name not in row:
                    raise BundleError(f"{where} : {name} sans « {column.name} ».")
    for place in tables.get("places", []):
        website = place.get("website")
        if website is not None and not _harmless_website(website):
            raise BundleError(
                f"{where} : le site web du lieu « {place.get('name')} » ({website!r:.60}) n'est "
                "pas une adresse http ou https ; refusée, rien n'a été modifié."
            )
    for media in tables.get("media_assets", []):
        path = media.get("path")
        if path not in listed or listed[path][1] != str(media.get("sha256", "")).lower():
            raise BundleError(
                f"{where} : le média « {path} » n'a pas de fichier correspondant dans le lot."
            )
    return listed


def _harmless_website(website: Any) -> bool:
    """An http(s) address, or text without any scheme (a bare host typed by staff).

    ``javascript:``, ``file:``, ``data:``… are refused: a bundle never brings a link that could
    run or open anything on the kiosk, even if the place sheet would not show it.
    """
    if not isinstance(website, str):
        return False
    text = website.strip()
    if is_web_link(text):
        return True
    scheme, colon, _rest = text.partition(":")
    return not (colon and _SCHEME.fullmatch(scheme))


# ---------------------------------------------------------------------------------------------
# Planning (what changes) and merging


def _natural_view(rows: Rows) -> dict[tuple[str, str], tuple[str, Any]]:
    """Each content item by a key that does not depend on row ids: (kind, key) -> (label, data)."""
    media_sha = {m["id"]: m["sha256"] for m in rows.get("media_assets", [])}
    tag_names = {t["id"]: t["name"] for t in rows.get("tags", [])}
    view: dict[tuple[str, str], tuple[str, Any]] = {}

    def strip(row: dict[str, Any], *drop: str) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k not in ("id", "updated_at", "created_at", *drop)}

    for media in rows.get("media_assets", []):
        label = "média « {} »".format(media.get("title") or media["path"])
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
        view[("place", place["slug"])] = ("lieu « {} »".format(place["name"]), data)
    for map_row in rows.get("maps", []):
        data = strip(map_row, "image_id")
        data["points"] = [
            strip(point, "map_id")
            for point in rows.get("geo_points", [])
            if point["map_id"] == map_row["id"]
        ]
        key = media_sha.get(map_row["image_id"], str(map_row["image_id"]))
        view[("map", key)] = ("carte « {} »".format(map_row["title"]), data)
    for album in rows.get("albums", []):
        data = strip(album)
        data["items"] = [
            (media_sha.get(item["media_id"]), item.get("caption"), item.get("caption_en"))
            for item in sorted(rows.get("album_items", []), key=lambda i: i["position"])
            if item["album_id"] == album["id"]
        ]
        view[("album", album["slug"])] = ("carnet « {} »".format(album["title"]), data)
    for page in rows.get("pages", []):
        view[("page", page["slug"])] = ("page « {} »".format(page["title"]), strip(page))
    for setting in rows.get("settings", []):
        if setting["key"] not in KIOSK_ONLY_SETTINGS:
            view[("setting", setting["key"])] = (
                "réglage « {} »".format(setting["key"]),
                setting["value"],
            )
    return view


def plan_changes(current: Rows, final: Rows) -> Plan:
    before, after = _natural_view(current), _natural_view(final)
    plan = Plan()
    for key, (label, data) in after.items():
        if key not in before:
            plan.added.append(label)
        elif before[key][1] != data:
            plan.changed.append(label)
    for key, (label, _data) in before.items():
        if key not in after:
            plan.removed.append(label)
    return plan


def merge_rows(current: Rows, bundle: Rows) -> Rows:
    """The rows after merging ``bundle`` into ``current``: bundle items replace those with the
    same key (media hash, place/album/page slug, tag name, map image, setting key), others stay.
    Row ids of existing items are kept; new items get fresh ids."""
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
    settings = {row["key"]: row for row in final["settings"]}
    for row in bundle.get("settings", []):
        if row["key"] not in KIOSK_ONLY_SETTINGS:
            settings[row["key"]] = dict(row)
    final["settings"] = sorted(settings.values(), key=lambda row: row["key"])
    return final


# ---------------------------------------------------------------------------------------------
# Import


def import_bundle(
    catalogue: Catalogue,
    root: ContentRoot,
    bundle: Path,
    *,
    replace: bool = False,
    dry_run: bool = False,
    progress: BytesCallback | None = None,
    cancel: CancelToken | None = None,
) -> ImportSummary:
    """Check ``bundle`` completely, then (unless ``dry_run``) apply it atomically."""
    staging = root.home / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    try:
        with _Archive(bundle) as archive:
            manifest = _read_manifest(archive)
            listed = _check_manifest(archive, manifest)
            bundle_rows: Rows = {name: manifest["tables"].get(name, []) for name in CONTENT_TABLES}
            with catalogue.session() as session:
                current = dump_rows(session)
            final = bundle_rows if replace else merge_rows(current, bundle_rows)
            plan = plan_changes(current, final)
            needed = _files_to_copy(root, final, listed)
            plan.files_to_copy = len(needed)
            plan.bytes_to_copy = sum(listed[path][0] for path in needed)
            _check_free_space(root, plan.bytes_to_copy)
            # Every file is read and verified, even in a dry run ("would apply" means "is good"),
            # but a dry run writes nothing.
            if not dry_run:
                staging.mkdir()
            kept = [] if dry_run else needed
            _extract_verified(archive, listed, kept, staging, progress, cancel)
        if dry_run:
            return ImportSummary(plan, applied=False)
        trashed = _apply(catalogue, root, staging, needed, current, final)
        return ImportSummary(plan, applied=True, trashed=trashed)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _files_to_copy(root: ContentRoot, final: Rows, listed: dict[str, tuple[int, str]]) -> list[str]:
    """Files of the final catalogue that the bundle brings and the content root lacks."""
    needed: list[str] = []
    wanted = {m["path"] for m in final["media_assets"]} | {
        m["subtitles_path"] for m in final["media_assets"] if m.get("subtitles_path")
    }
    for path in sorted(wanted & set(listed)):
        target = root.absolute(path)
        if target.exists():
            if target.stat().st_size == listed[path][0] and _sha256_file(target) == listed[path][1]:
                continue
            raise BundleError(
                f"{target} : existe déjà avec un autre contenu que celui du lot ; lancez "
                "« kiosk check » avant d'importer."
            )
        needed.append(path)
    for media in final["media_assets"]:
        if media["path"] not in listed and not root.absolute(media["path"]).is_file():
            raise BundleError(f"{media['path']} : fichier absent du lot et de la borne.")
    return needed


def _check_free_space(root: ContentRoot, needed_bytes: int) -> None:
    free = shutil.disk_usage(root.home).free
    if needed_bytes * 2 + 64 * 1024 * 1024 > free and needed_bytes > 0:
        raise BundleError(
            f"{root.home} : place insuffisante ({free // 2**20} Mo libres, il faut environ "
            f"{needed_bytes * 2 // 2**20} Mo)."
        )


def _extract_verified(
    archive: _Archive,
    listed: dict[str, tuple[int, str]],
    needed: list[str],
    staging: Path,
    progress: BytesCallback | None,
    cancel: CancelToken | None,
) -> None:
    """Stream every listed file through its size limit and hash; keep those ``needed``."""
    total = sum(size for size, _ in listed.values())
    done = 0
    needed_set = set(needed)
    for entry in archive.entries:
        if entry.name == MANIFEST_NAME:
            continue
        size, expected = listed[entry.name]
        digest = hashlib.sha256()
        target = staging / entry.name if entry.name in needed_set else None
        written = 0
        try:
            sink: IO[bytes] | None = None
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                sink = target.open("wb")
            try:
                with entry.open() as source:
                    while chunk := source.read(min(CHUNK, size - written + 1)):
                        if cancel is not None:
                            cancel.check()
                        written += len(chunk)
                        if written > size:
                            raise BundleError(
                                f"{archive.path} : « {entry.name} » est plus grand que "
                                "annoncé ; refusée."
                            )
                        digest.update(chunk)
                        if sink is not None:
                            sink.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
                if sink is not None:
                    sink.flush()
                    os.fsync(sink.fileno())
            finally:
                if sink is not None:
                    sink.close()
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as error:
            raise BundleError(
                f"{archive.path} : « {entry.name} » illisible ou tronqué ({error}) ; refusée."
            ) from None
        if written != size or digest.hexdigest() != expected:
            raise BundleError(
                f"{archive.path} : « {entry.name} » ne correspond pas au manifeste (taille ou "
                "empreinte) ; refusée, rien n'a été modifié."
            )


def _apply(
    catalogue: Catalogue,
    root: ContentRoot,
    staging: Path,
    needed: list[str],
    current: Rows,
    final: Rows,
) -> int:
    placed: list[Path] = []
    try:
        for relative in needed:
            target = root.absolute(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).replace(target)
            placed.append(target)
        for folder in {target.parent for target in placed}:
            _fsync_dir(folder)
        _swap_rows(catalogue, final)
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        raise
    still_used = {m["path"] for m in final["media_assets"]} | {
        m["subtitles_path"] for m in final["media_assets"] if m.get("subtitles_path")
    }
    before = {m["path"] for m in current["media_assets"]} | {
        m["subtitles_path"] for m in current["media_assets"] if m.get("subtitles_path")
    }
    batch = "lot-" + datetime.now().strftime("%Y%m%d-%H%M%S")
    return sum(
        1 for relative in sorted(before - still_used) if move_to_trash(root, relative, batch)
    )


def _swap_rows(catalogue: Catalogue, final: Rows) -> None:
    """Replace every content row in one transaction."""
    try:
        with catalogue.session() as session:
            for table in reversed(_tables()):
                statement = delete(table)
                if table.name == "settings":
                    statement = statement.where(table.c.key.not_in(KIOSK_ONLY_SETTINGS))
                session.execute(statement)
            for table in _tables():
                rows = [_from_json(table, row) for row in final.get(table.name, [])]
                if table.name == "settings":
                    rows = [row for row in rows if row["key"] not in KIOSK_ONLY_SETTINGS]
                if rows:
                    session.execute(insert(table), rows)
    except (IntegrityError, StatementError, ValueError, KeyError, TypeError) as error:
        raise BundleError(
            f"catalogue du lot incohérent ({str(error).splitlines()[0]}) ; rien n'a été modifié."
        ) from None


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
