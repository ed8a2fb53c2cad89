"""The kiosk's real window for widget tests, made one way: ``open_kiosk_window(root, catalogue)``.

The window is shown (offscreen) at the kiosk's size and handed to pytest-qt, which closes it
after the test (``allow_close`` lets it close; the kiosk's own window refuses). Before it closes,
its video player lets go of libvlc; after, the language and the appearance, which live on the
application, are put back for the next test.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.window import KioskWindow

KIOSK_SIZE = (1920, 1080)


class OpenKioskWindow(Protocol):
    def __call__(
        self, root: ContentRoot, catalogue: Catalogue, size: tuple[int, int] = KIOSK_SIZE
    ) -> KioskWindow: ...


def _release_player(widget: QWidget) -> None:
    assert isinstance(widget, KioskWindow)
    screen = widget.screens.get("player")
    player = getattr(screen, "player", None)
    if player is not None:
        player.release()


@pytest.fixture
def open_kiosk_window(qtbot: QtBot, qapp: QApplication) -> Iterator[OpenKioskWindow]:
    """Opens the real kiosk window on a content root and catalogue, at ``size``."""
    contexts: list[UiContext] = []

    def open_window(
        root: ContentRoot, catalogue: Catalogue, size: tuple[int, int] = KIOSK_SIZE
    ) -> KioskWindow:
        context = build_context(qapp, root, catalogue, RunOptions(size=size))
        contexts.append(context)
        window = KioskWindow(context)
        window.setProperty("allow_close", True)
        window.resize(*size)
        qtbot.addWidget(window, before_close_func=_release_player)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield open_window
    for context in contexts:
        context.languages.set_language("fr")  # the translator is the application's
        if context.appearance is not None:
            context.appearance.reset()
