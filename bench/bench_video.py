"""Video: tap-to-first-frame and the gap between two clips, the kiosk's player against a naive one.

* Tap to first frame, a 1080p H.264 file: the kiosk's player (the process's one libvlc instance
  and its players made in advance) against a naive player that makes a ``vlc.Instance`` and a
  player per tap. Time from ``play`` to the first picture (libvlc's vout event).
* Gap between two clips of a sequence (attract loop, "next vignette"): a red clip then a blue
  one; the centre pixel of the screen is sampled every few milliseconds and the gap is the
  longest run of samples that are neither red nor blue. Kiosk: the next clip prepared (paused,
  hidden) and switched to; naive: when the first ends, a new instance and player for the second.
* Memory: RSS growth per open/play/close cycle of a player widget (kiosk), against the naive
  instance-per-clip player.

Needs a real X display: the measurements run in a child process on a private Xvfb (started here
if ``DISPLAY`` is not set), since the benchmark runner's own Qt is offscreen.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._homes import XDisplay, print_result, run_worker

RUNS = 20
CYCLES = 60
FIRST_FRAME_BUDGET_MS = 300.0
GAP_BUDGET_MS = 80.0  # two frames at 25 fps
RED = (200, 40, 40)
BLUE = (40, 60, 200)


def run() -> list[dict[str, Any]]:
    with XDisplay() as display:
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        rows: list[dict[str, Any]] = run_worker("bench.bench_video", env=env)
    return rows


def _row(figure: str, kiosk: float, baseline: float, budget: float, unit: str) -> dict[str, Any]:
    """A table row; the ratio is kiosk / baseline, as in every benchmark (lower is better)."""
    return {
        "figure": f"{figure}, {unit}",
        "kiosk": round(kiosk, 1),
        "baseline": round(baseline, 1),
        "ratio": round(kiosk / baseline, 2) if baseline > 0 else float("inf"),
        "budget": f"<= {budget:g} {unit}",
        "met": kiosk <= budget,
    }


def _worker() -> None:
    import av
    import vlc
    from PIL import Image
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from kiosk.playback.video import VideoPlayer, instance_options
    from tests.media_factory import make_clip

    folder = Path(tempfile.mkdtemp(prefix="bench-video-"))

    def solid(path: Path, colour: tuple[int, int, int], seconds: float) -> Path:
        with av.open(str(path), "w") as container:
            stream = container.add_stream("libx264", rate=25)
            stream.width, stream.height = 1920, 1080
            stream.pix_fmt = "yuv420p"
            picture = Image.new("RGB", (1920, 1080), colour)
            for _ in range(int(seconds * 25)):
                container.mux(stream.encode(av.VideoFrame.from_image(picture)))
            container.mux(stream.encode())
        return path

    big = make_clip(folder / "big.mp4", 2.0, (1920, 1080))
    red = solid(folder / "red.mp4", RED, 1.0)
    blue = solid(folder / "blue.mp4", BLUE, 1.0)

    app = QApplication([])
    window = QWidget()
    QVBoxLayout(window).setContentsMargins(0, 0, 0, 0)
    window.setGeometry(0, 0, 960, 540)
    window.show()
    layout = window.layout()
    assert layout is not None
    app.processEvents()
    screen = QGuiApplication.primaryScreen()

    def pump_until(condition: Any, timeout_s: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("no picture")
            app.processEvents()
            time.sleep(0.001)

    def centre_colour() -> tuple[int, int, int]:
        colour = screen.grabWindow(0, 480, 270, 1, 1).toImage().pixelColor(0, 0)
        return colour.red(), colour.green(), colour.blue()

    def near(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
        return all(abs(a - b) <= 40 for a, b in zip(colour, expected, strict=True))

    def gap_ms(samples: list[tuple[float, tuple[int, int, int]]]) -> float:
        """Longest time between a red/blue sample and the next one, in milliseconds."""
        seen = [t for t, c in samples if near(c, RED) or near(c, BLUE)]
        return max((b - a) * 1000 for a, b in itertools.pairwise(seen)) if seen else 0

    # -- tap to first frame ----------------------------------------------------------------
    player = VideoPlayer()
    layout.addWidget(player)
    app.processEvents()
    started: list[float] = []
    player.started.connect(lambda: started.append(time.perf_counter()))
    kiosk_first: list[float] = []
    for _ in range(RUNS):
        started.clear()
        tap = time.perf_counter()
        player.play(big)
        pump_until(lambda: bool(started))
        kiosk_first.append((started[0] - tap) * 1000)
        player.stop()
    player.hide()

    options = instance_options()

    def naive_play(path: Path) -> tuple[Any, Any]:
        instance = vlc.Instance(options)
        naive = instance.media_player_new()
        naive.set_xwindow(int(window.winId()))
        naive.video_set_mouse_input(False)
        naive.video_set_key_input(False)
        naive.set_media(instance.media_new_path(str(path)))
        naive.play()
        return instance, naive

    def naive_release(instance: Any, naive: Any) -> None:
        naive.stop()
        naive.release()
        instance.release()

    naive_first: list[float] = []
    for _ in range(RUNS):
        tap = time.perf_counter()
        instance, naive = naive_play(big)
        pump_until(lambda naive=naive: bool(naive.has_vout()))
        naive_first.append((time.perf_counter() - tap) * 1000)
        naive_release(instance, naive)

    # -- gap between two clips ---------------------------------------------------------------
    player.show()
    app.processEvents()
    kiosk_gaps: list[float] = []
    changed: list[str] = []
    player.clip_changed.connect(changed.append)
    for _ in range(RUNS):
        changed.clear()
        samples: list[tuple[float, tuple[int, int, int]]] = []
        player.play_sequence([red, blue])
        pump_until(lambda: player.position() > 0.2)
        while not changed:
            samples.append((time.perf_counter(), centre_colour()))
            app.processEvents()
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end:
            samples.append((time.perf_counter(), centre_colour()))
            app.processEvents()
        kiosk_gaps.append(gap_ms(samples))
        player.stop()
    player.hide()
    app.processEvents()

    naive_gaps: list[float] = []
    for _ in range(RUNS):
        samples = []
        instance, naive = naive_play(red)
        pump_until(lambda naive=naive: near(centre_colour(), RED))
        while naive.get_state() != vlc.State.Ended:
            samples.append((time.perf_counter(), centre_colour()))
            app.processEvents()
        naive_release(instance, naive)
        instance, naive = naive_play(blue)
        end = time.perf_counter() + 5
        while time.perf_counter() < end and not near(centre_colour(), BLUE):
            samples.append((time.perf_counter(), centre_colour()))
            app.processEvents()
        samples.append((time.perf_counter(), centre_colour()))
        naive_gaps.append(gap_ms(samples))
        naive_release(instance, naive)

    # -- memory per open/close cycle ---------------------------------------------------------
    def rss_kib() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def kiosk_cycle() -> None:
        cycle_player = VideoPlayer(window)
        layout.addWidget(cycle_player)
        flag: list[bool] = []
        cycle_player.started.connect(lambda: flag.append(True))
        cycle_player.play(red)
        pump_until(lambda: bool(flag))
        cycle_player.release()
        layout.removeWidget(cycle_player)
        cycle_player.deleteLater()
        app.processEvents()

    def naive_cycle() -> None:
        instance, naive = naive_play(red)
        pump_until(lambda: bool(naive.has_vout()))
        naive_release(instance, naive)

    growth: dict[str, float] = {}
    for name, cycle in (("kiosk", kiosk_cycle), ("naive", naive_cycle)):
        for _ in range(5):
            cycle()
        before = rss_kib()
        for _ in range(CYCLES):
            cycle()
        growth[name] = (rss_kib() - before) / CYCLES

    player.release()
    shutil.rmtree(folder, ignore_errors=True)
    rows = [
        _row(
            "video: tap to first frame, 1080p H.264 (median of 20)",
            statistics.median(kiosk_first),
            statistics.median(naive_first),
            FIRST_FRAME_BUDGET_MS,
            "ms",
        ),
        _row(
            "video: gap between two clips of a sequence (median of 20)",
            statistics.median(kiosk_gaps),
            statistics.median(naive_gaps),
            GAP_BUDGET_MS,
            "ms",
        ),
        _row(
            f"video: RSS growth per open/play/close cycle ({CYCLES} cycles)",
            growth["kiosk"],
            growth["naive"],
            300,
            "KiB",
        ),
    ]
    details = {
        "first_frame_ms": {"kiosk": kiosk_first, "naive": naive_first},
        "gap_ms": {"kiosk": kiosk_gaps, "naive": naive_gaps},
    }
    print("DETAILS " + json.dumps(details))
    print_result(rows)


if __name__ == "__main__":
    if "--worker" in sys.argv:
        _worker()
    else:
        rows = run()
        for row in rows:
            print(row)
