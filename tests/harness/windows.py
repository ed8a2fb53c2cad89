"""The kiosk's real window for widget tests, made one way: ``open_kiosk_window(root, catalogue)``.

The window is shown (offscreen) at the kiosk's size and handed to pytest-qt, which closes it
after the test (``allow_close`` lets it close; the kiosk's own window refuses). Before it closes,
its video player lets go of libvlc; after, the language and the appearance, which live on the
application, are put back for the next test.

``sample_kiosk_window`` is that window on the sample catalogue. ``start_kiosk_controller(window,
settings)`` runs the kiosk's controller on such a window (not locked down) and shuts it down
after the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.context import UiContext
from kiosk.library.first_screen import FirstScreen
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.kiosk_controller import KioskController, StaffFactory, default_staff_factory
from kiosk.ui.window import KioskWindow

KIOSK_SIZE = (1920, 1080)


def _release_player(widget: QWidget) -> None:
    assert isinstance(widget, KioskWindow)
    screen = widget.screens.get("player")
    player = getattr(screen, "player", None)
    if player is not None:
        player.release()


class OpenKioskWindow:
    """Opens the real kiosk window on a content root and catalogue, at ``size``.

    Without a catalogue yet, ``first`` gives the first screen's settings and pages (the two-step
    start); ``at`` puts the window's top left corner there (a real display's root image)."""

    def __init__(self, qtbot: QtBot, qapp: QApplication) -> None:
        self._qtbot = qtbot
        self._qapp = qapp
        self.contexts: list[UiContext] = []

    def __call__(
        self,
        root: ContentRoot,
        catalogue: Catalogue | None,
        size: tuple[int, int] = KIOSK_SIZE,
        *,
        first: FirstScreen | None = None,
        at: tuple[int, int] | None = None,
    ) -> KioskWindow:
        context = build_context(self._qapp, root, catalogue, RunOptions(size=size), first)
        self.contexts.append(context)
        window = KioskWindow(context)
        window.setProperty("allow_close", True)
        if at is not None:
            window.setGeometry(*at, *size)
        else:
            window.resize(*size)
        self._qtbot.addWidget(window, before_close_func=_release_player)
        window.show()
        self._qtbot.waitExposed(window)
        return window

    def put_back(self) -> None:
        """The language and the appearance, which live on the application, as they were."""
        for context in self.contexts:
            context.languages.set_language("fr")  # the translator is the application's
            if context.appearance is not None:
                context.appearance.reset()


class StartKioskController:
    """Runs the kiosk's controller on a window from ``open_kiosk_window``, not locked down.

    ``quick_idle``: the idle logic in milliseconds (seconds are too slow for tests); with
    ``start=False`` the test changes what it needs, then calls ``start()`` itself. Each
    controller shuts down before whatever was set up before it (the catalogue it writes the
    visit to) is torn down."""

    def __init__(self, qapp: QApplication, test: pytest.Item) -> None:
        self._qapp = qapp
        self._test = test

    def __call__(
        self,
        window: KioskWindow,
        settings: KioskSettings,
        *,
        staff_factory: StaffFactory = default_staff_factory,
        clock: Callable[[], datetime] = datetime.now,
        quick_idle: bool = False,
        start: bool = True,
    ) -> KioskController:
        controller = KioskController(
            window,
            window.context,
            settings,
            locked_down=False,
            staff_factory=staff_factory,
            clock=clock,
        )
        self._test.addfinalizer(partial(self._shut_down, controller))
        if quick_idle:
            controller.idle.timeout_s = 0.15
            controller.idle.countdown_s = 2
            controller.idle._tick_timer.setInterval(60)
        if start:
            controller.start()
        return controller

    def _shut_down(self, controller: KioskController) -> None:
        controller.shutdown()
        self._qapp.removeEventFilter(controller.idle)


@pytest.fixture
def open_kiosk_window(qtbot: QtBot, qapp: QApplication) -> Iterator[OpenKioskWindow]:
    """The window maker of ``OpenKioskWindow``; it puts the application back after the test."""
    opener = OpenKioskWindow(qtbot, qapp)
    yield opener
    opener.put_back()


@pytest.fixture
def start_kiosk_controller(
    qapp: QApplication, request: pytest.FixtureRequest
) -> StartKioskController:
    """The controller starter of ``StartKioskController``; it shuts them down after the test."""
    return StartKioskController(qapp, request.node)


@pytest.fixture
def sample_kiosk_window(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, sample_catalogue: Catalogue
) -> KioskWindow:
    """The kiosk window on the sample catalogue (tests/conftest.py), at the kiosk's size."""
    return open_kiosk_window(content_root, sample_catalogue)
