"""Reading a bundle's archive: its entries after the structural checks, and its manifest."""

from __future__ import annotations

import json
import math
import stat
import tarfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from kiosk.library.bundles.common import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    MEDIA_FOLDERS,
    OLDEST_FORMAT_VERSION,
    BundleError,
    shown,
)
from kiosk.store.database import MIGRATIONS_DIR
from kiosk.store.validation import media_path_problem

# An honest bundle stores media uncompressed (they are compressed already): unpacked and packed
# sizes are close. Far more than that is a "zip bomb".
MAX_EXPANSION = 10
EXPANSION_SLACK = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    open: Callable[[], IO[bytes]]


class Archive:
    """The regular-file entries of a zip or an uncompressed tar, after the structural checks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = shown(path, 200)
        if not path.is_file():
            raise BundleError(f"{self.shown} : fichier introuvable.")
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
        except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
            self.close()
            raise BundleError(
                f"{self.shown} : archive illisible ou tronquée ({shown(error)}) ; rien n'a été "
                "modifié."
            ) from None
        unpacked = sum(entry.size for entry in self.entries)
        if unpacked > MAX_EXPANSION * self.packed_size + EXPANSION_SLACK:
            self.close()
            raise BundleError(
                f"{self.shown} : l'archive ferait {unpacked} octets une fois dépaquetée pour "
                f"{self.packed_size} octets : refusée (archive piégée ?)."
            )
        seen: dict[str, str] = {}
        for entry in self.entries:
            key = unicodedata.normalize("NFC", entry.name).casefold()
            if key in seen:
                self.close()
                raise BundleError(
                    f"{self.shown} : « {shown(entry.name)} » apparaît deux fois dans l'archive ; "
                    "refusée."
                )
            seen[key] = entry.name

    def _zip_entries(self, archive: zipfile.ZipFile) -> list[Entry]:
        entries: list[Entry] = []
        for member in archive.infolist():
            check_name(self, member.filename.rstrip("/") or member.filename)
            file_type = stat.S_IFMT(member.external_attr >> 16)
            if member.is_dir():
                continue
            if member.create_system == 3 and file_type and file_type != stat.S_IFREG:
                raise BundleError(
                    f"{self.shown} : « {shown(member.filename)} » est un lien ou un fichier "
                    "spécial ; refusée."
                )
            if member.flag_bits & 0x1:
                raise BundleError(
                    f"{self.shown} : « {shown(member.filename)} » est chiffré ; refusée."
                )

            def opener(m: zipfile.ZipInfo = member) -> IO[bytes]:
                return archive.open(m)

            entries.append(Entry(member.filename, member.file_size, opener))
        return entries

    def _tar_entries(self, archive: tarfile.TarFile) -> list[Entry]:
        entries: list[Entry] = []
        for member in archive.getmembers():
            check_name(self, member.name.rstrip("/") or member.name)
            if member.isdir():
                continue
            if not member.isreg():
                raise BundleError(
                    f"{self.shown} : « {shown(member.name)} » est un lien ou un fichier spécial ; "
                    "refusée."
                )
            if member.offset_data + member.size > self.packed_size:
                raise BundleError(
                    f"{self.shown} : archive tronquée (« {shown(member.name)} ») ; refusée."
                )

            def opener(m: tarfile.TarInfo = member) -> IO[bytes]:
                extracted = archive.extractfile(m)
                assert extracted is not None
                return extracted

            entries.append(Entry(member.name, member.size, opener))
        return entries

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        if self._tar is not None:
            self._tar.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def check_name(archive: Archive | str, name: str) -> None:
    """An entry's name (or a path the manifest lists): the manifest, or a media file's path.
    ``archive`` is the bundle, or the words naming a release."""
    where = archive if isinstance(archive, str) else archive.shown

    def refuse(reason: str) -> None:
        raise BundleError(f"{where} : « {shown(name)} » {reason} ; refusée, rien n'a été modifié.")

    if not name or "\x00" in name:
        refuse("n'est pas un nom valable")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        refuse("est un chemin absolu")
    if "\\" in name:
        refuse("contient une barre oblique inverse")
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".", "") for part in name.split("/")):
        refuse("sort du dossier de contenu (« .. »)")
    if name == MANIFEST_NAME:
        return
    if len(parts) < 2 or parts[0] not in MEDIA_FOLDERS:
        refuse("n'est ni le manifeste ni un fichier de assets/ ou videos/")
    problem = media_path_problem(name)
    if problem:
        refuse(f": {problem}")


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"nombre {name} interdit")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"nombre {text[:20]} trop grand")
    return value


def parse_manifest_json(data: bytes) -> Any:
    """The manifest's JSON; only finite numbers (no ``Infinity``, ``NaN`` nor ``1e999``), and a
    nesting too deep for Python is a clear refusal. Raises ValueError with a French reason."""
    try:
        return json.loads(data, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise ValueError("imbrication trop profonde") from None


def read_manifest(archive: Archive) -> dict[str, Any]:
    entry = next((e for e in archive.entries if e.name == MANIFEST_NAME), None)
    if entry is None:
        raise BundleError(
            f"{archive.shown} : pas de {MANIFEST_NAME} : ce n'est pas un lot de borne."
        )
    if entry.size > MAX_MANIFEST_BYTES:
        raise BundleError(f"{archive.shown} : manifeste trop grand ({entry.size} octets).")
    try:
        with entry.open() as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
        manifest = parse_manifest_json(data)
    except (ValueError, OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as error:
        raise BundleError(
            f"{archive.shown} : manifeste illisible ({shown(error, 120)}) ; refusé, rien n'a été "
            "modifié."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{archive.shown} : ce n'est pas un lot de la Borne du Mazier.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise BundleError(
            f"{archive.shown} : format de lot « {shown(version, 20)} » inconnu (créé par une "
            "version plus récente de la borne ?)."
        )
    if version < OLDEST_FORMAT_VERSION:
        raise BundleError(f"{archive.shown} : format de lot {version} inconnu ; refusé.")
    schema = manifest.get("schema")
    if not known_schema(schema):
        raise BundleError(
            f"{archive.shown} : schéma « {shown(schema, 40)} » inconnu de cette borne (lot créé "
            "par une version plus récente ?) ; mettez la borne à jour d'abord."
        )
    return manifest


def known_schema(schema: object) -> bool:
    """Whether ``schema`` is a catalogue revision this kiosk knows (a bundle or a release made
    by a newer kiosk may name one it does not)."""
    from alembic.script import ScriptDirectory  # only when a bundle is read: not at start-up

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    try:
        return isinstance(schema, str) and script.get_revision(schema) is not None
    except Exception:
        return False
