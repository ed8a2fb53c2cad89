"""The video player: libvlc rendering into native child widgets, driven from the GUI thread.

Rules (DESIGN.md §3): one ``vlc.Instance`` per process; libvlc calls its event callbacks on its
own threads and is not re-entrant, so a callback only forwards the event to the GUI thread
through a queued Qt signal and never calls libvlc or touches a widget; players are stopped and
released before their widget goes away.

A :class:`VideoPlayer` owns two "decks" (a libvlc player and the native surface it draws into).
The active deck is on top; the other can prepare the next clip of a sequence: it starts muted,
pauses on its first frame, and waits underneath. Switching raises it and resumes it, so the
visitor never sees a black gap (at worst the last frame of the previous clip holds).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import enum
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vlc
from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.playback.memory import keep_large_blocks_out_of_heap

log = logging.getLogger(__name__)

VOUT_ENV = "KIOSK_VLC_VOUT"
AOUT_ENV = "KIOSK_VLC_AOUT"
WATCHDOG_MS = 5000  # "not showing a picture this long after play()" is an error
POSITION_INTERVAL_MS = 200
# libvlc 3 reports the time up to ~250 ms late, and the switch takes REVEAL_DELAY_MS.
SWITCH_BEFORE_END_MS = 330
OLD_DECK_STOP_DELAY_MS = 150  # let the X server raise the new surface before the old one goes
REVEAL_DELAY_MS = 80  # two frames at 25 fps: the resumed clip has drawn again
STANDBY_SETTLE_MS = 120  # a prepared clip plays this long (muted, hidden) before it pauses

BASE_OPTIONS = (
    "--no-video-title-show",  # no file name painted over the first seconds
    "--no-osd",  # no volume/seek messages painted by VLC: the kiosk draws its own controls
    "--quiet",
    "--no-stats",
    "--no-snapshot-preview",
    "--no-sub-autodetect-file",  # the kiosk chooses the subtitle file itself
    "--drop-late-frames",
    "--skip-frames",
)


# Subtitles (issue 19): readable from a metre at 1080p, and above the player's bottom band.
# --sub-margin is in screen pixels from the bottom of the picture, and only the instance's
# value counts (libvlc 3 gives no way to move subtitles once a player exists; a media option is
# ignored): the player screen sets it with set_subtitle_style() before the instance is made.
# --freetype-rel-fontsize is a divisor of the picture's height (16 is VLC's "normal", 12 its
# "large"); the outline and a dark box behind the text keep it readable on any picture.
@dataclass(frozen=True)
class SubtitleStyle:
    margin_px: int = 0
    relative_size: int = 15
    outline: int = 4  # VLC's "normal" thickness
    box_opacity: int = 150  # 0-255, the box behind the text


_subtitle_style = SubtitleStyle()


def set_subtitle_style(style: SubtitleStyle) -> bool:
    """The subtitle style of the process's libvlc instance; False if it exists already (the
    style it was made with stays)."""
    global _subtitle_style
    if _instance is not None:
        return style == _subtitle_style
    _subtitle_style = style
    return True


def forget_instance() -> None:
    """Drop the process's libvlc instance so that the next player makes a new one with the
    current style (tests that change the screen's orientation). libvlc counts references: the
    players made on the old instance keep it alive until they are released."""
    global _instance
    if _instance is not None:
        _instance.release()
        _instance = None


def subtitle_style() -> SubtitleStyle:
    return _subtitle_style


def subtitle_options(style: SubtitleStyle) -> list[str]:
    return [
        f"--sub-margin={max(0, style.margin_px)}",
        f"--freetype-rel-fontsize={style.relative_size}",
        f"--freetype-outline-thickness={style.outline}",
        f"--freetype-background-opacity={max(0, min(255, style.box_opacity))}",
        "--freetype-background-color=0",
    ]


# Without a GPU (Xvfb): decode in software and draw with plain X11. ``--vout`` alone does not
# do it: ``set_xwindow`` resets the player's "vout" to "any", and libvlc then picks its OpenGL
# output, which loads Mesa's software renderer (libLLVM, ~90 MB resident) and draws every
# frame through llvmpipe. With no OpenGL provider allowed, "any" falls back to xcb_x11.
SOFTWARE_OUTPUT_OPTIONS = ("--avcodec-hw=none", "--gl=none", "--gles2=none")

_instance: Any = None


class VideoUnavailableError(RuntimeError):
    """libvlc could not be started (missing library or plugins)."""


def _running_on_xvfb() -> bool:
    """True when DISPLAY is a local Xvfb: no GPU there, so VLC's OpenGL output is pointless."""
    display = os.environ.get("DISPLAY", "")
    number = display.rpartition(":")[2].partition(".")[0]
    if not display.startswith(":") or not number.isdigit():
        return False
    try:
        pid = Path(f"/tmp/.X{number}-lock").read_text().strip()
        return Path(f"/proc/{pid}/comm").read_text().strip() == "Xvfb"
    except OSError:
        return False


def _has_sound_card() -> bool:
    cards = Path("/proc/asound/cards")
    try:
        return "no soundcards" not in cards.read_text()
    except OSError:
        return False


def instance_options(environ: dict[str, str] | None = None) -> list[str]:
    """The libvlc options of the kiosk: quiet, no title or OSD, an output fit for the display."""
    env = os.environ if environ is None else environ
    options = list(BASE_OPTIONS)
    options.extend(subtitle_options(_subtitle_style))
    vout = env.get(VOUT_ENV, "")
    if not vout and sys.platform.startswith("linux") and _running_on_xvfb():
        vout = "xcb_x11"
    if vout:
        options.append(f"--vout={vout}")
        if vout == "xcb_x11":
            options.extend(SOFTWARE_OUTPUT_OPTIONS)
    aout = env.get(AOUT_ENV, "")
    if not aout and sys.platform.startswith("linux") and not _has_sound_card():
        # Without a sound card ALSA prints pages of errors each time a clip starts.
        aout = "adummy"
    if aout:
        options.append(f"--aout={aout}")
    return options


def vlc_instance() -> Any:
    """The process's one ``vlc.Instance``, created on first use."""
    global _instance
    if _instance is None:
        # Before libvlc's threads start: its pictures are big blocks (kiosk.playback.memory).
        keep_large_blocks_out_of_heap()
        options = instance_options()
        created = vlc.Instance(options)
        if created is None:
            raise VideoUnavailableError(
                "libvlc n'a pas pu démarrer (options : " + " ".join(options) + ")"
            )
        log.info("libvlc %s started (%s)", vlc.libvlc_get_version().decode(), " ".join(options))
        _instance = created
    return _instance


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


# Qt platforms whose native windows libvlc can draw into.
NATIVE_VIDEO_PLATFORMS = {"xcb", "windows", "cocoa"}


def native_video_available() -> bool:
    """Whether libvlc can be given a native window: handing it an offscreen or Wayland "window"
    makes it crash, so the player refuses to start instead (a friendly card is shown)."""
    return QGuiApplication.platformName() in NATIVE_VIDEO_PLATFORMS


# The libvlc events the player listens to, forwarded as plain integers.
_EVENTS = {
    vlc.EventType.MediaPlayerPlaying: "playing",
    vlc.EventType.MediaPlayerPaused: "paused",
    vlc.EventType.MediaPlayerVout: "vout",
    vlc.EventType.MediaPlayerEndReached: "ended",
    vlc.EventType.MediaPlayerEncounteredError: "error",
}


class _EventBridge(QObject):
    """Carries libvlc events from libvlc's threads to the GUI thread (queued connection)."""

    forwarded = Signal(int, int, str, int)  # deck index, load token, event name, vout count


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


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


XCB_CW_BACK_PIXMAP = 1


class _X11:
    """The two X requests the player needs, made through libxcb (ctypes) on a connection of
    its own: list libvlc's video window (a child of the surface), and set its background to
    None so that mapping it does not clear it to black. xcb reports a failed request (a window
    libvlc has just destroyed) as an error event, dropped here; Xlib would exit the process."""

    def __init__(self) -> None:
        self._lib: Any = None
        self._libc: Any = None
        self._connection: int | None = None
        self._failed = False

    def _open(self) -> bool:
        if self._connection is not None:
            return True
        if self._failed or not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
            return False
        try:
            lib = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
            libc = ctypes.CDLL(None)
            lib.xcb_connect.restype = ctypes.c_void_p
            lib.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            lib.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
            lib.xcb_query_tree.restype = _Cookie
            lib.xcb_query_tree.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
            lib.xcb_query_tree_reply.restype = ctypes.c_void_p
            lib.xcb_query_tree_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
            lib.xcb_query_tree_children.restype = ctypes.POINTER(ctypes.c_uint32)
            lib.xcb_query_tree_children.argtypes = [ctypes.c_void_p]
            lib.xcb_query_tree_children_length.argtypes = [ctypes.c_void_p]
            lib.xcb_change_window_attributes.restype = _Cookie
            lib.xcb_change_window_attributes.argtypes = [
                ctypes.c_void_p,
                ctypes.c_uint32,
                ctypes.c_uint32,
                ctypes.c_void_p,
            ]
            lib.xcb_get_input_focus.restype = _Cookie
            lib.xcb_get_input_focus.argtypes = [ctypes.c_void_p]
            lib.xcb_get_input_focus_reply.restype = ctypes.c_void_p
            lib.xcb_get_input_focus_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
            lib.xcb_poll_for_event.restype = ctypes.c_void_p
            lib.xcb_poll_for_event.argtypes = [ctypes.c_void_p]
            libc.free.argtypes = [ctypes.c_void_p]
            connection = lib.xcb_connect(None, None)
        except (OSError, AttributeError):
            log.info("no libxcb: the first picture may follow a black frame")
            self._failed = True
            return False
        if not connection or lib.xcb_connection_has_error(connection):
            self._failed = True
            return False
        self._lib, self._libc, self._connection = lib, libc, connection
        return True

    def available(self) -> bool:
        """True when the X server can be reached through libxcb (X11 with libxcb installed)."""
        return self._open()

    def children(self, window: int) -> tuple[int, ...]:
        """The child windows of ``window`` (libvlc's video window); () when unknown."""
        if not self._open():
            return ()
        lib = self._lib
        error = ctypes.c_void_p()
        reply = lib.xcb_query_tree_reply(
            self._connection, lib.xcb_query_tree(self._connection, window), ctypes.byref(error)
        )
        if error.value:
            self._libc.free(error)
        if not reply:
            return ()
        try:
            count = lib.xcb_query_tree_children_length(reply)
            kids = lib.xcb_query_tree_children(reply)
            return tuple(int(kids[i]) for i in range(count))
        finally:
            self._libc.free(reply)

    def keep_pixels_on_map(self, windows: Sequence[int]) -> None:
        """Background "None": mapping or exposing these windows leaves the screen as it is."""
        if not windows or not self._open():
            return
        lib, connection = self._lib, self._connection
        none = ctypes.c_uint32(0)
        for window in windows:
            lib.xcb_change_window_attributes(
                connection, window, XCB_CW_BACK_PIXMAP, ctypes.byref(none)
            )
        # A round trip: the change is made before the window is mapped; then drop any error.
        reply = lib.xcb_get_input_focus_reply(connection, lib.xcb_get_input_focus(connection), None)
        if reply:
            self._libc.free(reply)
        while event := lib.xcb_poll_for_event(connection):
            self._libc.free(event)


_x11 = _X11()


class VideoSurface(QWidget):
    """A native child window that libvlc draws into. Taps on it reach Qt (libvlc input is off).

    Qt never paints it (WA_PaintOnScreen with no paint engine): until libvlc draws, the screen
    shows what was there, the player's stand-in picture."""

    tapped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VideoSurface")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        self.setAttribute(Qt.WidgetAttribute.WA_PaintOnScreen, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def paintEngine(self) -> None:  # type: ignore[override]
        return None

    def paintEvent(self, _event: QPaintEvent) -> None:
        pass

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit()


@dataclass
class _Deck:
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


class VideoPlayer(QWidget):
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
        # Native too, so that the native surfaces and overlays inside move with it (a non-native
        # parent that moves leaves its native children's X windows behind).
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("black"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.watchdog_ms = watchdog_ms
        self._instance = vlc_instance()
        self._bridge = _EventBridge(self)
        self._bridge.forwarded.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._decks = [self._new_deck(0), self._new_deck(1)]
        self._active = 0
        self._decks[0].surface.raise_()
        self._state = PlayerState.IDLE
        self._volume = 100
        self._subtitles_on = True
        self._sequence: list[Path] = []
        self._sequence_index = 0
        self._loop = False
        self._released = False
        self._position_timer = QTimer(self)
        self._position_timer.setInterval(POSITION_INTERVAL_MS)
        self._position_timer.timeout.connect(self._emit_position)
        self._stand_in = QPixmap()
        self._settle_timer = QTimer(self)
        self._settle_timer.setInterval(SETTLE_POLL_MS)
        self._settle_timer.timeout.connect(self._poll_settling)

    # -- construction and teardown ---------------------------------------------------------

    def _new_deck(self, index: int) -> _Deck:
        surface = self.surface_class(self)
        surface.tapped.connect(self.tapped)
        player = self._instance.media_player_new()
        player.video_set_mouse_input(False)
        player.video_set_key_input(False)
        deck = _Deck(index, surface, player)
        deck.watchdog.setSingleShot(True)
        deck.watchdog.timeout.connect(lambda deck=deck: self._on_watchdog(deck))
        manager = player.event_manager()
        bridge = self._bridge
        for event_type, name in _EVENTS.items():

            def forward(event: Any, name: str = name) -> None:
                # On a libvlc thread: read the event struct and the deck's token (a plain int),
                # hand both to the GUI thread, nothing else.
                # new_count is a C int inside a union: keep its 31 low bits.
                count = int(event.u.new_count) & 0x7FFFFFFF if name == "vout" else 0
                # RuntimeError: the bridge is gone, the player is being torn down.
                with contextlib.suppress(RuntimeError):
                    bridge.forwarded.emit(index, deck.token, name, count)

            manager.event_attach(event_type, forward)
        return deck

    def release(self) -> None:
        """Stop and release both libvlc players; call before the widget is destroyed."""
        if self._released:
            return
        self._released = True
        self._position_timer.stop()
        for deck in self._decks:
            deck.watchdog.stop()
            manager = deck.player.event_manager()
            for event_type in _EVENTS:
                manager.event_detach(event_type)
            deck.player.stop()
            deck.player.release()
        self._set_state(PlayerState.IDLE)

    @property
    def released(self) -> bool:
        return self._released

    def hideEvent(self, event: QHideEvent) -> None:
        # A hidden surface may be destroyed at any time after this: stop drawing into it.
        self.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        for deck in self._decks:
            deck.surface.setGeometry(self.video_rect())
        super().resizeEvent(event)

    # -- the video area and its stand-in ---------------------------------------------------

    def set_video_margins(self, top: int, bottom: int) -> None:
        """Keep the picture between ``top`` and ``bottom`` pixels of the edges (the portrait
        player keeps it between its bands)."""
        self._video_margins = (max(0, top), max(0, bottom))
        for deck in self._decks:
            deck.surface.setGeometry(self.video_rect())
        self.update()

    def video_area(self) -> QRect:
        """The room the picture may take: the widget less the margins."""
        top, bottom = getattr(self, "_video_margins", (0, 0))
        return self.rect().adjusted(0, top, 0, -bottom)

    def video_rect(self) -> QRect:
        """Where the native surfaces go: the video area fitted to the picture's shape when it is
        known (from the stand-in poster, which is upright and at the display aspect ratio), so
        that libvlc's window holds the picture alone. Bars beside a portrait film, or above and
        below a wide one on a tall screen, are then this widget's own black, painted by Qt:
        libvlc's window, which keeps whatever was on screen where it does not draw, never
        covers them (the visitor review saw the videos list there)."""
        area = self.video_area()
        stand_in = getattr(self, "_stand_in", None)
        if stand_in is None or stand_in.isNull() or area.isEmpty():
            return area
        size = stand_in.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        fitted = QRect(QPoint(0, 0), size)
        fitted.moveCenter(area.center())
        return fitted

    def set_stand_in(self, picture: QPixmap | None) -> None:
        """The picture shown in the video area until the clip's first picture is drawn (the
        poster the list showed); None: black. It also gives the surfaces the picture's shape."""
        self._stand_in = QPixmap() if picture is None else picture
        for deck in self._decks:
            deck.surface.setGeometry(self.video_rect())
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        if not self._stand_in.isNull():
            area = self.video_area()
            size = self._stand_in.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(QPoint(0, 0), size)
            target.moveCenter(area.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, self._stand_in)
        painter.end()

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
        self._sequence = []
        self._subtitles_on = True
        self._start_on(self._decks[self._active], path, subtitles, standby=False)
        self._decks[self._active].expected_s = max(0.0, expected_s)
        self._stop_deck(self._standby_deck())

    def play_sequence(self, paths: Sequence[Path], *, loop: bool = False) -> None:
        """Play ``paths`` one after the other, each next clip prepared while the current plays."""
        self._sequence = list(paths)
        self._loop = loop
        self._sequence_index = 0
        if not self._sequence:
            self.stop()
            return
        self._start_on(self._decks[self._active], self._sequence[0], None, standby=False)
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
        self._sequence = []
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
        tracks = self._decks[self._active].player.video_get_spu_description() or []
        return [
            (int(ident), name.decode(errors="replace") if isinstance(name, bytes) else str(name))
            for ident, name in tracks
            if int(ident) >= 0
        ]

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

    def _standby_deck(self) -> _Deck:
        return self._decks[1 - self._active]

    def _start_on(self, deck: _Deck, path: Path, subtitles: Path | None, *, standby: bool) -> None:
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
        media = self._instance.media_new_path(str(path))
        if subtitles is not None and subtitles.is_file():
            media.slaves_add(vlc.MediaSlaveType.subtitle, 4, subtitles.resolve().as_uri())
        # The first subtitle track from the start (cue 1 may come at 0.5 s, before the first
        # picture event): libvlc selects no track by itself unless it is flagged "default".
        if self._subtitles_on or standby:
            media.add_option(":sub-track=0")
        deck.player.set_media(media)
        media.release()
        self._attach_window(deck)
        deck.player.audio_set_volume(0 if standby else self._volume)
        deck.player.audio_set_mute(standby)
        if deck.player.play() != 0:
            deck.failed = ErrorReason.UNREADABLE
            QTimer.singleShot(0, lambda deck=deck, token=deck.token: self._fail(deck, token))
            return
        deck.watchdog.start(self.watchdog_ms)

    def _attach_window(self, deck: _Deck) -> None:
        handle = int(deck.surface.winId())
        if sys.platform.startswith("linux"):
            deck.player.set_xwindow(handle)
        elif sys.platform == "win32":
            deck.player.set_hwnd(handle)
        elif sys.platform == "darwin":
            deck.player.set_nsobject(handle)

    def _stop_deck(self, deck: _Deck) -> None:
        deck.watchdog.stop()
        if not self._released and deck.path is not None:
            deck.player.stop()  # synchronous: no picture of this clip is drawn after it
        deck.token += 1
        deck.path = None
        deck.subtitles = None
        deck.shows_picture = False
        deck.playing = False
        deck.standby = False
        deck.ended = False
        deck.failed = None
        deck.expected_s = 0.0
        deck.reached_s = 0.0
        deck.settling = 0
        deck.settle_seen = ()
        deck.settle_stable = 0

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
            elif index == self._active and not deck.standby and self._cut_short(deck):
                deck.failed = ErrorReason.INCOMPLETE
                self._fail(deck, token)
            elif index == self._active and not deck.standby:
                self._on_active_ended(deck)
            else:
                deck.ended = True
        elif name == "error":
            deck.failed = ErrorReason.UNREADABLE
            self._fail(deck, token)

    def _on_first_picture(self, deck: _Deck) -> None:
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
        deck.settling = max(1, SETTLE_MAX_MS // SETTLE_POLL_MS)
        deck.settle_seen = ()
        deck.settle_stable = 0
        self._settle_timer.start()

    def _poll_settling(self) -> None:
        """Reveal the first picture once libvlc's video window has stopped changing."""
        deck = self._decks[self._active]
        if self._released or deck.settling <= 0 or deck.path is None:
            self._settle_timer.stop()
            return
        deck.settling -= 1
        window = int(deck.surface.winId())
        seen = (*_x11.children(window), int(bool(deck.player.has_vout())))
        if seen == deck.settle_seen and seen[-1]:
            deck.settle_stable += 1
        else:
            deck.settle_seen, deck.settle_stable = seen, 0
        if deck.settle_stable < SETTLE_STABLE_POLLS and deck.settling > 0:
            return
        self._settle_timer.stop()
        deck.settling = 0
        _x11.keep_pixels_on_map(seen[:-1])
        self._reveal_first_picture(deck)

    def _reveal_first_picture(self, deck: _Deck) -> None:
        deck.surface.show()
        deck.surface.raise_()
        self._raise_overlays()
        self._apply_subtitles(deck)
        self._set_state(PlayerState.PLAYING)
        self._position_timer.start()
        self.started.emit()

    def _cut_short(self, deck: _Deck) -> bool:
        """Ended well before its duration: the file stops half-way (copied or cut short)."""
        length = max(deck.expected_s, max(0, int(deck.player.get_length())) / 1000)
        if length <= 0:
            return False
        slack = max(INCOMPLETE_SLACK_S, INCOMPLETE_SLACK_FRACTION * length)
        return deck.reached_s < length - slack

    def _settle_standby(self, deck: _Deck, token: int) -> None:
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

    def _on_active_ended(self, deck: _Deck) -> None:
        standby = self._standby_deck()
        if self._sequence and standby.path is not None and standby.failed is None:
            self._switch_to(standby)
            return
        deck.ended = True
        self._position_timer.stop()
        self._set_state(PlayerState.ENDED)
        self.ended.emit()

    def _switch_to(self, deck: _Deck) -> None:
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

    def _reveal(self, deck: _Deck, old: _Deck, token: int) -> None:
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
            self._sequence_index += 1
            self._prepare_following()

    def _stop_if_unchanged(self, deck: _Deck, token: int) -> None:
        if not self._released and deck.token == token and deck.index != self._active:
            self._stop_deck(deck)

    def _prepare_following(self) -> None:
        following = self._sequence_index + 1
        if following >= len(self._sequence):
            if not self._loop:
                return
            following = 0
            self._sequence_index = -1
        QTimer.singleShot(
            OLD_DECK_STOP_DELAY_MS + 50,
            lambda path=self._sequence[following]: self._prepare_if_free(path),
        )

    def _prepare_if_free(self, path: Path) -> None:
        if self._released or not self._sequence:
            return
        deck = self._standby_deck()
        if deck.path is None or not deck.standby:
            self.prepare_next(path)

    def _raise_overlays(self) -> None:
        """Keep the controls (native siblings of the surfaces) above the video."""
        surfaces = {deck.surface for deck in self._decks}
        for child in self.children():
            if isinstance(child, QWidget) and child not in surfaces and child.isVisible():
                child.raise_()

    def _apply_subtitles(self, deck: _Deck) -> None:
        if self._released or deck.path is None:
            return
        tracks = [
            int(ident)
            for ident, _name in (deck.player.video_get_spu_description() or [])
            if int(ident) >= 0
        ]
        if not tracks:
            return
        deck.player.video_set_spu(tracks[0] if self._subtitles_on else -1)

    def _on_watchdog(self, deck: _Deck) -> None:
        if deck.path is None or deck.shows_picture:
            return
        deck.failed = ErrorReason.TIMEOUT
        self._fail(deck, deck.token)

    def _fail(self, deck: _Deck, token: int) -> None:
        if self._released or token != deck.token:
            return
        reason = deck.failed or ErrorReason.UNREADABLE
        log.warning("video %s cannot be played (%s)", deck.path, reason.value)
        path = deck.path
        if deck.index != self._active or deck.standby:
            # A prepared clip that cannot play: drop it; a sequence skips it.
            self._stop_deck(deck)
            if self._sequence and path in self._sequence:
                self._sequence = [p for p in self._sequence if p != path]
                if self._sequence:
                    self._sequence_index = min(self._sequence_index, len(self._sequence) - 1)
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

    def _switch_near_end(self, deck: _Deck, token: int) -> None:
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
# was on screen there (the drawing, the last picture of the other deck) until libvlc draws.

KEEP_PIXELS_RETRY_MS = 120  # libvlc may make its window a moment after the vout event


def keep_pixels_when_uncovered(window_id: int) -> int:
    """libvlc's windows under ``window_id`` keep the pixels beneath them when uncovered or
    raised, instead of flashing black (X11 only; elsewhere nothing to do). Returns how many
    windows were changed under it (0 when none, or not on X11). The same libxcb connection as
    the player's first picture (:data:`_x11`)."""
    if QGuiApplication.platformName() != "xcb":
        return 0
    under: list[int] = []
    pending = list(_x11.children(window_id))
    while pending:
        child = pending.pop()
        under.append(child)
        pending.extend(_x11.children(child))
    _x11.keep_pixels_on_map([window_id, *under])
    return len(under)


class HoldingSurface(VideoSurface):
    """A surface Qt never paints: uncovered before libvlc draws again, it shows what was on
    screen there (the drawing that covered it), not a black fill. With libvlc's OpenGL output
    (a real GPU) libvlc draws straight into this window; with its X11 output, into a window of
    its own inside it (see :func:`keep_pixels_when_uncovered`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(False)
        self.setAttribute(Qt.WidgetAttribute.WA_PaintOnScreen, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)

    def paintEngine(self) -> None:  # type: ignore[override]
        return None

    def paintEvent(self, _event: QPaintEvent) -> None:
        return


def _output_has_own_window() -> bool:
    """libvlc's X11 outputs (xcb_x11, xcb_xv) draw into a child window they make themselves;
    its OpenGL output draws into the surface it is given."""
    return any(option.startswith("--vout=xcb") for option in instance_options())


class LoopVideoPlayer(VideoPlayer):
    """The attract loop's player: a :class:`VideoPlayer` whose libvlc windows never flash
    black when a drawing above them goes away or when its next deck is raised."""

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

    def _reveal(self, deck: _Deck, old: _Deck, token: int) -> None:
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
        return windows > 0 or not _x11.available() or not _output_has_own_window()

    def film_size(self) -> tuple[int, int]:
        """The picture size of the clip on screen, as libvlc decodes it ((0, 0) before)."""
        if self.released:
            return (0, 0)
        try:
            width, height = self._decks[self._active].player.video_get_size(0)
        except (vlc.VLCException, TypeError, ValueError):
            return (0, 0)
        return (int(width), int(height))
