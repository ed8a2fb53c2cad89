"""The Lieux tab's commune field typed through the on-screen keyboard by finger taps given to
the window where the keys are (so a suggestion popup on top would take them, as it did): the
suggestions never eat a key, are touch-high, begin with what was typed, and the one touched
fills the field and places the pin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library.catalogue_admin import communes
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import finger_tap
from tests.test_staff_touch_keyboard import build_area, key


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    yield build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")


def test_prefix_first_case_and_accents_ignored() -> None:
    assert communes.suggest_communes("ygr")[0] == "Ygrande"
    assert communes.suggest_communes("moul")[0] == "Moulins"
    assert communes.suggest_communes("MOUL")[0] == "Moulins"
    # Those that begin with it before those that only hold it.
    found = communes.suggest_communes("cou", 10)
    assert found[0].startswith("Cou") and all(
        n.startswith("Cou") for n in found[: found.index(found[-1])] if "cou" in n[:3].lower()
    )
    assert communes.suggest_communes("") == []


def test_typing_a_commune_by_finger_through_the_keyboard(area: object, qtbot: QtBot) -> None:
    places = area.open_tab("places")  # type: ignore[attr-defined]
    finger_tap(qtbot, places.new_button)
    keyboard = area.keyboard  # type: ignore[attr-defined]
    finger_tap(qtbot, places.commune)
    assert keyboard.isVisible() and keyboard.target is places.commune
    for letter in "ygr":
        finger_tap(qtbot, key(area, letter))
    assert places.commune.text() == "ygr"  # no key eaten by the suggestions
    suggestions = places.form.suggestions
    assert suggestions.isVisible() and suggestions.names()[0] == "Ygrande"
    assert QApplication.activePopupWidget() is None
    finger_tap(qtbot, key(area, "Effacer"))
    finger_tap(qtbot, key(area, "Effacer"))
    assert places.commune.text() == "y"
    finger_tap(qtbot, key(area, "g"))
    assert places.commune.text() == "yg"
    row = next(r for r in suggestions.rows if r.text() == "Ygrande")
    assert row.height() >= 72
    # The suggestions stay in view above (or below) the keyboard, with the field.
    rect = QRect(row.mapTo(area, row.rect().topLeft()), row.size())
    assert not keyboard.geometry().intersects(rect)
    finger_tap(qtbot, row)
    assert places.commune.text() == "Ygrande"
    assert not suggestions.isVisible()
    latitude, longitude = communes.commune_point("Ygrande") or (0.0, 0.0)
    assert float(places.form.latitude.text()) == pytest.approx(latitude, abs=1e-4)
    assert float(places.form.longitude.text()) == pytest.approx(longitude, abs=1e-4)


def test_moul_suggests_moulins_first(area: object, qtbot: QtBot) -> None:
    places = area.open_tab("places")  # type: ignore[attr-defined]
    finger_tap(qtbot, places.new_button)
    finger_tap(qtbot, places.commune)
    for letter in "moul":
        finger_tap(qtbot, key(area, letter))
    assert places.commune.text() == "moul"
    assert places.form.suggestions.names()[0] == "Moulins"
