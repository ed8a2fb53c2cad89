"""Importing a folder of large media files vs ``cp`` + ``sync`` + ``sha256sum`` of the same files.

The files are real clips padded with random bytes to ~200 MB each (5 files, 1 GB in all, so
``make bench`` stays short); the import probes, copies under the content hash with fsync and
records them. The ratio is the kiosk's time over the baseline's (lower is better); the issue's
budget, a throughput of at least 0.7× the baseline's, is a time ratio of at most 1 / 0.7.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

FILES = 5
PADDING = 200 * 1024 * 1024
BUDGET = 1 / 0.7  # time ratio: throughput at least 0.7x the baseline's


def _make_files(folder: Path) -> list[Path]:
    from tests.media_factory import make_clip

    clip = make_clip(folder / "seed.mp4", 0.4).read_bytes()
    files = []
    for index in range(FILES):
        path = folder / f"grand-{index}.mp4"
        with path.open("wb") as handle:
            handle.write(clip)
            remaining = PADDING
            while remaining:
                chunk = os.urandom(min(remaining, 8 * 1024 * 1024))
                handle.write(chunk)
                remaining -= len(chunk)
        files.append(path)
    (folder / "seed.mp4").unlink()
    return files


def run() -> list[dict[str, Any]]:
    from kiosk.config import ContentRoot
    from kiosk.library.import_jobs import Outcome, import_files
    from kiosk.store.database import Catalogue

    with tempfile.TemporaryDirectory(prefix="bench-import-", dir="/var/tmp") as scratch:
        base = Path(scratch)
        source = base / "usb"
        source.mkdir()
        files = _make_files(source)
        total = sum(path.stat().st_size for path in files)

        copy_dir = base / "cp"
        copy_dir.mkdir()
        started = time.perf_counter()
        subprocess.run(["cp", *map(str, files), str(copy_dir)], check=True)
        subprocess.run(["sync"], check=True)
        subprocess.run(
            ["sha256sum", *map(str, copy_dir.iterdir())], check=True, capture_output=True
        )
        baseline = time.perf_counter() - started
        shutil.rmtree(copy_dir)

        root = ContentRoot(base / "home")
        root.home.mkdir()
        root.ensure_folders()
        catalogue = Catalogue(root.db_path)
        try:
            started = time.perf_counter()
            report = import_files(catalogue, root, files)
            kiosk = time.perf_counter() - started
        finally:
            catalogue.close()
        assert all(r.outcome is Outcome.IMPORTED for r in report.results), report.results
    ratio = kiosk / baseline
    print(
        f"import of {FILES} files ({total / 2**30:.2f} GiB): kiosk {kiosk:.2f} s, "
        f"cp + sync + sha256sum {baseline:.2f} s, ratio {ratio:.2f}"
    )
    return [
        {
            "figure": f"import {total / 2**30:.1f} GiB of media, s (vs cp + sync + sha256sum)",
            "kiosk": round(kiosk, 2),
            "baseline": round(baseline, 2),
            "ratio": round(ratio, 2),
            "budget": f"ratio <= {BUDGET:.2f} (throughput >= 0.7x)",
            "met": ratio <= BUDGET,
        }
    ]
