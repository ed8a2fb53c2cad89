"""The gesture recogniser alone: sequences of presses, moves and releases with their times."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.kit.gestures import (
    DOUBLE_TAP_MS,
    LONG_PRESS_MS,
    Gesture,
    GestureInput,
    GestureKind,
    GestureRecogniser,
    glide,
)

P = QPointF


def kinds(gestures: list[Gesture]) -> list[GestureKind]:
    return [gesture.kind for gesture in gestures]


def tap(recogniser: GestureRecogniser, pos: QPointF, at: float) -> list[Gesture]:
    return recogniser.press(0, pos, at) + recogniser.release(0, pos, at + 0.05)


def test_a_still_press_is_a_tap_where_the_finger_came_down() -> None:
    recogniser = GestureRecogniser(1080)
    out = recogniser.press(0, P(100, 100), 0.0)
    out += recogniser.move(0, P(105, 108), 0.02)  # under the slop (16 px at 1080 p)
    out += recogniser.release(0, P(106, 109), 0.08)
    assert kinds(out) == [GestureKind.PRESS, GestureKind.TAP]
    assert out[-1].pos == P(100, 100)


def test_double_tap_needs_both_time_and_distance() -> None:
    recogniser = GestureRecogniser(1080)
    assert kinds(tap(recogniser, P(100, 100), 0.0))[-1] is GestureKind.TAP
    assert kinds(tap(recogniser, P(130, 110), 0.2))[-1] is GestureKind.DOUBLE_TAP
    # A third tap starts again: it is a first tap.
    assert kinds(tap(recogniser, P(130, 110), 0.4))[-1] is GestureKind.TAP
    # Too late:
    late = 0.4 + 0.05 + DOUBLE_TAP_MS / 1000 + 0.01
    assert kinds(tap(recogniser, P(130, 110), late))[-1] is GestureKind.TAP
    # In time but too far (two taps on two places are two taps, not a double tap).
    assert kinds(tap(recogniser, P(400, 110), late + 0.2))[-1] is GestureKind.TAP
    # A tap used for something else does not start a double tap.
    recogniser.forget_tap()
    assert kinds(tap(recogniser, P(400, 110), late + 0.3))[-1] is GestureKind.TAP


def test_the_slop_and_reach_scale_with_the_screen() -> None:
    small = GestureRecogniser(540)
    large = GestureRecogniser(2160)
    assert small.slop == pytest.approx(8) and large.slop == pytest.approx(32)
    assert large.double_tap_reach == pytest.approx(144)
    # 20 px is a drag on the small screen, still a tap on the large one.
    for recogniser, expected in ((small, GestureKind.DRAG_END), (large, GestureKind.TAP)):
        out = recogniser.press(0, P(0, 0), 0.0)
        out += recogniser.move(0, P(20, 0), 0.05)
        out += recogniser.release(0, P(20, 0), 0.1)
        assert out[-1].kind is expected


def test_a_drag_reports_each_step_and_the_release_speed() -> None:
    recogniser = GestureRecogniser(1080)
    out = recogniser.press(0, P(100, 100), 0.0)
    out += recogniser.move(0, P(130, 100), 0.01)
    assert kinds(out) == [GestureKind.PRESS, GestureKind.DRAG_START, GestureKind.DRAG]
    assert out[-1].delta == P(30, 0) and out[-1].total == P(30, 0)
    step = recogniser.move(0, P(150, 110), 0.02)[0]
    assert step.delta == P(20, 10) and step.total == P(50, 10)
    end = recogniser.release(0, P(170, 120), 0.03)[-1]
    assert end.kind is GestureKind.DRAG_END
    # Over the last tenth of a second: 70 px right and 20 px down in 30 ms.
    assert end.velocity.x() == pytest.approx(70 / 0.03)
    assert end.velocity.y() == pytest.approx(20 / 0.03)


def test_a_drag_that_rested_before_the_release_does_not_fling() -> None:
    recogniser = GestureRecogniser(1080)
    recogniser.press(0, P(0, 0), 0.0)
    recogniser.move(0, P(100, 0), 0.05)
    end = recogniser.release(0, P(100, 0), 0.5)[-1]
    assert end.kind is GestureKind.DRAG_END and end.velocity == P(0, 0)


def test_a_drag_is_never_a_tap_nor_the_first_of_a_double_tap() -> None:
    recogniser = GestureRecogniser(1080)
    tap(recogniser, P(100, 100), 0.0)
    out = recogniser.press(0, P(100, 100), 0.1)
    out += recogniser.move(0, P(200, 100), 0.15)
    out += recogniser.release(0, P(200, 100), 0.2)
    assert GestureKind.TAP not in kinds(out) and GestureKind.DOUBLE_TAP not in kinds(out)
    assert kinds(tap(recogniser, P(100, 100), 0.25))[-1] is GestureKind.TAP


def test_long_press() -> None:
    recogniser = GestureRecogniser(1080)
    recogniser.press(0, P(10, 10), 0.0)
    assert recogniser.expire(LONG_PRESS_MS / 1000 - 0.1) == []  # not yet
    held = recogniser.expire(LONG_PRESS_MS / 1000)
    assert kinds(held) == [GestureKind.LONG_PRESS] and held[0].pos == P(10, 10)
    # Then the release is nothing, and moving does not drag.
    assert recogniser.move(0, P(200, 10), 1.0) == []
    assert recogniser.release(0, P(200, 10), 1.1) == []
    # A moved finger is no long press.
    recogniser.press(0, P(10, 10), 2.0)
    recogniser.move(0, P(100, 10), 2.1)
    assert recogniser.expire(3.0) == []


def test_pinch_scales_about_the_fingers_and_cancels_a_drag() -> None:
    recogniser = GestureRecogniser(1080)
    recogniser.press(0, P(100, 100), 0.0)
    recogniser.move(0, P(150, 100), 0.02)  # dragging
    out = recogniser.press(1, P(350, 100), 0.04)
    assert kinds(out) == [GestureKind.CANCEL, GestureKind.PINCH_START]
    assert out[-1].pos == P(250, 100)
    pinch = recogniser.move(1, P(550, 100), 0.06)[0]
    assert pinch.kind is GestureKind.PINCH
    assert pinch.scale == pytest.approx(2.0) and pinch.step_scale == pytest.approx(2.0)
    assert pinch.pos == P(350, 100) and pinch.delta == P(100, 0)
    pinch = recogniser.move(0, P(350, 100), 0.08)[0]
    assert pinch.scale == pytest.approx(1.0) and pinch.step_scale == pytest.approx(0.5)
    out = recogniser.release(1, P(550, 100), 0.1)
    assert kinds(out) == [GestureKind.PINCH_END]
    # The finger left after a pinch neither drags nor taps.
    assert recogniser.move(0, P(500, 300), 0.12) == []
    assert recogniser.release(0, P(500, 300), 0.14) == []
    assert not recogniser.active


def test_cancel_forgets_every_finger() -> None:
    recogniser = GestureRecogniser(1080)
    recogniser.press(0, P(0, 0), 0.0)
    recogniser.move(0, P(100, 0), 0.02)
    assert kinds(recogniser.cancel()) == [GestureKind.CANCEL]
    assert not recogniser.active and recogniser.release(0, P(100, 0), 0.03) == []
    # The next press starts afresh.
    assert kinds(tap(recogniser, P(5, 5), 0.1)) == [GestureKind.PRESS, GestureKind.TAP]


def test_a_second_press_of_the_same_finger_restarts_it() -> None:
    """Qt may send a double click's second press twice (press, then double click)."""
    recogniser = GestureRecogniser(1080)
    tap(recogniser, P(50, 50), 0.0)
    recogniser.press(0, P(50, 50), 0.15)
    recogniser.press(0, P(50, 50), 0.15)
    assert kinds(recogniser.release(0, P(50, 50), 0.2)) == [GestureKind.DOUBLE_TAP]


