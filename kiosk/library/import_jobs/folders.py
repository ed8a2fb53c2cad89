"""Which files of the named folders an import takes, and which it leaves out with a reason
(system clutter and hidden files silently)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kiosk.library.import_jobs.outcomes import FileResult, Outcome
from kiosk.library.importing import (
    MEDIA_SUFFIXES,
    NOT_MEDIA,
)

# The extensions of the files a folder import probes (a file without extension is probed too).
ACCEPTED_SUFFIXES = MEDIA_SUFFIXES
# What a folder holds that is nobody's content: left out of a folder import without a word.
SILENT_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})
SILENT_FOLDERS = frozenset({"system volume information", "$recycle.bin", "lost+found"})


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the media files inside named folders (sorted, hidden skipped).

    In a folder, a file is taken when its extension is one of a picture, a film or a PDF, or
    when it has none (its content decides then); :func:`skipped_files` names the others. A file
    named directly is kept whatever its type: its content decides, or it is refused with a
    reason.
    """
    return _walk(paths)[0]


def skipped_files(paths: Iterable[Path]) -> list[FileResult]:
    """The files of the named folders :func:`collect_files` leaves out, each with the reason
    (hidden files, the kiosk's own temporary files and system clutter are left out silently)."""
    return [FileResult(path, Outcome.SKIPPED, NOT_MEDIA) for path in _walk(paths)[1]]


def _walk(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    found: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and d.lower() not in SILENT_FOLDERS
            )
            for name in sorted(files):
                if name.startswith((".", "~$")) or name.lower() in SILENT_FILES:
                    continue
                candidate = Path(folder) / name
                suffix = candidate.suffix.lower()
                (found if not suffix or suffix in ACCEPTED_SUFFIXES else skipped).append(candidate)
    return found, skipped
