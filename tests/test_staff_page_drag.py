"""A staff page taller than the window scrolls by a finger's drag wherever it starts (a
heading, a gap, a button: the button is then not clicked), while a list that can scroll
itself keeps the drag; and the Médias tab lays its two sides out for the width the page really
has once shown (the first staff area of a process stacked them at 1920x1080)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QBoxLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.gestures import TAP_SLOP_FRACTION
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import finger_drag, on_screen, tap, touch_drag, touch_tap
from tests.test_staff_touch_keyboard import build_area


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    yield build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")


def drag_up(qtbot: QtBot, widget: QWidget, start: QPoint, dy: int) -> None:
    finger_drag(qtbot, widget, start, start - QPoint(0, dy))


def test_the_medias_sides_are_side_by_side_at_1920_from_the_first_area(area: object) -> None:
    media = area.pages["media"]  # type: ignore[attr-defined]
    assert media.sides.direction() is QBoxLayout.Direction.LeftToRight
    # Every main button of the list side in the window, whole, without scrolling.
    QApplication.processEvents()
    for button in (
        media.edit_button,
        media.film_button,
        media.trash_button,
        media.remove_button,
        media.replace_button,
    ):
        assert button.visibleRegion().boundingRect() == button.rect(), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
    # Narrow window: one above the other; wide again: side by side.
    area.resize(1000, 800)  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert media.sides.direction() is QBoxLayout.Direction.TopToBottom
    area.resize(1920, 1080)  # type: ignore[attr-defined]
    QApplication.processEvents()
    assert media.sides.direction() is QBoxLayout.Direction.LeftToRight


def test_a_drag_on_a_heading_or_a_button_scrolls_the_page(area: object, qtbot: QtBot) -> None:
    area.resize(1280, 700)  # type: ignore[attr-defined]  # the Médias page is taller than that
    QApplication.processEvents()
    media = area.pages["media"]  # type: ignore[attr-defined]
    bar = area.page_scroll.verticalScrollBar()  # type: ignore[attr-defined]
    assert bar.maximum() > 100
    heading = next(
        w for w in media.findChildren(QLabel) if w.objectName() == "StaffTitle" and w.isVisible()
    )
    assert bar.value() == 0
    drag_up(qtbot, heading, heading.rect().center(), 80)
    assert bar.value() >= 60
    # Back down, starting on a button: the page moves, the button is not clicked.
    button = media.importer.browser.places_button
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    start = bar.value()
    drag_up(qtbot, button, button.rect().center(), -50)
    assert bar.value() < start and not clicks and not button.isDown()
    # A tap is still a tap.
    on_screen(qtbot, button, button.rect().center())
    tap(qtbot, button)
    assert clicks == [True]


def test_a_list_that_scrolls_itself_keeps_the_drag(area: object, qtbot: QtBot) -> None:
    area.resize(1280, 700)  # type: ignore[attr-defined]
    media = area.pages["media"]  # type: ignore[attr-defined]
    media.table.setFixedHeight(200)  # its rows no longer fit: it scrolls by finger itself
    QApplication.processEvents()
    table_bar = media.table.verticalScrollBar()
    assert table_bar.maximum() > 0
    area.page_scroll.ensureWidgetVisible(media.table)  # type: ignore[attr-defined]
    QApplication.processEvents()
    page_bar = area.page_scroll.verticalScrollBar()  # type: ignore[attr-defined]
    page_before = page_bar.value()
    viewport = media.table.viewport()
    drag_up(qtbot, viewport, QPoint(viewport.width() // 2, viewport.height() * 3 // 4), 100)
    qtbot.waitUntil(lambda: table_bar.value() > 0)
    assert page_bar.value() == page_before


@pytest.fixture(params=["1280x700", "1600x900"])
def sized_area(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
) -> object:
    return build_area(qtbot, qapp, sample_catalogue, content_root, request.param)


def test_a_finger_within_the_slop_taps_beyond_it_drags(sized_area: object, qtbot: QtBot) -> None:
    """By touch events, as a finger makes them: the slop is the gestures' one, scaled to the
    window's shorter side (10.4 px at 700, 13.3 px at 900), not a fixed number of pixels."""
    area = sized_area
    slop = min(area.width(), area.height()) * TAP_SLOP_FRACTION  # type: ignore[attr-defined]
    scroll = area.page_scroll  # type: ignore[attr-defined]
    scroll.widget().setMinimumHeight(3 * scroll.height())  # a page taller than the window
    QApplication.processEvents()
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 100 and bar.value() == 0
    button = area.pages["media"].importer.browser.places_button  # type: ignore[attr-defined]
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    start = button.rect().center()
    on_screen(qtbot, button, start)
    # A finger that moves a little less than the slop taps the button; the page stays.
    touch_drag(button, start, start - QPoint(0, int(slop) - 2))
    qtbot.waitUntil(lambda: clicks == [True])
    assert bar.value() == 0
    # A little more than the slop: the page follows the finger, the button is not clicked.
    touch_drag(button, start, start - QPoint(0, int(slop) + 3))
    QApplication.processEvents()
    assert bar.value() > 0 and clicks == [True] and not button.isDown()
    # And a tap is a tap.
    on_screen(qtbot, button, start)
    touch_tap(button, start)
    qtbot.waitUntil(lambda: clicks == [True, True])
