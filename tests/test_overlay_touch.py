"""The overlays' own controls answer a finger (touch events, as a touchscreen sends them):
the PIN keys, a staff question's answers, the closed screen's staff corner. The overlay takes
a touch for itself only where no control of its own is under the finger."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.kit.overlays import ClosedOverlay
from kiosk.kit.theme import Metrics
from kiosk.library import pin
from kiosk.library.pin import PinGuard
from kiosk.store.database import Catalogue
from kiosk.ui.pin_pad import PinPad
from tests.staff_touch_helpers import touch, touch_tap, window_point


def a_window(qtbot: QtBot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1920, 1080)
    host.show()
    qtbot.waitExposed(host)
    return host


def finger_on(widget: QWidget) -> None:
    touch_tap(widget, widget.rect().center())
    QApplication.processEvents()


def test_the_pin_is_typed_and_accepted_by_finger(
    qtbot: QtBot, qapp: QApplication, sample_catalogue: Catalogue
) -> None:
    pin.set_pin(sample_catalogue, "2468")
    host = a_window(qtbot)
    pad = PinPad(host, Metrics(1.0), sample_catalogue, PinGuard(sample_catalogue))
    pad.open()
    qtbot.waitUntil(lambda: pad.keys["2"].isVisible())
    touched: list[bool] = []
    pad.touched.connect(lambda: touched.append(True))
    for digit in "246":
        finger_on(pad.keys[digit])
    assert pad.entered == "246"
    assert touched  # a finger on a key still counts as a touch of the pad (its timer)
    with qtbot.waitSignal(pad.accepted, timeout=3000):
        finger_on(pad.keys["8"])
        finger_on(pad.keys["✓"])
    assert not pad.isVisible()


def test_a_touch_beside_the_keys_is_the_pad_s_own(
    qtbot: QtBot, qapp: QApplication, sample_catalogue: Catalogue
) -> None:
    pin.set_pin(sample_catalogue, "2468")
    host = a_window(qtbot)
    pad = PinPad(host, Metrics(1.0), sample_catalogue, PinGuard(sample_catalogue))
    pad.open()
    touched: list[bool] = []
    pad.touched.connect(lambda: touched.append(True))
    touch_tap(pad, QPoint(10, host.height() - 10))  # the darkened ground, no key there
    QApplication.processEvents()
    assert touched and pad.entered == ""


def test_a_staff_question_is_answered_by_finger(qtbot: QtBot, qapp: QApplication) -> None:
    from kiosk.staff.dialogs import NO, YES, active_question, ask

    host = a_window(qtbot)
    answers: list[bool] = []

    def tap_yes() -> None:
        question = active_question(host)
        assert question is not None
        finger_on(question.buttons[YES])

    def give_up() -> None:  # the finger did nothing: « Non », instead of waiting for ever
        question = active_question(host)
        if question is not None:
            question.answer(NO)

    QTimer.singleShot(50, tap_yes)
    deadline = QTimer(host)
    deadline.setSingleShot(True)
    deadline.timeout.connect(give_up)
    deadline.start(5000)
    answers.append(ask(host, "Supprimer ?", "Le lieu ira dans la Corbeille."))
    deadline.stop()
    assert answers == [True]


def test_the_closed_screen_corner_opens_by_a_finger_held(qtbot: QtBot, qapp: QApplication) -> None:
    host = a_window(qtbot)
    logo = QWidget(host)
    logo.setGeometry(0, 0, 200, 80)
    closed = ClosedOverlay(host, Metrics(1.0), anchor=logo, hold_ms=300)
    closed.show_over()
    corner = closed.staff_corner
    spot = window_point(corner, corner.rect().center())
    with qtbot.waitSignal(corner.long_pressed, timeout=3000):
        touch(corner).press(0, spot).commit()
        qtbot.wait(500)
    touch(corner).release(0, spot).commit()
