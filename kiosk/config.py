"""Where the kiosk's content lives, and the checks that make a content root usable.

The content root holds ``data.db``, ``assets/`` and ``videos/``; logs and caches go in clearly
named folders beside them. It is the repository root by default, ``--home DIR`` or the
``KIOSK_HOME`` environment variable point elsewhere (a USB stick at an event stand).
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

HOME_ENV = "KIOSK_HOME"
DB_NAME = "data.db"


MEDIA_FOLDERS = ("assets", "videos")


class ConfigError(Exception):
    """A setting that cannot be used; the message names the path and the reason."""


class UnsafePathError(ConfigError, ValueError):
    """A path from the catalogue that does not name a file of ``assets/`` or ``videos/``."""


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

    @cached_property
    def _real_media_folders(self) -> tuple[str, ...]:
        return tuple(os.path.realpath(self.home / folder) + os.sep for folder in MEDIA_FOLDERS)

    def absolute(self, relative: str) -> Path:
        """The absolute path of a media file the catalogue names relative to the content root.

        Defence in depth behind the validation of what enters the catalogue: an absolute path,
        one with ``..``, one outside ``assets/`` and ``videos/`` (``data.db``) or one whose
        links lead out of them raises :class:`UnsafePathError`, so nothing (the player, trash,
        export, check) ever touches another file because the catalogue named it.
        """
        parts = relative.split("/") if isinstance(relative, str) else []
        if (
            len(parts) < 2
            or parts[0] not in MEDIA_FOLDERS
            or any(part in ("", ".", "..") or "\\" in part or "\x00" in part for part in parts)
        ):
            raise UnsafePathError(
                f"« {relative!s:.120} » : ce n'est pas un fichier de assets/ ou videos/ ; ignoré."
            )
        path = self.home / relative
        real = os.path.realpath(path)
        if not real.startswith(self._real_media_folders):
            raise UnsafePathError(
                f"{path} : mène hors de assets/ et videos/ (lien symbolique ?) ; ignoré."
            )
        return path

    def media_file(self, relative: str) -> Path | None:
        """:meth:`absolute`, or None (logged) for a path it refuses: for the screens, which show
        nothing for such a row rather than stop (the health check names it to staff)."""
        try:
            return self.absolute(relative)
        except UnsafePathError as error:
            logging.getLogger("kiosk").warning("media path refused: %s", error)
            return None

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
