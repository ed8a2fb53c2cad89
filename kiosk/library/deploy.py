"""Setting a machine up to start the kiosk by itself (``kiosk install``) and undoing exactly that
(``kiosk uninstall``). No Qt. (The checks made at start are in :mod:`kiosk.library.start_checks`.)

What ``install`` writes, for the kiosk's user (or system-wide with ``system=True``, as root):

- a systemd user unit ``borne-du-mazier.service``: restarted on failure with a delay (and a
  growing delay where systemd offers it), a start limit, tied to the graphical session;
- a launcher script that turns the screen saver and power management off, hides the cursor
  (unclutter, when installed), hands the session's display to the systemd user manager and
  starts the unit; without a systemd user manager it supervises the kiosk itself;
- either an XDG autostart entry (the kiosk starts when the desktop session opens) or, with
  ``session=True``, an X session that runs only the kiosk (``~/.xsession``; system-wide a
  ``/usr/share/xsessions`` entry, and optionally a LightDM drop-in that logs the kiosk's user in).

Every file written is listed in a manifest with its hash; a file that was already there is moved
aside first. ``uninstall`` removes what the manifest lists (unless it was edited since), puts back
what was moved aside and removes the folders ``install`` created, if empty.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from kiosk import __version__
from kiosk.library.durable import atomic_write, sha256_of

log = logging.getLogger(__name__)

APP_ID = "borne-du-mazier"
SERVICE_NAME = f"{APP_ID}.service"
SESSION_TARGET = "graphical-session.target"
MANIFEST_FORMAT = "borne-du-mazier-install"
MANIFEST_VERSION = 1
# RestartSteps= and RestartMaxDelaySec= (a growing restart delay) arrived in systemd 254;
# Debian 12 ships 252, where the delay is fixed and the start limit is the back-off.
RESTART_STEPS_SINCE = 254
RESTART_SEC = 3
RESTART_MAX_DELAY_SEC = 60
START_LIMIT_INTERVAL_SEC = 600
START_LIMIT_BURST = 10
SYSTEMCTL_TIMEOUT_S = 5


class DeployError(Exception):
    """An install or uninstall that cannot be done; the message names the file and the reason."""


# --------------------------------------------------------------------------------------------
# Where things go


@dataclass(frozen=True)
class Target:
    """The places ``install`` writes to: a user's home, or the system (``system=True``).

    Paths are the machine's own (what the files written refer to); ``root_dir`` prefixes them on
    disk, so that a system install can be prepared or tested in a folder (like
    ``systemctl --root``). For a user install ``home_dir`` is the user's home.
    """

    system: bool
    home_dir: Path
    root_dir: Path = Path("/")

    @classmethod
    def for_user(
        cls, home_dir: Path | None = None, environ: Mapping[str, str] | None = None
    ) -> Target:
        env = os.environ if environ is None else environ
        home = home_dir or Path(env.get("HOME") or Path.home())
        return cls(system=False, home_dir=home.absolute())

    @classmethod
    def for_system(cls, root_dir: Path | None = None) -> Target:
        return cls(system=True, home_dir=Path("/root"), root_dir=(root_dir or Path("/")).absolute())

    def on_disk(self, path: PurePosixPath) -> Path:
        """Where ``path`` (a path of the machine) is on this disk."""
        if not self.system:
            return Path(path)
        return self.root_dir / path.relative_to("/")

    def machine_path(self, disk: Path) -> PurePosixPath:
        """The inverse of :meth:`on_disk`: what the machine will call ``disk``."""
        if not self.system:
            return PurePosixPath(disk.as_posix())
        return PurePosixPath("/") / disk.relative_to(self.root_dir).as_posix()

    def _home(self, relative: str) -> PurePosixPath:
        return PurePosixPath(self.home_dir.as_posix()) / relative

    @property
    def unit_dir(self) -> PurePosixPath:
        if self.system:
            return PurePosixPath("/etc/systemd/user")
        return self._home(".config/systemd/user")

    @property
    def unit(self) -> PurePosixPath:
        return self.unit_dir / SERVICE_NAME

    @property
    def unit_wants_link(self) -> PurePosixPath:
        """The link ``systemctl [--global] enable`` would make."""
        return self.unit_dir / f"{SESSION_TARGET}.wants" / SERVICE_NAME

    @property
    def launcher(self) -> PurePosixPath:
        if self.system:
            return PurePosixPath(f"/usr/local/lib/{APP_ID}/start-kiosk")
        return self._home(f".local/share/{APP_ID}/start-kiosk")

    @property
    def autostart(self) -> PurePosixPath:
        if self.system:
            return PurePosixPath(f"/etc/xdg/autostart/{APP_ID}.desktop")
        return self._home(f".config/autostart/{APP_ID}.desktop")

    @property
    def xsession(self) -> PurePosixPath:
        if self.system:
            return PurePosixPath(f"/usr/share/xsessions/{APP_ID}.desktop")
        return self._home(".xsession")

    @property
    def lightdm_dropin(self) -> PurePosixPath:
        return PurePosixPath(f"/etc/lightdm/lightdm.conf.d/50-{APP_ID}.conf")

    @property
    def state_dir(self) -> PurePosixPath:
        """The manifest and the files moved aside."""
        if self.system:
            return PurePosixPath(f"/var/lib/{APP_ID}")
        return self._home(f".config/{APP_ID}")

    @property
    def manifest(self) -> PurePosixPath:
        return self.state_dir / "installed.json"

    @property
    def backup_dir(self) -> PurePosixPath:
        return self.state_dir / "backup"


# --------------------------------------------------------------------------------------------
# What install writes


@dataclass(frozen=True)
class InstallOptions:
    kiosk_command: Path  # the checkout's .venv/bin/kiosk
    checkout: Path
    content_home: Path | None = None  # --home for `kiosk run`; None: the checkout's default
    session: bool = False  # an X session that runs only the kiosk, instead of autostart
    autologin_user: str | None = None  # system session only: a LightDM autologin drop-in
    systemd_version: int | None = None


@dataclass(frozen=True)
class PlannedFile:
    path: PurePosixPath
    content: str | None = None  # None for a symbolic link
    link_to: PurePosixPath | None = None
    mode: int = 0o644


def find_kiosk_command(checkout: Path, prefix: Path) -> Path:
    """The checkout's ``.venv/bin/kiosk``, else the running environment's ``bin/kiosk``."""
    for candidate in (checkout / ".venv" / "bin" / "kiosk", prefix / "bin" / "kiosk"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate.absolute()
    raise DeployError(
        f"{checkout / '.venv' / 'bin' / 'kiosk'} : introuvable ; lancez d'abord scripts/setup.sh "
        "dans le dépôt."
    )


def systemd_version() -> int | None:
    """The running systemd's version (``systemctl --version``), None when there is none."""
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        return None
    try:
        result = subprocess.run(
            [systemctl, "--version"],
            capture_output=True,
            text=True,
            timeout=SYSTEMCTL_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"systemd (\d+)", result.stdout)
    return int(match.group(1)) if match else None


