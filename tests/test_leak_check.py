"""The harness's leak check (tests/harness/leaks.py) fails a test that leaves a window, a
running timer, a single shot still to come or a thread behind, names what was left, and lets a
marked test through."""

from __future__ import annotations

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]

LEAKY = """
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


def test_window(qapp):
    window = QWidget()
    window.setWindowTitle("oubliée")
    window.show()
    test_window.kept = window


def test_timer(qapp):
    test_timer.kept = QTimer(qapp)
    test_timer.kept.start(60_000)


def test_single_shot(qapp):
    QTimer.singleShot(60_000, lambda: None)


def test_single_shot_into_a_live_object(qapp):
    test_single_shot_into_a_live_object.kept = QWidget()
    QTimer.singleShot(30_000, test_single_shot_into_a_live_object.kept.update)


def test_thread():
    threading.Thread(target=time.sleep, args=(4,), name="dormeur", daemon=True).start()


@pytest.mark.leaves_behind("threads", reason="the test says why")
def test_allowed():
    threading.Thread(target=time.sleep, args=(4,), name="permis", daemon=True).start()


def test_clean(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    QTimer(window).start(10)
    QTimer.singleShot(50, window.update)  # fires within the grace
    gone = QWidget()
    QTimer.singleShot(60_000, gone.update)  # its receiver is deleted: Qt drops it
    gone.deleteLater()
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])
"""


def test_the_leak_check_names_what_each_test_left(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPOSITORY))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_subprocess("-p", "tests.harness.leaks", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7, errors=5)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_window*",
            "widgets left behind by the test:",
            "*QWidget 'oubliée' (shown)",
            "*ERROR at teardown of test_timer*",
            "timers left behind by the test:",
            "*QTimer in QApplication * every 60000 ms, started at */test_leaky.py:*",
            "*ERROR at teardown of test_single_shot *",
            "timers left behind by the test:",
            "*QTimer.singleShot(60000 ms), started at */test_leaky.py:*",
            "*ERROR at teardown of test_single_shot_into_a_live_object*",
            "timers left behind by the test:",
            "*QTimer.singleShot(30000 ms) into QWidget, started at */test_leaky.py:*",
            "*ERROR at teardown of test_thread*",
            "threads left behind by the test:",
            "*daemon thread 'dormeur'*",
        ]
    )
    assert "permis" not in result.stdout.str()
