"""Import: check everything, then apply atomically.

Nothing changes before every check has passed: the archive's structure (:mod:`.archive`), every
row and every path (:mod:`.checks`), every file's size and hash (streamed into a staging folder
inside the content root, never read past its declared size). Then new files are renamed into
place (hash-named, so they never overwrite another file), the catalogue rows are swapped in one
transaction, and only after the commit are files no longer used moved to ``trash/``, and only
files of ``assets/`` and ``videos/``. An interruption leaves the old content or the new one,
never a mix. A refused bundle writes nothing at all, the catalogue file included; a dry run
writes nothing anywhere, not even a new catalogue in an empty folder.

This kiosk's machine settings (opening hours, screen, sound, PIN and its lockout) are never
changed by an import, in either mode.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tarfile
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO
from urllib.parse import quote

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot, UnsafePathError
from kiosk.library.bundles.archive import Archive, read_manifest
from kiosk.library.bundles.checks import check_bundle, check_final, row_label
from kiosk.library.bundles.common import (
    MANIFEST_NAME,
    BundleError,
    ImportSummary,
    Plan,
    Rows,
    shown,
)
from kiosk.library.bundles.rows import (
    CONTENT_TABLES,
    dump_rows,
    from_json,
    merge_rows,
    plan_changes,
    tables,
)
from kiosk.library.durable import CHUNK, fsync_dir, fsync_file, sha256_of
from kiosk.library.import_jobs import CancelToken
from kiosk.library.leftovers import STAGING_PREFIX
from kiosk.library.media_admin import move_to_trash
from kiosk.library.settings import CONTENT_KEYS
from kiosk.store import validation
from kiosk.store.database import Catalogue

BytesCallback = Callable[[int, int], None]
Listed = dict[str, tuple[int, str]]


def import_bundle(
    catalogue: Catalogue | None,
    root: ContentRoot,
    bundle: Path,
    *,
    replace: bool = False,
    dry_run: bool = False,
    progress: BytesCallback | None = None,
    cancel: CancelToken | None = None,
) -> ImportSummary:
    """Check ``bundle`` completely, then (unless ``dry_run``) apply it atomically.

    ``catalogue`` may be None for a dry run: the content root's catalogue, if there is one, is
    then read without being opened for writing (nothing is created, migrated or locked)."""
    if catalogue is None and not dry_run:
        raise ValueError("import_bundle: a catalogue is needed to apply a bundle")
    staging = root.home / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    try:
        with Archive(bundle) as archive:
            manifest = read_manifest(archive)
            checked = check_bundle(archive, manifest)
            if catalogue is None:
                current = read_rows(root)
            else:
                with catalogue.session() as session:
                    current = dump_rows(session)
            final = checked.rows if replace else merge_rows(current, checked.rows)
            check_final(archive, current, checked, final)
            added, changed, removed = plan_changes(current, final)
            plan = Plan(added, changed, removed, notes=list(checked.notes))
            plan.notes += unsafe_local_paths(root, current)
            needed = files_to_copy(root, archive.shown, final, checked.listed)
            plan.files_to_copy = len(needed)
            plan.bytes_to_copy = sum(checked.listed[path][0] for path in needed)
            check_free_space(root, plan.bytes_to_copy)
            # Every file is read and verified, even in a dry run ("would apply" means "is good"),
            # but a dry run writes nothing.
            if not dry_run:
                staging.mkdir()
            kept = [] if dry_run else needed
            _extract_verified(archive, checked.listed, kept, staging, progress, cancel)
        if dry_run or catalogue is None:
            return ImportSummary(plan, applied=False)
        trashed = apply_staged(catalogue, root, staging, needed, current, final)
        return ImportSummary(plan, applied=True, trashed=trashed)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_rows(root: ContentRoot) -> Rows:
    """The content rows of ``root``'s catalogue, read without writing anything to the content
    root: no new catalogue, no migration, no ``-wal`` or ``-shm`` file left behind.

    The catalogue is copied with SQLite's backup API into a temporary folder outside the root
    (where an older schema may be migrated), from a read-only connection; ``immutable`` when
    no process has a write-ahead log open, since a read-only connection would otherwise create
    one next to ``data.db``."""
    empty: Rows = {name: [] for name in CONTENT_TABLES}
    db = root.db_path
    if not db.is_file():
        return empty
    live = db.with_name(db.name + "-wal").exists()
    uri = f"file:{quote(str(db))}?mode=ro" + ("" if live else "&immutable=1")
    with tempfile.TemporaryDirectory(prefix="kiosk-dry-run-") as folder:
        copy = Path(folder) / "data.db"
        try:
            source = sqlite3.connect(uri, uri=True)
            try:
                target = sqlite3.connect(copy)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
            catalogue = Catalogue(copy)
        except Exception as error:
            raise BundleError(
                f"{db} : catalogue illisible ({shown(error, 120)}) ; rien n'a été modifié."
            ) from None
        try:
            with catalogue.session() as session:
                return dump_rows(session)
        finally:
            catalogue.close()


def unsafe_local_paths(root: ContentRoot, current: Rows) -> list[str]:
    """One line for each row of this kiosk's catalogue that names a file outside the media
    folders (written before the gate existed): never followed, left to ``kiosk check``."""
    lines = []
    for table, column in validation.PATH_COLUMNS:
        for row in current.get(table, []):
            value = row.get(column)
            if value is not None and _safe_absolute(root, value) is None:
                lines.append(
                    f"Le catalogue de cette borne nomme « {shown(value)} » ({table} "
                    f"{row_label(table, row)}, colonne {column}) hors de assets/ et videos/ : "
                    "jamais ouvert, copié ni déplacé ; lancez « kiosk check »."
                )
    return lines


def _safe_absolute(root: ContentRoot, relative: object) -> Path | None:
    """The file a catalogue path names, or None if it is not one of the media folders'."""
    if validation.media_path_problem(relative) is not None or not isinstance(relative, str):
        return None
    try:
        return root.absolute(relative)
    except UnsafePathError:
        return None


