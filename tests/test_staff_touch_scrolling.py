"""Touch in the whole staff area (every tab, whichever module built it): a finger's drag
scrolls lists and forms instead of selecting, drop-down items and buttons are one touch target
high, spin boxes have large − / + with a useful step, scroll bars are wide, questions are the
kiosk's own, and a low stand window neither overlaps the PIN keys nor cuts a tab's name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QBoxLayout,
    QComboBox,
    QMessageBox,
    QPushButton,
    QScrollBar,
    QScroller,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import Metrics
from kiosk.store.database import Catalogue
from tests.staff_touch_helpers import drag, on_screen, tap
from tests.test_media_admin import add_media_rows

TABS = ("media", "places", "map", "albums", "pages", "settings", "stats", "backup", "health")


def make_area(
    qtbot: QtBot,
    qapp: QApplication,
    catalogue: Catalogue,
    root: ContentRoot,
    width: int,
    height: int,
    scale: float,
) -> object:
    from kiosk.staff import StaffArea

    context = UiContext(root, catalogue, LanguageManager(qapp), Metrics(scale))
    area = StaffArea(context)
    qtbot.addWidget(area)
    area.resize(width, height)
    area.show()
    qtbot.waitExposed(area)
    return area


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> Iterator[object]:
    yield make_area(qtbot, qapp, sample_catalogue, content_root, 1920, 1080, 1.0)


def test_a_drag_scrolls_the_media_table_and_selects_nothing(
    qapp: QApplication,
    qtbot: QtBot,
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
) -> None:
    add_media_rows(sample_catalogue, 200)
    area = make_area(qtbot, qapp, sample_catalogue, content_root, 1920, 1080, 1.0)
    tab = area.open_tab("media")  # type: ignore[attr-defined]
    assert tab.sides.direction() is QBoxLayout.Direction.LeftToRight  # room for both sides
    table = tab.table
    qtbot.waitUntil(lambda: table.viewport().height() > 300)  # laid out in the window
    bar = table.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    viewport = table.viewport()
    bottom = QPoint(viewport.width() // 2, viewport.height() - 20)
    on_screen(qtbot, viewport, bottom)
    drag(qtbot, viewport, bottom, QPoint(bottom.x(), 20))
    qtbot.waitUntil(lambda: bar.value() > 100)
    # The list glides on after the finger left (kinetic), then a touch stops it.
    QScroller.scroller(viewport).stop()
    spot = QPoint(20, viewport.height() // 2)
    assert tab.selected_entry() is None  # the drag scrolled; it chose no row
    # A tap still chooses a row.
    index = table.indexAt(spot)
    tap(qtbot, viewport, spot)
    qtbot.waitUntil(lambda: tab.selected_entry() is not None)
    assert tab.selected_entry() == tab.model.entry_at(index.row())


def test_every_scroll_area_of_every_tab_scrolls_by_finger(area: object) -> None:
    for name in TABS:
        page = area.open_tab(name)  # type: ignore[attr-defined]
        for scroll in page.findChildren(QAbstractScrollArea):
            assert QScroller.hasScroller(scroll.viewport()), (name, scroll)


def test_controls_a_finger_can_hit_in_every_tab(area: object) -> None:
    for name in TABS:
        page = area.open_tab(name)  # type: ignore[attr-defined]
        QApplication.processEvents()
        for button in page.findChildren(QPushButton):
            if button.isVisible():
                assert button.height() >= 72, (name, button.text(), button.height())
        for combo in page.findChildren(QComboBox):
            if combo.count():
                assert combo.height() >= 72, (name, combo)
                assert combo.view().sizeHintForRow(0) >= 72, (name, combo)
        for bar in page.findChildren(QScrollBar):
            if bar.isVisible():
                thickness = (
                    bar.width() if bar.orientation() is Qt.Orientation.Vertical else (bar.height())
                )
                assert thickness >= 28, (name, bar)


def test_spin_boxes_have_large_steppers_with_a_useful_step(area: object, qtbot: QtBot) -> None:
    page = area.open_tab("settings")  # type: ignore[attr-defined]
    QApplication.processEvents()
    boxes = [box for box in page.findChildren(QSpinBox) if box.isVisible()]
    assert boxes
    for box in boxes:
        minus, plus = (
            next(b for b in box.findChildren(QPushButton) if b.text() == sign)
            for sign in ("−", "+")
        )
        assert min(plus.width(), plus.height(), minus.width(), minus.height()) >= 72
        assert not plus.geometry().intersects(minus.geometry())
        before = box.value()
        tap(qtbot, plus)
        after = box.value()
        assert after == min(box.maximum(), before + box.singleStep())
        tap(qtbot, minus)
        assert box.value() == max(box.minimum(), after - box.singleStep())
    idle = max(boxes, key=lambda box: box.maximum())  # 15 to 3600 seconds
    assert idle.singleStep() >= 10  # not one second a tap


def test_a_question_is_the_kiosks_own_with_large_french_buttons(area: object, qtbot: QtBot) -> None:
    from kiosk.staff.dialogs import Question, active_question, ask

    answers: list[bool] = []

    def answer(which: str) -> None:
        question = active_question(area)  # type: ignore[arg-type]
        assert isinstance(question, Question)
        assert not QApplication.activeModalWidget()  # no desktop dialog
        assert not any(isinstance(w, QMessageBox) for w in QApplication.topLevelWidgets())
        button = question.yes_button if which == "yes" else question.no_button
        assert button.text() == ("Oui" if which == "yes" else "Non")
        assert button.height() >= 72 and button.width() >= 200
        assert question.text.text() == "Retirer « <b>film</b> » ?"  # plain, as written
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    for which in ("yes", "no"):
        QTimer.singleShot(0, lambda w=which: answer(w))
        answers.append(ask(area, "Retirer", "Retirer « <b>film</b> » ?"))  # type: ignore[arg-type]
    assert answers == [True, False]
    assert active_question(area) is None  # type: ignore[arg-type]


def test_a_question_open_when_the_staff_area_closes_answers_no(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from kiosk.staff import StaffArea
    from kiosk.staff.dialogs import ask

    context = UiContext(content_root, sample_catalogue, LanguageManager(qapp), Metrics(0.67))
    area = StaffArea(context)  # not given to qtbot: the test deletes it
    area.resize(1280, 800)
    area.show()
    tab = area.open_tab("media")
    QTimer.singleShot(0, area.deleteLater)
    assert ask(tab, "Retirer", "Retirer ?") is False


def test_a_low_stand_window_cuts_no_tab_and_overlaps_no_pin_key(
    qapp: QApplication, qtbot: QtBot, sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    """A 1280x831 window on a 1080p screen: the sizes of 1080p in a smaller window."""
    from kiosk.library import pin
    from kiosk.library.pin import PinGuard
    from kiosk.ui.pin_pad import PinPad

    area = make_area(qtbot, qapp, sample_catalogue, content_root, 1280, 831, 1.0)
    QApplication.processEvents()
    assert area.size().toTuple() == (1280, 831)  # type: ignore[attr-defined]
    for name, tab_button in area.tab_buttons.items():  # type: ignore[attr-defined]
        assert tab_button.width() >= tab_button.sizeHint().width(), name  # "Statistiqu"
        area.tab_scroll.ensureWidgetVisible(tab_button)  # type: ignore[attr-defined]
        QApplication.processEvents()
        assert tab_button.visibleRegion().boundingRect().height() >= 72, name
    for exit_button in (area.back_button, area.quit_button):  # type: ignore[attr-defined]
        assert exit_button.width() >= exit_button.sizeHint().width()
    # The Médias tab puts its import side above the list rather than pushing it off the window.
    media = area.open_tab("media")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: media.sides.direction() is QBoxLayout.Direction.TopToBottom)
    assert media.width() <= area.page_scroll.viewport().width()  # type: ignore[attr-defined]

    pin.set_pin(sample_catalogue, "2468")
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(1280, 831)
    pad = PinPad(host, Metrics(1.0), sample_catalogue, PinGuard(sample_catalogue))
    host.show()
    pad.open()
    keys = list(pad.keys.values())
    qtbot.waitUntil(lambda: keys[-1].geometry().top() > 0)
    assert all(key.height() >= 72 for key in keys)
    for i, key in enumerate(keys):
        for other in keys[i + 1 :]:
            assert not key.geometry().intersects(other.geometry()), (key.text(), other.text())
    card = pad.keypad.parentWidget()
    assert card is not None and card.geometry().bottom() <= host.height()
    assert pad.cancel_button.mapTo(host, QPoint(0, pad.cancel_button.height())).y() <= 831
