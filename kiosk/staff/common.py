"""What the staff tabs share: background jobs with progress and cancel, the map picker, big
buttons, the kiosk's questions and the staff style sheet (the file browser is in
:mod:`kiosk.staff.file_browser`).

Long work runs in a Python thread; it talks to the GUI only through Qt signals (queued to the
GUI thread), and is cancelled through a :class:`CancelToken` it checks between and inside files.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons, theme
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import IconButton, plain_label
from kiosk.library.import_jobs import CancelToken, ImportCancelledError
from kiosk.staff.dialogs import ask

log = logging.getLogger(__name__)


def arrow_image(metrics: Metrics) -> str:
    """A drop-down's arrow large enough to see, as a file for the style sheet (made once)."""
    size = metrics.px(36)
    folder = Path(tempfile.gettempdir()) / f"kiosk-staff-{os.getuid()}"
    path = folder / f"chevron-down-{size}.png"
    if not path.is_file():
        try:
            folder.mkdir(exist_ok=True)
            icons.icon("mdi6.chevron-down", color=theme.HEDGE_DARK).pixmap(size, size).save(
                str(path)
            )
        except OSError:
            log.warning("cannot write the drop-down arrow in %s", folder)
    return path.as_posix()


def staff_style(metrics: Metrics) -> str:
    px = metrics.px
    arrow = arrow_image(metrics)
    field = metrics.touch - 2 * px(2)  # a field is one touch target high, its border included
    bar = px(28)  # scroll bars a finger can hold (the desktop's are 14 px)
    return f"""
QWidget#StaffArea {{ background: {theme.CREAM}; }}
QWidget#StaffTabs {{ background: {theme.HEDGE_DARK}; }}
QPushButton#StaffTab {{
    color: {theme.WHITE}; background: transparent; border: none; text-align: left;
    padding: 0 {px(18)}px; min-height: {metrics.touch}px; font-size: {px(24)}px;
    border-radius: {px(14)}px;
}}
QPushButton#StaffTab:checked {{ background: {theme.CREAM}; color: {theme.HEDGE_DARK}; }}
QPushButton#StaffButton {{
    color: {theme.WHITE}; background: {theme.HEDGE}; border: none; border-radius: {px(14)}px;
    padding: 0 {px(20)}px; min-height: {metrics.touch}px; font-size: {px(24)}px;
}}
QPushButton#StaffButton:disabled {{ background: {theme.HEDGE_DISABLED}; }}
QPushButton#DangerButton {{
    color: {theme.WHITE}; background: {theme.TERRACOTTA}; border: none;
    border-radius: {px(14)}px; padding: 0 {px(20)}px; min-height: {metrics.touch}px;
    font-size: {px(24)}px;
}}
QPushButton#DangerButton:disabled {{
    background: {theme.TERRACOTTA_DISABLED}; color: {theme.WHITE};
}}
QLabel#StaffTitle {{ font-size: {px(36)}px; font-weight: 700; color: {theme.HEDGE_DARK}; }}
QLabel#StaffHint {{ font-size: {px(22)}px; color: {theme.MUTED}; }}
QListWidget#StaffList, QTableView#StaffTable {{
    background: {theme.PAPER}; border: none; border-radius: {px(14)}px; font-size: {px(22)}px;
}}
QListWidget#StaffList::item {{ min-height: {px(56)}px; padding: 0 {px(10)}px; }}
QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDoubleSpinBox {{
    background: {theme.WHITE}; border: {px(2)}px solid {theme.SAGE}; border-radius: {px(8)}px;
    min-height: {field}px; font-size: {px(24)}px; padding: 0 {px(8)}px;
}}
QAbstractSpinBox QLineEdit {{
    min-height: 0; border: none; padding: 0; background: transparent; font-size: {px(24)}px;
}}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 0; border: none; }}
QComboBox::drop-down {{ width: {px(64)}px; border: none; }}
QComboBox::down-arrow {{ image: url({arrow}); width: {px(36)}px; height: {px(36)}px; }}
QComboBox QAbstractItemView {{
    background: {theme.WHITE}; font-size: {px(24)}px; selection-background-color: {theme.SAGE};
}}
QPushButton {{ min-height: {metrics.touch}px; min-width: {metrics.touch}px; }}
QPushButton#StepperButton {{
    background: {theme.HEDGE}; color: {theme.WHITE}; border: none; border-radius: {px(8)}px;
    font-size: {px(36)}px; font-weight: 700; min-width: 0; min-height: 0;
}}
QPushButton#StepperButton:pressed {{ background: {theme.OCHRE}; color: {theme.CHARCOAL}; }}
QPushButton#StepperButton:disabled {{ background: {theme.HEDGE_DISABLED}; }}
QListView::item {{ min-height: {metrics.touch}px; }}
QScrollBar:vertical {{
    width: {bar}px; background: {theme.PAPER}; border: none; margin: 0;
    border-radius: {bar // 2}px;
}}
QScrollBar:horizontal {{
    height: {bar}px; background: {theme.PAPER}; border: none; margin: 0;
    border-radius: {bar // 2}px;
}}
QScrollBar::handle:vertical {{ background: {theme.SAGE}; min-height: {metrics.touch}px;
    border-radius: {bar // 2}px; }}
QScrollBar::handle:horizontal {{ background: {theme.SAGE}; min-width: {metrics.touch}px;
    border-radius: {bar // 2}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QScrollArea#StaffTabScroll, QWidget#StaffTabList, QScrollArea#StaffPageScroll,
QWidget#StaffPageHolder {{ background: transparent; border: none; }}
QTextBrowser#Preview {{ background: {theme.PAPER}; border: none; border-radius: {px(12)}px; }}
QProgressBar {{
    min-height: {px(36)}px; border-radius: {px(8)}px; background: {theme.PAPER};
    text-align: center; font-size: {px(20)}px;
}}
QProgressBar::chunk {{ background: {theme.OCHRE}; border-radius: {px(8)}px; }}
QCheckBox {{ min-height: {metrics.touch}px; font-size: {px(24)}px; spacing: {px(14)}px; }}
QCheckBox::indicator {{ width: {px(44)}px; height: {px(44)}px; }}
"""


