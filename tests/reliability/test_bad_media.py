"""Bad media corpus: every odd file an old USB stick may hold is either imported correctly or
refused with a reason naming it; never a crash, never a partial or orphan file. Whatever got in,
or got damaged after import, plays or shows the player's friendly card; the window never freezes.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.import_jobs import Outcome, import_files
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaKind
from tests.harness.windows import OpenKioskWindow
from tests.reliability import record
from tests.reliability.corpus import build_corpus

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, bool]]:
    return build_corpus(tmp_path_factory.mktemp("clé-usb"))


def stored_files(root: ContentRoot) -> list[Path]:
    return sorted(
        p for folder in (root.assets_dir, root.videos_dir) for p in folder.rglob("*") if p.is_file()
    )


def assert_store_matches_catalogue(catalogue: Catalogue, root: ContentRoot) -> None:
    """Every stored file is recorded with its hash, and every recorded file is stored."""
    with catalogue.session() as session:
        recorded = {a.path: a.sha256 for a in session.scalars(select(MediaAsset))}
    on_disk = {root.relative(p): p for p in stored_files(root)}
    assert not [p for p in on_disk if Path(p).name.startswith(TEMP_PREFIX)]
    assert set(on_disk) == set(recorded), "orphan or missing files"
    for relative, digest in recorded.items():
        assert hashlib.sha256(on_disk[relative].read_bytes()).hexdigest() == digest


def test_every_bad_file_is_refused_by_name_and_good_ones_import(
    catalogue: Catalogue, content_root: ContentRoot, corpus: dict[str, tuple[Path, bool]]
) -> None:
    wrong: list[str] = []
    for name, (path, should_import) in corpus.items():
        try:
            report = import_files(catalogue, content_root, [path])
        except Exception as error:  # the scenario counts crashes instead of stopping at one
            wrong.append(f"{name}: crashed ({type(error).__name__}: {error})")
            continue
        (result,) = report.results
        if should_import and result.outcome is not Outcome.IMPORTED:
            wrong.append(f"{name}: {result.outcome.value} ({result.reason})")
        if not should_import and result.outcome is not Outcome.REFUSED:
            wrong.append(f"{name}: {result.outcome.value}, a refusal was expected")
        if result.outcome is Outcome.REFUSED and not result.reason.strip():
            wrong.append(f"{name}: refused without a reason")
        if result.outcome is Outcome.REFUSED and str(path.parent) in result.reason:
            wrong.append(f"{name}: the reason repeats the path ({result.reason})")
    record("Médias défectueux (import)", len(corpus), len(wrong), "rien" if not wrong else "?")
    assert not wrong, "\n".join(wrong)
    assert_store_matches_catalogue(catalogue, content_root)
    with catalogue.session() as session:
        titles = set(session.scalars(select(MediaAsset.title)))
    assert "vidéo 🎬 fourmis 🐜" in titles
    assert "Fête des tiers lieux été 2022" in titles


def test_the_command_line_names_each_refused_file(
    content_root: ContentRoot, corpus: dict[str, tuple[Path, bool]]
) -> None:
    files = [str(path) for path, _ in corpus.values()]
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--home", str(content_root.home), "import", *files],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # some refused: status 1, no traceback
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name, (path, should_import) in corpus.items():
        line = next((line for line in lines if line.startswith(f"{path} : ")), None)
        assert line is not None, f"{name}: not named in the output"
        assert ("refusé (" in line) != should_import, f"{name}: {line}"
    opened = Catalogue(content_root.db_path)
    try:
        assert_store_matches_catalogue(opened, content_root)
    finally:
        opened.close()


# --- playback of what got in, or got damaged afterwards (real libvlc, real X window) ---------


def damaged_copies(catalogue: Catalogue, root: ContentRoot) -> dict[str, int]:
    """Each stored video damaged in another way after its import (a failing USB stick)."""
    with catalogue.session() as session:
        videos = [
            (a.id, root.absolute(a.path))
            for a in session.scalars(select(MediaAsset).where(MediaAsset.kind == MediaKind.VIDEO))
        ]
    damages = {
        "intact": lambda path: None,
        "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 3]),
        "garbage": lambda path: path.write_bytes(bytes(range(256)) * 400),
        "zero bytes": lambda path: path.write_bytes(b""),
        "missing": lambda path: path.unlink(),
    }
    chosen: dict[str, int] = {}
    for (label, damage), (media_id, path) in zip(damages.items(), videos, strict=False):
        damage(path)  # type: ignore[no-untyped-call]
        chosen[label] = media_id
    return chosen


@pytest.fixture
def kiosk_window(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, catalogue: Catalogue
) -> object:
    return open_kiosk_window(content_root, catalogue, (1280, 800))


@pytest.mark.x11
def test_whatever_got_in_plays_or_shows_the_friendly_card_without_freezing(
    qtbot: QtBot,
    kiosk_window: object,
    catalogue: Catalogue,
    content_root: ContentRoot,
    corpus: dict[str, tuple[Path, bool]],
    tmp_path: Path,
) -> None:
    from kiosk.playback.video.deck import PlayerState
    from kiosk.ui.screens.videos.player_screen import PlayerScreen
    from kiosk.ui.window import KioskWindow
    from tests.media_factory import make_clip

    assert isinstance(kiosk_window, KioskWindow)
    extra = [make_clip(tmp_path / f"extra-{i}.mp4", 0.6 + i * 0.1, (160, 90)) for i in range(4)]
    videos = [p for p, ok in corpus.values() if ok and p.suffix in {".mp4", ".webm"}]
    import_files(catalogue, content_root, [*videos, *extra])
    cases = damaged_copies(catalogue, content_root)
    assert len(cases) == 5
    gaps: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.timeout.connect(tick)
    heartbeat.start(50)
    wrong: list[str] = []
    for label, media_id in cases.items():
        kiosk_window.open("player", str(media_id))
        screen = kiosk_window.screens["player"]
        assert isinstance(screen, PlayerScreen) and screen.player is not None
        player = screen.player

        def settled(screen: PlayerScreen = screen) -> bool:
            on_card = screen.stack.currentWidget() is screen.error_page
            left = kiosk_window.current_route.name != "player"  # played to its (early) end
            return on_card or left or screen.player.state is PlayerState.PLAYING  # type: ignore[union-attr]

        try:
            qtbot.waitUntil(settled, timeout=15000)
        except AssertionError:
            wrong.append(f"{label}: neither playing nor the friendly card ({player.state})")
        on_card = screen.stack.currentWidget() is screen.error_page
        if label == "intact" and on_card:
            wrong.append("intact: shows the error card")
        if label in {"garbage", "zero bytes", "missing"} and not on_card:
            wrong.append(f"{label}: no friendly card")
        kiosk_window.go_home()
        assert kiosk_window.current_route.name == "home"
    heartbeat.stop()
    record("Médias défectueux (lecture, X11)", len(cases), len(wrong), "rien")
    assert not wrong, "\n".join(wrong)
    # The event loop kept turning: no step of ~50 ms took more than a second.
    assert max(gaps) < 1.0, f"the window froze for {max(gaps):.1f} s"
