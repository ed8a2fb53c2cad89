"""The player's controls: two opaque native bands above the video, sliders a finger can use."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from kiosk.kit import icons
from kiosk.kit.context import UiContext
from kiosk.kit.widgets import IconButton, named, plain_label
from kiosk.playback.video.deck import PlayerState
from kiosk.playback.video.player import VideoPlayer
from kiosk.ui.screens.videos.list_model import format_duration
from kiosk.ui.screens.videos.player_style import colours

CONTROLS_HIDE_MS = 5000
SKIP_S = 10.0
# A tap this soon after the controls appeared shows them (the visitor may not have seen them yet).
FRESH_CONTROLS_S = 1.0


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


class PlayerControls(QObject):
    """The two bands over the player (close, title, map; seek, transport, volume, subtitles,
    next), shown by a tap on the video and hidden after a few seconds of play."""

    def __init__(self, player: VideoPlayer, context: UiContext) -> None:
        super().__init__(player)
        self.player = player
        self.context = context
        self._icons: dict[QPushButton, tuple[str, str]] = {}  # button: (icon, colour role)
        self._shown_at = 0.0
        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(CONTROLS_HIDE_MS)
        self.hide_timer.timeout.connect(self._auto_hide)
        self._build_top()
        self._build_bottom()
        for band in (self.top_band, self.bottom_band):
            band.touched.connect(self.restart_hide_timer)
            for child in band.findChildren(QWidget):
                band.watch(child)
        self.play_button.clicked.connect(player.toggle_pause)
        self.back_button.clicked.connect(lambda: player.skip(-SKIP_S))
        self.forward_button.clicked.connect(lambda: player.skip(SKIP_S))
        self.volume_bar.valueChanged.connect(player.set_volume)
        self.subtitles_button.toggled.connect(player.set_subtitles_enabled)
        self.seek_bar.sliderMoved.connect(self._on_seek_moved)
        self.seek_bar.sliderReleased.connect(self._on_seek_released)
        self.seek_bar.sliderPressed.connect(self._on_seek_moved)

    # -- building ----------------------------------------------------------------------------

    def _button(self, icon: str, object_name: str = "PlayerButton") -> QPushButton:
        role = {"PlayerMap": "map_text", "PlayerMain": "main_text"}.get(object_name, "button_text")
        colour = colours(self.context.palette)[role]
        button = IconButton(
            icon, "", self.context.metrics, object_name=object_name, icon_colour=colour
        )
        self._icons[button] = (icon, role)
        return button

    def _build_top(self) -> None:
        px = self.context.metrics.px
        self.top_band = ControlsBand(self.player)
        top = QHBoxLayout(self.top_band)
        top.setContentsMargins(px(24), px(14), px(24), px(14))
        top.setSpacing(px(20))
        self.close_button = self._button("mdi6.close")
        self.title_label = plain_label("PlayerTitle", wrap=True)
        self.map_button = self._button("mdi6.map-marker-radius", "PlayerMap")
        top.addWidget(self.close_button)
        top.addWidget(self.title_label, stretch=1)
        top.addWidget(self.map_button)

    def _build_bottom(self) -> None:
        px = self.context.metrics.px
        self.bottom_band = ControlsBand(self.player)
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
        self.volume_bar.setValue(self.player.volume())
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
            for part in (transport, extras):
                row = QHBoxLayout()
                row.addStretch(1)
                row.addLayout(part)
                row.addStretch(1)
                bottom.addLayout(row)
        else:
            row = QHBoxLayout()
            row.addLayout(transport)
            row.addStretch(1)
            row.addLayout(extras)
            bottom.addLayout(row)

    def apply_colours(self, scheme: dict[str, str]) -> None:
        for button, (icon, role) in self._icons.items():
            button.setIcon(icons.icon(icon, color=scheme[role]))
        size = self.context.metrics.icon
        self.volume_icon.setPixmap(
            icons.icon("mdi6.volume-high", color=scheme["band_text"]).pixmap(size)
        )
        self.place()

    def retranslate(self) -> None:
        # The screen's translation context: the texts were the player screen's own.
        self.close_button.setText(QCoreApplication.translate("PlayerScreen", "Fermer"))
        self.map_button.setText(QCoreApplication.translate("PlayerScreen", "Voir ce lieu"))
        self.subtitles_button.setText(QCoreApplication.translate("PlayerScreen", "Sous-titres"))
        self.next_button.setText(QCoreApplication.translate("PlayerScreen", "Vignette suivante"))
        self.back_button.setAccessibleName(
            QCoreApplication.translate("PlayerScreen", "Reculer de 10 secondes")
        )
        self.forward_button.setAccessibleName(
            QCoreApplication.translate("PlayerScreen", "Avancer de 10 secondes")
        )
        self.play_button.setAccessibleName(
            QCoreApplication.translate("PlayerScreen", "Lecture ou pause")
        )
        self.volume_bar.setAccessibleName(QCoreApplication.translate("PlayerScreen", "Volume"))
        self.seek_bar.setAccessibleName(
            QCoreApplication.translate("PlayerScreen", "Position dans la vidéo")
        )

    # -- the clip's time -----------------------------------------------------------------

    def set_length(self, seconds: float) -> None:
        self.seek_bar.setRange(0, max(0, round(seconds * 1000)))
        self.length_label.setText(format_duration(seconds))

    def set_position(self, seconds: float) -> None:
        if not self.seek_bar.isSliderDown():
            self.seek_bar.setValue(round(seconds * 1000))
            self.time_label.setText(format_duration(seconds))

    def show_playing(self, playing: bool) -> None:
        icon = "mdi6.pause" if playing else "mdi6.play"
        self._icons[self.play_button] = (icon, "main_text")
        self.play_button.setIcon(icons.icon(icon, color=colours(self.context.palette)["main_text"]))
        if self.player.state is PlayerState.PAUSED:
            self.show()
            self.hide_timer.stop()

    def _on_seek_moved(self, value: int | None = None) -> None:
        shown = self.seek_bar.value() if value is None else value
        self.time_label.setText(format_duration(shown / 1000))
        self.restart_hide_timer()

    def _on_seek_released(self) -> None:
        self.player.seek(self.seek_bar.value() / 1000)
        self.restart_hide_timer()

    # -- showing and hiding --------------------------------------------------------------

    def visible(self) -> bool:
        return self.bottom_band.isVisible()

    def show(self) -> None:
        self.place()
        self.top_band.show()
        self.bottom_band.show()
        self.raise_bands()
        self._shown_at = time.monotonic()
        self.restart_hide_timer()

    def raise_bands(self) -> None:
        """Put the bands back on top of the video surfaces and paint them again.

        A band shown while the screen is still hidden (show_route comes before the screen is
        made current) is stacked under the surface the player raises when the clip starts, so
        this runs again once the screen is shown and once the first picture is there."""
        if not self.bottom_band.isVisible():
            return
        for band in (self.top_band, self.bottom_band):
            band.raise_()
            band.update()

    def hide(self) -> None:
        self.hide_timer.stop()
        self.top_band.hide()
        self.bottom_band.hide()

    def toggle(self) -> None:
        """A tap on the video. Controls that appeared less than a second ago may not have been
        seen yet (the picture was still coming): the tap shows them rather than hides them."""
        fresh = time.monotonic() - self._shown_at < FRESH_CONTROLS_S
        if self.visible() and not fresh:
            self.hide()
        else:
            self.show()

    def restart_hide_timer(self) -> None:
        self.hide_timer.start()

    def _auto_hide(self) -> None:
        playing = self.player.state is PlayerState.PLAYING
        if playing and not self.seek_bar.isSliderDown():
            self.hide()
            return
        self.hide_timer.start()

    def place(self) -> None:
        player = self.player
        width = player.width()
        top_height = self.top_band.sizeHint().height()
        bottom_height = self.bottom_band.sizeHint().height()
        self.top_band.setGeometry(0, 0, width, top_height)
        self.bottom_band.setGeometry(0, player.height() - bottom_height, width, bottom_height)
        if self.context.portrait:
            # Room enough: the picture between the bands, its subtitles above the bottom one.
            player.set_video_margins(top_height, bottom_height)
