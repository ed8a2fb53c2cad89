"""Memory: resident memory after start, after browsing everything once, and after a soak loop.

The kiosk's window and controller run on the demo content as on a kiosk (a real X window, in a
child process on a private Xvfb when ``DISPLAY`` is not set; videos play through libvlc).
"Browsing everything" is one visitor's full tour: every home tile, every place's sheet on the
map (with zooms), every video played for a moment, every album's slides one by one with a
deep zoom, every page, the attract loop and back. The soak repeats that tour (``SOAK_TOURS``
times); the growth is measured from after the first tour (caches filled) to after the soak.
RSS is VmRSS from ``/proc``. The baseline is a bare PySide6 window showing one label.

The tour runs twice: as the kiosk starts today, and with ``MALLOC_ARENA_MAX=2`` in its
environment (glibc's per-thread malloc arenas; libvlc's decoder threads otherwise keep freed
memory in arenas of their own and the resident size climbs at every video). Before both, one
unmeasured tour builds the content's derived files (posters, renditions), as a kiosk in
service has them.

Where the memory goes: ``BENCH_MEMORY_TRACE=1`` prints VmRSS and its parts (anonymous,
mapped files, shared memory) after each phase of the first tour; see the report of issue 9.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench._homes import XDisplay, demo_home, print_result, rss_mb, run_worker
from bench.budgets import Budget, judged

SOAK_TOURS = int(os.environ.get("BENCH_SOAK_TOURS", "5"))
BROWSE_BUDGET_MB = 400.0
# RSS right after the start: 220 and 219 MB (the two arena settings) on 2026-12-01 (191 MB on
# 2026-11-28, before #14 and #19); memory varies little from run to run, 10 % allowed.
START_BUDGET = Budget(240.0, unit="MB", source="measured 2026-12-01: 220 MB, +10 %")
GROWTH_BUDGET = 0.05
PHASES_PER_TOUR = 5  # map, videos, notes, pages, attract

BASELINE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Bienvenue au Mazier")
label.resize(1920, 1080)
label.show()
for _ in range(50):
    app.processEvents()
for line in Path("/proc/self/status").read_text().splitlines():
    if line.startswith("VmRSS:"):
        print("RSS", int(line.split()[1]) / 1024)
"""


def run() -> list[dict[str, Any]]:
    home = demo_home()
    with XDisplay() as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        baseline_run = subprocess.run(
            [sys.executable, "-c", BASELINE], env=env, capture_output=True, text=True, check=True
        )
        baseline = float(baseline_run.stdout.split("RSS")[-1])
        # A kiosk in service built its derived files (posters, renditions) on its first start;
        # the measured runs start from there, not from the fresh demo content.
        _tour_in_child(home, dict(env, BENCH_SOAK_TOURS="0"))
        found = _tour_in_child(home, env)
        capped = _tour_in_child(home, dict(env, MALLOC_ARENA_MAX="2"))
    for label, result in (("", found), (" with MALLOC_ARENA_MAX=2", capped)):
        phases = result.pop("phases")
        print(f"memory{label}, MB: " + json.dumps(result))
        if os.environ.get("BENCH_MEMORY_TRACE"):
            _print_phases(phases)
    rows = []
    for label, result in (("", found), (", MALLOC_ARENA_MAX=2", capped)):
        rows.extend(_rows(label, result, baseline))
    return rows


def _rss_split() -> dict[str, float]:
    """VmRSS and its parts (heap and other anonymous memory; files mapped: the libraries;
    shared memory: the X server's image buffers), in MB."""
    fields = {"VmRSS": "rss", "RssAnon": "anonymous", "RssFile": "files", "RssShmem": "shmem"}
    split: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in fields:
            split[fields[key]] = round(int(value.split()[0]) / 1024, 1)
    return split


def _print_phases(phases: list[dict[str, Any]]) -> None:
    print("first tour, RSS after each phase, MB:")
    print(f"  {'phase':<10} {'rss':>6} {'anon':>6} {'files':>6} {'shmem':>6}")
    for row in phases:
        print(
            f"  {row['phase']:<10} {row['rss']:>6} {row['anonymous']:>6} {row['files']:>6}"
            f" {row['shmem']:>6}"
        )


