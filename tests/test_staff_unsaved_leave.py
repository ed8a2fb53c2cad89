"""Unsaved edits in the staff area: the kiosk's own three-answer question (the same card as
every « Oui / Non »), asked before another tab, before « Retour à la borne » and kept through the
staff session's timeout (the area kept, hidden, for the next staff session)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.store.models import Place
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.harness.windows import StartKioskController
from tests.staff_touch_helpers import tap
from tests.test_staff_touch_keyboard import build_area


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    yield build_area(qtbot, qapp, sample_catalogue, content_root, "1920x1080")


def answer_with(qtbot: QtBot, host: object, label: str, seen: list[str]) -> Callable[[], None]:
    """Tap the answer ``label`` of the question shown over ``host`` (noting its answers)."""
    from kiosk.staff.dialogs import Question, active_question

    def answer() -> None:
        question = active_question(host)  # type: ignore[arg-type]
        if question is None:  # not asked yet (the tap before it is still on its way)
            QTimer.singleShot(20, answer)
            return
        assert isinstance(question, Question)
        assert not any(isinstance(w, QMessageBox) for w in QApplication.topLevelWidgets())
        seen.extend(button.text() for button in question.buttons.values())
        chosen = next(b for b in question.buttons.values() if b.text() == label)
        assert chosen.height() >= 72
        tap(qtbot, chosen)

    return answer


def place_name(catalogue: Catalogue, place_id: int) -> str:
    with catalogue.session() as session:
        return session.scalars(select(Place.name).where(Place.id == place_id)).one()


def test_another_tab_asks_with_the_kiosks_card_and_annuler_stays(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    from kiosk.staff.catalogue_tabs.places_tab import PlacesTab
    from kiosk.staff.dialogs import active_question

    places = area.open_tab("places")  # type: ignore[attr-defined]
    assert isinstance(places, PlacesTab)
    saved_name = places.name.text()
    places.name.setText("Un nom changé")
    seen: list[str] = []
    QTimer.singleShot(0, answer_with(qtbot, area, "Annuler", seen))
    tap(qtbot, area.tab_buttons["media"])  # type: ignore[attr-defined]
    assert seen == ["Annuler", "Ne pas enregistrer", "Enregistrer"]
    assert area.current == "places"  # type: ignore[attr-defined]
    assert area.tab_buttons["places"].isChecked()  # type: ignore[attr-defined]
    assert places.name.text() == "Un nom changé"
    # « Ne pas enregistrer »: the other tab, and back here the saved place again.
    QTimer.singleShot(0, answer_with(qtbot, area, "Ne pas enregistrer", []))
    tap(qtbot, area.tab_buttons["media"])  # type: ignore[attr-defined]
    assert area.current == "media"  # type: ignore[attr-defined]
    tap(qtbot, area.tab_buttons["places"])  # type: ignore[attr-defined]
    assert places.name.text() == saved_name
    assert active_question(area) is None  # type: ignore[arg-type]


def test_enregistrer_saves_before_the_other_tab(
    area: object, qtbot: QtBot, sample_catalogue: Catalogue
) -> None:
    places = area.open_tab("places")  # type: ignore[attr-defined]
    place_id = places.place_id
    places.name.setText("Le Mazier, tiers-lieu")
    QTimer.singleShot(0, answer_with(qtbot, area, "Enregistrer", []))
    tap(qtbot, area.tab_buttons["pages"])  # type: ignore[attr-defined]
    assert area.current == "pages"  # type: ignore[attr-defined]
    assert place_name(sample_catalogue, place_id) == "Le Mazier, tiers-lieu"


def test_going_back_to_the_kiosk_asks_first(area: object, qtbot: QtBot) -> None:
    places = area.open_tab("places")  # type: ignore[attr-defined]
    places.name.setText("Un nom changé")
    closed: list[bool] = []
    area.closed.connect(lambda: closed.append(True))  # type: ignore[attr-defined]
    QTimer.singleShot(0, answer_with(qtbot, area, "Annuler", []))
    tap(qtbot, area.back_button)  # type: ignore[attr-defined]
    assert not closed and places.name.text() == "Un nom changé"
    QTimer.singleShot(0, answer_with(qtbot, area, "Ne pas enregistrer", []))
    tap(qtbot, area.back_button)  # type: ignore[attr-defined]
    assert closed
    # Nothing unsaved: no question at all.
    tap(qtbot, area.back_button)  # type: ignore[attr-defined]
    assert closed == [True, True]


@pytest.fixture
def kiosk(
    sample_kiosk_window: KioskWindow, start_kiosk_controller: StartKioskController
) -> KioskController:
    settings = KioskSettings(idle_timeout_s=15, idle_countdown_s=3, staff_timeout_s=60)
    return start_kiosk_controller(sample_kiosk_window, settings)


def test_the_timeout_keeps_unsaved_edits_for_the_next_staff_session(
    qtbot: QtBot, kiosk: KioskController, sample_catalogue: Catalogue
) -> None:
    from kiosk.staff import StaffArea
    from kiosk.staff.catalogue_tabs.places_tab import PlacesTab
    from kiosk.staff.dialogs import active_question

    kiosk.open_staff_area()
    area = kiosk.staff_area
    assert isinstance(area, StaffArea)
    places = area.open_tab("places")
    assert isinstance(places, PlacesTab)
    place_id = places.place_id
    assert place_id is not None
    saved_name = place_name(sample_catalogue, place_id)
    places.name.setText("Écrit avant une pause")
    # The volunteer taps « Retour à la borne », the question opens, nobody answers: time's up.
    kiosk.staff_timeout_ms = 300
    kiosk.staff_timer.start(kiosk.staff_timeout_ms)
    area.back_button.click()  # returns once the timeout answered the question « Annuler »
    assert kiosk.staff_area is None and not area.isVisible()
    assert kiosk.window.current_route.name == "home"
    assert active_question(area) is None
    assert place_name(sample_catalogue, place_id) == saved_name  # nothing saved unseen
    # The next staff session (after the PIN) finds the form as it was left, and says so.
    kiosk.staff_timeout_ms = 60_000
    kiosk.open_staff_area()
    assert kiosk.staff_area is area and area.isVisible()
    assert area.current == "places" and places.name.text() == "Écrit avant une pause"
    assert "gardées" in places.message.text()
    # Once left cleanly, a timeout drops the area: the session after builds a fresh one.
    places.save()
    assert place_name(sample_catalogue, place_id) == "Écrit avant une pause"
    kiosk.staff_timed_out()
    assert kiosk.staff_area is None and kiosk.kept_staff_area is None
    kiosk.open_staff_area()
    assert kiosk.staff_area is not area


def test_the_timeout_under_an_open_question_deletes_nothing_in_use(
    qtbot: QtBot, kiosk: KioskController, sample_catalogue: Catalogue
) -> None:
    """A yes/no question open on a clean form when the staff session ends: the area is not
    kept (nothing unsaved), and it is deleted only once the question's wait has returned (it was
    deleted under the question: « Internal C++ object already deleted », then a crash)."""
    import shiboken6

    from kiosk.staff import StaffArea
    from kiosk.staff.catalogue_tabs.places_tab import PlacesTab

    kiosk.open_staff_area()
    area = kiosk.staff_area
    assert isinstance(area, StaffArea)
    places = area.open_tab("places")
    assert isinstance(places, PlacesTab)
    place_id = places.place_id
    assert place_id is not None
    kiosk.staff_timeout_ms = 300
    kiosk.staff_timer.start(kiosk.staff_timeout_ms)
    places.delete_button.click()  # « Supprimer ce lieu ? » opens; nobody answers
    assert kiosk.staff_area is None and kiosk.kept_staff_area is None
    assert place_name(sample_catalogue, place_id) is not None  # « Non »: nothing deleted
    qtbot.waitUntil(lambda: not shiboken6.isValid(area))  # deleted once the wait returned


def test_the_timeout_under_the_unsaved_question_of_another_place_keeps_the_edits(
    qtbot: QtBot, kiosk: KioskController, sample_catalogue: Catalogue
) -> None:
    """The volunteer's case: another place touched in the list, the unsaved-edits question
    open, the session times out: no crash, the form and the edits kept for the next session."""
    from kiosk.staff import StaffArea
    from kiosk.staff.catalogue_tabs.places_tab import PlacesTab

    kiosk.open_staff_area()
    area = kiosk.staff_area
    assert isinstance(area, StaffArea)
    places = area.open_tab("places")
    assert isinstance(places, PlacesTab)
    assert places.places.count() >= 2
    first = places.place_id
    places.name.setText("Écrit avant une pause")
    kiosk.staff_timeout_ms = 300
    kiosk.staff_timer.start(kiosk.staff_timeout_ms)
    places.places.setCurrentRow(1)  # the question opens; nobody answers
    assert kiosk.staff_area is None and kiosk.kept_staff_area is area
    assert places.place_id == first and places.name.text() == "Écrit avant une pause"
    assert places.places.currentRow() == 0


def test_a_question_whose_host_is_deleted_under_it_returns_its_way_out(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """The staff area destroyed outright while a question waits (the kiosk shutting down): the
    question returns « Non » / « Annuler » and touches nothing deleted."""
    import shiboken6
    from PySide6.QtWidgets import QWidget

    from kiosk.staff.dialogs import Option, active_question, ask, choose

    for question in ("ask", "choose"):
        host = QWidget()
        host.setObjectName("StaffArea")
        host.resize(1280, 800)
        host.show()
        seen: list[bool] = []

        def delete_host(host: QWidget = host, seen: list[bool] = seen) -> None:
            seen.append(active_question(host) is not None)
            shiboken6.delete(host)

        QTimer.singleShot(50, delete_host)
        if question == "ask":
            assert ask(host, "Titre", "Une question ?") is False
        else:
            options = (Option("cancel", "Annuler", "mdi6.close"), Option("go", "Va", "mdi6.check"))
            assert choose(host, "Titre", "Une question ?", options, escape="cancel") == "cancel"
        assert seen == [True] and not shiboken6.isValid(host)


def test_the_staff_area_deleted_under_the_unsaved_question_waits_for_it(
    qtbot: QtBot, qapp: QApplication, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    """Whatever deletes the staff area while the question waits (here a bare deleteLater), the
    question is answered « Annuler » first and the area goes once the tab switch it
    interrupted has finished with it (no « already deleted », no crash)."""
    import shiboken6

    from kiosk.kit.context import UiContext
    from kiosk.kit.i18n import LanguageManager
    from kiosk.kit.theme import Metrics, scale_for
    from kiosk.staff import StaffArea
    from kiosk.staff.catalogue_tabs.places_tab import PlacesTab

    # Not given to qtbot (which would close it at the end): the test deletes it.
    metrics = Metrics(scale_for(1920, 1080))
    area = StaffArea(UiContext(content_root, sample_catalogue, LanguageManager(qapp), metrics))
    area.resize(1920, 1080)
    area.show()
    qtbot.waitExposed(area)
    places = area.open_tab("places")
    assert isinstance(places, PlacesTab)
    places.name.setText("Un nom changé")
    QTimer.singleShot(100, area.deleteLater)
    area.tab_buttons["media"].click()  # the question opens
    assert shiboken6.isValid(area)  # still there when the switch returns
    assert area.current == "places"  # « Annuler »: it stayed
    qtbot.waitUntil(lambda: not shiboken6.isValid(area))