def test_a_glide_slows_down() -> None:
    step, slower = glide(P(1000, 0), 0.1)
    assert step == P(100, 0)
    assert 0 < slower.x() < 1000 and slower.y() == 0


def test_positions_are_the_widgets_own_for_mouse_and_touch(qtbot: QtBot) -> None:
    """A child's events, as the mouse and a finger bring them, in the child's coordinates."""
    outer = QWidget()
    outer.resize(800, 600)
    inner = QWidget(outer)
    inner.setGeometry(200, 150, 400, 300)
    seen: list[Gesture] = []
    GestureInput(inner, seen.append)
    qtbot.addWidget(outer)
    outer.show()
    qtbot.waitExposed(outer)
    QTest.mouseClick(inner, Qt.MouseButton.LeftButton, pos=QPoint(30, 40))
    assert [(g.kind, g.pos) for g in seen] == [
        (GestureKind.PRESS, P(30, 40)),
        (GestureKind.TAP, P(30, 40)),
    ]
    seen.clear()
    device = QTest.createTouchDevice()
    QTest.touchEvent(outer, device).press(0, QPoint(250, 200)).commit()
    QTest.touchEvent(outer, device).move(0, QPoint(350, 200)).commit()
    QTest.touchEvent(outer, device).release(0, QPoint(350, 200)).commit()
    # (QTest places touch points on the screen, where the offscreen window sits 2 px in.)
    press, end = seen[0], seen[-1]
    assert press.kind is GestureKind.PRESS
    assert abs(press.pos.x() - 50) <= 3 and abs(press.pos.y() - 50) <= 3
    assert end.kind is GestureKind.DRAG_END and end.pos - press.pos == P(100, 0)