def _tour_in_child(home: object, env: dict[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = run_worker("bench.bench_memory", str(home), env=env)
    return result


def _rows(label: str, found: dict[str, Any], baseline: float) -> list[dict[str, Any]]:
    growth = (found["soak"] - found["browse"]) / found["browse"]
    start = {
        "figure": f"RSS after start{label}, MB (vs bare PySide6 window)",
        "kiosk": round(found["start"]),
        "baseline": round(baseline),
        "ratio": round(found["start"] / baseline, 1),
    }
    return [
        judged(start, START_BUDGET),
        {
            "figure": f"RSS after browsing everything once{label}, MB (vs bare window)",
            "kiosk": round(found["browse"]),
            "baseline": round(baseline),
            "ratio": round(found["browse"] / baseline, 1),
            "budget": f"< {BROWSE_BUDGET_MB:.0f} MB",
            "met": found["browse"] < BROWSE_BUDGET_MB,
        },
        {
            "figure": f"RSS after {found['tours']} more tours (soak){label}, MB"
            " (vs after one tour)",
            "kiosk": round(found["soak"]),
            "baseline": round(found["browse"]),
            "ratio": round(found["soak"] / found["browse"], 3),
            "budget": f"growth < {GROWTH_BUDGET:.0%} (ratio < {1 + GROWTH_BUDGET})",
            "met": growth < GROWTH_BUDGET,
        },
    ]


def _worker(home: str) -> None:
    from PySide6.QtCore import QEvent, QPointF

    from kiosk.config import ContentRoot
    from kiosk.library import catalogue_views
    from kiosk.library import settings as kiosk_settings
    from kiosk.store.database import Catalogue
    from kiosk.ui.app import RunOptions, application, build_context, show_window
    from kiosk.ui.kiosk_controller import KioskController
    from kiosk.ui.window import KioskWindow

    app = application()

    def pump(seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents()
            # What app.exec() does and processEvents() does not: delete the widgets that were
            # deleteLater()'d (without it every screen's replaced widgets pile up here).
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            time.sleep(0.005)

    root = ContentRoot(Path(home))
    catalogue = Catalogue(root.db_path)
    options = RunOptions(windowed=True, size=(1920, 1080))
    context = build_context(app, root, catalogue, options)
    window = KioskWindow(context)
    controller = KioskController(window, context, kiosk_settings.load(catalogue), locked_down=False)
    show_window(window, app, options)
    controller.start()
    window.preload_screens()
    pump(3.0)
    start = rss_mb()
    phases: list[dict[str, Any]] = [{"phase": "start", **_rss_split()}]

    places = [p.slug for p in catalogue_views.places(catalogue)]
    videos = catalogue_views.videos(catalogue)
    albums = catalogue_views.albums(catalogue)
    pages = [p.slug for p in catalogue_views.pages(catalogue)]

    def mark(phase: str) -> None:
        if len(phases) <= PHASES_PER_TOUR:  # the first tour only
            phases.append({"phase": phase, **_rss_split()})

    def tour() -> None:
        window.go_home()
        pump(0.1)
        window.open("map")
        pump(0.3)
        screen: Any = window.screens["map"]
        for slug in places:
            screen.open_place(slug)
            pump(0.1)
        centre = QPointF(screen.canvas.viewport().rect().center())
        for factor in (1.5, 1.5, 1.5, 1 / 1.5, 1 / 1.5, 1 / 1.5):
            screen.canvas.zoom_at(factor, centre)
            pump(0.03)
        mark("map")
        window.go_home()
        window.open("videos")
        pump(0.3)
        for video in videos:
            window.open("player", str(video.media_id))
            pump(0.7)
            window.go_back()
            pump(0.1)
        mark("videos")
        window.go_home()
        window.open("notes")
        pump(0.3)
        for album in albums:
            window.open("slideshow", album.slug)
            pump(0.3)
            slideshow: Any = window.screens["slideshow"]
            for _ in album.image_paths:
                slideshow.stage.go(1, animated=False)
                pump(0.15)
            slideshow.open_zoom()
            pump(0.3)
            slideshow.zoom_view.set_scale(slideshow.zoom_view.max_scale())
            pump(0.5)
            slideshow.close_zoom()
            window.go_back()
            pump(0.1)
        mark("notes")
        for slug in pages:
            window.go_home()
            window.open("page", slug)
            pump(0.2)
        mark("pages")
        controller.sleep()
        pump(3.0)
        controller.wake()
        pump(0.3)
        mark("attract")

    tour()
    pump(1.0)
    browse = rss_mb()
    for _ in range(SOAK_TOURS):
        tour()
    pump(1.0)
    soak = rss_mb()
    controller.shutdown()
    window.setProperty("allow_close", True)
    window.close()
    catalogue.close()
    result = {
        "start": start,
        "browse": browse,
        "soak": soak,
        "tours": SOAK_TOURS,
        "phases": phases,
    }
    print_result(result)


if __name__ == "__main__":
    if "--worker" in sys.argv:
        _worker(sys.argv[sys.argv.index("--worker") + 1])
    else:
        for result in run():
            print(result)
