"""The full-screen player (route ``player``, argument: the media id, or a path in the content root).

The video is a native window drawn by libvlc, which X11 stacks above anything Qt paints in the
window. The controls are therefore native windows too (two opaque bands, top and bottom,
:mod:`.player_controls`), children of the player raised above the video surfaces; a tap on the
video shows them, they hide again after a few seconds of play. A file that cannot be played
shows a friendly card (:mod:`.player_error`) and the visitor is taken back; at the end of the
film too.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSlider, QStackedLayout, QWidget

from kiosk.kit.context import UiContext
from kiosk.library import catalogue_views
from kiosk.library import settings as kiosk_settings
from kiosk.library.catalogue_views import VideoView
from kiosk.library.subtitles import subtitles_for
from kiosk.library.typography import french_spacing
from kiosk.playback.memory import release_free_memory
from kiosk.playback.posters import poster_cache_path
from kiosk.playback.video.instance import VideoUnavailableError
from kiosk.playback.video.player import VideoPlayer
from kiosk.ui.routes import Route
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.place_sheet import split_player_argument
from kiosk.ui.screens.videos.player_controls import ControlsBand, PlayerControls
from kiosk.ui.screens.videos.player_error import ErrorPage
from kiosk.ui.screens.videos.player_style import colours, style_sheet
from kiosk.ui.screens.videos.player_subtitles import configure_subtitles
from kiosk.ui.screens.videos.poster_loading import take_poster

log = logging.getLogger(__name__)

ERROR_BACK_MS = 6000
PREPARE_NEXT_DELAY_MS = 1500  # let the current clip start before decoding the next one
TRIM_AFTER_CLOSE_MS = 500  # after the screen that replaced the film has been painted
DEFAULT_VOLUME = 80
# The controls are raised again this long after the first picture: X may map libvlc's window
# after the "started" event, and a band raised before that would stay hidden under the video.
REVEAL_RAISE_MS = 250
SUBTITLE_WATCH_S = 3.0  # a sidecar subtitle track can appear a moment after the first picture


class PlayerScreen(Screen):
    """Full screen video with large controls; ``playing_changed`` follows the player."""

    playing_changed = Signal(bool)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.video: VideoView | None = None
        self._subtitles_expected = False
        self.videos: list[VideoView] = []
        self._next: VideoView | None = None
        self._hidden_bar: QWidget | None = None
        self._return_place: str | None = None  # opened from this place's sheet
        self._error_reason = ""
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.player: VideoPlayer | None = None
        self.controls: PlayerControls | None = None
        try:
            configure_subtitles(context)
            self.player = VideoPlayer()
        except VideoUnavailableError:
            log.exception("no video player: libvlc could not start")
        self.player_page = self.player if self.player is not None else QWidget()
        self.stack.addWidget(self.player_page)
        self.error_page = ErrorPage(context.metrics)
        self.error_page.back_button.clicked.connect(self._leave)
        self.stack.addWidget(self.error_page)
        self.error_timer = self._timer(ERROR_BACK_MS, self._leave)
        self.prepare_timer = self._timer(PREPARE_NEXT_DELAY_MS, self._prepare_next)
        self.trim_timer = self._timer(TRIM_AFTER_CLOSE_MS, release_free_memory)
        if self.player is not None:
            player = self.player
            self.controls = PlayerControls(player, context)
            self.controls.close_button.clicked.connect(self._leave)
            self.controls.map_button.clicked.connect(self._open_map)
            self.controls.next_button.clicked.connect(self._play_next)
            player.installEventFilter(self)
            player.tapped.connect(self.toggle_controls)
            player.started.connect(self._on_started)
            player.ended.connect(self._leave)
            player.error.connect(self._on_error)
            player.position_changed.connect(self._on_position)
            player.playing_changed.connect(self._on_playing_changed)
            player.clip_changed.connect(self._on_clip_changed)
            app = QApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(player.release)
            self.reset_for_next_visitor()
        context.follow_appearance(self._apply_appearance)
        self.retranslate()

    def _timer(self, interval_ms: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # The controls' widgets, as the screen's (tests and the visitor session reach them here).
    @property
    def top_band(self) -> ControlsBand:
        return self._controls().top_band

    @property
    def bottom_band(self) -> ControlsBand:
        return self._controls().bottom_band

    @property
    def close_button(self) -> QPushButton:
        return self._controls().close_button

    @property
    def title_label(self) -> QLabel:
        return self._controls().title_label

    @property
    def subtitles_button(self) -> QPushButton:
        return self._controls().subtitles_button

    @property
    def volume_bar(self) -> QSlider:
        return self._controls().volume_bar

    @property
    def error_title(self) -> QLabel:
        return self.error_page.title

    @property
    def error_text(self) -> QLabel:
        return self.error_page.text

    def _controls(self) -> PlayerControls:
        if self.controls is None:
            raise AttributeError("no video player, no controls")
        return self.controls

    # -- appearance --------------------------------------------------------------------------

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        palette = self.context.palette
        self.setStyleSheet(style_sheet(self.context.metrics, palette))
        self.error_page.fit(self.width())
        scheme = colours(palette)
        self.error_page.apply_colours(scheme)
        if self.controls is not None:
            self.controls.apply_colours(scheme)

    # -- Screen ------------------------------------------------------------------------------

    def title(self) -> str:
        if self.video is not None:
            return self.video.localized_title(self.context.languages.language)
        return self.tr("Vidéo")

    def retranslate(self) -> None:
        self.error_page.set_reason(self._error_reason)
        self.error_page.fit(self.width())
        if self.controls is None:
            return
        self.controls.retranslate()
        self._show_texts()

    def show_route(self, argument: str | None) -> None:
        self.videos = catalogue_views.videos(self.context.catalogue)
        wanted, self._return_place = split_player_argument(argument or "")
        self.video = self._find(wanted)
        self.error_timer.stop()
        self._error_reason = ""
        self.retranslate()
        if self.player is None:
            self._show_error()
            return
        if self.video is None:
            log.warning("player: no video for %r", argument)
            self._show_error()
            return
        self.stack.setCurrentWidget(self.player_page)
        self._show_texts()
        self.show_controls()
        self._start(self.video)

    def reset(self) -> None:
        """A new visitor: no film left playing or prepared, volume and subtitles as set up."""
        self.prepare_timer.stop()
        self.error_timer.stop()
        if self.player is not None:
            self.player.stop()
        self.reset_for_next_visitor()

    def machine_volume(self) -> int:
        """The volume this kiosk is set to (the machine setting ``volume``)."""
        try:
            return kiosk_settings.load(self.context.catalogue).volume
        except Exception:  # an unreadable setting must not keep the film from playing
            log.exception("volume setting unreadable; %d %% used", DEFAULT_VOLUME)
            return DEFAULT_VOLUME

    def reset_for_next_visitor(self) -> None:
        """What a visitor changed goes back: the volume to the kiosk's setting, subtitles on."""
        if self.player is None or self.controls is None:
            return
        volume = self.machine_volume()
        self.player.set_volume(volume)
        self.volume_bar.blockSignals(True)
        self.volume_bar.setValue(volume)
        self.volume_bar.blockSignals(False)
        self.player.set_subtitles_enabled(True)
        self._check_subtitles_quietly()

    def _check_subtitles_quietly(self) -> None:
        self.subtitles_button.blockSignals(True)
        self.subtitles_button.setChecked(True)
        self.subtitles_button.blockSignals(False)

    def _find(self, argument: str) -> VideoView | None:
        if argument.isdigit():
            for video in self.videos:
                if video.media_id == int(argument):
                    return video
            return None
        for video in self.videos:
            if video.path == argument:
                return video
        if not argument:
            return None
        path = Path(argument)
        absolute = path if path.is_absolute() else self.context.root.absolute(argument)
        return VideoView(absolute.stem, None, "", str(absolute), 0.0, None, False)

    def _path_of(self, video: VideoView) -> Path:
        path = Path(video.path)
        return path if path.is_absolute() else self.context.root.absolute(video.path)

    def _subtitles_of(self, video: VideoView) -> Path | None:
        recorded = (
            self.context.root.media_file(video.subtitles_path) if video.subtitles_path else None
        )
        return subtitles_for(self._path_of(video), recorded)

    def _start(self, video: VideoView) -> None:
        assert self.player is not None
        controls = self._controls()
        controls.set_length(video.duration_s)
        controls.seek_bar.setValue(0)
        controls.time_label.setText("0:00")
        subtitles = self._subtitles_of(video)
        self._subtitles_expected = subtitles is not None
        self.subtitles_button.setVisible(self._subtitles_expected)
        self.subtitles_button.setEnabled(False)
        self._check_subtitles_quietly()  # each film starts with its subtitles
        path = self._path_of(video)
        self.player.set_stand_in(self._poster_of(path))
        self.player.play(path, subtitles, expected_s=video.duration_s)
        self._next = self._following_vignette(video)
        controls.next_button.setVisible(self._next is not None)
        self.prepare_timer.start()

    def _poster_of(self, path: Path) -> QPixmap | None:
        """The poster the list showed (handed over), else the one cached on disk, else None:
        it stands in the video area until the film's first picture is drawn."""
        handed = take_poster(path)
        if handed is not None:
            return handed
        try:
            cached = poster_cache_path(self.context.root.cache_dir, path)
        except OSError:
            return None
        if not cached.is_file():
            return None
        pixmap = QPixmap(str(cached))
        return None if pixmap.isNull() else pixmap

    def _following_vignette(self, video: VideoView) -> VideoView | None:
        if video.is_aftermovie:
            return None
        vignettes = [v for v in self.videos if not v.is_aftermovie]
        if len(vignettes) < 2 or video not in vignettes:
            return None
        return vignettes[(vignettes.index(video) + 1) % len(vignettes)]

    def _prepare_next(self) -> None:
        if self.player is not None and self._next is not None and self.isVisible():
            self.player.prepare_next(self._path_of(self._next), self._subtitles_of(self._next))

    def _play_next(self) -> None:
        if self.player is None or self._next is None:
            return
        upcoming = self._next
        if self.player.prepared_path == self._path_of(upcoming) and self.player.play_prepared():
            return
        self.video = upcoming
        self._show_texts()
        self._start(upcoming)

    def _on_clip_changed(self, path: str) -> None:
        if self._next is not None and self._path_of(self._next) == Path(path):
            self.video = self._next
            self._show_texts()
            controls = self._controls()
            controls.set_length(self.video.duration_s)
            self._next = self._following_vignette(self.video)
            controls.next_button.setVisible(self._next is not None)
            self.prepare_timer.start()

    def _show_texts(self) -> None:
        if self.controls is None:
            return
        video = self.video
        language = self.context.languages.language
        self.title_label.setText(french_spacing(video.localized_title(language)) if video else "")
        self.controls.map_button.setVisible(bool(video and video.place_slug))

    # -- controls ----------------------------------------------------------------------------

    def controls_visible(self) -> bool:
        return self.controls is not None and self.controls.visible()

    def show_controls(self) -> None:
        if self.controls is not None:
            self.controls.show()

    def hide_controls(self) -> None:
        if self.controls is not None:
            self.controls.hide()

    def toggle_controls(self) -> None:
        if self.controls is not None:
            self.controls.toggle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.player and event.type() == QEvent.Type.Resize and self.controls:
            self.controls.place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.error_page.fit(self.width())

    def _on_started(self) -> None:
        assert self.player is not None
        controls = self._controls()
        # The first picture is on screen: the visitor sees the controls from now on.
        if controls.visible():
            controls.show()
            QTimer.singleShot(REVEAL_RAISE_MS, controls.raise_bands)
        self._update_subtitles_button()
        self.subtitles_button.setChecked(self.player.subtitles_enabled())
        duration = self.player.duration()
        if duration > 0:
            controls.set_length(duration)

    def _update_subtitles_button(self) -> None:
        """Shown only for a clip that has a subtitle track (or a subtitle file still loading)."""
        assert self.player is not None
        found = self.player.has_subtitles()
        self.subtitles_button.setEnabled(found)
        self.subtitles_button.setVisible(found or self._subtitles_expected)

    def _on_position(self, seconds: float, duration: float) -> None:
        controls = self._controls()
        if seconds < SUBTITLE_WATCH_S and not self.subtitles_button.isEnabled():
            self._update_subtitles_button()
        if duration > 0 and controls.seek_bar.maximum() != round(duration * 1000):
            controls.set_length(duration)
        controls.set_position(seconds)

    def _on_playing_changed(self, playing: bool) -> None:
        if self.controls is not None:
            self.controls.show_playing(playing)
        self.playing_changed.emit(playing)

    def _on_error(self, reason: str) -> None:
        log.warning("player: %s (%s)", self.video.path if self.video else "?", reason)
        self._error_reason = reason
        self.retranslate()
        self._show_error()

    def _show_error(self) -> None:
        self.prepare_timer.stop()
        self.hide_controls()
        self.error_page.fit(self.width())
        self.stack.setCurrentWidget(self.error_page)
        self.error_timer.start()

    # -- leaving -----------------------------------------------------------------------------
    def _open_map(self) -> None:
        if self.video is not None and self.video.place_slug:
            self.navigate.emit(Route.MAP, self.video.place_slug)

    def _leave(self) -> None:
        """Back to where the visitor came from (the list when the player was opened first)."""
        if not self.isVisible():
            return
        if self.player is not None:
            self.player.stop()
        window = self.window()
        history = getattr(window, "history", None)
        go_back = getattr(window, "go_back", None)
        if callable(go_back) and isinstance(history, list) and len(history) > 1:
            if self._return_place is not None:
                self._return_to_sheet(history)
            go_back()
        elif self._return_place is not None:
            self.navigate.emit(Route.MAP, self._return_place)
        else:
            self.navigate.emit(Route.VIDEOS, "")

    def _return_to_sheet(self, history: list[object]) -> None:
        """Opened from a place's sheet: the map route before the player opens that sheet again
        (the map's route had no argument: the sheet was opened inside the screen)."""
        before = history[-2]
        if getattr(before, "name", None) == Route.MAP and dataclasses.is_dataclass(before):
            history[-2] = dataclasses.replace(before, argument=self._return_place)  # type: ignore[type-var]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.trim_timer.stop()  # another film at once: trim after that one
        # Full screen: the window's top bar is hidden while a film is shown.
        bar = self.window().findChild(QWidget, "TopBar")
        if bar is not None and bar.isVisible():
            bar.hide()
            self._hidden_bar = bar
        QTimer.singleShot(0, self._place_and_raise_bands)

    def _place_and_raise_bands(self) -> None:
        if self.controls is not None:
            self.controls.place()
            self.controls.raise_bands()

    def hideEvent(self, event: QHideEvent) -> None:
        self.prepare_timer.stop()
        if self.controls is not None:
            self.controls.hide_timer.stop()
        self.error_timer.stop()
        if self.player is not None:
            self.player.stop()
            # The clip's decoder threads are gone: give back what they freed (their arenas
            # otherwise grow by a few MB a film), once the next screen has been drawn.
            self.trim_timer.start()
        if self._hidden_bar is not None:
            self._hidden_bar.show()
            self._hidden_bar = None
        super().hideEvent(event)
