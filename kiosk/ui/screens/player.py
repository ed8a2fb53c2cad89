"""The full-screen player (route ``player``, argument: the media id, or a path in the content root).

The video is a native window drawn by libvlc, which X11 stacks above anything Qt paints in the
window. The controls are therefore native windows too (two opaque bands, top and bottom),
children of the player raised above the video surfaces; a tap on the video shows them, they hide
again after a few seconds of play. A file that cannot be played shows a friendly card and the
visitor is taken back; at the end of the film too.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedLayout,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import catalogue_views
from kiosk.library import settings as kiosk_settings
from kiosk.library.catalogue_views import VideoView
from kiosk.library.subtitles import subtitles_for
from kiosk.playback.memory import release_free_memory
from kiosk.playback.posters import poster_cache_path
from kiosk.playback.video.deck import ErrorReason, PlayerState
from kiosk.playback.video.instance import (
    SubtitleStyle,
    VideoUnavailableError,
    set_subtitle_style,
)
from kiosk.playback.video.player import VideoPlayer
from kiosk.ui import icons
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.place_sheet import split_player_argument
from kiosk.ui.screens.video_cards import take_poster
from kiosk.ui.screens.videos import ROUTE_PLAYER as ROUTE_PLAYER
from kiosk.ui.screens.videos import format_duration
from kiosk.ui.theme import (
    CHARCOAL,
    HEDGE,
    HEDGE_DARK,
    OCHRE,
    TERRACOTTA,
    WARM,
    WHITE,
    Metrics,
    Palette,
)
from kiosk.ui.widgets import IconButton, named, plain_label

log = logging.getLogger(__name__)

ROUTE_MAP = "map"
ROUTE_VIDEOS = "videos"
CONTROLS_HIDE_MS = 5000
ERROR_BACK_MS = 6000
PREPARE_NEXT_DELAY_MS = 1500  # let the current clip start before decoding the next one
TRIM_AFTER_CLOSE_MS = 500  # after the screen that replaced the film has been painted
SKIP_S = 10.0
# The controls are raised again this long after the first picture: X may map libvlc's window
# after the "started" event, and a band raised before that would stay hidden under the video.
REVEAL_RAISE_MS = 250
# A tap this soon after the controls appeared shows them (the visitor may not have seen them yet).
FRESH_CONTROLS_S = 1.0
SUBTITLE_WATCH_S = 3.0  # a sidecar subtitle track can appear a moment after the first picture
# The bottom band's height at 1080p, landscape (seek row and transport row with their margins):
# subtitles are drawn this far (plus a gap) above the bottom of the picture, so the band never
# covers them. In portrait the picture sits between the bands and needs no margin.
BOTTOM_BAND_PX = 216
SUBTITLE_GAP_PX = 20
DEFAULT_VOLUME = 80


def subtitle_style_for(context: UiContext) -> SubtitleStyle:
    """Subtitles readable from a metre and clear of the controls, for this kiosk's screen."""
    px = context.metrics.px
    if context.portrait:
        return SubtitleStyle(margin_px=px(SUBTITLE_GAP_PX), relative_size=11)
    return SubtitleStyle(margin_px=px(BOTTOM_BAND_PX + SUBTITLE_GAP_PX), relative_size=15)


def configure_subtitles(context: UiContext) -> bool:
    """Give the process's libvlc instance the kiosk's subtitle style; call it before the first
    VideoPlayer is made (the player screen does; a screen that makes one earlier calls it too).
    False when the instance existed already with another style."""
    done = set_subtitle_style(subtitle_style_for(context))
    if not done:
        log.warning("libvlc started before the player screen: subtitles keep their margin")
    return done


