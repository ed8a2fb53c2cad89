"""The staff area's on-screen keyboard, driven by taps only (mouse presses on the fields and on
the keys; never a key event from the test): a field touched brings it up, its keys type into the
field through the field's own key handling, it never covers the field, and a volunteer with no
keyboard fills a place form and a number."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics, scale_for
from kiosk.store.database import Catalogue
from kiosk.store.models import Place
from tests.staff_touch_helpers import tap


def build_area(
    qtbot: QtBot, qapp: QApplication, catalogue: Catalogue, root: ContentRoot, size: str
) -> object:
    from kiosk.staff import StaffArea

    width, height = (int(n) for n in size.split("x"))
    context = UiContext(root, catalogue, LanguageManager(qapp), Metrics(scale_for(width, height)))
    area = StaffArea(context)
    qtbot.addWidget(area)
    area.resize(width, height)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    return area


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    yield build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")


def key(area: object, name: str) -> QWidget:
    """The visible key that types ``name`` (or the special key of that name)."""
    keyboard = area.keyboard  # type: ignore[attr-defined]
    for candidates in keyboard.keys.values():
        for button in candidates:
            if button.isVisible() and (button.text() == name or button.accessibleName() == name):
                return button  # type: ignore[no-any-return]
    raise AssertionError(f"no visible key {name!r}")


def type_by_taps(qtbot: QtBot, area: object, text: str) -> None:
    """Type ``text`` as a volunteer does: the shift key before a capital, the signs page for a
    sign that is not on the letters page, back to the letters after."""
    keyboard = area.keyboard  # type: ignore[attr-defined]
    for character in text:
        if character == " ":
            tap(qtbot, key(area, "espace"))
            continue
        on_letters = any(character.lower() == letter for _b, letter in keyboard.letter_keys)
        if on_letters and keyboard.current_page != "letters":
            tap(qtbot, key(area, "ABC"))
        if on_letters and character != character.lower():
            tap(qtbot, key(area, "Majuscule"))
        elif not on_letters and not _visible(area, character):
            tap(qtbot, key(area, "?123"))
        tap(qtbot, key(area, character))


def _visible(area: object, name: str) -> bool:
    try:
        key(area, name)
    except AssertionError:
        return False
    return True


def test_a_touched_field_brings_the_keyboard_that_types_french(area: object, qtbot: QtBot) -> None:
    media_tab = area.open_tab("media")  # type: ignore[attr-defined]
    keyboard = area.keyboard  # type: ignore[attr-defined]
    assert not keyboard.isVisible()
    tap(qtbot, media_tab.search)
    assert keyboard.isVisible() and keyboard.target is media_tab.search
    type_by_taps(qtbot, area, "Café à Moulins")
    assert media_tab.search.text() == "Café à Moulins"
    # The field's own signal ran: the list is narrowed by what was typed.
    assert media_tab.model.search == "café à moulins"
    tap(qtbot, key(area, "Effacer"))
    assert media_tab.search.text() == "Café à Moulin"
    # Capitals locked, accents in capitals, then the keyboard put away.
    tap(qtbot, key(area, "Verr. maj"))
    tap(qtbot, key(area, "É"))
    tap(qtbot, key(area, "Œ"))
    assert media_tab.search.text().endswith("ÉŒ")
    tap(qtbot, key(area, "Cacher le clavier"))
    assert not keyboard.isVisible()
    # A touch on the field again brings it back.
    tap(qtbot, media_tab.search)
    assert keyboard.isVisible()


def test_signs_for_a_website_and_keys_a_finger_can_hit(area: object, qtbot: QtBot) -> None:
    media_tab = area.open_tab("media")  # type: ignore[attr-defined]
    tap(qtbot, media_tab.search)
    type_by_taps(qtbot, area, "https://tiers-lieux.fr/a_b «ok» 10 €")
    assert media_tab.search.text() == "https://tiers-lieux.fr/a_b «ok» 10 €"
    keyboard = area.keyboard  # type: ignore[attr-defined]
    for buttons in keyboard.keys.values():
        for button in buttons:
            assert button.height() >= 72
            if button.isVisible():
                assert button.width() >= 72


def field_is_uncovered(area: object, field: QWidget) -> bool:
    keyboard = area.keyboard  # type: ignore[attr-defined]
    rect = QRect(field.mapTo(area, field.rect().topLeft()), field.size())  # type: ignore[call-overload]
    return not keyboard.geometry().intersects(rect)


@pytest.mark.parametrize("size", ["1920x1080", "1280x800", "1080x1920"])
def test_a_volunteer_without_a_keyboard_fills_a_place_form(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    size: str,
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, size)
    places = area.open_tab("places")  # type: ignore[attr-defined]
    tap(qtbot, places.new_button)
    keyboard = area.keyboard  # type: ignore[attr-defined]
    tap(qtbot, places.name)
    type_by_taps(qtbot, area, "Café à Moulins")
    assert field_is_uncovered(area, places.name)
    # « Suivant » goes to the next field in the form's order: the commune.
    tap(qtbot, key(area, "Suivant"))
    assert keyboard.target is places.commune
    type_by_taps(qtbot, area, "Moulins")
    assert field_is_uncovered(area, places.commune)
    # The identifier, lower in the form (made from the name when left empty), touched.
    tap(qtbot, key(area, "Cacher le clavier"))
    tap(qtbot, places.slug)
    assert keyboard.target is places.slug
    type_by_taps(qtbot, area, "cafe-moulins")
    # The text lower in the form: the keyboard put away, the text touched, the keyboard back.
    tap(qtbot, key(area, "Cacher le clavier"))
    tap(qtbot, places.description)
    assert keyboard.target is places.description
    # A tall text may pass under the keyboard; the line being typed never does.
    assert not keyboard.geometry().intersects(keyboard.field_rect())
    type_by_taps(qtbot, area, "Un café où l’on répare")
    tap(qtbot, key(area, "Entrée"))
    type_by_taps(qtbot, area, "Ouvert")
    assert places.description.toPlainText() == "Un café où l’on répare\nOuvert"
    tap(qtbot, key(area, "Cacher le clavier"))
    places.save_button.click()
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "cafe-moulins")).one()
        assert (place.name, place.commune) == ("Café à Moulins", "Moulins")
        assert place.description.startswith("Un café où l’on répare")


def test_numbers_and_codes_open_on_the_digits(area: object, qtbot: QtBot) -> None:
    settings_tab = area.open_tab("settings")  # type: ignore[attr-defined]
    keyboard = area.keyboard  # type: ignore[attr-defined]
    spin = next(w for w in settings_tab.findChildren(QSpinBox) if w.isVisible())
    line = spin.lineEdit()
    tap(qtbot, line, QPoint(line.height() // 2, line.height() // 2))  # the digits, not − / +
    assert keyboard.target is spin and keyboard.current_page == "digits"
    spin.lineEdit().selectAll()
    low = spin.minimum()
    for digit in str(max(low, 42)):
        tap(qtbot, key(area, digit))
    assert spin.value() == max(low, 42)
    codes = [
        w
        for w in settings_tab.findChildren(QLineEdit)
        if w.echoMode() is QLineEdit.EchoMode.Password
    ]
    assert codes
    tap(qtbot, key(area, "Cacher le clavier"))  # the code field may be under the keyboard
    tap(qtbot, codes[0])
    assert keyboard.target is codes[0] and keyboard.current_page == "digits"
    for digit in "2468":
        tap(qtbot, key(area, digit))
    assert codes[0].text() == "2468"
    assert field_is_uncovered(area, codes[0])


def test_a_read_only_text_brings_no_keyboard(area: object, qtbot: QtBot) -> None:
    keyboard = area.keyboard  # type: ignore[attr-defined]
    for text in area.findChildren(QPlainTextEdit):  # type: ignore[attr-defined]
        if text.isVisible() and text.isReadOnly():
            tap(qtbot, text.viewport())
            assert not keyboard.isVisible()