def kiosk_arguments(options: InstallOptions) -> list[str]:
    arguments = [str(options.kiosk_command), "run"]
    if options.content_home is not None:
        arguments += ["--home", str(options.content_home)]
    return arguments


def status_arguments(options: InstallOptions) -> list[str]:
    """``kiosk status --record-exit``: what the unit runs after each run, to record its end."""
    arguments = [str(options.kiosk_command)]
    if options.content_home is not None:
        arguments += ["--home", str(options.content_home)]
    return [*arguments, "status", "--record-exit"]


def _systemd_quote(word: str) -> str:
    """A word for ExecStart=: specifiers (%) and variables ($) escaped, quoted if needed."""
    escaped = word.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./$-]+", escaped):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _desktop_quote(word: str) -> str:
    """A word for a desktop entry's Exec= (its own quoting rules)."""
    if re.fullmatch(r"[A-Za-z0-9_@+=:,./-]+", word):
        return word
    inner = re.sub(r'(["`$\\])', r"\\\1", word)
    return '"' + inner.replace("%", "%%") + '"'


def _header(comment: str) -> str:
    return (
        f"{comment} Borne du Mazier — écrit par « kiosk install » (kiosk {__version__}) ;\n"
        f"{comment} « kiosk uninstall » le retire. Ne pas modifier à la main.\n"
    )


def render_unit(options: InstallOptions) -> str:
    exec_start = " ".join(_systemd_quote(word) for word in kiosk_arguments(options))
    record_exit = " ".join(_systemd_quote(word) for word in status_arguments(options))
    docs = (options.checkout / "docs" / "deploiement.md").absolute().as_uri()
    back_off = ""
    if options.systemd_version is not None and options.systemd_version >= RESTART_STEPS_SINCE:
        back_off = (
            "# The delay grows after each failure, up to a minute.\n"
            f"RestartSteps=5\nRestartMaxDelaySec={RESTART_MAX_DELAY_SEC}\n"
        )
    return (
        _header("#") + "[Unit]\n"
        "Description=Borne du Mazier (borne tactile des tiers-lieux de l'Allier)\n"
        f"Documentation={docs}\n"
        f"After={SESSION_TARGET}\n"
        f"PartOf={SESSION_TARGET}\n"
        f"# Back-off: after {START_LIMIT_BURST} starts in {START_LIMIT_INTERVAL_SEC} s systemd "
        "stops trying until\n# the next session (the launcher resets it at each login).\n"
        f"StartLimitIntervalSec={START_LIMIT_INTERVAL_SEC}\n"
        f"StartLimitBurst={START_LIMIT_BURST}\n"
        "\n[Service]\n"
        "Type=simple\n"
        f"WorkingDirectory={_systemd_quote(str(options.checkout))}\n"
        "# Video is embedded through X11; under Wayland the kiosk runs through XWayland.\n"
        "Environment=QT_QPA_PLATFORM=xcb\n"
        f"ExecStart={exec_start}\n"
        "# Tells the run journal (kiosk status) how the run ended: a stop or a crash.\n"
        f"ExecStopPost=-{record_exit}\n"
        "# A crash exits non-zero and is restarted; leaving kiosk mode (staff) exits 0 and is "
        "not.\n"
        "Restart=on-failure\n"
        f"RestartSec={RESTART_SEC}\n" + back_off + "TimeoutStopSec=15\n"
        "\n[Install]\n"
        f"WantedBy={SESSION_TARGET}\n"
    )