def test_a_finger_on_a_button_inside_taps_the_button_and_a_drag_from_it_is_the_widgets(
    qtbot: QtBot,
) -> None:
    """One rule for every gesture area: a finger's tap on a button drawn over it clicks the
    button and is no press nor tap of the area; a drag starting on the button is the area's."""
    area = QWidget()
    area.resize(800, 600)
    button = QPushButton("Suivant", area)
    button.setGeometry(600, 250, 120, 100)
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    seen: list[Gesture] = []
    GestureInput(area, seen.append)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    device = QTest.createTouchDevice()
    on_button = button.mapTo(area, button.rect().center())
    QTest.touchEvent(area, device).press(0, on_button).commit()
    assert button.isDown() and not seen  # pressed, and the area is not touched
    QTest.touchEvent(area, device).release(0, on_button).commit()
    assert clicks == [True] and not seen and not button.isDown()
    # A second tap beside it soon after is a first tap, not a double tap.
    QTest.touchEvent(area, device).press(0, on_button - QPoint(70, 0)).commit()
    QTest.touchEvent(area, device).release(0, on_button - QPoint(70, 0)).commit()
    assert kinds(seen) == [GestureKind.PRESS, GestureKind.TAP]
    seen.clear()
    QTest.touchEvent(area, device).press(0, on_button).commit()
    QTest.touchEvent(area, device).move(0, on_button - QPoint(300, 0)).commit()
    QTest.touchEvent(area, device).release(0, on_button - QPoint(300, 0)).commit()
    assert clicks == [True] and not button.isDown()
    assert kinds(seen)[:3] == [GestureKind.PRESS, GestureKind.DRAG_START, GestureKind.DRAG]
    assert kinds(seen)[-1] is GestureKind.DRAG_END
    # A disabled button takes the tap and does nothing (as under the mouse).
    seen.clear()
    button.setEnabled(False)
    QTest.touchEvent(area, device).press(0, on_button).commit()
    QTest.touchEvent(area, device).release(0, on_button).commit()
    assert clicks == [True] and not seen
