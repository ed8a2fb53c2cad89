"""The opening hours' weekly grid in Réglages, by taps only: a day closed at noon (the morning,
then the afternoon), stored as four times and read back; hours stored before the grid had an
afternoon (one range a day) are shown and kept as they were."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


def open_grid(area: object, qtbot: QtBot) -> tuple[Any, Any]:
    """Réglages opened, laid out: its page and its hours grid."""
    page = area.open_tab("settings")  # type: ignore[attr-defined]
    qtbot.wait(20)
    return page, page.hours


def choose_by_taps(qtbot: QtBot, combo: object, text: str) -> None:
    """Open the chooser by a tap, then tap the hour in its list."""
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    tap(qtbot, combo)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = combo.findText(text)
    view.scrollTo(combo.model().index(index, 0))
    # Qt ignores a release on the list within a double-click's time of its opening.
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    tap(qtbot, view.viewport(), view.visualRect(combo.model().index(index, 0)).center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == text


@pytest.mark.parametrize(
    ("day_hours", "split"),
    [
        (["09:00", "11:00"], ["09:00", "10:00", "10:30", "11:00"]),
        (["09:00", "12:00"], ["09:00", "11:00", "11:30", "12:00"]),
        (["13:00", "18:00"], ["13:00", "13:30", "14:00", "18:00"]),
        (["08:00", "19:00"], ["08:00", "12:00", "14:00", "19:00"]),
    ],
)
def test_closed_at_noon_keeps_the_break_inside_the_day(
    area: object,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    day_hours: list[str],
    split: list[str],
) -> None:
    page, grid = open_grid(area, qtbot)
    choose_by_taps(qtbot, grid.times["mon"][0], day_hours[0])
    choose_by_taps(qtbot, grid.times["mon"][1], day_hours[1])
    tick(qtbot, grid.split_day["mon"])
    assert grid.split_day["mon"].isChecked()
    assert [c.currentText() for c in grid.times["mon"]] == split
    tap(qtbot, page.save_button)
    assert read_plainly(page.message.text()) == "Réglages enregistrés."
    assert settings.load(sample_catalogue).opening_hours["mon"] == split


def test_a_day_too_short_for_a_break_is_not_closed_at_noon_and_says_why(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    page, grid = open_grid(area, qtbot)
    choose_by_taps(qtbot, grid.times["mon"][0], "09:00")
    choose_by_taps(qtbot, grid.times["mon"][1], "10:00")
    tick(qtbot, grid.split_day["mon"])
    assert not grid.split_day["mon"].isChecked() and not grid.times["mon"][2].isVisible()
    assert grid.notice.isVisible() and not grid.notice.visibleRegion().isEmpty()  # scrolled to
    assert read_plainly(grid.notice.text()) == (
        "Lundi : la journée est trop courte pour fermer à midi ; il faut au moins une heure et "
        "demie entre l'ouverture et la fermeture."
    )
    tap(qtbot, page.save_button)
    assert settings.load(sample_catalogue).opening_hours["mon"] == ["09:00", "10:00"]


def test_hours_out_of_order_are_refused_naming_the_day_in_french(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    page, grid = open_grid(area, qtbot)
    choose_by_taps(qtbot, grid.times["wed"][1], "08:00")  # closes before it opens (10:00)
    tap(qtbot, page.save_button)
    shown = read_plainly(page.message.text())
    assert shown == (
        "Non enregistré : Heures d'ouverture, Mercredi : chaque heure doit venir après la "
        "précédente (l'ouverture avant la fermeture)."
    )
    assert "wed" not in shown and "[" not in shown and "opening_hours" not in shown
    assert settings.load(sample_catalogue).opening_hours["wed"] == ["10:00", "17:00"]
