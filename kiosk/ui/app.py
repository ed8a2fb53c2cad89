"""Starting the visitor UI: the Qt application, the theme, first-start demo content, the window.

An exception that reaches the event loop is logged with its traceback and the visitor is taken
back to the home screen; nothing is shown to the visitor but the home screen.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    Qt,
    QTimer,
    QtMsgType,
    QTranslator,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.collector import release_after_start
from kiosk.config import ContentRoot
from kiosk.library.first_screen import FirstScreen, read_first_screen
from kiosk.logs import enable_crash_log, release_crash_log
from kiosk.playback.memory import keep_large_blocks_out_of_heap
from kiosk.ui.appearance import Appearance
from kiosk.ui.context import UiContext
from kiosk.ui.i18n import DEFAULT_LANGUAGE, I18N_DIR, LanguageManager
from kiosk.ui.theme import Metrics, font_family, scale_for
from kiosk.ui.wait_screen import WaitScreen
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.library.demo import BuildStep
    from kiosk.store.database import Catalogue
    from kiosk.ui.kiosk_controller import KioskController

log = logging.getLogger(__name__)

# Benchmarks only (bench/bench_startup.py): a file path; after the window's first paint the
# kiosk writes time.monotonic() there, once the event loop is free again, and quits.
BENCH_FIRST_PAINT_ENV = "KIOSK_BENCH_FIRST_PAINT"


@dataclass(frozen=True)
class RunOptions:
    windowed: bool = False
    screen: int | None = None
    language: str | None = None  # None: the kiosk's default language setting
    size: tuple[int, int] | None = None  # windowed size, for screenshots and tests
    screenshot: Path | None = None  # save the first painted screen there, then quit
    route: str = "home"  # "name" or "name:argument": the screen to open first
    large_text: bool = False  # start with the visitor's larger text (screenshots)
    high_contrast: bool = False  # start in high contrast (screenshots)


M_ARENA_MAX = -8  # glibc's mallopt parameter


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas, as MALLOC_ARENA_MAX would, before libvlc starts its decoder
    threads: each thread's arena otherwise keeps what videos freed, and a kiosk that plays
    videos all day grows by about 100 MB a tour (bench/bench_memory.py)."""
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


def application() -> QApplication:
    """The QApplication of the process (created once)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    limit_malloc_arenas()
    keep_large_blocks_out_of_heap()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Borne du Mazier")
    app.setOrganizationName("Le Mazier")
    return app


def install_exception_hook(on_error: Callable[[], None]) -> None:
    """Log every uncaught exception, then call ``on_error`` (go back to the home screen)."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.exit(130)
            return
        on_error()

    sys.excepthook = hook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.error(
            "unexpected error in thread %s:\n%s",
            args.thread.name if args.thread else "?",
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )

    threading.excepthook = thread_hook


def build_context(
    app: QApplication,
    root: ContentRoot,
    catalogue: Catalogue | None,
    options: RunOptions,
    first: FirstScreen | None = None,
) -> UiContext:
    """The screens' context; without a catalogue yet, ``first`` gives the settings and pages."""
    screens = app.screens()
    screen = screens[options.screen] if options.screen is not None else app.primaryScreen()
    width, height = options.size or (screen.geometry().width(), screen.geometry().height())
    metrics = Metrics(scale_for(width, height))
    appearance = Appearance(metrics, font_family(), app)
    appearance.apply()
    if first is not None:
        default_language = first.settings.default_language
    else:
        from kiosk.library import settings as kiosk_settings

        assert catalogue is not None, "build_context needs the catalogue or the first screen"
        default_language = kiosk_settings.load(catalogue).default_language
    languages = LanguageManager(app)
    languages.set_language(options.language or default_language)
    return UiContext(
        root,
        catalogue,
        languages,
        metrics,
        portrait=height > width,
        appearance=appearance,
        default_language=default_language,
        home_pages=first.pages if first is not None else None,
    )


