"""The map view: the image in its own pixels with the pins over it, zoom and pan between
"the whole map" and the image's own pixels, the labels laid out again after each zoom, taps on
pins, drags with inertia and pinches from the gesture recogniser."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEasingCurve,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QCloseEvent,
    QColor,
    QImage,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from kiosk.kit.gestures import Gesture, GestureInput, GestureKind, Inertia
from kiosk.kit.theme import (
    CREAM,
    Metrics,
)
from kiosk.library import geo
from kiosk.library.catalogue_views import PlaceView
from kiosk.library.label_layout import Box, layout_labels
from kiosk.ui.screens.map.decode import MapDecoder, decode_size, image_size
from kiosk.ui.screens.map.pins import PinItem, PinLayer, PinStyle, pin_at

MAX_ZOOM = 8.0  # times closer than the whole map, and never past the image's own pixels
FIT_MARGIN = 16  # px of room around the whole map, so that no edge is cut
NAME_PADDING = 6  # px kept between a pin's label and a name printed on the map
SELECTED_ZOOM = 2.5  # a place chosen in the list is shown at least this much closer


class MapCanvas(QGraphicsView):
    """The zoomable, draggable map with its pins. Emits ``pin_tapped(slug)``."""

    pin_tapped = Signal(str)
    background_tapped = Signal()
    map_ready = Signal()

    def __init__(self, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.pin_style = PinStyle.create(metrics)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QBrush(QColor(CREAM)))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setInteractive(False)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.map_item: QGraphicsPixmapItem | None = None
        self.pins: dict[str, PinItem] = {}
        self.pin_layer = PinLayer()
        self.scene().addItem(self.pin_layer)
        # Label sides per (zoom, selected place, view, buttons): a view already seen costs
        # nothing.
        self._label_layouts: dict[tuple[object, ...], list[int]] = {}
        self.selected_slug: str | None = None
        self._map_size = QSize()
        # Decoded image pixels per map (scene) pixel: the map is decoded at most 4096 px wide.
        self._native_scale = 1.0
        self._names: list[Box] = []  # the map's printed names, map pixels
        self._keep_clear: list[QWidget] = []
        self._scale = 1.0
        self._map_transformation = Qt.TransformationMode.SmoothTransformation
        self._at_fit = True
        self._centre_pending = False
        self.decoder = MapDecoder(self)
        self.decoder.decoded.connect(self._on_decoded)

        # Gestures, in viewport coordinates.
        self.gestures = GestureInput(self.viewport(), self._on_gesture)
        self._pinch: tuple[float, QPointF] = (1.0, QPointF())  # scale and map point at start
        self._inertia = Inertia(self, self.pan_by)
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(220)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.valueChanged.connect(self._animation_step)
        self._animation_from = (1.0, QPointF())
        self._animation_to = (1.0, QPointF())
        self._labels_timer = QTimer(self)
        self._labels_timer.setSingleShot(True)
        self._labels_timer.setInterval(60)
        self._labels_timer.timeout.connect(self.relayout_labels)

    # Content

    def set_map(
        self,
        image_path: str | None,
        width: int,
        height: int,
        landmarks: Sequence[geo.Landmark] = (),
    ) -> None:
        """Show this image (decoded in the background); the scene is its full-size rectangle.

        ``landmarks``: the map's reference points, whose printed names the labels keep off."""
        self.decoder.cancel()
        self._label_layouts.clear()
        if self.map_item is not None:
            self.scene().removeItem(self.map_item)
            self.map_item = None
        if image_path is None:
            self._map_size = QSize()
            return
        size = image_size(image_path) if width <= 0 or height <= 0 else QSize()
        if width > 0 and height > 0:
            size = QSize(width, height)
        self._map_size = size
        self.scene().setSceneRect(QRectF(0, 0, max(1, size.width()), max(1, size.height())))
        self.pin_layer.set_pins(self.pin_layer.pins, self.scene().sceneRect())
        target = decode_size(size)
        self._native_scale = target.width() / max(1, size.width()) if target.isValid() else 1.0
        self.set_landmarks(landmarks)
        self.decoder.start(image_path, target)
        self.reset_view(animated=False)

    def set_image(self, image: QImage) -> None:
        """Show an already decoded image (benchmarks and tests)."""
        self.decoder.cancel()
        self._label_layouts.clear()
        self._map_size = image.size()
        self._native_scale = 1.0
        self.scene().setSceneRect(QRectF(0, 0, image.width(), image.height()))
        self.pin_layer.set_pins(self.pin_layer.pins, self.scene().sceneRect())
        self._on_decoded(self.decoder.generation, image)
        self.reset_view(animated=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.decoder.cancel()  # nobody will see the map: its decode is not worth finishing
        super().closeEvent(event)

    @Slot(int, QImage)
    def _on_decoded(self, _generation: int, image: QImage) -> None:
        if image.isNull() or self._map_size.isEmpty():
            return
        if self.map_item is not None:
            self.scene().removeItem(self.map_item)
        self.map_item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        self.map_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        # Kept as a viewport-sized pixmap in screen pixels: a pan scrolls it instead of
        # scaling the whole map again (a pan frame went from 10 to 4 ms with 2,000 pins).
        self.map_item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.map_item.setTransformationMode(self._map_transformation)
        self.map_item.setScale(self._map_size.width() / max(1, image.width()))
        self.map_item.setZValue(0)
        self.scene().addItem(self.map_item)
        # The image may hold fewer pixels than the catalogue said: the zoom stops at its own.
        native = image.width() / max(1, self._map_size.width())
        if native < self._native_scale - 1e-9:
            self._native_scale = native
            if self._scale > self.max_scale():
                self.set_scale(self._scale)
        self.map_ready.emit()

    def set_landmarks(self, landmarks: Sequence[geo.Landmark]) -> None:
        """The map's own names (around its reference points): pin labels keep off them."""
        width = self._map_size.width()
        self._names = [landmark.name_box(width) for landmark in landmarks] if width > 0 else []
        self._label_layouts.clear()

    def set_keep_clear(self, widgets: Sequence[QWidget]) -> None:
        """Widgets over the map (zoom buttons, "Toute la carte"): no pin label goes under."""
        self._keep_clear = list(widgets)
        self._label_layouts.clear()

    def control_rects(self) -> list[QRectF]:
        """Where the widgets kept clear show, in viewport pixels (visible ones only)."""
        viewport = self.viewport()
        rects = []
        for widget in self._keep_clear:
            if widget.isVisible():
                corner = viewport.mapFromGlobal(widget.mapToGlobal(QPoint(0, 0)))
                rects.append(QRectF(QPointF(corner), QSizeF(widget.size())))
        return rects

    @property
    def has_map(self) -> bool:
        return not self._map_size.isEmpty()

    def set_places(self, places: Sequence[PlaceView]) -> None:
        self.pins = {}
        width, height = self._map_size.width(), self._map_size.height()
        for place in places:
            if place.map_x is None or place.map_y is None:
                continue
            pin = PinItem(place, self.pin_style, QPointF(place.map_x * width, place.map_y * height))
            pin.set_selected(place.slug == self.selected_slug)
            self.pins[place.slug] = pin
        self._label_layouts.clear()
        self.pin_layer.set_pins(list(self.pins.values()), self.scene().sceneRect())
        self._relayout_labels_when_seen()

    def select(self, slug: str | None, *, centre: bool = False) -> None:
        """Highlight a place's pin (None: none); ``centre`` brings it to the middle, closer."""
        if self.selected_slug in self.pins:
            self.pins[self.selected_slug].set_selected(False)
        self.selected_slug = slug
        pin = self.pins.get(slug) if slug else None
        if pin is None:
            self._relayout_labels_when_seen()
            return
        pin.set_selected(True)
        self._relayout_labels_when_seen()
        if centre:
            self._centre_pending = not self.isVisible()
            self.centre_on_selected(animated=self.isVisible())

    def centre_on_selected(self, *, animated: bool = True) -> None:
        pin = self.pins.get(self.selected_slug) if self.selected_slug else None
        if pin is None:
            return
        scale = max(self._scale, min(self.max_scale(), self.fit_scale() * SELECTED_ZOOM))
        if animated:
            self.animate_to(scale, pin.pos())
        else:
            self._animation.stop()
            self.set_scale(scale)
            self.centerOn(pin.pos())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        # The view moved under the buttons: lay the labels out again once it rests.
        self._labels_timer.start()

    def _relayout_labels_when_seen(self) -> None:
        """At once on screen; hidden, just after the map is shown and painted: a hidden map
        has not its real size yet, and laying 2,000 labels out (20-40 ms) at the size it will
        lose was most of a first visit's time."""
        if self.isVisible():
            self.relayout_labels()
        else:
            self._labels_timer.start()

    def relayout_labels(self) -> None:
        """Lay the labels out for the current zoom and view (or reuse an earlier layout).

        Labels keep off the map's printed names (which zoom with the map), off the buttons
        over the map and inside the view (which stay put while the map pans): so the layout
        is made again when the map comes to rest after a pan, too."""
        self._set_map_transformation(Qt.TransformationMode.SmoothTransformation)
        pins = self.pin_layer.pins
        scale = self._scale
        transform = self.viewportTransform()
        dx, dy = transform.dx(), transform.dy()
        view = self.viewport().rect()
        bounds = (-dx, -dy, view.width() - dx, view.height() - dy)
        controls = [
            (r.left() - dx, r.top() - dy, r.right() - dx, r.bottom() - dy)
            for r in self.control_rects()
        ]
        key = (
            round(scale, 9),
            self.selected_slug,
            tuple(round(value) for value in bounds),
            tuple(tuple(round(value) for value in box) for box in controls),
        )
        sides = self._label_layouts.get(key)
        if sides is None:
            pad = self.metrics.px(NAME_PADDING)
            names = [
                (left * scale - pad, top * scale - pad, right * scale + pad, bottom * scale + pad)
                for left, top, right, bottom in self._names
            ]
            layout_labels(pins, scale, names=names, controls=controls, bounds=bounds)
            if len(self._label_layouts) >= 64:
                self._label_layouts.clear()
            self._label_layouts[key] = [pin.label_side for pin in pins]
        else:
            for pin, side in zip(pins, sides, strict=True):
                pin.set_label_side(side)
        self.viewport().update()

    # Zoom and pan

    def fit_scale(self) -> float:
        """The whole map, with a little room around it (no edge cut)."""
        if self._map_size.isEmpty():
            return 1.0
        view = self.viewport().size()
        margin = 2 * self.metrics.px(FIT_MARGIN)
        return max(
            1e-6,
            min(
                max(1, view.width() - margin) / self._map_size.width(),
                max(1, view.height() - margin) / self._map_size.height(),
            ),
        )

    def min_scale(self) -> float:
        return self.fit_scale()

    def native_scale(self) -> float:
        """The scale at which one pixel of the decoded image covers one device pixel."""
        ratio = self.devicePixelRatioF() or 1.0
        return self._native_scale / ratio

    def max_scale(self) -> float:
        """Eight times closer than the whole map, but never past the image's own pixels
        (blocky); a map smaller than the view does not zoom in at all."""
        fit = self.fit_scale()
        return max(fit, min(fit * MAX_ZOOM, self.native_scale()))

    @property
    def scale_factor(self) -> float:
        return self._scale

    @property
    def zoom(self) -> float:
        """How many times closer than the whole map (1.0 = the whole map)."""
        return self._scale / self.fit_scale()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def set_scale(self, scale: float) -> None:
        clamped = min(self.max_scale(), max(self.min_scale(), scale))
        if abs(clamped - self._scale) < 1e-12:
            return
        self._scale = clamped
        self._at_fit = abs(clamped - self.min_scale()) < 1e-9
        self.setTransform(QTransform.fromScale(clamped, clamped))
        # While the zoom moves the map is scaled the fast way; smooth again once it rests
        # (with the labels, 60 ms later): smooth scaling of the whole map was half a frame.
        self._set_map_transformation(Qt.TransformationMode.FastTransformation)
        self._labels_timer.start()

    def _set_map_transformation(self, mode: Qt.TransformationMode) -> None:
        if mode != self._map_transformation:
            self._map_transformation = mode
            if self.map_item is not None:
                self.map_item.setTransformationMode(mode)

    def zoom_at(self, factor: float, view_pos: QPointF) -> None:
        """Zoom by ``factor`` keeping the map point under ``view_pos`` where it is."""
        anchor = self.mapToScene(view_pos.toPoint())
        self.set_scale(self._scale * factor)
        self.keep_at(anchor, view_pos)

    def keep_at(self, scene_point: QPointF, view_pos: QPointF) -> None:
        """Scroll so that ``scene_point`` shows at ``view_pos`` (as far as the map allows)."""
        delta = self.mapFromScene(scene_point) - view_pos.toPoint()
        self.pan_by(QPointF(-delta.x(), -delta.y()))

    def pan_by(self, delta: QPointF) -> bool:
        """Move the map by ``delta`` screen pixels; False when it could not move at all."""
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        before = (horizontal.value(), vertical.value())
        horizontal.setValue(horizontal.value() - round(delta.x()))
        vertical.setValue(vertical.value() - round(delta.y()))
        return (horizontal.value(), vertical.value()) != before

    def reset_view(self, *, animated: bool = True) -> None:
        centre = self.scene().sceneRect().center()
        if animated:
            self.animate_to(self.min_scale(), centre)
        else:
            self._animation.stop()
            self.set_scale(self.min_scale())
            self.setTransform(QTransform.fromScale(self._scale, self._scale))
            self.centerOn(centre)

    def animate_to(self, scale: float, centre: QPointF) -> None:
        self._inertia.stop()
        self._animation.stop()
        self._animation_from = (self._scale, self.visible_scene_rect().center())
        target = min(self.max_scale(), max(self.min_scale(), scale))
        self._animation_to = (target, QPointF(centre))
        self._animation.start()

    def _animation_step(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        (scale0, centre0), (scale1, centre1) = self._animation_from, self._animation_to
        # Interpolate the scale geometrically: a zoom feels even that way.
        scale = scale0 * (scale1 / scale0) ** t if scale0 > 0 else scale1
        self.set_scale(scale)
        self.centerOn(centre0 + (centre1 - centre0) * t)

    def zoom_in_at(self, view_pos: QPointF, factor: float = 2.0) -> None:
        """Animated zoom keeping ``view_pos`` in place (double tap, + button)."""
        anchor = self.mapToScene(view_pos.toPoint())
        target = min(self.max_scale(), max(self.min_scale(), self._scale * factor))
        middle = QPointF(self.viewport().rect().center())
        centre = anchor + (middle - view_pos) / target
        self.animate_to(target, centre)

    def resizeEvent(self, event: QResizeEvent) -> None:
        centre = self.visible_scene_rect().center()
        super().resizeEvent(event)
        if self._centre_pending:
            self.reset_view(animated=False)
            self.centre_on_selected(animated=False)
            self._centre_pending = not self.isVisible()
        elif self._at_fit or self._scale < self.min_scale():
            self.reset_view(animated=False)
        else:
            self.set_scale(self._scale)
            self.centerOn(centre)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._centre_pending:
            self.reset_view(animated=False)
            self.centre_on_selected(animated=False)

    # Input: the wheel here, taps, drags and pinches from the gesture recogniser

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self._animation.stop()
            self.zoom_at(1.25**steps, event.position())
        event.accept()

    def _on_gesture(self, gesture: Gesture) -> None:
        kind = gesture.kind
        if kind in (GestureKind.PRESS, GestureKind.PINCH_START):
            self._inertia.stop()
            self._animation.stop()
            if kind is GestureKind.PINCH_START:
                self._pinch = (self._scale, self.mapToScene(gesture.pos.toPoint()))
        elif kind is GestureKind.DRAG:
            self.pan_by(gesture.delta)
        elif kind is GestureKind.DRAG_END:
            self._inertia.fling(gesture.velocity)
        elif kind is GestureKind.PINCH:
            start_scale, anchor = self._pinch
            self.set_scale(start_scale * gesture.scale)
            self.keep_at(anchor, gesture.pos)
        elif kind in (GestureKind.TAP, GestureKind.DOUBLE_TAP):
            self._tap(gesture.pos, double=kind is GestureKind.DOUBLE_TAP)

    def stop_gliding(self) -> None:
        """No more motion after a fling (a new visitor)."""
        self._inertia.stop()

    def pin_at(self, view_pos: QPointF) -> PinItem | None:
        """The pin whose touch target (or visible label) holds ``view_pos``; the nearest wins."""
        return pin_at(
            self.pins.values(), self.pin_layer.reach(), self.viewportTransform(), view_pos
        )

    def view_pos_of(self, slug: str) -> QPoint:
        """Where a pin's marker shows in the viewport (tests, benchmarks)."""
        pin = self.pins[slug]
        return self.mapFromScene(pin.pos()) + pin.marker_rect().center().toPoint()

    def _tap(self, pos: QPointF, *, double: bool) -> None:
        pin = self.pin_at(pos)
        if pin is not None:
            self.gestures.recogniser.forget_tap()  # a pin tapped twice opens twice
            self.pin_tapped.emit(pin.place.slug)
        elif double:
            self.zoom_in_at(pos)
        else:
            self.background_tapped.emit()
