"""The slideshow of one album: swipe (following the finger), arrows, autoplay, deep zoom.

Route ``slideshow``, argument ``slug`` or ``slug:index``. The next and previous drawings are
decoded in the background (see :mod:`kiosk.playback.image_cache`) before the visitor swipes, so
a swipe shows the new drawing at once. Autoplay advances every ``autoplay_interval_s`` seconds
(a setting); it pauses at the first touch and resumes after a quiet spell. Double-tapping, or
pinching, a drawing opens it in the deep-zoom view. The slideshow wraps around at both ends.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPointF,
    QPropertyAnimation,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QIcon,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import catalogue_views, settings
from kiosk.library.catalogue_views import AlbumSlidesView
from kiosk.playback.image_cache import ImageCache, ImageKey, shared_cache
from kiosk.ui import icons, theme
from kiosk.ui.context import UiContext
from kiosk.ui.routes import Route
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets import IconButton, named, plain_label
from kiosk.ui.widgets_drawing import DrawingView

ROUTE_SLIDESHOW = Route.SLIDESHOW
TRANSITION_MS = 200
RESUME_AFTER_MS = 20_000
SWIPE_FRACTION = 0.18  # of the stage width: a drag this long turns the page
FLICK_PX_PER_S = 900.0  # a quick flick turns the page even when short
TAP_SLOP_PX = 24
DOUBLE_TAP_MS = 350
SLIDE_GAP_PX = 48
HINT_MS = 4000  # the zoom hint shows this long, then fades away
SIGN_MS = 2500  # the "paused" sign shows this long after a touch, then fades away
FADE_MS = 600
KINETIC_FRICTION = 4.0  # per second, for the thumbnail strip's fling


def colours(palette: theme.Palette) -> dict[str, str]:
    """The slideshow's colours in the warm palette, or from the high-contrast one.

    The stage is dark; the buttons over it are opaque and ringed, so that they read over the
    dark stage and over a light drawing alike."""
    warm = palette == theme.WARM
    return {
        "stage": theme.CHARCOAL if warm else palette.background,
        "page": palette.background,
        "title": palette.text,
        "caption": palette.text,
        "muted": palette.muted,
        "button": theme.CHARCOAL if warm else palette.background,
        "button_text": theme.WHITE if warm else palette.accent,
        "button_ring": theme.CREAM if warm else palette.accent,
        "button_pressed": theme.HEDGE_DARK if warm else palette.bar_button,
        "disabled": "#57534B" if warm else palette.bar_button,
        "disabled_text": "#C4BEB2" if warm else "#9A9A9A",
        "paper": palette.paper,
        "chosen": theme.OCHRE if warm else palette.accent,
        "text": palette.text,
    }


def text_pairs(palette: theme.Palette) -> dict[str, tuple[str, str]]:
    """Each text of the slideshow and the colour behind it (checked in the tests)."""
    c = colours(palette)
    return {
        "SlideTitle": (c["title"], c["page"]),
        "SlideCaption": (c["caption"], c["page"]),
        "SlideCredit": (c["muted"], c["page"]),
        "SlidePosition": (c["muted"], c["page"]),
        "ZoomButton": (c["button_text"], c["button"]),
        "ZoomHint": (c["button_text"], c["button"]),
        "PauseSign": (c["button_text"], c["button"]),
        "FriendlyCard": (c["text"], c["paper"]),
    }


def style_sheet(metrics: theme.Metrics, palette: theme.Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    ring = px(3)
    return f"""
