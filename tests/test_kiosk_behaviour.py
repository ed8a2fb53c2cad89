"""Kiosk behaviour: idle countdown and reset, attract loop and wake, no reset during a video,
lockdown, the staff PIN, closing hours and usage statistics (pytest-qt, short timeouts)."""

from __future__ import annotations

import dataclasses
import logging
import time
from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.library import pin, usage
from kiosk.library.pin import PinGuard
from kiosk.library.settings import KioskSettings
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.lockdown import InputGuard
from kiosk.ui.window import KioskWindow
from tests.harness.windows import StartKioskController

FAST = KioskSettings(idle_timeout_s=15, idle_countdown_s=3, staff_timeout_s=60)
MONDAY_NOON = datetime(2026, 11, 30, 12, 0)


class FakeStaffArea(QWidget):
    """Stands in for the staff area: the controller's logic is under test, not the area."""

    closed = Signal()
    quit_kiosk_requested = Signal()


@pytest.fixture
def kiosk(
    sample_kiosk_window: KioskWindow, start_kiosk_controller: StartKioskController
) -> KioskController:
    controller = start_kiosk_controller(
        sample_kiosk_window,
        FAST,
        staff_factory=lambda _c: FakeStaffArea(),
        clock=lambda: MONDAY_NOON,
        quick_idle=True,
        start=False,
    )
    controller.staff_timeout_ms = 200
    controller.start()
    return controller


def test_idle_counts_down_then_resets_to_the_attract_loop(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    window = kiosk.window
    window.open("page", "ess")
    kiosk.context.languages.set_language("en")
    window.top_bar.large_text_button.click()
    assert kiosk.context.metrics.text_scale > 1
    qtbot.waitUntil(kiosk.countdown.isVisible, timeout=2000)
    assert kiosk.countdown.seconds.text() in {"2", "1"}
    qtbot.waitUntil(kiosk.attract.isVisible, timeout=2000)
    assert not kiosk.countdown.isVisible()
    assert window.current_route.name == "home"
    assert kiosk.context.languages.language == "fr"
    assert kiosk.context.metrics.text_scale == 1.0
    assert not window.top_bar.large_text_button.isChecked()
    qtbot.waitUntil(lambda: kiosk.attract.showing >= 0, timeout=3000)


def test_a_touch_during_the_countdown_cancels_it(qtbot: QtBot, kiosk: KioskController) -> None:
    qtbot.waitUntil(kiosk.countdown.isVisible, timeout=2000)
    qtbot.mouseClick(kiosk.countdown, Qt.MouseButton.LeftButton)
    assert not kiosk.countdown.isVisible()
    assert not kiosk.attract.isVisible()


def _under_the_countdown(kiosk: KioskController, target: str) -> QPoint:
    """Where the EN button or the map tile is, in the window, under the countdown."""
    if target == "en":
        widget: QWidget = kiosk.window.top_bar.language_buttons["en"]
    else:
        widget = kiosk.window.screens["home"].tiles["map"]  # type: ignore[attr-defined]
    return widget.mapTo(kiosk.window, widget.rect().center())


@pytest.mark.parametrize("target", ["en", "tile"])
@pytest.mark.parametrize("finger", ["mouse", "touch"])
def test_the_touch_that_dismisses_the_countdown_presses_nothing(
    qtbot: QtBot, kiosk: KioskController, target: str, finger: str
) -> None:
    """Delivered to the window as the platform delivers it (Qt picks the widget under the
    point): a move then a click, or a touch press and release."""
    qtbot.waitUntil(kiosk.countdown.isVisible, timeout=2000)
    handle = kiosk.window.windowHandle()
    where = _under_the_countdown(kiosk, target)
    if finger == "mouse":
        QTest.mouseMove(handle, where)
        assert kiosk.countdown.isVisible()  # a pointer that only moves does not dismiss it
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=where)
        assert not kiosk.countdown.isVisible()  # gone at the press
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=where)
    else:
        device = QTest.createTouchDevice()
        QTest.touchEvent(handle, device).press(0, where)
        assert not kiosk.countdown.isVisible()
        QTest.touchEvent(handle, device).move(0, where + QPoint(3, 2))
        QTest.touchEvent(handle, device).release(0, where + QPoint(3, 2))
    QApplication.processEvents()
    assert kiosk.context.languages.language == "fr"
    assert kiosk.window.current_route.name == "home"
    assert not kiosk.attract.isVisible() and kiosk.idle._idle_timer.isActive()
    assert not kiosk.countdown.swallowing  # the next touch is the visitor's
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=_under_the_countdown(kiosk, "en"))
    assert kiosk.context.languages.language == "en"


