"""The Carnets and Pages tabs: thumbnails, moving a drawing to another album, English texts,
a new page, and unsaved edits asked about."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics
from kiosk.library.catalogue_admin import albums, pages
from kiosk.staff.catalogue_tabs import AlbumsTab, PagesTab, unsaved
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import read_plainly


@pytest.fixture
def context(
    qapp: QApplication, sample_catalogue: Catalogue, content_root: ContentRoot
) -> UiContext:
    return UiContext(content_root, sample_catalogue, LanguageManager(qapp), Metrics(0.7))


def test_drawings_show_as_thumbnails_and_move_to_another_album(
    qtbot: QtBot, context: UiContext, sample_catalogue: Catalogue
) -> None:
    other = albums.new_album(sample_catalogue, "Carnet de Vichy")
    tab = AlbumsTab(context)
    qtbot.addWidget(tab)
    assert tab.items.count() == 3
    assert all(not tab.items.item(i).icon().isNull() for i in range(3))
    first = tab.item_order()[0]
    tab.items.setCurrentRow(0)
    tab.caption.setText("Le forum")
    tab.caption.textEdited.emit("Le forum")
    tab.caption_en.setText("The forum")
    tab.caption_en.textEdited.emit("The forum")
    tab.date_label_en.setText("June 2022")
    assert tab.target.currentData() == other
    assert tab.move_to_album()  # saves the edits first, then moves
    assert read_plainly(tab.message.text()) == "Dessin déplacé dans « Carnet de Vichy »."
    assert tab.items.count() == 2 and first not in tab.item_order()
    moved = albums.album_fields(sample_catalogue, other).items
    assert [(i.caption, i.caption_en) for i in moved] == [("Le forum", "The forum")]
    source = albums.album_fields(sample_catalogue, albums.list_albums(sample_catalogue)[0].id)
    assert source.date_label_en == "June 2022"


def test_a_new_page_and_unsaved_edits(
    qtbot: QtBot,
    context: UiContext,
    sample_catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def ask(_parent: object, _metrics: object, name: str) -> unsaved.Choice:
        asked.append(name)
        return unsaved.Choice.SAVE

    monkeypatch.setattr(unsaved, "ask", ask)
    tab = PagesTab(context)
    qtbot.addWidget(tab)
    tab.title_en.setText("What is the SSE, really?")
    tab.new_button.click()  # asks, saves, then adds the page
    assert asked == ["C'est quoi l'ESS ?"]
    rows = pages.list_pages(sample_catalogue)
    assert pages.page_fields(sample_catalogue, rows[0].id).title_en == "What is the SSE, really?"
    assert len(rows) == 2 and rows[1].title == "Nouvelle page 2" and not rows[1].published
    assert tab.page_id == rows[1].id and read_plainly(tab.title.text()) == "Nouvelle page 2"
    tab.body.setPlainText("# Horaires")
    assert tab.save() and read_plainly(tab.message.text()) == "Page enregistrée."
    assert not tab.is_dirty()