def wanted_paths(rows: Rows) -> set[str]:
    return {
        row[column]
        for table, column in validation.PATH_COLUMNS
        for row in rows.get(table, [])
        if isinstance(row.get(column), str)
    }


def files_to_copy(root: ContentRoot, where: str, final: Rows, listed: Listed) -> list[str]:
    """Files of the final catalogue that the bundle (or release: ``where`` names it) brings
    and the content root lacks."""
    needed: list[str] = []
    for path in sorted(wanted_paths(final) & set(listed)):
        target = _safe_absolute(root, path)
        if target is None:
            raise BundleError(
                f"{where} : « {shown(path)} » mènerait hors de assets/ et videos/ sur "
                "cette borne (lien symbolique ?) ; refusée, rien n'a été modifié."
            )
        if target.exists() or target.is_symlink():
            if target.stat().st_size == listed[path][0] and sha256_of(target) == listed[path][1]:
                continue
            raise BundleError(
                f"{target} : existe déjà avec un autre contenu que celui du lot ; lancez "
                "« kiosk check » avant d'importer."
            )
        needed.append(path)
    for media in final["media_assets"]:
        target = _safe_absolute(root, media["path"])
        if media["path"] not in listed and target is not None and not target.is_file():
            raise BundleError(
                f"{shown(media['path'])} : fichier absent du lot et de la borne ; refusée."
            )
    return needed


def check_free_space(root: ContentRoot, needed_bytes: int) -> None:
    if needed_bytes <= 0:
        return
    folder = root.home
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    if needed_bytes * 2 + 64 * 1024 * 1024 > free:
        raise BundleError(
            f"{root.home} : place insuffisante ({free // 2**20} Mo libres, il faut environ "
            f"{needed_bytes * 2 // 2**20} Mo)."
        )


def _extract_verified(
    archive: Archive,
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
                                f"{archive.shown} : « {shown(entry.name)} » est plus grand que "
                                "annoncé ; refusée."
                            )
                        digest.update(chunk)
                        if sink is not None:
                            sink.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
                if sink is not None:
                    fsync_file(sink)
            finally:
                if sink is not None:
                    sink.close()
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as error:
            raise BundleError(
                f"{archive.shown} : « {shown(entry.name)} » illisible ou tronqué "
                f"({shown(error)}) ; refusée."
            ) from None
        if written != size or digest.hexdigest() != expected:
            raise BundleError(
                f"{archive.shown} : « {shown(entry.name)} » ne correspond pas au manifeste "
                "(taille ou empreinte) ; refusée, rien n'a été modifié."
            )


def apply_staged(
    catalogue: Catalogue,
    root: ContentRoot,
    staging: Path,
    needed: list[str],
    current: Rows,
    final: Rows,
    batch_prefix: str = "lot",
) -> int:
    """Switch to ``final``: the ``needed`` files (checked, in ``staging`` under their paths)
    renamed into place and the rows swapped in one transaction, or nothing at all; then files
    ``current`` named and ``final`` does not are moved to ``trash/``. Returns how many."""
    placed: list[Path] = []
    try:
        for relative in needed:
            target = root.absolute(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).replace(target)
            placed.append(target)
        for folder in {target.parent for target in placed}:
            fsync_dir(folder)
        _swap_rows(catalogue, final)
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        raise
    unused = wanted_paths(current) - wanted_paths(final)
    batch = f"{batch_prefix}-" + datetime.now().strftime("%Y%m%d-%H%M%S")
    # move_to_trash refuses (and logs) any path outside assets/ and videos/: a row written
    # before the gate existed is never followed.
    return sum(1 for relative in sorted(unused) if move_to_trash(root, relative, batch))


def _swap_rows(catalogue: Catalogue, final: Rows) -> None:
    """Replace every content row in one transaction; settings of this machine (and any this
    kiosk does not know) are left as they are."""
    try:
        with catalogue.session() as session:
            _delete_content(session)
            for table in tables():
                rows = [from_json(table, row) for row in final.get(table.name, [])]
                if table.name == "settings":
                    rows = [row for row in rows if row["key"] in CONTENT_KEYS]
                if rows:
                    session.execute(insert(table), rows)
    except (IntegrityError, StatementError, ValueError, KeyError, TypeError) as error:
        raise BundleError(
            f"catalogue du lot incohérent ({shown(str(error).splitlines()[0], 200)}) ; rien n'a "
            "été modifié."
        ) from None


def _delete_content(session: Session) -> None:
    for table in reversed(tables()):
        statement = delete(table)
        if table.name == "settings":
            statement = statement.where(table.c.key.in_(sorted(CONTENT_KEYS)))
        session.execute(statement)
