"""Where the kiosk is installed: the user's or the system's folders (or a test root), and the
names it installs under."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

APP_ID = "borne-du-mazier"
SERVICE_NAME = f"{APP_ID}.service"
SESSION_TARGET = "graphical-session.target"


class DeployError(Exception):
    """An install or uninstall that cannot be done; the message names the file and the reason."""


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
