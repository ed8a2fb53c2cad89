"""A staff job's progress panel: its outcome shown when it is there, nobody hurt when it is gone."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.kit.theme import Metrics
from kiosk.staff.jobs import Job, ProgressPanel


def a_job_held_until(release: threading.Event) -> Job:
    def work(_cancel: object, report: object) -> str:
        assert callable(report)
        report(1, 2, "À moitié")
        release.wait(10)
        return "fini"

    return Job(work)


def test_the_panel_shows_the_outcome_of_its_job(qtbot: QtBot, qapp: QApplication) -> None:
    panel = ProgressPanel(Metrics(1.0))
    qtbot.addWidget(panel)
    results: list[object] = []
    release = threading.Event()
    job = a_job_held_until(release)
    panel.run(job, results.append, results.append)
    assert panel.busy and not panel.isHidden()
    qtbot.waitUntil(lambda: panel.label.text() == "À moitié", timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: results == ["fini"], timeout=5000)
    assert not panel.busy and panel.isHidden()


def test_a_panel_deleted_under_its_job_is_left_alone(qtbot: QtBot, qapp: QApplication) -> None:
    panel = ProgressPanel(Metrics(1.0))
    results: list[object] = []
    release = threading.Event()
    job = a_job_held_until(release)
    panel.run(job, results.append, results.append)
    shiboken6.delete(panel)  # the staff area closed (timeout) while the job runs
    release.set()
    job.wait(10)
    assert not job.running
    qtbot.wait(100)  # its last signals are delivered: to nobody (a lambda would call the panel)
    assert results == []
