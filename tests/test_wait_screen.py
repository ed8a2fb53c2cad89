"""The waiting screen: the kiosk's look, a growing progress bar with the step and the time left,
shown while work runs in another thread (the demo build of a first start)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.kit.theme import HIGH_CONTRAST, Metrics, contrast_ratio
from kiosk.library.demo import BuildStep
from kiosk.ui.app import RunOptions
from kiosk.ui.wait_screen import WaitScreen, wait_style_sheet
from kiosk.ui.wait_work import run_behind_wait_screen


def test_the_steps_reported_from_a_thread_grow_the_bar_on_screen(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    now = [0.0]
    screen = WaitScreen(Metrics(1.0), "Préparation de la borne", clock=lambda: now[0])
    qtbot.addWidget(screen)
    steps = [
        BuildStep("map", 0.0, "Carte…"),
        BuildStep("drawing", 0.03, "Dessin 3/7…", 3, 7),
        BuildStep("video", 0.45, "Vidéo 5/8…", 5, 8),
        BuildStep("save_album", 0.87, "Carnet dessiné…"),
        BuildStep("done", 1.0, "Démo prête."),
    ]
    seen: list[tuple[str, int, bool, str]] = []
    shown_once = threading.Event()

    def show(step: BuildStep) -> None:
        now[0] += 5.0
        screen.set_demo_step(step)
        seen.append(
            (screen.step.text(), screen.bar.value(), screen.isVisible(), screen.time_left.text())
        )
        shown_once.set()

    def work(report: Callable[[BuildStep], None]) -> None:
        for step in steps:
            shown_once.clear()
            report(step)
            shown_once.wait(5)  # the GUI thread has shown it before the next one comes

    ok = run_behind_wait_screen(
        app, screen, RunOptions(windowed=True, size=(1280, 800)), work, show
    )
    assert ok
    texts = [text for text, _, _, _ in seen]
    assert texts == [
        "Carte",
        "Dessin 3 sur 7",
        "Vidéo 5 sur 8",
        "Enregistrement des carnets",
        "Prêt",
    ]
    values = [value for _, value, _, _ in seen]
    assert values == sorted(values) and values[0] == 0 and values[-1] == screen.bar.maximum()
    assert all(visible for _, _, visible, _ in seen)
    video_time = seen[2][3]
    # 10 s since the first step for 45 %: 12 s left, said as "about 15 seconds"
    assert video_time.startswith("Encore environ 15 ")


def test_a_failed_work_is_logged_and_reported(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    screen = WaitScreen(Metrics(1.0), "Préparation de la borne")
    qtbot.addWidget(screen)

    def work(report: Callable[[BuildStep], None]) -> None:
        raise OSError("disque plein")

    options = RunOptions(windowed=True, size=(1280, 800))
    assert not run_behind_wait_screen(app, screen, options, work, screen.set_demo_step)


def test_the_bar_never_goes_back_and_an_unknown_length_sweeps(qtbot: QtBot) -> None:
    screen = WaitScreen(Metrics(1.0), "Un instant")
    qtbot.addWidget(screen)
    screen.set_progress("Vidéos", 0.5)
    screen.set_progress("Vidéos", 0.4)
    assert screen.bar.value() == screen.bar.maximum() // 2
    screen.set_progress("Catalogue", None)
    assert screen.bar.maximum() == 0  # Qt's busy bar
    assert screen.time_left.text() == ""


def test_it_reads_from_a_metre_and_keeps_its_contrast(qtbot: QtBot) -> None:
    for palette in (None, HIGH_CONTRAST):
        metrics = Metrics(1.0)
        screen = (
            WaitScreen(metrics, "Préparation de la borne")
            if palette is None
            else WaitScreen(metrics, "Préparation de la borne", palette=palette)
        )
        qtbot.addWidget(screen)
        screen.set_progress("Vidéo 5 sur 8", 0.4)
        screen.resize(1920, 1080)
        screen.show()
        qtbot.waitExposed(screen)
        for label in screen.findChildren(QLabel):
            if label.text():
                assert label.fontInfo().pixelSize() >= 32, label.objectName()
    sheet = wait_style_sheet(Metrics(1.0), HIGH_CONTRAST)
    assert "#FFFF66" in sheet  # the bar is yellow on black, not black on black
    assert contrast_ratio("#FFFF66", HIGH_CONTRAST.paper) >= 3.0
