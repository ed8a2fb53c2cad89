"""Crash handling: an exception in a Qt slot during a click is logged and the visitor is taken
home; a kiosk process killed by a fatal signal exits non-zero, leaves its stack in
``logs/crash.log`` and the next start is clean (the catalogue intact, ``kiosk status`` naming the
crash); SIGTERM and SIGINT stop the kiosk in order (the visit's statistics written, screen
blanking given back); a closed window leaves no timer running and no thread behind.

``KIOSK_CRASH_RUNS`` sets how many kill-and-restart rounds each signal gets (1 by default, 3 in
the full run; a round starts the kiosk twice, a few seconds each).
"""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library import pin
from kiosk.library.run_journal import read_journal
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset
from kiosk.ui.app import RunOptions, build_context, install_exception_hook
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.reliability import amount, record
from tests.reliability.kiosk_harness import running_kiosk
from tests.reliability.test_soak import attract_round, idle_reset, visit

REPOSITORY = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 90.0
SETTINGS = KioskSettings(idle_timeout_s=600, idle_countdown_s=1, staff_timeout_s=60)


def test_an_exception_in_a_slot_during_a_click_is_logged_and_the_visitor_goes_home(
    qtbot: QtBot,
    qapp: QApplication,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # install_exception_hook replaces both hooks for the process: give them back afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    routes: list[str] = []
    with running_kiosk(qapp, content_root, sample_catalogue) as controller:
        window = controller.window
        install_exception_hook(window.recover)
        window.route_changed.connect(lambda name, _argument: routes.append(name))
        tile = window.screens["home"].tiles["map"]  # type: ignore[attr-defined]

        def broken_slot() -> None:
            raise RuntimeError("panne simulée dans un slot")

        tile.activated.connect(broken_slot)  # after the tile's own slot, which opens the map
        with caplog.at_level(logging.ERROR, logger="kiosk.ui.app"):
            QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
            QApplication.processEvents()
        tile.activated.disconnect(broken_slot)
        logged = [r.getMessage() for r in caplog.records if r.name == "kiosk.ui.app"]
        landed = window.current_route.name
        visible = window.isVisible()
    ok = bool(logged) and "panne simulée" in logged[0] and landed == "home" and visible
    record(
        "Exception dans un slot",
        1,
        int(not ok),
        "rien" if ok else "visiteur bloqué",
        "journalisée, retour à l'accueil",
    )
    assert logged and "unexpected error" in logged[0] and "panne simulée" in logged[0]
    assert "map" in routes  # the click did open the map before the error
    assert landed == "home" and visible


def start_kiosk(home: Path, *extra: str) -> subprocess.Popen[bytes]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "kiosk", "--home", str(home), "run", "--windowed"]
    return subprocess.Popen(
        [*command, "--no-demo", "--size", "1280x800", *extra],
        cwd=REPOSITORY,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def starts_in_log(root: ContentRoot) -> int:
    log = root.logs_dir / "kiosk.log"
    return log.read_text(encoding="utf-8").count("kiosk started") if log.exists() else 0


def wait_for_start(process: subprocess.Popen[bytes], root: ContentRoot, already: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while starts_in_log(root) <= already:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise AssertionError(f"the kiosk ended before starting: {output[-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the kiosk did not log 'kiosk started'")
        time.sleep(0.1)


def catalogue_problems(root: ContentRoot) -> list[str]:
    """PRAGMA integrity_check, and every file the catalogue references present."""
    problems = []
    connection = sqlite3.connect(root.db_path)
    try:
        (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    catalogue = Catalogue(root.db_path)
    try:
        with catalogue.session() as session:
            assets = list(session.scalars(select(MediaAsset)))
            referenced = [a.path for a in assets] + [a.subtitles_path for a in assets]
    finally:
        catalogue.close()
    problems += [f"missing {p}" for p in referenced if p and not root.absolute(p).exists()]
    return problems


@pytest.mark.parametrize("fatal", [signal.SIGABRT, signal.SIGSEGV], ids=["SIGABRT", "SIGSEGV"])
def test_a_fatal_end_exits_non_zero_and_the_next_start_is_clean(
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fatal: signal.Signals,
) -> None:
    pin.set_pin(sample_catalogue, "4821")
    sample_catalogue.close()
    rounds = amount("KIOSK_CRASH_RUNS", 1, 3)
    failures: list[str] = []
    for index in range(rounds):
        crashing = start_kiosk(content_root.home)
        wait_for_start(crashing, content_root, starts_in_log(content_root))
        crashing.send_signal(fatal)
        crashing.communicate(timeout=30)  # reads and closes its output pipe
        code = crashing.returncode
        if code != -fatal:
            failures.append(f"round {index}: killed by {fatal.name}, exit status {code}")
        before = starts_in_log(content_root)
        screenshot = tmp_path / f"apres-{index}.png"
        again = start_kiosk(content_root.home, "--screenshot", str(screenshot))
        try:
            output, _ = again.communicate(timeout=START_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            again.kill()
            output, _ = again.communicate()
        if again.returncode != 0 or not screenshot.exists():
            text = output.decode(errors="replace")[-1000:]
            failures.append(f"round {index}: restart exit status {again.returncode}: {text}")
        if starts_in_log(content_root) <= before:
            failures.append(f"round {index}: the restart did not log 'kiosk started'")
        failures += [f"round {index}: {p}" for p in catalogue_problems(content_root)]
    journal = read_journal(content_root)
    capsys.readouterr()
    main(["--home", str(content_root.home), "status"])
    status = capsys.readouterr().out
    crash_line = next((x for x in status.splitlines() if x.startswith("Dernier arrêt brutal")), "")
    if journal.unclean_ends != rounds:
        failures.append(f"run journal: {journal.unclean_ends} unclean ends for {rounds} crashes")
    if "séance démarrée" not in crash_line or f"({rounds} en tout)" not in crash_line:
        failures.append(f"kiosk status: {crash_line!r}")
    # faulthandler's report, one per crash, and the last one in kiosk status.
    crash_log = (content_root.logs_dir / "crash.log").read_text(encoding="utf-8")
    expected = {signal.SIGABRT: "Aborted", signal.SIGSEGV: "Segmentation fault"}[fatal]
    if crash_log.count(f"Fatal Python error: {expected}") != rounds:
        failures.append(f"crash.log: {crash_log[:300]!r}")
    if "Dernier plantage (" not in status or f"Fatal Python error: {expected}" not in status:
        failures.append(f"kiosk status shows no crash: {status!r}")
    record(
        f"Arrêt fatal ({fatal.name}) puis redémarrage",
        rounds,
        len(failures),
        "rien" if not failures else "démarrage ou catalogue abîmé",
        "code négatif, catalogue intègre, plantage dans kiosk status",
    )
    assert not failures, failures


def fake_xset(folder: Path) -> tuple[Path, Path]:
    """An ``xset`` that writes down what it is asked (the kiosk's display settings)."""
    calls = folder / "xset-calls.txt"
    script = folder / "bin" / "xset"
    script.parent.mkdir(parents=True)
    script.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n', encoding="utf-8")
    script.chmod(0o755)
    return script.parent, calls


@pytest.mark.parametrize(
    ("stop", "windowed", "expected_status"),
    [(signal.SIGTERM, False, 0), (signal.SIGINT, True, 130)],
    ids=["SIGTERM-full-screen", "SIGINT-windowed"],
)
def test_sigterm_and_sigint_stop_the_kiosk_as_closing_its_window_does(
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    tmp_path: Path,
    stop: signal.Signals,
    windowed: bool,
    expected_status: int,
) -> None:
    """``systemctl stop``, a shutdown (SIGTERM) or Ctrl-C (SIGINT) during a visit: the visit's
    statistics are written, screen blanking is given back (full screen), the stop is logged and
    recorded, and the exit status is the documented one (0, or 130 for Ctrl-C)."""
    pin.set_pin(sample_catalogue, "4821")
    sample_catalogue.close()
    bin_dir, xset_calls = fake_xset(tmp_path)
    environment = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DISPLAY=":fake",
        PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    command = [sys.executable, "-m", "kiosk", "run", "--no-demo", "--size", "1280x800"]
    command += ["--windowed"] if windowed else []
    command += ["--route", "map", "--home", str(content_root.home)]  # a visit under way
    process = subprocess.Popen(
        command, cwd=REPOSITORY, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    wait_for_start(process, content_root, 0)
    process.send_signal(stop)
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    failures = []
    if process.returncode != expected_status:
        text = output.decode(errors="replace")[-1500:]
        failures.append(f"exit status {process.returncode}, not {expected_status}: {text}")
    with sqlite3.connect(content_root.db_path) as connection:
        kinds = [kind for (kind,) in connection.execute("SELECT kind FROM usage_events")]
    connection.close()
    if "visit" not in kinds or "screen" not in kinds:
        failures.append(f"statistics of the visit not written: {kinds}")
    log = (content_root.logs_dir / "kiosk.log").read_text(encoding="utf-8")
    if f"{stop.name} received" not in log or f"kiosk stopped ({stop.name})" not in log:
        failures.append(f"no shutdown line in the log: {log[-800:]}")
    journal = read_journal(content_root)
    if journal.running or journal.last_stop is None:
        failures.append(f"run journal does not record the stop: {journal}")
    if not windowed:
        calls = xset_calls.read_text().splitlines() if xset_calls.exists() else []
        if "s off s noblank -dpms" not in calls or calls[-1] != "s on s blank +dpms":
            failures.append(f"screen blanking not given back: xset calls {calls}")
    record(
        f"Arrêt par {stop.name} pendant une visite",
        1,
        len(failures),
        "rien" if not failures else "statistiques ou réglages d'écran perdus",
        "arrêt ordonné : statistiques écrites, veille de l'écran rendue, arrêt journalisé",
    )
    assert not failures, failures


def test_a_closed_window_leaves_no_timer_running_nor_thread_behind(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    QApplication.processEvents()
    threads_before = set(threading.enumerate())
    pin.set_pin(sample_catalogue, "4821")
    context = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1280, 800)))
    window = KioskWindow(context)
    window.setProperty("allow_close", True)
    window.resize(1280, 800)
    window.show()
    controller = KioskController(window, context, SETTINGS, locked_down=False)
    controller.start()
    attract_round(qtbot, controller, 5)
    visit(qtbot, controller, sample_catalogue)
    idle_reset(qtbot, controller)
    QTest.mouseClick(controller.attract, Qt.MouseButton.LeftButton)
    # Closing as the kiosk does when it quits: shutdown on aboutToQuit, then the window goes.
    controller.shutdown()
    qapp.removeEventFilter(controller.idle)
    for screen in window.screens.values():
        player = getattr(screen, "player", None)
        if player is not None:
            player.release()
    window.close()
    qtbot.wait(200)  # a pending single-shot (the map's 60 ms label relayout) fires and stops
    running_timers = [
        f"{type(t.parent()).__name__}.{t.objectName() or '?'} ({t.interval()} ms)"
        for t in window.findChildren(QTimer)
        if t.isActive()
    ]
    context.languages.set_language("fr")
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    deadline = time.monotonic() + 5
    while set(threading.enumerate()) - threads_before and time.monotonic() < deadline:
        time.sleep(0.05)
        QApplication.processEvents()
    left_threads = sorted(t.name for t in set(threading.enumerate()) - threads_before)
    left = running_timers + [f"thread {name}" for name in left_threads]
    record(
        "Fenêtre fermée : minuteurs et threads",
        1,
        len(left),
        "rien" if not left else ", ".join(left),
        f"{len(running_timers)} minuteurs actifs, {len(left_threads)} threads restants",
    )
    assert not left, left
