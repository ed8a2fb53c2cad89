"""The stage: the drawings side by side, the current one filling it; swiped by the finger."""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QWidget,
)

from kiosk.kit import icons, theme
from kiosk.kit.gestures import Gesture, GestureInput, GestureKind
from kiosk.playback.image_cache import ImageCache, ImageKey

TRANSITION_MS = 200
# A drag this long turns the page: a share of the window's shorter side (a finger's reach does
# not grow with a landscape screen's width: 160 px at 1080 p), at most a quarter of the stage.
SWIPE_FRACTION = 160 / 1080
SWIPE_MAX_STAGE_FRACTION = 0.25
FLICK_PX_PER_S = 900.0  # a quick flick turns the page even when short
SLIDE_GAP_PX = 48


class SlideStage(QWidget):
    """The drawings side by side, the current one filling the stage; drag to turn the page.

    Works with the mouse and with touch (one finger swipes; two fingers ask for the zoom).
    """

    index_changed = Signal(int)
    touched = Signal()
    zoom_requested = Signal(QPointF)

    def __init__(self, cache: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.paths: list[str] = []
        self.index = 0
        self.offset = 0.0
        self.failure_text = ""
        self._pending_step = 0
        self.gestures = GestureInput(self, self._on_gesture)
        # The drawings on (or next to) the stage, shared with the cache (no copy): they stay
        # drawable if the cache evicts them, and are let go when the stage is hidden.
        self._held: dict[ImageKey, QImage] = {}
        self.background = QColor(theme.CHARCOAL)
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(TRANSITION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_step)
        self._animation.finished.connect(self._on_animation_finished)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumHeight(200)
        cache.ready.connect(self._on_image_ready)
        cache.failed.connect(self._on_image_ready)

    # Content -----------------------------------------------------------------------------
    def set_paths(self, paths: list[str], index: int = 0) -> None:
        self._animation.stop()
        self.paths = paths
        self.index = index % len(paths) if paths else 0
        self.offset = 0.0
        self._pending_step = 0
        self._held.clear()
        self._prefetch()
        self.update()

    def neighbour(self, step: int) -> int:
        return (self.index + step) % len(self.paths)

    def is_animating(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def go(self, step: int, *, animated: bool = True) -> None:
        """Turn ``step`` pages (±1 for a swipe), wrapping around the ends."""
        if not self.paths or step == 0:
            return
        if len(self.paths) == 1:
            self._animate_offset(0.0, 0)
            return
        if self.is_animating():
            self._finish_animation()
        if animated:
            self._animate_offset(-step * self.step_distance(step), step)
        else:
            self._set_index((self.index + step) % len(self.paths))

    def go_to(self, index: int) -> None:
        if not self.paths or index == self.index:
            return
        forward = (index - self.index) % len(self.paths)
        if forward == 1:
            self.go(1)
        elif forward == len(self.paths) - 1:
            self.go(-1)
        else:
            if self.is_animating():
                self._finish_animation()
            self._set_index(index % len(self.paths))

    def _set_index(self, index: int) -> None:
        self.index = index
        self.offset = 0.0
        self._prefetch()
        self.update()
        self.index_changed.emit(index)

    def fitted_rect(self, step: int) -> QRectF:
        """Where the drawing ``step`` pages away shows at rest when it is the current one
        (fitted to the stage, centred); the whole stage while it is not decoded yet."""
        stage = QRectF(self.rect())
        if not self.paths:
            return stage
        image = self._image_for(self.paths[self.neighbour(step)])
        if image is None or image.isNull():
            return stage
        fitted = QSize(image.size()).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF(
            (self.width() - fitted.width()) / 2,
            (self.height() - fitted.height()) / 2,
            fitted.width(),
            fitted.height(),
        )

    def step_distance(self, step: int) -> float:
        """How far the drawings move to turn one page towards ``step`` (±1): the neighbour
        sits right beside the current drawing, a gap apart, not a whole stage away."""
        current = self.fitted_rect(0).width()
        neighbour = self.fitted_rect(1 if step > 0 else -1).width()
        return current / 2 + SLIDE_GAP_PX + neighbour / 2

    def slot_rect(self, step: int) -> QRectF:
        """Where the drawing ``step`` pages away (-1, 0, 1) is painted right now."""
        rect = self.fitted_rect(step)
        if step == 0:
            return rect.translated(self.offset, 0)
        # The neighbour is centred one step distance away from the centre of the stage.
        centre_x = self.width() / 2 + step * self.step_distance(step) + self.offset
        return QRectF(centre_x - rect.width() / 2, rect.top(), rect.width(), rect.height())

    def _prefetch(self) -> None:
        """Decode the current drawing, then the next and the previous, then one further."""
        if not self.paths:
            return
        order = [0, 1, -1, 2] if len(self.paths) > 2 else [0, 1]
        indexes = list(dict.fromkeys(self.neighbour(step) for step in order))
        self.cache.prefetch(
            [ImageKey.screen(self.paths[i]) for i in indexes]
            + [ImageKey.thumb(self.paths[i]) for i in indexes]
        )
        keep = {ImageKey.screen(self.paths[i]) for i in indexes}
        self._held = {key: image for key, image in self._held.items() if key in keep}

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._prefetch()  # the deep zoom or another screen may have pushed them out of the cache

    def hideEvent(self, event: QHideEvent) -> None:
        self._held.clear()
        super().hideEvent(event)

    def swipe_distance(self) -> float:
        """How far a slow drag must go to turn the page (px)."""
        window = self.window()
        short_side = min(window.width(), window.height())
        return min(short_side * SWIPE_FRACTION, self.width() * SWIPE_MAX_STAGE_FRACTION)

    # Animation ---------------------------------------------------------------------------
    def _animate_offset(self, target: float, step: int) -> None:
        self._animation.stop()
        self._pending_step = step
        self._animation.setStartValue(self.offset)
        self._animation.setEndValue(target)
        self._animation.start()

    def _on_animation_step(self, value: object) -> None:
        self.offset = float(value)  # type: ignore[arg-type]
        self.update()

    def _on_animation_finished(self) -> None:
        step, self._pending_step = self._pending_step, 0
        if step:
            self._set_index((self.index + step) % len(self.paths))
        else:
            self.offset = 0.0
            self.update()

    def _finish_animation(self) -> None:
        self._animation.stop()
        self._on_animation_finished()

    # Input: taps, drags and pinches from the gesture recogniser ----------------------------
    def _on_gesture(self, gesture: Gesture) -> None:
        kind = gesture.kind
        if kind is GestureKind.PRESS:
            self.touched.emit()
            if self.is_animating():
                self._finish_animation()
        elif kind is GestureKind.DRAG:
            if len(self.paths) > 1:
                self.offset = gesture.total.x()
                self.update()
        elif kind is GestureKind.DRAG_END:
            speed = gesture.velocity.x()
            flick = abs(speed) > FLICK_PX_PER_S
            if len(self.paths) > 1 and (abs(self.offset) > self.swipe_distance() or flick):
                step = -1 if (speed > 0 if flick else self.offset > 0) else 1
                self._animate_offset(-step * self.step_distance(step), step)
            else:
                self._animate_offset(0.0, 0)
        elif kind is GestureKind.CANCEL:
            self._animate_offset(0.0, 0)
        elif kind in (GestureKind.DOUBLE_TAP, GestureKind.PINCH_START):
            # A double tap or a pinch on a drawing: open it in the zoom view, about that point.
            self.zoom_requested.emit(gesture.pos)

    # Painting ----------------------------------------------------------------------------
    def _on_image_ready(self, key: ImageKey, _payload: object) -> None:
        if any(key.relative_path == path for path in self.paths):
            self.update()

    def _image_for(self, path: str) -> QImage | None:
        """The screen rendition (its thumbnail until it is decoded), drawn as it is: a QPixmap
        copy would double the 12 MB of each drawing held."""
        key = ImageKey.screen(path)
        image = self._held.get(key)
        if image is not None:
            return image
        image = self.cache.request(key)
        if image is None:
            return self.cache.get(ImageKey.thumb(path))
        self._held[key] = image
        return image

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.background)
        if not self.paths:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        steps = (-1, 0, 1) if len(self.paths) > 1 else (0,)
        for step in steps:
            if step and self.offset == 0 and not self.is_animating():
                continue  # at rest only the current drawing shows (a narrow one, alone)
            target = self.slot_rect(step)
            if target.left() >= self.width() or target.right() <= 0:
                continue
            path = self.paths[self.neighbour(step)]
            image = self._image_for(path)
            if image is None:
                failure = self.cache.failure(ImageKey.screen(path))
                self._paint_placeholder(painter, target, failure is not None)
                continue
            painter.drawImage(target, image, QRectF(image.rect()))
        painter.end()

    def _paint_placeholder(self, painter: QPainter, slot: QRectF, failed: bool) -> None:
        icon_name = "mdi6.image-broken-variant" if failed else "mdi6.image-outline"
        size = min(slot.width(), slot.height()) / 5
        icon = icons.icon(icon_name, color=theme.CREAM)
        centre = slot.center()
        icon.paint(
            painter,
            round(centre.x() - size / 2),
            round(centre.y() - size / 2 - (size / 3 if failed else 0)),
            round(size),
            round(size),
        )
        if failed and self.failure_text:
            painter.setPen(QColor(theme.CREAM))
            font = QFont(self.font())
            font.setPixelSize(max(16, round(size / 4)))
            painter.setFont(font)
            text_rect = QRectF(slot.left(), centre.y() + size / 3, slot.width(), size)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter, self.failure_text)
