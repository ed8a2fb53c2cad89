"""Vidéos: the aftermovie first and big, then one card per place vignette.

The list is model/view (issue #9: 2,000 vignettes took 1.0–1.5 s as one widget each): the
aftermovie is a real tile at the top of the scrolled page, the vignettes are rows of a
:class:`~kiosk.ui.screens.video_cards.VideoListModel` painted by a delegate, and their posters
(extracted with PyAV and cached under the content root's ``cache/posters``) are loaded by worker
threads only for the cards on screen. A tap opens the full-screen player (route ``player`` with
the media id).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.library import catalogue_views
from kiosk.library.catalogue_views import VideoView
from kiosk.ui import icons
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.video_cards import (
    PosterCache,
    VideoCardDelegate,
    VideoGridView,
    VideoListModel,
    duration_font,
    format_duration,
    hand_over_poster,
    paint_poster,
    place_line,
    play_pixmap,
)
from kiosk.ui.theme import (
    HEDGE_DARK,
    OCHRE,
    TERRACOTTA,
    WARM,
    WHITE,
    Metrics,
    Palette,
)
from kiosk.ui.widgets import named, plain_label

ROUTE_PLAYER = "player"
__all__ = ["ROUTE_PLAYER", "VideosScreen", "format_duration"]


class PosterView(QWidget):
    """A 16:9 poster with rounded corners, a play badge in the middle and the duration."""

    def __init__(self, duration: str, metrics: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self._play_icon = QPixmap()
        self._duration = duration
        self._metrics = metrics
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_poster(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def has_poster(self) -> bool:
        return not self._pixmap.isNull()

    def sizeHint(self) -> QSize:
        width = self._metrics.px(480)
        return QSize(width, width * 9 // 16)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        badge = round(min(self.width(), self.height()) * 0.24 * 0.6)
        if self._play_icon.width() != badge:
            self._play_icon = play_pixmap(badge)
        paint_poster(
            painter,
            self.rect(),
            self._pixmap,
            self._duration,
            self._metrics,
            duration_font(self.font(), self._metrics),
            self._play_icon,
        )
        painter.end()


class VideoTile(QFrame):
    """The aftermovie's tappable tile: the poster beside (above, in portrait) the texts."""

    activated = Signal(object)

    def __init__(self, video: VideoView, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VideoTile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.video = video
        self.context = context
        self._pressed = False
        px = context.metrics.px
        self.poster = PosterView(format_duration(video.duration_s), context.metrics)
        self.title_label = plain_label("VideoTitleBig", wrap=True)
        self.place_label = plain_label("VideoPlace", wrap=True)
        self.credit_label = plain_label("VideoCredit", wrap=True)
        # "Regarder le film": a label styled as a button (the whole tile is the touch target).
        self.action = named(QFrame(), "VideoAction")
        self.action.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        action_row = QHBoxLayout(self.action)
        action_row.setContentsMargins(px(26), px(14), px(30), px(14))
        action_row.setSpacing(px(12))
        self.action_icon = QLabel()
        self.action_label = plain_label("VideoActionText")
        action_row.addWidget(self.action_icon)
        action_row.addWidget(self.action_label)
        self.texts = texts = QVBoxLayout()
        texts.setSpacing(px(8))
        texts.addWidget(self.title_label)
        texts.addWidget(self.place_label)
        texts.addWidget(self.credit_label)
        texts.addSpacing(px(12))
        texts.addWidget(self.action, alignment=Qt.AlignmentFlag.AlignLeft)
        texts.addStretch(1)
        self.grid = layout = QGridLayout(self)
        layout.setContentsMargins(px(18), px(18), px(18), px(22))
        layout.setHorizontalSpacing(px(32))
        layout.setVerticalSpacing(px(14))
        if not context.portrait:
            self.poster.setFixedWidth(px(640))
            layout.addWidget(self.poster, 0, 0)
            layout.addLayout(texts, 0, 1)
            layout.setColumnStretch(1, 1)
        else:
            layout.addWidget(self.poster, 0, 0)
            layout.addLayout(texts, 1, 0)

    def retranslate(self) -> None:
        language = self.context.languages.language
        video = self.video
        title = video.localized_title(language)
        self.title_label.setText(title)
        self.place_label.setText(place_line(video, language))
        self.place_label.setVisible(bool(self.place_label.text()))
        self.credit_label.setText(video.localized_credit(language))
        self.credit_label.setVisible(bool(video.credit))
        self.action_label.setText(self.tr("Regarder le film"))
        self.setAccessibleName(video.localized_title(language))

    def _beside(self) -> bool:
        return self.poster.minimumWidth() == self.poster.maximumWidth()

    def _poster_height(self, width: int) -> int:
        """16:9: beside the texts the poster has a fixed width, above them the tile's."""
        if self._beside():
            return self.poster.minimumWidth() * 9 // 16
        margins = self.grid.contentsMargins()
        return max(1, (width - margins.left() - margins.right()) * 9 // 16)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The tile's height at ``width``, counted from its parts (the view asks it before
        placing the tile; the grid layout's own answer lags behind a change of poster size)."""
        self.ensurePolished()
        grid = self.grid
        margins = grid.contentsMargins()
        inner = width - margins.left() - margins.right()
        poster = self._poster_height(width)
        self.poster.setFixedHeight(poster)
        if self._beside():
            text_width = inner - self.poster.minimumWidth() - grid.horizontalSpacing()
        else:
            text_width = inner
        spacing = self.texts.spacing()
        labels = [self.title_label, self.place_label, self.credit_label]
        heights = [label.heightForWidth(text_width) for label in labels if not label.isHidden()]
        texts = sum(heights) + spacing * (len(heights) - 1)
        # Then the spacer and the "Regarder le film" button, each after a layout spacing.
        texts += 2 * spacing + self.context.metrics.px(12) + self.action.sizeHint().height()
        body = max(poster, texts) if self._beside() else poster + grid.verticalSpacing() + texts
        return margins.top() + body + margins.bottom()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.poster.setFixedHeight(self._poster_height(self.width()))
        super().resizeEvent(event)

    def set_action_colour(self, colour: str) -> None:
        size = self.context.metrics.px(36)
        self.action_icon.setPixmap(icons.icon("mdi6.play", color=colour).pixmap(size, size))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, False
        if pressed and self.rect().contains(event.position().toPoint()):
            self.activated.emit(self.video)


def colours(palette: Palette) -> dict[str, str]:
    """The list's colours in the warm palette, or from the high-contrast one."""
    warm = palette == WARM
    return {
        "page": palette.background,
        "tile": palette.paper,
        "heading": HEDGE_DARK if warm else palette.accent,
        "text": palette.text,
        "muted": palette.muted,
        "action": TERRACOTTA if warm else palette.accent,
        "action_text": WHITE if warm else palette.background,
        "rule": OCHRE if warm else palette.accent,
    }


def text_pairs(palette: Palette) -> dict[str, tuple[str, str]]:
    """Each text of the list and the colour behind it (checked for contrast in the tests)."""
    c = colours(palette)
    return {
        "VideoTitleBig": (c["heading"], c["tile"]),
        "VideoTitle": (c["text"], c["tile"]),
        "VideoPlace": (c["text"], c["tile"]),
        "VideoCredit": (c["muted"], c["tile"]),
        "VideoActionText": (c["action_text"], c["action"]),
        "VideoSection": (c["heading"], c["page"]),
    }


def _style(metrics: Metrics, palette: Palette) -> str:
    px, font, c = metrics.px, metrics.font, colours(palette)
    # High contrast: a black tile on a black page needs an edge to show where to touch.
    edge = "none" if palette == WARM else f"{px(3)}px solid {palette.accent}"
    return f"""
QFrame#VideoTile {{
    background: {c["tile"]}; border-radius: {px(26)}px; border: {edge};
}}
QLabel#VideoTitleBig {{ font-size: {font(44)}px; font-weight: 700; color: {c["heading"]}; }}
QLabel#VideoTitle {{ font-size: {font(28)}px; font-weight: 700; color: {c["text"]}; }}
QLabel#VideoPlace {{ font-size: {font(25)}px; color: {c["text"]}; }}
QLabel#VideoCredit {{ font-size: {font(24)}px; color: {c["muted"]}; }}
QFrame#VideoAction {{ background: {c["action"]}; border-radius: {px(18)}px; }}
QLabel#VideoActionText {{
    color: {c["action_text"]}; font-size: {font(30)}px; font-weight: 700;
}}
QLabel#VideoSection {{
    font-size: {font(34)}px; font-weight: 700; color: {c["heading"]};
    border-left: {px(8)}px solid {c["rule"]}; padding-left: {px(16)}px;
}}
QAbstractItemView#VideoList {{ background: {c["page"]}; border: none; }}
QAbstractItemView#VideoList > QWidget {{ background: {c["page"]}; }}
"""


class VideosScreen(Screen):
    """The list of films: tap one to watch it full screen."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.model = VideoListModel(context.root, self)
        self.model.language = context.languages.language
        self.model.set_videos(catalogue_views.videos(context.catalogue))
        self.posters = PosterCache(context.root.cache_dir, parent=self)
        self.section = plain_label("VideoSection")
        columns = 2 if context.portrait else 3
        self.view = named(VideoGridView(context.metrics, columns, self.section), "VideoList")
        self.delegate = VideoCardDelegate(context.metrics, self.model, self.posters, self.view)
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.tiles: list[VideoTile] = [
            self._new_tile(video) for video in self.model.videos if video.is_aftermovie
        ]
        self.view.set_header_tiles(list(self.tiles))
        self.view.clicked.connect(self._on_card_clicked)
        self.empty = plain_label("Hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        has_videos = self.model.rowCount() > 0
        self.empty.setVisible(not has_videos)
        self.view.setVisible(has_videos)
        outer.addWidget(self.view)
        outer.addWidget(self.empty)
        self.posters.ready.connect(self._on_poster)
        if context.appearance is not None:
            context.appearance.changed.connect(self._apply_appearance)
        self._apply_appearance()
        self.retranslate()
        for tile in self.tiles:
            self._on_poster(str(context.root.absolute(tile.video.path)))

    def _new_tile(self, video: VideoView) -> VideoTile:
        tile = VideoTile(video, self.context)
        tile.activated.connect(self._open)
        self.posters.pin(self.context.root.absolute(video.path))
        return tile

    def show_route(self, argument: str | None) -> None:
        """Each visit: the videos whose file went missing or damaged since leave the list (and
        come back once fixed), without rebuilding anything when nothing changed."""
        videos = catalogue_views.videos(self.context.catalogue)
        if videos == self.model.videos:
            return
        kept = {tile.video.media_id: tile for tile in self.tiles}
        tiles = []
        for video in videos:
            if video.is_aftermovie:
                tile = kept.pop(video.media_id, None)
                if tile is not None and tile.video != video:
                    tile.hide()
                    tile.deleteLater()
                    tile = None
                if tile is None:
                    tile = self._new_tile(video)
                tiles.append(tile)
        for gone in kept.values():
            gone.hide()
            gone.deleteLater()
        self.tiles = tiles
        self.model.set_videos(videos)
        self.view.set_header_tiles(list(tiles))
        has_videos = self.model.rowCount() > 0
        self.empty.setVisible(not has_videos)
        self.view.setVisible(has_videos)
        self._apply_appearance()
        self.retranslate()
        for tile in tiles:
            self._on_poster(str(self.context.root.absolute(tile.video.path)))

    def _apply_appearance(self) -> None:
        """Colours and font sizes from the visitor's choices (high contrast, larger text)."""
        appearance = self.context.appearance
        palette = appearance.palette if appearance is not None else WARM
        self.setStyleSheet(_style(self.context.metrics, palette))
        for tile in self.tiles:
            tile.set_action_colour(colours(palette)["action_text"])
        self.delegate.set_appearance(palette, self.view.font())
        self.view.invalidate_layout()

    def title(self) -> str:
        return self.tr("Les vidéos")

    def retranslate(self) -> None:
        # The cards are the places' videos, and the other films when staff show them.
        others = any(not (card.place_name or card.is_aftermovie) for card in self.model.videos)
        self.section.setText(
            self.tr("Autres films et vidéos des lieux")
            if others
            else self.tr("Les vidéos des lieux")
        )
        self.empty.setText(self.tr("Aucune vidéo pour le moment."))
        for tile in self.tiles:
            tile.retranslate()
        self.model.set_language(self.context.languages.language)
        self.delegate.detail_lines = self.model.detail_lines()
        self.view.invalidate_layout()

    def reset(self) -> None:
        """A new visitor starts at the top of the list (a fling still going is stopped)."""
        QScroller.scroller(self.view.viewport()).stop()
        self.view.verticalScrollBar().setValue(0)

    def hideEvent(self, event: QHideEvent) -> None:
        """A film opened mid-fling: the list stops where it was, not somewhere further on."""
        QScroller.scroller(self.view.viewport()).stop()
        super().hideEvent(event)

    @Slot(str)
    def _on_poster(self, path: str) -> None:
        for tile in self.tiles:
            if str(self.context.root.absolute(tile.video.path)) == path:
                pixmap = self.posters.pixmap(self.context.root.absolute(tile.video.path))
                if pixmap is not None:
                    tile.poster.set_poster(pixmap)
                return
        self.view.viewport().update()

    def _on_card_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self._open(self.model.video(index.row()))

    def _open(self, video: VideoView) -> None:
        path = self.context.root.absolute(video.path)
        hand_over_poster(path, self.posters.best(path))
        self.navigate.emit(ROUTE_PLAYER, str(video.media_id))
