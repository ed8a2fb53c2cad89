"""Feedback during the hidden staff gesture (a long press on the logo): a thin ring around the
logo that fills until the PIN pad opens.

It shows only after ``delay_ms`` of pressing (a second): a visitor's tap on the logo shows
nothing, nothing invites visitors to hold it; a volunteer holding it sees that the press counts
and how long is left; it goes when the hold is given up (released, or the finger moved away).
It never takes a touch (the press stays the logo's).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.kit import theme
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import LongPressArea

DELAY_MS = 1000
TICK_MS = 40


class PressFeedback(QWidget):
    """A ring over ``area`` (a :class:`LongPressArea`) that fills while it is held."""

    def __init__(self, area: LongPressArea, metrics: Metrics, delay_ms: int = DELAY_MS) -> None:
        super().__init__(area)
        self.area = area
        self.metrics = metrics
        self.delay_ms = delay_ms
        self.progress = 0.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setObjectName("PressFeedback")
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        area.installEventFilter(self)
        area.long_pressed.connect(self.stop)
        area.let_go.connect(self.stop)  # released, or the finger moved away
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # A press soon after a tap reaches the area as a double click: it is a press too.
        pressed = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
        if kind in pressed and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self.start()
        elif kind == QEvent.Type.Hide:
            self.stop()
        return False

    def start(self) -> None:
        self.progress = 0.0
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.progress = 0.0
        self.hide()

    def _tick(self) -> None:
        elapsed = self._clock.elapsed()
        if elapsed < self.delay_ms:
            return
        span = max(1, self.area.hold_ms - self.delay_ms)
        self.progress = min(1.0, (elapsed - self.delay_ms) / span)
        if not self.isVisible():
            self._place()
            self.show()
            self.raise_()
        self.update()

    def _place(self) -> None:
        """A square at the area's left end (where the logo's sprout is)."""
        side = min(self.area.height(), self.area.width())
        self.setGeometry(0, (self.area.height() - side) // 2, side, side)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(2, self.metrics.px(4))
        ring = QRectF(self.rect()).adjusted(width, width, -width, -width)
        track = QColor(theme.WHITE)
        track.setAlpha(60)
        painter.setPen(QPen(track, width))
        painter.drawEllipse(ring)
        pen = QPen(QColor(theme.OCHRE), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(ring, 90 * 16, -int(360 * 16 * self.progress))
        painter.end()


def attach(areas: list[LongPressArea], metrics: Metrics) -> list[PressFeedback]:
    """Give each long-press area its ring (kept by the area)."""
    return [PressFeedback(area, metrics) for area in areas]
