"""What install writes: the systemd unit, the launcher, the autostart entry and the X sessions,
rendered as text."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk import __version__
from kiosk.library.deploy.service import SYSTEMCTL_TIMEOUT_S
from kiosk.library.deploy.target import APP_ID, SERVICE_NAME, SESSION_TARGET, DeployError, Target

# RestartSteps= and RestartMaxDelaySec= (a growing restart delay) arrived in systemd 254;
# Debian 12 ships 252, where the delay is fixed and the start limit is the back-off.
RESTART_STEPS_SINCE = 254
RESTART_SEC = 3
RESTART_MAX_DELAY_SEC = 60
START_LIMIT_INTERVAL_SEC = 600
START_LIMIT_BURST = 10


@dataclass(frozen=True)
class InstallOptions:
    kiosk_command: Path  # the checkout's .venv/bin/kiosk
    checkout: Path
    content_home: Path | None = None  # --home for `kiosk run`; None: the checkout's default
    session: bool = False  # an X session that runs only the kiosk, instead of autostart
    autologin_user: str | None = None  # system session only: a LightDM autologin drop-in
    systemd_version: int | None = None
    syncthing_home: Path | None = None  # a network member's Syncthing (kiosk/library/network)


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
    if options.syncthing_home is not None:  # a member of a network of kiosks: its Syncthing
        from kiosk.library.network import service

        unit, wants = service.unit_paths(target.unit_dir)
        docs = options.checkout / "docs" / "reseau.md"
        text = service.render_syncthing_unit(options.syncthing_home, docs, _header("#"))
        files += [PlannedFile(unit, text), PlannedFile(wants, link_to=unit)]
    return files
