"""The hidden staff gesture: a hold that a finger or mouse moving farther than a tap's slop
(scaled to the window, as every gesture's) gives up; its feedback: nothing at a tap, a ring
that fills after a moment of holding, gone at the release, when the finger moves away or when
the PIN pad opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.kit.gestures import TAP_SLOP_FRACTION
from kiosk.kit.press_feedback import PressFeedback
from kiosk.kit.theme import Metrics
from kiosk.kit.widgets import LongPressArea
from tests.staff_touch_helpers import touch, window_point


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


def held_in_a_window(
    qtbot: QtBot, size: QSize, hold_ms: int
) -> tuple[QWidget, LongPressArea, list[bool]]:
    """A window of ``size`` with a long-press area in its corner (the window is returned to be
    kept: pytest-qt holds it weakly)."""
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(size)
    area = LongPressArea(hold_ms, host)
    area.setGeometry(0, 0, 300, 80)
    host.show()
    qtbot.waitExposed(host)
    fired: list[bool] = []
    area.long_pressed.connect(lambda: fired.append(True))
    return host, area, fired


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1280, 720)])
def test_a_finger_that_moves_beyond_the_slop_is_not_holding(qtbot: QtBot, size: QSize) -> None:
    """14 px is within the slop at 1080 p (16 px), beyond it at 720 p (10.7 px)."""
    _host, area, fired = held_in_a_window(qtbot, size, hold_ms=300)
    ring = PressFeedback(area, Metrics(1.0), delay_ms=50)
    slop = min(size.width(), size.height()) * TAP_SLOP_FRACTION
    start = window_point(area, QPoint(150, 40))
    # A finger that quivers within the slop still holds: the gesture completes.
    within = start + QPoint(int(slop) - 2, 0)
    touch(area).press(0, start).commit()
    touch(area).move(0, within).commit()
    qtbot.waitUntil(lambda: fired == [True], timeout=5000)
    touch(area).release(0, within).commit()
    # One that moves farther lets go: the ring goes, the gesture never completes.
    beyond = start + QPoint(int(slop) + 3, 0)
    touch(area).press(0, start).commit()
    qtbot.waitUntil(ring.isVisible, timeout=5000)
    touch(area).move(0, beyond).commit()
    assert not ring.isVisible()
    qtbot.wait(500)
    assert fired == [True]
    touch(area).release(0, beyond).commit()


def test_a_mouse_that_moves_beyond_the_slop_is_not_holding(qtbot: QtBot) -> None:
    _host, area, fired = held_in_a_window(qtbot, QSize(1920, 1080), hold_ms=300)
    QTest.mousePress(area, Qt.MouseButton.LeftButton, pos=QPoint(150, 40))
    QTest.mouseMove(area, QPoint(150, 40 + 20))
    qtbot.wait(500)
    QTest.mouseRelease(area, Qt.MouseButton.LeftButton, pos=QPoint(150, 60))
    assert fired == []
    QTest.mousePress(area, Qt.MouseButton.LeftButton, pos=QPoint(150, 40))
    QTest.mouseMove(area, QPoint(150, 40 + 10))
    qtbot.waitUntil(lambda: fired == [True], timeout=5000)
    QTest.mouseRelease(area, Qt.MouseButton.LeftButton, pos=QPoint(150, 50))
