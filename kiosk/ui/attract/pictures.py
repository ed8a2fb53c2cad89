"""What the loop paints itself: the panned drawing and the invitation band (native windows)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.kit.overlays import paint_invitation
from kiosk.kit.theme import HEDGE_DARK, INVITATION_PLATE, Metrics

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

ZOOM_MARGIN = 1.12  # the drawing is decoded a little larger than the screen, to pan across it
MIN_SHOWN = 0.7  # below this share of the drawing on screen, it is shown whole instead
FIT_ZOOM = 1.05  # how much nearer a drawing shown whole comes (its edges stay on screen)
BAND_COLOUR = QColor(INVITATION_PLATE)  # the invitation band, opaque (X shows nothing through)


class DrawingPan(QWidget):
    """A drawing, larger than the area, slowly panned; a native window (above the film)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("AttractDrawing")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.image = QImage()
        self.index = 0
        self.progress = 0.0

    def set_image(self, image: QImage, index: int) -> None:
        self.image = image
        self.index = index
        self.progress = 0.0
        self.update()

    def set_progress(self, value: object) -> None:
        self.progress = float(value) if isinstance(value, (int, float)) else 0.0
        self.update()

    def placement(self) -> QRectF:
        """Where the drawing is painted now. Covering the area, panned across it, when that
        shows most of the drawing (a 3:2 drawing on a wide screen); on a screen of another
        shape (a 3:2 drawing in portrait would show a strip of 40 %), the drawing whole across
        the area, slowly coming nearer, on the dark ground."""
        image = self.image.size()
        area = QRectF(self.rect())
        covering = image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        shown = min(area.width() / covering.width(), area.height() / covering.height())
        # Alternate the direction of the movement from one drawing to the next.
        offset = self.progress if self.index % 2 == 0 else 1 - self.progress
        if shown < MIN_SHOWN:
            fitted = image.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio).toSizeF()
            size = fitted * (1.0 + (FIT_ZOOM - 1.0) * offset)
            corner = QPointF((area.width() - size.width()) / 2, (area.height() - size.height()) / 2)
            return QRectF(corner, size)
        size = image.scaled(
            self.size() * ZOOM_MARGIN, Qt.AspectRatioMode.KeepAspectRatioByExpanding
        ).toSizeF()
        spare_x = size.width() - area.width()
        spare_y = size.height() - area.height()
        return QRectF(QPointF(-spare_x * offset, -spare_y * (0.5 + (offset - 0.5) * 0.6)), size)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor(HEDGE_DARK))
        if not self.image.isNull():
            painter.drawImage(self.placement(), self.image)
        painter.end()


class InvitationBand(QWidget):
    """The invitation to touch, on an opaque band: a native window, always the top one."""

    def __init__(self, parent: QWidget, metrics: Metrics) -> None:
        super().__init__(parent)
        self.setObjectName("AttractInvitation")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.metrics = metrics
        self.text = ""
        self.secondary = ""

    def height_for(self, width: int) -> int:
        """The band's height at ``width``: what :func:`paint_invitation` draws, text wrapped."""
        px, font = self.metrics.px, self.metrics.font
        text_width = max(1, width - 2 * px(48) - px(88) - px(28))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)

        def text_height(text: str, size: int, bold: bool) -> float:
            chosen = QFont(self.font())
            chosen.setPixelSize(size)
            chosen.setBold(bold)
            box = QRectF(0, 0, text_width, 10_000)
            return QFontMetricsF(chosen).boundingRect(box, flags, text).height()

        block = text_height(self.text, font(46), True)
        if self.secondary:
            block += text_height(self.secondary, font(28), False) + px(8)
        return int(max(px(190), block + 2 * px(36))) + 1

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BAND_COLOUR)
        paint_invitation(painter, QRectF(self.rect()), self.metrics, self.text, self.secondary)
        painter.end()
