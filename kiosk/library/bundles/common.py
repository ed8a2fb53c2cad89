"""What every part of the bundle code shares: the format, the error, the plan, safe display."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.library.printable import shown as shown

FORMAT = "borne-du-mazier-bundle"
# 1: before settings had a scope (a bundle carried every setting but the PIN);
# 2: a bundle carries content settings only, and an import refuses any other.
FORMAT_VERSION = 2
OLDEST_FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MEDIA_FOLDERS = ("assets", "videos")
SUBTITLE_SUFFIXES = (".srt", ".vtt")

Rows = dict[str, list[dict[str, Any]]]


class BundleError(Exception):
    """A bundle that cannot be written or applied; the kiosk is exactly as it was."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    files: int
    bytes_written: int
    rows: int


@dataclass
class Plan:
    """What importing a bundle would do, in words staff understand."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    files_to_copy: int = 0
    bytes_to_copy: int = 0
    # One line each: what the bundle carried that this kiosk leaves aside (an old bundle's
    # machine settings…).
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.files_to_copy)


@dataclass(frozen=True)
class ImportSummary:
    plan: Plan
    applied: bool
    trashed: int = 0
