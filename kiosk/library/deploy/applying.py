"""Installing and uninstalling: writing the planned files (moving aside what was there), and
undoing exactly what the manifest lists."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path, PurePosixPath

from kiosk import __version__
from kiosk.library.deploy.files import InstallOptions, PlannedFile, plan_install
from kiosk.library.deploy.manifest import (
    Manifest,
    ManifestEntry,
    _file_sha256,
    _sha256,
    _write_atomically,
    _write_manifest,
    read_manifest,
)
from kiosk.library.deploy.target import DeployError, Target


def _backup_name(path: PurePosixPath) -> str:
    return str(path).strip("/").replace("/", "__")


def _is_ours(disk: Path, entry: ManifestEntry) -> bool:
    """Whether the file at ``disk`` is still what install wrote there."""
    if entry.link_to is not None:
        return disk.is_symlink() and str(disk.readlink()) == entry.link_to
    return disk.is_file() and not disk.is_symlink() and _file_sha256(disk) == entry.sha256


def _exists(disk: Path) -> bool:
    return disk.exists() or disk.is_symlink()


def _missing_dirs(folder: Path) -> list[Path]:
    """``folder`` and its parents that do not exist yet, outermost first."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    return list(reversed(missing))


def install(
    options: InstallOptions, target: Target, *, dry_run: bool = False, now: datetime | None = None
) -> list[str]:
    """Write the files of :func:`plan_install`; return one line per change (French).

    A file already there that install did not write is moved to the backup folder first; files
    a previous install wrote and this one does not (autostart ↔ session) are undone. Everything
    is checked before anything changes.
    """
    planned = plan_install(options, target)
    previous = read_manifest(target)
    if previous is not None and previous.system != target.system:
        raise DeployError(f"{target.on_disk(target.manifest)} : manifeste d'une autre variante.")
    manifest = previous or Manifest(system=target.system)
    prefix = "[essai] " if dry_run else ""

    steps: list[tuple[PlannedFile, ManifestEntry, ManifestEntry | None, str]] = []
    for item in planned:
        disk = target.on_disk(item.path)
        entry = manifest.entry(item.path)
        new_entry = ManifestEntry(
            path=str(item.path),
            sha256=_sha256(item.content) if item.content is not None else None,
            link_to=str(item.link_to) if item.link_to is not None else None,
            backup=entry.backup if entry is not None else None,
        )
        if entry is not None and _is_ours(disk, new_entry):
            action = "unchanged"
        elif entry is not None:
            if _exists(disk) and not _is_ours(disk, entry):
                raise DeployError(
                    f"{disk} : modifié depuis « kiosk install » ; remettez-le en état ou "
                    "supprimez-le, puis relancez. Rien n'a été changé."
                )
            action = "update"
        elif _exists(disk):
            backup = target.on_disk(target.backup_dir) / _backup_name(item.path)
            if _exists(backup):
                raise DeployError(
                    f"{backup} : une copie de sauvegarde existe déjà. Rien n'a été changé."
                )
            new_entry.backup = str(target.machine_path(backup))
            action = "replace"
        else:
            action = "write"
        steps.append((item, new_entry, entry, action))

    lines: list[str] = []
    wanted = {str(item.path) for item in planned}
    for old in list(manifest.entries):
        if old.path not in wanted:
            lines += _undo_entry(target, old, dry_run=dry_run)[0]
            manifest.entries.remove(old)

    folders = [target.state_dir, target.backup_dir, *(item.path.parent for item in planned)]
    for folder in folders:
        for missing in _missing_dirs(target.on_disk(folder)):
            name = str(target.machine_path(missing))
            if name in manifest.created_dirs and dry_run:
                continue
            if not dry_run:
                missing.mkdir()
            if name not in manifest.created_dirs:
                manifest.created_dirs.append(name)
            lines.append(f"{prefix}dossier créé      {missing}")

    verbs = {
        "update": "mis à jour       ",
        "replace": "remplacé         ",
        "write": "écrit            ",
    }
    for item, new_entry, entry, action in steps:
        disk = target.on_disk(item.path)
        if action == "unchanged":
            lines.append(f"{prefix}inchangé          {disk}")
            continue
        if action == "replace":
            assert new_entry.backup is not None
            backup = target.on_disk(PurePosixPath(new_entry.backup))
            if not dry_run:
                disk.replace(backup)
            lines.append(f"{prefix}mis de côté       {disk} → {backup}")
        if not dry_run:
            if item.link_to is not None:
                if _exists(disk):
                    disk.unlink()
                disk.symlink_to(item.link_to)
            else:
                assert item.content is not None
                _write_atomically(disk, item.content, item.mode)
        if entry is not None:
            manifest.entries[manifest.entries.index(entry)] = new_entry
        else:
            manifest.entries.append(new_entry)
        lines.append(f"{prefix}{verbs[action]} {disk}")

    manifest.session = options.session
    manifest.installed_at = (now or datetime.now()).isoformat(timespec="seconds")
    manifest.kiosk_version = __version__
    if not dry_run:
        _write_manifest(target, manifest)
    lines.append(f"{prefix}manifeste         {target.on_disk(target.manifest)}")
    return lines


