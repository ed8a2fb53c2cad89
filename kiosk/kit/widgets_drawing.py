"""Drawings on screen: a deep-zoom view over a tile pyramid.

:class:`DrawingView` shows one scan in native pixel coordinates. At each repaint it draws the
screen-size rendition, then, when the visitor has zoomed past what that rendition holds, the
tiles of the pyramid level whose pixels are at least as fine as the screen's, for the visible
area only. Tiles come from the shared :class:`~kiosk.playback.image_cache.ImageCache` (decoded
off the GUI thread); until one arrives, the nearest coarser tile already decoded stands in.

The attract loop's slow pan over the drawings is :mod:`kiosk.ui.attract`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QEasingCurve,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from kiosk.kit import theme
from kiosk.kit.gestures import Gesture, GestureInput, GestureKind
from kiosk.library.images import Renditions, renditions_of
from kiosk.playback.image_cache import ImageCache, ImageKey, Kind

ZOOM_ANIMATION_MS = 220
DOUBLE_TAP_ZOOM = 4.0  # times the whole-page scale
MAX_ZOOM_OVER_NATIVE = 1.0  # native pixels: the deepest zoom that stays sharp
WHEEL_STEP = 1.25
SETTLE_MS = 120  # tiles of a new zoom are decoded once the zoom has rested this long


def choose_level(renditions: Renditions, screen_per_native: float) -> int:
    """The coarsest pyramid level whose pixels are still at least as fine as the screen's."""
    if screen_per_native >= 1.0:
        return 0
    level = math.floor(math.log2(1.0 / screen_per_native))
    return max(0, min(level, renditions.levels - 1))


