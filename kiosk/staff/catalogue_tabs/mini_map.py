"""The Lieux tab's map: the place being edited as a large pin, the other places as smaller ones,
zoom by buttons (or the wheel), a drag pans the zoomed map, a tap places the pin."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from kiosk.staff.common import MapPicker
from kiosk.ui.theme import Metrics

MAX_ZOOM = 8.0
ZOOM_STEP = 1.5


class ZoomMap(MapPicker):
    """``markers`` are the other places (drawn small, unlabelled); ``highlight`` is the one
    being edited."""

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(metrics, parent)
        self.zoom = 1.0
        self.centre = QPointF(0.5, 0.5)  # the image point at the middle, as fractions
        self._press: QPointF | None = None
        self._dragged = False

    def image_rect(self) -> QRectF:
        base = super().image_rect()
        if base.isEmpty() or self.zoom == 1.0:
            return base
        width, height = base.width() * self.zoom, base.height() * self.zoom
        left = self.width() / 2 - self.centre.x() * width
        top = self.height() / 2 - self.centre.y() * height
        return QRectF(left, top, width, height)

    def set_zoom(self, zoom: float, around: tuple[float, float] | None = None) -> None:
        self.zoom = min(MAX_ZOOM, max(1.0, zoom))
        if around is not None:
            self.centre = QPointF(*around)
        if self.zoom == 1.0:
            self.centre = QPointF(0.5, 0.5)
        self._clamp()
        self.update()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP, self.highlight)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def _clamp(self) -> None:
        half = 0.5 / self.zoom
        self.centre = QPointF(
            min(1 - half, max(half, self.centre.x())), min(1 - half, max(half, self.centre.y()))
        )

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.set_zoom(self.zoom * (ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self.zoom == 1.0:
            return
        step = event.position() - self._press
        if not self._dragged and max(abs(step.x()), abs(step.y())) < self.metrics.px(16):
            return
        self._dragged = True
        rect = self.image_rect()
        self.centre -= QPointF(step.x() / rect.width(), step.y() / rect.height())
        self._clamp()
        self._press = event.position()
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        dragged, self._press = self._dragged, None
        if not dragged:
            super().mouseReleaseEvent(event)