def _undo_entry(target: Target, entry: ManifestEntry, *, dry_run: bool) -> tuple[list[str], bool]:
    """Remove one file install wrote and put back what it replaced; False when the file was
    edited since install (it is left in place)."""
    prefix = "[essai] " if dry_run else ""
    disk = target.on_disk(PurePosixPath(entry.path))
    lines: list[str] = []
    if _exists(disk):
        if not _is_ours(disk, entry):
            return [f"{prefix}laissé (modifié depuis l'installation) {disk}"], False
        if not dry_run:
            disk.unlink()
        lines.append(f"{prefix}supprimé          {disk}")
    else:
        lines.append(f"{prefix}déjà absent       {disk}")
    if entry.backup is not None:
        backup = target.on_disk(PurePosixPath(entry.backup))
        if _exists(backup):
            if not dry_run:
                backup.replace(disk)
            lines.append(f"{prefix}restauré          {disk} (depuis {backup})")
        else:
            lines.append(f"{prefix}copie introuvable {backup} : {disk} n'a pas pu être restauré")
    return lines, True


def uninstall(target: Target, *, dry_run: bool = False) -> list[str]:
    """Undo what the manifest lists; return one line per change (French)."""
    manifest = read_manifest(target)
    if manifest is None:
        return [f"rien à retirer : pas de manifeste {target.on_disk(target.manifest)}"]
    if manifest.system != target.system:
        raise DeployError(f"{target.on_disk(target.manifest)} : manifeste d'une autre variante.")
    prefix = "[essai] " if dry_run else ""
    lines: list[str] = []
    kept: list[ManifestEntry] = []
    for entry in reversed(manifest.entries):
        undone, removed = _undo_entry(target, entry, dry_run=dry_run)
        if not removed:
            kept.append(entry)
        lines += undone
    manifest_file = target.on_disk(target.manifest)
    if kept:
        manifest.entries = list(reversed(kept))
        if not dry_run:
            _write_manifest(target, manifest)
        lines.append(f"{prefix}manifeste gardé   {manifest_file} (fichiers laissés en place)")
        return lines
    if not dry_run:
        manifest_file.unlink()
    lines.append(f"{prefix}supprimé          {manifest_file}")
    for folder in sorted(manifest.created_dirs, key=lambda name: name.count("/"), reverse=True):
        path = target.on_disk(PurePosixPath(folder))
        try:
            is_empty = path.is_dir() and not any(path.iterdir())
        except OSError:
            is_empty = False
        if dry_run:
            lines.append(f"{prefix}dossier retiré s'il est vide {path}")
        elif is_empty:
            path.rmdir()
            lines.append(f"dossier retiré    {path}")
    return lines
