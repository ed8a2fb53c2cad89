"""Unsaved edits in the Médias tab's editor and in Réglages, by taps only (the on-screen
keyboard's keys, the steppers' « + », the tab buttons, the question's answers): kept or asked
about exactly as in the place form — before « Retour à la liste », another tab, « Retour à la
borne », and kept through the staff session's timeout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library import settings
from kiosk.library.media_admin import MediaEntry, list_media
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaRole
from kiosk.ui.kiosk_controller import KioskController
from tests.staff_touch_helpers import read_plainly, tap
from tests.test_staff_touch_keyboard import build_area, key, type_by_taps
from tests.test_staff_touch_tasks import clear_by_taps
from tests.test_staff_unsaved_leave import answer_with, kiosk  # noqa: F401  (a fixture)


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    yield build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")


def drawing(catalogue: Catalogue) -> MediaEntry:
    return next(e for e in list_media(catalogue) if e.role is MediaRole.DRAWING)


def title_of(catalogue: Catalogue, media_id: int) -> str:
    return next(e.title for e in list_media(catalogue) if e.id == media_id)


def open_editor(qtbot: QtBot, area: object, media_id: int) -> object:
    """Médias, a tap on the media's row, « Modifier »: the editor."""
    tap(qtbot, area.tab_buttons["media"])  # type: ignore[attr-defined]
    media = area.pages["media"]  # type: ignore[attr-defined]
    table = media.table
    index = media.model.index(media.model.row_of(media_id), 0)
    table.scrollTo(index)
    tap(qtbot, table.viewport(), table.visualRect(index).center())
    qtbot.waitUntil(lambda: media.selected_entry() is not None)
    tap(qtbot, media.edit_button)
    assert media.pages.currentWidget() is media.editor
    return media


def retitle_by_taps(qtbot: QtBot, area: object, field: object, text: str) -> None:
    tap(qtbot, field)  # type: ignore[arg-type]
    clear_by_taps(qtbot, area, field)
    type_by_taps(qtbot, area, text)
    tap(qtbot, key(area, "Cacher le clavier"))


def plus_of(spin: QWidget) -> QPushButton:
    return next(b for b in spin.findChildren(QPushButton) if b.text() == "+")


