"""Long work (the first start's demo content) run behind the waiting screen."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QTimer,
)
from PySide6.QtWidgets import QApplication

from kiosk.kit.i18n import DEFAULT_LANGUAGE
from kiosk.kit.theme import Metrics, scale_for
from kiosk.ui.app import DemoMaker, RunOptions, install_translator, show_window
from kiosk.ui.wait_screen import WaitScreen

if TYPE_CHECKING:
    from kiosk.store.database import Catalogue

log = logging.getLogger(__name__)


def prepare_demo(
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