def button(
    icon: str, text: str, metrics: Metrics, *, danger: bool = False, parent: QWidget | None = None
) -> IconButton:
    return IconButton(
        icon,
        text,
        metrics,
        object_name="DangerButton" if danger else "StaffButton",
        parent=parent,
    )


def title_label(text: str = "") -> QLabel:
    # Plain: staff labels show names, file names and error lines quoting catalogue content.
    return plain_label("StaffTitle", text)


def hint_label(text: str = "") -> QLabel:
    return plain_label("StaffHint", text, wrap=True)


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side, in the order given."""
    row = QHBoxLayout()
    for widget in buttons:
        row.addWidget(widget)
    return row


def titled_column(owner: QWidget, title: str, hint: str) -> QVBoxLayout:
    """``owner``'s layout, edge to edge: its title, then the sentence that says what to do."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title_label(title))
    layout.addWidget(hint_label(hint))
    return layout


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question drawn by the kiosk, large « Oui » / « Non » (see
    :func:`kiosk.staff.dialogs.ask`)."""
    return ask(parent, title, text)


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


class MapPicker(QWidget):
    """The map image scaled to fit; a tap emits ``tapped(fx, fy)`` in fractions of the image.

    ``markers`` are drawn as pins (fractions, label); ``highlight`` is the one being edited.
    """

    tapped = Signal(float, float)

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.image = QImage()
        self.markers: list[tuple[float, float, str]] = []
        self.highlight: tuple[float, float] | None = None
        self.setMinimumSize(metrics.px(360), metrics.px(260))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, path: Path | None) -> None:
        self.image = QImage(str(path)) if path is not None else QImage()
        if not self.image.isNull() and max(self.image.width(), self.image.height()) > 2400:
            self.image = self.image.scaled(
                2400,
                2400,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.update()

    def image_rect(self) -> QRectF:
        if self.image.isNull():
            return QRectF()
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        width, height = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def fraction_at(self, point: QPointF) -> tuple[float, float] | None:
        """The image point under ``point`` (widget pixels), as fractions; None off the image."""
        rect = self.image_rect()
        if rect.isEmpty() or not rect.contains(point):
            return None
        return (point.x() - rect.left()) / rect.width(), (point.y() - rect.top()) / rect.height()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        spot = self.fraction_at(event.position())
        if spot is not None:
            self.tapped.emit(*spot)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.image_rect()
        if rect.isEmpty():
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Aucune image de carte")
            )
            return
        painter.drawImage(rect, self.image)
        self.draw_pins(painter, rect)
        painter.end()

    def draw_pins(self, painter: QPainter, rect: QRectF) -> None:
        """The markers (labelled) and the highlighted pin, over the image drawn in ``rect``.
        A name that would cover another pin or a name already written is left out (its pin
        stays)."""
        radius = self.metrics.px(10)
        metrics = painter.fontMetrics()
        spots = [
            QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
            for fx, fy, _label in self.markers
        ]
        taken = [QRectF(s.x() - radius, s.y() - radius, 2 * radius, 2 * radius) for s in spots]
        for (fx, fy, label), spot, own in zip(self.markers, spots, list(taken), strict=True):
            box = QRectF(metrics.boundingRect(label)).translated(spot + QPointF(radius + 4, 0))
            box.moveTop(spot.y() + radius / 2 - metrics.ascent())
            free = not any(box.intersects(other) for other in taken if other is not own)
            if free:
                taken.append(box)
            self._pin(painter, rect, fx, fy, QColor(theme.SAGE), radius, label if free else "")
        if self.highlight is not None:
            self._pin(painter, rect, *self.highlight, QColor(theme.TERRACOTTA), radius * 1.6, "")

    def _pin(
        self,
        painter: QPainter,
        rect: QRectF,
        fx: float,
        fy: float,
        colour: QColor,
        radius: float,
        label: str,
    ) -> None:
        centre = QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
        painter.setPen(QPen(QColor(theme.WHITE), self.metrics.px(3)))
        painter.setBrush(colour)
        painter.drawEllipse(centre, radius, radius)
        if label:
            painter.setPen(QColor(theme.CHARCOAL))
            painter.drawText(centre + QPointF(radius + 4, radius / 2), label)


# The file browser has its module; the tabs that import it from here keep doing so.
from kiosk.staff.file_browser import FileBrowser  # noqa: E402

__all__ = ["FileBrowser", "Job", "MapPicker", "ProgressPanel", "button", "confirm", "staff_style"]
