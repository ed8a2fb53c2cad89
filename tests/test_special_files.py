"""A FIFO or a device named by the catalogue is never opened by the image and poster readers:
a reader would block for good on a FIFO (the image workers, then the kiosk's exit) or read
/dev/zero for ever. Each read runs in a thread with a deadline, so a regression fails the test
instead of hanging it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import ContentRoot
from kiosk.library.images import ensure_renditions
from kiosk.library.media_store import MediaError, is_regular_file
from kiosk.playback.posters import poster_for
from kiosk.store.database import Catalogue


def finishes(call: Callable[[], Any], seconds: float = 5.0) -> Any:
    """The result (or the exception) of ``call``; fails the test if it does not return."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        pytest.fail("the reader blocked on a special file")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def fifo_root(tmp_path: Path) -> ContentRoot:
    root = ContentRoot(tmp_path)
    root.ensure_folders()
    os.mkfifo(root.assets_dir / "drawing.png")
    os.mkfifo(root.videos_dir / "film.mp4")
    return root


def test_special_files_are_not_regular(fifo_root: ContentRoot) -> None:
    assert not is_regular_file(fifo_root.assets_dir / "drawing.png")
    assert not is_regular_file(Path("/dev/zero"))
    assert not is_regular_file(fifo_root.assets_dir)


def test_renditions_refuse_a_fifo_without_opening_it(fifo_root: ContentRoot) -> None:
    with pytest.raises(MediaError, match="pas un fichier ordinaire"):
        finishes(lambda: ensure_renditions(fifo_root, "assets/drawing.png"))


def test_posters_refuse_a_fifo_and_a_device(fifo_root: ContentRoot) -> None:
    cache = fifo_root.cache_dir
    assert finishes(lambda: poster_for(cache, fifo_root.videos_dir / "film.mp4")) is None
    assert finishes(lambda: poster_for(cache, Path("/dev/zero"))) is None


def test_a_scaled_image_of_a_fifo_is_empty(fifo_root: ContentRoot) -> None:
    from PySide6.QtCore import QSize

    from kiosk.playback.images import load_scaled

    image = finishes(lambda: load_scaled(fifo_root.assets_dir / "drawing.png", QSize(64, 64)))
    assert image.isNull()


@pytest.mark.parametrize("where", ["home", "map", "notes"])
def test_the_kiosk_starts_and_shows_its_screens_past_a_row_that_leads_out(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, where: str
) -> None:
    """A drawing and the map whose files are links out of assets/ (rows written before the gate,
    or a link planted in the folder): the kiosk starts, the screens show without those images,
    and nothing outside is read (the attacker review stopped the start with one such link)."""
    outside = tmp_path / "outside.png"
    outside.write_bytes(
        (
            content_root.assets_dir
            / next(iter(p.name for p in content_root.assets_dir.iterdir() if p.suffix == ".png"))
        ).read_bytes()
    )
    (content_root.assets_dir / "link.png").symlink_to(outside)
    sample_catalogue.close()
    with sqlite3.connect(content_root.db_path) as connection:
        connection.execute(
            "UPDATE media_assets SET path = 'assets/link.png' WHERE role IN ('drawing', 'map')"
            " AND id = (SELECT MIN(id) FROM media_assets WHERE role = 'drawing')"
        )
        connection.execute("UPDATE media_assets SET path = '/etc/passwd' WHERE role = 'map'")
    shot = tmp_path / f"{where}.png"
    route = [] if where == "home" else ["--route", where]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "--home",
            str(content_root.home),
            "run",
            "--windowed",
            "--no-demo",
            "--size",
            "1280x800",
            *route,
            "--screenshot",
            str(shot),
        ],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 1000
