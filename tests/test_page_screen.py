"""A text page opens at its top: after it is shown, after its images arrive, at every visit."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue
from kiosk.store.models import Page
from kiosk.ui.screens.page import PageScreen
from kiosk.ui.window import KioskWindow
from tests.harness.windows import OpenKioskWindow
from tests.media_factory import make_image

PARAGRAPH = "Une économie de proximité, faite par et pour les gens du pays. " * 6


@pytest.fixture
def window(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, catalogue: Catalogue
) -> KioskWindow:
    photos = content_root.home / "assets" / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    make_image(photos / "four.png", (1200, 800))
    body = "\n\n".join(
        ["Et pourquoi ? « Parce que » : voilà."]
        + [PARAGRAPH] * 6
        + ["![Le four](assets/photos/four.png)"]
        + [PARAGRAPH] * 12
    )
    with catalogue.session() as session:
        session.add(Page(slug="longue", title="Une longue page", body=body, body_en=body))
    return open_kiosk_window(content_root, catalogue)


def page_screen(window: KioskWindow) -> PageScreen:
    screen = window.screens["page"]
    assert isinstance(screen, PageScreen)
    return screen


def wait_for_the_image(qtbot: QtBot, screen: PageScreen) -> None:
    qtbot.waitUntil(lambda: not screen.text.safe_document._waiting)
    QApplication.processEvents()


def test_a_long_page_opens_at_its_top_and_stays_there_when_its_image_arrives(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.open("page", "longue")
    screen = page_screen(window)
    bar = screen.text.verticalScrollBar()
    QApplication.processEvents()
    assert bar.maximum() > 0  # the page is longer than the screen
    assert bar.value() == 0
    wait_for_the_image(qtbot, screen)
    assert bar.value() == 0
    assert screen.text.textCursor().position() == 0


def test_a_page_opens_at_its_top_at_every_visit_and_language(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.open("page", "longue")
    screen = page_screen(window)
    bar = screen.text.verticalScrollBar()
    wait_for_the_image(qtbot, screen)
    bar.setValue(bar.maximum() // 2)
    window.open("home")
    window.open("page", "longue")
    QApplication.processEvents()
    assert bar.value() == 0
    bar.setValue(bar.maximum() // 2)
    window.top_bar.language_buttons["en"].click()
    QApplication.processEvents()
    wait_for_the_image(qtbot, screen)
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    screen.reset()
    QApplication.processEvents()
    assert bar.value() == 0


def test_french_text_shows_with_non_breaking_spaces(qtbot: QtBot, window: KioskWindow) -> None:
    window.open("page", "longue")
    text = page_screen(window).text.document().toRawText()  # toPlainText() drops the NBSP
    assert "Et pourquoi\u00a0? «\u00a0Parce que\u00a0»\u00a0: voilà." in text