class TiledDrawingItem(QGraphicsItem):
    """A scan in native pixels, painted from its renditions for the exposed area only."""

    def __init__(self, cache: ImageCache, relative_path: str, width: int, height: int) -> None:
        super().__init__()
        self.cache = cache
        self.relative_path = relative_path
        self.native_width = width
        self.native_height = height
        self._renditions: Renditions | None = None
        self.level_drawn: int | None = None
        # False while the zoom is moving: paint what is decoded, ask for nothing new (on two
        # cores, decoding the tiles of every level flown past starved the frames: p95 31 ms).
        self.fetch = True
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def renditions(self) -> Renditions | None:
        if self._renditions is None:
            self._renditions = renditions_of(self.cache.root, self.relative_path)
            if self._renditions is not None and (
                self._renditions.width,
                self._renditions.height,
            ) != (self.native_width, self.native_height):
                self.prepareGeometryChange()
                self.native_width = self._renditions.width
                self.native_height = self._renditions.height
        return self._renditions

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.native_width, self.native_height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        bounds = self.boundingRect()
        exposed = option.exposedRect.intersected(bounds)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        screen_per_native = QStyleOptionGraphicsItem.levelOfDetailFromTransform(
            painter.worldTransform()
        )
        base = self.cache.request(ImageKey.screen(self.relative_path))
        renditions = self.renditions()
        base_per_native = (
            base.width() / renditions.width if base is not None and renditions is not None else 0.0
        )
        if renditions is None or screen_per_native <= base_per_native * 1.05:
            # The whole page, or near it: the screen-size rendition is sharp enough.
            self.level_drawn = None
            self._paint_base(painter, base, bounds, exposed)
            return
        level = choose_level(renditions, screen_per_native)
        self.level_drawn = level
        # Each pixel is painted once: from its tile, else from a coarser tile already decoded,
        # else from the screen rendition (painting the rendition under every tile, then the
        # tiles over it, doubled the work of the frames where tiles were still on their way).
        for column, row in self.visible_tiles(renditions, level, exposed):
            if not self._paint_tile(painter, renditions, level, column, row):
                target = QRectF(*renditions.tile_rect(level, column, row))
                self._paint_base(painter, base, bounds, target.intersected(exposed))

    @staticmethod
    def _paint_base(
        painter: QPainter, base: QImage | None, bounds: QRectF, exposed: QRectF
    ) -> None:
        if base is None:
            painter.fillRect(exposed, QColor(theme.PAPER))
            return
        sx, sy = base.width() / bounds.width(), base.height() / bounds.height()
        source = QRectF(
            exposed.left() * sx, exposed.top() * sy, exposed.width() * sx, exposed.height() * sy
        )
        painter.drawImage(exposed, base, source)

    def visible_tiles(
        self, renditions: Renditions, level: int, exposed: QRectF
    ) -> list[tuple[int, int]]:
        """The (column, row) of each tile of ``level`` that meets ``exposed`` (native pixels)."""
        scale = renditions.level_scale(level)
        step = renditions.tile_size / scale
        columns, rows = renditions.tile_grid(level)
        first_column = max(0, int(exposed.left() // step))
        last_column = min(columns - 1, int(exposed.right() // step))
        first_row = max(0, int(exposed.top() // step))
        last_row = min(rows - 1, int(exposed.bottom() // step))
        return [
            (column, row)
            for row in range(first_row, last_row + 1)
            for column in range(first_column, last_column + 1)
        ]

    def _paint_tile(
        self, painter: QPainter, renditions: Renditions, level: int, column: int, row: int
    ) -> bool:
        """Paint a tile, or the nearest coarser one in memory; False when neither is there."""
        target = QRectF(*renditions.tile_rect(level, column, row))
        key = ImageKey.tile(self.relative_path, level, column, row)
        tile = self.cache.request(key) if self.fetch else self.cache.get(key)
        if tile is not None:
            painter.drawImage(target, tile)
            return True
        # Not decoded yet: the nearest coarser tile already in memory stands in.
        for coarser in range(level + 1, renditions.levels):
            shift = coarser - level
            parent = ImageKey.tile(self.relative_path, coarser, column >> shift, row >> shift)
            image = self.cache.get(parent)
            if image is None:
                continue
            parent_rect = QRectF(*renditions.tile_rect(coarser, parent.column, parent.row))
            sx = image.width() / parent_rect.width()
            sy = image.height() / parent_rect.height()
            source = QRectF(
                (target.left() - parent_rect.left()) * sx,
                (target.top() - parent_rect.top()) * sy,
                target.width() * sx,
                target.height() * sy,
            )
            painter.drawImage(target, image, source)
            return True
        return False


class DrawingView(QGraphicsView):
    """Pinch, double-tap, wheel or buttons to zoom down to native pixels; drag to pan.

    ``touched`` is emitted at every touch or click, so the owner can pause what it is doing.
    """

    touched = Signal()
    zoom_changed = Signal(float)

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.item: TiledDrawingItem | None = None
        self.setScene(QGraphicsScene(self))
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setBackgroundBrush(QColor(theme.CHARCOAL))
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.gestures = GestureInput(self.viewport(), self._on_gesture)
        self._at_fit = True
        self._level_requested: int | None = None
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(ZOOM_ANIMATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_step)
        self._animation_anchor = QPointF()
        self._animation_scene_point = QPointF()
        self._animation_from = (1.0, QPointF())
        self._animation_target = 1.0
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_zoom_settled)
        self._scale_seen = 0.0
        cache.ready.connect(self._on_image_ready)

    # The drawing -------------------------------------------------------------------------
    def set_drawing(self, relative_path: str, width: int, height: int) -> None:
        """Show a stored drawing (its size as the catalogue records it), whole."""
        self._animation.stop()
        self.scene().clear()
        self.item = TiledDrawingItem(self.cache, relative_path, max(1, width), max(1, height))
        self.scene().addItem(self.item)
        self.item.renditions()
        self.scene().setSceneRect(self.item.boundingRect())
        self._level_requested = None
        self.reset_zoom(animated=False)

    # Zoom bounds and state ---------------------------------------------------------------
    def fit_scale(self) -> float:
        """Screen pixels per native pixel when the whole page fits the view."""
        if self.item is None:
            return 1.0
        rect = self.item.boundingRect()
        view = self.viewport().size()
        return max(1e-4, min(view.width() / rect.width(), view.height() / rect.height()))

    def max_scale(self) -> float:
        """Native pixels, or a little past the whole page for drawings smaller than the view."""
        return max(MAX_ZOOM_OVER_NATIVE, self.fit_scale() * 2.0)

    def current_scale(self) -> float:
        return self.transform().m11()

    def is_zoomed_in(self) -> bool:
        return self.current_scale() > self.fit_scale() * 1.02

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def zoom_at(self, view_point: QPointF, factor: float) -> None:
        """Zoom by ``factor`` keeping the drawing point under ``view_point`` where it is."""
        self.set_scale(self.current_scale() * factor, view_point)

    def set_scale(self, scale: float, view_point: QPointF | None = None) -> None:
        """Zoom to ``scale`` (clamped to the bounds) about a point of the view."""
        if self.item is None:
            return
        anchor = view_point if view_point is not None else QPointF(self.viewport().rect().center())
        scene_point = self.mapToScene(anchor.toPoint())
        clamped = min(self.max_scale(), max(self.fit_scale(), scale))
        self.setTransform(QTransform.fromScale(clamped, clamped))
        self._keep_under(scene_point, anchor)
        self._after_transform()

    def reset_zoom(self, *, animated: bool = True) -> None:
        """Back to the whole page."""
        if animated and self.item is not None and self.is_zoomed_in():
            centre = QPointF(self.viewport().rect().center())
            self._animate_to(self.fit_scale(), centre, self.item.boundingRect().center())
            return
        self._animation.stop()
        self.setTransform(QTransform.fromScale(self.fit_scale(), self.fit_scale()))
        if self.item is not None:
            self.centerOn(self.item.boundingRect().center())
        self._after_transform()

    def toggle_zoom(self, view_point: QPointF) -> None:
        """The double tap: into the tapped detail, or back to the whole page."""
        if self.item is None:
            return
        if self.is_zoomed_in():
            self.reset_zoom()
            return
        target = min(self.max_scale(), self.fit_scale() * DOUBLE_TAP_ZOOM)
        scene_point = self.mapToScene(view_point.toPoint())
        self._animate_to(target, QPointF(self.viewport().rect().center()), scene_point)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the drawing by (dx, dy) screen pixels, as a finger does."""
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setValue(horizontal.value() - round(dx))
        vertical.setValue(vertical.value() - round(dy))
        self._after_transform()

    def _keep_under(self, scene_point: QPointF, view_point: QPointF) -> None:
        moved_to = self.mapFromScene(scene_point)
        self.horizontalScrollBar().setValue(
            self.horizontalScrollBar().value() + round(moved_to.x() - view_point.x())
        )
        self.verticalScrollBar().setValue(
            self.verticalScrollBar().value() + round(moved_to.y() - view_point.y())
        )

    def _animate_to(self, scale: float, view_point: QPointF, scene_point: QPointF) -> None:
        """Animate the scale, bringing ``scene_point`` to ``view_point`` on the way."""
        self._animation.stop()
        self._animation_anchor = view_point
        self._animation_scene_point = scene_point
        self._animation_from = (self.current_scale(), self.mapToScene(view_point.toPoint()))
        self._animation_target = scale
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.start()

    def _on_animation_step(self, value: object) -> None:
        progress = float(value)  # type: ignore[arg-type]
        start_scale, start_point = self._animation_from
        end_point = self._animation_scene_point
        scale = start_scale + (self._animation_target - start_scale) * progress
        point = start_point + (end_point - start_point) * progress
        clamped = min(self.max_scale(), max(self.fit_scale(), scale))
        self.setTransform(QTransform.fromScale(clamped, clamped))
        self._keep_under(point, self._animation_anchor)
        self._after_transform()

    def _after_transform(self) -> None:
        self._at_fit = not self.is_zoomed_in()
        scale = self.current_scale()
        if self.item is not None and scale != self._scale_seen:
            self._scale_seen = scale
            self.item.fetch = False
            self._settle.start()
        if self.item is not None:
            renditions = self.item.renditions()
            if renditions is not None:
                level = choose_level(renditions, self.current_scale())
                if level != self._level_requested:
                    # Tiles queued for another level are no longer worth decoding.
                    path = self.item.relative_path
                    self.cache.cancel_pending(
                        keep=lambda key: (
                            key.kind is not Kind.TILE
                            or key.relative_path != path
                            or key.level == level
                        )
                    )
                    self._level_requested = level
        self.zoom_changed.emit(self.current_scale())

    def _on_zoom_settled(self) -> None:
        """The zoom rests: ask for the tiles of the visible area, then paint them."""
        if self.item is None:
            return
        self.item.fetch = True
        renditions = self.item.renditions()
        if renditions is not None and self.item.level_drawn is not None:
            level = choose_level(renditions, self.current_scale())
            visible = self.visible_scene_rect().intersected(self.item.boundingRect())
            self.cache.prefetch(
                ImageKey.tile(self.item.relative_path, level, column, row)
                for column, row in self.item.visible_tiles(renditions, level, visible)
            )
        self.item.update()

    def _on_image_ready(self, key: ImageKey, _image: QImage) -> None:
        if self.item is None or key.relative_path != self.item.relative_path:
            return
        renditions = self.item.renditions()
        if key.kind is Kind.TILE and renditions is not None and key.level < renditions.levels:
            self.item.update(QRectF(*renditions.tile_rect(key.level, key.column, key.row)))
        else:
            self.item.update()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._at_fit:
            self.reset_zoom(animated=False)
        else:
            self.set_scale(self.current_scale())

    # Input: the wheel here, taps, drags and pinches from the gesture recogniser ----------
    def wheelEvent(self, event: QWheelEvent) -> None:
        self.touched.emit()
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_at(event.position(), WHEEL_STEP**steps)

    def _on_gesture(self, gesture: Gesture) -> None:
        """One finger pans, two pinch (zoom about their middle, and pan with it), a double
        tap zooms into the detail or back to the whole page."""
        kind = gesture.kind
        if kind is GestureKind.PRESS:
            self.touched.emit()
            self._animation.stop()
        elif kind is GestureKind.DRAG:
            self.pan_by(gesture.delta.x(), gesture.delta.y())
        elif kind is GestureKind.PINCH:
            self.zoom_at(gesture.pos, gesture.step_scale)
            self.pan_by(gesture.delta.x(), gesture.delta.y())
        elif kind is GestureKind.DOUBLE_TAP:
            self.toggle_zoom(gesture.pos)
