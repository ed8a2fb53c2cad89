"""The strip of thumbnails under the stage, moved by the finger (no scrollbar)."""

from __future__ import annotations

from PySide6.QtCore import (
    QObject,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QIcon,
    QImage,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QWidget,
)

from kiosk.kit.context import UiContext
from kiosk.kit.gestures import Gesture, GestureInput, GestureKind, Inertia
from kiosk.kit.widgets import named
from kiosk.playback.image_cache import ImageCache, ImageKey


class FingerScroll(QObject):
    """Drag a scroll area sideways with a finger or the mouse, with a glide at the end.

    Watches the viewport and the buttons in it (a touch on a button reaches it as a mouse
    press, synthesised by Qt): once the press becomes a drag, the button under it is let go
    without a click and the strip follows the finger; on release it glides on and slows
    down. A press that does not move stays a tap on its button.
    """

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.gestures = GestureInput(area, self._on_gesture, pass_taps=True)
        self.gestures.watch(area.viewport())
        self.inertia = Inertia(self, self._glide)
        self._start_value = 0
        self._position = 0.0

    def watch(self, widget: QWidget) -> None:
        self.gestures.watch(widget)

    @property
    def dragging(self) -> bool:
        return self.gestures.recogniser.dragging

    def is_gliding(self) -> bool:
        return self.inertia.is_active()

    def _on_gesture(self, gesture: Gesture) -> None:
        bar = self.area.horizontalScrollBar()
        if gesture.kind is GestureKind.PRESS:
            self.inertia.stop()
            self._start_value = bar.value()
        elif gesture.kind is GestureKind.DRAG_START:
            for button in self.area.findChildren(QPushButton):
                button.setDown(False)  # a drag is not a tap on this thumbnail
        elif gesture.kind is GestureKind.DRAG:
            bar.setValue(self._start_value - round(gesture.total.x()))
        elif gesture.kind is GestureKind.DRAG_END:
            self._position = float(bar.value())
            self.inertia.fling(QPointF(gesture.velocity.x(), 0.0))

    def _glide(self, delta: QPointF) -> bool:
        bar = self.area.horizontalScrollBar()
        self._position -= delta.x()
        before = bar.value()
        bar.setValue(round(self._position))
        return not (bar.value() == before and bar.value() in (bar.minimum(), bar.maximum()))


class ThumbStrip(QScrollArea):
    """Tappable thumbnails of the album, the current one framed in ochre."""

    chosen = Signal(int)

    def __init__(self, cache: ImageCache, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.cache = cache
        self.context = context
        self.setObjectName("ThumbScroll")
        self.setWidgetResizable(True)
        # No scrollbar in any orientation: the strip is moved by the finger (FingerScroll).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.strip = named(QWidget(), "ThumbStrip")
        self.row = QHBoxLayout(self.strip)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(context.metrics.px(14))
        self.setWidget(self.strip)
        self.buttons: list[QPushButton] = []
        self.paths: list[str] = []
        px = context.metrics.px
        self.thumb_size = QSize(px(150), px(100))
        self.setFixedHeight(self.thumb_size.height() + px(36))
        self.finger = FingerScroll(self)
        cache.ready.connect(self._on_image_ready)

    def set_paths(self, paths: list[str]) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        self.paths = paths
        while self.row.count():
            self.row.takeAt(0)
        self.row.addStretch(1)
        for index, path in enumerate(paths):
            button = named(QPushButton(), "ThumbButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setIconSize(self.thumb_size)
            button.setFixedSize(
                self.thumb_size.width() + self.context.metrics.px(12),
                self.thumb_size.height() + self.context.metrics.px(12),
            )
            button.setAccessibleName(str(index + 1))
            button.clicked.connect(lambda _=False, i=index: self.chosen.emit(i))
            self.finger.watch(button)
            image = self.cache.request(ImageKey.thumb(path))
            if image is not None:
                button.setIcon(self._icon_of(image))
            self.row.addWidget(button)
            self.buttons.append(button)
        self.row.addStretch(1)

    def set_current(self, index: int) -> None:
        for position, button in enumerate(self.buttons):
            button.setChecked(position == index)
        if 0 <= index < len(self.buttons):
            self.ensureWidgetVisible(self.buttons[index])

    def _on_image_ready(self, key: ImageKey, image: QImage) -> None:
        if key.kind.value != "thumb":
            return
        for path, button in zip(self.paths, self.buttons, strict=False):
            if path == key.relative_path:
                button.setIcon(self._icon_of(image))

    def _icon_of(self, thumb: QImage) -> QIcon:
        """The thumbnail at the button's size: a 640-pixel thumbnail would keep 1.2 MB a
        button (23 MB for a 20-drawing album) to show 150 × 100 pixels."""
        scaled = thumb.scaled(
            self.thumb_size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        return QIcon(QPixmap.fromImage(scaled))
