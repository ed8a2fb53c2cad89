"""The staff's zooming map (Lieux and Carte tabs): two fingers pinch to zoom, one drags the
zoomed map (on the whole map, it scrolls the form around it), a tap places the pin; large « + »
and « − » buttons in its corner zoom with one finger. The gestures are the kiosk's one
recogniser (:mod:`kiosk.kit.gestures`), as on the visitors' map.

In Lieux the other places are drawn small and dimmed, the place being edited as a large pin with
a halo; in Carte the reference points keep their names (``dimmed`` off)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QWidget

from kiosk.kit import theme
from kiosk.kit.gestures import Gesture, GestureInput, GestureKind
from kiosk.kit.theme import Metrics
from kiosk.staff.map_picker import MapPicker

MAX_ZOOM = 8.0
ZOOM_STEP = 1.5
ZOOM_BUTTON_PX = 84  # at 1080p: larger than a touch target, the map's own « + » and « − »


class ZoomMap(MapPicker):
    """``markers`` are the other places (drawn small and dimmed, or labelled when ``dimmed`` is
    off); ``highlight`` is the one being edited."""

    def __init__(
        self, metrics: Metrics, parent: QWidget | None = None, *, dimmed: bool = True
    ) -> None:
        super().__init__(metrics, parent)
        self.dimmed = dimmed
        self.zoom = 1.0
        self.centre = QPointF(0.5, 0.5)  # the image point at the middle, as fractions
        self._pinch: tuple[float, tuple[float, float] | None] = (1.0, None)
        self._finger = QPointF()  # on the screen, while a drag scrolls the form
        self.gestures = GestureInput(self, self._on_gesture)
        self.plus_button = self._zoom_button("+", self.tr("Agrandir la carte"))
        self.minus_button = self._zoom_button("−", self.tr("Réduire la carte"))
        self.plus_button.clicked.connect(self.zoom_in)
        self.minus_button.clicked.connect(self.zoom_out)
        self._enable_buttons()

    def _zoom_button(self, text: str, name: str) -> QPushButton:
        px = self.metrics.px
        side = px(ZOOM_BUTTON_PX)
        button = QPushButton(text, self)
        button.setObjectName("MapZoomButton")
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setFixedSize(side, side)
        button.setStyleSheet(
            f"""
QPushButton#MapZoomButton {{
    background: {theme.WHITE}; color: {theme.HEDGE_DARK}; border: {px(3)}px solid {theme.SAGE};
    border-radius: {px(16)}px; font-size: {px(48)}px; font-weight: 700; padding: 0;
    min-width: {side}px; min-height: {side}px;
}}
QPushButton#MapZoomButton:pressed {{ background: {theme.OCHRE}; }}
QPushButton#MapZoomButton:disabled {{
    color: {theme.STONE_LIGHT}; border-color: {theme.STONE_LIGHT};
}}
"""
        )
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margin = self.metrics.px(12)
        side = self.plus_button.width()
        left = self.width() - side - margin
        self.plus_button.move(left, margin)
        self.minus_button.move(left, margin * 2 + side)

    # Zoom ---------------------------------------------------------------------------------

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
        self._enable_buttons()
        self.update()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP, self.highlight or self._centre_tuple())

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def keep_at(self, spot: tuple[float, float], point: QPointF) -> None:
        """Move the zoomed map so that the image point ``spot`` (fractions) is under ``point``
        (widget pixels), as far as the map's edges allow."""
        rect = self.image_rect()
        if rect.isEmpty() or self.zoom == 1.0:
            return
        self.centre = QPointF(
            spot[0] + (self.width() / 2 - point.x()) / rect.width(),
            spot[1] + (self.height() / 2 - point.y()) / rect.height(),
        )
        self._clamp()
        self.update()

    def pan_by(self, delta: QPointF) -> None:
        rect = self.image_rect()
        if rect.isEmpty() or self.zoom == 1.0:
            return
        self.centre -= QPointF(delta.x() / rect.width(), delta.y() / rect.height())
        self._clamp()
        self.update()

    def scroll_around(self, delta: QPointF) -> None:
        """Scroll the nearest scroll area around the map that can scroll, by a finger's move."""
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QAbstractScrollArea):
                bars = (parent.horizontalScrollBar(), parent.verticalScrollBar())
                if any(bar.maximum() > bar.minimum() for bar in bars):
                    bars[0].setValue(bars[0].value() - round(delta.x()))
                    bars[1].setValue(bars[1].value() - round(delta.y()))
                    return
            parent = parent.parentWidget()

    def _centre_tuple(self) -> tuple[float, float]:
        return self.centre.x(), self.centre.y()

    def _clamp(self) -> None:
        half = 0.5 / self.zoom
        self.centre = QPointF(
            min(1 - half, max(half, self.centre.x())), min(1 - half, max(half, self.centre.y()))
        )

    def _enable_buttons(self) -> None:
        self.plus_button.setEnabled(self.zoom < MAX_ZOOM)
        self.minus_button.setEnabled(self.zoom > 1.0)

    # Fingers ------------------------------------------------------------------------------

    def _on_gesture(self, gesture: Gesture) -> None:
        kind = gesture.kind
        if kind in (GestureKind.TAP, GestureKind.DOUBLE_TAP):
            # Every tap places the pin (a finger's tap on « + » or « − » is the button's: the
            # gesture input clicks it and hands no tap here).
            self.gestures.recogniser.forget_tap()
            spot = self.fraction_at(gesture.pos)
            if spot is not None:
                self.tapped.emit(*spot)
        elif kind is GestureKind.DRAG_START:
            self._finger = self.mapToGlobal(gesture.pos)
        elif kind is GestureKind.DRAG:
            if self.zoom > 1.0:
                self.pan_by(gesture.delta)
            else:  # the whole map shows: the finger scrolls the form around it, as elsewhere
                # By the finger's move on the screen: the map moves under it as the form scrolls.
                finger = self.mapToGlobal(gesture.pos)
                self.scroll_around(finger - self._finger)
                self._finger = finger
        elif kind is GestureKind.PINCH_START:
            self._pinch = (self.zoom, self.fraction_at(gesture.pos) or self._centre_tuple())
        elif kind is GestureKind.PINCH:
            start, anchor = self._pinch
            self.set_zoom(start * gesture.scale)
            if anchor is not None:
                self.keep_at(anchor, gesture.pos)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.set_zoom(self.zoom * (ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP))

    # Pins ---------------------------------------------------------------------------------

    def draw_pins(self, painter: QPainter, rect: QRectF) -> None:
        if not self.dimmed:
            super().draw_pins(painter, rect)
            return
        px = self.metrics.px
        other = QColor(theme.SAGE)
        other.setAlpha(150)
        ring = QColor(theme.WHITE)
        ring.setAlpha(170)
        painter.setPen(QPen(ring, px(2)))
        painter.setBrush(other)
        for fx, fy, _label in self.markers:
            painter.drawEllipse(self._at(rect, fx, fy), px(8), px(8))
        if self.highlight is None:
            return
        centre = self._at(rect, *self.highlight)
        halo = QColor(theme.TERRACOTTA)
        halo.setAlpha(70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(halo)
        painter.drawEllipse(centre, px(30), px(30))
        painter.setPen(QPen(QColor(theme.WHITE), px(4)))
        painter.setBrush(QColor(theme.TERRACOTTA))
        painter.drawEllipse(centre, px(17), px(17))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.WHITE))
        painter.drawEllipse(centre, px(5), px(5))

    @staticmethod
    def _at(rect: QRectF, fx: float, fy: float) -> QPointF:
        return QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
