"""A staff page taller (or wider) than the window scrolls by a finger's drag, wherever the drag
starts: on a heading, a gap, a hint, a button or a field.

The page's scroll area has no ``QScroller`` of its own: the lists, tables and texts inside it
have theirs, and two scrollers one inside the other fight over the same drag. This one leaves a
drag that starts on such a list alone when the list can scroll itself (the list scrolls, not
the page); elsewhere a press is given to the widget under it as usual, and only once the finger
has moved farther than a tap does the page follow it; the rest of the drag, its release included,
is the page's, so a drag that started on a button does not click it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QScrollArea,
    QWidget,
)

from kiosk.kit.theme import Metrics
from kiosk.staff.touch import ADAPTED

TAP_SLOP = 20  # px at 1080p a finger may move and still tap


class PageDrag(QObject):
    """Drags anywhere on ``area``'s page scroll it (see the module)."""

    def __init__(self, area: QScrollArea, metrics: Metrics) -> None:
        super().__init__(area)
        self.area = area
        self.slop = metrics.px(TAP_SLOP)
        self.start: QPoint | None = None  # where the finger went down (global)
        self.values = (0, 0)  # the bars' values then
        self.pressed: QWidget | None = None
        self.dragging = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def _on_page(self, widget: QWidget) -> bool:
        page = self.area.widget()
        return page is not None and (widget is page or page.isAncestorOf(widget))

    def _own_scroller(self, widget: QWidget) -> bool:
        """``widget`` is in a list or text that scrolls by finger itself and has somewhere to
        scroll."""
        parent: QWidget | None = widget
        while parent is not None and parent is not self.area:
            if isinstance(parent, QAbstractScrollArea) and parent.property(ADAPTED):
                bars = (parent.verticalScrollBar(), parent.horizontalScrollBar())
                if any(bar.maximum() > bar.minimum() for bar in bars):
                    return True
            parent = parent.parentWidget()
        return False

    def _can_scroll(self) -> bool:
        bars = (self.area.verticalScrollBar(), self.area.horizontalScrollBar())
        return any(bar.maximum() > bar.minimum() for bar in bars)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonRelease,
        ):
            return False
        assert isinstance(event, QMouseEvent)
        if kind == QEvent.Type.MouseButtonPress:
            self._press(watched, event)
            return False
        if self.start is None:
            return False
        if kind == QEvent.Type.MouseMove:
            return self._move(event)
        return self._release()

    def _press(self, watched: QObject, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not isinstance(watched, QWidget):
            return
        position = event.globalPosition().toPoint()
        if self.start is not None and position == self.start:
            return  # the same press, passed on to a parent
        self.start, self.pressed, self.dragging = None, None, False
        if not self._on_page(watched) or self._own_scroller(watched) or not self._can_scroll():
            return
        self.start = position
        self.pressed = watched
        self.values = (
            self.area.horizontalScrollBar().value(),
            self.area.verticalScrollBar().value(),
        )

    def _move(self, event: QMouseEvent) -> bool:
        assert self.start is not None
        if not event.buttons() & Qt.MouseButton.LeftButton:
            self.start = None
            return False
        moved = event.globalPosition().toPoint() - self.start
        if not self.dragging:
            if moved.manhattanLength() < self.slop:
                return False
            self.dragging = True
            self._cancel_press()
        self.area.horizontalScrollBar().setValue(self.values[0] - moved.x())
        self.area.verticalScrollBar().setValue(self.values[1] - moved.y())
        return True

    def _release(self) -> bool:
        dragging = self.dragging
        self.start, self.pressed, self.dragging = None, None, False
        return dragging

    def _cancel_press(self) -> None:
        """A button pressed where the drag began is let go of: it does not click (its release,
        like every event of the drag, goes to the page)."""
        widget, self.pressed = self.pressed, None
        while widget is not None and not isinstance(widget, QAbstractButton):
            widget = widget.parentWidget() if self._on_page(widget) else None
        if isinstance(widget, QAbstractButton):
            widget.setDown(False)
