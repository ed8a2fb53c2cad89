"""The attract loop with the real libvlc on a real X display: the film's pixels read back from the
screen, then a drawing, then the film again, and not one black capture at the switches; a touch
on the film wakes the kiosk to its home screen and presses nothing underneath.

The captures are taken by another process (:mod:`tests.screen_capture`) about 30 times a second,
from the X screen itself, as a visitor would see it. Landscape runs on pytest-xvfb's 1920x1080
screen; portrait in a child process on an Xvfb of its own, 1080x1920 (pyvirtualdisplay).

Run with ``QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m x11 tests/test_attract_film.py``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit.theme import Metrics, scale_for
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.attract.films import AttractFilm
from kiosk.ui.attract.loop import AttractLoop, LoopOptions
from kiosk.ui.kiosk_controller import KioskController
from kiosk.ui.window import KioskWindow
from tests.media_factory import make_clip
from tests.screen_capture import Frame, ScreenRecorder, black_frames

FILM_COLOUR = (240, 240, 240)  # make_clip's background (a green bar crosses it)
DRAWING_COLOUR = (200, 60, 40)
REPOSITORY = Path(__file__).resolve().parent.parent


def make_media(folder: Path, film_seconds: float = 2.0) -> tuple[Path, list[Path]]:
    film = make_clip(folder / "film.mp4", film_seconds, (640, 360))
    drawings = []
    for index in range(2):
        path = folder / f"drawing{index}.png"
        Image.new("RGB", (1400, 1000), DRAWING_COLOUR).save(path)
        drawings.append(path)
    return film, drawings


def kind(frame: Frame) -> str:
    if frame.near(FILM_COLOUR, 30):
        return "film"
    if frame.near(DRAWING_COLOUR, 30):
        return "drawing"
    return "black" if frame.black else "other"


def runs(frames: list[Frame]) -> list[str]:
    """What the captures showed, one entry per run of equal captures."""
    shown: list[str] = []
    for frame in frames:
        if not shown or shown[-1] != kind(frame):
            shown.append(kind(frame))
    return shown


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.003)


def global_rect(widget: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapToGlobal(rect.topLeft()), rect.size())


def watch_the_loop(
    app: QApplication,
    folder: Path,
    size: tuple[int, int],
    drawings_per_film: int,
    seconds: float,
    pan_seconds: float = 1.5,
) -> dict[str, object]:
    """Run the loop in a frameless window of ``size`` and capture its film frame for
    ``seconds``; return what the captures showed, the black ones, and a capture of the band."""
    film, drawings = make_media(folder)
    host = QWidget()
    host.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    host.setGeometry(0, 0, *size)
    host.show()
    metrics = Metrics(scale_for(*size))
    loop = AttractLoop(
        host,
        metrics,
        drawings,
        [AttractFilm(film, 640, 360)],
        LoopOptions(drawings_per_film=drawings_per_film, pan_seconds=pan_seconds),
    )
    pump(app, 0.5)
    loop.start()
    pump(app, 0.05)
    frame = global_rect(loop, loop.film_frame())
    band = global_rect(loop, loop.band.geometry())
    changes: list[str] = []
    band_white = 0.0
    try:
        with ScreenRecorder((frame.x(), frame.y(), frame.width(), frame.height())) as recorder:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.003)
                state = "film" if loop.film_showing else "drawing" if loop.showing >= 0 else "-"
                if not changes or changes[-1] != state:
                    changes.append(state)
                if loop.film_showing and not band_white:
                    band_white = white_share(band)
    finally:
        loop.shutdown()
        host.close()
    return {
        "shown": runs(recorder.frames),
        "changes": changes,
        "black": black_frames(recorder.frames),
        "captures": len(recorder.frames),
        "band_white": band_white,
        "frames": [asdict(f) for f in recorder.frames if f.black][:5],
    }


def white_share(rect: QRect) -> float:
    """The share of near-white pixels in ``rect`` of the screen (the invitation's letters)."""
    image = QGuiApplication.primaryScreen().grabWindow(0, *rect.getRect()).toImage()  # type: ignore[misc]
    step = 3
    white = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colour = image.pixelColor(x, y)
            total += 1
            white += colour.red() > 220 and colour.green() > 220 and colour.blue() > 220
    return white / max(total, 1)


def assert_film_drawing_film(result: dict[str, object]) -> None:
    shown = [s for s in result["shown"] if s != "other"]  # type: ignore[attr-defined]
    assert shown[:3] == ["film", "drawing", "film"], result
    assert result["black"] == 0, result
    assert "black" not in shown, result
    assert float(result["band_white"]) > 0.01, result  # type: ignore[arg-type]


def count_trims(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each time the loop gives what libvlc freed back to the system (the real trim runs)."""
    from kiosk.playback.memory import release_free_memory
    from kiosk.ui.attract import loop as loop_module

    trims: list[bool] = []
    real = release_free_memory

    def counted() -> bool:
        trims.append(real())
        return trims[-1]

    monkeypatch.setattr(loop_module, "release_free_memory", counted)
    return trims


@pytest.mark.x11
def test_landscape_loop_shows_film_then_drawing_then_film_without_a_black_frame(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = QGuiApplication.primaryScreen().geometry()
    assert (screen.width(), screen.height()) == (1920, 1080)
    trims = count_trims(monkeypatch)
    result = watch_the_loop(qapp, tmp_path, (1920, 1080), 1, 7.0)
    assert_film_drawing_film(result)
    # The film stopped under the drawing: its memory went back (the resident size otherwise
    # climbs by tens of MB over a day of showings, bench/bench_attract.py).
    assert trims, result


@pytest.mark.x11
def test_portrait_loop_shows_film_then_drawing_then_film_without_a_black_frame(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.test_attract_film", "portrait", str(tmp_path)],
        cwd=REPOSITORY,
        env=dict(os.environ, QT_QPA_PLATFORM="xcb"),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stderr[-2000:]
    result = json.loads(lines[-1].removeprefix("RESULT "))
    assert result["screen"] == [1080, 1920]
    assert_film_drawing_film(result)


@pytest.mark.x11
def test_a_drawing_shown_briefly_still_hands_back_to_the_film(
    qapp: QApplication, tmp_path: Path
) -> None:
    # Shorter than the delay after which the film under a drawing is stopped: that stop must
    # not hit the next showing, already starting under the drawing.
    result = watch_the_loop(qapp, tmp_path, (1920, 1080), 1, 6.0, pan_seconds=0.05)
    assert result["changes"].count("film") >= 2, result  # type: ignore[attr-defined]
    assert result["black"] == 0, result


@pytest.mark.x11
def test_a_film_alone_loops_from_its_end_to_its_start_without_a_black_frame(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trims = count_trims(monkeypatch)
    result = watch_the_loop(qapp, tmp_path, (1920, 1080), 0, 6.5)
    assert trims, result  # after the deck of the first showing stopped
    assert result["changes"] == ["film"] or result["changes"] == ["-", "film"], result
    assert result["black"] == 0, result
    assert set(result["shown"]) - {"other"} == {"film"}, result  # type: ignore[call-overload]


# -- without X: the plan, the settings, the fallback ------------------------------------------


def test_the_plan_alternates_film_and_drawings_as_set() -> None:
    from kiosk.ui.attract.plan import LoopPlan, StepKind

    def first(plan: LoopPlan, count: int) -> list[str]:
        steps = plan.steps()
        return [
            f"{'F' if s.kind is StepKind.FILM else 'D'}{s.index}"
            for s in (next(steps) for _ in range(count))
        ]

    assert first(LoopPlan(2, 3, 2, True), 8) == ["F0", "D0", "D1", "F1", "D2", "D0", "F0", "D1"]
    assert first(LoopPlan(1, 3, 2, False), 6) == ["D0", "D1", "F0", "D2", "D0", "F0"]
    assert LoopPlan(1, 3, 0).films_only and first(LoopPlan(1, 3, 0), 2) == ["F0", "F0"]
    assert first(LoopPlan(0, 2, 4), 3) == ["D0", "D1", "D0"]
    assert LoopPlan(0, 0).empty and list(LoopPlan(0, 0).steps()) == []


def test_the_loop_settings_have_scopes_bounds_and_reach_the_loop() -> None:
    from kiosk.library import settings
    from kiosk.ui.kiosk_controller import loop_options

    assert settings.SCOPES["attract_film"] is settings.Scope.CONTENT
    assert settings.SCOPES["attract_drawings_per_film"] is settings.Scope.CONTENT
    assert settings.SCOPES["attract_film_first"] is settings.Scope.CONTENT
    assert settings.SCOPES["attract_volume"] is settings.Scope.MACHINE
    settings.check_content_setting("attract_drawings_per_film", "2")
    with pytest.raises(settings.SettingsError, match="attract_drawings_per_film"):
        settings.check_content_setting("attract_drawings_per_film", "-1")
    with pytest.raises(settings.SettingsError, match="propre à chaque borne"):
        settings.check_content_setting("attract_volume", "50")
    with pytest.raises(settings.SettingsError, match="attract_volume"):
        KioskSettings(attract_volume=101).validate()
    assert loop_options(KioskSettings()).volume == 0  # muted by default
    loud = loop_options(KioskSettings(attract_muted=False, attract_volume=15))
    assert loud.volume == 15
    options = loop_options(KioskSettings(attract_drawings_per_film=2, attract_film_first=False))
    assert (options.drawings_per_film, options.film_first) == (2, False)


def test_without_native_video_the_loop_shows_the_drawings(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    if QGuiApplication.platformName() == "xcb":
        pytest.skip("offscreen only: under X the film plays")
    film, drawings = make_media(tmp_path)
    host = QWidget()
    host.resize(800, 600)
    qtbot.addWidget(host)
    host.show()
    loop = AttractLoop(host, Metrics(0.6), drawings, [AttractFilm(film)], LoopOptions(1))
    loop.start()
    qtbot.waitUntil(lambda: loop.showing >= 0, timeout=5000)
    assert loop.film is None and not loop.film_showing
    assert loop.band.geometry().bottom() == loop.height() - 1
    assert loop.drawing.geometry().bottom() < loop.band.geometry().top()
    loop.shutdown()


# -- a touch on the film ---------------------------------------------------------------------


class _FakeInput:
    """A click sent to the X server (XTEST), which hands it to the window under the pointer:
    the stacking of native windows decides, as with a finger on the screen."""

    def __init__(self) -> None:
        xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XFlush.argtypes = [ctypes.c_void_p]
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeMotionEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self.xtst.XTestFakeButtonEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self.xlib = xlib
        self.display = xlib.XOpenDisplay(None)
        assert self.display

    def click(self, x: int, y: int) -> None:
        self.xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 1, True, 0)
        self.xtst.XTestFakeButtonEvent(self.display, 1, False, 20)
        self.xlib.XFlush(self.display)

    def close(self) -> None:
        self.xlib.XCloseDisplay(self.display)


@pytest.fixture
def kiosk_window(
    qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> Iterator[KioskController]:

    context = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1920, 1080)))
    window = KioskWindow(context)
    window.setProperty("allow_close", True)
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    window.setGeometry(0, 0, 1920, 1080)
    window.show()
    settings = KioskSettings(idle_timeout_s=600, attract_drawings_per_film=1)
    controller = KioskController(window, context, settings, locked_down=False)
    controller.attract._pan.setDuration(3000)
    yield controller
    controller.shutdown()
    qapp.removeEventFilter(controller.idle)
    window.close()
    window.deleteLater()


@pytest.mark.x11
def test_a_touch_on_the_film_wakes_to_home_and_presses_nothing_underneath(
    qapp: QApplication, qtbot: QtBot, kiosk_window: KioskController
) -> None:
    controller = kiosk_window
    window = controller.window
    home = window.screens["home"]
    tile = home.tiles["map"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: tile.isVisible(), timeout=5000)
    spot = tile.mapToGlobal(tile.rect().center())
    controller.sleep()
    attract = controller.attract
    qtbot.waitUntil(lambda: attract.film_showing, timeout=10_000)
    frame = global_rect(attract, attract.film_frame())
    assert frame.contains(spot)  # the finger lands on the film, the tile is under it
    fake = _FakeInput()
    try:
        fake.click(spot.x(), spot.y())
        qtbot.waitUntil(lambda: not attract.isVisible(), timeout=5000)
        pump(qapp, 0.5)
        assert window.current_route.name == "home"  # the tile under the finger did not open
        assert attract.film is not None and attract.film.current_path is None  # film stopped
        fake.click(spot.x(), spot.y())  # the same spot, now awake: the tile is really there
        qtbot.waitUntil(lambda: window.current_route.name == "map", timeout=5000)
    finally:
        fake.close()


def _portrait_worker(folder: Path) -> None:
    from pyvirtualdisplay import Display  # type: ignore[attr-defined]

    with Display(visible=False, size=(1080, 1920), color_depth=24) as display:
        os.environ["DISPLAY"] = f":{display.display}"
        app = QApplication([sys.argv[0], "-platform", "xcb"])
        geometry = app.primaryScreen().geometry()
        result = watch_the_loop(app, folder, (1080, 1920), 1, 7.0)
        result["screen"] = [geometry.width(), geometry.height()]
        print("RESULT " + json.dumps(result), flush=True)
        app.quit()


if __name__ == "__main__":
    if sys.argv[1:2] == ["portrait"]:
        _portrait_worker(Path(sys.argv[2]))


def test_the_loop_gives_libvlc_the_player_screens_subtitle_style_first(
    qapp: QApplication,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The visitor review: after the attract loop had played the film, subtitles never showed
    in the player (libvlc's one instance was made by the loop with a margin of 0, so cues sat
    under the player's control band for the life of the process)."""
    from kiosk.playback.video import instance as video
    from kiosk.ui.screens.videos.player_subtitles import subtitle_style_for

    monkeypatch.setattr(video, "_instance", None)  # as at the start of a kiosk process
    monkeypatch.setattr(video, "_subtitle_style", video.SubtitleStyle())
    context = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1920, 1080)))
    window = KioskWindow(context)
    window.setProperty("allow_close", True)
    controller = KioskController(window, context, KioskSettings(), locked_down=False)
    try:
        assert controller.attract.films, "the sample catalogue has a film for the loop"
        expected = subtitle_style_for(context)
        assert expected.margin_px > 0
        assert video.subtitle_style() == expected
    finally:
        controller.shutdown()
        qapp.removeEventFilter(controller.idle)
        window.close()
        window.deleteLater()  # the controller's connections keep it alive otherwise
