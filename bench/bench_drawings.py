"""Graphic notes on a generated 100-megapixel scan: swipe latency, zoom/pan frames, peak memory.

* Swipe to drawing on screen: the slideshow stage turns to the scan (its screen rendition
  prefetched in the background, as the slideshow does) and repaints, against the naive way:
  ``QPixmap(path)`` (a full decode) then a smooth scale to the screen, then the same repaint.
* Zoom and pan frames: a 1920×1080 deep-zoom view zooms from the whole page down to native
  pixels then pans; each frame is repainted synchronously. The kiosk draws the tiles of the
  pyramid for the visible area; the naive view scales the whole decoded scan every frame.
* Peak memory while browsing a 20-drawing album of such scans, each process on its own: the
  kiosk's stage with its byte-bounded cache, against naive full decodes.

Everything generated lives in a temporary folder that is removed at the end.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image, ImageDraw
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView

from bench.budgets import Budget
from kiosk.config import ContentRoot
from kiosk.library import images
from kiosk.library.importing import import_media
from kiosk.playback.image_cache import ImageCache, ImageKey
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaRole

SCAN_SIZE = (12240, 8160)  # 99.9 megapixels, 3:2 like an A-series sheet scanned at ~600 dpi
SCREEN = QSize(1920, 1080)
ALBUM_SIZE = 20
SWIPE_RUNS = 15
NAIVE_SWIPE_RUNS = 3
ZOOM_FRAMES = 40
PAN_FRAMES = 40
NAIVE_FRAMES = 12
ZOOM_PASSES = 3  # zoom/pan figures: the median over the passes
FRAME_BUDGET_MS = 16.0  # the "zoom and pan frames under 16 ms"
SWIPE_BUDGET_MS = 100.0
# Browsing the 20 scans: 0.51 s in the run of 2026-11-28 on a quiet machine (15.2 s naive); a
# short time, so 50 % noise allowed (0.97 s on 2026-12-01 with the 2 cores shared by six test runs).
BROWSE_BUDGET = Budget(0.75, unit="s", source="measured 2026-11-28: 0.51 s, +50 %")


def make_scan(path: Path) -> Path:
    """A dense 'drawing': a coloured base enlarged to 100 megapixels, then fine ink lines."""
    rng = random.Random(7)
    base = Image.new("RGB", (SCAN_SIZE[0] // 4, SCAN_SIZE[1] // 4), (247, 240, 225))
    draw = ImageDraw.Draw(base)
    for _ in range(400):
        x, y = rng.uniform(0, base.width), rng.uniform(0, base.height)
        r = rng.uniform(20, 160)
        colour = rng.choice([(205, 219, 168), (240, 208, 140), (214, 230, 226), (222, 208, 178)])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour, outline=(48, 46, 43), width=3)
    scan = base.resize(SCAN_SIZE, Image.Resampling.BILINEAR)
    base.close()
    ink = ImageDraw.Draw(scan)
    for _ in range(6000):
        x, y = rng.uniform(0, SCAN_SIZE[0]), rng.uniform(0, SCAN_SIZE[1])
        ink.line(
            (x, y, x + rng.uniform(-300, 300), y + rng.uniform(-300, 300)),
            fill=rng.choice([(48, 46, 43), (176, 72, 50), (74, 110, 62)]),
            width=rng.choice([2, 3, 5]),
        )
    scan.save(path, quality=88)
    scan.close()
    return path


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def naive_screen_pixmap(path: Path) -> QPixmap:
    """What a straightforward slideshow does: decode the whole file, then scale it."""
    pixmap = QPixmap(str(path))
    return pixmap.scaled(
        SCREEN, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def wait_for(app: QApplication, cache: ImageCache, keys: list[ImageKey]) -> None:
    while not all(cache.contains(key) for key in keys):
        cache.wait_for_idle(50)
        app.processEvents()


def measure_swipe(app: QApplication, root: ContentRoot, small: str, scan: str) -> dict[str, float]:
    from kiosk.ui.screens.slideshow import SlideStage

    cache = ImageCache(root)
    stage = SlideStage(cache)
    stage.resize(SCREEN)
    stage.show()
    prefetched: list[float] = []
    cold: list[float] = []
    for _ in range(SWIPE_RUNS):
        # Prefetched: the slideshow decoded the neighbours while the visitor looked.
        stage.set_paths([small, scan], 0)
        wait_for(app, cache, [ImageKey.screen(scan), ImageKey.screen(small)])
        start = time.perf_counter()
        stage.go(1, animated=False)
        stage.repaint()
        prefetched.append(ms_since(start))
        # Cold: nothing decoded yet (no prefetch); the screen rendition is read on a worker.
        cache.clear()
        stage.set_paths([small], 0)
        cache.clear()
        start = time.perf_counter()
        stage.set_paths([scan], 0)
        wait_for(app, cache, [ImageKey.screen(scan)])
        stage.repaint()
        cold.append(ms_since(start))
    naive: list[float] = []
    path = root.absolute(scan)
    QImageReader.setAllocationLimit(0)  # Qt refuses > 256 MB by default: the naive way needs it
    for _ in range(NAIVE_SWIPE_RUNS):
        start = time.perf_counter()
        pixmap = naive_screen_pixmap(path)
        canvas = QPixmap(SCREEN)
        painter = QPainter(canvas)
        painter.drawPixmap(0, 0, pixmap)
        painter.end()
        naive.append(ms_since(start))
        del pixmap
    stage.close()
    return {
        "prefetched": statistics.median(prefetched),
        "cold": statistics.median(cold),
        "naive": statistics.median(naive),
    }


def zoom_path(view: QGraphicsView, fit: float) -> list[tuple[float, QPointF]]:
    """Scales and pans of one visit: zoom from the page to native pixels, then pan around."""
    steps: list[tuple[float, QPointF]] = []
    for frame in range(ZOOM_FRAMES):
        steps.append((fit * (1.0 / fit) ** (frame / (ZOOM_FRAMES - 1)), QPointF(0, 0)))
    for frame in range(PAN_FRAMES):
        steps.append((1.0, QPointF(25 if frame < PAN_FRAMES // 2 else -25, 12)))
    return steps


def measure_zoom(app: QApplication, root: ContentRoot, scan: str) -> dict[str, list[float]]:
    from kiosk.kit.widgets_drawing import DrawingView

    renditions = images.renditions_of(root, scan)
    assert renditions is not None
    cache = ImageCache(root)
    view = DrawingView(cache)
    view.resize(SCREEN)
    view.show()
    opened = time.perf_counter()
    view.set_drawing(scan, renditions.width, renditions.height)
    wait_for(app, cache, [ImageKey.screen(scan)])
    view.viewport().repaint()
    opened_ms = ms_since(opened)
    fit = view.fit_scale()
    centre = QPointF(SCREEN.width() / 2, SCREEN.height() / 2)
    kiosk: list[float] = []
    for scale, pan in zoom_path(view, fit):
        start = time.perf_counter()
        view.set_scale(scale, centre)
        view.pan_by(pan.x(), pan.y())
        view.viewport().repaint()
        kiosk.append(ms_since(start))
        app.processEvents()  # tiles decoded meanwhile arrive between frames, as on the kiosk
    view.close()

    reader_limit = QImageReader.allocationLimit()
    QImageReader.setAllocationLimit(0)  # Qt refuses > 256 MB by default: the naive way needs it
    opened = time.perf_counter()
    try:
        pixmap = QPixmap(str(root.absolute(scan)))
    finally:
        QImageReader.setAllocationLimit(reader_limit)
    scene = QGraphicsScene()
    item = QGraphicsPixmapItem(pixmap)
    item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
    scene.addItem(item)
    naive_view = QGraphicsView(scene)
    naive_view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    naive_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    naive_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    naive_view.resize(SCREEN)
    naive_view.show()
    naive_view.fitInView(item, Qt.AspectRatioMode.KeepAspectRatio)
    naive_view.viewport().repaint()
    naive_opened_ms = ms_since(opened)
    naive: list[float] = []
    steps = zoom_path(naive_view, fit)
    chosen = steps[:: max(1, len(steps) // NAIVE_FRAMES)][:NAIVE_FRAMES]
    for scale, pan in chosen:
        start = time.perf_counter()
        naive_view.resetTransform()
        naive_view.scale(scale, scale)
        bar = naive_view.horizontalScrollBar()
        bar.setValue(bar.value() + round(pan.x()))
        naive_view.viewport().repaint()
        naive.append(ms_since(start))
        app.processEvents()
    naive_view.close()
    del pixmap
    return {"kiosk": kiosk, "naive": naive, "open": [opened_ms, naive_opened_ms]}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def browse_child(mode: str, home: str, paths_json: str) -> None:
    """Run in a fresh process: browse the album one way, print the peak RSS in MB."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    root = ContentRoot(Path(home))
    paths: list[str] = json.loads(paths_json)
    start = time.perf_counter()
    if mode == "kiosk":
        from kiosk.ui.screens.slideshow import SlideStage

        cache = ImageCache(root)
        stage = SlideStage(cache)
        stage.resize(SCREEN)
        stage.show()
        stage.set_paths(paths, 0)
        for index in range(len(paths)):
            wait_for(app, cache, [ImageKey.screen(paths[index])])
            stage.repaint()
            stage.go(1, animated=False)
    else:
        QImageReader.setAllocationLimit(0)
        for path in paths:
            pixmap = naive_screen_pixmap(root.absolute(path))
            canvas = QPixmap(SCREEN)
            painter = QPainter(canvas)
            painter.drawPixmap(0, 0, pixmap)
            painter.end()
            del pixmap
    peak_mb = peak_rss_mb()
    print(json.dumps({"peak_mb": peak_mb, "seconds": time.perf_counter() - start}))


