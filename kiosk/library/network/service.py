"""The Syncthing user service ``kiosk install`` adds beside the kiosk's, for a network member.

``borne-du-mazier-syncthing.service`` runs this kiosk's own Syncthing (its home under the
content root, :mod:`.syncthing`) for as long as the user's session manager runs, at a low CPU
and disk priority so that playback never waits on it, restarted when it fails. The kiosk app
uses it when it answers, and starts Syncthing itself otherwise (:mod:`kiosk.ui.network_rounds`).
Only written for a kiosk that joined a network; ``kiosk uninstall`` removes it with the rest.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path, PurePosixPath

from kiosk.library.network.syncthing import SYNCTHING

SYNCTHING_SERVICE = "borne-du-mazier-syncthing.service"
SERVICE_TARGET = "default.target"


def syncthing_command() -> str:
    """The daemon's absolute path (Debian's ``/usr/bin/syncthing`` when it is not on PATH)."""
    return shutil.which(SYNCTHING) or "/usr/bin/syncthing"


def render_syncthing_unit(home: Path, docs: Path, header: str) -> str:
    words = [
        syncthing_command(),
        "serve",
        f"--home={home}",
        "--no-browser",
        "--no-restart",
        "--no-upgrade",
        "--no-default-folder",
        "--logflags=0",
    ]
    exec_start = " ".join(shlex.quote(word) for word in words)
    return (
        header + "[Unit]\n"
        "Description=Syncthing de la Borne du Mazier (réseau de bornes)\n"
        f"Documentation={docs.absolute().as_uri()}\n"
        "\n[Service]\n"
        "Type=simple\n"
        f"ExecStart={exec_start}\n"
        "Environment=STNORESTART=1 STNOUPGRADE=1 STNODEFAULTFOLDER=1\n"
        "# Playback first: Syncthing gets what the kiosk leaves of the processor and the disk.\n"
        "Nice=10\n"
        "IOSchedulingClass=idle\n"
        "Restart=on-failure\n"
        "RestartSec=10\n"
        "# Syncthing asks to be restarted with exit statuses 3 and 4.\n"
        "SuccessExitStatus=3 4\n"
        "RestartForceExitStatus=3 4\n"
        "\n[Install]\n"
        f"WantedBy={SERVICE_TARGET}\n"
    )


def unit_paths(unit_dir: PurePosixPath) -> tuple[PurePosixPath, PurePosixPath]:
    """The unit, and the link ``systemctl --user enable`` would make."""
    unit = unit_dir / SYNCTHING_SERVICE
    return unit, unit_dir / f"{SERVICE_TARGET}.wants" / SYNCTHING_SERVICE
