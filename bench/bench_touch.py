"""Touch response: from a tap on a home tile or a list row to the next screen painted.

The kiosk's window and controller run as on a kiosk (a real X window, xcb, in a child process
on a private Xvfb when ``DISPLAY`` is not set). A tap is a mouse press and release delivered to
the tile (or row); the time runs until the screen it leads to has been painted (an application
event filter sees that screen, or a widget inside it, receive its paint event and the event
loop has flushed it). First visits build the screen (and import its module); later visits
reuse it. The baseline is a bare ``QStackedWidget`` whose button switches to a label page,
measured the same way: the floor of this machine, about one frame.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench._homes import XDisplay, big_home, demo_home, print_result, run_worker

REPEATS = 7
BUDGET_MS = 100.0


def run() -> list[dict[str, Any]]:
    homes = {"demo": demo_home(), "big": big_home()}
    results: dict[str, dict[str, Any]] = {}
    with XDisplay() as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        for name, home in homes.items():
            results[name] = run_worker("bench.bench_touch", str(home), env=env, timeout=600)
    rows: list[dict[str, Any]] = []
    for name, label in (("demo", "demo catalogue"), ("big", "2,000 places")):
        found = results[name]
        baseline = found["baseline"]
        print(f"touch ({label}): " + json.dumps(found))
        for figure, kiosk in (
            (f"tap home tile -> screen painted, first visit, worst, ms ({label})", found["cold"]),
            (f"tap home tile -> screen painted, later visits, median ms ({label})", found["warm"]),
            (f"tap list row -> place sheet painted, median ms ({label})", found["row"]),
        ):
            rows.append(
                {
                    "figure": figure,
                    "kiosk": round(kiosk, 1),
                    "baseline": round(baseline, 1),
                    "ratio": round(kiosk / baseline, 1) if baseline else float("inf"),
                    "budget": f"< {BUDGET_MS:.0f} ms",
                    "met": kiosk < BUDGET_MS,
                }
            )
    return rows


def _worker(home: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QWidget

    from kiosk.config import ContentRoot
    from kiosk.library import settings as kiosk_settings
    from kiosk.store.database import Catalogue
    from kiosk.ui.app import RunOptions, application, build_context, show_window
    from kiosk.ui.kiosk_controller import KioskController
    from kiosk.ui.window import KioskWindow

    app = application()

    class PaintWatch(QObject):
        """Remembers which widgets received a paint event."""

        def __init__(self) -> None:
            super().__init__()
            self.painted: set[int] = set()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted.add(id(watched))
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)

    def tap_and_wait(
        widget: QWidget, target: Callable[[], QWidget], pos: QPoint | None = None
    ) -> float:
        """ms from a tap on ``widget`` until ``target()`` (or a child) has painted."""
        app.processEvents()
        watch.painted.clear()
        started = time.perf_counter()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or QPoint(40, 40))
        deadline = started + 10
        while time.perf_counter() < deadline:
            app.processEvents()
            screen = target()
            family = [screen, *screen.findChildren(QWidget)]
            if any(id(w) in watch.painted for w in family):
                return (time.perf_counter() - started) * 1000
        raise RuntimeError(f"{target()!r} was never painted")

    # Baseline: a bare stack whose button shows a label.
    stack = QStackedWidget()
    button = QPushButton("Carte")
    label = QLabel("La carte")
    stack.addWidget(button)
    stack.addWidget(label)
    button.clicked.connect(lambda: stack.setCurrentWidget(label))
    stack.resize(1920, 1080)
    stack.show()
    baseline = []
    for _ in range(REPEATS):
        stack.setCurrentWidget(button)
        baseline.append(tap_and_wait(button, lambda: label))
    stack.close()

    root = ContentRoot(Path(home))
    catalogue = Catalogue(root.db_path)
    options = RunOptions(windowed=True, size=(1920, 1080))
    context = build_context(app, root, catalogue, options)
    window = KioskWindow(context)
    controller = KioskController(window, context, kiosk_settings.load(catalogue), locked_down=False)
    show_window(window, app, options)
    controller.start()
    window.preload_screens()  # as run_kiosk does; a visitor's first tap comes seconds later
    settle = time.perf_counter() + 3
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.01)

    home_screen = window.screens["home"]
    tiles = home_screen.tiles  # type: ignore[attr-defined]
    cold: dict[str, float] = {}
    warm: list[float] = []
    for key in ("map", "videos", "notes", *[k for k in tiles if k.startswith("page:")][:1]):
        route = key.partition(":")[0]

        def screen_of(route: str = route) -> QWidget:
            return window.screens[route]

        for visit in range(1 + REPEATS):
            window.go_home()
            ms = tap_and_wait(tiles[key], screen_of)
            if visit == 0:
                cold[key] = ms
            else:
                warm.append(ms)
    # A list row of the map: the place sheet opens beside the list.
    window.go_home()
    window.open("map")
    settle = time.perf_counter() + 0.5
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.01)
    map_screen = window.screens["map"]
    list_view = map_screen.list_view  # type: ignore[attr-defined]
    rows = []
    for index in range(REPEATS + 1):
        map_screen.close_sheet()  # type: ignore[attr-defined]
        list_view.scrollToTop()  # opening a place scrolled its row to the middle
        app.processEvents()
        rect = list_view.visualRect(list_view.model().index(index % 3, 0))
        ms = tap_and_wait(list_view.viewport(), lambda: map_screen.sheet, rect.center())  # type: ignore[attr-defined]
        rows.append(ms)
    controller.shutdown()
    window.setProperty("allow_close", True)
    window.close()
    catalogue.close()
    result = {
        "baseline": statistics.median(baseline),
        "cold": max(cold.values()),
        "cold_by_tile": cold,
        "warm": statistics.median(warm),
        "row": statistics.median(rows[1:]),
        "row_first": rows[0],
    }
    print_result(result)


if __name__ == "__main__":
    if "--worker" in sys.argv:
        _worker(sys.argv[sys.argv.index("--worker") + 1])
    else:
        for row in run():
            print(row)
