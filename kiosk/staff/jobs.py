"""Long staff work (imports, exports, checks) in a Python thread, with a progress panel.

The work talks to the GUI only through Qt signals (queued to the GUI thread), to bound
methods of the panel, and is cancelled through a :class:`CancelToken` it checks between and
inside files.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit.theme import Metrics
from kiosk.library.import_jobs import CancelToken, ImportCancelledError
from kiosk.staff.controls import button, hint_label

log = logging.getLogger(__name__)


class JobSignals(QObject):
    progress = Signal(int, int, str)
    file_progress = Signal(float)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Job:
    """Run ``work(cancel, report)`` in a thread; ``report(done, total, label)`` moves the bars."""

    def __init__(self, work: Callable[[CancelToken, Callable[[int, int, str], None]], Any]) -> None:
        self.signals = JobSignals()
        self.cancel_token = CancelToken()
        self._work = work
        self._thread = threading.Thread(target=self._run, name="staff-job", daemon=True)

    @classmethod
    def of_task(cls, task: Callable[..., Any], label: str) -> Job:
        """A job for a library call that takes ``progress(done, total)`` and ``cancel``: its bars
        move under ``label`` (the file the call reads or writes)."""
        return cls(
            lambda cancel, report: task(
                progress=lambda done, total: report(done, total, label), cancel=cancel
            )
        )

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def report_file(self, fraction: float) -> None:
        """Move the per-file bar (from the worker thread)."""
        self.signals.file_progress.emit(fraction)

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        def report(done: int, total: int, label: str = "") -> None:
            self.signals.progress.emit(done, total, label)

        try:
            result = self._work(self.cancel_token, report)
        except ImportCancelledError:
            self.signals.cancelled.emit()
        except Exception as error:
            log.exception("staff job failed")
            self.signals.failed.emit(str(error))
        else:
            self.signals.succeeded.emit(result)


def _nothing(_value: object) -> None:
    """What a progress panel does with an outcome before it runs a job."""


class ProgressPanel(QWidget):
    """A file bar, an overall bar, a line of text and a cancel button; hidden when idle."""

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = hint_label()
        self.file_bar = QProgressBar()
        self.overall_bar = QProgressBar()
        for bar in (self.file_bar, self.overall_bar):
            bar.setRange(0, 1000)
        self.cancel_button = button("mdi6.close-circle", self.tr("Annuler"), metrics, danger=True)
        row = QHBoxLayout()
        bars = QVBoxLayout()
        bars.addWidget(self.file_bar)
        bars.addWidget(self.overall_bar)
        row.addLayout(bars, 1)
        row.addWidget(self.cancel_button)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.job: Job | None = None
        self._on_success: Callable[[Any], None] = _nothing
        self._on_failure: Callable[[str], None] = _nothing
        self.cancel_button.clicked.connect(self._cancel)
        self.setVisible(False)

    def run(
        self,
        job: Job,
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
        *,
        two_bars: bool = False,
    ) -> None:
        self.job = job
        self.file_bar.setVisible(two_bars)
        self.file_bar.setValue(0)
        self.overall_bar.setValue(0)
        self.label.setText(self.tr("Travail en cours…"))
        self.cancel_button.setEnabled(True)
        self.setVisible(True)
        self._on_success, self._on_failure = on_success, on_failure
        # Bound methods of this panel, never lambdas: a panel deleted under its job is
        # disconnected by Qt, its job's last signals reach nobody.
        job.signals.progress.connect(self._on_progress)
        job.signals.file_progress.connect(self._on_file_progress)
        job.signals.succeeded.connect(self._on_succeeded)
        job.signals.failed.connect(self._on_failed)
        job.signals.cancelled.connect(self._on_cancelled)
        job.start()

    @Slot(float)
    def _on_file_progress(self, fraction: float) -> None:
        self.file_bar.setValue(int(1000 * fraction))

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._done(lambda: self._on_success(result))

    @Slot(str)
    def _on_failed(self, reason: str) -> None:
        self._done(lambda: self._on_failure(reason))

    @Slot()
    def _on_cancelled(self) -> None:
        self._done(lambda: self._on_failure(self.tr("Annulé : rien n'a été modifié.")))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.overall_bar.setValue(int(1000 * done / total) if total else 1000)
        if label:
            self.label.setText(label)

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Annulation…"))

    def _done(self, then: Callable[[], None]) -> None:
        self.job = None
        self.setVisible(False)
        then()

    @property
    def busy(self) -> bool:
        return self.job is not None