def render_launcher(options: InstallOptions) -> str:
    kiosk_run = " ".join(shlex.quote(word) for word in kiosk_arguments(options))
    return (
        "#!/bin/sh\n"
        + _header("#")
        + "# Starts the kiosk in this graphical session. With --wait (the X session that runs\n"
        "# only the kiosk) it lasts as long as the kiosk does.\n"
        f"SERVICE={SERVICE_NAME}\n"
        "\n# Screen saver and power management off (the kiosk does it again when it starts).\n"
        "xset s off s noblank -dpms 2>/dev/null || true\n"
        "# The kiosk hides the cursor over its window; unclutter, if installed, hides it "
        "everywhere.\n"
        "if command -v unclutter >/dev/null 2>&1; then unclutter -idle 2 -root & fi\n"
        "\n# Hand this session's display to the systemd user manager, then start the unit (its\n"
        "# start limit is reset at each login).\n"
        "if command -v systemctl >/dev/null 2>&1 \\\n"
        "  && systemctl --user import-environment DISPLAY XAUTHORITY 2>/dev/null \\\n"
        '  && { systemctl --user reset-failed "$SERVICE" 2>/dev/null; true; } \\\n'
        '  && systemctl --user start "$SERVICE" 2>/dev/null; then\n'
        '  [ "${1:-}" = "--wait" ] || exit 0\n'
        "  while :; do\n"
        '    case "$(systemctl --user show -p ActiveState --value "$SERVICE" 2>/dev/null)" in\n'
        "      active|activating|reloading|deactivating) sleep 5 ;;\n"
        "      *) exit 0 ;;\n"
        "    esac\n"
        "  done\n"
        "fi\n"
        "\n# No systemd user manager: supervise the kiosk here, with a growing delay.\n"
        "export QT_QPA_PLATFORM=xcb\n"
        f"cd {shlex.quote(str(options.checkout))} || exit 1\n"
        "delay=2\n"
        "while :; do\n"
        f"  {kiosk_run} && exit 0\n"
        '  sleep "$delay"\n'
        "  delay=$((delay * 2))\n"
        '  [ "$delay" -gt 60 ] && delay=60\n'
        "done\n"
    )


def render_autostart(launcher: PurePosixPath) -> str:
    return (
        _header("#") + "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Borne du Mazier\n"
        "Comment=Démarre la borne à l'ouverture de la session\n"
        f"Exec={_desktop_quote(str(launcher))}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def render_user_xsession(launcher: PurePosixPath) -> str:
    return (
        "#!/bin/sh\n"
        + _header("#")
        + "# An X session that runs only the kiosk: no desktop around it.\n"
        f"exec {shlex.quote(str(launcher))} --wait\n"
    )


def render_system_xsession(launcher: PurePosixPath) -> str:
    return (
        _header("#") + "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Borne du Mazier\n"
        "Comment=Une session X qui ne lance que la borne\n"
        f"Exec={_desktop_quote(str(launcher))} --wait\n"
        f"DesktopNames={APP_ID}\n"
    )


def render_lightdm_dropin(user: str) -> str:
    return (
        _header("#")
        + "# Logs the kiosk's user in, in the kiosk's X session. A [Seat:*] section in\n"
        "# /etc/lightdm/lightdm.conf itself (raspi-config writes one) overrides these lines.\n"
        "[Seat:*]\n"
        f"autologin-user={user}\n"
        f"autologin-session={APP_ID}\n"
    )


def plan_install(options: InstallOptions, target: Target) -> list[PlannedFile]:
    """The files ``install`` writes, in order."""
    if options.autologin_user is not None:
        if not (target.system and options.session):
            raise DeployError("--autologin : seulement avec --system --session.")
        if not re.fullmatch(r"[a-z_][a-z0-9_.-]*\$?", options.autologin_user):
            raise DeployError(f"--autologin {options.autologin_user} : nom d'utilisateur invalide.")
    files = [
        PlannedFile(target.unit, render_unit(options)),
        PlannedFile(target.unit_wants_link, link_to=target.unit),
        PlannedFile(target.launcher, render_launcher(options), mode=0o755),
    ]
    if not options.session:
        files.append(PlannedFile(target.autostart, render_autostart(target.launcher)))
    elif target.system:
        files.append(PlannedFile(target.xsession, render_system_xsession(target.launcher)))
        if options.autologin_user is not None:
            files.append(
                PlannedFile(target.lightdm_dropin, render_lightdm_dropin(options.autologin_user))
            )
    else:
        files.append(
            PlannedFile(target.xsession, render_user_xsession(target.launcher), mode=0o755)
        )
    return files


# --------------------------------------------------------------------------------------------
# The manifest


@dataclass
class ManifestEntry:
    path: str
    sha256: str | None = None  # of the content written (files)
    link_to: str | None = None  # symbolic links
    backup: str | None = None  # where the file that was there before was moved

    def to_json(self) -> dict[str, str | None]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "link_to": self.link_to,
            "backup": self.backup,
        }


