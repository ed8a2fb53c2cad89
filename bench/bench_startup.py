"""Start: from launching the process to the first painted, touchable home screen.

The kiosk is launched as on a kiosk (``python -m kiosk --home H run``, windowed at 1920×1080 so
that no window manager is needed) with ``KIOSK_BENCH_FIRST_PAINT`` set: it writes the
``time.monotonic()`` of the window's first paint (once the event loop is free again) and of the
moment its start is complete (the catalogue open with SQLAlchemy, idle watch, attract loop,
PIN: a tap before then waits for it, and is not lost), then quits (see ``kiosk/ui/app.py``).
The baseline is a bare PySide6 window showing one label, launched by
the same interpreter and stopped by the same probe. Both run on the same X display (a private
Xvfb if ``DISPLAY`` is not set), alternately, after one unmeasured warm-up launch each; the
figure is the median of the runs. Two catalogues: the demo content, and the demo content plus
2,000 places and 10,000 media.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._homes import REPOSITORY, XDisplay, big_home, demo_home
from bench.budgets import Budget, judged

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "7"))
# The first painted home, against the bare window: issue 15.
PAINT_BUDGET = Budget(1.6, "ratio", source="issue 15: at most 1.6x a bare window")
# Ready for a tap (a tap before then waits, it is not lost): the run of 2026-11-28 on a quiet
# 2-core machine gave ratios of 4.24 (demo) and 4.15 (big); 25 % noise allowed. (On 2026-12-01,
# with six test runs sharing the 2 cores, 8.7 and 7.4: timings from a loaded machine set no budget.)
READY_BUDGET = Budget(5.3, "ratio", source="measured 2026-11-28: 4.24 / 4.15, +25 % noise")
TIMEOUT_S = 120

BASELINE = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class Probe(QObject):
    done = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, finish)
        return False

def finish():
    Path(sys.argv[1]).write_text(repr(time.monotonic()))
    QCoreApplication.exit(0)

app = QApplication(sys.argv[:1])
label = QLabel("Bienvenue au Mazier")
probe = Probe()
label.installEventFilter(probe)
label.resize(1920, 1080)
label.show()
sys.exit(app.exec())
"""


def launch(command: list[str], env: dict[str, str], stamp: Path) -> tuple[float, float]:
    """Seconds from launching ``command`` to its first paint and to its start being complete
    (the same moment for the bare window)."""
    stamp.unlink(missing_ok=True)
    started = time.monotonic()
    done = subprocess.run(
        command,
        env=env,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0 or not stamp.exists():
        raise RuntimeError(f"{command[:4]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    text = stamp.read_text()
    if not text.startswith("{"):
        return float(text) - started, float(text) - started
    times = json.loads(text)
    return times["painted"] - started, times["ready"] - started


def kiosk_command(home: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kiosk",
        "--home",
        str(home),
        "run",
        "--windowed",
        "--size",
        "1920x1080",
    ]


def measure(display: str) -> dict[str, list[float]]:
    homes = {"demo": demo_home(), "big": big_home()}
    times: dict[str, list[float]] = {
        "baseline": [],
        "demo": [],
        "big": [],
        "demo-ready": [],
        "big-ready": [],
    }
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        stamp = Path(scratch) / "first-paint"
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env["KIOSK_BENCH_FIRST_PAINT"] = str(stamp)
        commands = {
            "baseline": [sys.executable, "-c", BASELINE, str(stamp)],
            "demo": kiosk_command(homes["demo"]),
            "big": kiosk_command(homes["big"]),
        }
        for command in commands.values():  # warm-up: files in the page cache
            launch(command, env, stamp)
        for _ in range(RUNS):
            for name, command in commands.items():
                painted, ready = launch(command, env, stamp)
                times[name].append(painted * 1000)
                if name != "baseline":
                    times[f"{name}-ready"].append(ready * 1000)
    return times


def run() -> list[dict[str, Any]]:
    with XDisplay() as display:
        times = measure(display)
    baseline = statistics.median(times["baseline"])
    rows = []
    for name, label, budget in (
        ("demo", "start to first painted home, demo catalogue, ms", PAINT_BUDGET),
        ("big", "start to first painted home, 2,000 places + 10,000 media, ms", PAINT_BUDGET),
        (
            "demo-ready",
            "start to ready for a tap (catalogue open, kiosk running), demo, ms",
            READY_BUDGET,
        ),
        ("big-ready", "start to ready for a tap, 2,000 places + 10,000 media, ms", READY_BUDGET),
    ):
        kiosk = statistics.median(times[name])
        row = {
            "figure": label,
            "kiosk": round(kiosk),
            "baseline": round(baseline),
            "ratio": round(kiosk / baseline, 2),
        }
        rows.append(judged(row, budget))
    print("start, ms: " + ", ".join(f"{k} {sorted(round(t) for t in v)}" for k, v in times.items()))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