class TouchSlider(QSlider):
    """A horizontal slider a finger can use: a tap jumps to the spot, then drags from there."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
            )
            value = QStyle.sliderValueFromPosition(
                self.minimum(),
                self.maximum(),
                round(event.position().x()) - groove.x(),
                max(1, groove.width()),
            )
            self.setValue(value)
        super().mousePressEvent(event)


class ControlsBand(QFrame):
    """An opaque band in its own native window, so that X11 stacks it above the video."""

    touched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ControlsBand")
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def watch(self, widget: QObject) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self.touched.emit()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.touched.emit()
        super().mousePressEvent(event)


def colours(palette: Palette) -> dict[str, str]:
    """The player's colours: the warm charcoal bands, or black and yellow in high contrast."""
    if palette == WARM:
        return {
            "band": CHARCOAL,
            "band_text": WHITE,
            "button": HEDGE_DARK,
            "button_text": WHITE,
            "button_pressed": HEDGE,
            "checked": OCHRE,
            "checked_text": CHARCOAL,
            "disabled": "#45433E",
            "disabled_text": "#C9C3B6",
            "main": TERRACOTTA,
            "main_text": WHITE,
            "map": OCHRE,
            "map_text": CHARCOAL,
            "groove": "#6A655C",
            "progress": OCHRE,
            "page": palette.background,
            "card": palette.paper,
            "error_title": TERRACOTTA,
            "error_text": palette.text,
        }
    return {
        "band": palette.bar,
        "band_text": palette.bar_text,
        "button": palette.bar_button,
        "button_text": palette.bar_text,
        "button_pressed": palette.paper,
        "checked": palette.accent,
        "checked_text": palette.bar,
        "disabled": palette.bar_button,
        "disabled_text": "#B8B8B8",
        "main": palette.accent,
        "main_text": palette.bar,
        "map": palette.accent,
        "map_text": palette.bar,
        "groove": "#5A5A5A",
        "progress": palette.accent,
        "page": palette.background,
        "card": palette.paper,
        "error_title": palette.accent,
        "error_text": palette.text,
    }


