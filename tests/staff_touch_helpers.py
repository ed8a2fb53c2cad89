"""Taps and drags as a finger makes them, for the staff area's touch tests.

The finger scrolling (``QScroller``) holds a press back for a moment and then gives it to the
widget under that point of the screen; the offscreen test screen is small (800x600), so a tap
first moves the window to put the spot on the screen, as it is on the kiosk's."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot


def on_screen(qtbot: QtBot, widget: QWidget, spot: QPoint) -> None:
    """Move ``widget``'s window so that ``spot`` (in the widget) is on the test screen."""
    under = QApplication.widgetAt(widget.mapToGlobal(spot))
    if under is not None and (under is widget or widget.isAncestorOf(under)):
        return
    window = widget.window()
    window.move(window.pos() - widget.mapToGlobal(spot) + QPoint(400, 500))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.widgetAt(widget.mapToGlobal(spot)) is not None)
    qtbot.waitUntil(window.isActiveWindow)


def into_view(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so that it shows."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()


def tap(qtbot: QtBot, widget: QWidget, spot: QPoint | None = None) -> None:
    """A tap on ``widget`` (at ``spot``, or its middle), scrolled into view first."""
    assert widget.isVisible() and widget.isEnabled(), widget
    into_view(widget)
    QApplication.processEvents()
    visible = widget.visibleRegion().boundingRect()
    assert not visible.isEmpty(), widget
    point = spot if spot is not None else visible.center()
    on_screen(qtbot, widget, point)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def drag(qtbot: QtBot, widget: QWidget, start: QPoint, end: QPoint, steps: int = 12) -> None:
    """A finger's drag (a touch reaches Qt as the left button): press, move, release."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, steps + 1):
        QTest.mouseMove(widget, start + (end - start) * step / steps)
        qtbot.wait(16)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def finger_tap(qtbot: QtBot, widget: QWidget) -> None:
    """A tap where ``widget`` is on the screen, given to its window as a finger's is: whatever
    is on top of that spot (a popup) gets it, not necessarily ``widget``."""
    assert widget.isVisible() and widget.isEnabled(), widget
    into_view(widget)
    QApplication.processEvents()
    centre = widget.visibleRegion().boundingRect().center()
    on_screen(qtbot, widget, centre)
    window = widget.window()
    spot = widget.mapTo(window, centre)
    # To the window's QWindow, as the platform gives it: Qt finds what is under the spot.
    handle = window.windowHandle()
    assert handle is not None
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    qtbot.wait(10)  # what the tap set off (the keyboard offered after a focus) runs


def finger_drag(qtbot: QtBot, widget: QWidget, start: QPoint, end: QPoint, steps: int = 12) -> None:
    """A finger's drag from ``start`` to ``end`` (in ``widget``), given to the window's QWindow
    as the platform gives it: whatever is under the finger gets it."""
    on_screen(qtbot, widget, start)
    window = widget.window()
    handle = window.windowHandle()
    assert handle is not None
    begin, finish = widget.mapTo(window, start), widget.mapTo(window, end)
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, begin)
    for step in range(1, steps + 1):
        QTest.mouseMove(handle, begin + (finish - begin) * step / steps)
        qtbot.wait(16)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, finish)
    qtbot.wait(10)


# Touch events (for a widget that takes them, as the maps do) --------------------------------

_device: QPointingDevice | None = None


def device() -> QPointingDevice:
    global _device
    if _device is None:
        _device = QTest.createTouchDevice()
    return _device


def window_point(widget: QWidget, point: QPoint) -> QPoint:
    return widget.mapTo(widget.window(), point)


def touch(widget: QWidget) -> QTest.QTouchEventSequence:
    """A touch sequence given to ``widget``'s window as the platform gives it (window
    coordinates): Qt finds what is under each finger."""
    handle = widget.window().windowHandle()
    assert handle is not None
    return QTest.touchEvent(handle, device())


def touch_pinch(widget: QWidget, centre: QPoint, spread: int, to: int) -> None:
    """Two fingers on either side of ``centre`` (in ``widget``), ``spread`` px from it, moved
    to ``to`` px from it: apart zooms in."""

    def fingers(gap: int) -> tuple[QPoint, QPoint]:
        return (
            window_point(widget, centre - QPoint(gap, 0)),
            window_point(widget, centre + QPoint(gap, 0)),
        )

    first, second = fingers(spread)
    touch(widget).press(0, first).press(1, second).commit()
    for step in range(1, 6):
        first, second = fingers(spread + (to - spread) * step // 5)
        touch(widget).move(0, first).move(1, second).commit()
    touch(widget).release(0, first).release(1, second).commit()


def touch_drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    """One finger from ``start`` to ``end`` (in ``widget`` where it is when the finger comes
    down), by touch events: the finger's path is on the screen, whatever moves under it."""
    begin, finish = window_point(widget, start), window_point(widget, end)
    touch(widget).press(0, begin).commit()
    for step in range(1, 7):
        touch(widget).move(0, begin + (finish - begin) * step / 6).commit()
    touch(widget).release(0, finish).commit()


def touch_tap(widget: QWidget, at: QPoint) -> None:
    """One finger down and up at ``at`` (in ``widget``), by touch events."""
    touch(widget).press(0, window_point(widget, at)).commit()
    touch(widget).release(0, window_point(widget, at)).commit()


def read_plainly(text: str) -> str:
    """``text`` with French no-break spaces (before « : ; ! ? » and inside guillemets, put in
    by the French translator) read as plain spaces: for comparing against readable source."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")
