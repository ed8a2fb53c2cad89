"""What a folder import reports: one result per file, its progress in bytes, and the cancel
token staff and Ctrl-C set."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.library.media_store import MediaError
from kiosk.store.models import (
    MediaRole,
)


class ImportCancelledError(Exception):
    """Staff pressed "Annuler": the file being copied was removed, nothing of it stays."""


class LinkError(MediaError):
    """A link that cannot be made (unknown place, wrong kind for the role…)."""


class CancelToken:
    """Set from any thread (the GUI's cancel button, Ctrl-C); checked between and inside files."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise ImportCancelledError("import annulé")


class Outcome(StrEnum):
    IMPORTED = "imported"
    PRESENT = "present"
    REFUSED = "refused"
    SKIPPED = "skipped"  # not a media file at all (a text, a spreadsheet…)
    CANCELLED = "cancelled"


OUTCOME_LABELS = {
    Outcome.IMPORTED: "importé",
    Outcome.PRESENT: "déjà présent",
    Outcome.REFUSED: "refusé",
    Outcome.SKIPPED: "ignoré",
    Outcome.CANCELLED: "annulé",
}


@dataclass(frozen=True)
class FileResult:
    source: Path
    outcome: Outcome
    reason: str = ""
    media_id: int | None = None
    stored_path: str | None = None


@dataclass(frozen=True)
class Progress:
    """Where an import is: the current file (index from 0) and bytes, of the file and overall."""

    file_index: int
    file_count: int
    source: Path
    file_done: int
    file_total: int
    overall_done: int
    overall_total: int

    @property
    def file_fraction(self) -> float:
        return self.file_done / self.file_total if self.file_total else 1.0


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)


@dataclass(frozen=True)
class Links:
    """Where imported files go: an album (slug or title), a place (slug or name), a role."""

    album: str | None = None
    place: str | None = None
    role: MediaRole | None = None


ProgressCallback = Callable[[Progress], None]
ResultCallback = Callable[[FileResult], None]
