"""What a volunteer reads and sees in the staff area: no jargon on any tab, the keyboard's
Entrée and capitals keys in words, « Retirer » visibly off with nothing chosen, and the album
chosen for imports kept from one staff session to the next."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit import theme
from kiosk.store.database import Catalogue
from tests.test_staff_touch_keyboard import build_area

JARGON = ("markdown", "aftermovie", "orphelin", "cache", "trash/", "show_other_films", "empreinte")


def test_no_jargon_on_any_tab(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    texts: list[str] = []
    for name in area.factories:  # type: ignore[attr-defined]
        page = area.open_tab(name)  # type: ignore[attr-defined]
        texts += [w.text() for w in page.findChildren(QLabel)]
        texts += [w.text() for w in page.findChildren(QAbstractButton)]
        for combo in page.findChildren(QComboBox):
            texts += [combo.itemText(i) for i in range(combo.count())]
    found = [t for t in texts if any(word in t.casefold() for word in JARGON)]
    assert not found
    assert any(t == "Film de la route des tiers-lieux" for t in texts)


def test_the_keyboard_says_entree_and_tells_shift_from_caps(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    keyboard = area.keyboard  # type: ignore[attr-defined]
    (enter,) = keyboard.keys["<enter>"][:1]
    assert enter.text() == "Entrée"
    shift, caps = keyboard.shift_button, keyboard.caps_button
    assert shift is not None and caps is not None
    assert caps.text() == "Verr. maj" and shift.text() != caps.text()


def test_retirer_is_visibly_off_with_nothing_chosen(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    area = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    media = area.pages["media"]  # type: ignore[attr-defined]
    media.table.clearSelection()
    QApplication.processEvents()
    remove = media.remove_button
    assert not remove.isEnabled()
    shown = remove.grab().toImage().pixelColor(QPoint(remove.width() // 10, remove.height() // 2))
    assert shown != QColor(theme.TERRACOTTA)  # not the colour of a button one may touch


def test_the_album_chosen_is_kept_for_the_next_staff_session(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    first = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    importer = first.pages["media"].importer  # type: ignore[attr-defined]
    assert importer.album_choice.currentData() is None  # « Sans carnet » the first time
    importer.album_choice.setCurrentIndex(1)
    chosen = importer.album_choice.currentData()
    assert chosen is not None
    first.close()  # type: ignore[attr-defined]
    second = build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")
    again = second.pages["media"].importer  # type: ignore[attr-defined]
    assert again is not importer and again.album_choice.currentData() == chosen