def measure_memory(root: ContentRoot, scan: str) -> dict[str, dict[str, float]]:
    """Make an album of 20 distinct scans (same pixels, different files), browse it twice."""
    source = root.absolute(scan)
    key = images.cache_key(scan)
    folder = images.renditions_folder(root, key)
    paths = [scan]
    for number in range(1, ALBUM_SIZE):
        copy = source.with_name(f"{key[:10]}{number:06d}.jpg")
        shutil.copyfile(source, copy)
        with copy.open("ab") as handle:  # bytes after the JPEG end: another file, same image
            handle.write(f"copie {number}".encode())
        relative = root.relative(copy)
        target = images.renditions_folder(root, images.cache_key(relative))
        target.mkdir(parents=True, exist_ok=True)
        # Browsing reads the screen renditions only; import time is measured once, above.
        for name in (images.MANIFEST_NAME, "screen.jpg", "thumb.jpg"):
            shutil.copyfile(folder / name, target / name)
        paths.append(relative)
    results: dict[str, dict[str, float]] = {}
    repository = Path(__file__).resolve().parent.parent
    for mode in ("kiosk", "naive"):
        completed = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from bench.bench_drawings import browse_child; "
                "browse_child(sys.argv[1], sys.argv[2], sys.argv[3])",
                mode,
                str(root.home),
                json.dumps(paths),
            ],
            cwd=repository,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        results[mode] = json.loads(completed.stdout.strip().splitlines()[-1])
    return results


