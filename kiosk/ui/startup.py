"""The second half of the start (the catalogue, the kiosk controller, the first route), and
the first-paint probe of the start benchmark."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.collector import release_after_start
from kiosk.kit.context import UiContext
from kiosk.ui.routes import KioskState, Route
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.ui.app import CatalogueOpener, RunOptions
    from kiosk.ui.kiosk_controller import KioskController

log = logging.getLogger(__name__)


def _recorded(_nothing: None) -> None:
    """Nothing to hand back to the GUI thread: the journal is only a report."""


class KioskStarter(QObject):
    """The second half of the start: the catalogue, the kiosk controller, the first route."""

    finished = Signal()

    def __init__(
        self,
        app: QApplication,
        window: KioskWindow,
        context: UiContext,
        options: RunOptions,
        open_catalogue: CatalogueOpener,
    ) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.context = context
        self.options = options
        self.open_catalogue = open_catalogue
        self.failure: Exception | None = None
        self.done = False

    def finish_after_first_paint(self) -> None:
        self.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self, self.finish)  # once the paint is flushed
        return False

    def finish(self) -> None:
        if self.done:
            return
        self.done = True
        try:
            self._finish()
        except Exception as error:  # reported by run_kiosk once the event loop has ended
            log.exception("the kiosk could not start")
            self.failure = error
            self.app.exit(2)
            return
        finally:
            release_after_start()
        self.finished.emit()

    def _finish(self) -> None:
        from kiosk.library import settings as kiosk_settings
        from kiosk.playback.background import background
        from kiosk.ui.app import install_exception_hook
        from kiosk.ui.kiosk_controller import KioskController

        context, window, options = self.context, self.window, self.options
        if context.opened_catalogue is None:
            context.opened_catalogue = self.open_catalogue()
        catalogue = context.opened_catalogue
        install_exception_hook(window.recover)
        controller = KioskController(
            window, context, kiosk_settings.load(catalogue), locked_down=not options.windowed
        )
        self.app.aboutToQuit.connect(controller.shutdown)
        # A screenshot shows the screen it was asked for, not the attract loop.
        unattended = options.screenshot is None
        tapped = window.pending_route is not None  # someone is there already
        controller.start(attract=unattended and options.route == Route.HOME and not tapped)
        if context.appearance is not None:  # after the start's reset to the defaults
            context.appearance.set_large_text(options.large_text)
            context.appearance.set_high_contrast(options.high_contrast)
        open_first_route(window, controller, options.route)
        window.open_pending_route()
        window.preload_screens()  # the other screens, built once the first one is on screen
        if options.screenshot is not None:
            from kiosk.ui.screenshot import ScreenshotTaker

            ScreenshotTaker(window, self.app, options.screenshot).start()
        # Written (with its fsync) on a worker, not between the first screen and the first tap;
        # "kiosk started" is logged once the start is recorded (a crash after it is counted).
        background().submit("journal", self._record_start, _recorded, owner=self)

    def _record_start(self) -> None:
        """On a worker thread: the start in the run journal, then the log's "kiosk started"."""
        from kiosk.library import run_journal

        run_journal.record_start(self.context.root)
        log.info(
            "kiosk started (%s, %s)",
            self.context.root.home,
            "windowed" if self.options.windowed else "full screen",
        )


class FirstPaintProbe(QObject):
    """See ``BENCH_FIRST_PAINT_ENV``: the time the first screen is painted and touchable."""

    def __init__(self, window: QWidget, path: Path, starter: KioskStarter) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.painted_at: float | None = None
        self.starter = starter
        window.installEventFilter(self)
        starter.finished.connect(self._started)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            QTimer.singleShot(0, self._painted)  # runs once the paint is flushed, loop free again
        return False

    def _painted(self) -> None:
        self.painted_at = time.monotonic()
        if self.starter.done:
            self._started()

    def _started(self) -> None:
        """Once painted and started: a tap now is answered at once."""
        if self.painted_at is None:
            return
        QTimer.singleShot(0, self._write)  # after what the start queued (the attract loop…)

    def _write(self) -> None:
        ready = time.monotonic()
        self.path.write_text(json.dumps({"painted": self.painted_at, "ready": ready}))
        self.window.setProperty("allow_close", True)
        QCoreApplication.exit(0)


def open_first_route(window: KioskWindow, controller: KioskController, route: str) -> None:
    """``--route``: a screen ("map", "page:ess") or a kiosk state (attract, countdown, pin)."""
    if route == KioskState.ATTRACT:
        controller.sleep()
    elif route == KioskState.COUNTDOWN:
        controller.idle.suspend("screenshot")
        controller.show_countdown(controller.settings.idle_countdown_s)
    elif route == KioskState.PIN:
        controller.open_pin_pad()
    elif route != Route.HOME:
        name, _, argument = route.partition(":")
        window.open(name, argument)
