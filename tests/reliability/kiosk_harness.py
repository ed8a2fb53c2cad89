"""A real kiosk (window and controller, no lockdown) on a temporary content root, for the
monkey and soak scenarios, plus recorders of what must never happen: an exception that reaches
the event loop, a Qt warning or critical message."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.config import ContentRoot
from kiosk.library import pin
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.window import KioskWindow

# Qt messages that say nothing went wrong. A kinetic scroller (QScroller on the map, list, page
# and sheet) tracks a finger as a gesture; when that finger's tap changes the screen, the widget
# is hidden before the gesture ends and Qt drops the gesture with this message.
BENIGN_MESSAGES = ("QGestureManager::deliverEvents: could not find the target for gesture",)
# The offscreen platform has no native windows (the player's control bands ask for some).
OFFSCREEN_MESSAGES = ("This plugin does not support",)


@dataclass
class Incidents:
    exceptions: list[str] = field(default_factory=list)
    qt_messages: list[str] = field(default_factory=list)


@contextmanager
def watch_incidents() -> Iterator[Incidents]:
    """Record unhandled exceptions (sys.excepthook) and Qt warnings while the block runs."""
    incidents = Incidents()
    previous_hook = sys.excepthook
    benign: tuple[str, ...] = BENIGN_MESSAGES
    if QGuiApplication.platformName() == "offscreen":
        benign += OFFSCREEN_MESSAGES

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        incidents.exceptions.append("".join(traceback.format_exception(kind, error, tb)))

    def on_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        serious = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if kind in serious and not any(known in message for known in benign):
            incidents.qt_messages.append(message)

    sys.excepthook = hook
    previous_handler = qInstallMessageHandler(on_message)
    try:
        yield incidents
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)


@contextmanager
def running_kiosk(
    app: QApplication,
    root: ContentRoot,
    catalogue: Catalogue,
    size: tuple[int, int] = (1280, 800),
    settings: KioskSettings | None = None,
) -> Iterator[KioskController]:
    if not pin.has_pin(catalogue):
        pin.set_pin(catalogue, "4821")  # a kiosk in service: staff chose their PIN
    context = build_context(app, root, catalogue, RunOptions(size=size))
    window = KioskWindow(context)
    window.setProperty("allow_close", True)
    window.resize(*size)
    window.show()
    controller = KioskController(
        window,
        context,
        settings or KioskSettings(idle_timeout_s=600, idle_countdown_s=5, staff_timeout_s=60),
        locked_down=False,
    )
    controller.start()
    try:
        yield controller
    finally:
        controller.shutdown()
        app.removeEventFilter(controller.idle)
        for screen in window.screens.values():
            player = getattr(screen, "player", None)
            if player is not None:
                player.release()
        context.languages.set_language("fr")
        window.close()
        window.deleteLater()
        app.processEvents()
