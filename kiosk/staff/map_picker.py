"""The map picker: the map image scaled to fit; a tap gives the point in fractions of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QSizePolicy,
    QWidget,
)

from kiosk.kit import theme
from kiosk.kit.theme import Metrics


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
