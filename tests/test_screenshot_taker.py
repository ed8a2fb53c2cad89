"""``kiosk run --screenshot`` (issue 16): the screen is saved once it is ready, its images
decoded, not at a fixed delay (offscreen, a real catalogue, the real cache workers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.playback.image_cache import ImageKey, pending_images
from kiosk.store.database import Catalogue
from kiosk.ui import screenshot
from kiosk.ui.app import RunOptions, build_context
from kiosk.ui.screens.slideshow import SlideshowScreen


class RecordingTaker(screenshot.ScreenshotTaker):
    """The real taker, noting how many images were still pending when it saved."""

    pending_at_save: int | None = None
    status: int | None = None

    def save(self) -> None:
        self.pending_at_save = pending_images()
        super().save()

    def finish(self, status: int) -> None:
        # Not the real exit: outside the application's exec, QCoreApplication.exit() leaves
        # every later event loop of the process returning at once (qtbot's waits, the staff
        # area's questions: the whole rest of the suite).
        self.status = status


def test_the_screenshot_waits_for_the_images_of_its_screen(
    qapp: QApplication,
    qtbot: QtBot,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(screenshot, "SETTLE_MS", 0)  # no head start: only readiness counts
    monkeypatch.setattr(screenshot, "AFTER_IMAGES_MS", 0)
    context = build_context(qapp, content_root, sample_catalogue, RunOptions(size=(1280, 800)))
    screen = SlideshowScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.show_route("fdtl")  # asks the shared cache for its drawings
    assert pending_images() > 0
    target = tmp_path / "shot.png"
    taker = RecordingTaker(screen, qapp, target)
    taker.start()
    qtbot.waitUntil(target.exists, timeout=15_000)
    assert taker.pending_at_save == 0 and taker.status == 0
    album = screen.album
    assert album is not None
    assert screen.cache.get(ImageKey.screen(album.slides[0].path)) is not None
    with Image.open(target) as image:
        assert image.size == (1280, 800)
    assert taker.videos() == []  # no video here: the widgets' own pixels
    screen.cache.wait_for_idle(5000)
