"""The unit's state for kiosk status, and reloading the user's systemd manager."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kiosk.library.deploy.target import SERVICE_NAME, Target

SYSTEMCTL_TIMEOUT_S = 5


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