def test_the_waking_touch_opens_home_and_presses_nothing_underneath(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    kiosk.sleep()
    assert kiosk.attract.isVisible()
    home = kiosk.window.screens["home"]
    map_tile = home.tiles["map"]  # type: ignore[attr-defined]
    centre = map_tile.mapTo(kiosk.window, map_tile.rect().center())
    qtbot.mouseClick(kiosk.attract, Qt.MouseButton.LeftButton, pos=centre)
    assert not kiosk.attract.isVisible()
    assert kiosk.window.current_route.name == "home"  # the tile under the finger did not open
    assert kiosk.idle._idle_timer.isActive()


def test_no_reset_while_a_video_plays(qtbot: QtBot, kiosk: KioskController) -> None:
    kiosk.set_video_playing(True)
    qtbot.wait(500)
    assert not kiosk.countdown.isVisible() and not kiosk.attract.isVisible()
    kiosk.set_video_playing(False)
    qtbot.waitUntil(kiosk.countdown.isVisible, timeout=2000)


def test_a_video_starting_during_the_countdown_cancels_it(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    qtbot.waitUntil(kiosk.countdown.isVisible, timeout=2000)
    kiosk.set_video_playing(True)
    assert not kiosk.countdown.isVisible()
    qtbot.wait(400)
    assert not kiosk.attract.isVisible()


@pytest.mark.parametrize(
    "key,modifiers",
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_lockdown_swallows_leaving_shortcuts(
    qapp: QApplication, qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    received: list[int] = []

    class Recorder(QWidget):
        def keyPressEvent(self, event: QKeyEvent) -> None:
            received.append(event.key())

    widget = Recorder()
    qtbot.addWidget(widget)
    guard = InputGuard(hide_cursor=False)
    qapp.installEventFilter(guard)
    try:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
        )
    finally:
        qapp.removeEventFilter(guard)
    assert received == [Qt.Key.Key_A]


def test_the_cursor_is_hidden_until_released(qapp: QApplication) -> None:
    guard = InputGuard(hide_cursor=True)
    assert guard.cursor_hidden
    assert qapp.overrideCursor() is not None
    assert qapp.overrideCursor().shape() == Qt.CursorShape.BlankCursor  # type: ignore[union-attr]
    guard.release()
    assert not guard.cursor_hidden


def press_digits(qtbot: QtBot, kiosk: KioskController, digits: str) -> None:
    for digit in digits:
        kiosk.pin_pad.keys[digit].click()
    kiosk.pin_pad.keys["✓"].click()


def visible_texts(widget: QWidget) -> list[str]:
    """The texts a visitor can read on ``widget``: its visible labels and buttons."""
    return [
        child.text()
        for child in widget.findChildren(QLabel) + widget.findChildren(QPushButton)
        if child.isVisibleTo(widget) and child.text()
    ]


def test_the_hidden_gesture_without_a_pin_opens_no_way_in(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    assert not pin.has_pin(kiosk.context.catalogue)
    kiosk.window.top_bar.logo.long_pressed.emit()
    pad = kiosk.pin_pad
    assert pad.isVisible() and pad.mode == "no-pin"
    assert pad.title.text() == "Borne non configurée"
    assert not pad.keypad.isVisible() and not pad.dots.isVisible()
    assert not any(key.isEnabled() for key in pad.keys.values())
    # Nothing tells a visitor how to get in (the log, `kiosk status` and the guide tell staff).
    texts = " ".join(visible_texts(pad))
    assert "kiosk" not in texts and "code" not in texts.lower()
    for digit in "24682468":
        pad._type(digit)
    pad._submit()
    assert pad.entered == "" and kiosk.staff_area is None
    pad.cancel_button.click()
    assert not pad.isVisible() and not kiosk.idle.suspended
    assert not pin.has_pin(kiosk.context.catalogue)


def test_a_start_without_a_pin_shows_no_pad_and_tells_the_log(
    qtbot: QtBot, kiosk: KioskController, caplog: pytest.LogCaptureFixture
) -> None:
    assert not pin.has_pin(kiosk.context.catalogue)
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        kiosk.start()
    assert not kiosk.pin_pad.isVisible()
    assert kiosk.window.current_route.name == "home"
    assert not kiosk.idle.suspended
    assert any("kiosk pin set" in record.getMessage() for record in caplog.records)
    caplog.clear()
    pin.set_pin(kiosk.context.catalogue, "1357")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        kiosk.start()
    assert not any("kiosk pin set" in record.getMessage() for record in caplog.records)


def test_the_pin_pad_closes_at_the_idle_reset(qtbot: QtBot, kiosk: KioskController) -> None:
    pin.set_pin(kiosk.context.catalogue, "1357")
    kiosk.open_pin_pad()
    assert kiosk.pin_pad.isVisible() and not kiosk.idle.suspended
    kiosk.pin_pad.keys["1"].click()
    qtbot.waitUntil(kiosk.attract.isVisible, timeout=3000)
    assert not kiosk.pin_pad.isVisible()
    assert kiosk.pin_pad.entered == ""


def test_the_pin_pad_closes_itself_when_nobody_touches_it(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    kiosk.idle.stop()  # as on the closed screen: no idle reset to close it
    for has_pin in (False, True):
        if has_pin:
            pin.set_pin(kiosk.context.catalogue, "1357")
        kiosk.pin_pad.inactivity_ms = kiosk.pin_pad.no_pin_inactivity_ms = 150
        kiosk.open_pin_pad()
        assert kiosk.pin_pad.isVisible()
        qtbot.waitUntil(lambda: not kiosk.pin_pad.isVisible(), timeout=2000)
    assert kiosk.staff_area is None


def close_for_the_night(kiosk: KioskController) -> list[datetime]:
    hours = {"mon": ["09:00", "18:00"]}
    kiosk.settings = dataclasses.replace(kiosk.settings, opening_hours=hours)
    now = [MONDAY_NOON.replace(hour=19)]
    kiosk.clock = lambda: now[0]
    kiosk.check_schedule()
    assert kiosk.closed.isVisible()
    return now


def long_press_where_the_logo_is(qtbot: QtBot, kiosk: KioskController, hold_ms: int) -> None:
    """A real press at the logo's place on the screen, held ``hold_ms``."""
    logo = kiosk.window.top_bar.logo
    centre = logo.mapTo(kiosk.window, logo.rect().center())
    target = kiosk.window.childAt(centre)
    assert target is not None
    local = target.mapFrom(kiosk.window, centre)
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    qtbot.wait(hold_ms)
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)


def test_the_staff_gesture_works_on_the_closed_screen(qtbot: QtBot, kiosk: KioskController) -> None:
    pin.set_pin(kiosk.context.catalogue, "1357")
    now = close_for_the_night(kiosk)
    kiosk.closed.staff_corner.hold_ms = 100
    long_press_where_the_logo_is(qtbot, kiosk, 20)  # a short press: nothing
    assert not kiosk.pin_pad.isVisible()
    long_press_where_the_logo_is(qtbot, kiosk, 300)
    assert kiosk.pin_pad.isVisible() and kiosk.pin_pad.mode == "verify"
    press_digits(qtbot, kiosk, "1357")
    assert kiosk.staff_area is not None and kiosk.staff_area.isVisible()
    kiosk.check_schedule()  # still closed: the staff area stays
    assert kiosk.staff_area is not None
    kiosk.close_staff_area()
    assert kiosk.closed.isVisible() and not kiosk.attract.isVisible()
    now[0] = datetime(2026, 12, 7, 9, 1)
    kiosk.check_schedule()
    assert not kiosk.closed.isVisible() and kiosk.attract.isVisible()


def test_the_closed_screen_closes_an_open_pad(qtbot: QtBot, kiosk: KioskController) -> None:
    pin.set_pin(kiosk.context.catalogue, "1357")
    kiosk.open_pin_pad()
    kiosk.pin_pad.keys["1"].click()
    close_for_the_night(kiosk)
    assert not kiosk.pin_pad.isVisible() and kiosk.pin_pad.entered == ""


def test_a_short_press_on_the_logo_does_nothing(qtbot: QtBot, kiosk: KioskController) -> None:
    logo = kiosk.window.top_bar.logo
    qtbot.mousePress(logo, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.wait(100)
    qtbot.mouseRelease(logo, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not kiosk.pin_pad.isVisible()


def test_wrong_pins_lock_the_pad_then_the_right_one_opens_staff(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    pin.set_pin(kiosk.context.catalogue, "1357")
    now = [1000.0]
    kiosk.pin_pad.guard = PinGuard(clock=lambda: now[0])
    kiosk.open_pin_pad()
    assert kiosk.pin_pad.mode == "verify"
    for _ in range(5):
        press_digits(qtbot, kiosk, "0000")
    assert kiosk.pin_pad.guard.seconds_locked() == 30
    assert not kiosk.pin_pad.keys["1"].isEnabled()
    assert "30 s" in kiosk.pin_pad.message.text()
    press_digits(qtbot, kiosk, "1357")  # ignored while locked
    assert kiosk.staff_area is None
    now[0] += 31
    kiosk.pin_pad._refresh()
    press_digits(qtbot, kiosk, "1357")
    assert kiosk.staff_area is not None
    assert not kiosk.pin_pad.isVisible()
    assert kiosk.idle.suspended  # no idle reset under the staff area (it has its own timeout)


def test_the_lockout_grows_with_each_further_wrong_try() -> None:
    now = [0.0]
    guard = PinGuard(clock=lambda: now[0])
    delays = []
    for _ in range(7):
        guard.record(False)
        delays.append(guard.seconds_locked())
    assert delays == [0, 0, 0, 0, 30, 60, 120]
    guard.record(True)
    assert guard.seconds_locked() == 0


def test_the_staff_session_ends_after_inactivity(qtbot: QtBot, kiosk: KioskController) -> None:
    kiosk.open_staff_area()
    assert kiosk.staff_area is not None
    qtbot.waitUntil(lambda: kiosk.staff_area is None, timeout=2000)
    assert kiosk.window.current_route.name == "home"
    assert not kiosk.idle.suspended


def test_staff_can_leave_kiosk_mode(qtbot: QtBot, kiosk: KioskController) -> None:
    kiosk.open_staff_area()
    area = kiosk.staff_area
    assert isinstance(area, FakeStaffArea)
    with qtbot.waitSignal(kiosk.quit_requested, timeout=1000):
        area.quit_kiosk_requested.emit()
    assert not kiosk.window.isVisible()


def test_closing_hours_show_a_dark_screen_then_wake_at_opening(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    hours = {"mon": ["09:00", "18:00"]}
    kiosk.settings = dataclasses.replace(kiosk.settings, opening_hours=hours)
    now = [MONDAY_NOON.replace(hour=19)]
    kiosk.clock = lambda: now[0]
    kiosk.check_schedule()
    assert kiosk.closed.isVisible()
    assert "07/12 à 09:00" in kiosk.closed.detail.text()
    qtbot.wait(400)
    assert not kiosk.countdown.isVisible()
    now[0] = datetime(2026, 12, 7, 9, 1)
    kiosk.check_schedule()
    assert not kiosk.closed.isVisible()
    assert kiosk.attract.isVisible()


def test_a_kiosk_started_unattended_begins_with_the_attract_loop(
    qtbot: QtBot, kiosk: KioskController
) -> None:
    pin.set_pin(kiosk.context.catalogue, "1357")
    kiosk.start(attract=True)
    assert kiosk.attract.isVisible()
    assert not kiosk.pin_pad.isVisible()


def test_a_visit_is_recorded_and_summarised(qtbot: QtBot, kiosk: KioskController) -> None:
    kiosk.window.open("map", "le-mazier")
    kiosk._video_watch = ("videos/clip.mp4", time.monotonic() - 42)  # a video watched 42 s
    kiosk.window.open("page", "ess")
    kiosk.context.languages.set_language("en")
    kiosk.sleep()
    today = date.today()
    summary = usage.summarize(kiosk.context.catalogue, today, today)
    assert summary.visits == 1
    assert summary.screens["map"] == 1 and summary.screens["page"] == 1
    assert summary.places == {"le-mazier": 1}
    assert summary.languages["en"] == 1
    assert summary.videos == {"videos/clip.mp4": 1}
    assert summary.video_seconds["videos/clip.mp4"] == pytest.approx(42, abs=2)
    assert usage.to_csv(summary).startswith("Rubrique;Élément;Nombre;")


def test_the_countdown_and_attract_loop_speak_english(kiosk: KioskController) -> None:
    assert kiosk.attract.secondary.startswith("Touch the screen")  # French loop, English line
    kiosk.context.languages.set_language("en")
    assert kiosk.attract.secondary == ""
    assert kiosk.countdown.question.text() == "Are you still there?"
    assert kiosk.attract.invitation.startswith("Touch the screen")


XRANDR_QUERY = """Screen 0: minimum 8 x 8, current 1920 x 1080, maximum 32767 x 32767
eDP-1 connected (normal left inverted right x axis y axis)
HDMI-1 connected primary 1920x1080+0+0 (normal left inverted right x axis y axis) 527mm x 296mm
   1920x1080     60.00*+
DP-1 disconnected (normal left inverted right x axis y axis)
"""


def test_rotation_turns_the_primary_screen_and_its_touch_input() -> None:
    from kiosk.ui.lockdown import primary_output, rotation_commands

    output = primary_output(XRANDR_QUERY)
    assert output == "HDMI-1"
    assert rotation_commands(90, output, ["ILITEK Multi-Touch"]) == [
        ["xrandr", "--output", "HDMI-1", "--rotate", "left"],
        ["xinput", "map-to-output", "ILITEK Multi-Touch", "HDMI-1"],
    ]
    assert rotation_commands(0, output, [])[0][-1] == "normal"
    assert primary_output(XRANDR_QUERY.replace(" primary", "")) == "eDP-1"
    assert primary_output("Screen 0: minimum 8 x 8\n") is None
