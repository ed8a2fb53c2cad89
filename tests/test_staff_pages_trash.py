"""A text page removed in the Pages tab, by taps only: the kiosk's question says where visitors
see it, the page goes to the Corbeille (its tile leaves the home screen) and « Restaurer » in the
Médias tab's Corbeille brings it back as it was."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library import catalogue_views
from kiosk.library.catalogue_admin import pages
from kiosk.library.trash import list_trash
from kiosk.store.database import Catalogue
from kiosk.store.models import TrashKind
from tests.staff_touch_helpers import read_plainly, tap
from tests.test_staff_touch_keyboard import build_area, type_by_taps
from tests.test_staff_unsaved_leave import answer_with


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    yield build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")


def asked_text(area: object) -> list[str]:
    """Note the text of the next question shown over ``area``."""
    from kiosk.staff.dialogs import active_question

    seen: list[str] = []

    def note() -> None:
        question = active_question(area)  # type: ignore[arg-type]
        if question is None:
            QTimer.singleShot(10, note)
            return
        seen.append(question.text.text())

    QTimer.singleShot(0, note)
    return seen


def test_a_page_deleted_by_taps_then_restored_from_the_corbeille(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    tab = area.open_tab("pages")  # type: ignore[attr-defined]
    assert read_plainly(tab.title.text()) == "C'est quoi l'ESS ?"
    # « Non »: nothing changes.
    text = asked_text(area)
    QTimer.singleShot(0, answer_with(qtbot, area, "Non", []))
    tap(qtbot, tab.delete_button)
    assert [read_plainly(line) for line in text] == [
        "Supprimer la page « C'est quoi l'ESS ? » ? Les visiteurs la voient sur l'accueil : "
        "c'est la tuile « C'est quoi l'ESS ? ». Elle ira dans la Corbeille (onglet Médias), "
        "d'où elle peut être restaurée."
    ]
    assert [p.slug for p in catalogue_views.pages(sample_catalogue)] == ["ess"]
    # « Oui »: the page is in the Corbeille, its tile gone from the visitors' home.
    QTimer.singleShot(0, answer_with(qtbot, area, "Oui", []))
    tap(qtbot, tab.delete_button)
    assert catalogue_views.pages(sample_catalogue) == []
    assert pages.list_pages(sample_catalogue) == []
    assert read_plainly(tab.message.text()) == (
        "« C'est quoi l'ESS ? » est dans la Corbeille (onglet Médias) : elle peut y être restaurée."
    )
    assert tab.page_id is None and not tab.delete_button.isEnabled()
    assert not tab.is_dirty()
    (entry,) = list_trash(sample_catalogue)
    assert entry.kind is TrashKind.PAGE and entry.detail == "page · était une tuile de l'accueil"

    media = area.open_tab("media")  # type: ignore[attr-defined]
    tap(qtbot, media.trash_button)
    trash = media.trash
    item = trash.list.item(0)
    assert item.text().startswith("Page « C'est quoi l'ESS ? »")
    # The kind is said once (not « page · … » again), and a page is « supprimée », in French
    # dates (« 1er déc. 2026 à 17:37 »).
    _first, shown, when = read_plainly(item.text()).split("\n")
    assert shown == "était une tuile de l'accueil" and "page" not in shown
    assert when.startswith("supprimée le ") and " à " in when and "/" not in when
    tap(qtbot, trash.list.viewport(), trash.list.visualItemRect(item).center())
    tap(qtbot, trash.restore_button)
    assert read_plainly(trash.message.text()) == (
        "Page « C'est quoi l'ESS ? » restaurée (sa tuile est de nouveau sur l'accueil)."
    )
    (page,) = catalogue_views.pages(sample_catalogue)
    assert (page.slug, page.title_en) == ("ess", "What is the SSE?")
    assert page.body.startswith("# L'économie sociale et solidaire")
    area.open_tab("pages")  # type: ignore[attr-defined]
    assert read_plainly(tab.title.text()) == "C'est quoi l'ESS ?" and tab.delete_button.isEnabled()


def test_an_unpublished_page_says_visitors_do_not_see_it(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    tab = area.open_tab("pages")  # type: ignore[attr-defined]
    tap(qtbot, tab.new_button)  # a new page is not published
    text = asked_text(area)
    QTimer.singleShot(0, answer_with(qtbot, area, "Oui", []))
    tap(qtbot, tab.delete_button)
    assert "Elle n'est pas publiée : les visiteurs ne la voient pas." in read_plainly(text[0])
    assert [p.title for p in pages.list_pages(sample_catalogue)] == ["C'est quoi l'ESS ?"]
    assert read_plainly(tab.title.text()) == "C'est quoi l'ESS ?"  # the form shows the page left


def test_a_malformed_corbeille_row_is_shown_unreadable_and_refused_by_taps(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    from tests.test_trash import add_raw_trash_row

    bad = add_raw_trash_row(sample_catalogue, "page", '{"row": "abc"}')
    media = area.open_tab("media")  # type: ignore[attr-defined]
    tap(qtbot, media.trash_button)
    trash = media.trash
    item = trash.list.item(0)
    assert "illisible : sa fiche est illisible" in item.text()
    tap(qtbot, trash.list.viewport(), trash.list.visualItemRect(item).center())
    tap(qtbot, trash.restore_button)
    assert read_plainly(trash.message.text()) == (
        f"corbeille n°{bad} « Abîmé » : illisible (sa fiche est illisible) ; rien n'a été changé."
    )


def test_a_new_page_s_title_is_typed_over_its_given_name(qtbot: QtBot, area: object) -> None:
    """« Nouvelle page » names the page « Nouvelle page N »; a volunteer touching the title
    and typing « Nos horaires » gets « Nos horaires », not « Nouvelle page NNos horaires »."""
    tab = area.open_tab("pages")  # type: ignore[attr-defined]
    tap(qtbot, tab.new_button)
    given = read_plainly(tab.title.text())
    assert given.startswith("Nouvelle page")
    tap(qtbot, tab.title, QPoint(tab.title.width() - 8, tab.title.height() // 2))
    type_by_taps(qtbot, area, "Nos horaires")
    assert tab.title.text() == "Nos horaires"
    type_by_taps(qtbot, area, " 2026")  # later letters are added as usual
    assert tab.title.text() == "Nos horaires 2026"
