"""The health check: is every file the catalogue names there, whole and readable, and is nothing
else lying around?

``check`` only reads. ``fix`` repairs what is safe: it removes partial files (temporary copies an
interruption left) and bundle staging folders, rebuilds caches, and moves orphan files (files in
``assets/`` or ``videos/`` that no catalogue row names) to ``trash/`` under the content root. It
never deletes a staff member's file.
"""

from __future__ import annotations

from kiosk.library.health.checking import LOW_SPACE_BYTES, check
from kiosk.library.health.fixing import fix, trash_folder
from kiosk.library.health.media_files import kind_words
from kiosk.library.health.problems import (
    ACTIONS,
    MEDIA_CODES,
    SUBTITLES_ACTION,
    TIDY_ACTION,
    Code,
    FixReport,
    HealthReport,
    MediaFacts,
    Problem,
    ProgressCallback,
    Severity,
)

__all__ = [
    "ACTIONS",
    "LOW_SPACE_BYTES",
    "MEDIA_CODES",
    "SUBTITLES_ACTION",
    "TIDY_ACTION",
    "Code",
    "FixReport",
    "HealthReport",
    "MediaFacts",
    "Problem",
    "ProgressCallback",
    "Severity",
    "check",
    "fix",
    "kind_words",
    "trash_folder",
]
