"""The opening hours' weekly grid in Réglages, by taps only: a day closed at noon (the morning,
then the afternoon), stored as four times and read back; hours stored before the grid had an
afternoon (one range a day) are shown and kept as they were."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library import settings
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import read_plainly, tap
from tests.test_staff_touch_keyboard import build_area


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    settings.save(
        sample_catalogue, opening_hours={"mon": ["09:30", "18:00"], "wed": ["10:00", "17:00"]}
    )
    yield build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """A tap on the box itself (not the empty row beside its words)."""
    tap(qtbot, box, QPoint(box.height() // 2, box.height() // 2))


def test_a_day_closed_at_noon_by_taps(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    page = area.open_tab("settings")  # type: ignore[attr-defined]
    grid = page.hours
    qtbot.wait(20)  # the form laid out with its open days, so a tap can scroll to them
    # One range a day, as stored before: shown as it is, no afternoon.
    assert [c.currentText() for c in grid.times["mon"][:2]] == ["09:30", "18:00"]
    assert not grid.split_day["mon"].isChecked()
    assert not grid.times["mon"][2].isVisible() and not grid.headers[2].isVisible()
    assert not grid.open_day["tue"].isChecked() and not grid.split_day["tue"].isVisible()
    tick(qtbot, grid.split_day["mon"])
    # The morning until noon, the afternoon from 14:00 to the day's closing.
    assert [c.currentText() for c in grid.times["mon"]] == ["09:30", "12:00", "14:00", "18:00"]
    assert grid.times["mon"][2].isVisible() and grid.headers[2].isVisible()
    assert page.is_dirty()
    tap(qtbot, page.save_button)
    assert read_plainly(page.message.text()) == "Réglages enregistrés."
    stored = settings.load(sample_catalogue).opening_hours
    assert stored == {"mon": ["09:30", "12:00", "14:00", "18:00"], "wed": ["10:00", "17:00"]}
    # Read back: the split shown again.
    page.refresh()
    assert grid.split_day["mon"].isChecked() and not grid.split_day["wed"].isChecked()
    assert [c.currentText() for c in grid.times["mon"]] == ["09:30", "12:00", "14:00", "18:00"]
    # One range again: the day closes when the afternoon closed.
    tick(qtbot, grid.split_day["mon"])
    tap(qtbot, page.save_button)
    assert settings.load(sample_catalogue).opening_hours["mon"] == ["09:30", "18:00"]


def test_on_a_portrait_screen_the_afternoon_is_under_the_morning(qtbot: QtBot) -> None:
    from kiosk.staff.admin_tabs.hours_grid import HoursGrid

    grid = HoursGrid(narrow=True)
    qtbot.addWidget(grid)
    grid.set_hours({"tue": ["09:00", "12:00", "14:00", "18:00"], "wed": ["10:00", "17:00"]})
    grid.show()
    qtbot.waitExposed(grid)
    morning, noon, again, evening = grid.times["tue"]
    assert again.isVisible() and again.x() == morning.x() and evening.x() == noon.x()
    assert again.y() > morning.y()
    assert not any(header.isVisible() for header in grid.headers[2:])
    assert grid.hours() == {"tue": ["09:00", "12:00", "14:00", "18:00"], "wed": ["10:00", "17:00"]}
