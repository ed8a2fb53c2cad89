"""The feedback during the hidden staff gesture: nothing at a tap, a ring that fills after a
moment of holding, gone at the release or when the PIN pad opens."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.kit.press_feedback import PressFeedback
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import LongPressArea


def make(qtbot: QtBot, hold_ms: int, delay_ms: int) -> tuple[LongPressArea, PressFeedback]:
    area = LongPressArea(hold_ms)
    qtbot.addWidget(area)
    area.resize(300, 80)
    area.show()
    return area, PressFeedback(area, Metrics(1.0), delay_ms=delay_ms)


def test_a_tap_shows_nothing_a_hold_fills_the_ring(qtbot: QtBot) -> None:
    area, ring = make(qtbot, hold_ms=60_000, delay_ms=150)
    QTest.mouseClick(area, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    qtbot.wait(300)
    assert not ring.isVisible()  # a tap: nothing drawn, nothing to attract visitors
    QTest.mousePress(area, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert not ring.isVisible()  # not at once
    qtbot.waitUntil(lambda: ring.isVisible() and ring.progress > 0)
    first = ring.progress
    qtbot.waitUntil(lambda: ring.progress > first)
    assert ring.geometry().height() == area.height()
    assert ring.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    QTest.mouseRelease(area, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert not ring.isVisible() and ring.progress == 0


def test_the_ring_goes_when_the_gesture_completes(qtbot: QtBot) -> None:
    area, ring = make(qtbot, hold_ms=600, delay_ms=100)
    QTest.mousePress(area, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    qtbot.waitUntil(ring.isVisible)
    with qtbot.waitSignal(area.long_pressed, timeout=5000):
        pass
    assert not ring.isVisible()
    QTest.mouseRelease(area, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
