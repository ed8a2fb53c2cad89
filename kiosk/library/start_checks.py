"""Checks made as the kiosk starts, before Qt: the display platform under Wayland, and a bundle
file given as the content folder. Apart from :mod:`kiosk.library.deploy` (which imports
tarfile, subprocess, hashlib…), so that ``kiosk run`` does not pay for those at start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from kiosk.config import HOME_ENV, ConfigError

log = logging.getLogger(__name__)


_xwayland_logged = False


def prefer_xwayland(environ: MutableMapping[str, str] | None = None) -> bool:
    """Under a Wayland session run Qt through XWayland (``QT_QPA_PLATFORM=xcb``); log it once.

    libvlc embeds video into an X11 window, so the kiosk needs Qt's xcb platform. An explicit
    ``QT_QPA_PLATFORM`` is respected (tests use ``offscreen``). Call before Qt starts. Returns
    whether the platform was set here.
    """
    global _xwayland_logged
    env = os.environ if environ is None else environ
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    if not wayland:
        return False
    chosen = env.get("QT_QPA_PLATFORM")
    if chosen:
        if not _xwayland_logged and not chosen.startswith(("xcb", "offscreen", "minimal")):
            log.warning(
                "Wayland session with QT_QPA_PLATFORM=%s: video needs xcb (XWayland)", chosen
            )
            _xwayland_logged = True
        return False
    env["QT_QPA_PLATFORM"] = "xcb"
    if not _xwayland_logged:
        if env.get("DISPLAY"):
            log.info("Wayland session: running through XWayland (QT_QPA_PLATFORM=xcb)")
        else:
            log.warning("Wayland session without DISPLAY: XWayland is needed to run the kiosk")
        _xwayland_logged = True
    return True


BUNDLE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2")


def is_bundle_file(path: Path) -> bool:
    """Whether ``path`` is a file that looks like a content bundle (a zip or tar archive)."""
    if not path.is_file():
        return False
    if path.name.lower().endswith(BUNDLE_SUFFIXES):
        return True
    import tarfile
    import zipfile

    try:
        return zipfile.is_zipfile(path) or tarfile.is_tarfile(path)
    except OSError:
        return False


def bundle_home_message(path: Path) -> str | None:
    """What to say when ``--home`` names a bundle file instead of a content folder."""
    if not is_bundle_file(path):
        return None
    folder = path.parent / path.name.split(".")[0]
    return (
        f"{path} : c'est un lot (une sauvegarde), pas un dossier de contenu. Importez-le d'abord "
        f"dans un dossier : « kiosk --home {folder} bundle import {path} » (ou « Sauvegarde » "
        f"dans l'espace équipe), puis « kiosk run --windowed --home {folder} »."
    )


def refuse_bundle_as_home(option: str | None, environ: Mapping[str, str] | None = None) -> None:
    """Raise :class:`ConfigError` with :func:`bundle_home_message` when ``--home`` (or
    ``KIOSK_HOME``) names a bundle file. Called before the content root is resolved."""
    env = os.environ if environ is None else environ
    raw = option or env.get(HOME_ENV) or ""
    if not raw:
        return
    message = bundle_home_message(Path(raw).expanduser().absolute())
    if message is not None:
        raise ConfigError(message)
