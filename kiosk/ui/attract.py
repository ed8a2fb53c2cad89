"""The attract loop: shown when nobody is there; drawings slowly panned, with an invitation.

Drawings are decoded in a worker thread at about the overlay's size, so the loop never stalls
the GUI thread and a touch is answered at once. The aftermovie joins the loop through
``video_player_factory`` once a player is available.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.playback.images import load_scaled
from kiosk.ui.overlays import Overlay, paint_invitation
from kiosk.ui.theme import HEDGE_DARK, Metrics

log = logging.getLogger(__name__)

PAN_SECONDS = 12
ENGLISH_INVITATION = "Touch the screen to discover the third places of the Allier"
ZOOM_MARGIN = 1.12  # the drawing is decoded a little larger than the screen, to pan across it


class _Decoded(QObject):
    ready = Signal(int, QImage)


class AttractOverlay(Overlay):
    """Cycles through ``drawings``; any touch emits ``touched`` (the controller wakes up)."""

    def __init__(self, parent: QWidget, metrics: Metrics, drawings: list[Path]) -> None:
        super().__init__(parent)
        self.setObjectName("AttractOverlay")
        self.metrics = metrics
        self.drawings = drawings
        self.invitation = ""
        self.secondary = ""
        self.index = -1
        self._image = QImage()
        self._next_image: QImage | None = None
        self._pending: Future[None] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="attract-decode")
        self._decoded = _Decoded()
        self._decoded.ready.connect(self._on_decoded)
        self._pan = QVariantAnimation(self)
        self._pan.setStartValue(0.0)
        self._pan.setEndValue(1.0)
        self._pan.setDuration(PAN_SECONDS * 1000)
        self._pan.valueChanged.connect(lambda _value: self.update())
        self._pan.finished.connect(self._advance)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._advance)
        self.retranslate()

    def retranslate(self) -> None:
        french = "Touchez l'écran pour découvrir les tiers-lieux de l'Allier"
        self.invitation = self.tr("Touchez l'écran pour découvrir les tiers-lieux de l'Allier")
        # The loop speaks French after a reset: English visitors get a line of their own.
        self.secondary = ENGLISH_INVITATION if self.invitation == french else ""
        self.update()

    def start(self) -> None:
        self.show_over()
        self.index = -1
        self._advance()

    def stop(self) -> None:
        self._pan.stop()
        self._fallback.stop()
        self.hide()

    def shutdown(self) -> None:
        self.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)

    @property
    def showing(self) -> int:
        """The index of the drawing on screen (-1 before the first one is decoded)."""
        return self.index if not self._image.isNull() else -1

    def _advance(self) -> None:
        if not self.isVisible():
            return
        if not self.drawings:
            self._image = QImage()
            self.update()
            return
        next_index = (self.index + 1) % len(self.drawings)
        size = self.size() * ZOOM_MARGIN
        path = self.drawings[next_index]
        self._pending = self._executor.submit(self._decode, next_index, path, size)

    def _decode(self, index: int, path: Path, size: QSize) -> None:
        image = load_scaled(path, size)
        if image.isNull():
            log.warning("attract loop: cannot decode %s", path)
        self._decoded.ready.emit(index, image)

    def _on_decoded(self, index: int, image: QImage) -> None:
        if not self.isVisible():
            return
        self.index = index
        self._image = image
        if image.isNull():
            self._fallback.start(1000)
            return
        self._pan.stop()
        self._pan.start()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor(HEDGE_DARK))
        if not self._image.isNull():
            progress = float(self._pan.currentValue() or 0.0)
            target = QRectF(self.rect())
            image_size = self._image.size().scaled(
                self.size() * ZOOM_MARGIN, Qt.AspectRatioMode.KeepAspectRatioByExpanding
            )
            spare_x = image_size.width() - target.width()
            spare_y = image_size.height() - target.height()
            # Alternate the direction of the pan from one drawing to the next.
            direction = 1 if self.index % 2 == 0 else -1
            offset = progress if direction == 1 else 1 - progress
            top_left = QPointF(-spare_x * offset, -spare_y * (0.5 + (offset - 0.5) * 0.6))
            painter.drawImage(QRectF(top_left, image_size.toSizeF()), self._image)
        paint_invitation(
            painter, QRectF(self.rect()), self.metrics, self.invitation, self.secondary
        )
        painter.end()
