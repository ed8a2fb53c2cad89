"""What an interrupted operation leaves behind (a power cut during a copy, a killed bundle
import, a cache being rebuilt), and removing it at start.

Apart from :mod:`kiosk.library.health` and :mod:`kiosk.library.bundles`, which import PyAV,
Pillow and the import jobs (about 0.2 s): the kiosk cleans up on every start.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.media_store import remove_partial_files

STAGING_PREFIX = ".bundle-staging-"  # a bundle import unpacks there before applying it
CACHE_LEFTOVERS = (
    *(f"{folder}{TEMP_PREFIX}*" for folder in ("", "images/", "demo-build/", "posters/")),
    *(".pdf-*", "demo-build/run-*", "posters/.*.tmp"),  # the names before kiosk.library.durable
)
# The network's files are written under temporary names too (kiosk.library.durable), in
# network/ and in the publication and status folders under it (Syncthing never shares them).
NETWORK_LEFTOVERS = (f"network/**/{TEMP_PREFIX}*",)


def iter_staging_dirs(root: ContentRoot) -> Iterator[Path]:
    """Staging folders an interrupted bundle import left (the health check removes them)."""
    yield from sorted(root.home.glob(f"{STAGING_PREFIX}*"))


def remove_interrupted_work(root: ContentRoot) -> list[Path]:
    """Delete what a power cut or a kill left half-done; return what was removed.

    Run when the kiosk (or a ``kiosk`` command) starts: partial copies in ``assets/`` and
    ``videos/``, bundle staging folders, and the work folders of the caches. None of them is ever
    named by the catalogue, so nothing of value goes.
    """
    removed = remove_partial_files(root)
    work = list(iter_staging_dirs(root))
    for pattern in CACHE_LEFTOVERS:
        work.extend(root.cache_dir.glob(pattern))
    for pattern in NETWORK_LEFTOVERS:
        work.extend(root.home.glob(pattern))
    for path in sorted(work):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
