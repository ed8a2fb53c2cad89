"""Export: the whole content in one reproducible zip or tar file, streamed.

The manifest comes first, entries are sorted, timestamps, owners and modes are fixed, so the same
content gives the same bytes. Only files of ``assets/`` and ``videos/`` are ever read: a
catalogue row naming anything else (``data.db``, ``/etc/passwd``, a link leading out) stops the
export with a line naming the row, and nothing is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kiosk import __version__
from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library.bundles.checks import row_label
from kiosk.library.bundles.common import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    BundleError,
    ExportSummary,
    Rows,
    shown,
)
from kiosk.library.bundles.rows import dump_rows
from kiosk.library.durable import CHUNK, atomic_writer, sha256_of
from kiosk.library.import_jobs import CancelToken
from kiosk.store import validation
from kiosk.store.database import Catalogue, current_revision

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BytesCallback = Callable[[int, int], None]


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
    files = bundle_files(root, rows)
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
    done = 0

    def on_chunk(count: int) -> None:
        nonlocal done
        if cancel is not None:
            cancel.check()
        done += count
        if progress is not None:
            progress(done, total)

    contents = _Contents(root, manifest_bytes, files, on_chunk)
    with atomic_writer(output) as handle:
        writer = _write_zip if output.suffix.lower() == ".zip" else _write_tar
        writer(handle, contents)
    return ExportSummary(output, len(files), output.stat().st_size, sum(map(len, rows.values())))


def bundle_files(root: ContentRoot, rows: Rows) -> list[tuple[str, int, str]]:
    """(path, size, sha256) of every file the rows name, sorted; a missing file, or a path
    outside the media folders, stops the export."""
    wanted: dict[str, str | None] = {}
    for table, column in validation.PATH_COLUMNS:
        for row in rows.get(table, []):
            relative = row.get(column)
            if relative is None:
                continue
            problem = validation.media_path_problem(relative)
            if problem:
                raise BundleError(
                    f"{MANIFEST_NAME} : table {table}, ligne {row_label(table, row)} : colonne "
                    f"{column} : « {shown(relative)} » {problem} ; rien n'a été exporté "
                    "(lancez « kiosk check »)."
                )
            sha = row.get("sha256") if column == "path" else None
            wanted[relative] = sha if isinstance(sha, str) else wanted.get(relative)
    files: list[tuple[str, int, str]] = []
    for relative in sorted(wanted):
        try:
            path = root.absolute(relative)
        except UnsafePathError as error:
            raise BundleError(f"{error} Rien n'a été exporté (lancez « kiosk check »).") from None
        if not path.is_file():
            raise BundleError(
                f"{path} : fichier du catalogue introuvable (lancez « kiosk check »)."
            )
        digest = wanted[relative] or sha256_of(path)
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


@dataclass(frozen=True)
class _Contents:
    """What an archive holds: the manifest first, then each file, hashed as it is read."""

    root: ContentRoot
    manifest: bytes
    files: list[tuple[str, int, str]]
    on_chunk: Callable[[int], None]

    def members(self) -> Iterator[tuple[str, int, _HashingReader]]:
        """Each file's name, size and reader; once the writer has read it all (back in this
        loop), its size and hash are checked against the catalogue's."""
        for relative, size, digest in self.files:
            reader = _HashingReader(self.root.absolute(relative), size, self.on_chunk)
            yield relative, size, reader
            reader.finish(digest)


def _write_tar(handle: IO[bytes], contents: _Contents) -> None:
    def info(name: str, size: int) -> tarfile.TarInfo:
        member = tarfile.TarInfo(name)
        member.size = size
        member.mtime = 0
        member.mode = 0o644
        member.uid = member.gid = 0
        member.uname = member.gname = ""
        return member

    with tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as archive:
        archive.addfile(info(MANIFEST_NAME, len(contents.manifest)), io.BytesIO(contents.manifest))
        for relative, size, reader in contents.members():
            archive.addfile(info(relative, size), io.BufferedReader(reader, CHUNK))


def _write_zip(handle: IO[bytes], contents: _Contents) -> None:
    def info(name: str, size: int) -> zipfile.ZipInfo:
        member = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
        member.compress_type = zipfile.ZIP_STORED
        member.external_attr = (stat.S_IFREG | 0o644) << 16
        member.create_system = 3
        member.file_size = size
        return member

    with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        archive.writestr(info(MANIFEST_NAME, len(contents.manifest)), contents.manifest)
        for relative, size, reader in contents.members():
            with archive.open(info(relative, size), "w", force_zip64=True) as writer:
                while chunk := reader.read(CHUNK):
                    writer.write(chunk)
