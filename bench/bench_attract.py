"""The attract loop with its film: black frames at each switch, seen on the screen, and memory.

* Black captures at the loop's switches (film → drawing, drawing → film, the end of a film
  looping to its start): the loop runs in a 1920x1080 window on a real X display with the real
  libvlc, and another process captures the film's frame from the X screen about 30 times a
  second (:mod:`tests.screen_capture`); a capture whose mean luminance is under 24 (or a quarter
  of it black) counts. Kiosk: the attract loop (film started under the drawing, drawing brought
  over the film before its end, a film alone on the player's two decks). Naive: the same
  window, film and drawings, but "stop the player, then play the next thing".
* RSS over 50 loops of a 1 s film (films only, end → start): growth in % of the RSS after 15
  warm-up loops, the kiosk's loop against the naive stop-and-play loop.

Needs a real X display: the measurements run in a child process on a private Xvfb.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._homes import XDisplay, print_result, rss_mb, run_worker

SIZE = (1920, 1080)
ROUNDS = 5  # film → drawing → film … switches of each kind
LOOPS = 50
WARM_UP_LOOPS = 15  # libvlc reaches its working size after about 10 loops
SAMPLED_LOOPS = 5  # each end of the 50 loops: the median RSS over 5 loops
RSS_BUDGET_PERCENT = 5.0
FILM_COLOUR = (240, 240, 240)


def run() -> list[dict[str, Any]]:
    with XDisplay() as display:
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        rows: list[dict[str, Any]] = run_worker("bench.bench_attract", "black", env=env)
        # Each memory figure in a fresh process of its own, as the kiosk's loop would be.
        kiosk = float(run_worker("bench.bench_attract", "rss-kiosk", env=env))
        naive = float(run_worker("bench.bench_attract", "rss-naive", env=env))
    rows.append(
        _row(
            f"attract loop: RSS growth over {LOOPS} loops of a 1 s film, %",
            round(kiosk, 2),
            round(naive, 2),
            f"< {RSS_BUDGET_PERCENT:g} %",
            kiosk < RSS_BUDGET_PERCENT,
        )
    )
    return rows


def _row(figure: str, kiosk: float, baseline: float, budget: str, met: bool) -> dict[str, Any]:
    return {
        "figure": figure,
        "kiosk": kiosk,
        "baseline": baseline,
        "ratio": round(kiosk / baseline, 2) if baseline > 0 else (0.0 if kiosk == 0 else "-"),
        "budget": budget,
        "met": met,
    }


def _worker(mode: str) -> None:
    from PIL import Image
    from PySide6.QtCore import QPoint, QRect, Qt
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.kit.theme import Metrics
    from kiosk.playback.images import load_scaled
    from kiosk.playback.video.player import VideoPlayer
    from kiosk.ui.attract.films import AttractFilm
    from kiosk.ui.attract.loop import AttractLoop, LoopOptions
    from kiosk.ui.attract.pictures import DrawingPan
    from kiosk.ui.process import limit_malloc_arenas
    from tests.media_factory import make_clip
    from tests.screen_capture import ScreenRecorder

    folder = Path(tempfile.mkdtemp(prefix="bench-attract-"))
    film = make_clip(folder / "film.mp4", 2.0, (960, 540))
    short = make_clip(folder / "short.mp4", 1.0, (640, 360))
    drawings = []
    for index, colour in enumerate([(200, 60, 40), (60, 90, 170)]):
        path = folder / f"drawing{index}.png"
        Image.new("RGB", (1600, 1100), colour).save(path)
        drawings.append(path)

    # The kiosk's process, as `kiosk run` sets it up before libvlc starts (kiosk/ui/app.py):
    # malloc arenas capped; without it each decoder thread's arena keeps what the films freed.
    limit_malloc_arenas()
    app = QApplication([sys.argv[0], "-platform", "xcb"])
    host = QWidget()
    host.setWindowFlag(Qt.WindowType.FramelessWindowHint)
    host.setGeometry(0, 0, *SIZE)
    host.show()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.003)

    def pump_until(condition: Any, timeout_s: float = 30.0) -> None:
        end = time.monotonic() + timeout_s
        while not condition() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.003)

    pump(0.5)
    metrics = Metrics(1.0)

    def new_loop(per_film: int, clip: Path) -> AttractLoop:
        loop = AttractLoop(
            host,
            metrics,
            drawings,
            [AttractFilm(clip, 16, 9)],
            LoopOptions(drawings_per_film=per_film, pan_seconds=1.5),
        )
        loop.setGeometry(host.rect())
        return loop

    probe = new_loop(1, film)
    frame_rect = QRect(probe.mapToGlobal(probe.film_frame().topLeft()), probe.film_frame().size())
    probe.shutdown()
    probe.deleteLater()
    capture = (frame_rect.x(), frame_rect.y(), frame_rect.width(), frame_rect.height())
    local_frame = frame_rect.translated(-host.mapToGlobal(QPoint(0, 0)))

    if mode == "rss-kiosk":
        print_result(_kiosk_rss(new_loop(0, short), pump_until))
        return
    if mode == "rss-naive":
        player = VideoPlayer(host)
        player.setGeometry(local_frame)
        player.show()
        print_result(_naive_rss(player, short, pump_until))
        return

    def count(transitions: list[tuple[float, str]], frames: list[Any]) -> dict[str, int]:
        """Black captures, each put down to the switch nearest in time."""
        black = {"film→drawing": 0, "drawing→film": 0, "end→start": 0}
        for frame in frames:
            if frame.black and transitions:
                nearest = min(transitions, key=lambda t: abs(t[0] - frame.time))
                black[nearest[1]] += 1
        return black

    # -- the kiosk's loop ----------------------------------------------------------------------
    def kiosk_run(per_film: int, rounds: int) -> dict[str, int]:
        loop = new_loop(per_film, film)
        transitions: list[tuple[float, str]] = []
        films_alone = per_film == 0
        with ScreenRecorder(capture) as recorder:
            loop.start()
            state = "-"
            switches = 0
            changed: list[str] = []
            if films_alone:
                pump_until(lambda: loop.film is not None)
                assert loop.film is not None
                loop.film.clip_changed.connect(changed.append)
            while switches < rounds:
                app.processEvents()
                time.sleep(0.003)
                if films_alone:
                    if len(changed) > switches:
                        switches = len(changed)
                        transitions.append((time.monotonic(), "end→start"))
                    continue
                now = "film" if loop.film_showing else "drawing" if loop.showing >= 0 else "-"
                if now != state:
                    if state != "-":
                        transitions.append((time.monotonic(), f"{state}→{now}"))
                        switches += now == "film"
                    state = now
            pump(0.5)
        loop.shutdown()
        loop.deleteLater()
        pump(0.2)
        return count(transitions, recorder.frames)

    kiosk = kiosk_run(1, ROUNDS)
    kiosk["end→start"] = kiosk_run(0, ROUNDS)["end→start"]

    # -- the naive loop: stop the player, then play the next thing ------------------------------
    def naive_run(films_alone: bool, rounds: int) -> dict[str, int]:
        player = VideoPlayer(host)
        player.setGeometry(local_frame)
        drawing = DrawingPan(host)
        drawing.setGeometry(local_frame)
        image = load_scaled(drawings[0], drawing.size())
        player.show()
        ended: list[bool] = []
        player.ended.connect(lambda: ended.append(True))
        transitions: list[tuple[float, str]] = []
        with ScreenRecorder(capture) as recorder:
            player.play(film)
            for _ in range(rounds):
                pump_until(lambda: bool(ended))
                ended.clear()
                if films_alone:
                    transitions.append((time.monotonic(), "end→start"))
                    player.stop()
                    player.play(film)
                    continue
                transitions.append((time.monotonic(), "film→drawing"))
                player.stop()
                drawing.set_image(image, 0)
                drawing.show()
                drawing.raise_()
                pump(1.5)
                transitions.append((time.monotonic(), "drawing→film"))
                drawing.hide()
                player.play(film)
            pump_until(lambda: bool(ended))
        player.release()
        player.deleteLater()
        drawing.deleteLater()
        pump(0.2)
        return count(transitions, recorder.frames)

    naive = naive_run(False, ROUNDS)
    naive["end→start"] = naive_run(True, ROUNDS)["end→start"]
    shutil.rmtree(folder, ignore_errors=True)
    rows = [
        _row(
            f"attract loop: black captures at {label} ({ROUNDS} {unit}, ~30 fps)",
            kiosk[key],
            naive[key],
            "0",
            kiosk[key] == 0,
        )
        for key, label, unit in (
            ("film→drawing", "film → drawing", "switches"),
            ("drawing→film", "drawing → film", "switches"),
            ("end→start", "film end → its start", "loops"),
        )
    ]
    print_result(rows)


def _median_rss(samples: dict[int, float], last: int) -> float:
    """The median RSS over the ``SAMPLED_LOOPS`` loops that end with loop ``last``."""
    return statistics.median(samples[i] for i in range(last - SAMPLED_LOOPS + 1, last + 1))


def _growth(samples: dict[int, float]) -> float:
    before = _median_rss(samples, WARM_UP_LOOPS)
    after = _median_rss(samples, WARM_UP_LOOPS + LOOPS)
    return (after - before) / before * 100


def _kiosk_rss(loop: Any, pump_until: Any) -> float:
    """The attract loop, a film alone: its two decks take turns, end → start."""
    loop.start()
    pump_until(lambda: loop.film is not None)
    changed: list[str] = []
    loop.film.clip_changed.connect(changed.append)
    samples: dict[int, float] = {}
    for loop_index in range(1, WARM_UP_LOOPS + LOOPS + 1):
        pump_until(lambda index=loop_index: len(changed) >= index, 20)
        samples[loop_index] = rss_mb()
    loop.shutdown()
    return _growth(samples)


def _naive_rss(player: Any, clip: Path, pump_until: Any) -> float:
    """Stop, then play the same film again, at each end."""
    ended: list[bool] = []
    player.ended.connect(lambda: ended.append(True))
    samples: dict[int, float] = {}
    for loop_index in range(1, WARM_UP_LOOPS + LOOPS + 1):
        player.stop()
        player.play(clip)
        pump_until(lambda: bool(ended), 20)
        ended.clear()
        samples[loop_index] = rss_mb()
    player.release()
    return _growth(samples)


if __name__ == "__main__":
    if "--worker" in sys.argv:
        _worker(sys.argv[sys.argv.index("--worker") + 1])
    else:
        from bench.__main__ import print_table

        print_table(run())
