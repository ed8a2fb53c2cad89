"""Where the kiosk's content lives, and the checks that make a content root usable.

The content root holds ``data.db``, ``assets/`` and ``videos/``; logs and caches go in clearly
named folders beside them. It is the repository root by default, ``--home DIR`` or the
``KIOSK_HOME`` environment variable point elsewhere (a USB stick at an event stand).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "KIOSK_HOME"
DB_NAME = "data.db"


class ConfigError(Exception):
    """A setting that cannot be used; the message names the path and the reason."""


def default_home() -> Path:
    """The repository root: the folder above the ``kiosk`` package."""
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ContentRoot:
    """The folders and files of one content root."""

    home: Path

    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    @property
    def assets_dir(self) -> Path:
        return self.home / "assets"

    @property
    def videos_dir(self) -> Path:
        return self.home / "videos"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.db_path}"

    def absolute(self, relative: str) -> Path:
        """The absolute path of a file the catalogue names relative to the content root."""
        return self.home / relative

    def relative(self, path: Path) -> str:
        """The path the catalogue stores for a file inside the content root (POSIX form)."""
        return path.resolve().relative_to(self.home.resolve()).as_posix()

    def ensure_folders(self) -> None:
        for folder in (self.assets_dir, self.videos_dir, self.logs_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)


def resolve_home(option: str | None, environ: dict[str, str] | None = None) -> ContentRoot:
    """Choose the content root from ``--home``, then ``KIOSK_HOME``, then the default, and check it.

    A folder that does not exist yet is created when its parent exists (a fresh USB stick);
    anything else that makes it unusable raises :class:`ConfigError`.
    """
    env = os.environ if environ is None else environ
    raw = option or env.get(HOME_ENV) or ""
    home = Path(raw).expanduser() if raw else default_home()
    home = home.absolute()
    if home.exists() and not home.is_dir():
        raise ConfigError(f"{home} : ce n'est pas un dossier (--home attend un dossier).")
    if not home.exists():
        if not home.parent.is_dir():
            raise ConfigError(f"{home} : le dossier parent {home.parent} n'existe pas.")
        try:
            home.mkdir()
        except OSError as error:
            raise ConfigError(
                f"{home} : impossible de créer le dossier ({error.strerror})."
            ) from None
    _check_writable(home)
    db = home / DB_NAME
    if db.exists() and not os.access(db, os.R_OK | os.W_OK):
        raise ConfigError(f"{db} : le fichier n'est pas accessible en lecture et en écriture.")
    return ContentRoot(home)


def _check_writable(home: Path) -> None:
    """Write and remove a probe file: permissions alone say nothing for root or read-only media."""
    try:
        with tempfile.NamedTemporaryFile(dir=home, prefix=".kiosk-probe-"):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(
            f"{home} : le dossier n'est pas accessible en écriture ({reason})."
        ) from None