QPushButton#SlideArrow {{
    background: {c["button"]}; border: {ring}px solid {c["button_ring"]};
    border-radius: {px(48)}px; min-width: {metrics.touch}px; min-height: {metrics.touch}px;
}}
QPushButton#SlideArrow:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#ZoomButton {{
    color: {c["button_text"]}; background: {c["button"]};
    border: {ring}px solid {c["button_ring"]}; border-radius: {px(18)}px;
    padding: 0 {px(22)}px; min-height: {metrics.touch}px; font-size: {font(26)}px;
    font-weight: 600;
}}
QPushButton#ZoomButton:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#ZoomButton:disabled {{
    color: {c["disabled_text"]}; background: {c["disabled"]};
    border: {ring}px dashed {c["disabled_text"]};
}}
QLabel#ZoomHint {{
    color: {c["button_text"]}; background: {c["button"]}; border-radius: {px(14)}px;
    padding: {px(10)}px {px(18)}px; font-size: {font(26)}px;
}}
QLabel#PauseSign {{
    color: {c["button_text"]}; background: {c["button"]}; border: {ring}px solid {c["button_ring"]};
    border-radius: {px(20)}px; padding: {px(18)}px {px(30)}px; font-size: {font(30)}px;
    font-weight: 700;
}}
QLabel#SlideTitle {{ font-size: {font(30)}px; font-weight: 700; color: {c["title"]}; }}
QLabel#SlideCaption {{ font-size: {font(26)}px; color: {c["caption"]}; }}
QLabel#SlideCredit {{ font-size: {font(24)}px; color: {c["muted"]}; }}
QLabel#SlidePosition {{ font-size: {font(28)}px; color: {c["muted"]}; }}
QPushButton#ThumbButton {{
    background: {c["paper"]}; border: {px(4)}px solid transparent; border-radius: {px(10)}px;
    padding: {px(4)}px;
}}
QPushButton#ThumbButton:checked {{ border-color: {c["chosen"]}; background: {c["chosen"]}; }}
QWidget#ThumbStrip, QScrollArea#ThumbScroll {{ background: transparent; border: none; }}
QLabel#FriendlyCard {{
    background: {c["paper"]}; border-radius: {px(18)}px; padding: {px(22)}px;
    color: {c["text"]}; font-size: {font(26)}px;
}}
"""


def credit_line(credit: str, translate_prefix: str) -> str:
    """``Réalisation : Pascaline Liard`` for a plain name; a sentence is shown as it is."""
    credit = credit.strip()
    if not credit:
        return ""
    if any(mark in credit for mark in (":", "—", "–")):
        return credit
    return translate_prefix.format(credit)


def parse_argument(argument: str | None) -> tuple[str, int]:
    """``slug`` or ``slug:index`` → (slug, index); a bad index is 0."""
    if not argument:
        return "", 0
    slug, _, index = argument.partition(":")
    try:
        return slug, max(0, int(index)) if index else 0
    except ValueError:
        return slug, 0


class Fader(QObject):
    """Shows a widget for a while, then fades it out and hides it."""

    def __init__(self, widget: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.widget = widget
        self.effect = QGraphicsOpacityEffect(widget)
        self.effect.setOpacity(1.0)
        widget.setGraphicsEffect(self.effect)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fade)
        self.animation = QPropertyAnimation(self.effect, b"opacity", self)
        self.animation.setDuration(FADE_MS)
        self.animation.setStartValue(1.0)
        self.animation.setEndValue(0.0)
        self.animation.finished.connect(widget.hide)

    def show_for(self, milliseconds: int) -> None:
        self.animation.stop()
        self.effect.setOpacity(1.0)
        self.widget.show()
        self.widget.raise_()
        self.timer.start(milliseconds)

    def fade(self) -> None:
        self.timer.stop()
        if self.widget.isVisible():
            self.animation.start()

    def hide_now(self) -> None:
        self.timer.stop()
        self.animation.stop()
        self.widget.hide()

    def is_showing(self) -> bool:
        return self.widget.isVisible() and not self.widget.isHidden()


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
        self._press: QPointF | None = None
        self._press_time = 0.0
        self._last_pos = QPointF()
        self._last_move_time = 0.0
        self._velocity = 0.0
        self._dragging = False
        self._last_tap: tuple[float, QPointF] | None = None
        # The drawings on (or next to) the stage, shared with the cache (no copy): they stay
        # drawable if the cache evicts them, and are let go when the stage is hidden.
        self._held: dict[ImageKey, QImage] = {}
        self.background = QColor(theme.CHARCOAL)
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(TRANSITION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_step)
        self._animation.finished.connect(self._on_animation_finished)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
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

    # Input: mouse and touch share press / move / release -----------------------------------
    def _press_at(self, position: QPointF) -> None:
        self.touched.emit()
        if self.is_animating():
            self._finish_animation()
        self._press = position
        self._press_time = time.monotonic()
        self._last_pos = position
        self._last_move_time = self._press_time
        self._velocity = 0.0
        self._dragging = False

    def _move_to(self, position: QPointF) -> None:
        if self._press is None:
            return
        dx = position.x() - self._press.x()
        if not self._dragging and abs(dx) > TAP_SLOP_PX:
            self._dragging = True
        now = time.monotonic()
        elapsed = now - self._last_move_time
        if elapsed > 0:
            self._velocity = (position.x() - self._last_pos.x()) / elapsed
        self._last_pos, self._last_move_time = position, now
        if self._dragging and len(self.paths) > 1:
            self.offset = dx
            self.update()

    def _release_at(self, position: QPointF) -> None:
        if self._press is None:
            return
        self._move_to(position)
        press, self._press = self._press, None
        if not self._dragging:
            self._on_tap(press)
            return
        recent = time.monotonic() - self._last_move_time < 0.1
        flick = recent and abs(self._velocity) > FLICK_PX_PER_S
        if len(self.paths) > 1 and (abs(self.offset) > self.width() * SWIPE_FRACTION or flick):
            step = -1 if (self.offset > 0 if not flick else self._velocity > 0) else 1
            self._animate_offset(-step * self.step_distance(step), step)
        else:
            self._animate_offset(0.0, 0)

    def _on_tap(self, position: QPointF) -> None:
        now = time.monotonic()
        previous = self._last_tap
        if previous is not None and now - previous[0] <= DOUBLE_TAP_MS / 1000:
            self._last_tap = None
            self.zoom_requested.emit(position)
        else:
            self._last_tap = (now, position)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_at(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._move_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._release_at(event.position())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.touched.emit()
        self._last_tap = None
        self.zoom_requested.emit(event.position())

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            self._on_touch(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def _on_touch(self, event: QTouchEvent) -> None:
        points = [point.position() for point in event.points()]
        kind = event.type()
        if len(points) >= 2 and kind != QEvent.Type.TouchEnd:
            # A pinch on a drawing: open it in the zoom view, about the fingers' middle.
            if self._press is not None:
                self._press = None
                self._animate_offset(0.0, 0)
                self.zoom_requested.emit((points[0] + points[1]) / 2)
            return
        if not points:
            return
        if kind == QEvent.Type.TouchBegin:
            self._press_at(points[0])
        elif kind == QEvent.Type.TouchUpdate:
            self._move_to(points[0])
        elif kind == QEvent.Type.TouchEnd:
            self._release_at(points[0])
        else:
            self._press = None
            self._animate_offset(0.0, 0)

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


class FingerScroll(QObject):
    """Drag a scroll area sideways with a finger or the mouse, with a fling at the end.

    Watches the viewport and the buttons in it (a touch on a button reaches it as a mouse
    press, synthesised by Qt): past ``slop`` pixels a press becomes a drag, the button under
    it is let go without a click, and the strip follows the finger; on release it glides on
    and slows down. A press that does not move stays a tap.
    """

    def __init__(self, area: QScrollArea, *, slop: int) -> None:
        super().__init__(area)
        self.area = area
        self.slop = slop
        self._press_x: float | None = None
        self._start_value = 0
        self._dragging = False
        self._samples: list[tuple[float, float]] = []
        self._velocity = 0.0
        self._clock = 0.0
        self._position = 0.0
        self._kinetic = QTimer(self)
        self._kinetic.setInterval(16)
        self._kinetic.timeout.connect(self._glide)
        self.watch(area.viewport())

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    @property
    def dragging(self) -> bool:
        return self._dragging

    def is_gliding(self) -> bool:
        return self._kinetic.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._kinetic.stop()
                self._press_x = event.globalPosition().x()
                self._start_value = self.area.horizontalScrollBar().value()
                self._dragging = False
                self._samples = [(time.monotonic(), self._press_x)]
            return False
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if self._press_x is None or not event.buttons() & Qt.MouseButton.LeftButton:
                return False
            x = event.globalPosition().x()
            if not self._dragging and abs(x - self._press_x) > self.slop:
                self._dragging = True
                if isinstance(watched, QPushButton):
                    watched.setDown(False)  # a drag is not a tap on this thumbnail
            if self._dragging:
                self.area.horizontalScrollBar().setValue(
                    self._start_value - round(x - self._press_x)
                )
                now = time.monotonic()
                self._samples.append((now, x))
                self._samples = [(t, v) for t, v in self._samples if now - t < 0.1]
                return True
            return False
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if self._press_x is None:
                return False
            self._press_x = None
            if not self._dragging:
                return False
            self._dragging = False
            if isinstance(watched, QPushButton):
                watched.setDown(False)
            if len(self._samples) >= 2:
                (t0, x0), (t1, x1) = self._samples[0], self._samples[-1]
                if t1 - t0 > 1e-3 and time.monotonic() - t1 < 0.1:
                    self._velocity = (x1 - x0) / (t1 - t0)
                    if abs(self._velocity) > FLICK_PX_PER_S / 3:
                        self._clock = time.monotonic()
                        self._position = float(self.area.horizontalScrollBar().value())
                        self._kinetic.start()
            return True  # swallowed: the thumbnail under the finger is not clicked
        return False

    def _glide(self) -> None:
        now = time.monotonic()
        elapsed = min(0.05, now - self._clock)
        self._clock = now
        bar = self.area.horizontalScrollBar()
        self._position -= self._velocity * elapsed
        before = bar.value()
        bar.setValue(round(self._position))
        self._velocity *= math.exp(-KINETIC_FRICTION * elapsed)
        at_end = bar.value() == before and bar.value() in (bar.minimum(), bar.maximum())
        if at_end or abs(self._velocity) < 30:
            self._kinetic.stop()


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
        self.finger = FingerScroll(self, slop=context.metrics.px(TAP_SLOP_PX))
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


class SlideshowScreen(Screen):
    """One album's drawings, one at a time, with their caption and credit; zoom on demand."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        metrics = context.metrics
        px = metrics.px
        self.cache = shared_cache(context.root)
        self.album: AlbumSlidesView | None = None
        self.resume_after_ms = RESUME_AFTER_MS
        self.hint_ms = HINT_MS
        self.sign_ms = SIGN_MS
        self._icons: dict[QPushButton, str] = {}

        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        # The slides page.
        slides_page = QWidget()
        slides_layout = QVBoxLayout(slides_page)
        slides_layout.setContentsMargins(0, 0, 0, px(16))
        slides_layout.setSpacing(px(14))
        self.stage = SlideStage(self.cache)
        slides_layout.addWidget(self.stage, stretch=1)
        self.previous_button = self._overlay_button("mdi6.chevron-left", self.stage)
        self.next_button = self._overlay_button("mdi6.chevron-right", self.stage)
        self.zoom_button = IconButton(
            "mdi6.magnify-plus-outline", "", metrics, object_name="ZoomButton", parent=self.stage
        )
        # Autoplay's own button: pause, or play again; and the sign a touch's pause shows.
        self.play_button = IconButton(
            "mdi6.pause", "", metrics, object_name="ZoomButton", parent=self.stage
        )
        self.pause_sign = plain_label("PauseSign", parent=self.stage)
        self.pause_sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_sign.hide()
        self._sign_fade = Fader(self.pause_sign, self)
        self.previous_button.clicked.connect(lambda: self._user_step(-1))
        self.next_button.clicked.connect(lambda: self._user_step(1))
        self.zoom_button.clicked.connect(self._open_zoom_centre)
        self.play_button.clicked.connect(self._on_play_clicked)

        info = QHBoxLayout()
        info.setContentsMargins(px(40), 0, px(40), 0)
        info.setSpacing(px(24))
        texts = QVBoxLayout()
        texts.setSpacing(px(4))
        self.slide_title = plain_label("SlideTitle")
        self.slide_caption = plain_label("SlideCaption")
        self.slide_credit = plain_label("SlideCredit")
        for label in (self.slide_title, self.slide_caption, self.slide_credit):
            label.setWordWrap(True)
            texts.addWidget(label)
        info.addLayout(texts, stretch=1)
        self.position_label = plain_label("SlidePosition")
        self.position_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        info.addWidget(self.position_label)
        slides_layout.addLayout(info)
        self.strip = ThumbStrip(self.cache, context)
        strip_row = QHBoxLayout()
        strip_row.setContentsMargins(px(40), 0, px(40), 0)
        strip_row.addWidget(self.strip)
        slides_layout.addLayout(strip_row)
        self.missing = plain_label("FriendlyCard")
        self.missing.setWordWrap(True)
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.missing.hide()
        slides_layout.addWidget(self.missing)
        self.pages.addWidget(slides_page)

        # The zoom page.
        zoom_page = QWidget()
        zoom_layout = QVBoxLayout(zoom_page)
        zoom_layout.setContentsMargins(0, 0, 0, 0)
        self.zoom_view = DrawingView(self.cache)
        zoom_layout.addWidget(self.zoom_view)
        self.zoom_bar = QWidget(self.zoom_view)
        bar = QHBoxLayout(self.zoom_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(px(16))
        self.close_zoom_button = IconButton(
            "mdi6.close", "", metrics, object_name="ZoomButton", parent=self.zoom_bar
        )
        self.whole_page_button = IconButton(
            "mdi6.fit-to-page-outline", "", metrics, object_name="ZoomButton"
        )
        self.zoom_out_button = IconButton(
            "mdi6.magnify-minus-outline", "", metrics, object_name="ZoomButton"
        )
        self.zoom_in_button = IconButton(
            "mdi6.magnify-plus-outline", "", metrics, object_name="ZoomButton"
        )
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.whole_page_button,
            self.close_zoom_button,
        ):
            bar.addWidget(button)
        self.zoom_hint = plain_label("ZoomHint", parent=self.zoom_view)
        self.zoom_hint.setWordWrap(True)
        self._hint_fade = Fader(self.zoom_hint, self)
        self.zoom_hint.hide()
        self.close_zoom_button.clicked.connect(self.close_zoom)
        self.whole_page_button.clicked.connect(lambda: self.zoom_view.reset_zoom())
        self.zoom_in_button.clicked.connect(lambda: self._zoom_step(1.6))
        self.zoom_out_button.clicked.connect(lambda: self._zoom_step(1 / 1.6))
        self.zoom_view.touched.connect(self.pause_autoplay)
        self.zoom_view.zoom_changed.connect(self._on_zoom_changed)
        self.pages.addWidget(zoom_page)

        self.autoplay_timer = QTimer(self)
        self.autoplay_timer.setSingleShot(True)
        self.autoplay_timer.timeout.connect(self._autoplay_step)
        self.resume_timer = QTimer(self)
        self.resume_timer.setSingleShot(True)
        self.resume_timer.timeout.connect(self.resume_autoplay)
        self.autoplay_interval_ms = 8000
        self.playing = False  # autoplay turns the pages
        self.paused_by_button = False  # only the button (or the next visitor) plays again

        self.stage.index_changed.connect(self._on_index_changed)
        self.stage.touched.connect(self.pause_autoplay)
        self.stage.zoom_requested.connect(self.open_zoom)
        self.strip.chosen.connect(self._on_thumb_chosen)
        icons: tuple[tuple[QPushButton, str], ...] = (
            (self.previous_button, "mdi6.chevron-left"),
            (self.next_button, "mdi6.chevron-right"),
            (self.zoom_button, "mdi6.magnify-plus-outline"),
            (self.close_zoom_button, "mdi6.close"),
            (self.whole_page_button, "mdi6.fit-to-page-outline"),
            (self.zoom_out_button, "mdi6.magnify-minus-outline"),
            (self.zoom_in_button, "mdi6.magnify-plus-outline"),
            (self.play_button, "mdi6.pause"),
        )
        self._icons.update(icons)
        if context.appearance is not None:
            context.appearance.changed.connect(self._apply_appearance)
        self._apply_appearance()
        self.retranslate()

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        appearance = self.context.appearance
        palette = appearance.palette if appearance is not None else theme.WARM
        scheme = colours(palette)
        self.setStyleSheet(style_sheet(self.context.metrics, palette))
        self.stage.background = QColor(scheme["stage"])
        self.stage.update()
        for button, icon in self._icons.items():
            button.setIcon(
                icons.icon(
                    icon,
                    color=scheme["button_text"],
                    color_disabled=scheme["disabled_text"],
                )
            )
        self._place_overlays()

    # Navigation --------------------------------------------------------------------------
    def title(self) -> str:
        if self.album is not None:
            return self.album.localized_title(self.context.languages.language)
        return self.tr("Carnets dessinés")

    def show_route(self, argument: str | None) -> None:
        slug, index = parse_argument(argument)
        self.album = catalogue_views.album_slides(self.context.catalogue, slug) if slug else None
        self.autoplay_interval_ms = round(
            settings.load(self.context.catalogue).autoplay_interval_s * 1000
        )
        self.pages.setCurrentIndex(0)
        slides = self.album.slides if self.album is not None else ()
        paths = [slide.path for slide in slides]
        self.missing.setVisible(not paths)
        for widget in (self.stage, self.strip):
            widget.setVisible(bool(paths))
        index = min(index, len(paths) - 1) if paths else 0
        self.strip.set_paths(paths)
        self.stage.set_paths(paths, index)
        self._update_texts()
        self.autoplay_timer.stop()
        self.resume_timer.stop()
        self.paused_by_button = False
        self._sign_fade.hide_now()
        self.start_autoplay()

    def go_back_within(self) -> bool:
        """ "Retour" from the zoom goes back to the slide, not to the album list."""
        if self.is_zooming():
            self.close_zoom()
            return True
        return False

    def reset(self) -> None:
        self.reset_for_next_visitor()

    def reset_for_next_visitor(self) -> None:
        """The next visitor finds the album at its first drawing, the zoom closed, the
        thumbnails scrolled back to the start and autoplay on."""
        self.pages.setCurrentIndex(0)
        self._hint_fade.hide_now()
        self._sign_fade.hide_now()
        self.autoplay_timer.stop()
        self.resume_timer.stop()
        self.paused_by_button = False
        self.playing = False
        if self.stage.paths:
            self.stage.set_paths(self.stage.paths, 0)
            self._update_texts()
        self.strip.horizontalScrollBar().setValue(0)
        self.start_autoplay()

    def current_index(self) -> int:
        return self.stage.index

    def _user_step(self, step: int) -> None:
        self.pause_autoplay()
        self.stage.go(step)

    def _on_thumb_chosen(self, index: int) -> None:
        self.pause_autoplay()
        self.stage.go_to(index)

    def _on_index_changed(self, _index: int) -> None:
        self._update_texts()
        if self.playing:
            self.autoplay_timer.start(self.autoplay_interval_ms)

    # Autoplay ----------------------------------------------------------------------------
    def autoplay_is_running(self) -> bool:
        return self.playing

    def autoplay_is_paused(self) -> bool:
        """Paused by a visitor: by a touch (it plays again after a quiet spell) or by the
        pause button (only the button plays again)."""
        return not self.playing and (self.resume_timer.isActive() or self.paused_by_button)

    def can_autoplay(self) -> bool:
        return len(self.stage.paths) > 1

    def start_autoplay(self) -> None:
        if self.can_autoplay() and self.pages.currentIndex() == 0:
            self.playing = True
            self.paused_by_button = False
            self.resume_timer.stop()
            if self.isVisible():  # else it starts when the screen shows (_resume_on_show)
                self.autoplay_timer.start(self.autoplay_interval_ms)
        else:
            self.playing = False
            self.autoplay_timer.stop()
        self._update_play_button()

    def pause_autoplay(self) -> None:
        """A visitor touched: stop advancing, say so, and resume after a quiet spell (unless
        the pause button was used: then only the button plays again)."""
        was_playing = self.playing
        self.playing = False
        self.autoplay_timer.stop()
        if not self.paused_by_button:
            self.resume_timer.start(self.resume_after_ms)
        if was_playing and self.can_autoplay() and not self.is_zooming():
            self._show_pause_sign()
        self._update_play_button()

    def pause_by_button(self) -> None:
        self.paused_by_button = True
        self.resume_timer.stop()
        self.pause_autoplay()

    def resume_autoplay(self) -> None:
        if self.pages.currentIndex() == 1:
            self.resume_timer.start(self.resume_after_ms)  # still zooming: wait again
            return
        self.start_autoplay()

    def _on_play_clicked(self) -> None:
        if self.playing:
            self.pause_by_button()
        else:
            self._sign_fade.hide_now()
            self.start_autoplay()

    def _autoplay_step(self) -> None:
        if self.playing:
            self.stage.go(1)

    def _show_pause_sign(self) -> None:
        self._place_overlays()
        self._sign_fade.show_for(self.sign_ms)

    def _update_play_button(self) -> None:
        playing = self.playing
        self.play_button.setVisible(self.can_autoplay())
        icon = "mdi6.pause" if playing else "mdi6.play"
        self._icons[self.play_button] = icon
        scheme = colours(self._palette())
        self.play_button.setIcon(
            icons.icon(icon, color=scheme["button_text"], color_disabled=scheme["disabled_text"])
        )
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Lecture"))
        self.play_button.setAccessibleName(
            self.tr("Mettre le défilement en pause")
            if playing
            else self.tr("Reprendre le défilement")
        )
        self._place_overlays()

    def _palette(self) -> theme.Palette:
        appearance = self.context.appearance
        return appearance.palette if appearance is not None else theme.WARM

    def hideEvent(self, event: QHideEvent) -> None:
        self.autoplay_timer.stop()
        self.resume_timer.stop()
        super().hideEvent(event)

    def _resume_on_show(self) -> None:
        """Back on screen (after another screen): autoplay goes on unless a visitor paused."""
        if self.playing:
            self.autoplay_timer.start(self.autoplay_interval_ms)
        elif not self.paused_by_button and self.can_autoplay():
            self.resume_timer.start(self.resume_after_ms)

    # Zoom --------------------------------------------------------------------------------
    def _open_zoom_centre(self) -> None:
        self.open_zoom(None)

    def open_zoom(self, stage_point: QPointF | None = None) -> None:
        """Show the current drawing in the deep-zoom view (zoomed on ``stage_point`` if given)."""
        if self.album is None or not self.album.slides:
            return
        self.pause_autoplay()
        slide = self.album.slides[self.stage.index]
        self.pages.setCurrentIndex(1)
        self.zoom_view.set_drawing(slide.path, slide.width, slide.height)
        self._place_zoom_bar()
        self._hint_fade.show_for(self.hint_ms)
        if stage_point is not None:
            view_point = QPointF(
                stage_point.x() * self.zoom_view.width() / max(1, self.stage.width()),
                stage_point.y() * self.zoom_view.height() / max(1, self.stage.height()),
            )
            self.zoom_view.toggle_zoom(view_point)

    def close_zoom(self) -> None:
        self.pages.setCurrentIndex(0)
        self._hint_fade.hide_now()
        self.pause_autoplay()

    def is_zooming(self) -> bool:
        return self.pages.currentIndex() == 1

    def _zoom_step(self, factor: float) -> None:
        self.pause_autoplay()
        centre = QPointF(self.zoom_view.viewport().rect().center())
        self.zoom_view.zoom_at(centre, factor)

    def _on_zoom_changed(self, scale: float) -> None:
        view = self.zoom_view
        self.zoom_in_button.setEnabled(scale < view.max_scale() * 0.999)
        self.zoom_out_button.setEnabled(view.is_zoomed_in())
        self.whole_page_button.setEnabled(view.is_zoomed_in())

    # Layout and texts --------------------------------------------------------------------
    def _overlay_button(self, icon: str, parent: QWidget) -> QPushButton:
        button = IconButton(icon, "", self.context.metrics, object_name="SlideArrow", parent=parent)
        size = self.context.metrics.px(96)
        button.setIconSize(QSize(self.context.metrics.px(64), self.context.metrics.px(64)))
        button.setFixedSize(size, size)
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_overlays()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_overlays()
        self._resume_on_show()

    def _place_overlays(self) -> None:
        px = self.context.metrics.px
        stage = self.stage
        margin = px(24)
        self.play_button.adjustSize()
        self.play_button.move(margin, stage.height() - self.play_button.height() - margin)
        self.play_button.raise_()
        self.pause_sign.setMaximumWidth(max(1, stage.width() - 2 * margin))
        self.pause_sign.adjustSize()
        self.pause_sign.move(
            (stage.width() - self.pause_sign.width()) // 2,
            (stage.height() - self.pause_sign.height()) // 2,
        )
        self.pause_sign.raise_()
        for button, left in (
            (self.previous_button, margin),
            (self.next_button, stage.width() - self.next_button.width() - margin),
        ):
            button.move(left, (stage.height() - button.height()) // 2)
            button.raise_()
        self.zoom_button.adjustSize()
        self.zoom_button.move(
            stage.width() - self.zoom_button.width() - margin,
            stage.height() - self.zoom_button.height() - margin,
        )
        self.zoom_button.raise_()
        self._place_zoom_bar()

    def _place_zoom_bar(self) -> None:
        margin = self.context.metrics.px(24)
        self.zoom_bar.adjustSize()
        view = self.zoom_view
        self.zoom_bar.move(
            view.width() - self.zoom_bar.width() - margin,
            view.height() - self.zoom_bar.height() - margin,
        )
        self.zoom_bar.raise_()
        # The hint: top left, on one line when there is room, else wrapped.
        hint = self.zoom_hint
        room = max(1, min(view.width() - 2 * margin, self.context.metrics.px(1100)))
        hint.setWordWrap(False)
        natural = hint.sizeHint().width()
        hint.setWordWrap(True)
        hint.setFixedWidth(min(natural, room))
        self.zoom_hint.adjustSize()
        self.zoom_hint.move(margin, margin)
        self.zoom_hint.raise_()

    def retranslate(self) -> None:
        self.previous_button.setAccessibleName(self.tr("Dessin précédent"))
        self.next_button.setAccessibleName(self.tr("Dessin suivant"))
        self.zoom_button.setText(self.tr("Zoomer"))
        self.close_zoom_button.setText(self.tr("Fermer le zoom"))
        self.whole_page_button.setText(self.tr("Page entière"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoomer"))
        self.zoom_out_button.setAccessibleName(self.tr("Dézoomer"))
        self.zoom_hint.setText(
            self.tr("Pincez ou touchez deux fois pour zoomer, glissez pour vous déplacer.")
        )
        self.pause_sign.setText(self.tr("Défilement en pause"))
        self._update_play_button()
        self.missing.setText(self.tr("Ce carnet n'est pas disponible pour le moment."))
        self.stage.failure_text = self.tr("Ce dessin ne peut pas être affiché")
        self._update_texts()
        self._place_overlays()

    def _update_texts(self) -> None:
        if self.album is None or not self.album.slides:
            for label in (self.slide_title, self.slide_caption, self.slide_credit):
                label.clear()
            self.position_label.clear()
            return
        language = self.context.languages.language
        index = self.stage.index
        slide = self.album.slides[index]
        self.slide_title.setText(slide.localized_title(language))
        self.slide_title.setVisible(bool(slide.title))
        caption = slide.localized_caption(language)
        self.slide_caption.setText(caption)
        self.slide_caption.setVisible(bool(caption))
        self.slide_credit.setText(
            credit_line(self.album.localized_credit(language), self.tr("Réalisation : {}"))
        )
        self.position_label.setText(
            self.tr("{current} / {total}").format(current=index + 1, total=len(self.album.slides))
        )
        self.strip.set_current(index)
