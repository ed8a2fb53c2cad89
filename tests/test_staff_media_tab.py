"""The Médias tab driven as a volunteer does, by taps (mouse presses on the widgets; text typed
into fields): rename a media, choose the film, remove one and restore it from the Corbeille."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics
from kiosk.library import catalogue_views
from kiosk.library.media_admin import list_media
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaRole, Place
from tests.media_factory import make_clip
from tests.staff_touch_helpers import read_plainly


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question the tab asks (answered "Oui")."""
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr("kiosk.staff.media_tab.confirm", answer)
    return asked


@pytest.fixture
def tab(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    questions: list[str],
) -> Iterator[object]:
    from kiosk.staff import StaffArea
    from kiosk.staff.media_tab import MediaTab

    context = UiContext(content_root, sample_catalogue, LanguageManager(qapp), Metrics(0.7))
    area = StaffArea(context)
    qtbot.addWidget(area)
    area.resize(1280, 800)
    area.show()
    media_tab = area.open_tab("media")
    assert isinstance(media_tab, MediaTab)
    yield media_tab


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tap_row(qtbot: QtBot, tab: object, media_id: int) -> None:
    """Touch the media's row in the list (scrolled to first, as a finger would)."""
    row = tab.model.row_of(media_id)  # type: ignore[attr-defined]
    assert row is not None
    table = tab.table  # type: ignore[attr-defined]
    index = tab.model.index(row, 0)  # type: ignore[attr-defined]
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    assert tab.selected_entry().id == media_id  # type: ignore[attr-defined]


def type_into(qtbot: QtBot, field: QWidget, text: str) -> None:
    tap(qtbot, field)
    field.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)
    assert read_plainly(field.text()) == text  # type: ignore[attr-defined]


