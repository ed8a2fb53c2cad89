"""The player wrapper: two decks, driven from the GUI thread.

A :class:`VideoPlayer` owns two "decks" (a libvlc player and the native surface it draws into).
The active deck is on top; the other can prepare the next clip of a sequence: it starts muted,
pauses on its first frame, and waits underneath. Switching raises it and resumes it, so the
visitor never sees a black gap (at worst the last frame of the previous clip holds).

libvlc's rules (see :mod:`kiosk.playback.video`): events arrive through
:class:`~kiosk.playback.video.events.EventBridge` at the ``@Slot`` :meth:`VideoPlayer._on_event`;
:meth:`VideoPlayer.release` stops and releases both players before the widget goes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QWidget

from kiosk.playback.video.area import VideoArea
from kiosk.playback.video.deck import SETTLE_POLL_MS, Deck, ErrorReason, PlayerState
from kiosk.playback.video.events import EventBridge, attach_events
from kiosk.playback.video.instance import native_video_available, vlc_instance
from kiosk.playback.video.sequence import ClipSequence
from kiosk.playback.video.surface import VideoSurface
from kiosk.playback.video.x11 import xcb

log = logging.getLogger(__name__)

WATCHDOG_MS = 5000  # "not showing a picture this long after play()" is an error
POSITION_INTERVAL_MS = 200
# libvlc 3 reports the time up to ~250 ms late, and the switch takes REVEAL_DELAY_MS.
SWITCH_BEFORE_END_MS = 330
OLD_DECK_STOP_DELAY_MS = 150  # let the X server raise the new surface before the old one goes
REVEAL_DELAY_MS = 80  # two frames at 25 fps: the resumed clip has drawn again
STANDBY_SETTLE_MS = 120  # a prepared clip plays this long (muted, hidden) before it pauses


class VideoPlayer(VideoArea):
    """A full-size video area with play/pause/seek/volume/subtitles and a prepared next clip.

    Signals arrive on the GUI thread. ``playing_changed(True)`` when a picture is moving,
    ``False`` when paused, ended, failed or stopped (the idle timeout listens to it).
    """

    started = Signal()  # the first picture of a clip is on screen
    playing_changed = Signal(bool)
    position_changed = Signal(float, float)  # seconds, duration in seconds (0 if unknown)
    ended = Signal()  # the clip played to its end and no prepared clip followed
    clip_changed = Signal(str)  # a sequence moved on to this file
    error = Signal(str)  # an ErrorReason value
    tapped = Signal()
    surface_class: type[VideoSurface] = VideoSurface

    def __init__(self, parent: QWidget | None = None, watchdog_ms: int = WATCHDOG_MS) -> None:
        super().__init__(parent)
        self.setObjectName("VideoPlayer")
        self.watchdog_ms = watchdog_ms
        self._instance = vlc_instance()
        self._bridge = EventBridge(self)
        self._bridge.forwarded.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._decks: list[Deck] = []
        self._decks = [self._new_deck(0), self._new_deck(1)]
        self._active = 0
        self._decks[0].surface.raise_()
        self._state = PlayerState.IDLE
        self._volume = 100
        self._subtitles_on = True
        self._sequence = ClipSequence()
        self._released = False
        self._position_timer = QTimer(self)
        self._position_timer.setInterval(POSITION_INTERVAL_MS)
        self._position_timer.timeout.connect(self._emit_position)
        self._settle_timer = QTimer(self)
        self._settle_timer.setInterval(SETTLE_POLL_MS)
        self._settle_timer.timeout.connect(self._poll_settling)

    # -- construction and teardown ---------------------------------------------------------

    def _surfaces(self) -> list[VideoSurface]:
        return [deck.surface for deck in self._decks]

    def _new_deck(self, index: int) -> Deck:
        surface = self.surface_class(self)
        surface.tapped.connect(self.tapped)
        player = self._instance.media_player_new()
        player.video_set_mouse_input(False)  # touches reach Qt
        player.video_set_key_input(False)
        deck = Deck(index, surface, player)
        deck.watchdog.setSingleShot(True)
        deck.watchdog.timeout.connect(lambda deck=deck: self._on_watchdog(deck))
        attach_events(player, self._bridge, index, deck)
        return deck

    def release(self) -> None:
        """Stop and release both libvlc players; call before the widget is destroyed."""
        if self._released:
            return
        self._released = True
        self._position_timer.stop()
        for deck in self._decks:
            deck.release()
        self._set_state(PlayerState.IDLE)

    @property
    def released(self) -> bool:
        return self._released

    def hideEvent(self, event: QHideEvent) -> None:
        # A hidden surface may be destroyed at any time after this: stop drawing into it.
        self.stop()
        super().hideEvent(event)

    # -- public API ------------------------------------------------------------------------

    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def current_path(self) -> Path | None:
        return self._decks[self._active].path

    def play(self, path: Path, subtitles: Path | None = None, expected_s: float = 0.0) -> None:
        """Play ``path`` now (any sequence is forgotten), subtitles on from its first cue.

        ``expected_s``: the duration the catalogue knows; a clip that ends well before it (or
        before the duration libvlc reads) is reported as ``error("incomplete")``."""
        self._sequence = ClipSequence()
        self._subtitles_on = True
        self._start_on(self._decks[self._active], path, subtitles, standby=False)
        self._decks[self._active].expected_s = max(0.0, expected_s)
        self._stop_deck(self._standby_deck())

    def play_sequence(self, paths: Sequence[Path], *, loop: bool = False) -> None:
        """Play ``paths`` one after the other, each next clip prepared while the current plays."""
        self._sequence = ClipSequence(paths, loop=loop)
        if not self._sequence:
            self.stop()
            return
        self._start_on(self._decks[self._active], self._sequence.paths[0], None, standby=False)
        self._prepare_following()

    def prepare_next(self, path: Path, subtitles: Path | None = None) -> None:
        """Load ``path`` under the current clip, paused on its first picture, muted."""
        self._start_on(self._standby_deck(), path, subtitles, standby=True)

    @property
    def prepared_path(self) -> Path | None:
        deck = self._standby_deck()
        return deck.path if deck.failed is None else None

    def next_is_ready(self) -> bool:
        deck = self._standby_deck()
        return deck.path is not None and deck.shows_picture and deck.failed is None

    def play_prepared(self) -> bool:
        """Switch to the prepared clip (even if its first picture is not ready yet)."""
        deck = self._standby_deck()
        if deck.path is None or deck.failed is not None:
            return False
        self._switch_to(deck)
        return True

    def pause(self) -> None:
        deck = self._decks[self._active]
        if self._state is PlayerState.PLAYING:
            deck.player.set_pause(1)

    def resume(self) -> None:
        deck = self._decks[self._active]
        if self._state is PlayerState.PAUSED:
            deck.player.set_pause(0)
        elif self._state is PlayerState.ENDED and deck.path is not None:
            self._start_on(deck, deck.path, deck.subtitles, standby=False)

    def toggle_pause(self) -> None:
        if self._state is PlayerState.PLAYING:
            self.pause()
        else:
            self.resume()

    def stop(self) -> None:
        if self._released:
            return
        self._sequence = ClipSequence()
        for deck in self._decks:
            self._stop_deck(deck)
        self._position_timer.stop()
        self._set_state(PlayerState.IDLE)

    def position(self) -> float:
        if self._released:
            return 0.0
        return max(0, int(self._decks[self._active].player.get_time())) / 1000

    def duration(self) -> float:
        if self._released:
            return 0.0
        return max(0, int(self._decks[self._active].player.get_length())) / 1000

    def seek(self, seconds: float) -> None:
        deck = self._decks[self._active]
        if self._released or deck.path is None:
            return
        length = self.duration()
        target = max(0.0, seconds if length <= 0 else min(seconds, max(0.0, length - 0.25)))
        deck.player.set_time(int(target * 1000))

    def skip(self, delta_s: float) -> None:
        self.seek(self.position() + delta_s)

    def volume(self) -> int:
        return self._volume

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(100, percent))
        if not self._released:
            deck = self._decks[self._active]
            deck.player.audio_set_volume(self._volume)

    def subtitle_tracks(self) -> list[tuple[int, str]]:
        """(id, name) of the subtitle tracks of the current clip, "disable" left out."""
        if self._released:
            return []
        return self._decks[self._active].subtitle_tracks()

    def has_subtitles(self) -> bool:
        return bool(self.subtitle_tracks())

    def subtitles_enabled(self) -> bool:
        return self._subtitles_on

    def shown_subtitle_track(self) -> int:
        """The libvlc subtitle track shown now (-1: none)."""
        return -1 if self._released else int(self._decks[self._active].player.video_get_spu())

    def set_subtitles_enabled(self, enabled: bool) -> None:
        self._subtitles_on = enabled
        self._apply_subtitles(self._decks[self._active])

    # -- internals -------------------------------------------------------------------------

    def _standby_deck(self) -> Deck:
        return self._decks[1 - self._active]

    def _start_on(self, deck: Deck, path: Path, subtitles: Path | None, *, standby: bool) -> None:
        if self._released:
            return
        self._stop_deck(deck)
        deck.token += 1
        deck.path = path
        deck.subtitles = subtitles
        deck.standby = standby
        if not standby:
            # Unmapped until its first picture has settled (_poll_settling): the stand-in shows.
            deck.surface.hide()
            deck.surface.raise_()
            self._raise_overlays()
            self._set_state(PlayerState.OPENING)
        if not path.is_file() or not native_video_available():
            deck.failed = ErrorReason.MISSING if not path.is_file() else ErrorReason.NO_OUTPUT
            QTimer.singleShot(0, lambda deck=deck, token=deck.token: self._fail(deck, token))
            return
        first_track = self._subtitles_on or standby
        if not deck.load(self._instance, first_track=first_track, volume=self._volume):
            deck.failed = ErrorReason.UNREADABLE
            QTimer.singleShot(0, lambda deck=deck, token=deck.token: self._fail(deck, token))
            return
        deck.watchdog.start(self.watchdog_ms)

    def _stop_deck(self, deck: Deck) -> None:
        deck.stop(released=self._released)

    @Slot(int, int, str, int)
    def _on_event(self, index: int, token: int, name: str, count: int) -> None:
        if self._released:
            return
        deck = self._decks[index]
        if token != deck.token or deck.path is None:
            return  # an event of a clip that has been replaced since
        if name == "vout" and count > 0:
            self._on_first_picture(deck)
        elif name == "playing":
            deck.playing = True
            if deck.shows_picture and index == self._active and not deck.standby:
                self._set_state(PlayerState.PLAYING)
        elif name == "paused":
            deck.playing = False
            if index == self._active and not deck.standby and deck.shows_picture:
                self._set_state(PlayerState.PAUSED)
        elif name == "ended":
            deck.playing = False
            if not deck.shows_picture:
                deck.failed = ErrorReason.UNREADABLE
                self._fail(deck, token)
            elif index == self._active and not deck.standby and deck.cut_short():
                deck.failed = ErrorReason.INCOMPLETE
                self._fail(deck, token)
            elif index == self._active and not deck.standby:
                self._on_active_ended(deck)
            else:
                deck.ended = True
        elif name == "error":
            deck.failed = ErrorReason.UNREADABLE
            self._fail(deck, token)

    def _on_first_picture(self, deck: Deck) -> None:
        if deck.shows_picture:
            return
        deck.watchdog.stop()
        if deck.standby:
            # The vout exists but its first picture is not drawn yet: let a few frames through
            # (muted) before pausing, so the prepared surface really holds a picture.
            QTimer.singleShot(
                STANDBY_SETTLE_MS, lambda token=deck.token: self._settle_standby(deck, token)
            )
            return
        deck.shows_picture = True
        deck.begin_settling()
        self._settle_timer.start()

    def _poll_settling(self) -> None:
        """Reveal the first picture once libvlc's video window has stopped changing."""
        deck = self._decks[self._active]
        if self._released or deck.settling <= 0 or deck.path is None:
            self._settle_timer.stop()
            return
        window = int(deck.surface.winId())
        seen = (*xcb.children(window), int(bool(deck.player.has_vout())))
        if not deck.settled(seen):
            return
        self._settle_timer.stop()
        xcb.keep_pixels_on_map(seen[:-1])
        self._reveal_first_picture(deck)

    def _reveal_first_picture(self, deck: Deck) -> None:
        deck.surface.show()
        deck.surface.raise_()
        self._raise_overlays()
        self._apply_subtitles(deck)
        self._set_state(PlayerState.PLAYING)
        self._position_timer.start()
        self.started.emit()

    def _settle_standby(self, deck: Deck, token: int) -> None:
        if self._released or deck.token != token or deck.path is None:
            return
        deck.shows_picture = True
        if deck.standby:
            deck.player.set_pause(1)
        elif deck.index == self._active:
            # Switched to before it settled: it is the clip on screen now.
            self._apply_subtitles(deck)
            self._set_state(PlayerState.PLAYING)
            self._position_timer.start()
            self.started.emit()

    def _on_active_ended(self, deck: Deck) -> None:
        standby = self._standby_deck()
        if self._sequence and standby.path is not None and standby.failed is None:
            self._switch_to(standby)
            return
        deck.ended = True
        self._position_timer.stop()
        self._set_state(PlayerState.ENDED)
        self.ended.emit()

    def _switch_to(self, deck: Deck) -> None:
        """Resume the prepared clip underneath, and raise it once it draws again.

        Without a compositor X keeps no pixels of a covered window: raised at once, the paused
        surface would show black until its next frame. Meanwhile the current clip stays on top.
        """
        old = self._decks[self._active]
        self._active = deck.index
        deck.standby = False
        if deck.shows_picture:
            deck.player.set_pause(0)
            QTimer.singleShot(
                REVEAL_DELAY_MS, lambda token=deck.token: self._reveal(deck, old, token)
            )
        else:
            self._reveal(deck, old, deck.token)

    def _reveal(self, deck: Deck, old: Deck, token: int) -> None:
        if self._released or deck.token != token or deck.index != self._active:
            return
        deck.surface.show()
        deck.surface.raise_()
        self._raise_overlays()
        self._subtitles_on = True  # a new clip: "subtitles off" was for the previous one
        deck.player.audio_set_mute(False)
        deck.player.audio_set_volume(self._volume)
        if deck.shows_picture:
            self._apply_subtitles(deck)
            self._set_state(PlayerState.PLAYING)
            self._position_timer.start()
            self.started.emit()
        else:
            self._set_state(PlayerState.OPENING)
        if deck.path is not None:
            self.clip_changed.emit(str(deck.path))
        old_token = old.token
        QTimer.singleShot(OLD_DECK_STOP_DELAY_MS, lambda: self._stop_if_unchanged(old, old_token))
        if self._sequence:
            self._sequence.index += 1
            self._prepare_following()

    def _stop_if_unchanged(self, deck: Deck, token: int) -> None:
        if not self._released and deck.token == token and deck.index != self._active:
            self._stop_deck(deck)

    def _prepare_following(self) -> None:
        following = self._sequence.following()
        if following is not None:
            QTimer.singleShot(OLD_DECK_STOP_DELAY_MS + 50, lambda: self._prepare_if_free(following))

    def _prepare_if_free(self, path: Path) -> None:
        if self._released or not self._sequence:
            return
        deck = self._standby_deck()
        if deck.path is None or not deck.standby:
            self.prepare_next(path)

    def _apply_subtitles(self, deck: Deck) -> None:
        if not self._released:
            deck.show_subtitles(self._subtitles_on)

    def _on_watchdog(self, deck: Deck) -> None:
        if deck.path is None or deck.shows_picture:
            return
        deck.failed = ErrorReason.TIMEOUT
        self._fail(deck, deck.token)

    def _fail(self, deck: Deck, token: int) -> None:
        if self._released or token != deck.token:
            return
        reason = deck.failed or ErrorReason.UNREADABLE
        log.warning("video %s cannot be played (%s)", deck.path, reason.value)
        path = deck.path
        if deck.index != self._active or deck.standby:
            # A prepared clip that cannot play: drop it; a sequence skips it.
            self._stop_deck(deck)
            if path is not None and path in self._sequence:
                self._sequence.drop(path)
                if self._sequence:
                    self._prepare_following()
            return
        self._stop_deck(deck)
        deck.failed = reason
        self._position_timer.stop()
        self._set_state(PlayerState.ERROR)
        self.error.emit(reason.value)

    def _emit_position(self) -> None:
        if self._released or self._state not in (PlayerState.PLAYING, PlayerState.PAUSED):
            return
        position, duration = self.position(), self.duration()
        deck = self._decks[self._active]
        deck.reached_s = max(deck.reached_s, position)
        self.position_changed.emit(position, duration)
        if self._state is PlayerState.PLAYING and self._sequence and self.next_is_ready():
            # libvlc drops the picture at the end of a clip: switch a frame before it ends, so
            # the screen goes from the last picture of one clip to the first of the next.
            remaining_ms = round((duration - position) * 1000)
            if duration > 0 and remaining_ms <= SWITCH_BEFORE_END_MS + 2 * POSITION_INTERVAL_MS:
                deck = self._decks[self._active]
                QTimer.singleShot(
                    max(0, remaining_ms - SWITCH_BEFORE_END_MS),
                    lambda token=deck.token: self._switch_near_end(deck, token),
                )

    def _switch_near_end(self, deck: Deck, token: int) -> None:
        if self._released or deck.token != token or deck.index != self._active:
            return
        if self._sequence and self.next_is_ready() and self._state is PlayerState.PLAYING:
            self._switch_to(self._standby_deck())

    def _set_state(self, state: PlayerState) -> None:
        was_playing = self._state is PlayerState.PLAYING
        self._state = state
        now_playing = state is PlayerState.PLAYING
        if was_playing != now_playing:
            self.playing_changed.emit(now_playing)


# -- the attract loop's player ----------------------------------------------------------------
#
# libvlc's X11 outputs draw into a window of their own, made inside the surface we hand over,
# with a black background: whenever that window is uncovered (a drawing taken away from above
# it) or raised (the next deck of a sequence), the X server first fills it with black, and the
# film's next picture comes up to 40 ms later. Set to "no background", the window keeps what
