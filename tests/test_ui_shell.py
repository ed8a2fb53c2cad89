"""The shell: navigation between the screens, the language switch, recovery from errors."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue
from kiosk.ui.app import install_exception_hook
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.map import MapScreen
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.window import KioskWindow
from tests.harness.windows import OpenKioskWindow


@pytest.fixture
def window(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, sample_catalogue: Catalogue
) -> KioskWindow:
    return open_kiosk_window(content_root, sample_catalogue)


def tap(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))


def home(window: KioskWindow) -> HomeScreen:
    screen = window.screens["home"]
    assert isinstance(screen, HomeScreen)
    return screen


def test_starts_on_home_with_a_tile_per_feature_and_page(window: KioskWindow) -> None:
    assert window.current_route.name == "home"
    assert set(home(window).tiles) == {"map", "videos", "notes", "page:ess"}
    assert not window.top_bar.home_button.isVisible()
    assert not window.top_bar.back_button.isVisible()


def test_tapping_tiles_opens_screens_and_home_comes_back(qtbot: QtBot, window: KioskWindow) -> None:
    for key, route in [("map", "map"), ("videos", "videos"), ("notes", "notes")]:
        tap(qtbot, home(window).tiles[key])
        assert window.current_route.name == route
        assert window.stack.currentWidget() is window.screens[route]
        assert window.top_bar.home_button.isVisible()
        tap(qtbot, window.top_bar.home_button)
        assert window.current_route.name == "home"
        assert window.history == [window.current_route]


def test_back_returns_to_the_previous_screen(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, home(window).tiles["map"])
    window.open("page", "ess")
    tap(qtbot, window.top_bar.back_button)
    assert window.current_route.name == "map"
    tap(qtbot, window.top_bar.back_button)
    assert window.current_route.name == "home"


def test_a_page_shows_its_markdown_in_the_chosen_language(
    qtbot: QtBot, window: KioskWindow
) -> None:
    tap(qtbot, home(window).tiles["page:ess"])
    page = window.screens["page"]
    assert isinstance(page, PageScreen)
    text = page.findChild(QTextBrowser)
    assert text is not None
    assert "économie sociale et solidaire" in text.toPlainText()
    # French typography: the "?" never alone at the start of a line.
    assert window.top_bar.title_label.text() == "C'est quoi l'ESS\u00a0?"
    assert "proximité" in text.toPlainText()
    tap(qtbot, window.top_bar.language_buttons["en"])
    assert "social and solidarity economy" in text.toPlainText()
    assert window.top_bar.title_label.text() == "What is the SSE?"


def test_the_language_switch_translates_the_shell(qtbot: QtBot, window: KioskWindow) -> None:
    screen = home(window)
    assert screen.heading.text() == "Bienvenue au Mazier"
    assert screen.tiles["map"].title == "La carte"
    tap(qtbot, window.top_bar.language_buttons["en"])
    assert window.context.languages.language == "en"
    assert screen.heading.text() == "Welcome to Le Mazier"
    assert screen.tiles["map"].title == "The map"
    assert screen.tiles["page:ess"].title == "What is the SSE?"
    assert window.top_bar.language_buttons["en"].isChecked()
    window.open("map")
    assert window.top_bar.home_button.text() == "Home"
    tap(qtbot, window.top_bar.language_buttons["fr"])
    assert window.top_bar.home_button.text() == "Accueil"
    assert screen.heading.text() == "Bienvenue au Mazier"


def test_the_map_lists_every_place_and_says_which_are_not_placed(window: KioskWindow) -> None:
    window.open("map")
    screen = window.screens["map"]
    assert isinstance(screen, MapScreen)
    rows = screen.model.places
    assert [row.name for row in rows] == ["La MAGIC", "Le Mazier"]
    assert not rows[0].is_on_map and rows[1].is_on_map
    assert rows[1].commune == "Bourbon-l'Archambault"
    assert set(screen.canvas.pins) == {"le-mazier"}


def test_an_unexpected_error_logs_and_goes_home(
    window: KioskWindow, caplog: pytest.LogCaptureFixture
) -> None:
    window.open("videos")
    previous_hook = sys.excepthook
    install_exception_hook(window.recover)
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous_hook
    assert window.current_route.name == "home"
    assert "boom in a slot" in caplog.text


def test_keys_that_would_leave_the_kiosk_are_swallowed(window: KioskWindow) -> None:
    window.setProperty("allow_close", False)
    for key, modifiers in [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ]:
        event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
        QApplication.sendEvent(window, event)
        assert event.isAccepted()
    assert not window.close()
    assert window.isVisible()


def test_screens_without_content_say_so(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, catalogue: Catalogue
) -> None:
    empty = open_kiosk_window(content_root, catalogue, (1080, 1920))
    assert empty.context.portrait
    empty.open("map")
    labels = [label.text() for label in empty.screens["map"].findChildren(QLabel)]
    assert "Aucune carte n'a encore été importée." in labels
    empty.open("videos")
    labels = [label.text() for label in empty.screens["videos"].findChildren(QLabel)]
    assert "Aucune vidéo pour le moment." in labels


@pytest.mark.parametrize("large_text", [False, True])
def test_the_name_stays_in_the_top_bar_in_portrait(
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    large_text: bool,
) -> None:
    kiosk_window = open_kiosk_window(content_root, sample_catalogue, (1080, 1920))
    kiosk_window.open("map")
    appearance = kiosk_window.context.appearance
    assert appearance is not None
    appearance.set_large_text(large_text)  # open_kiosk_window puts it back
    QApplication.processEvents()
    name = kiosk_window.top_bar.logo_text
    assert name.isVisible() and name.text() == "Le Mazier"
    # Each word whole: the label is at least as wide as its longest word.
    assert name.width() >= name.fontMetrics().horizontalAdvance("Mazier")
    assert name.height() >= name.fontMetrics().height()
