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
    RESTART_MAX_DELAY_SEC,
    RESTART_SEC,
    RESTART_STEPS_SINCE,
    START_LIMIT_BURST,
    START_LIMIT_INTERVAL_SEC,
    InstallOptions,
    PlannedFile,
    find_kiosk_command,
    kiosk_arguments,
    plan_install,
    render_autostart,
    render_launcher,
    render_lightdm_dropin,
    render_system_xsession,
    render_unit,
    render_user_xsession,
    status_arguments,
    systemd_version,
)
from kiosk.library.deploy.manifest import (
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    Manifest,
    ManifestEntry,
    read_manifest,
)
from kiosk.library.deploy.service import (
    SYSTEMCTL_TIMEOUT_S,
    ServiceState,
    reload_user_manager,
    service_state,
)
from kiosk.library.deploy.target import (
    APP_ID,
    SERVICE_NAME,
    SESSION_TARGET,
    DeployError,
    Target,
)

__all__ = [
    "APP_ID",
    "MANIFEST_FORMAT",
    "MANIFEST_VERSION",
    "RESTART_MAX_DELAY_SEC",
    "RESTART_SEC",
    "RESTART_STEPS_SINCE",
    "SERVICE_NAME",
    "SESSION_TARGET",
    "START_LIMIT_BURST",
    "START_LIMIT_INTERVAL_SEC",
    "SYSTEMCTL_TIMEOUT_S",
    "DeployError",
    "InstallOptions",
    "Manifest",
    "ManifestEntry",
    "PlannedFile",
    "ServiceState",
    "Target",
    "find_kiosk_command",
    "install",
    "kiosk_arguments",
    "plan_install",
    "read_manifest",
    "reload_user_manager",
    "render_autostart",
    "render_launcher",
    "render_lightdm_dropin",
    "render_system_xsession",
    "render_unit",
    "render_user_xsession",
    "service_state",
    "status_arguments",
    "systemd_version",
    "uninstall",
]
