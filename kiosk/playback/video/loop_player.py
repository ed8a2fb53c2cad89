"""The attract loop's player: its libvlc windows never flash black when a drawing above them
goes away or when its next deck is raised (see :mod:`kiosk.playback.video.x11`)."""

from __future__ import annotations

import vlc
from PySide6.QtCore import QTimer, Slot

from kiosk.playback.video.deck import Deck
from kiosk.playback.video.instance import output_has_own_window
from kiosk.playback.video.player import VideoPlayer
from kiosk.playback.video.surface import HoldingSurface, VideoSurface
from kiosk.playback.video.x11 import keep_pixels_when_uncovered, xcb

KEEP_PIXELS_RETRY_MS = 120  # libvlc may make its window a moment after the vout event


class LoopVideoPlayer(VideoPlayer):
    """A :class:`VideoPlayer` whose libvlc windows keep the pixels beneath them."""

    surface_class = HoldingSurface

    @Slot(int, int, str, int)
    def _on_event(self, index: int, token: int, name: str, count: int) -> None:
        super()._on_event(index, token, name, count)
        if name == "vout" and count > 0 and not self.released:
            surface = self._decks[index].surface
            self._keep_pixels(surface)
            QTimer.singleShot(KEEP_PIXELS_RETRY_MS, self, lambda: self._keep_pixels(surface))

    def _keep_pixels(self, surface: VideoSurface) -> int:
        return 0 if self.released else keep_pixels_when_uncovered(int(surface.winId()))

    def _reveal(self, deck: Deck, old: Deck, token: int) -> None:
        # libvlc may have made its window after the vout event: once more, before the raise.
        self._keep_pixels(deck.surface)
        super()._reveal(deck, old, token)

    def ready_to_uncover(self) -> bool:
        """True once libvlc's window is in the surface on screen, set to keep the pixels under
        it: whatever covers the film can go, the film's picture replaces it with no black."""
        for deck in self._decks:
            if deck.index != self._active:
                self._keep_pixels(deck.surface)
        windows = self._keep_pixels(self._decks[self._active].surface)
        return windows > 0 or not xcb.available() or not output_has_own_window()

    def film_size(self) -> tuple[int, int]:
        """The picture size of the clip on screen, as libvlc decodes it ((0, 0) before)."""
        if self.released:
            return (0, 0)
        try:
            width, height = self._decks[self._active].player.video_get_size(0)
        except (vlc.VLCException, TypeError, ValueError):
            return (0, 0)
        return (int(width), int(height))