def test_rename_a_media_in_french_and_english(
    tab: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    drawing = next(e for e in list_media(sample_catalogue) if e.role is MediaRole.DRAWING)
    assert drawing.needs_renaming
    row = tab.model.row_of(drawing.id)  # type: ignore[attr-defined]
    shown = tab.model.index(row, 0).data()  # type: ignore[attr-defined]
    assert shown.endswith("à renommer")
    assert "Titres à renommer : 4." in read_plainly(tab.film_line.text())  # type: ignore[attr-defined]  # three drawings and the map
    tap_row(qtbot, tab, drawing.id)
    tap(qtbot, tab.edit_button)  # type: ignore[attr-defined]
    editor = tab.editor  # type: ignore[attr-defined]
    assert tab.pages.currentWidget() is editor  # type: ignore[attr-defined]
    assert editor.rename_hint.isVisible()
    assert editor.preview.pixmap() is not None and not editor.preview.pixmap().isNull()
    assert "dessin du carnet « Faites des tiers-lieux »" in read_plainly(editor.about.text())
    for field in (editor.title, editor.title_en, editor.credit, editor.credit_en, editor.role):
        assert field.height() >= tab.context.metrics.touch  # type: ignore[attr-defined]

    # A refused value: one line naming the field, nothing changed.
    type_into(qtbot, editor.title, "<script>")
    tap(qtbot, editor.save_button)
    assert read_plainly(editor.message.text()) == (
        "Titre : balise HTML interdite (un nom est du texte simple) ; rien n'a changé."
    )
    assert next(e for e in list_media(sample_catalogue) if e.id == drawing.id) == drawing

    type_into(qtbot, editor.title, "La grande fresque")
    type_into(qtbot, editor.title_en, "The big fresco")
    type_into(qtbot, editor.credit, "Pascaline Liard")
    tap(qtbot, editor.save_button)
    assert read_plainly(editor.message.text()) == "Enregistré."
    assert "background" in editor.message.styleSheet()  # the green band of the other tabs
    assert not editor.rename_hint.isVisible()
    saved = next(e for e in list_media(sample_catalogue) if e.id == drawing.id)
    assert (saved.title, saved.title_en, saved.credit) == (
        "La grande fresque",
        "The big fresco",
        "Pascaline Liard",
    )
    # The visitors' slideshow shows it in both languages.
    slides = catalogue_views.album_slides(sample_catalogue, "fdtl")
    assert slides is not None
    (slide,) = [s for s in slides.slides if s.path == saved.path]
    assert (slide.localized_title("fr"), slide.localized_title("en")) == (
        "La grande fresque",
        "The big fresco",
    )
    tap(qtbot, editor.back_button)
    assert tab.pages.currentWidget() is tab.listing  # type: ignore[attr-defined]
    assert tab.model.index(row, 0).data() == "La grande fresque"  # type: ignore[attr-defined]


def test_choose_the_film_and_hide_the_other_films(
    tab: object,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    tmp_path: Path,
) -> None:
    from kiosk.library.importing import import_media

    with sample_catalogue.session() as session:
        camera = import_media(
            session,
            content_root,
            make_clip(tmp_path / "camera.mp4", 0.5),
            MediaRole.AFTERMOVIE,
            title="camera",
        ).id
    tab.refresh()  # type: ignore[attr-defined]
    assert "« Le film »" in read_plainly(tab.film_line.text())  # type: ignore[attr-defined]
    tap_row(qtbot, tab, camera)
    role_cell = tab.model.index(tab.model.row_of(camera), 2)  # type: ignore[attr-defined]
    assert role_cell.data() == "autre film"
    tap(qtbot, tab.film_button)  # type: ignore[attr-defined]
    # Said under the list, where the finger was: not in the import panel, hidden until an import.
    message = tab.message  # type: ignore[attr-defined]
    assert message.isVisible() and not tab.importer.results_area.isVisible()  # type: ignore[attr-defined]
    assert read_plainly(message.text()) == "« camera » est maintenant le film de la borne."
    assert "« camera »" in read_plainly(tab.film_line.text())  # type: ignore[attr-defined]
    assert not tab.film_button.isEnabled()  # type: ignore[attr-defined]  # it is the film
    videos = catalogue_views.videos(sample_catalogue)
    assert [v.media_id for v in videos if v.is_aftermovie] == [camera]
    assert [v.title for v in videos] == ["camera", "Le film", "Le Mazier"]

    assert tab.other_films_button.isChecked()  # type: ignore[attr-defined]
    tap(qtbot, tab.other_films_button)  # type: ignore[attr-defined]
    assert read_plainly(tab.other_films_button.text()) == "Autres films : cachés"  # type: ignore[attr-defined]
    assert [v.title for v in catalogue_views.videos(sample_catalogue)] == ["camera", "Le Mazier"]
    old_film = next(e for e in list_media(sample_catalogue) if e.title == "Le film")
    assert [u.describe() for u in old_film.uses] == [
        "autre film de l'écran Vidéos (masqué aux visiteurs)"
    ]


def test_remove_the_film_then_restore_it_from_the_corbeille(
    tab: object,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    questions: list[str],
) -> None:
    (film,) = [e for e in list_media(sample_catalogue) if e.is_film]
    original = content_root.home / film.path
    tap_row(qtbot, tab, film.id)
    tap(qtbot, tab.remove_button)  # type: ignore[attr-defined]
    assert [read_plainly(question) for question in questions] == [
        "Les visiteurs voient « Le film » : le film de l'écran Vidéos. Le retirer quand même ? "
        "Il ira dans la Corbeille, d'où « Restaurer » le remet."
    ]
    assert not original.exists()
    assert "« Le film » est dans la Corbeille." in read_plainly(tab.message.text())  # type: ignore[attr-defined]
    assert read_plainly(tab.trash_button.text()) == "Corbeille (1)"  # type: ignore[attr-defined]

    tap(qtbot, tab.trash_button)  # type: ignore[attr-defined]
    trash = tab.trash  # type: ignore[attr-defined]
    assert tab.pages.currentWidget() is trash  # type: ignore[attr-defined]
    assert not trash.restore_button.isEnabled()  # nothing chosen yet
    item = trash.list.item(0)
    assert "Vidéo « Le film »" in read_plainly(
        item.text()
    ) and "était : le film de l'écran Vidéos" in read_plainly(item.text())
    qtbot.mouseClick(
        trash.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=trash.list.visualItemRect(item).center(),
    )
    tap(qtbot, trash.restore_button)
    assert read_plainly(trash.message.text()).startswith("« Le film » restauré")
    assert trash.empty.isVisible() and trash.list.count() == 0
    assert hashlib.sha256(original.read_bytes()).hexdigest() == film.sha256
    with sample_catalogue.session() as session:
        restored = session.get(MediaAsset, film.id)
        assert restored is not None and restored.is_film
    tap(qtbot, trash.back_button)
    assert "« Le film »" in read_plainly(tab.film_line.text())  # type: ignore[attr-defined]
    assert read_plainly(tab.trash_button.text()) == "Corbeille (0)"  # type: ignore[attr-defined]


def test_a_deleted_place_is_restored_from_the_corbeille(
    tab: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    with sample_catalogue.session() as session:  # as the Lieux tab deletes it
        session.delete(session.scalars(select(Place).where(Place.slug == "le-mazier")).one())
    tab.refresh()  # type: ignore[attr-defined]
    tap(qtbot, tab.trash_button)  # type: ignore[attr-defined]
    trash = tab.trash  # type: ignore[attr-defined]
    item = trash.list.item(0)
    assert read_plainly(item.text()).startswith("Lieu « Le Mazier »")
    qtbot.mouseClick(
        trash.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=trash.list.visualItemRect(item).center(),
    )
    tap(qtbot, trash.restore_button)
    assert read_plainly(trash.message.text()) == "Lieu « Le Mazier » restauré."
    sheet = catalogue_views.place_sheet(sample_catalogue, "le-mazier")
    assert sheet is not None and sheet.video_path is not None
