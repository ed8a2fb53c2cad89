"""The map image's decode: never run, nor delivered, for a canvas that has been closed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PIL import Image
from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.kit.theme import Metrics
from kiosk.playback.background import background
from kiosk.ui.screens.map import MapCanvas, decode


@pytest.fixture
def map_image(tmp_path: Path) -> str:
    path = tmp_path / "carte.png"
    Image.new("RGB", (640, 480), (200, 180, 120)).save(path)
    return str(path)


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths decoded."""
    seen: list[str] = []
    real = decode.read_image

    def counted(path: str, target: QSize) -> QImage:
        seen.append(path)
        return real(path, target)

    monkeypatch.setattr(decode, "read_image", counted)
    try:
        yield seen
    finally:
        map_pool().waitForDone()


def map_pool() -> QThreadPool:
    """The background runner's map pool: one thread (a job behind another waits)."""
    pool = background().pool(decode.MAP_POOL, threads=1)
    assert pool.maxThreadCount() == 1
    return pool


def hold_the_pool() -> threading.Event:
    """Keep the pool's one thread busy until the returned event is set."""
    release = threading.Event()
    map_pool().start(lambda: release.wait(10))
    return release


def test_an_open_canvas_gets_its_map(qtbot: QtBot, map_image: str, decodes: list[str]) -> None:
    canvas = MapCanvas(Metrics(1.0))
    qtbot.addWidget(canvas)
    with qtbot.waitSignal(canvas.map_ready, timeout=5000):
        canvas.set_map(map_image, 640, 480)
    assert decodes == [map_image] and canvas.map_item is not None


def test_a_closed_canvas_never_decodes_its_queued_map(
    qtbot: QtBot, map_image: str, decodes: list[str]
) -> None:
    release = hold_the_pool()
    closed = MapCanvas(Metrics(1.0))
    qtbot.addWidget(closed)
    closed.set_map(map_image, 640, 480)
    closed.close()
    deleted = MapCanvas(Metrics(1.0))
    deleted.set_map(map_image, 640, 480)
    shiboken6.delete(deleted)
    release.set()
    map_pool().waitForDone()
    QApplication.processEvents()
    assert decodes == []
    assert closed.map_item is None


def test_a_decode_running_when_the_canvas_closes_is_not_delivered(
    qtbot: QtBot, map_image: str, monkeypatch: pytest.MonkeyPatch, decodes: list[str]
) -> None:
    started, finish = threading.Event(), threading.Event()
    counted = decode.read_image

    def slow(path: str, target: QSize) -> QImage:
        started.set()
        finish.wait(10)
        return counted(path, target)

    monkeypatch.setattr(decode, "read_image", slow)
    canvas = MapCanvas(Metrics(1.0))
    qtbot.addWidget(canvas)
    ready: list[bool] = []
    canvas.map_ready.connect(lambda: ready.append(True))
    canvas.set_map(map_image, 640, 480)
    assert started.wait(10)  # the decode runs…
    canvas.close()  # …and the canvas goes
    finish.set()
    map_pool().waitForDone()
    qtbot.wait(50)
    assert decodes == [map_image]  # it had started: it finished…
    assert ready == [] and canvas.map_item is None  # …but nobody got the image


def test_a_new_map_cancels_the_previous_decode(
    qtbot: QtBot, map_image: str, tmp_path: Path, decodes: list[str]
) -> None:
    other = tmp_path / "autre.png"
    Image.new("RGB", (320, 240), (10, 120, 60)).save(other)
    release = hold_the_pool()
    canvas = MapCanvas(Metrics(1.0))
    qtbot.addWidget(canvas)
    canvas.set_map(map_image, 640, 480)
    canvas.set_map(str(other), 320, 240)
    with qtbot.waitSignal(canvas.map_ready, timeout=5000):
        release.set()
    assert decodes == [str(other)]
    assert canvas.map_item is not None and canvas.map_item.pixmap().width() == 320
