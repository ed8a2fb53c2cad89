"""Buttons drawn over a gesture area (the slideshow's drawing, the deep zoom, the map) answer a
finger: real touch events given to the window as the platform gives them, never the mouse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.screens.slideshow import SlideshowScreen
from tests.harness.windows import OpenKioskWindow
from tests.staff_touch_helpers import touch, touch_drag, touch_tap, window_point


@pytest.fixture
def slideshow(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> Iterator[SlideshowScreen]:
    """The sample album's slideshow, alone in a 1920 × 1080 window."""
    options = RunOptions(size=(1920, 1080))
    screen = SlideshowScreen(build_context(qapp, content_root, sample_catalogue, options))
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitExposed(screen)
    screen.show_route("fdtl")
    yield screen
    screen.cache.wait_for_idle(5000)


def finger_on(qtbot: QtBot, button: QWidget) -> None:
    """A finger's tap in the middle of ``button``, by touch events to its window."""
    assert button.isVisible(), button
    touch_tap(button, button.rect().center())
    qtbot.wait(10)


def slow_drag(qtbot: QtBot, widget: QWidget, start: QPoint, end: QPoint) -> None:
    """A deliberate finger drag: it moves in steps, rests, then lifts (no flick)."""
    begin, finish = window_point(widget, start), window_point(widget, end)
    touch(widget).press(0, begin).commit()
    for step in range(1, 11):
        touch(widget).move(0, begin + (finish - begin) * step / 10).commit()
        qtbot.wait(30)
    qtbot.wait(150)  # the finger rests: its speed as it lifts is nil
    touch(widget).release(0, finish).commit()


def settled(slideshow: SlideshowScreen, index: int) -> bool:
    return slideshow.current_index() == index and not slideshow.stage.is_animating()


# The slideshow ---------------------------------------------------------------------------------
def test_a_finger_on_the_arrows_turns_the_drawing(qtbot: QtBot, slideshow: SlideshowScreen) -> None:
    finger_on(qtbot, slideshow.next_button)
    qtbot.waitUntil(lambda: settled(slideshow, 1))
    finger_on(qtbot, slideshow.next_button)
    qtbot.waitUntil(lambda: settled(slideshow, 2))
    finger_on(qtbot, slideshow.previous_button)
    qtbot.waitUntil(lambda: settled(slideshow, 1))
    assert not slideshow.is_zooming()
    assert not slideshow.next_button.isDown() and not slideshow.previous_button.isDown()


def test_a_finger_pauses_and_plays_again_with_the_button(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    slideshow.resume_after_ms = 60_000
    button = slideshow.play_button
    assert slideshow.autoplay_is_running() and button.text() == "Pause"
    finger_on(qtbot, button)
    # Paused by the button (for good), not by a touch on the drawing (which comes back).
    assert not slideshow.autoplay_is_running() and slideshow.paused_by_button
    assert not slideshow.resume_timer.isActive() and not slideshow.autoplay_timer.isActive()
    assert button.text() == "Lecture"
    slideshow.autoplay_interval_ms = 100
    finger_on(qtbot, button)
    assert slideshow.autoplay_is_running() and button.text() == "Pause"
    assert slideshow.autoplay_timer.isActive()
    qtbot.waitUntil(lambda: slideshow.current_index() == 1, timeout=3000)  # it plays


def test_a_finger_on_zoomer_opens_the_zoom(qtbot: QtBot, slideshow: SlideshowScreen) -> None:
    finger_on(qtbot, slideshow.zoom_button)
    assert slideshow.is_zooming()
    qtbot.waitUntil(lambda: slideshow.zoom_page.isVisible())
    # The deep zoom's own buttons, in their band: « Page entière » after « + », then close.
    view = slideshow.zoom_view
    qtbot.waitUntil(lambda: slideshow.zoom_in_button.isEnabled())
    finger_on(qtbot, slideshow.zoom_in_button)
    qtbot.waitUntil(view.is_zoomed_in)
    qtbot.waitUntil(lambda: slideshow.whole_page_button.isEnabled())
    finger_on(qtbot, slideshow.whole_page_button)
    qtbot.waitUntil(lambda: not view.is_zoomed_in())
    finger_on(qtbot, slideshow.close_zoom_button)
    assert not slideshow.is_zooming()


def test_a_finger_swipe_and_double_tap_on_the_drawing_still_work(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    stage = slideshow.stage
    middle = stage.height() // 2
    touch_drag(stage, QPoint(1400, middle), QPoint(700, middle))
    qtbot.waitUntil(lambda: settled(slideshow, 1))
    assert slideshow.autoplay_is_paused() and not slideshow.paused_by_button
    touch_tap(stage, QPoint(900, 300))
    touch_tap(stage, QPoint(900, 300))
    assert slideshow.is_zooming()


def test_a_swipe_that_starts_on_a_button_is_a_swipe(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    zoom = slideshow.zoom_button
    start = zoom.mapTo(slideshow.stage, zoom.rect().center())
    slow_drag(qtbot, slideshow.stage, start, start - QPoint(600, 0))
    qtbot.waitUntil(lambda: settled(slideshow, 1))
    assert not slideshow.is_zooming() and not zoom.isDown()
    assert slideshow.autoplay_is_paused()  # the drawing was touched


def test_a_tap_on_a_button_is_no_half_of_a_double_tap(
    qtbot: QtBot, slideshow: SlideshowScreen
) -> None:
    button = slideshow.next_button
    touch_tap(slideshow.stage, button.geometry().center() - QPoint(button.width(), 0))
    finger_on(qtbot, button)
    qtbot.waitUntil(lambda: settled(slideshow, 1))
    assert not slideshow.is_zooming()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_a_deliberate_300_px_swipe_turns_the_page(
    qtbot: QtBot, slideshow: SlideshowScreen, size: tuple[int, int]
) -> None:
    slideshow.resize(*size)
    qtbot.waitUntil(lambda: slideshow.stage.width() == size[0])
    stage = slideshow.stage
    middle = QPoint(stage.width() // 2, stage.height() // 2)
    slow_drag(qtbot, stage, middle + QPoint(150, 0), middle - QPoint(150, 0))
    qtbot.waitUntil(lambda: settled(slideshow, 1))
    # A short, slow one springs back.
    slow_drag(qtbot, stage, middle, middle - QPoint(80, 0))
    qtbot.waitUntil(lambda: not stage.is_animating())
    assert slideshow.current_index() == 1 and stage.offset == 0


def test_in_portrait_the_arrows_sit_under_the_drawing_beside_pause_and_zoom(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    """A tall screen: the drawing fills the stage's width, so arrows over its edges would hide
    its text (« intelligence collective »); they sit in the row of Pause and Zoomer."""
    window = open_kiosk_window(content_root, sample_catalogue, (1080, 1920))
    window.open("slideshow", "fdtl")
    QApplication.processEvents()
    screen = window.screens["slideshow"]
    assert isinstance(screen, SlideshowScreen)
    pause_row = screen.play_button.geometry().center().y()
    for arrow in (screen.previous_button, screen.next_button):
        assert abs(arrow.geometry().center().y() - pause_row) <= 2
        assert not arrow.geometry().intersects(screen.play_button.geometry())
        assert not arrow.geometry().intersects(screen.zoom_button.geometry())
    assert screen.previous_button.geometry().right() < screen.next_button.geometry().left()
