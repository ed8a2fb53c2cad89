"""Starting the visitor UI: the Qt application, the theme, first-start demo content, the window.

An exception that reaches the event loop is logged with its traceback and the visitor is taken
back to the home screen; nothing is shown to the visitor but the home screen.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    QTimer,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.collector import release_after_start
from kiosk.config import ContentRoot
from kiosk.kit.appearance import Appearance
from kiosk.kit.context import UiContext
from kiosk.kit.i18n import I18N_DIR, LanguageManager, make_translator
from kiosk.kit.theme import Metrics, font_family, scale_for
from kiosk.library.first_screen import FirstScreen, read_first_screen
from kiosk.logs import enable_crash_log, release_crash_log
from kiosk.playback.memory import keep_large_blocks_out_of_heap
from kiosk.ui.process import SignalShutdown, install_qt_message_log, limit_malloc_arenas
from kiosk.ui.routes import Route
from kiosk.ui.startup import FirstPaintProbe, KioskStarter
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.library.demo import BuildStep
    from kiosk.store.database import Catalogue

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
    route: str = Route.HOME  # "name" or "name:argument": the screen to open first (or a KioskState)
    large_text: bool = False  # start with the visitor's larger text (screenshots)
    high_contrast: bool = False  # start in high contrast (screenshots)


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
    from kiosk.playback.background import background

    background().reopen()  # drained (closed) if a kiosk ran and quit before in this process
    first = read_first_screen(root.db_path)
    catalogue: Catalogue | None = None
    if first is None:
        release_after_start()  # the demo content, migrations: a start that may take a while
        catalogue = open_catalogue()
        from kiosk.ui.wait_work import prepare_demo

        if prepare is not None and not prepare_demo(app, catalogue, options, prepare):
            catalogue.close()
            return 1
        first = read_first_screen(root.db_path)
        if stopper.received is not None:  # asked to stop while the demo was being made
            catalogue.close()
            log.info("kiosk stopped (%s) before its window opened", stopper.received.name)
            return stopper.status
    context = build_context(app, root, catalogue, options, first)
    window = KioskWindow(context)
    starter = KioskStarter(app, window, context, options, open_catalogue)
    if catalogue is None:
        starter.finish_after_first_paint()
    bench_file = os.environ.get(BENCH_FIRST_PAINT_ENV)
    if bench_file:  # after the starter: the last event filter installed sees the paint first
        FirstPaintProbe(window, Path(bench_file), starter)
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


def install_translator(language: str) -> QTranslator | None:
    """The language's translator, before the kiosk's own :class:`LanguageManager` exists."""
    translator = make_translator(language)  # French: its spacing, as LanguageManager's
    if translator.load(str(I18N_DIR / f"kiosk_{language}.qm")):
        QCoreApplication.installTranslator(translator)
        return translator
    return None
