"""Power cut: a child process works on the content (media import, places, bundles) and is killed
with SIGKILL at random moments, again and again. After each kill the catalogue must open and pass
``PRAGMA integrity_check``, every file it names must be there with its hash, no half-written file
may lie in ``assets/`` or ``videos/`` under a final name, the last operation the child finished
must still be there (nothing lost), and the next start of the kiosk (``kiosk info``) must succeed
and clean every leftover (partial copies, bundle staging folders, half-built caches).

``KIOSK_POWER_CUTS`` sets the number of kills (50 by default, 200 in the full run).
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import ContentRoot
from kiosk.library.bundles import STAGING_PREFIX, export_bundle
from kiosk.library.durable import TEMP_PREFIX
from kiosk.store.database import Catalogue
from tests.media_factory import make_clip
from tests.reliability import amount, record
from tests.reliability.driver import last_entry

REPOSITORY = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 60


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workload(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> tuple[ContentRoot, Path]:
    """A content root for the child (empty catalogue) and its inputs: a bundle and clips."""
    work = tmp_path / "work"
    (work / "clips").mkdir(parents=True)
    export_bundle(sample_catalogue, content_root, work / "lot.zip")
    for index in range(3):
        make_clip(work / "clips" / f"clip-{index}.mp4", 1.0 + index * 0.2, (320, 180))
    target = ContentRoot(tmp_path / "borne")
    target.home.mkdir()
    target.ensure_folders()
    Catalogue(target.db_path).close()
    return target, work


def leftovers(root: ContentRoot) -> list[str]:
    """What an interrupted operation may leave and the next start must remove."""
    found = [
        *root.assets_dir.rglob(f"{TEMP_PREFIX}*"),
        *root.videos_dir.rglob(f"{TEMP_PREFIX}*"),
        *root.home.glob(f"{STAGING_PREFIX}*"),
        *root.cache_dir.glob(".pdf-*"),
        *(root.cache_dir / "images").glob(".partial-*"),
        *(root.cache_dir / "demo-build").glob("run-*"),
        *(root.cache_dir / "posters").glob(".*.tmp"),
    ]
    return sorted(p.relative_to(root.home).as_posix() for p in found)


def check_database(root: ContentRoot) -> list[str]:
    """Open the database as the kiosk will (WAL recovery included) and check it."""
    problems: list[str] = []
    with sqlite3.connect(root.db_path) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:3]}")
        keys = connection.execute("PRAGMA foreign_key_check").fetchall()
        if keys:
            problems.append(f"foreign_key_check: {keys[:3]}")
        media = connection.execute(
            "SELECT path, sha256, size_bytes, subtitles_path FROM media_assets"
        ).fetchall()
    for path, digest, size, subtitles in media:
        file = root.absolute(path)
        if not file.is_file():
            problems.append(f"{path}: missing")
        elif file.stat().st_size != size or sha256(file) != digest:
            problems.append(f"{path}: size or hash differs from the catalogue")
        if subtitles and not root.absolute(subtitles).is_file():
            problems.append(f"{subtitles}: missing subtitles")
    for folder in (root.assets_dir, root.videos_dir):
        for file in folder.iterdir():
            if file.name.startswith(TEMP_PREFIX) or not file.is_file():
                continue
            # Stored files are named by their hash: one that is not is half-written.
            if not sha256(file).startswith(file.stem):
                problems.append(f"{file.name}: half-written file under a final name")
    return problems


def check_expectation(root: ContentRoot, entry: dict[str, Any] | None) -> list[str]:
    """What the last finished operation wrote must still be there."""
    if entry is None:
        return []
    expect = entry["expect"]
    with sqlite3.connect(root.db_path) as connection:
        hashes = {row[0] for row in connection.execute("SELECT sha256 FROM media_assets")}
        slugs = {row[0] for row in connection.execute("SELECT slug FROM places")}
        names = {row[0] for row in connection.execute("SELECT name FROM places")}
    lost = [f"media {h[:12]}" for h in expect.get("media", []) if h not in hashes]
    lost += [f"place {n}" for n in expect.get("place_names", []) if n not in names]
    lost += [f"place {s}" for s in expect.get("slugs_include", []) if s not in slugs]
    if "slugs_exactly" in expect and slugs != set(expect["slugs_exactly"]):
        lost.append(f"places {sorted(slugs)} instead of {expect['slugs_exactly']}")
    lost += [
        f"removed media {h[:12]} is back" for h in expect.get("media_absent", []) if h in hashes
    ]
    return [f"op {entry['n']} ({entry['op']}): {item}" for item in lost]


def start_driver(root: ContentRoot, work: Path) -> subprocess.Popen[str]:
    with (work / "driver.err").open("a") as errors:  # the child keeps its own copy
        return subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.driver", str(root.home), str(work)],
            cwd=REPOSITORY,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )


def kiosk_starts(root: ContentRoot) -> tuple[bool, str]:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--home", str(root.home), "info"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode == 0, done.stdout + done.stderr


def test_random_kills_never_corrupt_or_lose_anything(workload: tuple[ContentRoot, Path]) -> None:
    root, work = workload
    kills = amount("KIOSK_POWER_CUTS", 50, 200)
    chance = random.Random(os.environ.get("KIOSK_POWER_CUT_SEED", "8"))
    failures: list[str] = []
    lost: list[str] = []
    operations: dict[str, int] = {}
    for kill in range(kills):
        child = start_driver(root, work)
        try:
            if chance.random() < 0.1:
                time.sleep(chance.uniform(0.0, 0.6))  # during start-up and migrations
            else:
                assert child.stdout is not None
                line = child.stdout.readline()
                if line.strip() != "ready":
                    error = (work / "driver.err").read_text()[-2000:]
                    pytest.fail(f"the driver did not start (kill {kill}): {line!r}\n{error}")
                time.sleep(chance.uniform(0.0, 2.5))
            if child.poll() is not None:
                error = (work / "driver.err").read_text()[-2000:]
                pytest.fail(f"the driver stopped on its own (kill {kill}):\n{error}")
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            if child.stdout is not None:
                child.stdout.close()
        entry = last_entry(work)
        if entry is not None:
            operations[entry["op"]] = operations.get(entry["op"], 0) + 1
        problems = check_database(root)
        missing = check_expectation(root, entry)
        lost += missing
        started, output = kiosk_starts(root)
        if not started:
            problems.append(f"kiosk info failed: {output[-500:]}")
        left = leftovers(root)
        if left:
            problems.append(f"left after the next start: {left}")
        if problems or missing:
            failures.append(f"kill {kill}: {problems + missing}")
    finished = last_entry(work)
    record(
        "Coupure de courant (SIGKILL)",
        kills,
        len(failures),
        "rien" if not lost else f"{len(lost)} opération(s) : {lost[0]}",
        f"{finished['n'] + 1 if finished else 0} opérations terminées",
    )
    assert not failures, "\n".join(failures[:10])
    # The kills must have landed across the whole cycle, not always in the same operation.
    assert finished is not None and finished["n"] >= 10
