"""Touch widgets: big buttons with an icon beside every label, and home tiles."""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.kit import icons
from kiosk.kit.theme import WHITE, Metrics

if TYPE_CHECKING:  # annotations only: PySide6 builds each class on import (QMouseEvent ~3 ms)
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QMouseEvent, QPaintEvent

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str) -> W:
    """Give ``widget`` the object name the style sheet knows it by."""
    widget.setObjectName(object_name)
    return widget


class IconButton(QPushButton):
    """A push button with an icon, at least one touch target in each direction."""

    def __init__(
        self,
        icon_name: str,
        text: str,
        metrics: Metrics,
        *,
        object_name: str = "BarButton",
        icon_colour: str = WHITE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.setObjectName(object_name)
        self.setIcon(icons.icon(icon_name, color=icon_colour))
        self.setIconSize(metrics.icon)
        self.setMinimumSize(metrics.touch, metrics.touch)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class PlainLabel(QLabel):
    """A label whose text is always shown as the characters it is, never as HTML or Markdown.

    Every label that can show catalogue content (a name, a commune, tags, a title, a caption,
    a credit, a website) is one: a place named ``<img src="/dev/zero">`` is a name, not an
    instruction to Qt to read a file.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if text:
            self.setText(text)


def plain_label(
    object_name: str = "", text: str = "", *, wrap: bool = False, parent: QWidget | None = None
) -> PlainLabel:
    """A :class:`PlainLabel` named for the style sheet, word-wrapped when ``wrap``."""
    label = PlainLabel(text, parent)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tool tip shows it literally (Qt guesses rich text in tool tips)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


class LongPressArea(QWidget):
    """A widget that emits ``long_pressed`` after being held still for ``hold_ms`` (the hidden
    staff gesture, a deliberate hold far longer than the gestures' long press); a shorter press
    does nothing. A finger or mouse that moves farther than a tap's slop (the rule and the
    coordinates of :mod:`kiosk.kit.gestures`) is not holding: the hold is given up, as at the
    release, and ``let_go`` says so."""

    long_pressed = Signal()
    let_go = Signal()  # a hold given up before it was long enough: released, or moved away

    def __init__(self, hold_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hold_ms = hold_ms
        self._start = QPointF()  # where the hold began (local, mapped from the global position)
        self._slop = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.long_pressed.emit)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            # On the first press, not at start-up: the recogniser's module costs ~4 ms to import.
            from kiosk.kit.gestures import tap_slop

            self._start = self.mapFromGlobal(event.globalPosition())
            self._slop = tap_slop(self)
            self._timer.start(self.hold_ms)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._timer.isActive():
            moved = self.mapFromGlobal(event.globalPosition()) - self._start
            if math.hypot(moved.x(), moved.y()) > self._slop:
                self._give_up()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._give_up()
        event.accept()

    def _give_up(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.let_go.emit()


ICON_ABOVE_MIN = 56  # the smallest icon drawn above a tile's texts before it goes beside them


class Tile(QWidget):
    """A large rounded home tile: an icon, a title and a line of text. Emits ``activated``."""

    activated = Signal()

    def __init__(
        self,
        icon_name: str,
        background: str,
        foreground: str,
        metrics: Metrics,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._icon_name = icon_name
        self._background = QColor(background)
        self._foreground = QColor(foreground)
        self._icon = icons.icon(icon_name, color=foreground)
        self._metrics = metrics
        self.icon_drawn_size = 0  # the icon's size at the last paint (0: no room for it)
        self._title = ""
        self._text = ""
        self._pressed = False
        self._outline = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(metrics.px(260), metrics.px(200))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)

    def set_colours(self, background: str, foreground: str, *, outline: bool = False) -> None:
        """``outline``: draw the tile's edge in the text colour (high contrast: black tiles on a
        black screen need an edge to show where to touch)."""
        self._background = QColor(background)
        self._foreground = QColor(foreground)
        self._icon = icons.icon(self._icon_name, color=foreground)
        self._outline = outline
        self.update()

    def set_texts(self, title: str, text: str) -> None:
        self._title = title
        self._text = text
        self.setAccessibleName(title)
        self.update()

    @property
    def title(self) -> str:
        return self._title

    def sizeHint(self) -> QSize:
        return QSize(self._metrics.px(420), self._metrics.px(300))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        was_pressed = self._pressed
        self._pressed = False
        self.update()
        if was_pressed and self.rect().contains(event.position().toPoint()):
            self.activated.emit()

    def paintEvent(self, _event: QPaintEvent) -> None:
        px = self._metrics.px
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(px(6), px(6), -px(6), -px(6))
        if self._pressed:
            rect = rect.adjusted(px(4), px(4), -px(4), -px(4))
        path = QPainterPath()
        path.addRoundedRect(rect, px(28), px(28))
        painter.fillPath(path, self._background.darker(115) if self._pressed else self._background)
        if self._outline:
            painter.setPen(QPen(self._foreground, px(4)))
            painter.drawPath(path)

        padding = px(32)
        icon_size = px(84)
        gap = px(16)
        text_left = rect.left() + padding
        text_width = rect.width() - 2 * padding
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        title_font = self.font()
        title_font.setPixelSize(self._metrics.font(40))
        title_font.setBold(True)
        body_font = self.font()
        body_font.setPixelSize(self._metrics.body)

        # Measure first, so the icon and the texts are centred as a block in the tile.
        def measure(width: int) -> tuple[QRect, QRect, int]:
            painter.setFont(title_font)
            title = painter.boundingRect(0, 0, width, rect.height(), flags, self._title)
            painter.setFont(body_font)
            body = painter.boundingRect(0, 0, width, rect.height(), flags, self._text)
            return title, body, title.height() + px(8) + body.height()

        title_box, body_box, texts = measure(text_width)
        room = rect.height() - 2 * padding - texts - gap
        beside_width = text_width - icon_size - gap
        if room < px(ICON_ABOVE_MIN) and beside_width >= px(240):
            # Larger text on a wide, low tile: the icon goes beside the texts, at its full size
            # (only when even a smaller icon would not fit above them: a title on two lines
            # keeps its icon above, a little smaller, like the other tiles).
            title_box, body_box, texts = measure(beside_width)
            margin = px(16)  # beside the icon, the texts may come closer to the tile's edges
            if texts <= rect.height() - 2 * margin:
                block = max(icon_size, texts)
                top = rect.top() + max(margin, (rect.height() - block) // 2)
                self.icon_drawn_size = icon_size
                self._icon.paint(painter, text_left, top, icon_size, icon_size)
                self._draw_texts(
                    painter,
                    text_left + icon_size + gap,
                    top,
                    beside_width,
                    rect,
                    (title_font, title_box),
                    (body_font, body_box),
                    flags,
                )
                painter.end()

                return
            title_box, body_box, texts = measure(text_width)
        # Larger text on a small tile: the icon shrinks (and goes) before any text is cut.
        icon_size = max(0, min(icon_size, room))
        if icon_size < px(32):
            icon_size, gap = 0, 0
        block = icon_size + gap + texts
        top = rect.top() + max(padding, (rect.height() - block) // 2)
        self.icon_drawn_size = icon_size
        if icon_size:
            self._icon.paint(painter, text_left, top, icon_size, icon_size)
        self._draw_texts(
            painter,
            text_left,
            top + icon_size + gap,
            text_width,
            rect,
            (title_font, title_box),
            (body_font, body_box),
            flags,
        )
        painter.end()

    def _draw_texts(
        self,
        painter: QPainter,
        left: int,
        top: int,
        width: int,
        rect: QRect,
        title: tuple[QFont, QRect],
        body: tuple[QFont, QRect],
        flags: Qt.AlignmentFlag | Qt.TextFlag,
    ) -> None:
        px = self._metrics.px
        painter.setPen(self._foreground)
        painter.setFont(title[0])
        painter.drawText(left, top, width, title[1].height(), flags, self._title)
        painter.setFont(body[0])
        body_top = top + title[1].height() + px(8)
        body_height = max(0, min(body[1].height(), rect.bottom() - body_top - px(8)))
        painter.drawText(left, body_top, width, body_height, flags, self._text)