@dataclass
class Manifest:
    system: bool
    entries: list[ManifestEntry] = field(default_factory=list)
    created_dirs: list[str] = field(default_factory=list)
    session: bool = False
    installed_at: str = ""
    kiosk_version: str = __version__

    def entry(self, path: PurePosixPath) -> ManifestEntry | None:
        return next((e for e in self.entries if e.path == str(path)), None)

    def to_json(self) -> dict[str, object]:
        return {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "kiosk_version": self.kiosk_version,
            "installed_at": self.installed_at,
            "system": self.system,
            "session": self.session,
            "files": [entry.to_json() for entry in self.entries],
            "created_dirs": self.created_dirs,
        }


def read_manifest(target: Target) -> Manifest | None:
    """The manifest of a previous install, None when there is none."""
    path = target.on_disk(target.manifest)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise DeployError(f"{path} : manifeste illisible ({error}).") from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise DeployError(f"{path} : ce n'est pas un manifeste de « kiosk install ».")
    try:
        return Manifest(
            system=bool(data["system"]),
            session=bool(data.get("session", False)),
            installed_at=str(data.get("installed_at", "")),
            kiosk_version=str(data.get("kiosk_version", "")),
            entries=[
                ManifestEntry(
                    path=str(item["path"]),
                    sha256=item.get("sha256"),
                    link_to=item.get("link_to"),
                    backup=item.get("backup"),
                )
                for item in data["files"]
            ],
            created_dirs=[str(folder) for folder in data.get("created_dirs", [])],
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise DeployError(f"{path} : manifeste incomplet ({error}).") from None


def _write_manifest(target: Target, manifest: Manifest) -> None:
    text = json.dumps(manifest.to_json(), indent=2, ensure_ascii=False) + "\n"
    _write_atomically(target.on_disk(target.manifest), text, 0o644)


# --------------------------------------------------------------------------------------------
# Applying and undoing


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_sha256(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


def _write_atomically(path: Path, text: str, mode: int) -> None:
    atomic_write(path, text, mode=mode)


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


# --------------------------------------------------------------------------------------------
# The unit's state (kiosk status)


@dataclass(frozen=True)
class ServiceState:
    installed: bool  # the unit file is where install puts it
    unit_path: Path
    active: str  # systemctl's answer ("active", "inactive", "failed"…) or why there is none


def service_state(target: Target) -> ServiceState:
    unit = target.on_disk(target.unit)
    return ServiceState(unit.is_file(), unit, _systemctl_is_active())


def _systemctl_is_active() -> str:
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        return "systemctl absent"
    try:
        result = subprocess.run(
            [systemctl, "--user", "is-active", SERVICE_NAME],
            capture_output=True,
            text=True,
            timeout=SYSTEMCTL_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"systemctl --user indisponible ({error})"
    answer = result.stdout.strip()
    if answer:
        return answer
    reason = result.stderr.strip().splitlines()
    return f"systemctl --user indisponible ({reason[0] if reason else result.returncode})"


def reload_user_manager() -> str | None:
    """``systemctl --user daemon-reload`` so a new unit is seen; a reason when it cannot."""
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        return "systemctl absent"
    try:
        result = subprocess.run(
            [systemctl, "--user", "daemon-reload"],
            capture_output=True,
            text=True,
            timeout=SYSTEMCTL_TIMEOUT_S * 4,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return str(error)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        return lines[0] if lines else f"code {result.returncode}"
    return None