def show_window(window: QWidget, app: QApplication, options: RunOptions) -> None:
    screens = app.screens()
    screen = screens[options.screen] if options.screen is not None else app.primaryScreen()
    window.setScreen(screen)
    window.move(screen.geometry().topLeft())
    if options.windowed:
        window.setProperty("allow_close", True)
        width, height = options.size or (1280, 800)
        window.resize(width, height)
        window.show()
    else:
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        # Without a window manager (a bare X session) full screen is only a hint: set the size too.
        window.setGeometry(screen.geometry())
        window.showFullScreen()


CatalogueOpener = Callable[[], "Catalogue"]
DemoMaker = Callable[["Catalogue", Callable[["BuildStep"], None]], object]


def run_kiosk(
    root: ContentRoot,
    options: RunOptions,
    open_catalogue: CatalogueOpener,
    prepare: DemoMaker | None = None,
) -> int:
    """Run the kiosk until it is left; return the process exit status.

    On a normal start the home screen is built from a short sqlite3 read
    (:mod:`kiosk.library.first_screen`) and painted first; only then is the catalogue opened
    (``open_catalogue``: SQLAlchemy, the leftovers' cleanup) and the kiosk's behaviour (idle,
    attract loop, PIN, opening hours) started. A tap in that moment waits for it, it is not
    lost. A new, empty or older catalogue is opened first instead; ``prepare`` (first-start
    demo content) then runs in a worker thread while a "preparing" screen is shown.
    """
    enable_crash_log(root)
    app = application()
    previous_qt_handler = install_qt_message_log()
    stopper = SignalShutdown(app)
    try:
        return _run(app, root, options, open_catalogue, prepare, stopper)
    finally:
        stopper.uninstall()
        qInstallMessageHandler(previous_qt_handler)
        release_crash_log()


def _run(
    app: QApplication,
    root: ContentRoot,
    options: RunOptions,
    open_catalogue: CatalogueOpener,
    prepare: DemoMaker | None,
    stopper: SignalShutdown,
) -> int:
    first = read_first_screen(root.db_path)
    catalogue: Catalogue | None = None
    if first is None:
        release_after_start()  # the demo content, migrations: a start that may take a while
        catalogue = open_catalogue()
        if prepare is not None and not _prepare_demo(app, catalogue, options, prepare):
            catalogue.close()
            return 1
        first = read_first_screen(root.db_path)
        if stopper.received is not None:  # asked to stop while the demo was being made
            catalogue.close()
            log.info("kiosk stopped (%s) before its window opened", stopper.received.name)
            return stopper.status
    context = build_context(app, root, catalogue, options, first)
    window = KioskWindow(context)
    starter = _KioskStarter(app, window, context, options, open_catalogue)
    if catalogue is None:
        starter.finish_after_first_paint()
    bench_file = os.environ.get(BENCH_FIRST_PAINT_ENV)
    if bench_file:  # after the starter: the last event filter installed sees the paint first
        _FirstPaintProbe(window, Path(bench_file), starter)
    show_window(window, app, options)
    if catalogue is not None:
        starter.finish()
    try:
        if stopper.received is not None:  # asked before the loop ran: the same shutdown
            QTimer.singleShot(0, stopper.quit)
        status = app.exec()
    finally:
        window.setProperty("allow_close", True)
        window.close()
        window.deleteLater()  # with its screens and their timers (a test's process lives on)
        if context.opened_catalogue is not None:
            context.opened_catalogue.close()
    if starter.failure is not None:
        raise starter.failure
    if stopper.received is not None:
        status = stopper.status
    log.info(
        "kiosk stopped (%s), exit status %d",
        stopper.received.name if stopper.received is not None else "left",
        status,
    )
    return status


# The signals that stop the kiosk in order (the same shutdown as closing the window), and the
# exit status each gives: systemd's stop and a shutdown send SIGTERM and count 0 as a clean
# stop (a crash exits non-zero and is restarted); Ctrl-C in a terminal gives the shell's 130.
STOP_SIGNALS: dict[signal.Signals, int] = {
    signal.SIGTERM: 0,
    signal.SIGINT: 130,
    signal.SIGHUP: 0,
}