def test_the_media_editor_asks_before_the_list_and_another_tab(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    entry = drawing(sample_catalogue)
    media = open_editor(qtbot, area, entry.id)
    editor = media.editor  # type: ignore[attr-defined]
    retitle_by_taps(qtbot, area, editor.title, "La fresque")
    # « Retour à la liste » asks; « Annuler » stays in the editor with the edits.
    seen: list[str] = []
    QTimer.singleShot(0, answer_with(qtbot, area, "Annuler", seen))
    tap(qtbot, editor.back_button)
    assert seen == ["Annuler", "Ne pas enregistrer", "Enregistrer"]
    assert media.pages.currentWidget() is editor  # type: ignore[attr-defined]
    assert read_plainly(editor.title.text()) == "La fresque"
    # Another tab asks too; « Annuler » keeps the Médias tab.
    QTimer.singleShot(0, answer_with(qtbot, area, "Annuler", []))
    tap(qtbot, area.tab_buttons["places"])  # type: ignore[attr-defined]
    assert area.current == "media" and area.tab_buttons["media"].isChecked()  # type: ignore[attr-defined]
    # « Ne pas enregistrer »: the other tab; back here, the editor shows what was saved.
    QTimer.singleShot(0, answer_with(qtbot, area, "Ne pas enregistrer", []))
    tap(qtbot, area.tab_buttons["places"])  # type: ignore[attr-defined]
    assert area.current == "places"  # type: ignore[attr-defined]
    assert title_of(sample_catalogue, entry.id) == entry.title
    tap(qtbot, area.tab_buttons["media"])  # type: ignore[attr-defined]
    assert read_plainly(editor.title.text()) == entry.title and not media.is_dirty()  # type: ignore[attr-defined]
    # Nothing unsaved: « Retour à la liste » without a question.
    tap(qtbot, editor.back_button)
    assert media.pages.currentWidget() is media.listing  # type: ignore[attr-defined]


def test_the_media_editor_saves_on_enregistrer_before_leaving_the_staff_area(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    entry = drawing(sample_catalogue)
    media = open_editor(qtbot, area, entry.id)
    editor = media.editor  # type: ignore[attr-defined]
    retitle_by_taps(qtbot, area, editor.title, "La fresque")
    closed: list[bool] = []
    area.closed.connect(lambda: closed.append(True))  # type: ignore[attr-defined]
    QTimer.singleShot(0, answer_with(qtbot, area, "Enregistrer", []))
    tap(qtbot, area.back_button)  # type: ignore[attr-defined]
    assert closed == [True]
    assert title_of(sample_catalogue, entry.id) == "La fresque"
    assert read_plainly(editor.message.text()) == "Enregistré."
    assert "à renommer" not in media.model.index(media.model.row_of(entry.id), 0).data()  # type: ignore[attr-defined]


def test_a_refused_title_keeps_the_question_and_the_editor(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    entry = drawing(sample_catalogue)
    media = open_editor(qtbot, area, entry.id)
    editor = media.editor  # type: ignore[attr-defined]
    # A title the gate refuses (the keyboard has no « < »: set, not typed).
    editor.title.setText("<script>")
    # « Enregistrer » from the question: the gate refuses, the tab stays with the edit.
    QTimer.singleShot(0, answer_with(qtbot, area, "Enregistrer", []))
    tap(qtbot, area.tab_buttons["pages"])  # type: ignore[attr-defined]
    assert area.current == "media" and media.pages.currentWidget() is editor  # type: ignore[attr-defined]
    assert read_plainly(editor.message.text()) == (
        "Titre : balise HTML interdite (un nom est du texte simple) ; rien n'a changé."
    )
    assert read_plainly(editor.title.text()) == "<script>" and media.is_dirty()  # type: ignore[attr-defined]
    assert title_of(sample_catalogue, entry.id) == entry.title


def test_settings_ask_before_another_tab_and_leaving(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    tap(qtbot, area.tab_buttons["settings"])  # type: ignore[attr-defined]
    page = area.pages["settings"]  # type: ignore[attr-defined]
    before = settings.load(sample_catalogue).idle_timeout_s
    assert not page.is_dirty()
    tap(qtbot, plus_of(page.idle))
    assert page.is_dirty()
    seen: list[str] = []
    QTimer.singleShot(0, answer_with(qtbot, area, "Annuler", seen))
    tap(qtbot, area.tab_buttons["media"])  # type: ignore[attr-defined]
    assert seen == ["Annuler", "Ne pas enregistrer", "Enregistrer"]
    assert area.current == "settings"  # type: ignore[attr-defined]
    assert page.idle.value() == before + page.idle.singleStep()
    # « Ne pas enregistrer » on leaving the staff area: nothing saved, the form as saved again.
    closed: list[bool] = []
    area.closed.connect(lambda: closed.append(True))  # type: ignore[attr-defined]
    QTimer.singleShot(0, answer_with(qtbot, area, "Ne pas enregistrer", []))
    tap(qtbot, area.back_button)  # type: ignore[attr-defined]
    assert closed == [True]
    assert settings.load(sample_catalogue).idle_timeout_s == before
    assert page.idle.value() == before and not page.is_dirty()
    # Opening hours (« Toujours ouverte » unticked: every day 9 h - 18 h), then « Enregistrer »
    # from the question: saved, the other tab.
    assert settings.load(sample_catalogue).opening_hours == {}
    always = page.hours.always  # its box and words (not the empty row beside them)
    tap(qtbot, always, QPoint(always.height() // 2, always.height() // 2))
    assert page.is_dirty()
    QTimer.singleShot(0, answer_with(qtbot, area, "Enregistrer", []))
    tap(qtbot, area.tab_buttons["media"])  # type: ignore[attr-defined]
    assert area.current == "media"  # type: ignore[attr-defined]
    hours = settings.load(sample_catalogue).opening_hours
    assert len(hours) == 7 and hours["mon"] == ["09:00", "18:00"]
    assert not page.is_dirty()


def test_settings_kept_through_the_staff_timeout(
    qtbot: QtBot,
    kiosk: KioskController,  # noqa: F811
    sample_catalogue: Catalogue,
) -> None:
    kiosk.open_staff_area()
    area = kiosk.staff_area
    assert area is not None
    tap(qtbot, area.tab_buttons["settings"])  # type: ignore[attr-defined]
    page = area.pages["settings"]  # type: ignore[attr-defined]
    before = settings.load(sample_catalogue).volume
    tap(qtbot, plus_of(page.volume))
    changed = page.volume.value()
    assert changed != before
    kiosk.staff_timed_out()  # nobody there: nothing asked, nothing saved, the area kept
    assert kiosk.staff_area is None and kiosk.kept_staff_area is area
    assert settings.load(sample_catalogue).volume == before
    kiosk.open_staff_area()  # the next staff session, after the PIN
    assert kiosk.staff_area is area and area.current == "settings"
    assert page.volume.value() == changed
    assert "gardées" in page.message.text()


@pytest.mark.parametrize("size", ["1920x1080", "1280x800"])
def test_the_three_answers_are_not_cut(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    size: str,
) -> None:
    from kiosk.staff.dialogs import active_question

    area = build_area(qtbot, qapp, sample_catalogue, content_root, size)
    page = area.open_tab("settings")  # type: ignore[attr-defined]
    tap(qtbot, plus_of(page.idle))
    widths: list[tuple[str, int, int]] = []

    def look() -> None:
        question = active_question(area)  # type: ignore[arg-type]
        if question is None:
            QTimer.singleShot(10, look)
            return
        widths.extend(
            (b.text(), b.width(), b.sizeHint().width()) for b in question.buttons.values()
        )
        question.answer("cancel")

    QTimer.singleShot(0, look)
    tap(qtbot, area.tab_buttons["media"])  # type: ignore[attr-defined]
    assert [text for text, _w, _h in widths] == ["Annuler", "Ne pas enregistrer", "Enregistrer"]
    assert all(width >= hint for _t, width, hint in widths), widths
