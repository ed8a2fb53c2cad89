"""Soak: the kiosk's daily round driven fast, many times — attract loop (drawings changing every
few milliseconds), a touch, a visit through every screen, the idle countdown and reset — while
the process's memory (RSS), threads, open files and live widgets are sampled.

Bound, after a warm-up (screens built once, caches filled): the resident memory of the last
quarter of the cycles may exceed the first quarter's by at most 12 MB, threads and open files by
at most 2, live widgets by none. A leak of one decoded drawing (600 × 400 × 4 bytes ≈ 1 MB) per
cycle, or one file or widget per cycle, breaks it; the allocator's and the image caches' own
plateaus (bounded by their budgets) do not. The X11 run adds real video transitions.

``KIOSK_SOAK_CYCLES`` sets the number of cycles (12 by default, 120 in the full run; each cycle
shows at least 25 drawings in the attract loop and, under X11, plays 3 videos).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.library import catalogue_views
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.ui.kiosk_controller import KioskController
from tests.reliability import amount, record
from tests.reliability.kiosk_harness import running_kiosk, watch_incidents

WARM_UP_CYCLES = 3
DRAWINGS_PER_CYCLE = 25
VIDEOS_PER_CYCLE = 3
RSS_BOUND_MB = 12.0
# libvlc kept about 0.9 MB per video played while it drew through Mesa's OpenGL under Xvfb;
# on plain X11 it keeps ~20 KB (bench/bench_video.py: 7 KiB a player cycle; issue 9). The X11
# run's growth still swings between -2 and +14 MB over 12 cycles (a 12 MB drawing more or less
# in the image cache when sampled): the allowance covers that, and a leak of one decoded 1080p
# frame (8 MB) a video fails.
RSS_PER_VIDEO_MB = 0.25
COUNT_BOUND = 2


@dataclass(frozen=True)
class Sample:
    rss_mb: float
    threads: int
    files: int
    widgets: int


def sample() -> Sample:
    QApplication.processEvents()
    status = Path("/proc/self/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return Sample(
        rss_mb=int(fields["VmRSS"].split()[0]) / 1024,
        threads=int(fields["Threads"]),
        files=sum(1 for _ in Path("/proc/self/fd").iterdir()),
        widgets=len(QApplication.allWidgets()),
    )


def attract_round(qtbot: QtBot, controller: KioskController, drawings: int) -> int:
    """Sleep, let the attract loop change drawing ``drawings`` times (fast), return the count."""
    changes = [0]

    def changed(_index: int, _image: QImage) -> None:
        changes[0] += 1

    attract = controller.attract
    attract._pan.setDuration(5)  # the loop's own machinery, only faster than 12 s a drawing
    attract.drawing_decoded.connect(changed)
    try:
        controller.sleep()
        qtbot.waitUntil(lambda: changes[0] >= drawings, timeout=30_000)
    finally:
        attract.drawing_decoded.disconnect(changed)
    return changes[0]


def visit(qtbot: QtBot, controller: KioskController, catalogue: Catalogue) -> None:
    """A touch wakes the kiosk, then a visitor goes through every screen."""
    window = controller.window
    qtbot.mouseClick(controller.attract, Qt.MouseButton.LeftButton)
    assert not controller.attract.isVisible() and window.current_route.name == "home"
    for place in catalogue_views.places(catalogue):
        window.open("map", place.slug)
        QApplication.processEvents()
    window.open("videos")
    window.open("notes")
    for album in catalogue_views.albums(catalogue):
        window.open("slideshow", album.slug)
        screen = window.screens["slideshow"]
        for _ in range(4):
            screen.stage.go(1, animated=False)  # type: ignore[attr-defined]
            QApplication.processEvents()
    window.open("page", "ess")
    window.go_back()


def play_videos(qtbot: QtBot, controller: KioskController, catalogue: Catalogue) -> int:
    """Open the player on a few videos in turn; each must show its first picture."""
    window = controller.window
    player = window.screen_for("player").player  # type: ignore[attr-defined]
    videos = catalogue_views.videos(catalogue)
    for index in range(VIDEOS_PER_CYCLE):
        video = videos[index % len(videos)]
        with qtbot.waitSignal(player.started, timeout=15_000):
            window.open("player", str(video.media_id))
        window.go_home()
    return VIDEOS_PER_CYCLE


def idle_reset(qtbot: QtBot, controller: KioskController) -> None:
    """Nobody touches: the countdown runs out and the kiosk resets to the attract loop."""
    timeout_s = controller.idle.timeout_s
    controller.idle.timeout_s = 0.05
    controller.idle._tick_timer.setInterval(20)
    controller.idle.start()
    try:
        qtbot.waitUntil(controller.attract.isVisible, timeout=5_000)
    finally:
        controller.idle.timeout_s = timeout_s  # the next visit is not cut short


def run_soak(
    qtbot: QtBot,
    app: QApplication,
    root: ContentRoot,
    catalogue: Catalogue,
    cycles: int,
    *,
    with_video: bool,
) -> tuple[list[Sample], int, int, list[str]]:
    samples: list[Sample] = []
    drawings = videos = 0
    settings = KioskSettings(idle_timeout_s=600, idle_countdown_s=1, staff_timeout_s=60)
    with (
        watch_incidents() as incidents,
        running_kiosk(app, root, catalogue, settings=settings) as controller,
    ):
        keep_alive = QTimer()  # a heartbeat, as the kiosk's own timers would be
        keep_alive.start(100)
        for _ in range(cycles + WARM_UP_CYCLES):
            drawings += attract_round(qtbot, controller, DRAWINGS_PER_CYCLE)
            visit(qtbot, controller, catalogue)
            if with_video:
                videos += play_videos(qtbot, controller, catalogue)
            idle_reset(qtbot, controller)
            samples.append(sample())
        keep_alive.stop()
    problems = incidents.exceptions[:1] + incidents.qt_messages[:3]
    return samples[WARM_UP_CYCLES:], drawings, videos, problems


def growth(samples: list[Sample]) -> dict[str, float]:
    quarter = max(1, len(samples) // 4)
    first, last = samples[:quarter], samples[-quarter:]

    def delta(name: str) -> float:
        return statistics.median(getattr(s, name) for s in last) - statistics.median(  # type: ignore[no-any-return]
            getattr(s, name) for s in first
        )

    return {name: delta(name) for name in ("rss_mb", "threads", "files", "widgets")}


def judge(
    scenario: str, samples: list[Sample], drawings: int, videos: int, problems: list[str]
) -> None:
    grown = growth(samples)
    over = []
    if grown["rss_mb"] > RSS_BOUND_MB + RSS_PER_VIDEO_MB * videos:
        over.append(f"RSS +{grown['rss_mb']:.1f} MB")
    if grown["threads"] > COUNT_BOUND:
        over.append(f"threads +{grown['threads']:.0f}")
    if grown["files"] > COUNT_BOUND:
        over.append(f"open files +{grown['files']:.0f}")
    if grown["widgets"] > 0:
        over.append(f"widgets +{grown['widgets']:.0f}")
    detail = (
        f"{drawings} dessins, {videos} vidéos ; RSS {grown['rss_mb']:+.1f} Mo, threads "
        f"{grown['threads']:+.0f}, fichiers {grown['files']:+.0f}, widgets {grown['widgets']:+.0f}"
    )
    record(
        scenario,
        len(samples),
        len(over) + len(problems),
        "rien" if not over else ", ".join(over),
        detail,
    )
    assert not problems, problems
    assert not over, f"{over} over {len(samples)} cycles: {samples[0]} → {samples[-1]}"


def test_soak_offscreen(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    cycles = amount("KIOSK_SOAK_CYCLES", 12, 120)
    samples, drawings, videos, problems = run_soak(
        qtbot, qapp, content_root, sample_catalogue, cycles, with_video=False
    )
    judge("Endurance (hors écran)", samples, drawings, videos, problems)


@pytest.mark.x11
def test_soak_with_real_video(
    qtbot: QtBot, qapp: QApplication, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    cycles = amount("KIOSK_SOAK_CYCLES", 12, 120)
    samples, drawings, videos, problems = run_soak(
        qtbot, qapp, content_root, sample_catalogue, cycles, with_video=True
    )
    judge("Endurance (X11, vraie vidéo)", samples, drawings, videos, problems)