class SignalShutdown(QObject):
    """SIGTERM, SIGINT and SIGHUP end the Qt event loop, so that the kiosk stops as when its
    window is closed: ``aboutToQuit`` runs the controller's shutdown (the visit's statistics
    written, timers stopped, screen blanking and rotation given back), the catalogue closes, the
    run journal records the stop. A second signal while stopping ends the process at once.

    Python runs its signal handlers only between bytecodes, and the GUI thread sits in Qt's C++
    event loop: :func:`signal.set_wakeup_fd` writes each signal's number to a socket pair that a
    ``QSocketNotifier`` watches, and that notifier's (Python) slot lets the handler run at once
    (the approach of qutebrowser's ``SignalHandler``).
    """

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.received: signal.Signals | None = None
        self._previous_handlers: dict[signal.Signals, object] = {}
        self._previous_wakeup_fd: int | None = None
        self._notifier: QSocketNotifier | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        try:
            self._previous_wakeup_fd = signal.set_wakeup_fd(
                self._writer.fileno(), warn_on_full_buffer=False
            )
        except ValueError:  # not the main thread: signals stay as they were
            log.warning("not in the main thread: SIGTERM will not stop the kiosk in order")
            return
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for number in STOP_SIGNALS:
            self._previous_handlers[number] = signal.signal(number, self._on_signal)

    @property
    def status(self) -> int:
        return STOP_SIGNALS[self.received] if self.received is not None else 0

    def _drain(self) -> None:
        """Python has run the pending handlers before this slot: empty the socket."""
        try:
            while self._reader.recv(512):
                pass
        except OSError:
            pass

    def _on_signal(self, number: int, _frame: object) -> None:
        received = signal.Signals(number)
        if self.received is not None:
            log.warning("%s received again while stopping: ending at once", received.name)
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
            return
        self.received = received
        log.info("%s received: the kiosk stops as when its window is closed", received.name)
        self.quit()

    def quit(self) -> None:
        self.app.exit(self.status)

    def uninstall(self) -> None:
        """Give back the previous handlers and wake-up descriptor (a run inside a test)."""
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self._previous_handlers.clear()
        if self._previous_wakeup_fd is not None:
            signal.set_wakeup_fd(self._previous_wakeup_fd)
            self._previous_wakeup_fd = None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        self._reader.close()
        self._writer.close()


QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own messages into the kiosk's log, under ``qt.<category>`` (``qt.qpa.xcb``,
    ``qt.multimedia``…; ``qt`` for the default one)."""
    level = QT_LEVELS.get(kind, logging.WARNING)
    category = context.category or "default"
    logger = logging.getLogger("qt" if category == "default" else f"qt.{category}")
    if logger.isEnabledFor(level):
        logger.log(level, "%s", message)


QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object] | None


def install_qt_message_log() -> QtMessageHandler:
    """Send Qt's messages to the log; return the handler it replaces (to give it back)."""
    return qInstallMessageHandler(qt_message_to_log)


class _KioskStarter(QObject):
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
        from kiosk.library import run_journal
        from kiosk.library import settings as kiosk_settings
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
        controller.start(attract=unattended and options.route == "home" and not tapped)
        if context.appearance is not None:  # after the start's reset to the defaults
            context.appearance.set_large_text(options.large_text)
            context.appearance.set_high_contrast(options.high_contrast)
        _open_first_route(window, controller, options.route)
        window.open_pending_route()
        window.preload_screens()  # the other screens, built once the first one is on screen
        if options.screenshot is not None:
            path = options.screenshot
            QTimer.singleShot(1200, lambda: _save_screenshot(window, self.app, path))
        run_journal.record_start(context.root)
        log.info(
            "kiosk started (%s, %s)",
            context.root.home,
            "windowed" if options.windowed else "full screen",
        )


