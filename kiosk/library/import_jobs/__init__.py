"""Importing many files at once (a folder, a USB stick): progress, cancel, one result per file.

Each file is copied into its hash-named place in the content root while it is hashed (one read
of the source, progress reported per chunk, cancel checked per chunk: a cancelled copy removes
its temporary file), then :func:`kiosk.library.importing.import_media` checks it (PyAV, the image
pipeline), finds it already in place and records it in one transaction. A refused file is
removed again, so nothing of it stays.
"""

from __future__ import annotations

from kiosk.library.import_jobs.folders import collect_files, skipped_files
from kiosk.library.import_jobs.links import check_links, default_role
from kiosk.library.import_jobs.outcomes import (
    OUTCOME_LABELS,
    CancelToken,
    FileResult,
    ImportCancelledError,
    ImportReport,
    LinkError,
    Links,
    Outcome,
    Progress,
)
from kiosk.library.import_jobs.running import import_files, import_one
from kiosk.library.import_jobs.titles import _title_of

__all__ = [
    "OUTCOME_LABELS",
    "CancelToken",
    "FileResult",
    "ImportCancelledError",
    "ImportReport",
    "LinkError",
    "Links",
    "Outcome",
    "Progress",
    "_title_of",
    "check_links",
    "collect_files",
    "default_role",
    "import_files",
    "import_one",
    "skipped_files",
]
