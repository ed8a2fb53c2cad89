"""A deck: one libvlc player and the native surface it draws into, with what it is playing.

A :class:`~kiosk.playback.video.player.VideoPlayer` owns two decks: the one on screen and one
that can prepare the next clip underneath. Everything here runs on the GUI thread.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vlc
from PySide6.QtCore import QTimer

from kiosk.playback.video.events import detach_events
from kiosk.playback.video.surface import VideoSurface

# An "ended" this far before the clip's duration is a file cut short, not its end: libvlc 3
# reports the time up to ~250 ms late and the player reads it every POSITION_INTERVAL_MS.
INCOMPLETE_SLACK_S = 1.0
INCOMPLETE_SLACK_FRACTION = 0.05
# The first picture: libvlc makes its video window (a child of the surface) and may drop and
# remake it a few times in the first milliseconds; each new window is cleared to black when it
# is mapped. The surface stays unmapped (the stand-in shows) until the vout has been stable for
# this long, then it is mapped with its window set not to clear: the stand-in's pixels stay
# until libvlc draws the next picture over them.
SETTLE_POLL_MS = 4
SETTLE_STABLE_POLLS = 3
SETTLE_MAX_MS = 400


class PlayerState(enum.StrEnum):
    IDLE = "idle"
    OPENING = "opening"
    PLAYING = "playing"
    PAUSED = "paused"
    ENDED = "ended"
    ERROR = "error"


class ErrorReason(enum.StrEnum):
    MISSING = "missing"  # no such file
    UNREADABLE = "unreadable"  # libvlc gave up, or the file ended without showing a picture
    TIMEOUT = "timeout"  # no picture within the watchdog delay
    INCOMPLETE = "incomplete"  # it played, then stopped well before its duration (cut short)
    NO_OUTPUT = "no-output"  # no native window system to draw into (offscreen, bare Wayland)


@dataclass
class Deck:
    index: int
    surface: VideoSurface
    player: Any
    token: int = 0
    path: Path | None = None
    subtitles: Path | None = None
    shows_picture: bool = False
    playing: bool = False
    standby: bool = False  # preparing: muted, to pause on its first picture
    ended: bool = False
    failed: ErrorReason | None = None
    expected_s: float = 0.0  # the duration the catalogue knows (0: unknown)
    reached_s: float = 0.0  # the furthest position seen
    settling: int = 0  # polls left before the first picture is revealed anyway
    settle_seen: tuple[int, ...] = ()
    settle_stable: int = 0
    watchdog: QTimer = field(default_factory=QTimer)

    def load(self, instance: Any, *, first_track: bool, volume: int) -> bool:
        """Give libvlc the deck's clip and start it; False when libvlc refuses at once."""
        assert self.path is not None
        media = instance.media_new_path(str(self.path))
        if self.subtitles is not None and self.subtitles.is_file():
            media.slaves_add(vlc.MediaSlaveType.subtitle, 4, self.subtitles.resolve().as_uri())
        # The first subtitle track from the start (cue 1 may come at 0.5 s, before the first
        # picture event): libvlc selects no track by itself unless it is flagged "default".
        if first_track:
            media.add_option(":sub-track=0")
        self.player.set_media(media)
        media.release()
        self.attach_window()
        self.player.audio_set_volume(0 if self.standby else volume)
        self.player.audio_set_mute(self.standby)
        return bool(self.player.play() == 0)

    def attach_window(self) -> None:
        handle = int(self.surface.winId())
        if sys.platform.startswith("linux"):
            self.player.set_xwindow(handle)
        elif sys.platform == "win32":
            self.player.set_hwnd(handle)
        elif sys.platform == "darwin":
            self.player.set_nsobject(handle)

    def stop(self, *, released: bool) -> None:
        """Stop the clip (synchronous: no picture of it is drawn after) and forget it."""
        self.watchdog.stop()
        if not released and self.path is not None:
            self.player.stop()
        self.token += 1
        self.path = None
        self.subtitles = None
        self.shows_picture = False
        self.playing = False
        self.standby = False
        self.ended = False
        self.failed = None
        self.expected_s = 0.0
        self.reached_s = 0.0
        self.settling = 0
        self.settle_seen = ()
        self.settle_stable = 0

    def release(self) -> None:
        """No more events, the clip stopped, the libvlc player released (before the surface
        goes)."""
        self.watchdog.stop()
        detach_events(self.player)
        self.player.stop()
        self.player.release()

    def subtitle_tracks(self) -> list[tuple[int, str]]:
        """(id, name) of the clip's subtitle tracks, "disable" left out."""
        tracks = self.player.video_get_spu_description() or []
        return [
            (int(ident), name.decode(errors="replace") if isinstance(name, bytes) else str(name))
            for ident, name in tracks
            if int(ident) >= 0
        ]

    def show_subtitles(self, enabled: bool) -> None:
        """The first subtitle track on, or none."""
        if self.path is None:
            return
        tracks = [ident for ident, _name in self.subtitle_tracks()]
        if tracks:
            self.player.video_set_spu(tracks[0] if enabled else -1)

    def begin_settling(self) -> None:
        self.settling = max(1, SETTLE_MAX_MS // SETTLE_POLL_MS)
        self.settle_seen = ()
        self.settle_stable = 0

    def settled(self, seen: tuple[int, ...]) -> bool:
        """One poll of libvlc's windows under the surface (and whether it has a vout, last):
        True once they have stopped changing, or the wait is over."""
        self.settling -= 1
        if seen == self.settle_seen and seen[-1]:
            self.settle_stable += 1
        else:
            self.settle_seen, self.settle_stable = seen, 0
        if self.settle_stable < SETTLE_STABLE_POLLS and self.settling > 0:
            return False
        self.settling = 0
        return True

    def cut_short(self) -> bool:
        """Ended well before its duration: the file stops half-way (copied or cut short)."""
        length = max(self.expected_s, max(0, int(self.player.get_length())) / 1000)
        if length <= 0:
            return False
        slack = max(INCOMPLETE_SLACK_S, INCOMPLETE_SLACK_FRACTION * length)
        return self.reached_s < length - slack