class _FirstPaintProbe(QObject):
    """See ``BENCH_FIRST_PAINT_ENV``: the time the first screen is painted and touchable."""

    def __init__(self, window: QWidget, path: Path, starter: _KioskStarter) -> None:
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


def _open_first_route(window: KioskWindow, controller: KioskController, route: str) -> None:
    """``--route``: a screen ("map", "page:ess") or a kiosk state (attract, countdown, pin)."""
    if route == "attract":
        controller.sleep()
    elif route == "countdown":
        controller.idle.suspend("screenshot")
        controller.show_countdown(controller.settings.idle_countdown_s)
    elif route == "pin":
        controller.open_pin_pad()
    elif route != "home":
        name, _, argument = route.partition(":")
        window.open(name, argument)


def _save_screenshot(window: QWidget, app: QApplication, path: Path | None) -> None:
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(path))
    log.info("screenshot %s: %s", path, "saved" if ok else "failed")
    window.setProperty("allow_close", True)
    app.exit(0 if ok else 1)


def _prepare_demo(
    app: QApplication, catalogue: Catalogue, options: RunOptions, prepare: DemoMaker
) -> bool:
    """Make the demo content in an empty catalogue, behind the waiting screen."""
    from kiosk.library.demo import catalogue_is_empty

    if not catalogue_is_empty(catalogue):
        return True
    width, height = options.size or _screen_size(app, options)
    language = options.language or DEFAULT_LANGUAGE
    translator = install_translator(language)
    try:
        screen = WaitScreen(
            Metrics(scale_for(width, height)),
            QCoreApplication.translate("WaitScreen", "Préparation de la borne"),
            QCoreApplication.translate(
                "WaitScreen", "Première mise en route : la borne crée son contenu de démonstration."
            ),
            portrait=height > width,
        )
        return run_behind_wait_screen(
            app, screen, options, lambda report: prepare(catalogue, report), screen.set_demo_step
        )
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)


def install_translator(language: str) -> QTranslator | None:
    """The language's translator, before the kiosk's own :class:`LanguageManager` exists."""
    translator = QTranslator()
    if translator.load(str(I18N_DIR / f"kiosk_{language}.qm")):
        QCoreApplication.installTranslator(translator)
        return translator
    return None


def _screen_size(app: QApplication, options: RunOptions) -> tuple[int, int]:
    screens = app.screens()
    screen = screens[options.screen] if options.screen is not None else app.primaryScreen()
    return screen.geometry().width(), screen.geometry().height()


Step = TypeVar("Step")


def run_behind_wait_screen(
    app: QApplication,
    screen: WaitScreen,
    options: RunOptions,
    work: Callable[[Callable[[Step], None]], object],
    show_step: Callable[[Step], None],
) -> bool:
    """Run ``work`` in a worker thread while ``screen`` is shown full screen; each step the
    work reports (from its thread) is shown by ``show_step`` on the GUI thread. False (and the
    error logged) when the work failed."""
    show_window(screen, app, options)
    steps: list[Step] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def report(step: Step) -> None:
        with lock:
            steps.append(step)

    def run() -> None:
        try:
            work(report)
        except BaseException as error:  # reported on the GUI thread below
            failures.append(error)

    shown = 0

    def show_new_steps() -> None:
        nonlocal shown
        with lock:
            new = steps[shown:]
            shown = len(steps)
        for step in new:
            show_step(step)

    worker = threading.Thread(target=run, name="wait-screen-work", daemon=True)
    worker.start()
    timer = QTimer()
    timer.timeout.connect(show_new_steps)
    timer.start(100)
    while worker.is_alive():
        app.processEvents()
        worker.join(0.05)
    timer.stop()
    show_new_steps()
    app.processEvents()
    screen.close()
    screen.deleteLater()
    if failures:
        error = failures[0]
        log.error(
            "work behind the waiting screen failed:\n%s",
            "".join(traceback.format_exception(type(error), error, error.__traceback__)),
        )
        return False
    return True
