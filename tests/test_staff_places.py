"""The Lieux tab: unsaved edits asked about, the saved note, the commune placing the pin, the
map that zooms and shows the other places, English tag names, deletion to the Corbeille."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics
from kiosk.library.catalogue_admin import maps
from kiosk.library.trash import list_trash, restore
from kiosk.staff.catalogue_tabs import PlacesTab, unsaved
from kiosk.store.database import Catalogue
from kiosk.store.models import Place, Tag


class Answers(list[unsaved.Choice]):
    """The answers staff give to the unsaved-edits question, and the names it was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    given = Answers()

    def ask(_parent: object, _metrics: object, name: str) -> unsaved.Choice:
        given.asked.append(name)
        return given.pop(0)

    monkeypatch.setattr(unsaved, "ask", ask)
    monkeypatch.setattr("kiosk.staff.catalogue_tabs.places_tab.confirm", lambda *_a: True)
    return given


@pytest.fixture
def tab(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[PlacesTab]:
    # Two reference points: coordinates land on the sample's 800 × 600 map.
    maps.add_point(sample_catalogue, "Moulins", 46.56, 3.33, 600, 300)
    maps.add_point(sample_catalogue, "Montluçon", 46.34, 2.60, 100, 400)
    context = UiContext(content_root, sample_catalogue, LanguageManager(qapp), Metrics(0.7))
    widget = PlacesTab(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget


def _row(tab: PlacesTab, name: str) -> int:
    return next(i for i, row in enumerate(tab.rows) if row[1] == name)


def _stored_name(catalogue: Catalogue, slug: str) -> str:
    with catalogue.session() as session:
        return session.scalars(select(Place.name).where(Place.slug == slug)).one()


def test_switching_place_with_unsaved_edits_asks_and_does_what_staff_chose(
    tab: PlacesTab, answers: Answers, sample_catalogue: Catalogue
) -> None:
    tab.places.setCurrentRow(_row(tab, "La MAGIC"))
    assert tab.name.text() == "La MAGIC" and not tab.is_dirty()
    tab.places.setCurrentRow(_row(tab, "Le Mazier"))  # nothing edited: no question
    assert answers.asked == []

    tab.name.setText("Le Mazier, tiers-lieu")
    answers.append(unsaved.Choice.CANCEL)
    tab.places.setCurrentRow(_row(tab, "La MAGIC"))
    assert answers.asked == ["Le Mazier, tiers-lieu"]
    assert tab.name.text() == "Le Mazier, tiers-lieu"  # still there, still on this place
    assert tab.places.currentRow() == _row(tab, "Le Mazier")

    answers.append(unsaved.Choice.DISCARD)
    tab.places.setCurrentRow(_row(tab, "La MAGIC"))
    assert tab.name.text() == "La MAGIC"
    assert _stored_name(sample_catalogue, "le-mazier") == "Le Mazier"

    tab.name.setText("La MAGIC de Moulins")
    answers.append(unsaved.Choice.SAVE)
    tab.places.setCurrentRow(_row(tab, "Le Mazier"))
    assert _stored_name(sample_catalogue, "la-magic") == "La MAGIC de Moulins"
    assert tab.name.text() == "Le Mazier"

    tab.website.setText("www.example.org")
    answers.append(unsaved.Choice.CANCEL)
    assert not tab.can_leave()  # the staff area asks the same before leaving the tab
    answers.append(unsaved.Choice.CANCEL)
    tab.new_place()
    assert tab.website.text() == "www.example.org"  # « Annuler » kept the edit


def test_enregistre_shows_for_three_seconds(tab: PlacesTab, qtbot: QtBot) -> None:
    tab.places.setCurrentRow(_row(tab, "La MAGIC"))
    tab.description.setPlainText("Un lieu.")
    tab.save_button.click()
    assert tab.message.text() == "Enregistré."
    assert tab.note.timer.isActive() and tab.note.timer.interval() == unsaved.SAVED_NOTE_MS
    assert tab.save_button.isVisible()  # the bar stays outside the scrolled form
    qtbot.waitUntil(lambda: tab.message.text() == "", timeout=unsaved.SAVED_NOTE_MS + 2000)
    # A refusal does not go away by itself.
    tab.latitude.setText("abc")
    tab.save_button.click()
    assert "nombre" in tab.message.text() and not tab.note.timer.isActive()


def test_choosing_the_commune_places_the_pin(tab: PlacesTab, sample_catalogue: Catalogue) -> None:
    tab.places.setCurrentRow(_row(tab, "La MAGIC"))
    assert tab.map.highlight is None
    tab.commune.setText("moulins")
    tab.commune.textEdited.emit("moulins")  # as typed
    assert tab.commune.text() == "Moulins"
    assert float(tab.latitude.text()) == pytest.approx(46.56, abs=0.03)
    assert tab.map.highlight is not None
    fx, fy = tab.map.highlight
    assert fx == pytest.approx(0.75, abs=0.05) and fy == pytest.approx(0.5, abs=0.05)
    assert tab.map.zoom > 1  # zoomed in on it
    assert tab.save()
    with sample_catalogue.session() as session:
        place = session.scalars(select(Place).where(Place.slug == "la-magic")).one()
        assert place.commune == "Moulins" and place.map_x is None
        assert place.latitude == pytest.approx(46.56, abs=0.03)
    # A name that is no commune of the Allier leaves the coordinates alone.
    tab.commune.setText("Clermont-Ferrand")
    tab.commune.textEdited.emit("Clermont-Ferrand")
    assert float(tab.latitude.text()) == pytest.approx(46.56, abs=0.03)


def test_the_map_zooms_pans_and_shows_the_other_places(tab: PlacesTab, qtbot: QtBot) -> None:
    tab.places.setCurrentRow(_row(tab, "La MAGIC"))
    assert [(round(x, 2), round(y, 2)) for x, y, _ in tab.map.markers] == [(0.5, 0.4)]
    tab.places.setCurrentRow(_row(tab, "Le Mazier"))
    assert tab.map.markers == []  # La MAGIC is not on the map; Le Mazier is the big pin
    whole = tab.map.image_rect()
    tab.zoom_in.click()
    zoomed = tab.map.image_rect()
    assert zoomed.width() == pytest.approx(whole.width() * 1.5)
    # The pin being edited stays in view.
    fx, fy = tab.map.highlight or (0, 0)
    x, y = zoomed.left() + fx * zoomed.width(), zoomed.top() + fy * zoomed.height()
    assert tab.map.rect().contains(int(x), int(y))
    tab.zoom_out.click()
    assert tab.map.image_rect() == whole


def test_english_tag_names_and_deletion_to_the_corbeille(
    tab: PlacesTab, sample_catalogue: Catalogue, content_root: ContentRoot, answers: Answers
) -> None:
    tab.places.setCurrentRow(_row(tab, "Le Mazier"))
    tab.tags.setText("Culture, Atelier")
    tab.tags_en.setText("Culture, Workshop")
    assert tab.save()
    with sample_catalogue.session() as session:
        english = dict(session.execute(select(Tag.name, Tag.name_en)).all())
        assert english == {"Atelier": "Workshop", "Culture": "Culture"}
    tab.delete()
    assert "Corbeille" in tab.message.text()
    assert "Le Mazier" not in [row[1] for row in tab.rows]
    item = next(e for e in list_trash(sample_catalogue) if e.label == "Le Mazier")
    restore(sample_catalogue, content_root, item.id)
    tab.refresh()
    assert "Le Mazier" in [row[1] for row in tab.rows]
