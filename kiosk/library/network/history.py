"""The releases this kiosk applied, kept for ``kiosk network rollback``. No Qt.

For each release applied: its verified manifest and signature (``network/applied/<id>/``) and a
hard link (a copy where links are not possible) to each media file it names
(``network/media/<sha256[:2]>/<sha256>``), so the files stay at hand after the catalogue stops
naming them and they leave ``assets/`` and ``videos/``. The last :data:`KEEP` releases are
kept; older ones and the media only they named are removed.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.bundles.archive import parse_manifest_json
from kiosk.library.bundles.checks import check_file_list
from kiosk.library.media_store import is_regular_file
from kiosk.library.network.media_pool import HashMismatchError, copy_verified
from kiosk.library.network.release import MANIFEST_NAME, SIGNATURE_NAME, NetworkError
from kiosk.library.network.state import network_dir, write_atomically

KEEP = 5
APPLIED_DIR = "applied"
MEDIA_DIR = "media"
log = logging.getLogger("kiosk")

Listed = dict[str, tuple[int, str]]


def applied_dir(root: ContentRoot, release: str) -> Path:
    return network_dir(root) / APPLIED_DIR / release


def kept_media(root: ContentRoot, sha256: str) -> Path:
    return network_dir(root) / MEDIA_DIR / sha256[:2] / sha256


def keep_release(
    root: ContentRoot, release: str, manifest: bytes, signature: bytes, listed: Listed
) -> None:
    """Keep what rolling back to ``release`` needs: its manifest and its media (from the
    content root, where they all are once it is applied)."""
    for relative, (size, sha256) in sorted(listed.items()):
        target = kept_media(root, sha256)
        if is_regular_file(target) and target.stat().st_size == size:
            continue
        try:
            copy_verified(root.absolute(relative), target, sha256, size, link=True)
        except (HashMismatchError, OSError, ValueError) as error:
            # Rolling back to this release will say the file is missing; nothing else changes.
            log.warning("network: %s not kept for rollback: %s", relative, error)
    folder = applied_dir(root, release)
    write_atomically(folder / MANIFEST_NAME, manifest)
    write_atomically(folder / SIGNATURE_NAME, signature)


def read_kept(root: ContentRoot, release: str) -> tuple[bytes, dict[str, object], Listed]:
    """A kept release's manifest (bytes and JSON) and its file list; raises NetworkError."""
    path = applied_dir(root, release) / MANIFEST_NAME
    try:
        data = path.read_bytes()
        manifest = parse_manifest_json(data)
    except (OSError, ValueError) as error:
        raise NetworkError(f"{path} : publication {release} illisible ({error}).") from None
    if not isinstance(manifest, dict):
        raise NetworkError(f"{path} : publication {release} illisible.")
    where = f"publication {release} gardée, liste des fichiers"
    listed = check_file_list(where, manifest, "retour refusé")
    return data, manifest, listed


def prune(root: ContentRoot, history: list[str]) -> list[str]:
    """Keep the last :data:`KEEP` releases of ``history`` (and their media); returns the
    history that remains."""
    kept = history[-KEEP:]
    folder = network_dir(root) / APPLIED_DIR
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_dir() and entry.name not in kept:
                shutil.rmtree(entry, ignore_errors=True)
    wanted: set[str] = set()
    for release in kept:
        try:
            _data, _manifest, listed = read_kept(root, release)
        except Exception:  # a damaged copy protects nothing
            continue
        wanted.update(sha for _size, sha in listed.values())
    media = network_dir(root) / MEDIA_DIR
    if media.is_dir():
        for path in media.glob("*/*"):
            if path.is_file() and path.name not in wanted:
                path.unlink(missing_ok=True)
    return kept
