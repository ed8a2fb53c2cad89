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

from kiosk.library.deploy.applying import install, uninstall
from kiosk.library.deploy.files import (
    InstallOptions,
    find_kiosk_command,
    kiosk_arguments,
    render_unit,
    systemd_version,
)
from kiosk.library.deploy.service import reload_user_manager, service_state
from kiosk.library.deploy.target import SERVICE_NAME, DeployError, Target

__all__ = [
    "SERVICE_NAME",
    "DeployError",
    "InstallOptions",
    "Target",
    "find_kiosk_command",
    "install",
    "kiosk_arguments",
    "reload_user_manager",
    "render_unit",
    "service_state",
    "systemd_version",
    "uninstall",
]
