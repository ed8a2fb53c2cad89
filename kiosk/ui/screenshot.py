"""``kiosk run --screenshot``: the first screen saved once it is really ready, then quit.

Ready means: the screen has had its start (``SETTLE_MS``), the shared image caches have no
decode pending (the videos list's posters, the slideshow's tiles), and every video on screen
shows its first pictures (``VideoPlayer`` playing for ``VIDEO_FRAMES_MS``); after
``MAX_WAIT_MS`` it is saved as it is. A screen with a video is taken from the screen's own
pixels (libvlc draws into a native X window that ``QWidget.grab()`` does not see): run it alone
on its display (scripts/screenshots.py gives each such shot its own Xvfb).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.playback.image_cache import pending_images
from kiosk.playback.video.deck import PlayerState
from kiosk.playback.video.player import VideoPlayer

log = logging.getLogger(__name__)

SETTLE_MS = 1200  # the first screen's start: its layout, its first paint, its fades
POLL_MS = 100
VIDEO_FRAMES_MS = 700  # a video playing this long has real frames on screen
AFTER_IMAGES_MS = 300  # the last image decoded: painted by then
MAX_WAIT_MS = 20000


class ScreenshotTaker(QObject):
    """Saves ``window`` to ``path`` once it is ready (see the module), then exits the app."""

    def __init__(self, window: QWidget, app: QApplication, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.app = app
        self.path = path
        self._begun = time.monotonic()
        self._playing_since: dict[int, float] = {}
        self._idle_since: float | None = None

    def start(self) -> None:
        QTimer.singleShot(SETTLE_MS, self, self._poll)

    def videos(self) -> list[VideoPlayer]:
        return [
            player
            for player in self.window.findChildren(VideoPlayer)
            if player.isVisible() and player.state != PlayerState.ERROR
        ]

    def _poll(self) -> None:
        now = time.monotonic()
        if self._ready(now) or (now - self._begun) * 1000 >= MAX_WAIT_MS:
            self.save()
        else:
            QTimer.singleShot(POLL_MS, self, self._poll)

    def _ready(self, now: float) -> bool:
        if pending_images():
            self._idle_since = None
            return False
        if self._idle_since is None:
            self._idle_since = now
        ready = (now - self._idle_since) * 1000 >= AFTER_IMAGES_MS
        for player in self.videos():
            if player.state != PlayerState.PLAYING:
                self._playing_since.pop(id(player), None)
                return False
            since = self._playing_since.setdefault(id(player), now)
            ready = ready and (now - since) * 1000 >= VIDEO_FRAMES_MS
        return ready

    def grab(self) -> QPixmap:
        """The screen's pixels where a native video shows (under X), else the widgets'."""
        screen = self.window.screen()
        if self.videos() and QGuiApplication.platformName() == "xcb" and screen is not None:
            return screen.grabWindow(self.window.winId())
        return self.window.grab()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        waited = time.monotonic() - self._begun
        if (waited * 1000) >= MAX_WAIT_MS:
            log.warning("screenshot %s: not ready after %.0f s, taken as it is", self.path, waited)
        ok = self.grab().save(str(self.path))
        log.info("screenshot %s: %s (%.1f s)", self.path, "saved" if ok else "failed", waited)
        self.window.setProperty("allow_close", True)
        self.finish(0 if ok else 1)

    def finish(self, status: int) -> None:
        """The run is over: the application's event loop ends with ``status``."""
        self.app.exit(status)
