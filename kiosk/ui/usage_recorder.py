"""Collects anonymous usage events in memory and writes them in batches (SD cards wear out)."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer

from kiosk.library import usage
from kiosk.library.usage import Event
from kiosk.store.database import Catalogue

log = logging.getLogger(__name__)

FLUSH_EVERY_MS = 5 * 60 * 1000
FLUSH_AT_EVENTS = 200


class UsageRecorder(QObject):
    def __init__(self, catalogue: Catalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.pending: list[Event] = []
        self._visit_started: float | None = None
        self._paused = False
        self._visit_events: list[Event] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.flush)
        self._timer.start(FLUSH_EVERY_MS)

    def add(self, kind: str, subject: str | None = None) -> None:
        """An event; during a visit it is kept with the visit until the visit ends (so a visit
        that turns out to be staff's is dropped whole)."""
        if self._paused:
            return
        (self._visit_events if self.in_visit else self.pending).append(Event(kind, subject))
        if len(self.pending) + len(self._visit_events) >= FLUSH_AT_EVENTS:
            self._close_visit_batch()
            self.flush()

    def _close_visit_batch(self) -> None:
        self.pending += self._visit_events
        self._visit_events = []

    @property
    def in_visit(self) -> bool:
        return self._visit_started is not None

    def start_visit(self) -> None:
        if self._visit_started is None and not self._paused:
            self._visit_started = time.monotonic()

    def end_visit(self) -> None:
        """The visit ends at the idle reset: record its length and write the batch."""
        if self._visit_started is not None:
            seconds = time.monotonic() - self._visit_started
            self._visit_started = None
            self._close_visit_batch()
            self.add(usage.VISIT, f"{seconds:.0f}")
        self.flush()

    def pause(self) -> None:
        """Nothing is recorded until :meth:`resume`, and the visit in progress is dropped: staff
        are at the screen (the visit began with their hidden gesture), or the kiosk itself is
        going back home at a reset."""
        self._visit_started = None
        self._visit_events = []
        self._paused = True

    def resume(self) -> None:
        self._paused = False

    def stop(self) -> None:
        """No more batches: what is pending is written now (a visit in progress too)."""
        self._timer.stop()
        self._close_visit_batch()
        self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        try:
            usage.record(self.catalogue, batch)
        except Exception:
            log.exception("usage statistics could not be written; %d events dropped", len(batch))