def text_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Each text of the player and the colour behind it (checked for contrast in the tests)."""
    c = colours(palette)
    return {
        "PlayerTitle": (c["band_text"], c["band"]),
        "PlayerTime": (c["band_text"], c["band"]),
        "PlayerButton": (c["button_text"], c["button"]),
        "PlayerButton:checked": (c["checked_text"], c["checked"]),
        "PlayerMap": (c["map_text"], c["map"]),
        "ErrorTitle": (c["error_title"], c["card"]),
        "ErrorText": (c["error_text"], c["card"]),
    }


def _style(metrics: Metrics, palette: Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    return f"""
QFrame#ControlsBand {{ background: {c["band"]}; }}
QLabel#PlayerTitle {{ color: {c["band_text"]}; font-size: {font(32)}px; font-weight: 700; }}
QLabel#PlayerTime {{ color: {c["band_text"]}; font-size: {font(28)}px; font-weight: 600; }}
QPushButton#PlayerButton {{
    color: {c["button_text"]}; background: {c["button"]}; border: none;
    border-radius: {px(18)}px; padding: 0 {px(24)}px; min-height: {px(84)}px;
    min-width: {px(84)}px; font-size: {font(26)}px; font-weight: 600;
}}
QPushButton#PlayerButton:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#PlayerButton:checked {{ background: {c["checked"]}; color: {c["checked_text"]}; }}
QPushButton#PlayerButton:disabled {{
    background: {c["disabled"]}; color: {c["disabled_text"]};
}}
QPushButton#PlayerMain {{
    color: {c["main_text"]}; background: {c["main"]}; border: none; border-radius: {px(48)}px;
    min-height: {px(96)}px; min-width: {px(96)}px;
}}
QPushButton#PlayerMain:pressed {{ background: {c["button_pressed"]}; }}
QPushButton#PlayerMap {{
    color: {c["map_text"]}; background: {c["map"]}; border: none; border-radius: {px(18)}px;
    padding: 0 {px(26)}px; min-height: {px(84)}px; font-size: {font(26)}px; font-weight: 700;
}}
QSlider#SeekBar::groove:horizontal, QSlider#VolumeBar::groove:horizontal {{
    height: {px(14)}px; background: {c["groove"]}; border-radius: {px(7)}px;
}}
QSlider#SeekBar::sub-page:horizontal, QSlider#VolumeBar::sub-page:horizontal {{
    background: {c["progress"]}; border-radius: {px(7)}px;
}}
QSlider#SeekBar::handle:horizontal, QSlider#VolumeBar::handle:horizontal {{
    background: {c["band_text"]}; width: {px(52)}px; height: {px(52)}px;
    margin: -{px(19)}px 0; border-radius: {px(26)}px;
}}
QSlider#SeekBar, QSlider#VolumeBar {{ min-height: {px(80)}px; }}
QFrame#ErrorCard {{ background: {c["card"]}; border-radius: {px(28)}px; }}
QLabel#ErrorTitle {{ font-size: {font(44)}px; font-weight: 700; color: {c["error_title"]}; }}
QLabel#ErrorText {{ font-size: {font(28)}px; color: {c["error_text"]}; }}
QWidget#ErrorPage {{ background: {c["page"]}; }}
"""


class PlayerScreen(Screen):
    """Full screen video with large controls; ``playing_changed`` follows the player."""

    playing_changed = Signal(bool)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.video: VideoView | None = None
        self._icons: dict[QPushButton, tuple[str, str]] = {}  # button: (icon, colour role)
        self._controls_shown_at = 0.0
        self._subtitles_expected = False
        self.videos: list[VideoView] = []
        self._next: VideoView | None = None
        self._hidden_bar: QWidget | None = None
        self._return_place: str | None = None  # opened from this place's sheet
        self._error_reason = ""
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.player: VideoPlayer | None = None
        try:
            configure_subtitles(context)
            self.player = VideoPlayer()
        except VideoUnavailableError:
            log.exception("no video player: libvlc could not start")
        self.player_page = self.player if self.player is not None else QWidget()
        self.stack.addWidget(self.player_page)
        self._build_error_page()
        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(CONTROLS_HIDE_MS)
        self.hide_timer.timeout.connect(self._auto_hide_controls)
        self.error_timer = QTimer(self)
        self.error_timer.setSingleShot(True)
        self.error_timer.setInterval(ERROR_BACK_MS)
        self.error_timer.timeout.connect(self._leave)
        self.prepare_timer = QTimer(self)
        self.prepare_timer.setSingleShot(True)
        self.prepare_timer.setInterval(PREPARE_NEXT_DELAY_MS)
        self.prepare_timer.timeout.connect(self._prepare_next)
        self.trim_timer = QTimer(self)
        self.trim_timer.setSingleShot(True)
        self.trim_timer.setInterval(TRIM_AFTER_CLOSE_MS)
        self.trim_timer.timeout.connect(release_free_memory)
        if self.player is not None:
            self._build_controls(self.player)
            player = self.player
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
        if context.appearance is not None:
            context.appearance.changed.connect(self._apply_appearance)
        self._apply_appearance()
        self.retranslate()

    # -- building ----------------------------------------------------------------------------

    def _palette(self) -> Palette:
        appearance = self.context.appearance
        return appearance.palette if appearance is not None else WARM

    def _button(self, icon: str, object_name: str = "PlayerButton") -> QPushButton:
        role = {"PlayerMap": "map_text", "PlayerMain": "main_text"}.get(object_name, "button_text")
        colour = colours(self._palette())[role]
        button = IconButton(
            icon, "", self.context.metrics, object_name=object_name, icon_colour=colour
        )
        self._icons[button] = (icon, role)
        return button

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        palette = self._palette()
        self.setStyleSheet(_style(self.context.metrics, palette))
        self._fit_error_card()
        scheme = colours(palette)
        for button, (icon, role) in self._icons.items():
            button.setIcon(icons.icon(icon, color=scheme[role]))
        self.error_icon.setPixmap(
            icons.icon("mdi6.movie-off-outline", color=scheme["error_title"]).pixmap(
                self.context.metrics.px(110), self.context.metrics.px(110)
            )
        )
        if self.player is not None:
            size = self.context.metrics.icon
            self.volume_icon.setPixmap(
                icons.icon("mdi6.volume-high", color=scheme["band_text"]).pixmap(size)
            )
            self._place_bands()

    def _build_controls(self, player: VideoPlayer) -> None:
        px = self.context.metrics.px
        self.top_band = ControlsBand(player)
        top = QHBoxLayout(self.top_band)
        top.setContentsMargins(px(24), px(14), px(24), px(14))
        top.setSpacing(px(20))
        self.close_button = self._button("mdi6.close")
        self.title_label = plain_label("PlayerTitle", wrap=True)
        self.map_button = self._button("mdi6.map-marker-radius", "PlayerMap")
        top.addWidget(self.close_button)
        top.addWidget(self.title_label, stretch=1)
        top.addWidget(self.map_button)

        self.bottom_band = ControlsBand(player)
        bottom = QVBoxLayout(self.bottom_band)
        bottom.setContentsMargins(px(32), px(12), px(32), px(20))
        bottom.setSpacing(px(8))
        seek_row = QHBoxLayout()
        seek_row.setSpacing(px(20))
        self.time_label = named(QLabel("0:00"), "PlayerTime")
        self.length_label = named(QLabel("0:00"), "PlayerTime")
        self.seek_bar = named(TouchSlider(Qt.Orientation.Horizontal), "SeekBar")
        self.seek_bar.setRange(0, 0)
        seek_row.addWidget(self.time_label)
        seek_row.addWidget(self.seek_bar, stretch=1)
        seek_row.addWidget(self.length_label)
        bottom.addLayout(seek_row)

        self.back_button = self._button("mdi6.rewind-10")
        self.play_button = self._button("mdi6.pause", "PlayerMain")
        self.play_button.setIconSize(self.context.metrics.icon * 1.4)
        self.forward_button = self._button("mdi6.fast-forward-10")
        self.volume_icon = QLabel()
        self.volume_bar = named(TouchSlider(Qt.Orientation.Horizontal), "VolumeBar")
        self.volume_bar.setRange(0, 100)
        self.volume_bar.setValue(player.volume())
        self.volume_bar.setFixedWidth(px(240))
        self.subtitles_button = self._button("mdi6.subtitles-outline")
        self.subtitles_button.setCheckable(True)
        self.subtitles_button.setChecked(True)
        self.next_button = self._button("mdi6.skip-next")

        transport = QHBoxLayout()
        transport.setSpacing(px(20))
        transport.addWidget(self.back_button)
        transport.addWidget(self.play_button)
        transport.addWidget(self.forward_button)
        extras = QHBoxLayout()
        extras.setSpacing(px(20))
        extras.addWidget(self.volume_icon)
        extras.addWidget(self.volume_bar)
        extras.addWidget(self.subtitles_button)
        extras.addWidget(self.next_button)
        if self.context.portrait:
            row = QHBoxLayout()
            row.addStretch(1)
            row.addLayout(transport)
            row.addStretch(1)
            bottom.addLayout(row)
            row2 = QHBoxLayout()
            row2.addStretch(1)
            row2.addLayout(extras)
            row2.addStretch(1)
            bottom.addLayout(row2)
        else:
            row = QHBoxLayout()
            row.addLayout(transport)
            row.addStretch(1)
            row.addLayout(extras)
            bottom.addLayout(row)

        for band in (self.top_band, self.bottom_band):
            band.touched.connect(self._restart_hide_timer)
            for child in band.findChildren(QWidget):
                band.watch(child)
        self.close_button.clicked.connect(self._leave)
        self.map_button.clicked.connect(self._open_map)
        self.play_button.clicked.connect(player.toggle_pause)
        self.back_button.clicked.connect(lambda: player.skip(-SKIP_S))
        self.forward_button.clicked.connect(lambda: player.skip(SKIP_S))
        self.volume_bar.valueChanged.connect(player.set_volume)
        self.subtitles_button.toggled.connect(player.set_subtitles_enabled)
        self.next_button.clicked.connect(self._play_next)
        self.seek_bar.sliderMoved.connect(self._on_seek_moved)
        self.seek_bar.sliderReleased.connect(self._on_seek_released)
        self.seek_bar.sliderPressed.connect(self._on_seek_moved)

    def _build_error_page(self) -> None:
        px = self.context.metrics.px
        page = named(QWidget(), "ErrorPage")
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        card = named(QFrame(), "ErrorCard")
        self.error_card = card
        layout = QVBoxLayout(card)
        layout.setContentsMargins(px(56), px(48), px(56), px(48))
        layout.setSpacing(px(24))
        icon = QLabel()
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_icon = icon
        self.error_title = plain_label("ErrorTitle", wrap=True)
        self.error_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_text = plain_label("ErrorText", wrap=True)
        self.error_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_back = IconButton("mdi6.arrow-left", "", self.context.metrics)
        layout.addWidget(icon)
        layout.addWidget(self.error_title)
        layout.addWidget(self.error_text)
        layout.addWidget(self.error_back, alignment=Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(card, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.error_back.clicked.connect(self._leave)
        self.error_page = page
        self.stack.addWidget(page)

    def _fit_error_card(self) -> None:
        """The card's size from its texts at its width: a layout gives an aligned widget its
        size hint, which a wrapped title does not give right (the title was clipped)."""
        width = min(
            self.context.metrics.px(980), max(1, self.width() - self.context.metrics.px(64))
        )
        layout = self.error_card.layout()
        for widget in (self.error_card, *self.error_card.findChildren(QWidget)):
            widget.ensurePolished()  # the style sheet's font sizes count
        self.error_card.setFixedWidth(width)
        if layout is None:
            return
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        shown = [
            widget
            for widget in (self.error_icon, self.error_title, self.error_text, self.error_back)
            if not widget.isHidden()
        ]
        heights = [
            widget.heightForWidth(inner)
            if widget.hasHeightForWidth()
            else widget.sizeHint().height()
            for widget in shown
        ]
        height = sum(heights) + layout.spacing() * (len(heights) - 1)
        self.error_card.setFixedHeight(margins.top() + height + margins.bottom())

    # -- Screen ------------------------------------------------------------------------------

    def title(self) -> str:
        if self.video is not None:
            return self.video.localized_title(self.context.languages.language)
        return self.tr("Vidéo")

    def retranslate(self) -> None:
        if self._error_reason == ErrorReason.INCOMPLETE.value:
            self.error_title.setText(self.tr("Cette vidéo n'a pas pu être lue jusqu'au bout"))
            self.error_text.setText(
                self.tr("Le fichier s'arrête avant la fin. Retour dans un instant.")
            )
        else:
            self.error_title.setText(self.tr("Cette vidéo ne peut pas être lue"))
            self.error_text.setText(
                self.tr("Le fichier est absent ou abîmé. Retour dans un instant.")
            )
        self.error_back.setText(self.tr("Retour"))
        self._fit_error_card()
        if self.player is None:
            return
        self.close_button.setText(self.tr("Fermer"))
        self.map_button.setText(self.tr("Voir ce lieu sur la carte"))
        self.subtitles_button.setText(self.tr("Sous-titres"))
        self.next_button.setText(self.tr("Vignette suivante"))
        self.back_button.setAccessibleName(self.tr("Reculer de 10 secondes"))
        self.forward_button.setAccessibleName(self.tr("Avancer de 10 secondes"))
        self.play_button.setAccessibleName(self.tr("Lecture ou pause"))
        self.volume_bar.setAccessibleName(self.tr("Volume"))
        self.seek_bar.setAccessibleName(self.tr("Position dans la vidéo"))
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
        if self.player is None:
            return
        volume = self.machine_volume()
        self.player.set_volume(volume)
        self.volume_bar.blockSignals(True)
        self.volume_bar.setValue(volume)
        self.volume_bar.blockSignals(False)
        self.player.set_subtitles_enabled(True)
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
        self.seek_bar.setRange(0, max(0, round(video.duration_s * 1000)))
        self.seek_bar.setValue(0)
        self.time_label.setText("0:00")
        self.length_label.setText(format_duration(video.duration_s))
        subtitles = self._subtitles_of(video)
        self._subtitles_expected = subtitles is not None
        self.subtitles_button.setVisible(self._subtitles_expected)
        self.subtitles_button.setEnabled(False)
        self.subtitles_button.blockSignals(True)
        self.subtitles_button.setChecked(True)  # each film starts with its subtitles
        self.subtitles_button.blockSignals(False)
        path = self._path_of(video)
        self.player.set_stand_in(self._poster_of(path))
        self.player.play(path, subtitles, expected_s=video.duration_s)
        self._next = self._following_vignette(video)
        self.next_button.setVisible(self._next is not None)
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
            self.seek_bar.setRange(0, max(0, round(self.video.duration_s * 1000)))
            self.length_label.setText(format_duration(self.video.duration_s))
            self._next = self._following_vignette(self.video)
            self.next_button.setVisible(self._next is not None)
            self.prepare_timer.start()

    def _show_texts(self) -> None:
        if self.player is None:
            return
        video = self.video
        language = self.context.languages.language
        self.title_label.setText(video.localized_title(language) if video else "")
        self.map_button.setVisible(bool(video and video.place_slug))

    # -- controls ----------------------------------------------------------------------------

    def controls_visible(self) -> bool:
        return self.player is not None and self.bottom_band.isVisible()

    def show_controls(self) -> None:
        if self.player is None:
            return
        self._place_bands()
        self.top_band.show()
        self.bottom_band.show()
        self._raise_bands()
        self._controls_shown_at = time.monotonic()
        self._restart_hide_timer()

    def _raise_bands(self) -> None:
        """Put the bands back on top of the video surfaces and paint them again.

        A band shown while the screen is still hidden (show_route comes before the screen is
        made current) is stacked under the surface the player raises when the clip starts, so
        this runs again once the screen is shown and once the first picture is there."""
        if self.player is None or not self.bottom_band.isVisible():
            return
        for band in (self.top_band, self.bottom_band):
            band.raise_()
            band.update()

    def hide_controls(self) -> None:
        if self.player is None:
            return
        self.hide_timer.stop()
        self.top_band.hide()
        self.bottom_band.hide()

    def toggle_controls(self) -> None:
        """A tap on the video. Controls that appeared less than a second ago may not have been
        seen yet (the picture was still coming): the tap shows them rather than hides them."""
        fresh = time.monotonic() - self._controls_shown_at < FRESH_CONTROLS_S
        if self.controls_visible() and not fresh:
            self.hide_controls()
        else:
            self.show_controls()

    def _restart_hide_timer(self) -> None:
        self.hide_timer.start()

    def _auto_hide_controls(self) -> None:
        playing = self.player is not None and self.player.state is PlayerState.PLAYING
        if playing and not self.seek_bar.isSliderDown():
            self.hide_controls()
            return
        self.hide_timer.start()

    def _place_bands(self) -> None:
        if self.player is None:
            return
        width = self.player.width()
        top_height = self.top_band.sizeHint().height()
        bottom_height = self.bottom_band.sizeHint().height()
        self.top_band.setGeometry(0, 0, width, top_height)
        self.bottom_band.setGeometry(0, self.player.height() - bottom_height, width, bottom_height)
        if self.context.portrait:
            # Room enough: the picture between the bands, its subtitles above the bottom one.
            self.player.set_video_margins(top_height, bottom_height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.player and event.type() == QEvent.Type.Resize:
            self._place_bands()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_error_card()

    def _on_started(self) -> None:
        assert self.player is not None
        # The first picture is on screen: the visitor sees the controls from now on.
        if self.controls_visible():
            self.show_controls()
            QTimer.singleShot(REVEAL_RAISE_MS, self._raise_bands)
        self._update_subtitles_button()
        self.subtitles_button.setChecked(self.player.subtitles_enabled())
        duration = self.player.duration()
        if duration > 0:
            self.seek_bar.setRange(0, round(duration * 1000))
            self.length_label.setText(format_duration(duration))

    def _update_subtitles_button(self) -> None:
        """Shown only for a clip that has a subtitle track (or a subtitle file still loading)."""
        assert self.player is not None
        found = self.player.has_subtitles()
        self.subtitles_button.setEnabled(found)
        self.subtitles_button.setVisible(found or self._subtitles_expected)

    def _on_position(self, seconds: float, duration: float) -> None:
        if seconds < SUBTITLE_WATCH_S and not self.subtitles_button.isEnabled():
            self._update_subtitles_button()
        if duration > 0 and self.seek_bar.maximum() != round(duration * 1000):
            self.seek_bar.setRange(0, round(duration * 1000))
            self.length_label.setText(format_duration(duration))
        if not self.seek_bar.isSliderDown():
            self.seek_bar.setValue(round(seconds * 1000))
            self.time_label.setText(format_duration(seconds))

    def _on_seek_moved(self, value: int | None = None) -> None:
        shown = self.seek_bar.value() if value is None else value
        self.time_label.setText(format_duration(shown / 1000))
        self._restart_hide_timer()

    def _on_seek_released(self) -> None:
        if self.player is not None:
            self.player.seek(self.seek_bar.value() / 1000)
        self._restart_hide_timer()

    def _on_playing_changed(self, playing: bool) -> None:
        icon = "mdi6.pause" if playing else "mdi6.play"
        self._icons[self.play_button] = (icon, "main_text")
        self.play_button.setIcon(icons.icon(icon, color=colours(self._palette())["main_text"]))
        if self.player is not None and self.player.state is PlayerState.PAUSED:
            self.show_controls()
            self.hide_timer.stop()
        self.playing_changed.emit(playing)

    def _on_error(self, reason: str) -> None:
        log.warning("player: %s (%s)", self.video.path if self.video else "?", reason)
        self._error_reason = reason
        self.retranslate()
        self._show_error()

    def _show_error(self) -> None:
        self.prepare_timer.stop()
        if self.player is not None:
            self.hide_controls()
        self._fit_error_card()
        self.stack.setCurrentWidget(self.error_page)
        self.error_timer.start()

    # -- leaving -----------------------------------------------------------------------------

    def _open_map(self) -> None:
        if self.video is not None and self.video.place_slug:
            self.navigate.emit(ROUTE_MAP, self.video.place_slug)

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
            self.navigate.emit(ROUTE_MAP, self._return_place)
        else:
            self.navigate.emit(ROUTE_VIDEOS, "")

    def _return_to_sheet(self, history: list[object]) -> None:
        """Opened from a place's sheet: the map route before the player opens that sheet again
        (the map's route had no argument: the sheet was opened inside the screen)."""
        before = history[-2]
        if getattr(before, "name", None) == ROUTE_MAP and dataclasses.is_dataclass(before):
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
        self._place_bands()
        self._raise_bands()

    def hideEvent(self, event: QHideEvent) -> None:
        self.prepare_timer.stop()
        self.hide_timer.stop()
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