def row(figure: str, kiosk: float, baseline: float, budget: str, met: bool) -> dict[str, Any]:
    """A table row; the ratio is kiosk / baseline, as in every benchmark (lower is better)."""
    ratio = kiosk / baseline if baseline else float("inf")
    return {
        "figure": figure,
        "kiosk": round(kiosk, 2),
        "baseline": round(baseline, 2),
        "ratio": round(ratio, 3) if ratio < 0.1 else round(ratio, 2),
        "budget": budget,
        "met": met,
    }


def run() -> list[dict[str, Any]]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-drawings-") as temporary:
        work = Path(temporary)
        root = ContentRoot(work / "home")
        root.home.mkdir()
        root.ensure_folders()
        catalogue = Catalogue(root.db_path)
        try:
            scan_file = make_scan(work / "scan-100mp.jpg")
            small_file = work / "petit.jpg"
            Image.new("RGB", (3000, 2000), (240, 230, 200)).save(small_file, quality=88)
            start = time.perf_counter()
            with catalogue.session() as session:
                scan = import_media(session, root, scan_file, MediaRole.DRAWING).path
            import_s = time.perf_counter() - start
            with catalogue.session() as session:
                small = import_media(session, root, small_file, MediaRole.DRAWING).path
            start = time.perf_counter()
            QImageReader.setAllocationLimit(0)
            QImageReader(str(root.absolute(scan))).read()
            QImageReader.setAllocationLimit(256)
            full_decode_s = time.perf_counter() - start
            renditions = images.renditions_of(root, scan)
            assert renditions is not None
            tiles = len(renditions.all_files()) - 3
            rows.append(
                {
                    "figure": f"import of the 100 MP scan with renditions ({tiles} tiles), s"
                    " (vs one full Qt decode)",
                    "kiosk": round(import_s, 1),
                    "baseline": round(full_decode_s, 1),
                    "ratio": round(import_s / full_decode_s, 1),
                    "budget": "once per scan, < 60 s",
                    "met": import_s < 60,
                }
            )

            swipe = measure_swipe(app, root, small, scan)
            rows.append(
                row(
                    "swipe to 100 MP drawing on screen, ms (prefetched vs QPixmap+scale)",
                    swipe["prefetched"],
                    swipe["naive"],
                    f"<= {SWIPE_BUDGET_MS:.0f} ms",
                    swipe["prefetched"] <= SWIPE_BUDGET_MS,
                )
            )
            rows.append(
                row(
                    "swipe, no prefetch (screen rendition read), ms (vs QPixmap+scale)",
                    swipe["cold"],
                    swipe["naive"],
                    f"<= {SWIPE_BUDGET_MS * 2:.0f} ms",
                    swipe["cold"] <= SWIPE_BUDGET_MS * 2,
                )
            )

            passes = [measure_zoom(app, root, scan) for _ in range(ZOOM_PASSES)]
            frames = passes[0]
            for label, figure in (("median", statistics.median), ("p95", p95)):
                kiosk = statistics.median(figure(one["kiosk"]) for one in passes)
                naive = statistics.median(figure(one["naive"]) for one in passes)
                rows.append(
                    row(
                        f"zoom/pan frame on 100 MP scan, {label} ms (tiles vs whole scan)",
                        kiosk,
                        naive,
                        f"< {FRAME_BUDGET_MS:.0f} ms",
                        kiosk < FRAME_BUDGET_MS,
                    )
                )

            kiosk_open, naive_open = frames["open"]
            rows.append(
                row(
                    "open the zoom on the 100 MP scan, first frame ms (vs decode whole scan)",
                    kiosk_open,
                    naive_open,
                    f"<= {SWIPE_BUDGET_MS * 2:.0f} ms",
                    kiosk_open <= SWIPE_BUDGET_MS * 2,
                )
            )

            memory = measure_memory(root, scan)
            kiosk_mb, naive_mb = memory["kiosk"]["peak_mb"], memory["naive"]["peak_mb"]
            rows.append(
                row(
                    f"peak RSS browsing {ALBUM_SIZE} scans of 100 MP, MB (kiosk vs naive)",
                    kiosk_mb,
                    naive_mb,
                    "<= 600 MB",
                    kiosk_mb <= 600,
                )
            )
            rows.append(
                row(
                    f"time to browse the {ALBUM_SIZE} scans, s (kiosk vs naive)",
                    memory["kiosk"]["seconds"],
                    memory["naive"]["seconds"],
                    BROWSE_BUDGET.text(),
                    BROWSE_BUDGET.met(memory["kiosk"]["seconds"], 0.0),
                )
            )
        finally:
            catalogue.close()
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
