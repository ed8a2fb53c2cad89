"""A staff page taller (or wider) than the window scrolls by a finger's drag, wherever the drag
starts: on a heading, a gap, a hint, a button or a field.

The page's scroll area has no ``QScroller`` of its own: the lists, tables and texts inside it
have theirs, and two scrollers one inside the other fight over the same drag. This one leaves a
drag that starts on such a list alone when the list can scroll itself (the list scrolls, not
the page); elsewhere a press is given to the widget under it as usual, and only once the finger
has become a drag does the page follow it; the rest of the drag, its release included, is the
page's, so a drag that started on a button does not click it.

What is a tap and what a drag is the one recogniser's decision (:mod:`kiosk.kit.gestures`): the
same slop, scaled to the window, and the same coordinates (the scroll area's own, mapped from
the event's global position) as on every other screen. It reads the mouse events that reach
any widget (a finger's touch reaches these widgets as the mouse events Qt makes of it), since
the press must go on to the widget under the finger.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QScrollArea,
    QWidget,
)

from kiosk.kit.gestures import Gesture, GestureKind, GestureRecogniser, window_short_side
from kiosk.staff.touch import ADAPTED

_FINGER = 0  # one finger: the mouse, or the touch Qt made mouse events of
# A press soon after a tap at the same spot reaches the widget as a double click: a press too.
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
_MOUSE_KINDS = (*_PRESSES, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease)


class PageDrag(QObject):
    """Drags anywhere on ``area``'s page scroll it (see the module)."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self.recogniser = GestureRecogniser()
        self.start: QPointF | None = None  # where the finger went down (global)
        self.values = (0, 0)  # the bars' values then
        self.pressed: QWidget | None = None
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    @property
    def dragging(self) -> bool:
        return self.recogniser.dragging

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
        if kind not in _MOUSE_KINDS:
            return False
        assert isinstance(event, QMouseEvent)
        if kind in _PRESSES:
            self._press(watched, event)
            return False
        if self.start is None:
            return False
        if kind == QEvent.Type.MouseMove:
            return self._move(event)
        return self._release(event)

    def _local(self, event: QMouseEvent) -> QPointF:
        return self.area.mapFromGlobal(event.globalPosition())

    def _press(self, watched: QObject, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not isinstance(watched, QWidget):
            return
        position = event.globalPosition()
        if self.start is not None and position == self.start:
            return  # the same press, passed on to a parent
        self.start, self.pressed = None, None
        self.recogniser.cancel()
        if not self._on_page(watched) or self._own_scroller(watched) or not self._can_scroll():
            return
        self.start = QPointF(position)
        self.pressed = watched
        self.values = (
            self.area.horizontalScrollBar().value(),
            self.area.verticalScrollBar().value(),
        )
        self.recogniser.set_short_side(window_short_side(self.area))
        self.recogniser.press(_FINGER, self._local(event), time.monotonic())

    def _move(self, event: QMouseEvent) -> bool:
        if not event.buttons() & Qt.MouseButton.LeftButton:
            self._forget()
            return False
        self._follow(self.recogniser.move(_FINGER, self._local(event), time.monotonic()))
        return self.dragging

    def _release(self, event: QMouseEvent) -> bool:
        dragging = self.dragging
        self._follow(self.recogniser.release(_FINGER, self._local(event), time.monotonic()))
        self._forget()
        return dragging

    def _forget(self) -> None:
        self.start, self.pressed = None, None
        self.recogniser.cancel()

    def _follow(self, gestures: list[Gesture]) -> None:
        """The page follows the finger from where it went down (the same move may reach this
        filter several times, on its way to the widget and its parents: that changes nothing)."""
        for gesture in gestures:
            if gesture.kind is GestureKind.DRAG_START:
                self._cancel_press()
            elif gesture.kind is GestureKind.DRAG:
                self.area.horizontalScrollBar().setValue(self.values[0] - round(gesture.total.x()))
                self.area.verticalScrollBar().setValue(self.values[1] - round(gesture.total.y()))

    def _cancel_press(self) -> None:
        """A button pressed where the drag began is let go of: it does not click (its release,
        like every event of the drag, goes to the page)."""
        widget, self.pressed = self.pressed, None
        while widget is not None and not isinstance(widget, QAbstractButton):
            widget = widget.parentWidget() if self._on_page(widget) else None
        if isinstance(widget, QAbstractButton):
            widget.setDown(False)
