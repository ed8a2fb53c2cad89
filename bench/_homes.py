"""Content roots shared by the start, touch, memory and catalogue benchmarks (built once a run).

* ``demo_home()``: the demo content the kiosk creates on first start (real map, clips, drawings).
* ``big_home()``: the demo content plus 2,000 places (placed on the demo map, with tags,
  communes, a fifth with a vignette) and 10,000 media rows (vignettes, drawings, photos), written
  straight into the catalogue: what is measured (start, listings, filters) needs only their
  rows, but the vignettes have empty sparse files of their recorded size, since the visitor
  lists leave out a video whose file is missing or of another size.

Both live in one temporary folder removed when the process exits. ``X display`` helpers for
the benchmarks that need a real window are here too.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BIG_PLACES = 2000
BIG_MEDIA = 10_000
REPOSITORY = Path(__file__).resolve().parent.parent
RESULT_PREFIX = "RESULT "

_scratch: Path | None = None
_homes: dict[str, Path] = {}


def _folder() -> Path:
    global _scratch
    if _scratch is None:
        _scratch = Path(tempfile.mkdtemp(prefix="bench-homes-", dir="/var/tmp"))
        atexit.register(shutil.rmtree, _scratch, True)
    return _scratch


def demo_home() -> Path:
    """A content root holding the kiosk's demo content (about 30 s the first time)."""
    if "demo" not in _homes:
        from kiosk.config import ContentRoot
        from kiosk.library import pin
        from kiosk.library.demo import build_demo
        from kiosk.store.database import Catalogue

        home = _folder() / "demo"
        home.mkdir()
        root = ContentRoot(home)
        root.ensure_folders()
        catalogue = Catalogue(root.db_path)
        try:
            build_demo(catalogue, root)
            # A kiosk in service has its staff PIN: no "choose a PIN" pad over the first screen.
            pin.set_pin(catalogue, "482915")
        finally:
            catalogue.close()
        _homes["demo"] = home
    return _homes["demo"]


def big_home() -> Path:
    """The demo content plus 2,000 places and 10,000 media rows."""
    if "big" not in _homes:
        from sqlalchemy import insert, select

        from kiosk.config import ContentRoot
        from kiosk.store.database import Catalogue
        from kiosk.store.models import MediaAsset, MediaKind, MediaRole, Place, Tag, place_tags

        home = _folder() / "big"
        shutil.copytree(demo_home(), home)
        for leftover in home.glob("data.db-*"):
            leftover.unlink()
        rng = random.Random(2000)
        catalogue = Catalogue(ContentRoot(home).db_path)
        try:
            with catalogue.session() as session:
                roles = [MediaRole.VIGNETTE] * 2 + [MediaRole.DRAWING] * 6 + [MediaRole.PHOTO] * 2
                media_rows = []
                for index in range(BIG_MEDIA):
                    role = roles[index % len(roles)]
                    video = role is MediaRole.VIGNETTE
                    media_rows.append(
                        {
                            "kind": MediaKind.VIDEO if video else MediaKind.IMAGE,
                            "role": role,
                            "title": f"Média de banc d'essai {index}",
                            "credit": "banc d'essai",
                            "path": f"{'videos' if video else 'assets'}/bench/{index:05d}.bin",
                            "sha256": f"{index:064x}",
                            "size_bytes": 1000 + index,
                            "mime_type": "video/mp4" if video else "image/jpeg",
                            "width": 1920,
                            "height": 1080,
                            "duration_s": 42.0 if video else None,
                            "sort_order": 1000 + index,
                        }
                    )
                session.execute(insert(MediaAsset), media_rows)
                # The vignettes' files exist with their recorded size (sparse, empty): the
                # visitor lists leave out a video whose file is missing or of another size.
                for row in media_rows:
                    if row["kind"] is MediaKind.VIDEO:
                        stand_in = home / str(row["path"])
                        stand_in.parent.mkdir(parents=True, exist_ok=True)
                        with stand_in.open("wb") as handle:
                            handle.truncate(int(str(row["size_bytes"])))
                vignettes = session.scalars(
                    select(MediaAsset.id).where(
                        MediaAsset.role == MediaRole.VIGNETTE,
                        MediaAsset.path.like("videos/bench/%"),
                    )
                ).all()
                tags = [Tag(name=f"thème {n:02d}") for n in range(40)]
                session.add_all(tags)
                session.flush()
                place_rows = [
                    {
                        "slug": f"lieu-banc-{index:04d}",
                        "name": f"Tiers-lieu {rng.choice('ABCDEFGHIJKLMNOPRSTUV')}{index:04d}",
                        "commune": f"Commune {index % 300:03d}",
                        "description": "Lieu généré pour le banc d'essai.",
                        "map_x": rng.uniform(0.05, 0.95),
                        "map_y": rng.uniform(0.05, 0.95),
                        "video_id": vignettes[index] if index % 5 == 0 else None,
                        "sort_order": 1000 + index,
                    }
                    for index in range(BIG_PLACES)
                ]
                session.execute(insert(Place), place_rows)
                place_ids = session.scalars(
                    select(Place.id).where(Place.slug.like("lieu-banc-%")).order_by(Place.id)
                ).all()
                session.execute(
                    insert(place_tags),
                    [
                        {"place_id": place_id, "tag_id": tags[(index * 7 + k) % 40].id}
                        for index, place_id in enumerate(place_ids)
                        for k in range(2)
                    ],
                )
        finally:
            catalogue.close()
        _homes["big"] = home
    return _homes["big"]


class XDisplay:
    """The caller's X display, else a private Xvfb for as long as the context lasts."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.display = os.environ.get("DISPLAY", "")

    def __enter__(self) -> str:
        if not self.display:
            if shutil.which("Xvfb") is None:
                raise RuntimeError("this benchmark needs an X display or Xvfb")
            self.display = f":{500 + os.getpid() % 300}"
            self.process = subprocess.Popen(
                ["Xvfb", self.display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)
        return self.display

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait()


def run_worker(
    module: str, *arguments: str, env: dict[str, str] | None = None, timeout: float = 900
) -> Any:
    """Run ``python -m module --worker ARGUMENTS`` (a benchmark's measuring half, in a process
    of its own) and return what it printed as ``RESULT <json>``."""
    done = subprocess.run(
        [sys.executable, "-m", module, "--worker", *arguments],
        env=env,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if not lines:
        raise RuntimeError(f"{module} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1][len(RESULT_PREFIX) :])


def print_result(result: Any) -> None:
    """The worker's side of :func:`run_worker`."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory (VmRSS) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
